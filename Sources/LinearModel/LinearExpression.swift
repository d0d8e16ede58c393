/// A linear expression `Σ coefficient·variable + constant`.
///
/// Deliberately not `Equatable`: `==` between expressions builds an equality constraint,
/// as it does in JuMP and MathOpt.
public struct LinearExpression: Sendable {
    /// Coefficients by variable; repeated variables are merged as the expression is built,
    /// so a constraint row never carries the same column twice.
    public private(set) var coefficients: [Variable: Double]
    public var constant: Double

    public init(_ coefficients: [Variable: Double] = [:], constant: Double = 0) {
        self.coefficients = coefficients
        self.constant = constant
    }

    public init(_ variable: Variable) {
        self.init([variable: 1])
    }

    public init(constant: Double) {
        self.init([:], constant: constant)
    }

    /// Terms ordered by variable position, zero coefficients dropped: a deterministic row.
    public var terms: [LinearTerm] {
        coefficients
            .filter { $0.value != 0 }
            .sorted { $0.key < $1.key }
            .map { LinearTerm(variable: $0.key, coefficient: $0.value) }
    }

    /// Sets the coefficient of `variable` (0 removes it).
    public mutating func setCoefficient(_ coefficient: Double, of variable: Variable) {
        coefficients[variable] = coefficient == 0 ? nil : coefficient
    }

    public mutating func add(_ coefficient: Double, _ variable: Variable) {
        coefficients[variable, default: 0] += coefficient
    }

    public mutating func add(_ other: LinearExpression, scaledBy factor: Double = 1) {
        for (variable, coefficient) in other.coefficients {
            coefficients[variable, default: 0] += factor * coefficient
        }
        constant += factor * other.constant
    }

    /// The sum of many expressions, without the quadratic cost of chaining `+`.
    public static func sum<S: Sequence>(_ expressions: S) -> LinearExpression where S.Element == LinearExpression {
        var total = LinearExpression()
        for expression in expressions { total.add(expression) }
        return total
    }

    /// The sum of many variables, each with coefficient 1.
    public static func sum<S: Sequence>(_ variables: S) -> LinearExpression where S.Element == Variable {
        var total = LinearExpression()
        for variable in variables { total.add(1, variable) }
        return total
    }

    /// The value of the expression for given variable values (indexed by ``Variable/index``).
    public func value(at values: [Double]) -> Double {
        coefficients.reduce(constant) { $0 + $1.value * values[$1.key.index] }
    }
}

/// One coefficient of a linear row.
public struct LinearTerm: Sendable, Hashable {
    public var variable: Variable
    public var coefficient: Double

    public init(variable: Variable, coefficient: Double) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

// MARK: - Arithmetic

public func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var result = lhs
    result.add(rhs)
    return result
}

public func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var result = lhs
    result.add(rhs, scaledBy: -1)
    return result
}

public prefix func - (operand: LinearExpression) -> LinearExpression {
    LinearExpression() - operand
}

public prefix func - (operand: Variable) -> LinearExpression {
    -LinearExpression(operand)
}

public func * (lhs: Double, rhs: LinearExpression) -> LinearExpression {
    var result = LinearExpression()
    result.add(rhs, scaledBy: lhs)
    return result
}

public func * (lhs: LinearExpression, rhs: Double) -> LinearExpression { rhs * lhs }
public func * (lhs: Double, rhs: Variable) -> LinearExpression { LinearExpression([rhs: lhs]) }
public func * (lhs: Variable, rhs: Double) -> LinearExpression { LinearExpression([lhs: rhs]) }

public func + (lhs: Variable, rhs: Variable) -> LinearExpression { LinearExpression(lhs) + LinearExpression(rhs) }
public func + (lhs: LinearExpression, rhs: Variable) -> LinearExpression { lhs + LinearExpression(rhs) }
public func + (lhs: Variable, rhs: LinearExpression) -> LinearExpression { LinearExpression(lhs) + rhs }
public func + (lhs: LinearExpression, rhs: Double) -> LinearExpression { lhs + LinearExpression(constant: rhs) }
public func + (lhs: Double, rhs: LinearExpression) -> LinearExpression { LinearExpression(constant: lhs) + rhs }
public func + (lhs: Variable, rhs: Double) -> LinearExpression { LinearExpression(lhs) + LinearExpression(constant: rhs) }
public func + (lhs: Double, rhs: Variable) -> LinearExpression { LinearExpression(constant: lhs) + LinearExpression(rhs) }

public func - (lhs: Variable, rhs: Variable) -> LinearExpression { LinearExpression(lhs) - LinearExpression(rhs) }
public func - (lhs: LinearExpression, rhs: Variable) -> LinearExpression { lhs - LinearExpression(rhs) }
public func - (lhs: Variable, rhs: LinearExpression) -> LinearExpression { LinearExpression(lhs) - rhs }
public func - (lhs: LinearExpression, rhs: Double) -> LinearExpression { lhs - LinearExpression(constant: rhs) }
public func - (lhs: Double, rhs: LinearExpression) -> LinearExpression { LinearExpression(constant: lhs) - rhs }
public func - (lhs: Variable, rhs: Double) -> LinearExpression { LinearExpression(lhs) - LinearExpression(constant: rhs) }
public func - (lhs: Double, rhs: Variable) -> LinearExpression { LinearExpression(constant: lhs) - LinearExpression(rhs) }

public func += (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs) }
public func += (lhs: inout LinearExpression, rhs: Variable) { lhs.add(1, rhs) }
public func -= (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs, scaledBy: -1) }
