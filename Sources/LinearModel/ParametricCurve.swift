/// One linear piece of the optimal objective as a function of a parameter.
public struct ParametricSegment: Sendable, Hashable {
    public var start: Double
    public var end: Double
    public var objectiveAtStart: Double
    /// Change of the optimal objective per unit of the parameter on this piece: the price of
    /// the direction, Σ shadow price x row change.
    public var slope: Double

    public init(start: Double, end: Double, objectiveAtStart: Double, slope: Double) {
        self.start = start
        self.end = end
        self.objectiveAtStart = objectiveAtStart
        self.slope = slope
    }

    public func objective(at parameter: Double) -> Double { objectiveAtStart + slope * (parameter - start) }
}

/// The optimal objective of an LP along a direction of right-hand-side changes, piece by piece.
public struct ParametricCurve: Sendable {
    /// Adjacent pieces with different slopes (equal ones merged), from the first parameter on.
    public var segments: [ParametricSegment]
    /// Where the LP stops having an optimum (infeasible or unbounded beyond), if inside the range.
    public var endsAt: Double?
    public var endReason: Termination?
    /// Where the LP starts having one, when later than the range's start (infeasible before).
    public var startsAt: Double?

    public init(segments: [ParametricSegment], endsAt: Double?, endReason: Termination?, startsAt: Double? = nil) {
        self.segments = segments
        self.endsAt = endsAt
        self.endReason = endReason
        self.startsAt = startsAt
    }

    /// The parameter values where the slope changes.
    public var breakpoints: [Double] { segments.dropFirst().map(\.start) }

    /// The optimal objective at `parameter`, nil outside the curve.
    public func objective(at parameter: Double) -> Double? {
        segments.first { parameter >= $0.start - 1e-12 * max(1, abs($0.start)) && parameter <= $0.end + 1e-12 * max(1, abs($0.end)) }?.objective(at: parameter)
    }
}

/// A solver that can trace the optimal objective exactly along right-hand-side changes.
public protocol ParametricSolver: LPSolver {
    /// The optimal objective of `model` with every finite limit of each row in `direction`
    /// moved by `parameter × change`, for the parameter from `from` to `to` (0 is the model as given).
    func rightHandSideCurve(_ model: Model, direction: [ConstraintRef: Double], from: Double, to: Double) throws(SolverError) -> ParametricCurve
    /// The same, stopping after `maximumPieces` steps (the curve then says where and why).
    func rightHandSideCurve(_ model: Model, direction: [ConstraintRef: Double], from: Double, to: Double,
                            maximumPieces: Int) throws(SolverError) -> ParametricCurve
}
