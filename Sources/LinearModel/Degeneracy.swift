extension Solution {
    /// Flags degenerate variables and constraints of an optimal basic solution of `model`:
    /// primal degeneracy (a basic variable or row at a bound) and dual degeneracy (a non-basic,
    /// non-fixed one with zero reduced cost or price, i.e. alternative optima).
    ///
    /// `tolerance` is relative to the bound or coefficient it is compared with (at least 1).
    public mutating func markDegeneracy(of model: Model, tolerance: Double = 1e-9) {
        func near(_ value: Double, _ limit: Double) -> Bool {
            limit.isFinite && abs(value - limit) <= tolerance * max(1, abs(limit))
        }
        for index in variables.indices {
            let result = variables[index]
            let definition = model.variables[index]
            switch result.basisStatus {
            case .basic?:
                variables[index].isDegenerate = near(result.value, definition.lowerBound) || near(result.value, definition.upperBound)
            case .atLowerBound?, .atUpperBound?, .free?:
                let scale = max(1, abs(model.objective.coefficient(of: Variable(index: index))))
                variables[index].isDegenerate = result.reducedCost.map { abs($0) <= tolerance * scale } ?? false
            case .fixed?, nil:
                variables[index].isDegenerate = false
            }
        }
        for index in constraints.indices {
            let result = constraints[index]
            let bounds = model.constraints[index].bounds
            switch result.basisStatus {
            case .basic?:
                constraints[index].isDegenerate = near(result.activity, bounds.lower) || near(result.activity, bounds.upper)
            case .atLowerBound?, .atUpperBound?, .fixed?, .free?:
                constraints[index].isDegenerate = result.shadowPrice.map { abs($0) <= tolerance } ?? false
            case nil:
                constraints[index].isDegenerate = false
            }
        }
    }
}
