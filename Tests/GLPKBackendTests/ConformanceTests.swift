import GLPKBackend
import LinearModel
import LPConformance
import Testing

@Suite("GLPK passes the conformance suite")
struct ConformanceTests {
    @Test(arguments: ConformanceSuite.problems)
    func conforms(_ problem: ConformanceProblem) {
        let failures = problem.check(with: GLPKSolver())
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func suiteIsLargeEnough() {
        #expect(ConformanceSuite.problems.count >= 15)
    }

    @Test(arguments: ConformanceSuite.problems.filter { $0.expectation.status == "optimal" })
    func conformsWithPrimalSimplexAndNoPresolve(_ problem: ConformanceProblem) {
        var variant = problem
        variant.options.method = .primal
        variant.options.presolve = false
        let failures = variant.check(with: GLPKSolver())
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
