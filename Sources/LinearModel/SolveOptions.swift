/// Which simplex method solves LPs (and the LP relaxations of a MIP).
public enum SimplexMethod: String, Sendable, Hashable, CaseIterable {
    case primal
    /// Dual simplex, falling back to primal where the dual phase fails (GLPK's `GLP_DUALP`).
    case dual
}

/// How a solve is run. Limits are safety nets: a solve stopped by one reports
/// ``Termination/limitReached(_:)`` and names the limit.
public struct SolveOptions: Sendable, Hashable {
    public var method: SimplexMethod = .dual
    /// Simplify the model before solving; the answer, duals and basis are those of the original model.
    public var presolve = true
    /// Scale rows and columns before solving (GLPK's automatic scaling); results are unscaled.
    /// Keeps tolerances meaningful when coefficients span many orders of magnitude.
    public var scaling = true
    /// Most simplex iterations for an LP (not applied inside branch-and-cut); nil for no limit.
    public var iterationLimit: Int?
    /// Most wall-clock seconds for one solve, shared by its phases (relaxation, branch-and-cut,
    /// the LP with integers fixed). GLPK does not interrupt the root LP solved by its MIP
    /// presolver, so a MIP with presolve may overrun by that LP's time. Nil for no limit.
    public var timeLimit: Double?
    /// MIP: stop once `|best - bound| / (|best| + eps)` is at most this (0 proves optimality).
    public var mipRelativeGap: Double = 0
    /// MIP: stop at the first branch-and-cut step after this many nodes exist; nil for no limit.
    public var mipNodeLimit: Int?
    /// MIP: a feasible integer solution to start the search from (one value per variable, in
    /// model order); ignored when it is not feasible.
    public var mipStart: [Double]?
    /// MIP: let the solver run its own primal heuristics and cuts (GLPK: feasibility pump,
    /// mixed-integer rounding and Gomory cuts). Proximity search is never used: it stops on time,
    /// which would make results depend on the machine.
    public var mipHeuristics = false
    /// Primal and dual feasibility tolerances of 1e-9 instead of GLPK's 1e-7. GLPK's default can
    /// stop about 1e-8 of the objective short of the optimum (a reduced cost of the wrong sign
    /// within its tolerance); solves compared over small moves (finite differences) need this.
    public var tightTolerances = false
    /// LP: where several solutions are optimal, end on the one ``OptimalFace`` picks (the same
    /// whatever basis the solve started from), and report the prices of an optimal basis at it.
    public var settleTies = false
    /// Also compute the Excel-style sensitivity report (ranges and their limits).
    public var computeSensitivity = false
    /// With the sensitivity report: where a right-hand side sits on a breakpoint (a degenerate
    /// optimum), also find the prices of the optimal bases just below and just above it, by
    /// moving the right-hand side across the edge and re-solving from the current basis.
    public var computeOneSidedPrices = true

    public init() {}

    /// The iteration budget of a simplex solve without one of its own: 50 iterations per row
    /// and column, at least 100,000. The ITU baseline (1,383 rows, 1,506 columns) solves in
    /// about 2,000 iterations against a budget of 144,450; a solve that runs out ends with
    /// ``Termination/limitReached(_:)`` (exit 3), never a hang.
    public static func defaultIterationLimit(rows: Int, columns: Int) -> Int {
        max(100_000, 50 * (rows + columns))
    }

    /// The time budget of a branch-and-cut without one of its own, seconds.
    public static let defaultMIPTimeLimit = 600.0

    /// Why these options cannot be used, or nil when they can.
    public func problem() -> String? {
        if let limit = iterationLimit, limit < 1 || limit > Int(Int32.max) {
            return "iteration limit \(limit) must be between 1 and \(Int32.max)"
        }
        if let seconds = timeLimit, !(seconds > 0 && seconds <= Double(Int32.max) / 1000) {
            return "time limit \(seconds) s must be a positive number of seconds, at most \(Int32.max / 1000)"
        }
        if !(mipRelativeGap >= 0 && mipRelativeGap.isFinite) {
            return "MIP relative gap \(mipRelativeGap) must be a finite number >= 0"
        }
        if let nodes = mipNodeLimit, nodes < 1 {
            return "MIP node limit \(nodes) must be at least 1"
        }
        return nil
    }
}

extension Duration {
    /// The duration in seconds, as time limits and reports count them.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
