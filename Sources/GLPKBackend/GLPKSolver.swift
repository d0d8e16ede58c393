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

        let clock = ContinuousClock()
        let start = clock.now
        let problem = GLPKProblem()
        problem.load(model)
        if options.scaling { problem.scale() }
        var solution = model.isMixedInteger
            ? solveMIP(problem, model: model, options: options)
            : solveLP(problem, model: model, options: options)
        let elapsed = clock.now - start
        solution.solveSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return solution
    }

    // MARK: LP

    private func solveLP(_ problem: GLPKProblem, model: Model, options: SolveOptions) -> Solution {
        let termination = runSimplex(problem, options: options)
        var solution = emptySolution(termination, iterations: problem.simplexIterations)
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
                slack: Self.slack(activity, model.constraints[i].bounds),
                shadowPrice: withDuals ? problem.rowDual(i) : nil,
                basisStatus: problem.rowStatus(i))
        }
        if options.computeSensitivity {
            attachSensitivity(to: &solution, problem: problem, model: model, source: .lp)
        }
        return solution
    }

    /// Runs the simplex method and reads the outcome. When presolve cannot tell infeasible from
    /// unbounded, solves again without it so the answer names which.
    private func runSimplex(_ problem: GLPKProblem, options: SolveOptions) -> Termination {
        var code = problem.simplex(options, presolve: options.presolve)
        if code == .presolveFoundNoPrimalFeasible || code == .presolveFoundNoDualFeasible {
            code = problem.simplex(options, presolve: false)
        }
        switch code {
        case .success:
            switch problem.status {
            case .optimal: return .optimal
            case .infeasible: return .infeasible
            case .unbounded: return .unbounded
            case .feasible, .undefined:
                // Dual simplex leaves a primal-infeasible basis when the dual is unbounded.
                return problem.dualIsFeasible ? .infeasible : .numericalFailure("the solver ended without a usable solution")
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
        let progress = MIPProgress(nodeLimit: options.mipNodeLimit)
        let termination: Termination
        if options.presolve {
            termination = mipTermination(problem.branchAndCut(options, presolve: true, progress: progress), problem, options)
        } else {
            let relaxation = runSimplex(problem, options: options)
            termination = relaxation == .optimal
                ? mipTermination(problem.branchAndCut(options, presolve: false, progress: progress), problem, options)
                : relaxation
        }
        var solution = emptySolution(termination, iterations: problem.simplexIterations)
        let hasPoint = problem.mipStatus == .optimal || problem.mipStatus == .feasible
        guard hasPoint, termination != .infeasible, termination != .unbounded else { return solution }

        let objective = problem.mipObjectiveValue
        solution.objectiveValue = objective
        let bound = termination == .optimal ? objective : (progress.bestBound ?? objective)
        solution.mip = MIPStatistics(
            bestBound: bound, relativeGap: abs(objective - bound) / (abs(objective) + Double.ulpOfOne),
            nodes: progress.nodes)
        if case .feasible = termination {
            solution.termination = .feasible(relativeGap: solution.mip?.relativeGap ?? 0)
        }
        let values = model.variables.indices.map(problem.mipColumnValue)
        let activities = model.constraints.indices.map(problem.mipRowActivity)

        // Duals of a MIP are those of its LP with every integer variable fixed at its value.
        for (j, variable) in model.variables.enumerated() where variable.kind != .continuous {
            problem.fixColumn(j, at: values[j].rounded())
        }
        var fixedOptions = options
        fixedOptions.iterationLimit = nil
        let fixedLPSolved = runSimplex(problem, options: fixedOptions) == .optimal
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
                slack: Self.slack(activities[i], model.constraints[i].bounds),
                shadowPrice: fixedLPSolved ? problem.rowDual(i) : nil,
                basisStatus: fixedLPSolved ? problem.rowStatus(i) : nil)
        }
        if options.computeSensitivity {
            if fixedLPSolved {
                attachSensitivity(to: &solution, problem: problem, model: model, source: .lpWithIntegersFixed)
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
            let relaxation = runSimplex(problem, options: options)
            return relaxation == .infeasible ? .infeasible : .unbounded
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

    private func attachSensitivity(to solution: inout Solution, problem: GLPKProblem, model: Model, source: DualSource) {
        switch SensitivityAnalysis.report(problem: problem, model: model, source: source) {
        case .success(let report): solution.sensitivity = report
        case .failure(let reason): solution.sensitivityUnavailableReason = reason.message
        }
    }

    static func slack(_ activity: Double, _ bounds: ConstraintBounds) -> Double {
        switch bounds {
        case .lessOrEqual(let upper): upper - activity
        case .greaterOrEqual(let lower): activity - lower
        case .equal(let value): -abs(activity - value)
        case .ranged(let lower, let upper): min(activity - lower, upper - activity)
        }
    }
}

extension Termination {
    var isLimit: Bool {
        if case .limitReached = self { true } else { false }
    }
}
