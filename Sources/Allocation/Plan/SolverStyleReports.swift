import LinearModel

/// Excel Solver's three reports (Answer, Sensitivity, Limits) for a solved scenario, over every
/// column and row of its LP, in the scenario's words and units: money in CHF thousands, staff in
/// FTE, impact in target points; prices per CHF 1 million, per FTE or per percentage point, as
/// the appendix gives them.
public struct SolverStyleReports: Sendable {
    /// One variable cell: an LP column.
    public struct Cell: Sendable, Hashable {
        public var name: String
        public var description: String
        public var unit: Unit
        public var value: Double
        /// Change of the objective per one more ``priceUnit`` of the cell from its bound (Excel's
        /// reduced cost); nil without duals.
        public var reducedCost: Double?
        /// Where the basis allows no move off the bound: the rate when moved (see
        /// ``VariableSensitivity/reducedCostWhenMoved``).
        public var reducedCostWhenMoved: Double?
        /// What reduced costs and objective coefficients are per: CHF 1 million, FTE, point.
        public var priceUnit: Unit
        public var objectiveCoefficient: Double
        /// How far the objective coefficient may move (per ``priceUnit``) with the same plan; nil
        /// without sensitivity.
        public var allowableIncrease: Double?
        public var allowableDecrease: Double?
        public var degenerate: Bool
        /// Excel's Limits report: the lowest and highest value of the cell with every other cell
        /// held, every limit kept; and the objective there.
        public var lowerLimit: Double
        public var upperLimit: Double
        public var objectiveAtLower: Double
        public var objectiveAtUpper: Double
    }

    /// One constraint: an LP row.
    public struct Constraint: Sendable, Hashable {
        public var name: String
        public var description: String
        /// The unit of ``value``, ``rightHandSide``, ``slack`` and the allowable changes.
        public var unit: Unit
        public var value: Double
        /// "<=", ">=" or "=".
        public var relation: String
        public var rightHandSide: Double
        public var binding: Bool
        public var slack: Double
        /// Per ``priceUnit`` (Excel's shadow price); nil without duals.
        public var shadowPrice: Double?
        public var priceUnit: Unit
        public var allowableIncrease: Double?
        public var allowableDecrease: Double?
        public var degenerate: Bool
    }

    public var objectiveName: String
    public var objective: Double
    public var cells: [Cell]
    public var constraints: [Constraint]
    /// Whether ranges (allowable increase and decrease) were computed.
    public var hasRanges: Bool
}

extension SolvedScenario {
    /// Excel Solver's reports for this plan; nil without a plan. Ranges need the solve's
    /// sensitivity (``ScenarioDriver/solve(_:with:sensitivity:)-(Scenario,_,_)`` with `sensitivity: true`).
    public func solverStyleReports() -> SolverStyleReports? {
        guard let objective = solution.objectiveValue, solution.variables.count == compiled.model.variables.count else { return nil }
        let model = compiled.model
        let report = solution.sensitivity
        let units = columnUnits()
        let values = solution.variables.map(\.value)
        let activities = model.constraints.map { $0.activity(at: values) }
        let rowsOfColumn = model.entriesByColumn()
        let cells = model.variables.indices.map { index -> SolverStyleReports.Cell in
            let variable = model.variables[index]
            let lpUnit = units[index]
            let stated = UnitConverter.statedUnit(of: lpUnit)
            let shown = { (value: Double) in UnitConverter.convert(value, from: lpUnit, to: stated) }
            let coefficient = model.objective.coefficient(of: Variable(index: index))
            // Limits: the cell alone moves; every row it enters must still hold.
            var low = variable.lowerBound, high = variable.upperBound
            for (row, a) in rowsOfColumn[index] {
                let bounds = model.constraints[row].bounds
                let rest = activities[row] - a * values[index]
                var from = (bounds.lower - rest) / a, to = (bounds.upper - rest) / a
                if a < 0 { swap(&from, &to) }
                if !from.isNaN { low = max(low, from) }
                if !to.isNaN { high = min(high, to) }
            }
            // Rounding can leave the interval a hair off the value itself.
            low = min(low, values[index]); high = max(high, values[index])
            let sensitivity = report?.variables[index]
            return SolverStyleReports.Cell(
                name: variable.name, description: compiled.describe(.variable(Variable(index: index), name: variable.name)),
                unit: stated, value: shown(values[index]), reducedCost: solution.variables[index].reducedCost,
                reducedCostWhenMoved: sensitivity?.reducedCostWhenMoved, priceUnit: lpUnit,
                objectiveCoefficient: coefficient, allowableIncrease: sensitivity?.allowableIncrease, allowableDecrease: sensitivity?.allowableDecrease,
                degenerate: solution.variables[index].isDegenerate || sensitivity?.reducedCostWhenMoved != nil,
                lowerLimit: shown(low), upperLimit: shown(high),
                objectiveAtLower: objective + coefficient * (low - values[index]), objectiveAtUpper: objective + coefficient * (high - values[index]))
        }
        let constraints = model.constraints.indices.map { index -> SolverStyleReports.Constraint in
            let row = ConstraintRef(index: index)
            let meaning = compiled.meaning(of: row)
            let bounds = model.constraints[index].bounds
            let result = solution.constraints[index]
            let relation: String, rhs: Double
            switch bounds {
            case .lessOrEqual(let value): relation = "<="; rhs = value
            case .greaterOrEqual(let value): relation = ">="; rhs = value
            case .equal(let value): relation = "="; rhs = value
            case .ranged(let lower, let upper):
                let atUpper = abs(result.activity - upper) <= abs(result.activity - lower)
                relation = atUpper ? "<=" : ">="; rhs = atUpper ? upper : lower
            }
            // Share limits are rows of CHF millions (part - share x base); their prices and
            // ranges are per percentage point, as the appendix states them.
            let priced = report.map { limitPrice(row, $0, at: solution) }
            let lpUnit = meaning.shareOf == nil ? meaning.unit : Unit.lpMoney
            let stated = UnitConverter.statedUnit(of: lpUnit)
            let shown = { (value: Double) in UnitConverter.convert(value, from: lpUnit, to: stated) }
            let slack = abs(result.slack)
            return SolverStyleReports.Constraint(
                name: model.constraints[index].name, description: meaning.description, unit: stated,
                value: shown(result.activity), relation: relation, rightHandSide: shown(rhs),
                binding: result.basisStatus.map { $0 != .basic } ?? (slack <= 1e-9 * max(1, abs(rhs))), slack: shown(slack),
                shadowPrice: priced?.shadowPrice ?? result.shadowPrice.map(withoutSolverNoise),
                priceUnit: priced?.unit ?? lpUnit,
                allowableIncrease: priced?.allowableIncrease, allowableDecrease: priced?.allowableDecrease,
                degenerate: result.isDegenerate)
        }
        return SolverStyleReports(objectiveName: "Weighted impact", objective: objective, cells: cells, constraints: constraints, hasRanges: report != nil)
    }

    /// Each column's unit inside the LP: LP money for budgets, costs and curve segments; FTE
    /// for staff; target points for impacts; attainment for shortfalls and the worst attainment.
    private func columnUnits() -> [Unit] {
        var units = [Unit](repeating: .objective, count: compiled.model.variables.count)
        for columns in compiled.activities.values {
            for variable in [columns.budget, columns.cost] + columns.segments { units[variable.index] = Unit.lpMoney }
            for variable in columns.staff { units[variable.index] = .fte }
        }
        for variable in compiled.impactTotal.values { units[variable.index] = .points }
        for byYear in compiled.impactByYear.values { for variable in byYear.values { units[variable.index] = .points } }
        for variable in compiled.shortfall.values { units[variable.index] = .attainment }
        if let worst = compiled.worstAttainment { units[worst.index] = .attainment }
        return units
    }
}
