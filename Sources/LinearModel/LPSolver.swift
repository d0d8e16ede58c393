/// Why a solve could not run at all (the model or options were unusable, or the backend broke).
/// Infeasible or unbounded models are not errors: see ``Termination``.
public enum SolverError: Error, Sendable, CustomStringConvertible {
    case invalidModel(ModelValidationError)
    case invalidOptions(String)
    case backendFailure(String)

    public var description: String {
        switch self {
        case .invalidModel(let error): error.description
        case .invalidOptions(let message): "invalid solve options: \(message)"
        case .backendFailure(let message): "solver failure: \(message)"
        }
    }
}

/// A backend that solves ``Model`` values.
///
/// Sign conventions every backend follows, whatever the objective sense or row type:
/// - shadow price: change of the optimal objective per unit increase of a row's right-hand side;
/// - reduced cost: change of the objective per unit increase of a variable from its bound.
public protocol LPSolver: Sendable {
    /// Name and version, for reports, e.g. `GLPK 5.0`.
    var solverName: String { get }

    /// Solves `model`; validates model and options first and throws ``SolverError`` if either is unusable.
    func solve(_ model: Model, options: SolveOptions) throws(SolverError) -> Solution

    /// Frees what the backend keeps per thread (GLPK: its environment). Worker threads call it
    /// before they exit; the default does nothing.
    func releaseThreadResources()
}

extension LPSolver {
    public func releaseThreadResources() {}

    /// Solves many independent models on `jobs` threads; results in input order, the same as
    /// solving them one by one. Blocks the calling thread until all are done.
    public func solveAll(_ models: [Model], options: SolveOptions, jobs: Int) -> [Result<Solution, SolverError>] {
        WorkerPool.map(models, jobs: jobs, threadExit: releaseThreadResources) { model in
            Result { () throws(SolverError) -> Solution in try solve(model, options: options) }
        }
    }
}
