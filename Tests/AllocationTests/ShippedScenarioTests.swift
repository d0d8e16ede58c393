import Allocation
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Testing

/// Every file in `scenarios/` is valid, solves to optimal, and its exported LP gives the same
/// objective in glpsol.
@Suite("Shipped scenarios")
struct ShippedScenarioTests {
    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: TestPaths.shippedScenarios.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }

    @Test func theShippedSetIsThere() {
        #expect(Self.files.contains("itu-2024-2027.yaml"))
        #expect(Self.files.count >= 6)
    }

    @Test(arguments: files)
    func solvesToOptimalAndGlpsolAgrees(file: String) throws {
        let (scenario, warnings) = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent(file))
        #expect(warnings.isEmpty, "\(warnings)")
        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver())
        let (program, plan, _) = (solved.compiled, solved.plan, solved.solution)
        let objective = try #require(plan.objective)
        if program.model.isMixedInteger {
            // A MIP stops within its gap of the search's bound, which glpsol's LP relaxation bounds from above.
            #expect(plan.termination.status == "feasible" || plan.termination == .optimal)
            let relaxation = try Glpsol.objective(of: program.model, relaxation: true)
            let bound = try #require(plan.mip?.bestBound)
            #expect(objective <= bound + 1e-9 && bound <= relaxation + 1e-6, "\(file)")
            #expect(objective >= bound * (1 - scenario.mip.relativeGap) - 1e-9, "\(file)")
        } else {
            #expect(plan.termination == .optimal)
            let glpsol = try Glpsol.objective(of: program.model)
            #expect(abs(glpsol - objective) <= 1e-6 * max(1, abs(objective)), "\(file): glpsol \(glpsol) vs \(objective)")
        }
        #expect(program.model.variables.count > 1000 && program.model.constraints.count > 1000, "ITU-sized")
    }

    @Test func bothCybersecurityOptionsSolveAndDiffer() throws {
        let standalone = try ScenarioDriver.solve(
            Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario, with: GLPKSolver()).plan
        let crossCutting = try ScenarioDriver.solve(
            Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-cybersecurity-cross-cutting.yaml")).scenario, with: GLPKSolver()).plan
        #expect(standalone.scenario.priorities.contains { $0.id == "Cybersecurity" })
        #expect(!crossCutting.scenario.priorities.contains { $0.id == "Cybersecurity" })
        #expect(Set(crossCutting.lines.filter(\.isCybersecurity).map(\.priority)) == ["Infrastructure", "Applications", "EnablingEnvironment"])
        #expect(standalone.cybersecurityCost > 0 && crossCutting.cybersecurityCost > 0)
        // Both meet the 4 % floor on cybersecurity; the structures differ, so the plans do.
        #expect(crossCutting.cybersecurityCost >= 0.04 * crossCutting.totalCost - 1e-6)
        #expect(abs(standalone.cybersecurityCost - crossCutting.cybersecurityCost) > 1)
        #expect(standalone.objective != crossCutting.objective)
    }

    @Test func fixedCommitmentsAreInTheirCells() throws {
        let scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario
        #expect(scenario.fixedCommitments.map(\.name) == ["WTSA-24", "WTDC-25", "PP-26", "WRC-27", "RA-27"])
        let plan = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        for commitment in scenario.fixedCommitments {
            let line = try #require(plan.lines.first {
                $0.sector == commitment.sector && $0.line == commitment.line && $0.offering == commitment.offering && $0.year == commitment.year
            })
            #expect(line.cost >= commitment.amount - 1e-6)
            #expect(line.committed == commitment.amount)
        }
    }

    @Test func lpNamesSurviveTheWriterAndMapBackOntoThePlan() throws {
        let scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario
        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver())
        let (program, plan, _) = (solved.compiled, solved.plan, solved.solution)
        let folder = try TemporaryDirectory()
        let path = folder.path("itu.lp")
        try ModelFile.write(program.model, to: path, format: .cplexLP)
        let reread = try ModelFile.read(from: path, format: .cplexLP)
        // GLPK's reader numbers columns in order of appearance: compare as sets.
        #expect(Set(reread.variables.map(\.name)) == Set(program.model.variables.map(\.name)))
        #expect(reread.constraints.map(\.name) == program.model.constraints.map(\.name))
        #expect(program.model.variables.contains { $0.name == "budget(ITUD,Applications,CapacityDevelopment,2026)" })
        // The solution of the file read back, mapped onto the original columns by name, is an
        // optimal plan of the original model (alternative optima may differ line by line).
        let solution = try GLPKSolver().solve(reread, options: SolveOptions())
        let byName = Dictionary(uniqueKeysWithValues: solution.variables.map { ($0.name, $0.value) })
        let values = try program.model.variables.map { try #require(byName[$0.name], "\($0.name) not read back") }
        let objective = try #require(plan.objective)
        #expect(abs(program.model.objectiveValue(at: values) - objective) <= 1e-7 * objective)
        for row in program.model.constraints {
            let activity = row.activity(at: values)
            #expect(activity >= row.bounds.lower - 1e-6 * max(1, abs(row.bounds.lower)) && activity <= row.bounds.upper + 1e-6 * max(1, abs(row.bounds.upper)), "\(row.name)")
        }
    }
}
