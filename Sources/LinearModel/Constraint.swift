/// The bounds of a constraint row, right-hand sides already moved to the right.
public enum ConstraintBounds: Sendable, Hashable {
    /// `row <= value`
    case lessOrEqual(Double)
    /// `row >= value`
    case greaterOrEqual(Double)
    /// `row == value`
    case equal(Double)
    /// `lower <= row <= upper`
    case ranged(lower: Double, upper: Double)

    /// The lower limit of the row, `-infinity` when there is none.
    public var lower: Double {
        switch self {
        case .lessOrEqual: -.infinity
        case .greaterOrEqual(let value), .equal(let value): value
        case .ranged(let lower, _): lower
        }
    }

    /// The upper limit of the row, `+infinity` when there is none.
    public var upper: Double {
        switch self {
        case .greaterOrEqual: .infinity
        case .lessOrEqual(let value), .equal(let value): value
        case .ranged(_, let upper): upper
        }
    }

    /// How far a row's value is inside its limits: distance to the nearer limit, and for an
    /// equality minus the distance from its value (so any miss shows as negative).
    public func slack(at activity: Double) -> Double {
        switch self {
        case .lessOrEqual(let upper): upper - activity
        case .greaterOrEqual(let lower): activity - lower
        case .equal(let value): -abs(activity - value)
        case .ranged(let lower, let upper): min(activity - lower, upper - activity)
        }
    }

    /// The bounds with these limits (either may be infinite; equal limits make an equality).
    public static func between(lower: Double, upper: Double) -> ConstraintBounds {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): lower == upper ? .equal(lower) : .ranged(lower: lower, upper: upper)
        case (true, false): .greaterOrEqual(lower)
        case (false, true): .lessOrEqual(upper)
        case (false, false): .ranged(lower: lower, upper: upper)
        }
    }

    /// The symbol used in reports: `<=`, `>=`, `=` or `range`.
    public var symbol: String {
        switch self {
        case .lessOrEqual: "<="
        case .greaterOrEqual: ">="
        case .equal: "="
        case .ranged: "range"
        }
    }
}

/// A constraint built by a comparison operator, not yet added to a model.
public struct ConstraintSpec: Sendable {
    /// Left side minus right side; its constant is folded into the bounds when added.
    public var expression: LinearExpression
    public var sense: Sense

    public enum Sense: Sendable { case lessOrEqual, greaterOrEqual, equal }
}

/// A handle to a constraint of one ``Model``: its position in ``Model/constraints``.
public struct ConstraintRef: Hashable, Sendable {
    /// 0-based position in ``Model/constraints``.
    public let index: Int

    public init(index: Int) {
        self.index = index
    }
}

/// The stored definition of a constraint row.
public struct ConstraintDefinition: Sendable {
    public var name: String
    /// Ordered by variable position, no repeats, no zeros.
    public var terms: [LinearTerm]
    public var bounds: ConstraintBounds

    public init(name: String, terms: [LinearTerm], bounds: ConstraintBounds) {
        self.name = name
        self.terms = terms
        self.bounds = bounds
    }

    /// The row's value for given variable values (indexed by ``Variable/index``).
    public func activity(at values: [Double]) -> Double {
        terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
    }
}

// MARK: - Comparison operators

public func <= (lhs: LinearExpression, rhs: LinearExpression) -> ConstraintSpec {
    ConstraintSpec(expression: lhs - rhs, sense: .lessOrEqual)
}

public func >= (lhs: LinearExpression, rhs: LinearExpression) -> ConstraintSpec {
    ConstraintSpec(expression: lhs - rhs, sense: .greaterOrEqual)
}

public func == (lhs: LinearExpression, rhs: LinearExpression) -> ConstraintSpec {
    ConstraintSpec(expression: lhs - rhs, sense: .equal)
}

public func <= (lhs: LinearExpression, rhs: Double) -> ConstraintSpec { lhs <= LinearExpression(constant: rhs) }
public func >= (lhs: LinearExpression, rhs: Double) -> ConstraintSpec { lhs >= LinearExpression(constant: rhs) }
public func == (lhs: LinearExpression, rhs: Double) -> ConstraintSpec { lhs == LinearExpression(constant: rhs) }
public func <= (lhs: Variable, rhs: Double) -> ConstraintSpec { LinearExpression(lhs) <= rhs }
public func >= (lhs: Variable, rhs: Double) -> ConstraintSpec { LinearExpression(lhs) >= rhs }
public func == (lhs: Variable, rhs: Double) -> ConstraintSpec { LinearExpression(lhs) == rhs }
public func <= (lhs: LinearExpression, rhs: Variable) -> ConstraintSpec { lhs <= LinearExpression(rhs) }
public func >= (lhs: LinearExpression, rhs: Variable) -> ConstraintSpec { lhs >= LinearExpression(rhs) }
public func <= (lhs: Variable, rhs: LinearExpression) -> ConstraintSpec { LinearExpression(lhs) <= rhs }
public func >= (lhs: Variable, rhs: LinearExpression) -> ConstraintSpec { LinearExpression(lhs) >= rhs }
public func == (lhs: Variable, rhs: LinearExpression) -> ConstraintSpec { LinearExpression(lhs) == rhs }
public func == (lhs: LinearExpression, rhs: Variable) -> ConstraintSpec { lhs == LinearExpression(rhs) }
