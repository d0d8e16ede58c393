import LinearModel

/// The price of one limit of the plan, in the scenario's units.
public struct LimitPrice: Sendable, Hashable {
    /// The LP row.
    public var constraint: String
    public var key: RowKey
    public var kind: ConstraintMeaning.Kind
    public var description: String
    /// The scenario field that sets the limit (for `allot sweep --vary`); nil when none does alone.
    public var path: String?
    /// How many of the model's limits that field sets (a share field sets one per year): where it
    /// is more than one, this row's price is not the field's (see ``PathPrice``).
    public var pathRows: Int = 1
    /// Change of the weighted impact per one more unit of the limit (the current basis's): per
    /// CHF 1 million for money, per FTE, per percentage point for shares, per unit of attainment
    /// or of a held stage's objective.
    public var price: Price
    /// Where the price is not unique: the prices just below and just above the limit (per
    /// ``price``'s unit), with the values of the limit (in ``rangeUnit``) over which each holds.
    public var left: OneSidedPrice?
    public var right: OneSidedPrice?
    /// The unit of the limit's values and allowable changes: CHF thousands, FTE, percentage
    /// points of share, attainment or objective.
    public var rangeUnit: Unit
    /// `.infinity` when unlimited.
    public var allowableIncrease: Double
    public var allowableDecrease: Double
    /// What changes at the edge, in words; nil when unlimited.
    public var limitingIncrease: String?
    public var limitingDecrease: String?
    public var degenerate: Bool
    /// For a share limit, the price just inside each edge of its range: moving a share moves
    /// the plan's own proportions, so its price changes gradually along the range (and jumps at
    /// the edge). Nil for other limits, whose price is constant over the range.
    public var priceAtIncreaseEdge: Double?
    public var priceAtDecreaseEdge: Double?
    /// How each target's attainment moves per one more unit of the limit (per ``unit``) while
    /// the plan's basis holds (within the allowable increase): the price in target terms. Only
    /// the targets that move, largest first; empty for input-mix limits of single lines and
    /// where the plan's basis could not be reproduced.
    public var attainmentChanges: [AttainmentChange] = []
    /// The price per CHF 1 million of resources the limit moves, so that limits in different
    /// units can be ranked together: money limits as they are; staff limits per CHF 1 million of
    /// staff at the year's average standard cost of an FTE; share limits per CHF 1 million of
    /// the spending they move. Nil for limits of another kind (attainment, a held stage).
    public var pricePerMillion: Double?

    /// The price's number, per ``unit``.
    public var shadowPrice: Double { price.value }
    /// What one more unit of the limit is.
    public var unit: Unit { price.per }
}

/// A target's attainment change (a fraction: 0.01 is one percentage point of attainment) per one
/// more unit of a limit.
public struct AttainmentChange: Sendable, Hashable {
    public var target: String
    public var name: String
    public var perUnit: Double
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
    /// The unit both are per: CHF 1 million.
    public var per: Unit { Unit.lpMoney }
    /// How much (as a fraction, 0.25 = 25 %) the line's effectiveness would have to rise for it to
    /// receive money; nil when it moves no weighted target, so no rise would do.
    public var requiredRise: Double?
    public var degenerate: Bool
    /// What CHF 1 million in the line would bring (its value on each target) and use (each
    /// priced limit), at the plan's prices: the reduced cost written as the sum of its parts.
    /// Values first, then the limits that make the line lose, largest first.
    public var parts: [UnfundedLinePart] = []
    /// The sum of ``parts``: the line's reduced cost at the plan's prices. It equals
    /// ``reducedCost`` unless the plan's prices are not unique (a degenerate plan), where forcing
    /// money in moves to a neighbouring basis with other prices.
    public var netAtPlanPrices: Double { parts.reduce(0) { $0 + $1.effect } }
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
    /// The plan of `allot solve`, which these figures are about.
    public var plan: AllocationPlan
    /// What the figures are the sensitivity of, when that is not the plain weighted LP
    /// (the last stage with earlier ones held; the LP with whole posts fixed).
    public var subject: String?
    public var prices: [LimitPrice]
    public var unfunded: [UnfundedLine]
    public var weights: [WeightRange]
    /// The price of each scenario field that moves only limits, along that field (empty when
    /// the analysis was not given the scenario's source, or for a staged objective).
    public var pathPrices: [PathPrice] = []
}
