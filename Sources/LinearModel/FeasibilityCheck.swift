/// One way a point breaks a model: a bound, a row limit or integrality, with by how much.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public enum Element: Sendable, Hashable {
        case variableBounds(Variable)
        case integrality(Variable)
        case constraint(ConstraintRef)
    }

    public var element: Element
    /// The element's name in the model.
    public var name: String
    /// How far the point is outside the limit, in the element's own unit (> 0).
    public var amount: Double

    public var description: String {
        switch element {
        case .variableBounds: "variable '\(name)' is \(amount) outside its bounds"
        case .integrality: "integer variable '\(name)' is \(amount) away from a whole number"
        case .constraint: "constraint '\(name)' is \(amount) outside its limits"
        }
    }
}

extension Model {
    /// Every bound, row limit and integrality requirement that `values` (one per variable, in
    /// model order) breaks by more than `tolerance`, relative to the size of the limit (absolute
    /// below 1). Solvers accept points within their own tolerances; this is the independent
    /// check that a reported point really is a point of this model.
    public func violations(at values: [Double], tolerance: Double = 1e-6) -> [Violation] {
        precondition(values.count == variables.count, "one value per variable")
        func excess(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
            let below = lower.isFinite ? (lower - value) - tolerance * max(1, abs(lower)) : -.infinity
            let above = upper.isFinite ? (value - upper) - tolerance * max(1, abs(upper)) : -.infinity
            guard value.isFinite else { return .infinity }
            return max(below, above) > 0 ? max(lower - value, value - upper) : 0
        }
        var found: [Violation] = []
        for (index, (value, variable)) in zip(values, variables).enumerated() {
            let handle = Variable(index: index)
            let outside = excess(value, variable.lowerBound, variable.upperBound)
            if outside > 0 { found.append(Violation(element: .variableBounds(handle), name: variable.name, amount: outside)) }
            if variable.kind != .continuous, abs(value - value.rounded()) > tolerance {
                found.append(Violation(element: .integrality(handle), name: variable.name, amount: abs(value - value.rounded())))
            }
        }
        for (index, row) in constraints.enumerated() {
            let outside = excess(row.activity(at: values), row.bounds.lower, row.bounds.upper)
            if outside > 0 { found.append(Violation(element: .constraint(ConstraintRef(index: index)), name: row.name, amount: outside)) }
        }
        return found
    }
}
