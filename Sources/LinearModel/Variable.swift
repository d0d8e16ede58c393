/// How a decision variable may take values.
public enum VariableKind: String, Sendable, Hashable, Codable {
    /// Any real value between the bounds.
    case continuous
    /// Whole numbers between the bounds.
    case integer
    /// 0 or 1; the bounds are always [0, 1].
    case binary
}

/// A handle to a decision variable of one ``Model``: its position in ``Model/variables``.
///
/// Handles are cheap values used to build expressions; a handle used with a model
/// that did not create it is caught by ``Model/validate()``.
public struct Variable: Hashable, Sendable, Comparable {
    /// 0-based position in ``Model/variables``.
    public let index: Int

    public init(index: Int) {
        self.index = index
    }

    public static func < (lhs: Variable, rhs: Variable) -> Bool {
        lhs.index < rhs.index
    }
}

/// The stored definition of a decision variable.
///
/// Bounds use `-Double.infinity` / `Double.infinity` for "no bound"; NaN is never valid.
public struct VariableDefinition: Sendable, Hashable {
    public var name: String
    public var lowerBound: Double
    public var upperBound: Double
    public var kind: VariableKind

    public init(name: String, lowerBound: Double, upperBound: Double, kind: VariableKind) {
        self.name = name
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.kind = kind
    }

    /// True when both bounds are the same finite value.
    public var isFixed: Bool {
        lowerBound == upperBound && lowerBound.isFinite
    }
}
