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
        #expect(markdown.contains("| year | 2027 |"))
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
