import GLPKBackend
import LinearModel
import LPConformance
import Testing

@Suite("GLPK solver behaviour")
struct SolverBehaviourTests {
    /// Jeroslow's problem: 2·Σx = n with n odd has no integer solution, but plain branch-and-bound
    /// needs exponentially many nodes to prove it.
    private func jeroslow(_ count: Int) -> Model {
        var model = Model(name: "jeroslow")
        let items = (0..<count).map { model.addVariable("x\($0)", kind: .binary) }
        model.addConstraint(2 * LinearExpression.sum(items) == Double(count), name: "parity")
        model.maximize(LinearExpression(items[0]))
        return model
    }

    @Test func invalidModelIsAThrownErrorNotAnAbort() {
        var model = Model(name: "bad")
        let x = model.addVariable("x", lowerBound: .nan)
        model.addConstraint(x <= .infinity, name: "c")
        model.addVariable(String(repeating: "n", count: 300))
        #expect {
            try GLPKSolver().solve(model, options: SolveOptions())
        } throws: { error in
            guard case SolverError.invalidModel(let validation) = error else { return false }
            return validation.issues.count == 3
        }
    }

    @Test func invalidOptionsAreAThrownError() {
        var options = SolveOptions()
        options.mipRelativeGap = .infinity
        #expect {
            try GLPKSolver().solve(ConformanceSuite.problems[0].model, options: options)
        } throws: { error in
            guard case SolverError.invalidOptions(let message) = error else { return false }
            return message == "MIP relative gap inf must be a finite number >= 0"
        }
    }

    @Test func emptyModelIsOptimalAtItsConstant() throws {
        var model = Model(name: "empty")
        model.maximize(LinearExpression(constant: 7))
        let solution = try GLPKSolver().solve(model, options: SolveOptions())
        #expect(solution.termination == .optimal)
        #expect(solution.objectiveValue == 7)
    }

    @Test func modelWithoutRowsStillGetsRanges() throws {
        var model = Model(name: "box")
        let x = model.addVariable("x", upperBound: 4)
        model.maximize(2 * x)
        var options = SolveOptions()
        options.computeSensitivity = true
        let solution = try GLPKSolver().solve(model, options: options)
        #expect(solution.objectiveValue == 8)
        let range = try #require(solution.sensitivity?.variables.first)
        #expect(range.basisStatus == .atUpperBound)
        #expect(range.allowableIncrease == .infinity)
        #expect(range.allowableDecrease == 2)
    }

    @Test func iterationLimitIsReportedAsALimit() throws {
        var options = SolveOptions()
        options.presolve = false
        options.method = .primal
        options.iterationLimit = 1
        let solution = try GLPKSolver().solve(ConformanceSuite.problems[0].model, options: options)
        #expect(solution.termination == .limitReached(.iterations))
        #expect(solution.termination.status == "limit")
        #expect(solution.dualSource == nil)
    }

    @Test func nodeLimitStopsBranchAndCut() throws {
        var options = SolveOptions()
        options.mipNodeLimit = 50
        let solution = try GLPKSolver().solve(jeroslow(41), options: options)
        #expect(solution.termination == .limitReached(.nodes))
        #expect(!solution.hasSolution)
    }

    @Test func timeLimitStopsBranchAndCut() throws {
        var options = SolveOptions()
        options.timeLimit = 0.5
        let solution = try GLPKSolver().solve(jeroslow(61), options: options)
        #expect(solution.termination == .limitReached(.time))
        #expect(solution.solveSeconds < 5)
    }

    @Test func smallJeroslowIsProvenInfeasible() throws {
        let solution = try GLPKSolver().solve(jeroslow(5), options: SolveOptions())
        #expect(solution.termination == .infeasible)
    }

    @Test func mipReportsBoundAndGapConsistently() throws {
        for seed in UInt64(1)...20 {
            let model = RandomModels.boundedLP(seed: seed)
            let integral = integerCopy(model)
            var options = SolveOptions()
            options.mipRelativeGap = 0.05
            let solution = try GLPKSolver().solve(integral, options: options)
            let exact = try GLPKSolver().solve(integral, options: SolveOptions())
            let relaxation = try GLPKSolver().solve(model, options: SolveOptions())
            let objective = try #require(solution.objectiveValue, "seed \(seed)")
            let optimum = try #require(exact.objectiveValue, "seed \(seed)")
            let mip = try #require(solution.mip, "seed \(seed)")
            let bound = try #require(mip.bestBound, "seed \(seed)")
            #expect(solution.termination.status == "optimal" || solution.termination.status == "feasible", "seed \(seed)")
            #expect(objective <= optimum + 1e-9 && objective >= optimum * (1 - 0.05) - 1e-9, "seed \(seed)")
            #expect(bound >= optimum - 1e-9 && bound <= (relaxation.objectiveValue ?? .infinity) + 1e-9, "seed \(seed)")
            #expect(abs((mip.relativeGap ?? .nan) - abs(objective - bound) / (abs(objective) + Double.ulpOfOne)) < 1e-12, "seed \(seed)")
            #expect(exact.termination == .optimal && exact.mip?.relativeGap == 0, "seed \(seed)")
            for variable in solution.variables {
                #expect(variable.value == variable.value.rounded(), "seed \(seed): \(variable.name) = \(variable.value)")
            }
        }
    }

    private func integerCopy(_ model: Model) -> Model {
        var copy = Model(name: model.name)
        var map: [Variable: Variable] = [:]
        for (index, variable) in model.variables.enumerated() {
            map[Variable(index: index)] = copy.addVariable(
                variable.name, lowerBound: variable.lowerBound, upperBound: variable.upperBound, kind: .integer)
        }
        for row in model.constraints {
            copy.addConstraint(ConstraintDefinition(
                name: row.name,
                terms: row.terms.map { LinearTerm(variable: map[$0.variable]!, coefficient: $0.coefficient) },
                bounds: row.bounds))
        }
        copy.objective = model.objective
        return copy
    }

    @Test func mipSensitivityIsThatOfTheFixedLP() throws {
        var options = SolveOptions()
        options.computeSensitivity = true
        let knapsack = try #require(ConformanceSuite.problems.first { $0.name.hasPrefix("knapsack") })
        let solution = try GLPKSolver().solve(knapsack.model, options: options)
        let sensitivity = try #require(solution.sensitivity)
        #expect(sensitivity.source == .lpWithIntegersFixed)
        // Every integer variable is fixed in that LP: its coefficient range is unlimited.
        #expect(sensitivity.variables.allSatisfy { $0.basisStatus == .fixed && $0.allowableIncrease == .infinity })
    }

    @Test func sameModelSolvedOnManyThreadsGivesTheSameAnswer() async throws {
        let models = (1...200).map { RandomModels.boundedLP(seed: UInt64($0)) }
        let serial = try models.map { try GLPKSolver().solve($0, options: SolveOptions()).objectiveValue }
        let parallel = try await withThrowingTaskGroup(of: (Int, Double?).self) { group in
            for (index, model) in models.enumerated() {
                group.addTask { (index, try GLPKSolver().solve(model, options: SolveOptions()).objectiveValue) }
            }
            var results = [Double?](repeating: nil, count: models.count)
            for try await (index, value) in group { results[index] = value }
            return results
        }
        #expect(parallel == serial)
    }
}
