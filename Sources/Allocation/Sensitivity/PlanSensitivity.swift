import LinearModel

/// The price of one limit of the plan, in the scenario's units.
public struct LimitPrice: Sendable, Hashable {
    /// The LP row.
    public var constraint: String
    public var kind: ConstraintMeaning.Kind
    public var description: String
    /// The scenario field that sets the limit (for `allot sweep --vary`); nil when none does alone.
    public var path: String?
    /// `CHF 1 million`, `FTE` or `percentage point`: what one more unit of the limit is.
    public var unit: String
    /// Change of the weighted impact per one more unit of the limit (the current basis's).
    public var shadowPrice: Double
    /// Where the price is not unique: the prices just below and just above the limit, with the
    /// values of the limit (scenario units: CHF thousands, FTE, percentage points of share) over
    /// which each holds.
    public var left: OneSidedPrice?
    public var right: OneSidedPrice?
    /// In CHF thousands, FTE or percentage points; `.infinity` when unlimited.
    public var allowableIncrease: Double
    public var allowableDecrease: Double
    /// What changes at the edge, in words; nil when unlimited.
    public var limitingIncrease: String?
    public var limitingDecrease: String?
    public var degenerate: Bool
}

/// An allowed line that receives no money, and what it would take.
public struct UnfundedLine: Sendable, Hashable {
    public var sector: String
    public var line: String
    public var offering: String
    public var year: Int
    /// Change of the weighted impact per CHF 1 million forced into the line (<= 0).
    public var reducedCost: Double
    /// Weighted impact per CHF 1 million of the line's first CHF, before its costs.
    public var grossValue: Double
    /// How much (as a fraction, 0.25 = 25 %) the line's effectiveness would have to rise for it to
    /// receive money; nil when it moves no weighted target, so no rise would do.
    public var requiredRise: Double?
    public var degenerate: Bool
}

/// How far a target's weight may move with the same optimal allocation.
public struct WeightRange: Sendable, Hashable {
    public var target: String
    public var name: String
    public var weight: Double
    /// Lowest and highest weight with the same allocation; never below 0.
    public var lower: Double
    public var upper: Double
    public var limitingLower: String?
    public var limitingUpper: String?
    /// Re-solved just inside the edge (same allocation) and just outside it (another allocation).
    public var lowerConfirmed: Bool?
    public var upperConfirmed: Bool?
}

/// The sensitivity of a solved plan: "Appendix A — sensitivity".
public struct PlanSensitivity: Sendable {
    public var plan: AllocationPlan
    public var prices: [LimitPrice]
    public var unfunded: [UnfundedLine]
    public var weights: [WeightRange]
}
