import Allocation
import AllotTestSupport
import COINBackend
import GLPKBackend
import LinearModel
import Testing

/// A whole-posts search stopped by its node limit before it found a plan of its own still has
/// the rounded LP plan it was given: that is the plan, and the gap is reported only where the
/// search proved a bound.
@Suite("Whole posts stopped at once")
struct WholePostsLimitTests {
    static func stoppedAtOnce() throws -> Scenario {
        var scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-whole-posts.yaml")).scenario
        scenario.mip.nodeLimit = 1
        return scenario
    }

    @Test func glpkReportsTheStartAndNoGapItHasNotProven() throws {
        let solved = try ScenarioDriver.solve(try Self.stoppedAtOnce(), with: GLPKSolver())
        let plan = solved.plan
        #expect(plan.termination == .limitReached(.nodes))
        let mip = try #require(plan.mip)
        #expect(mip.start == .accepted)
        #expect(mip.bestBound == nil && mip.relativeGap == nil, "\(mip)")
        #expect(plan.check?.passed == true)
        // The rounded LP plan of the GLPK relaxation, worth 1.78505 (budgets re-optimised).
        #expect(abs(try #require(plan.objective) - 1.7850481173662296) < 1e-9)
        #expect(plan.text().contains("relative gap unknown to the bound unknown"))
    }

    @Test func cbcReportsTheStartWithTheBoundOfItsRoot() throws {
        let plan = try ScenarioDriver.solve(try Self.stoppedAtOnce(), with: COINSolver()).plan
        #expect(plan.termination == .limitReached(.nodes))
        let mip = try #require(plan.mip)
        #expect(mip.start == .accepted)
        #expect(plan.check?.passed == true)
        let objective = try #require(plan.objective)
        let bound = try #require(mip.bestBound)
        // CBC's root (cuts included) bounds the plan from above, under the LP's 1.8537.
        #expect(bound >= objective && bound < 1.8537)
        #expect(objective >= 1.785)
    }
}
