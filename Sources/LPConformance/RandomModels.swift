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
