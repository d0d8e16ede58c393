import LinearModel

/// Builds Excel's sensitivity report from GLPK's post-optimal analysis of an optimal basis.
///
/// - Basic variable: `glp_analyze_coef` gives the coefficient range.
/// - Non-basic variable: the reduced-cost rule; the coefficient may move towards making the
///   variable attractive by |reduced cost|, and without limit the other way. Fixed: unlimited.
/// - Binding (non-basic) row: `glp_analyze_bound` gives the right-hand-side range.
/// - Non-binding (basic) row: the slack rule; the right-hand side may move towards the activity
///   by the slack, and without limit the other way (a basic equality row: not at all). GLPK's
///   "activity range" of a basic row answers another question and is not used.
/// - Ranged row: the active limit may not pass the other limit, which GLPK ignores.
enum SensitivityAnalysis {
    struct Unavailable: Error {
        var message: String
    }

    static func report(problem: GLPKProblem, model: Model, source: DualSource) -> Result<SensitivityReport, Unavailable> {
        if let reason = problem.prepareAnalysis() { return .failure(Unavailable(message: reason)) }
        let objective = problem.objectiveValue
        let rowCount = model.constraints.count
        func element(_ position: Int?) -> ModelElement? {
            guard let position else { return nil }
            return position < rowCount
                ? .constraint(model.constraints[position].name)
                : .variable(model.variables[position - rowCount].name)
        }

        let variables = model.variables.indices.map { j -> VariableSensitivity in
            let variable = Variable(index: j)
            let value = problem.columnValue(j)
            let coefficient = model.objective.coefficient(of: variable)
            let reducedCost = problem.columnReducedCost(j)
            let status = problem.columnStatus(j) ?? .basic
            var increase = Double.infinity, decrease = Double.infinity
            var increaseEdge = RangeEdge.unlimited, decreaseEdge = RangeEdge.unlimited
            func edge(_ change: Double, _ limiting: ModelElement?) -> RangeEdge {
                RangeEdge(limitingElement: limiting, objectiveAtEdge: objective + change * value)
            }
            switch status {
            case .basic:
                let range = problem.analyzeColumnCoefficient(j)
                if range.upper.isFinite {
                    increase = max(0, range.upper - coefficient)
                    increaseEdge = edge(increase, element(range.upperLimiting))
                }
                if range.lower.isFinite {
                    decrease = max(0, coefficient - range.lower)
                    decreaseEdge = edge(-decrease, element(range.lowerLimiting))
                }
            case .fixed:
                break
            case .atLowerBound, .atUpperBound, .free:
                // Past the edge this variable itself enters the basis.
                let entering = ModelElement.variable(model.variables[j].name)
                let improvesUpward = (status == .atLowerBound) == (model.objective.sense == .maximize)
                if status == .free || improvesUpward {
                    increase = abs(reducedCost)
                    increaseEdge = edge(increase, entering)
                }
                if status == .free || !improvesUpward {
                    decrease = abs(reducedCost)
                    decreaseEdge = edge(-decrease, entering)
                }
            }
            return VariableSensitivity(
                name: model.variables[j].name, value: value, reducedCost: reducedCost,
                objectiveCoefficient: coefficient, allowableIncrease: increase, allowableDecrease: decrease,
                increaseEdge: increaseEdge, decreaseEdge: decreaseEdge, basisStatus: status)
        }

        let constraints = model.constraints.indices.map { i -> ConstraintSensitivity in
            let row = model.constraints[i]
            let activity = problem.rowActivity(i)
            let price = problem.rowDual(i)
            let status = problem.rowStatus(i) ?? .basic
            var increase = Double.infinity, decrease = Double.infinity
            var increaseEdge = RangeEdge.unlimited, decreaseEdge = RangeEdge.unlimited
            let rhs: Double
            switch status {
            case .basic:
                // Slack rule: the limit that is not active may move up to the activity.
                let itself = RangeEdge(limitingElement: .constraint(row.name), objectiveAtEdge: objective)
                if case .equal(let value) = row.bounds {
                    // A basic equality row is degenerate: any move of its value breaks the basis.
                    rhs = value
                    increase = 0
                    decrease = 0
                    increaseEdge = itself
                    decreaseEdge = itself
                } else if row.bounds.upper.isFinite {
                    rhs = row.bounds.upper
                    decrease = max(0, rhs - activity)
                    decreaseEdge = itself
                } else {
                    rhs = row.bounds.lower
                    increase = max(0, activity - rhs)
                    increaseEdge = itself
                }
            case .atLowerBound, .atUpperBound, .fixed, .free:
                rhs = status == .atUpperBound ? row.bounds.upper : row.bounds.lower
                let range = problem.analyzeRowBound(i)
                if range.upper.isFinite {
                    increase = max(0, range.upper - rhs)
                    increaseEdge = RangeEdge(limitingElement: element(range.upperLimiting), objectiveAtEdge: objective + price * increase)
                }
                if range.lower.isFinite {
                    decrease = max(0, rhs - range.lower)
                    decreaseEdge = RangeEdge(limitingElement: element(range.lowerLimiting), objectiveAtEdge: objective - price * decrease)
                }
                // GLPK ignores the row's other limit: a ranged row's active limit cannot pass it.
                if case .ranged(let lower, let upper) = row.bounds {
                    let width = upper - lower
                    let itself = ModelElement.constraint(row.name)
                    if status == .atUpperBound && width < decrease {
                        decrease = width
                        decreaseEdge = RangeEdge(limitingElement: itself, objectiveAtEdge: objective - price * width)
                    }
                    if status == .atLowerBound && width < increase {
                        increase = width
                        increaseEdge = RangeEdge(limitingElement: itself, objectiveAtEdge: objective + price * width)
                    }
                }
            }
            return ConstraintSensitivity(
                name: row.name, value: activity, shadowPrice: price, rightHandSide: rhs,
                allowableIncrease: increase, allowableDecrease: decrease,
                increaseEdge: increaseEdge, decreaseEdge: decreaseEdge, basisStatus: status)
        }
        return .success(SensitivityReport(source: source, variables: variables, constraints: constraints))
    }
}
