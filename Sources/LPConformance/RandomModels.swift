import LinearModel

/// Random models with a known shape, for property tests and cross-checks.
public enum RandomModels {
    /// A feasible, bounded LP: maximise a positive profit over `<=` rows with positive
    /// coefficients (two decimals, so ties in ratio tests are rare) and positive right-hand
    /// sides, within variable boxes, plus one `>=` row that x = 0 does not meet but small x do.
    public static func boundedLP(seed: UInt64, maxVariables: Int = 8, maxRows: Int = 6) -> Model {
        var random = SeededGenerator(seed: seed)
        var model = Model(name: "random_\(seed)")
        let n = Int.random(in: 2...maxVariables, using: &random)
        let m = Int.random(in: 2...maxRows, using: &random)
        let variables = (0..<n).map { model.addVariable("x\($0 + 1)", upperBound: Double(Int.random(in: 5...40, using: &random))) }
        for row in 0..<m {
            var expression = LinearExpression()
            for variable in variables where Int.random(in: 0..<3, using: &random) > 0 {
                expression.add(Double(Int.random(in: 100...900, using: &random)) / 100, variable)
            }
            if expression.terms.isEmpty { expression.add(1, variables[row % n]) }
            model.addConstraint(expression <= Double(Int.random(in: 10...60, using: &random)), name: "cap\(row + 1)")
        }
        var floor = LinearExpression()
        for variable in variables { floor.add(1, variable) }
        model.addConstraint(floor >= 0.5, name: "floor")
        var objective = LinearExpression()
        for variable in variables { objective.add(Double(Int.random(in: 100...1200, using: &random)) / 100, variable) }
        model.maximize(objective)
        return model
    }
}

extension RandomModels {
    /// A feasible, bounded LP of every row and bound type, minimised or maximised: rows are
    /// built around a point inside the variables' boxes (so it is feasible) and every variable
    /// is boxed (so it is bounded). Includes equality and ranged rows, negative lower bounds and
    /// fixed variables.
    public static func mixedLP(seed: UInt64, maxVariables: Int = 10, maxRows: Int = 8) -> Model {
        var random = SeededGenerator(seed: seed)
        func decimal(_ range: ClosedRange<Double>) -> Double { (Double.random(in: range, using: &random) * 100).rounded() / 100 }
        var model = Model(name: "mixed_\(seed)")
        let n = Int.random(in: 2...maxVariables, using: &random)
        let m = Int.random(in: 1...maxRows, using: &random)
        var point: [Double] = []
        var variables: [Variable] = []
        for index in 0..<n {
            let lower = Int.random(in: 0..<4, using: &random) == 0 ? -decimal(1...10) : 0
            let upper = lower + decimal(2...30)
            let fixed = Int.random(in: 0..<12, using: &random) == 0
            let value = fixed ? lower : decimal(lower...upper)
            variables.append(model.addVariable("x\(index + 1)", lowerBound: lower, upperBound: fixed ? lower : upper))
            point.append(value)
        }
        for row in 0..<m {
            var expression = LinearExpression()
            for variable in variables where Int.random(in: 0..<3, using: &random) > 0 {
                expression.add(decimal(-5...9), variable)
            }
            if expression.terms.isEmpty { expression.add(1, variables[row % n]) }
            let activity = expression.value(at: point)
            let name = "r\(row + 1)"
            switch Int.random(in: 0..<5, using: &random) {
            case 0: model.addConstraint(expression == activity, name: name)
            case 1: model.addConstraint(expression, lowerBound: activity - decimal(0.5...10), upperBound: activity + decimal(0.5...10), name: name)
            case 2: model.addConstraint(expression >= activity - decimal(0...10), name: name)
            default: model.addConstraint(expression <= activity + decimal(0...10), name: name)
            }
        }
        var objective = LinearExpression()
        for variable in variables { objective.add(decimal(-6...12), variable) }
        if Bool.random(using: &random) { model.maximize(objective) } else { model.minimize(objective) }
        return model
    }
}
