/// Whether the objective is to be made as small or as large as possible.
public enum ObjectiveSense: String, Sendable, Hashable, Codable {
    case minimize
    case maximize
}

/// The objective function: a sense and a linear expression (its constant is kept and reported).
public struct Objective: Sendable {
    public var sense: ObjectiveSense
    public var expression: LinearExpression
    /// Optional row name for the objective in model files; `obj` when empty.
    public var name: String

    public init(sense: ObjectiveSense, expression: LinearExpression, name: String = "obj") {
        self.sense = sense
        self.expression = expression
        self.name = name
    }

    /// The coefficient of `variable`, 0 when it does not appear.
    public func coefficient(of variable: Variable) -> Double {
        expression.coefficients[variable] ?? 0
    }
}

/// A linear or mixed-integer program as a value: variables, constraints, objective.
///
/// Building a model never touches a solver. ``LPSolver/solve(_:options:)`` takes a model and
/// returns a separate ``Solution``; the model is never written back to.
///
/// ```swift
/// var model = Model(name: "product_mix")
/// let x = model.addVariable("x", lowerBound: 0)
/// let y = model.addVariable("y", lowerBound: 0)
/// model.addConstraint(3 * x + 2 * y <= 18, name: "assembly")
/// model.maximize(3 * x + 5 * y)
/// ```
public struct Model: Sendable {
    public var name: String
    public private(set) var variables: [VariableDefinition] = []
    public private(set) var constraints: [ConstraintDefinition] = []
    public var objective = Objective(sense: .minimize, expression: LinearExpression())

    public init(name: String = "model") {
        self.name = name
    }

    /// True when any variable is integer or binary: the model is then solved as a MIP.
    public var isMixedInteger: Bool {
        variables.contains { $0.kind != .continuous }
    }

    /// Adds a variable. Bounds default to `[0, +infinity)`; binary variables always get `[0, 1]`.
    @discardableResult
    public mutating func addVariable(
        _ name: String,
        lowerBound: Double = 0,
        upperBound: Double = .infinity,
        kind: VariableKind = .continuous
    ) -> Variable {
        let bounds = kind == .binary ? (0.0, 1.0) : (lowerBound, upperBound)
        variables.append(VariableDefinition(name: name, lowerBound: bounds.0, upperBound: bounds.1, kind: kind))
        return Variable(index: variables.count - 1)
    }

    /// Adds a constraint built with `<=`, `>=` or `==`; the expression's constant moves to the right.
    @discardableResult
    public mutating func addConstraint(_ spec: ConstraintSpec, name: String) -> ConstraintRef {
        let rhs = -spec.expression.constant
        let bounds: ConstraintBounds = switch spec.sense {
        case .lessOrEqual: .lessOrEqual(rhs)
        case .greaterOrEqual: .greaterOrEqual(rhs)
        case .equal: .equal(rhs)
        }
        return append(ConstraintDefinition(name: name, terms: spec.expression.terms, bounds: bounds))
    }

    /// Adds a ranged constraint `lowerBound <= expression <= upperBound`.
    ///
    /// An infinite side makes it a one-sided row; equal sides make it an equality.
    @discardableResult
    public mutating func addConstraint(
        _ expression: LinearExpression,
        lowerBound: Double,
        upperBound: Double,
        name: String
    ) -> ConstraintRef {
        let lower = lowerBound - expression.constant
        let upper = upperBound - expression.constant
        let bounds: ConstraintBounds =
            if lower == upper { .equal(lower) }
            else if lower == -.infinity { .lessOrEqual(upper) }
            else if upper == .infinity { .greaterOrEqual(lower) }
            else { .ranged(lower: lower, upper: upper) }
        return append(ConstraintDefinition(name: name, terms: expression.terms, bounds: bounds))
    }

    /// Adds an already normalised row, as read from a model file.
    @discardableResult
    public mutating func addConstraint(_ definition: ConstraintDefinition) -> ConstraintRef {
        var row = definition
        row.terms = LinearExpression(
            Dictionary(row.terms.map { ($0.variable, $0.coefficient) }, uniquingKeysWith: +)
        ).terms
        return append(row)
    }

    private mutating func append(_ definition: ConstraintDefinition) -> ConstraintRef {
        constraints.append(definition)
        return ConstraintRef(index: constraints.count - 1)
    }

    public mutating func maximize(_ expression: LinearExpression) {
        objective.sense = .maximize
        objective.expression = expression
    }

    public mutating func minimize(_ expression: LinearExpression) {
        objective.sense = .minimize
        objective.expression = expression
    }

    /// Changes a variable's kind (a binary variable also gets bounds [0, 1]).
    public mutating func setKind(of variable: Variable, to kind: VariableKind) {
        variables[variable.index].kind = kind
        if kind == .binary {
            variables[variable.index].lowerBound = 0
            variables[variable.index].upperBound = 1
        }
    }

    /// Adds `coefficient · variable` to a constraint's row (merged with any existing term).
    public mutating func addTerm(_ coefficient: Double, _ variable: Variable, to constraint: ConstraintRef) {
        var row = constraints[constraint.index]
        var expression = LinearExpression(Dictionary(row.terms.map { ($0.variable, $0.coefficient) }, uniquingKeysWith: +))
        expression.add(coefficient, variable)
        row.terms = expression.terms
        constraints[constraint.index] = row
    }

    /// Removes constraints; the handles of later constraints shift down.
    public mutating func removeConstraints(at indices: Set<Int>) {
        constraints = constraints.enumerated().filter { !indices.contains($0.offset) }.map(\.element)
    }

    public mutating func setBounds(of variable: Variable, lower: Double, upper: Double) {
        variables[variable.index].lowerBound = lower
        variables[variable.index].upperBound = upper
    }

    public mutating func setBounds(of constraint: ConstraintRef, _ bounds: ConstraintBounds) {
        constraints[constraint.index].bounds = bounds
    }

    public mutating func setTerms(of constraint: ConstraintRef, _ terms: [LinearTerm]) {
        constraints[constraint.index].terms = terms
    }

    public mutating func setObjectiveCoefficient(of variable: Variable, to value: Double) {
        objective.expression.setCoefficient(value, of: variable)
    }

    public func variable(named name: String) -> Variable? {
        variables.firstIndex { $0.name == name }.map(Variable.init(index:))
    }

    public func constraint(named name: String) -> ConstraintRef? {
        constraints.firstIndex { $0.name == name }.map(ConstraintRef.init(index:))
    }

    /// The objective's value for given variable values, constant included.
    public func objectiveValue(at values: [Double]) -> Double {
        objective.expression.value(at: values)
    }

    /// This model with every integer column fixed at its value in `values` (rounded to the
    /// nearest whole number) and made continuous: the LP a MIP plan's prices come from; the
    /// model itself when it has no integer column.
    public func fixingIntegers(at values: [Double]) -> Model {
        guard isMixedInteger else { return self }
        var model = self
        for (index, variable) in variables.enumerated() where variable.kind != .continuous {
            let column = Variable(index: index)
            let whole = values[index].rounded()
            model.setBounds(of: column, lower: whole, upper: whole)
            model.setKind(of: column, to: .continuous)
        }
        return model
    }

    /// The constraint matrix by column: for each variable (by index), the rows it enters with
    /// its coefficient, in row order.
    public func entriesByColumn() -> [[(row: Int, coefficient: Double)]] {
        var columns = [[(row: Int, coefficient: Double)]](repeating: [], count: variables.count)
        for (row, constraint) in constraints.enumerated() {
            for term in constraint.terms { columns[term.variable.index].append((row, term.coefficient)) }
        }
        return columns
    }
}
