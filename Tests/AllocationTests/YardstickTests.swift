import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import Testing

/// Comparisons value every plan with the baseline's weights and no penalties, and say when the
/// scenarios' own objectives measure different things.
@Suite("One yardstick across scenarios")
struct YardstickTests {
    static let baselineFile = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")

    static func plan(_ scenario: Scenario) throws -> AllocationPlan {
        try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
    }

    @Test func doublingEveryWeightChangesNothingAtBaselineWeights() throws {
        let baseline = try Scenario.load(Self.baselineFile).scenario
        var doubled = baseline
        for index in doubled.targets.indices { doubled.targets[index].weight *= 2 }
        let comparison = try #require(PlanComparison(baseline: try Self.plan(baseline), scenario: try Self.plan(doubled)))
        #expect(abs(comparison.changeAtBaselineWeights) <= 1e-9 * comparison.baselineImpactAtBaselineWeights)
        #expect(abs(comparison.objectiveChange / comparison.baselineObjective - 1) < 1e-9, "its own objective doubles")
        #expect(comparison.objectiveDifferences.count == 1 && comparison.objectiveDifferences[0].hasPrefix("other weights on targets"))
        #expect(comparison.markdown().contains("is not comparable: other weights on targets"))
    }

    @Test func theSamePlanIsComparableWithItself() throws {
        let plan = try Self.plan(try Scenario.load(Self.baselineFile).scenario)
        let comparison = try #require(PlanComparison(baseline: plan, scenario: plan))
        #expect(comparison.objectiveDifferences.isEmpty)
        #expect(comparison.changeAtBaselineWeights == 0)
        // With the baseline's own weights and no floors, the yardstick is the objective itself.
        #expect(abs(comparison.impactAtBaselineWeights - comparison.objective) <= 1e-12 * comparison.objective)
    }

    @Test func developmentFirstWeightsAreNotAFortySevenPercentGain() throws {
        let baseline = try Self.plan(try Scenario.load(Self.baselineFile).scenario)
        let other = try Self.plan(try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-development-first.yaml")).scenario)
        let comparison = try #require(PlanComparison(baseline: baseline, scenario: other))
        #expect(comparison.objectiveChange / comparison.baselineObjective > 0.4, "its own weights make its objective 47 % larger")
        #expect(abs(comparison.changeAtBaselineWeights / comparison.baselineImpactAtBaselineWeights) < 0.001)
        #expect(comparison.objectiveDifferences.contains { $0.hasPrefix("other weights") })
    }

    @Test func floorsAndObjectiveKindsAreNamed() throws {
        let scratch = try TemporaryDirectory()
        try FileManager.default.copyItem(at: TestPaths.testScenarios.appendingPathComponent("tiny.yaml"), to: scratch.url.appendingPathComponent("tiny.yaml"))
        let floored = scratch.url.appendingPathComponent("floored.yaml")
        try "extends: tiny.yaml\nname: Tiny, floored and lexicographic\nobjective: lexicographic\ntargets:\n  T1: {floor: {attainment: 0.9, penalty: 100}}\n"
            .write(to: floored, atomically: true, encoding: .utf8)
        let baseline = try Self.plan(try Scenario.load(scratch.url.appendingPathComponent("tiny.yaml")).scenario)
        let other = try Self.plan(try Scenario.load(floored).scenario)
        let comparison = try #require(PlanComparison(baseline: baseline, scenario: other))
        #expect(comparison.objectiveDifferences == ["objective lexicographic, the baseline's weighted", "other floors or penalties on target T1"])
        let summary = comparison.json()
        guard case .object(let document) = summary, case .object(let objective)? = document["objective"] else {
            Issue.record("no objective in the comparison JSON")
            return
        }
        #expect(objective["comparable"] == .bool(false))
    }
}

/// Money left unspent is shown, per year, with what keeps it from being spent.
@Suite("Unspent money")
struct UnspentMoneyTests {
    @Test func theBaselineSpendsEveryEnvelope() throws {
        let plan = try YardstickTests.plan(try Scenario.load(YardstickTests.baselineFile).scenario)
        #expect(plan.envelopeUse.count == 4)
        for use in plan.envelopeUse { #expect(abs(use.unspent ?? .nan) < 1e-6, "\(use.year)") }
        #expect(plan.unspentMoney.isEmpty)
        #expect(plan.unspentSentences().isEmpty)
    }

    @Test func aStaffFreezeLeavesMoneyAndNamesTheCeiling() throws {
        let plan = try YardstickTests.plan(try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-tight-staff-freeze.yaml")).scenario)
        let unspent = plan.unspentMoney
        #expect(unspent.map(\.use.year) == [2025, 2026, 2027])
        for money in unspent {
            let envelope = try #require(money.use.envelope)
            let spent = plan.lines.filter { $0.year == money.use.year }.reduce(0) { $0 + $1.cost }
            #expect(abs((money.use.unspent ?? .nan) - (envelope - spent)) < 1e-6)
            #expect(money.blockingLimits.first?.meaning.key == .staffCeiling(year: money.use.year), "\(money.use.year)")
            #expect(money.blockingLimits.allSatisfy { $0.shadowPrice > 0 })
        }
        let sentences = plan.unspentSentences()
        #expect(sentences.count == 3)
        // Exact: CHF 10,900.2k unspent in 2027; printed, the envelope less the spending as Appendix
        // A prints it (155,099, rounded down so that the years add up to 646,189): 10,901.
        #expect(sentences[2].hasPrefix("2027: CHF 10,901k of the CHF 166,000k envelope (6.6 %) is left unspent; what keeps it from being spent: Staff ceiling 2027"))
        let table = plan.envelopeTable()
        #expect(table.rows[3] == ["2027", "166,000", "155,099", "10,901", "6.6 %"])
        #expect(table.rows.last == ["Total", "661,000", "646,189", "14,811", "2.2 %"])
        #expect(plan.markdown().contains("## A.7 Envelopes and spending"))
        #expect(plan.envelopesCSV().split(separator: "\r\n").count == 5)
    }
}

@Suite("The plan's weighted impact")
struct PlanWeightedImpactTests {
    @Test func itIsTheObjectiveOfAWeightedPlanAndTheSumOfALexicographicPlansGoals() throws {
        let baseline = try YardstickTests.plan(try Scenario.load(YardstickTests.baselineFile).scenario)
        #expect(abs(baseline.weightedImpact - (baseline.objective ?? .nan)) <= 1e-9 * baseline.weightedImpact)
        let lexicographic = try YardstickTests.plan(try Scenario.load(TestPaths.testScenarios.appendingPathComponent("tiny-lexicographic.yaml")).scenario)
        let goals = lexicographic.stages.compactMap(\.objective)
        #expect(goals.count == 2)
        // Stage 1 is Goal G's weighted sum, held in stage 2 to within the objective tolerance.
        #expect(abs(lexicographic.weightedImpact - goals.reduce(0, +)) <= 1e-5 * lexicographic.weightedImpact)
        #expect(lexicographic.markdown().contains("Weighted impact of the plan: "))
    }
}

@Suite("Indicator levels")
struct IndicatorLevelTests {
    @Test func thePlansLevelIsTheBaselineMovedByTheImpactInTheTargetsDirection() throws {
        let scenario = try Scenario.load(SecondOrganisationTests.file).scenario
        let plan = try YardstickTests.plan(scenario)
        let dtp3 = try #require(plan.targets.first { $0.id == "A1" })
        #expect(abs((dtp3.impliedLevel ?? .nan) - (86 + dtp3.impact)) < 1e-12)
        let smoking = try #require(plan.targets.first { $0.id == "A2" })
        #expect(abs((smoking.impliedLevel ?? .nan) - (18 - smoking.impact)) < 1e-12, "lower is better: the level falls")
        let table = try #require(plan.tables().first { $0.title == "Where the indicators stand" })
        #expect(table.rows.first?.prefix(3) == ["A1", "DTP3 coverage at 12 months (%)", "86"])
        #expect(plan.markdown().contains("### Where the indicators stand"))
        let climate = try YardstickTests.plan(try Scenario.load(YardstickTests.baselineFile).scenario).targets.first { $0.id == "2.7" }
        #expect(climate?.impliedLevel == nil, "no baseline, no level")
    }
}
