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

    static func report(problem: GLPKProblem, model: Model, solution: Solution, source: DualSource, options: SolveOptions) -> Result<SensitivityReport, Unavailable> {
        if let reason = problem.prepareAnalysis() { return .failure(Unavailable(message: reason)) }
        let objective = problem.objectiveValue
        let rowCount = model.constraints.count
        func element(_ position: Int?) -> ModelElement? {
            guard let position else { return nil }
            return position < rowCount
                ? .constraint(ConstraintRef(index: position), name: model.constraints[position].name)
                : .variable(Variable(index: position - rowCount), name: model.variables[position - rowCount].name)
        }

        var variables = model.variables.indices.map { j in
            columnRange(problem, column: j, model: model, objective: objective, isDegenerate: solution.variables[j].isDegenerate, element: element)
        }

        var constraints = model.constraints.indices.map { i -> ConstraintSensitivity in
            let range = rowRange(problem, row: i, name: model.constraints[i].name, bounds: model.constraints[i].bounds,
                                 objective: objective, element: element)
            return ConstraintSensitivity(
                name: model.constraints[i].name, value: problem.rowActivity(i), shadowPrice: range.price,
                rightHandSide: range.rhs, allowableIncrease: range.increase, allowableDecrease: range.decrease,
                increaseEdge: range.increaseEdge, decreaseEdge: range.decreaseEdge, basisStatus: range.status,
                isDegenerate: solution.constraints[i].isDegenerate)
        }
        if options.computeOneSidedPrices {
            OneSidedPrices(problem: problem, model: model, options: options).attach(to: &constraints)
            OneSidedPrices(problem: problem, model: model, options: options).attachColumns(to: &variables)
        }
        return .success(SensitivityReport(source: source, variables: variables, constraints: constraints))
    }

    /// The objective-coefficient range of column `j` in the current optimal basis; requires
    /// ``GLPKProblem/prepareAnalysis()``.
    static func columnRange(
        _ problem: GLPKProblem, column j: Int, model: Model, objective: Double, isDegenerate: Bool, element: (Int?) -> ModelElement?
    ) -> VariableSensitivity {
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
            let entering = ModelElement.variable(Variable(index: j), name: model.variables[j].name)
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
            increaseEdge: increaseEdge, decreaseEdge: decreaseEdge, basisStatus: status,
            isDegenerate: isDegenerate)
    }

    /// The element (row or column) at 0-based position `position` of GLPK's combined numbering.
    static func element(_ position: Int?, in model: Model) -> ModelElement? {
        guard let position else { return nil }
        let rowCount = model.constraints.count
        return position < rowCount
            ? .constraint(ConstraintRef(index: position), name: model.constraints[position].name)
            : .variable(Variable(index: position - rowCount), name: model.variables[position - rowCount].name)
    }

    /// The price of row `row` in the current optimal basis and how far its active limit may move.
    struct RowRange {
        var status: BasisStatus
        var price: Double
        /// The limit the range refers to (see ``ConstraintSensitivity/rightHandSide``).
        var rhs: Double
        var increase = Double.infinity
        var decrease = Double.infinity
        var increaseEdge = RangeEdge.unlimited
        var decreaseEdge = RangeEdge.unlimited
    }

    static func rowRange(
        _ problem: GLPKProblem, row i: Int, name: String, bounds: ConstraintBounds, objective: Double,
        element: (Int?) -> ModelElement?
    ) -> RowRange {
        let row = ConstraintDefinition(name: name, terms: [], bounds: bounds)
        let activity = problem.rowActivity(i)
        let status = problem.rowStatus(i) ?? .basic
        var range = RowRange(status: status, price: problem.rowDual(i), rhs: 0)
        let itself = RangeEdge(limitingElement: .constraint(ConstraintRef(index: i), name: row.name), objectiveAtEdge: objective)
        switch status {
        case .basic:
            if case .equal(let value) = row.bounds {
                // A basic equality row is degenerate: any move of its value breaks the basis.
                range.rhs = value
                range.increase = 0
                range.decrease = 0
                range.increaseEdge = itself
                range.decreaseEdge = itself
            } else if row.bounds.upper.isFinite {
                // Slack rule: the limit may move up to the activity.
                range.rhs = row.bounds.upper
                range.decrease = max(0, range.rhs - activity)
                range.decreaseEdge = itself
            } else {
                range.rhs = row.bounds.lower
                range.increase = max(0, activity - range.rhs)
                range.increaseEdge = itself
            }
        case .atLowerBound, .atUpperBound, .fixed, .free:
            range.rhs = status == .atUpperBound ? row.bounds.upper : row.bounds.lower
            let analysis = problem.analyzeRowBound(i)
            if analysis.upper.isFinite {
                range.increase = max(0, analysis.upper - range.rhs)
                range.increaseEdge = RangeEdge(limitingElement: element(analysis.upperLimiting), objectiveAtEdge: objective + range.price * range.increase)
            }
            if analysis.lower.isFinite {
                range.decrease = max(0, range.rhs - analysis.lower)
                range.decreaseEdge = RangeEdge(limitingElement: element(analysis.lowerLimiting), objectiveAtEdge: objective - range.price * range.decrease)
            }
            // GLPK ignores the row's other limit: a ranged row's active limit cannot pass it.
            if case .ranged(let lower, let upper) = row.bounds {
                let width = upper - lower
                let itself = ModelElement.constraint(ConstraintRef(index: i), name: row.name)
                if status == .atUpperBound && width < range.decrease {
                    range.decrease = width
                    range.decreaseEdge = RangeEdge(limitingElement: itself, objectiveAtEdge: objective - range.price * width)
                }
                if status == .atLowerBound && width < range.increase {
                    range.increase = width
                    range.increaseEdge = RangeEdge(limitingElement: itself, objectiveAtEdge: objective + range.price * width)
                }
            }
        }
        return range
    }
}
