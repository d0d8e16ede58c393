import COINBackend
import GLPKBackend
import LinearModel
import LPConformance
import Testing

/// The second backend against the same known answers as GLPK, less the ranges (CLP computes
/// them only through its C++ interface).
@Suite("COIN-OR (CLP and CBC) passes the conformance suite")
struct COINConformanceTests {
    @Test(arguments: ConformanceSuite.problems)
    func conforms(_ problem: ConformanceProblem) {
        let failures = problem.withoutRanges.check(with: COINSolver())
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test(arguments: ConformanceSuite.problems.filter { $0.expectation.status == "optimal" })
    func conformsWithPrimalSimplexAndNoPresolve(_ problem: ConformanceProblem) {
        var variant = problem.withoutRanges
        variant.options.method = .primal
        variant.options.presolve = false
        let failures = variant.check(with: COINSolver())
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

@Suite("COIN-OR backend behaviour")
struct COINBehaviourTests {
    /// CLP's answers to random LPs carry a valid optimality certificate and match GLPK's optimum.
    @Test(arguments: Array(UInt64(1)...200))
    func randomLPsAgreeWithGLPK(seed: UInt64) throws {
        let model = RandomModels.mixedLP(seed: seed)
        let coin = try COINSolver().solve(model, options: SolveOptions())
        let glpk = try GLPKSolver().solve(model, options: SolveOptions())
        #expect(coin.termination.status == glpk.termination.status, "seed \(seed)")
        guard glpk.termination == .optimal else { return }
        let objective = try #require(coin.objectiveValue)
        #expect(abs(objective - glpk.objectiveValue!) <= 1e-7 * max(1, abs(objective)), "seed \(seed)")
        let certificate = try #require(model.optimalityCertificate(of: coin))
        #expect(certificate.passed, "seed \(seed): \(certificate.summary)")
    }

    /// max 5a + 4b + 3c + 2d (MIPStartTests' model): a feasible start is taken and the plan is
    /// the optimum 11; a start that breaks a row is never offered.
    @Test func startsAreCheckedBeforeCBCSeesThem() throws {
        let model = MIPStartTests.model()
        var options = SolveOptions()
        options.mipStart = [1, 0, 2, 0]
        let taken = try COINSolver().solve(model, options: options)
        #expect(taken.termination == .optimal)
        #expect(taken.objectiveValue == 11)
        #expect(taken.mip?.start == .accepted)
        #expect(taken.dualSource == .lpWithIntegersFixed)
        options.mipStart = [2, 0, 1, 0]
        let refused = try COINSolver().solve(model, options: options)
        guard case .notOffered(let reason)? = refused.mip?.start else {
            Issue.record("a start that breaks the model was offered: \(String(describing: refused.mip?.start))")
            return
        }
        #expect(reason.contains("breaks the model"))
        #expect(refused.objectiveValue == 11)
    }

    /// A MIP stopped by its node limit reports the limit, the plan it has and a bound above it;
    /// an infeasible MIP says so.
    @Test func limitsAndInfeasibilityAreReportedInAllotsTerms() throws {
        var knapsack = Model(name: "knapsack")
        let items = (0..<30).map { knapsack.addVariable("x\($0)", kind: .binary) }
        knapsack.addConstraint(LinearExpression(Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, Double(20 + ($0 * 37) % 29)) })) <= 200, name: "weight")
        knapsack.maximize(LinearExpression(Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, Double(30 + ($0 * 53) % 31)) })))
        var options = SolveOptions()
        options.mipNodeLimit = 1
        let stopped = try COINSolver().solve(knapsack, options: options)
        #expect(stopped.termination == .limitReached(.nodes), "\(stopped.termination)")
        #expect(try COINSolver().solve(knapsack, options: SolveOptions()).termination == .optimal)
        if let objective = stopped.objectiveValue, let bound = stopped.mip?.bestBound { #expect(bound >= objective - 1e-9) }

        var infeasible = Model(name: "none")
        let x = infeasible.addVariable("x", upperBound: 10, kind: .integer)
        infeasible.addConstraint(2 * x == 7, name: "odd")
        infeasible.maximize(LinearExpression(x))
        #expect(try COINSolver().solve(infeasible, options: SolveOptions()).termination == .infeasible)
    }

    /// CLP's two limits are told apart (its own "iteration limit reached" is true for both):
    /// one iteration on Wyndor is the iteration limit; a millisecond on a 150 × 150 assignment
    /// LP is the time limit.
    @Test func clpNamesTheLimitThatStoppedIt() throws {
        var options = SolveOptions()
        options.iterationLimit = 1
        options.presolve = false
        let wyndor = try #require(ConformanceSuite.problems.first { $0.name.hasPrefix("product mix (Wyndor)") }).model
        #expect(try COINSolver().solve(wyndor, options: options).termination == .limitReached(.iterations))

        var assignment = Model(name: "assignment")
        let n = 150
        var generator = SeededGenerator(seed: 3)
        let x = (0..<n).map { i in (0..<n).map { j in assignment.addVariable("x_\(i)_\(j)", upperBound: 1) } }
        for i in 0..<n { assignment.addConstraint(LinearExpression.sum(x[i]) == 1, name: "row\(i)") }
        for j in 0..<n { assignment.addConstraint(LinearExpression.sum((0..<n).map { x[$0][j] }) == 1, name: "column\(j)") }
        var cost = LinearExpression()
        for i in 0..<n { for j in 0..<n { cost.add(Double.random(in: 1...100, using: &generator), x[i][j]) } }
        assignment.minimize(cost)
        var timed = SolveOptions()
        timed.timeLimit = 0.001
        let stopped = try COINSolver().solve(assignment, options: timed)
        #expect(stopped.termination == .limitReached(.time), "\(stopped.termination) after \(stopped.simplexIterations) iterations, \(stopped.solveSeconds) s")
        #expect(try COINSolver().solve(assignment, options: SolveOptions()).termination == .optimal)
    }

    /// CLP solves run side by side on separate threads (only CBC's are taken one at a time):
    /// a thousand random LPs on 2 threads give what they give one by one, and a handful of
    /// whole-number models alongside them do too.
    @Test func concurrentSolvesEqualSerial() throws {
        var models = (1...1000).map { RandomModels.mixedLP(seed: UInt64($0)) }
        models += (0..<8).map { _ in MIPStartTests.model() }
        let serial = COINSolver().solveAll(models, options: SolveOptions(), jobs: 1)
        let parallel = COINSolver().solveAll(models, options: SolveOptions(), jobs: 2)
        for (index, (a, b)) in zip(serial, parallel).enumerated() {
            let left = try a.get(), right = try b.get()
            #expect(left.termination.status == right.termination.status, "model \(index + 1)")
            #expect(left.objectiveValue == right.objectiveValue, "model \(index + 1)")
            #expect(left.variables.map(\.value) == right.variables.map(\.value), "model \(index + 1)")
            #expect(left.constraints.map(\.shadowPrice) == right.constraints.map(\.shadowPrice), "model \(index + 1)")
        }
    }

    /// Validation comes first: a model GLPK would refuse is refused before CLP or CBC sees it.
    @Test func invalidModelsNeverReachTheLibrary() {
        var model = Model(name: "bad")
        let x = model.addVariable("x", lowerBound: 0, upperBound: .nan)
        model.maximize(LinearExpression(x))
        #expect(throws: SolverError.self) { try COINSolver().solve(model, options: SolveOptions()) }
    }
}
