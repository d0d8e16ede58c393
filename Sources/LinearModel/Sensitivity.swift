/// A variable or constraint named in a sensitivity limit: its handle, so callers find it without
/// a lookup by name, and its name, for reports.
public enum ModelElement: Sendable, Hashable {
    case variable(Variable, name: String)
    case constraint(ConstraintRef, name: String)

    public var name: String {
        switch self {
        case .variable(_, let name), .constraint(_, let name): name
        }
    }

    public var kind: String {
        switch self {
        case .variable: "variable"
        case .constraint: "constraint"
        }
    }
}

/// What happens at one edge of an allowable range.
public struct RangeEdge: Sendable, Hashable {
    /// The element whose status changes first past the edge (enters or leaves the basis);
    /// nil when the range is unlimited on this side.
    public var limitingElement: ModelElement?
    /// The optimal objective with the coefficient or right-hand side exactly at the edge;
    /// nil when the range is unlimited on this side.
    public var objectiveAtEdge: Double?

    public init(limitingElement: ModelElement?, objectiveAtEdge: Double?) {
        self.limitingElement = limitingElement
        self.objectiveAtEdge = objectiveAtEdge
    }

    public static let unlimited = RangeEdge(limitingElement: nil, objectiveAtEdge: nil)
}

/// Excel's "Variable Cells" line: how far an objective coefficient may move with the basis unchanged.
public struct VariableSensitivity: Sendable, Hashable {
    public var name: String
    public var value: Double
    public var reducedCost: Double
    public var objectiveCoefficient: Double
    /// How much the coefficient may rise with the same optimal basis; `.infinity` when unlimited.
    public var allowableIncrease: Double
    /// How much the coefficient may fall with the same optimal basis; `.infinity` when unlimited.
    public var allowableDecrease: Double
    public var increaseEdge: RangeEdge
    public var decreaseEdge: RangeEdge
    public var basisStatus: BasisStatus
    public var isDegenerate: Bool
    /// For a non-basic variable whose basis allows no move at all off its bound (a degenerate
    /// optimum): the rate of the objective when it is moved off its bound after all, per unit,
    /// from the basis the move leads to. Nil where ``reducedCost`` is the rate of the move.
    public var reducedCostWhenMoved: Double?

    public init(name: String, value: Double, reducedCost: Double, objectiveCoefficient: Double, allowableIncrease: Double, allowableDecrease: Double, increaseEdge: RangeEdge, decreaseEdge: RangeEdge, basisStatus: BasisStatus, isDegenerate: Bool = false) {
        self.name = name
        self.value = value
        self.isDegenerate = isDegenerate
        self.reducedCost = reducedCost
        self.objectiveCoefficient = objectiveCoefficient
        self.allowableIncrease = allowableIncrease
        self.allowableDecrease = allowableDecrease
        self.increaseEdge = increaseEdge
        self.decreaseEdge = decreaseEdge
        self.basisStatus = basisStatus
    }
}

/// The shadow price of an optimal basis on one side of the current right-hand side, with the
/// right-hand-side values over which it holds.
public struct OneSidedPrice: Sendable, Hashable {
    public var price: Double
    public var from: Double
    public var to: Double

    public init(price: Double, from: Double, to: Double) {
        self.price = price
        self.from = from
        self.to = to
    }
}

/// Excel's "Constraints" line: how far a right-hand side may move with the shadow price unchanged.
public struct ConstraintSensitivity: Sendable, Hashable {
    public var name: String
    /// The row's activity.
    public var value: Double
    public var shadowPrice: Double
    /// The right-hand side the range refers to: the active limit of a binding row; for a
    /// non-binding ranged row, its upper limit.
    public var rightHandSide: Double
    /// How much the right-hand side may rise with the same shadow price; `.infinity` when unlimited.
    public var allowableIncrease: Double
    /// How much the right-hand side may fall with the same shadow price; `.infinity` when unlimited.
    public var allowableDecrease: Double
    public var increaseEdge: RangeEdge
    public var decreaseEdge: RangeEdge
    public var basisStatus: BasisStatus
    /// Where the price is not unique (the current right-hand side sits on a breakpoint of the
    /// optimal objective): the price of the optimal basis just below it. Nil when it equals
    /// ``shadowPrice``.
    public var leftPrice: OneSidedPrice?
    /// The price of the optimal basis just above the right-hand side, when it differs.
    public var rightPrice: OneSidedPrice?
    public var isDegenerate: Bool

    public init(name: String, value: Double, shadowPrice: Double, rightHandSide: Double, allowableIncrease: Double, allowableDecrease: Double, increaseEdge: RangeEdge, decreaseEdge: RangeEdge, basisStatus: BasisStatus, isDegenerate: Bool = false) {
        self.name = name
        self.value = value
        self.isDegenerate = isDegenerate
        self.shadowPrice = shadowPrice
        self.rightHandSide = rightHandSide
        self.allowableIncrease = allowableIncrease
        self.allowableDecrease = allowableDecrease
        self.increaseEdge = increaseEdge
        self.decreaseEdge = decreaseEdge
        self.basisStatus = basisStatus
    }
}

/// The sensitivity report of an optimal basis, in model order.
public struct SensitivityReport: Sendable, Hashable {
    /// For a MIP, the report is that of the LP with the integer variables fixed.
    public var source: DualSource
    public var variables: [VariableSensitivity]
    public var constraints: [ConstraintSensitivity]

    public init(source: DualSource, variables: [VariableSensitivity], constraints: [ConstraintSensitivity]) {
        self.source = source
        self.variables = variables
        self.constraints = constraints
    }
}
