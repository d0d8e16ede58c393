import CGLPK
import LinearModel

/// Solves ``Model`` values with GLPK: simplex for LPs, branch-and-cut for MIPs.
///
/// `Sendable` because it holds no state: each call to ``solve(_:options:)`` builds, solves and
/// deletes its own GLPK problem on the calling thread, inside one synchronous call. Calls on
/// different threads at the same time are safe (GLPK's environment is thread-local).
public struct GLPKSolver: LPSolver {
    public init() {}

    public var solverName: String { "GLPK \(GLPKSolver.version)" }

    /// GLPK's library version, e.g. `5.0`.
    public static var version: String { String(cString: glp_version()) }

    public func solve(_ model: Model, options: SolveOptions) throws(SolverError) -> Solution {
        do { try model.validate() } catch { throw .invalidModel(error) }
        if let problem = options.problem() { throw .invalidOptions(problem) }

        return solveLoaded(load(model, options: options), model: model, options: options)
    }

    /// GLPK's environment is per thread; a worker thread that used GLPK frees it before exiting.
    public func releaseThreadResources() {
        _ = glp_free_env()
    }

    func load(_ model: Model, options: SolveOptions) -> GLPKProblem {
        let problem = GLPKProblem()
        problem.load(model)
        if options.scaling { problem.scale() }
        return problem
    }

    /// Solves a problem already loaded with `model` (validated), from whatever basis it holds.
    func solveLoaded(_ problem: GLPKProblem, model: Model, options: SolveOptions) -> Solution {
        let clock = ContinuousClock()
        let start = clock.now
        let iterationsBefore = problem.simplexIterations
        var solution = model.isMixedInteger
            ? solveMIP(problem, model: model, options: options)
            : solveLP(problem, model: model, options: options)
        let elapsed = clock.now - start
        solution.solveSeconds = elapsed.inSeconds
        // GLPK counts iterations over the problem's life; a warm re-solve reports only its own.
        solution.simplexIterations = problem.simplexIterations - iterationsBefore
        return solution
    }

    // MARK: LP

    private func solveLP(_ problem: GLPKProblem, model: Model, options: SolveOptions) -> Solution {
        let termination = runSimplex(problem, options: options)
        let settled = termination == .optimal && options.settleTies ? settleTies(problem, model: model, options: options) : nil
        var solution = emptySolution(termination, iterations: problem.simplexIterations)
        solution.tiesSettled = settled
        let hasPoint = termination == .optimal || (termination.isLimit && problem.primalIsFeasible)
        guard hasPoint else { return solution }

        solution.objectiveValue = problem.objectiveValue
        let withDuals = termination == .optimal
        solution.dualSource = withDuals ? .lp : nil
        solution.variables = model.variables.indices.map { j in
            VariableResult(
                name: model.variables[j].name, value: problem.columnValue(j),
                reducedCost: withDuals ? problem.columnReducedCost(j) : nil,
                basisStatus: problem.columnStatus(j))
        }
        solution.constraints = model.constraints.indices.map { i in
            let activity = problem.rowActivity(i)
            return ConstraintResult(
                name: model.constraints[i].name, activity: activity,
                slack: model.constraints[i].bounds.slack(at: activity),
                shadowPrice: withDuals ? problem.rowDual(i) : nil,
                basisStatus: problem.rowStatus(i))
        }
        if withDuals { solution.markDegeneracy(of: model) }
        if options.computeSensitivity {
            attachSensitivity(to: &solution, problem: problem, model: model, source: .lp, options: options)
        }
        return solution
    }

    /// Moves an optimal basis to the optimal solution ``OptimalFace`` picks: the LP restricted to
    /// its optimal face (read from this basis) is solved for the tie-break objective by the
    /// primal simplex from this basis, which is feasible there; then the model's own limits and
    /// objective come back and the primal simplex makes the basis dual feasible again. That last
    /// run starts at an optimal point, so it can only make degenerate pivots: the point stays
    /// and the basis gains the prices of the model. Where anything fails, the solver's own
    /// optimal basis comes back and false is returned.
    private func settleTies(_ problem: GLPKProblem, model: Model, options: SolveOptions) -> Bool {
        let n = model.variables.count, m = model.constraints.count
        let start = problem.basisSnapshot()
        let optimum = problem.objectiveValue
        let columnStatus = (0..<n).map { problem.columnStatus($0) }
        let rowStatus = (0..<m).map { problem.rowStatus($0) }
        let face = OptimalFace(model: model, columnStatus: columnStatus, reducedCosts: (0..<n).map { problem.columnReducedCost($0) },
                               rowStatus: rowStatus, prices: (0..<m).map { problem.rowDual($0) })
        problem.hold(face, insteadOf: .unrestricted, of: model)
        let direction = problem.maximizes ? 1.0 : -1.0
        for (column, weight) in OptimalFace.tieBreakCoefficients(columns: n).enumerated() {
            problem.setObjectiveCoefficient(column, direction * weight)
        }
        var primal = options
        primal.method = .primal
        let faceSolved = problem.simplex(primal, presolve: false, tight: options.tightTolerances) == .success && problem.status == .optimal
        // The model's limits and objective back; the face's fixed rows and columns become
        // non-basic on the side they were on in the solver's basis (GLPK would put a
        // two-sided limit on its lower side).
        problem.hold(.unrestricted, insteadOf: face, of: model)
        for column in 0..<n { problem.setObjectiveCoefficient(column, model.objective.coefficient(of: Variable(index: column))) }
        func backToStart() -> Bool {
            _ = problem.restore(start)
            _ = problem.simplex(primal, presolve: false, tight: options.tightTolerances)
            return false
        }
        guard faceSolved else { return backToStart() }
        var columns = (0..<n).map { problem.columnStatus($0) ?? .basic }
        var rows = (0..<m).map { problem.rowStatus($0) ?? .basic }
        for column in face.fixedColumns.keys where columns[column] != .basic { columns[column] = columnStatus[column] ?? .atLowerBound }
        for row in face.fixedRows.keys where rows[row] != .basic { rows[row] = rowStatus[row] ?? .atLowerBound }
        let point = (0..<n).map { problem.columnValue($0) }
        guard problem.setBasis(rows: rows, columns: columns),
              problem.simplex(primal, presolve: false, tight: options.tightTolerances) == .success, problem.status == .optimal,
              abs(problem.objectiveValue - optimum) <= 1e-9 * max(1, abs(optimum)),
              zip(point, (0..<n).map { problem.columnValue($0) }).allSatisfy({ abs($0 - $1) <= 1e-9 * max(1, abs($0)) })
        else { return backToStart() }
        return true
    }

    /// Runs the simplex method and reads the outcome. When presolve cannot tell infeasible from
    /// unbounded, solves again without it so the answer names which; when the dual simplex stops
    /// on a dual-infeasible problem without settling primal feasibility, the primal simplex does.
    private func runSimplex(_ problem: GLPKProblem, options: SolveOptions) -> Termination {
        let tight = options.tightTolerances
        var code = problem.simplex(options, presolve: options.presolve, tight: tight)
        if code == .presolveFoundNoPrimalFeasible || code == .presolveFoundNoDualFeasible {
            code = problem.simplex(options, presolve: false, tight: tight)
        }
        if code == .success, ![.optimal, .infeasible, .unbounded].contains(problem.status), options.method == .dual {
            var primal = options
            primal.method = .primal
            code = problem.simplex(primal, presolve: false, tight: tight)
        }
        switch code {
        case .success:
            switch problem.status {
            case .optimal: return .optimal
            case .infeasible: return .infeasible
            case .unbounded: return .unbounded
            case .feasible, .undefined:
                if problem.primalStatus == .infeasible { return .infeasible }
                if problem.primalIsFeasible && problem.dualStatus == .infeasible { return .unbounded }
                return .numericalFailure("the solver ended without a usable solution")
            }
        case .limit(let limit): return .limitReached(limit)
        case .failure(let message): return .numericalFailure(message)
        case .presolveFoundNoPrimalFeasible, .presolveFoundNoDualFeasible, .mipGapReached, .stoppedByCallback:
            return .numericalFailure("unexpected simplex outcome \(code)")
        }
    }

    // MARK: MIP

    private func solveMIP(_ problem: GLPKProblem, model: Model, options: SolveOptions) -> Solution {
        problem.setKinds(model)
        var options = options
        var startOutcome = MIPStartOutcome.notGiven
        if let start = options.mipStart {
            // GLPK checks an offered solution for integrality only, never against the rows: only
            // a feasible one is passed on, with its integers made exact.
            if let broken = model.violations(at: start, tolerance: 1e-7).first {
                options.mipStart = nil
                startOutcome = .notOffered("it breaks the model: \(broken)")
            } else {
                options.mipStart = zip(start, model.variables).map { $1.kind == .continuous ? $0 : $0.rounded() }
            }
        }
        let progress = MIPProgress(nodeLimit: options.mipNodeLimit)
        let budget = TimeBudget(options)
        let termination: Termination
        // GLPK's MIP presolver hands branch-and-cut a smaller problem with its own columns; a
        // start in the model's columns would be read as values of different columns there. With
        // a start, the relaxation is solved first and the search runs on the model itself.
        if options.presolve && options.mipStart == nil {
            termination = mipTermination(problem.branchAndCut(options, presolve: true, progress: progress), problem, options)
        } else if let relaxationOptions = budget.remaining() {
            switch runSimplex(problem, options: relaxationOptions) {
            case .optimal:
                if let searchOptions = budget.remaining() {
                    termination = mipTermination(problem.branchAndCut(searchOptions, presolve: false, progress: progress), problem, options)
                } else {
                    termination = .limitReached(.time)
                }
            case .unbounded: termination = .infeasibleOrUnbounded
            case let other: termination = other
            }
        } else {
            termination = .limitReached(.time)
        }
        var solution = emptySolution(termination, iterations: problem.simplexIterations)
        let hasPoint = problem.mipStatus == .optimal || problem.mipStatus == .feasible
        // A search stopped by a limit before it took the start still has the start: feasible
        // (checked above), so it is the plan rather than none.
        let fromStart = !hasPoint && termination.isLimit ? options.mipStart : nil
        guard hasPoint || fromStart != nil, ![.infeasible, .unbounded, .infeasibleOrUnbounded].contains(termination) else { return solution }

        var values = fromStart ?? model.variables.indices.map(problem.mipColumnValue)
        var objective = fromStart != nil ? model.objectiveValue(at: values) : problem.mipObjectiveValue
        var activities = fromStart != nil ? model.constraints.map { $0.activity(at: values) } : model.constraints.indices.map(problem.mipRowActivity)

        // Duals of a MIP are those of its LP with every integer variable fixed at its value.
        for (j, variable) in model.variables.enumerated() where variable.kind != .continuous {
            problem.fixColumn(j, at: values[j].rounded())
        }
        var fixedLPSolved = false
        if var fixedOptions = budget.remaining() {
            fixedOptions.iterationLimit = nil
            fixedLPSolved = runSimplex(problem, options: fixedOptions) == .optimal
        }
        if fixedLPSolved {
            // The point and its prices come from one basis: the fixed LP's optimum, with the same
            // integers and at least as good as the search's incumbent (which is feasible for it).
            values = model.variables.indices.map { j in
                model.variables[j].kind == .continuous ? problem.columnValue(j) : values[j].rounded()
            }
            activities = model.constraints.indices.map(problem.rowActivity)
            objective = problem.objectiveValue
        }
        solution.objectiveValue = objective
        // Without a bound from the search (stopped before its first node was solved) the gap is
        // unknown, not zero.
        let bound = termination == .optimal ? objective : progress.bestBound
        if options.mipStart != nil { startOutcome = fromStart != nil ? .accepted : progress.startOutcome }
        solution.mip = MIPStatistics(
            bestBound: bound, relativeGap: bound.map { abs(objective - $0) / (abs(objective) + Double.ulpOfOne) },
            nodes: progress.nodes, start: startOutcome)
        if case .feasible = termination {
            solution.termination = .feasible(relativeGap: solution.mip?.relativeGap ?? 0)
        }
        solution.dualSource = fixedLPSolved ? .lpWithIntegersFixed : nil
        solution.variables = model.variables.indices.map { j in
            VariableResult(
                name: model.variables[j].name, value: values[j],
                reducedCost: fixedLPSolved ? problem.columnReducedCost(j) : nil,
                basisStatus: fixedLPSolved ? problem.columnStatus(j) : nil)
        }
        solution.constraints = model.constraints.indices.map { i in
            ConstraintResult(
                name: model.constraints[i].name, activity: activities[i],
                slack: model.constraints[i].bounds.slack(at: activities[i]),
                shadowPrice: fixedLPSolved ? problem.rowDual(i) : nil,
                basisStatus: fixedLPSolved ? problem.rowStatus(i) : nil)
        }
        if fixedLPSolved { solution.markDegeneracy(of: model) }
        if options.computeSensitivity {
            if fixedLPSolved {
                attachSensitivity(to: &solution, problem: problem, model: model, source: .lpWithIntegersFixed, options: options)
            } else {
                solution.sensitivityUnavailableReason = "the LP with integer variables fixed could not be solved to optimality"
            }
        }
        return solution
    }

    private func mipTermination(_ code: GLPKReturnCode, _ problem: GLPKProblem, _ options: SolveOptions) -> Termination {
        switch code {
        case .success:
            switch problem.mipStatus {
            case .optimal: return .optimal
            case .infeasible: return .infeasible
            case .feasible: return .feasible(relativeGap: 0)
            case .unbounded, .undefined: return .numericalFailure("branch-and-cut ended without a usable solution")
            }
        case .mipGapReached: return .feasible(relativeGap: options.mipRelativeGap)
        case .limit(let limit): return .limitReached(limit)
        case .stoppedByCallback: return .limitReached(.nodes)
        case .presolveFoundNoPrimalFeasible: return .infeasible
        case .presolveFoundNoDualFeasible:
            // The relaxation has no dual feasible solution: solve it without presolve to say which.
            switch runSimplex(problem, options: options) {
            case .unbounded: return .infeasibleOrUnbounded
            case .optimal: return .numericalFailure("the presolver found the relaxation dual infeasible, the simplex method did not")
            case let other: return other
            }
        case .failure(let message): return .numericalFailure(message)
        }
    }

    // MARK: Shared

    private func emptySolution(_ termination: Termination, iterations: Int) -> Solution {
        Solution(
            termination: termination, objectiveValue: nil, variables: [], constraints: [],
            dualSource: nil, mip: nil, simplexIterations: iterations, solveSeconds: 0,
            sensitivity: nil, sensitivityUnavailableReason: nil)
    }

    private func attachSensitivity(to solution: inout Solution, problem: GLPKProblem, model: Model, source: DualSource, options: SolveOptions) {
        switch SensitivityAnalysis.report(problem: problem, model: model, solution: solution, source: source, options: options) {
        case .success(let report): solution.sensitivity = report
        case .failure(let reason): solution.sensitivityUnavailableReason = reason.message
        }
    }

}

/// One time limit shared by the phases of a solve.
private struct TimeBudget {
    let options: SolveOptions
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant

    init(_ options: SolveOptions) {
        self.options = options
        start = clock.now
    }

    /// The options with the time left as their limit; nil when the time is used up.
    func remaining() -> SolveOptions? {
        guard let limit = options.timeLimit else { return options }
        let used = clock.now - start
        let left = limit - used.inSeconds
        guard left >= 0.001 else { return nil }
        var options = options
        options.timeLimit = left
        return options
    }
}

