import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import Runner
import Testing

/// The shipped non-ITU example, a public-health agency: the headline figures hold for another
/// organisation too.
@Suite("Another organisation's scenario")
struct SecondOrganisationTests {
    static let file = TestPaths.shippedScenarios.appendingPathComponent("examples/public-health-agency.yaml")

    @Test func itSolvesAndSaysWhatLeavesMoneyUnspent() throws {
        let (scenario, warnings) = try Scenario.load(Self.file)
        #expect(warnings.isEmpty, "\(warnings)")
        let plan = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        #expect(plan.termination == .optimal)
        #expect(plan.targets.allSatisfy { $0.attainment > 0 && $0.attainment < 1 })
        let unspent = plan.unspentMoney
        #expect(unspent.map(\.use.year) == [2027])
        let money = try #require(unspent.first)
        #expect((money.use.unspentShare ?? 0) > 0.1)
        #expect(money.blockingLimits.first?.meaning.key == .staffCeiling(year: 2027))
        for use in plan.envelopeUse where use.year != 2027 { #expect(abs(use.unspent ?? .nan) < 1e-6, "\(use.year)") }
        #expect(plan.json().rendered().contains("\"blockingLimits\""))
    }

    @Test func raisingTheCeilingIsAPositiveSignedChangeAtTheSameWeights() throws {
        let baseline = try ScenarioDriver.solve(try Scenario.load(Self.file).scenario, with: GLPKSolver()).plan
        let raised = try Scenario.load(Self.file, overrides: [ScenarioOverride(path: "staff.ceiling.2027", value: 150)]).scenario
        let plan = try ScenarioDriver.solve(raised, with: GLPKSolver()).plan
        #expect(plan.unspentMoney.isEmpty || (plan.unspentMoney.first?.use.unspent ?? 0) < 6_601)
        let comparison = try #require(PlanComparison(baseline: baseline, scenario: plan))
        #expect(comparison.objectiveDifferences.isEmpty)
        #expect(comparison.changeAtBaselineWeights > 0)
        #expect(abs(comparison.changeAtBaselineWeights - comparison.objectiveChange) < 1e-12, "same weights, no floors: the two agree")
        // The year the ceiling moved gains money and staff; the others keep their envelopes.
        let year2027 = try #require(comparison.movers.first { $0.dimension == "year" && $0.key == "2027" })
        #expect(year2027.change > 0 && year2027.staffChange > 0 && year2027.scenarioStaff <= 150 + 1e-6)
        let lines2027 = plan.lines.filter { $0.year == 2027 }
        #expect(abs(year2027.scenarioStaff - lines2027.reduce(0) { $0 + $1.totalStaff }) < 1e-9)
        #expect(comparison.movers.filter { $0.dimension == "year" }.count == 3)
        let markdown = comparison.markdown()
        #expect(markdown.contains("(+"), "a positive change carries its sign")
        #expect(markdown.contains("| Year | 2027 |"))
        #expect(markdown.contains("Both plans are solved for this same objective."))
    }

    @Test func doubledWeightsChangeNothingAtBaselineWeights() throws {
        let scenario = try Scenario.load(Self.file).scenario
        var doubled = scenario
        for index in doubled.targets.indices { doubled.targets[index].weight *= 2 }
        let comparison = try #require(PlanComparison(
            baseline: try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan,
            scenario: try ScenarioDriver.solve(doubled, with: GLPKSolver()).plan))
        #expect(abs(comparison.changeAtBaselineWeights) <= 1e-9)
        #expect(!comparison.objectiveDifferences.isEmpty)
    }
}

@Suite("Run summary side by side")
struct SideBySideTests {
    @Test func everyScenarioIsAColumnWithTheFiguresOfItsPlan() throws {
        let scratch = try TemporaryDirectory()
        let inputs = ["itu-2024-2027.yaml", "itu-tight-staff-freeze.yaml"].map { TestPaths.shippedScenarios.appendingPathComponent($0).path }
        let summary = try ScenarioRunner.run(RunConfiguration(inputs: inputs, outputFolder: scratch.url, jobs: 2), solver: GLPKSolver())
        let csv = try String(contentsOf: scratch.url.appendingPathComponent("summary.csv"), encoding: .utf8)
        let rows = csv.trimmingCharacters(in: ["\u{FEFF}"]).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["figure", "itu-2024-2027.yaml", "itu-tight-staff-freeze.yaml"])
        let byLabel = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], Array($0.dropFirst())) })
        #expect(byLabel["Unspent 2027 (CHF k)"]?.first == "0")
        #expect(abs(Double(byLabel["Unspent 2027 (CHF k)"]![1])! - 10_900.17) < 0.01)
        guard case .solved(let freeze, _)? = summary.entries.last?.outcome else {
            Issue.record("the staff freeze did not solve")
            return
        }
        let staff2027 = freeze.lines.filter { $0.year == 2027 }.reduce(0) { $0 + $1.totalStaff }
        #expect(abs(Double(byLabel["Staff 2027 (FTE)"]![1])! - staff2027) <= 1e-9 * staff2027)
        #expect(try String(contentsOf: scratch.url.appendingPathComponent("summary.md"), encoding: .utf8).contains("## All scenarios side by side"))
    }
}

/// The cap on the other organisation: with ten times its money and staff, its targets come within
/// reach. Impact past a target's gap earns nothing, the reports say which targets are reached, and
/// the plan's own valuation is the LP's objective.
@Suite("Attainment cap on another organisation")
struct SecondOrganisationCapTests {
    @Test func tenTimesTheMoneyReachesTargetsAndCountsThemAtMostOnce() throws {
        let file = SecondOrganisationTests.file
        var overrides: [ScenarioOverride] = []
        for (year, envelope) in [(2025, 48_000.0), (2026, 49_000), (2027, 50_000)] {
            overrides.append(ScenarioOverride(path: "envelopes.\(year)", value: envelope * 10))
        }
        for (year, ceiling) in [(2025, 150.0), (2026, 150), (2027, 120)] {
            overrides.append(ScenarioOverride(path: "staff.ceiling.\(year)", value: ceiling * 10))
        }
        for (sector, ceiling) in [("SURV", 60.0), ("IMMU", 55), ("PROM", 40)] {
            overrides.append(ScenarioOverride(path: "sectors.\(sector).staff_ceiling", value: ceiling * 10))
        }
        let (scenario, warnings) = try Scenario.load(file, overrides: overrides)
        #expect(warnings.contains { $0.description.contains("earns nothing in the objective") }, "the data check sees targets within reach")
        let plan = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        #expect(plan.termination == .optimal)
        let reached = plan.targets.filter(\.isReached)
        #expect(!reached.isEmpty, "\(plan.targets.map { ($0.id, $0.attainment) })")
        #expect(plan.targets.allSatisfy { $0.countedAttainment <= 1 })
        let objective = try #require(plan.objective)
        #expect(abs(plan.weightedImpact - objective) <= 1e-9 * max(1, objective))
        #expect(objective <= scenario.targets.reduce(0) { $0 + $1.weight } + 1e-9, "at most every weight at 100 %")
        for target in reached { #expect(plan.text().contains("\(Figures.percent(target.attainment)) (reached)"), "\(target.id)") }
        #expect(plan.json().rendered().contains("\"reached\": true"))
    }
}
