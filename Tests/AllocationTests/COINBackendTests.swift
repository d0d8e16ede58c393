import Allocation
import AllocationReports
import AllotTestSupport
import COINBackend
import Foundation
import GLPKBackend
import LinearModel
import Testing

/// The second backend on Allot's own models: the hand-solved tiny organisation, and the ITU
/// whole-posts plan against GLPK's (each engine's plan within the other's proven bound).
@Suite("COIN-OR backend on allocation models")
struct COINBackendTests {
    /// `tiny.yaml` has one optimal plan (see HandSolvedTests): CLP must find it, with its prices.
    @Test func theTinyOrganisationHasTheHandSolvedPlanAndPricesOnCLP() throws {
        let scenario = try Scenario.load(TestPaths.testScenarios.appendingPathComponent("tiny.yaml")).scenario
        let solved = try ScenarioDriver.solve(scenario, with: COINSolver())
        let plan = solved.plan
        #expect(plan.termination == .optimal)
        #expect(abs((plan.objective ?? 0) - 24.255) < 1e-9)
        let costs = Dictionary(uniqueKeysWithValues: plan.lines.map { ("\($0.sector).\($0.offering).\($0.year)", $0.cost) })
        let expected = ["A.O1.2025": 30.0, "A.O2.2025": 10, "B.O1.2025": 30, "B.O2.2025": 30,
                        "A.O1.2026": 30, "A.O2.2026": 5, "B.O1.2026": 30, "B.O2.2026": 35]
        for (key, amount) in expected { #expect(abs((costs[key] ?? .nan) - amount) < 1e-9, "\(key)") }
        func price(_ row: String) -> Double? {
            solved.compiled.model.constraint(named: row).map { solved.solution.constraints[$0.index].shadowPrice ?? .nan }
        }
        for year in [2025, 2026] {
            #expect(abs(try #require(price("envelope(\(year))")) - 45) < 1e-9)
            #expect(abs(try #require(price("staffceiling(\(year))")) - 0.7) < 1e-9)
        }
        #expect(abs(try #require(price("commitment(B,P2,O2,2026)")) - -9) < 1e-9)
        #expect(plan.certificate?.passed == true)
        // CLP settles no ties: every report says so, where GLPK's plan says nothing.
        #expect(plan.tiesSettled == false)
        let note = "Ties not settled: where several plans reach this optimum, COIN-OR CLP"
        #expect(plan.text().contains(note) && plan.markdown().contains(note) && plan.html().contains(note))
        #expect(plan.json().rendered().contains("\"tiesSettled\": false"))
        let glpk = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        #expect(glpk.tiesSettled == nil && !glpk.html().contains("Ties not settled") && !glpk.json().rendered().contains("tiesSettled"))
    }

    /// The ITU baseline in whole posts, stopped at a 0.5 % gap: CBC's plan meets every limit and
    /// post, lies under GLPK's proven bound, and GLPK's plan under CBC's; the plan is at least
    /// the rounded LP plan it started from; a second run gives the same plan (no time limit is
    /// reached, so the search is the same).
    @Test func theITUWholePostsPlanOnCBCIsWithinHalfAPercentAndAgreesWithGLPKsBounds() throws {
        var scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-whole-posts.yaml")).scenario
        scenario.mip.relativeGap = 0.005
        scenario.mip.nodeLimit = 1_000_000
        scenario.mip.timeLimit = 600
        let cbc = try ScenarioDriver.solve(scenario, with: COINSolver())
        let plan = cbc.plan
        let mip = try #require(plan.mip)
        #expect(plan.termination.status == "feasible" || plan.termination == .optimal, "\(plan.termination)")
        #expect(try #require(mip.relativeGap) <= 0.005)
        #expect(mip.start == .accepted)
        #expect(plan.check?.passed == true)
        #expect(plan.certificate?.passed == true)
        let objective = try #require(plan.objective)
        let bound = try #require(mip.bestBound)

        var glpkScenario = scenario
        glpkScenario.mip.relativeGap = 0.015
        glpkScenario.mip.nodeLimit = 20_000
        let glpk = try ScenarioDriver.solve(glpkScenario, with: GLPKSolver()).plan
        let glpkObjective = try #require(glpk.objective)
        let glpkBound = try #require(glpk.mip?.bestBound)
        #expect(objective <= glpkBound + 1e-9, "CBC's plan \(objective) above GLPK's bound \(glpkBound)")
        #expect(glpkObjective <= bound + 1e-9, "GLPK's plan \(glpkObjective) above CBC's bound \(bound)")
        // CBC's root cuts prove a bound GLPK's search does not reach.
        #expect(bound < glpkBound)

        let again = try ScenarioDriver.solve(scenario, with: COINSolver())
        #expect(again.plan.objective == objective)
        #expect(again.solution.variables.map(\.value) == cbc.solution.variables.map(\.value))
    }
}
