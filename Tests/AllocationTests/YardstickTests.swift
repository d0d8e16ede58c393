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
