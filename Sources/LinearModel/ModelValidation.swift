/// One problem found in a model, with the element it concerns.
public struct ModelIssue: Sendable, Hashable, CustomStringConvertible {
    /// What the problem is attached to, e.g. `variable 'x'` or `constraint 'budget' (row 3)`.
    public var location: String
    public var message: String

    public var description: String { "\(location): \(message)" }
}

/// Thrown when a model cannot be handed to a solver; lists every problem found, not just the first.
public struct ModelValidationError: Error, Sendable, CustomStringConvertible {
    public var modelName: String
    public var issues: [ModelIssue]

    public var description: String {
        let head = "model '\(modelName)' is invalid (\(issues.count) problem\(issues.count == 1 ? "" : "s"))"
        return ([head] + issues.map { "  \($0)" }).joined(separator: "\n")
    }
}

extension Model {
    /// Checks everything a solver backend relies on: finite numbers, consistent bounds,
    /// unique names the CPLEX LP format keeps, and variable handles that belong to this model.
    public func validate() throws(ModelValidationError) {
        let issues = validationIssues()
        if !issues.isEmpty { throw ModelValidationError(modelName: name, issues: issues) }
    }

    /// Every problem ``validate()`` would report, in model order; empty for a usable model.
    public func validationIssues() -> [ModelIssue] {
        var issues: [ModelIssue] = []
        var seenVariables: [String: Int] = [:]
        // Locations are written only for an issue: a model of thousands of columns and rows
        // has none, and is validated before every solve.
        for (index, variable) in variables.enumerated() {
            func location() -> String { "variable '\(variable.name)' (column \(index + 1))" }
            func report(_ message: String) { issues.append(ModelIssue(location: location(), message: message)) }
            if let problem = NameRules.problem(with: variable.name) { report("name \(problem)") }
            if let earlier = seenVariables.updateValue(index, forKey: variable.name) {
                report("duplicate name; column \(earlier + 1) has it too")
            }
            variable.boundsProblems().forEach(report)
        }

        var seenConstraints: [String: Int] = [:]
        for (index, row) in constraints.enumerated() {
            func location() -> String { "constraint '\(row.name)' (row \(index + 1))" }
            func report(_ message: String) { issues.append(ModelIssue(location: location(), message: message)) }
            if let problem = NameRules.problem(with: row.name) { report("name \(problem)") }
            if let earlier = seenConstraints.updateValue(index, forKey: row.name) {
                report("duplicate name; row \(earlier + 1) has it too")
            }
            issues += rowTermIssues(row.terms, location: location())
            row.bounds.problems().forEach(report)
        }

        if let problem = NameRules.problem(with: objective.name) {
            issues.append(ModelIssue(location: "objective", message: "name \(problem)"))
        }
        issues += termIssues(objective.expression.coefficients.map { ($0.key, $0.value) }, location: "objective")
        if isNegligible(objective.expression.constant) {
            issues.append(ModelIssue(location: "objective", message: "constant \(objective.expression.constant) is below 1e-30 in magnitude; write 0"))
        }
        if isHuge(objective.expression.constant) {
            issues.append(ModelIssue(location: "objective", message: hugeMessage("constant", objective.expression.constant)))
        }
        if !objective.expression.constant.isFinite {
            issues.append(ModelIssue(location: "objective", message: "constant \(text(objective.expression.constant)) is not finite"))
        }
        // GLPK aborts on a problem name with any control character.
        if name.utf8.count > NameRules.maximumByteCount || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            issues.append(ModelIssue(location: "model", message: "name must be at most \(NameRules.maximumByteCount) bytes without control characters"))
        }
        return issues
    }

    /// What is wrong with `terms` as a row of this model: unknown or repeated variables,
    /// coefficients that are not finite, negligible or huge.
    func rowTermIssues(_ terms: [LinearTerm], location: @autoclosure () -> String) -> [ModelIssue] {
        // Rows are kept in variable order: one pass proves there are no repeats and nothing
        // wrong, without the sort and set the messages below need (a model is validated before
        // every solve).
        var previous = -1
        if terms.allSatisfy({ term in
            defer { previous = term.variable.index }
            let magnitude = abs(term.coefficient)
            return term.variable.index > previous && term.variable.index < variables.count
                && magnitude.isFinite && magnitude <= largestModelMagnitude && (magnitude == 0 || magnitude >= 1e-30)
        }) { return [] }
        var issues = termIssues(terms.map { ($0.variable, $0.coefficient) }, location: location())
        if Set(terms.map(\.variable)).count != terms.count {
            issues.append(ModelIssue(location: location(), message: "a variable appears more than once"))
        }
        return issues
    }

    private func termIssues(_ terms: [(Variable, Double)], location: @autoclosure () -> String) -> [ModelIssue] {
        terms.sorted { $0.0 < $1.0 }.compactMap { variable, coefficient in
            if !variables.indices.contains(variable.index) {
                return ModelIssue(location: location(), message: "uses variable #\(variable.index), which is not in this model")
            }
            if !coefficient.isFinite {
                return ModelIssue(location: location(), message: "coefficient of '\(variables[variable.index].name)' is \(text(coefficient))")
            }
            if isNegligible(coefficient) {
                return ModelIssue(location: location(), message: "coefficient of '\(variables[variable.index].name)' is \(coefficient), below 1e-30 in magnitude; write 0")
            }
            if isHuge(coefficient) {
                return ModelIssue(location: location(), message: hugeMessage("coefficient of '\(variables[variable.index].name)'", coefficient))
            }
            return nil
        }
    }
}

/// The largest magnitude of a coefficient, bound or right-hand side handed to a solver. GLPK
/// aborts in its scaling or ranging past about 1e300 and gives wrong answers well before (an
/// envelope of 1e15 LP units reported infeasible where 1e14 solved): 1e12 keeps every product
/// of two such numbers inside double precision's exact integers' range of trust.
public let largestModelMagnitude = 1e12

private func isHuge(_ value: Double) -> Bool { value.isFinite && abs(value) > largestModelMagnitude }

private func hugeMessage(_ what: String, _ value: Double) -> String {
    "\(what) \(value) is beyond 1e12 in magnitude, the largest the solver is given; rescale the model (e.g. count money in millions)"
}

/// NaN prints as `nan` whatever its sign bit.
private func text(_ value: Double) -> String {
    value.isNaN ? "nan" : "\(value)"
}

/// Non-zero but below 1e-30 in magnitude: noise that GLPK's MPS writer cannot even print.
private func isNegligible(_ value: Double) -> Bool {
    value != 0 && value.isFinite && abs(value) < 1e-30
}

extension VariableDefinition {
    /// What is wrong with the bounds for this kind of variable; empty when they are usable.
    public func boundsProblems() -> [String] {
        var problems: [String] = []
        let badLower = lowerBound.isNaN || lowerBound == .infinity
        let badUpper = upperBound.isNaN || upperBound == -.infinity
        if badLower { problems.append("lower bound \(text(lowerBound)) is not a number or +infinity") }
        if badUpper { problems.append("upper bound \(text(upperBound)) is not a number or -infinity") }
        if !badLower && !badUpper && lowerBound > upperBound {
            problems.append("lower bound \(lowerBound) is above upper bound \(upperBound)")
        }
        if kind == .binary && (lowerBound != 0 || upperBound != 1) {
            problems.append("a binary variable must have bounds [0, 1]")
        }
        if kind == .integer && [lowerBound, upperBound].contains(where: { $0.isFinite && $0 != $0.rounded() }) {
            problems.append("an integer variable needs whole-number bounds, not [\(text(lowerBound)), \(text(upperBound))]")
        }
        for (label, value) in [("lower bound", lowerBound), ("upper bound", upperBound)] {
            if isNegligible(value) { problems.append("\(label) \(value) is below 1e-30 in magnitude; write 0") }
            if isHuge(value) { problems.append(hugeMessage(label, value)) }
        }
        return problems
    }
}

extension ConstraintBounds {
    /// What is wrong with these limits; empty when they are usable.
    public func problems() -> [String] {
        var problems: [String] = []
        for value in [lower, upper] {
            if isNegligible(value) { problems.append("limit \(value) is below 1e-30 in magnitude; write 0") }
            if isHuge(value) { problems.append(hugeMessage("limit", value)) }
        }
        switch self {
        case .lessOrEqual(let value), .greaterOrEqual(let value), .equal(let value):
            if !value.isFinite { problems.append("right-hand side \(text(value)) is not finite") }
        case .ranged(let lower, let upper):
            if !lower.isFinite || !upper.isFinite {
                problems.append("range [\(text(lower)), \(text(upper))] is not finite on both sides")
            } else if lower > upper {
                problems.append("lower limit \(lower) is above upper limit \(upper)")
            }
        }
        return problems
    }
}
