/// A limit that stopped a solve before it could prove its answer.
public enum SolveLimit: String, Sendable, Hashable, Codable {
    case iterations
    case time
    case nodes
}

/// How a solve ended. Infeasible and unbounded are answers, not errors; a thrown error means the
/// solve could not run at all.
public enum Termination: Sendable, Hashable {
    /// Proven optimal (for a MIP: within the solver's integrality tolerance and a zero gap).
    case optimal
    /// MIP only: an integer plan within the requested relative gap of the bound.
    case feasible(relativeGap: Double)
    /// No point satisfies all constraints.
    case infeasible
    /// The objective can improve without limit.
    case unbounded
    /// MIP only: the LP relaxation is unbounded, so the MIP is unbounded if it has any integer
    /// solution at all; GLPK cannot tell which.
    case infeasibleOrUnbounded
    /// A limit stopped the solve; a solution may still be attached.
    case limitReached(SolveLimit)
    /// The solver could not finish for numerical reasons (singular or ill-conditioned basis).
    case numericalFailure(String)

    /// The JSON spelling: `optimal`, `feasible`, `infeasible`, `unbounded`, `limit`, `numerical_failure`.
    public var status: String {
        switch self {
        case .optimal: "optimal"
        case .feasible: "feasible"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .infeasibleOrUnbounded: "infeasible_or_unbounded"
        case .limitReached: "limit"
        case .numericalFailure: "numerical_failure"
        }
    }

    /// A gap as a percentage with two decimals: 0.0131476 is "1.31 %".
    private static func percent(_ gap: Double) -> String {
        let hundredths = Int((gap * 10_000).rounded())
        let fraction = String(abs(hundredths) % 100)
        return "\(hundredths / 100).\(fraction.count == 1 ? "0" + fraction : fraction) %"
    }

    /// A sentence for people.
    public var explanation: String {
        switch self {
        case .optimal: "optimal solution found"
        case .feasible(let gap): "integer solution within the requested gap (relative gap \(Self.percent(gap)))"
        case .infeasible: "no solution satisfies all constraints"
        case .unbounded: "the objective can improve without limit"
        case .infeasibleOrUnbounded: "the LP relaxation is unbounded: the problem has no integer solution or an unbounded one"
        case .limitReached(let limit): "stopped by the \(limit.rawValue) limit before finishing"
        case .numericalFailure(let detail): "numerical failure: \(detail)"
        }
    }
}

extension Termination {
    /// True when a limit (iterations, time, nodes) stopped the solve.
    public var isLimit: Bool {
        if case .limitReached = self { true } else { false }
    }
}

/// The basis status of a variable or constraint in a simplex solution.
public enum BasisStatus: String, Sendable, Hashable, Codable {
    case basic
    case atLowerBound = "lower"
    case atUpperBound = "upper"
    /// Non-basic free variable (value 0).
    case free
    /// Non-basic at equal lower and upper bounds.
    case fixed
}

/// Where dual values and sensitivity come from.
public enum DualSource: String, Sendable, Hashable, Codable {
    /// The optimal basis of the LP itself.
    case lp
    /// A MIP's LP with every integer variable fixed at its value in the integer solution.
    case lpWithIntegersFixed = "lp_with_integers_fixed"
}

/// The value of one variable in a solution.
public struct VariableResult: Sendable, Hashable {
    public var name: String
    public var value: Double
    /// Change of the objective per unit increase of the variable from its bound (0 when basic);
    /// nil when no dual solution exists.
    public var reducedCost: Double?
    public var basisStatus: BasisStatus?
    /// Basic at a bound (primal degeneracy), or non-basic with zero reduced cost (dual
    /// degeneracy: other optimal plans exist). Prices and ranges at this point are then not unique.
    public var isDegenerate: Bool

    public init(name: String, value: Double, reducedCost: Double?, basisStatus: BasisStatus?, isDegenerate: Bool = false) {
        self.name = name
        self.value = value
        self.reducedCost = reducedCost
        self.basisStatus = basisStatus
        self.isDegenerate = isDegenerate
    }
}

/// The value of one constraint row in a solution.
public struct ConstraintResult: Sendable, Hashable {
    public var name: String
    /// Value of the row's left-hand side.
    public var activity: Double
    /// Distance from the activity to the nearest finite limit of the row (>= 0 when satisfied).
    public var slack: Double
    /// Change of the optimal objective per unit increase of the right-hand side (Excel Solver's
    /// sign convention, for both senses and all row types); nil when no dual solution exists.
    public var shadowPrice: Double?
    public var basisStatus: BasisStatus?
    /// Basic at a limit (primal degeneracy), or non-basic with a zero price (dual degeneracy).
    public var isDegenerate: Bool

    public init(name: String, activity: Double, slack: Double, shadowPrice: Double?, basisStatus: BasisStatus?, isDegenerate: Bool = false) {
        self.name = name
        self.activity = activity
        self.slack = slack
        self.shadowPrice = shadowPrice
        self.basisStatus = basisStatus
        self.isDegenerate = isDegenerate
    }
}

/// MIP search figures.
public struct MIPStatistics: Sendable, Hashable {
    /// Best bound on the objective proven by the search.
    public var bestBound: Double?
    /// `|objective - bestBound| / (|objective| + DBL_EPSILON)`, GLPK's definition; 0 when optimal.
    public var relativeGap: Double?
    /// Branch-and-bound nodes created.
    public var nodes: Int
    /// What became of ``SolveOptions/mipStart``.
    public var start: MIPStartOutcome

    public init(bestBound: Double?, relativeGap: Double?, nodes: Int, start: MIPStartOutcome = .notGiven) {
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.nodes = nodes
        self.start = start
    }
}

/// What became of a starting solution given for a MIP search.
public enum MIPStartOutcome: Sendable, Hashable {
    /// No starting solution was given.
    case notGiven
    /// Given but never offered to the search, for the stated reason (it breaks a limit of the
    /// model, or the search runs on a presolved problem whose columns are not the model's).
    case notOffered(String)
    /// Offered and taken by the search as its first incumbent.
    case accepted
    /// Offered and declined by the search (it already had an incumbent at least as good).
    case declined

    /// True when the search started from the given solution.
    public var wasUsed: Bool { self == .accepted }

    /// The JSON spelling: `not_given`, `not_offered`, `accepted`, `declined`.
    public var status: String {
        switch self {
        case .notGiven: "not_given"
        case .notOffered: "not_offered"
        case .accepted: "accepted"
        case .declined: "declined"
        }
    }
}

/// The answer to one solve. Never written back into the ``Model``.
public struct Solution: Sendable {
    public var termination: Termination
    /// The objective including its constant; nil when no feasible point is known.
    public var objectiveValue: Double?
    /// In model order; empty when no feasible point is known.
    public var variables: [VariableResult]
    /// In model order; empty when no feasible point is known.
    public var constraints: [ConstraintResult]
    /// Where reduced costs and shadow prices come from; nil when there are none.
    public var dualSource: DualSource?
    public var mip: MIPStatistics?
    public var simplexIterations: Int
    /// Wall-clock seconds spent in the solver.
    public var solveSeconds: Double
    /// Present when requested with ``SolveOptions/computeSensitivity`` and an optimal basis exists.
    public var sensitivity: SensitivityReport?
    /// Why sensitivity was requested but not produced.
    public var sensitivityUnavailableReason: String?
    /// With ``SolveOptions/settleTies``: true when the solution is the one ``OptimalFace`` picks
    /// among the optimal ones, false when the tie-break could not be applied (the solution is
    /// then an optimal one the solver found); nil when not asked or not optimal.
    public var tiesSettled: Bool?

    public init(
        termination: Termination, objectiveValue: Double?, variables: [VariableResult],
        constraints: [ConstraintResult], dualSource: DualSource?, mip: MIPStatistics?,
        simplexIterations: Int, solveSeconds: Double, sensitivity: SensitivityReport?,
        sensitivityUnavailableReason: String?
    ) {
        self.termination = termination
        self.objectiveValue = objectiveValue
        self.variables = variables
        self.constraints = constraints
        self.dualSource = dualSource
        self.mip = mip
        self.simplexIterations = simplexIterations
        self.solveSeconds = solveSeconds
        self.sensitivity = sensitivity
        self.sensitivityUnavailableReason = sensitivityUnavailableReason
    }

    /// True when a feasible point (optimal or not) is attached.
    public var hasSolution: Bool { objectiveValue != nil }

    /// The value of `variable`; requires ``hasSolution`` and a handle of the solved model.
    public func value(of variable: Variable) -> Double { variables[variable.index].value }
    /// The result of `constraint`; requires ``hasSolution`` and a handle of the solved model.
    public func result(of constraint: ConstraintRef) -> ConstraintResult { constraints[constraint.index] }
}
