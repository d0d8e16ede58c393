import Allocation
import AllotTestSupport
import Foundation
import GLPKBackend
import Testing

@Suite("Scenario generator")
struct ScenarioGeneratorTests {
    static func load(_ generator: ScenarioGenerator) throws -> Scenario {
        let folder = try TemporaryDirectory()
        let url = folder.url.appendingPathComponent("generated.yaml")
        try Data(generator.yaml().utf8).write(to: url)
        return try Scenario.load(url).scenario
    }

    @Test func ituSizeLoadsSolvesAndMatchesTheBaselinesColumns() throws {
        let scenario = try Self.load(ScenarioGenerator(seed: 4))
        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver())
        #expect(solved.plan.termination == .optimal)
        let baseline = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario
        let itu = ScenarioDriver.compile(baseline).model
        let generated = solved.compiled.model
        // 52 mandated lines of 192 at density 0.27, as in the baseline.
        #expect(generated.variables.count == itu.variables.count)
        #expect(abs(Double(generated.constraints.count) / Double(itu.constraints.count) - 1) < 0.1)
    }

    @Test func sizesScaleAndEveryOneIsFeasible() throws {
        let one = try Self.load(ScenarioGenerator(seed: 2))
        let three = try Self.load(ScenarioGenerator(sectors: 6, priorities: 10, offerings: 10, seed: 2))
        let columns = { (scenario: Scenario) in Double(ScenarioDriver.compile(scenario).model.variables.count) }
        #expect(abs(columns(three) / columns(one) - 3) < 0.2)
        #expect(try ScenarioDriver.solve(three, with: GLPKSolver()).plan.termination == .optimal)
        #expect(Set(three.sectors.map(\.id)).count == 6)
        #expect(Set(three.activities.map(\.sector)).count == 6, "every sector has a mandate")
    }

    @Test func sameParametersSameBytesOtherSeedOtherScenario() {
        #expect(ScenarioGenerator(seed: 9).yaml() == ScenarioGenerator(seed: 9).yaml())
        #expect(ScenarioGenerator(seed: 9).yaml() != ScenarioGenerator(seed: 10).yaml())
        #expect(ScenarioGenerator(sectors: 0).problem == "--sectors must be between 1 and 50")
        #expect(ScenarioGenerator(density: .nan).problem != nil)
    }
}
