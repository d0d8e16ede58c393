import LinearModel

/// How much of the sensitivity report to compute.
public enum SensitivityScope: Sendable, Hashable {
    /// Everything: every limit, the input mix of single lines ranged along their shares, and
    /// with the scenario's file every field along its field, shares included.
    case full
    /// What the executive summary states: the committee's limits (the input mix of single lines
    /// is left out, not shown with ranges it was not given); no share fields.
    case committee
}

/// Computes ``PlanSensitivity`` for a solved scenario with any solver that can re-solve warm.
///
/// Every figure is about the plan `solved` holds, through its
/// ``SolvedScenario/analysisModel``: the final stage's LP as solved, and for whole posts that LP
/// with the staff fixed at the plan's whole posts.
public enum SensitivityAnalyzer {
    /// With `source` (the scenario's file), also the price of every scenario field along that
    /// field (``PathPrice``).
    public static func analyze(
        _ solved: SolvedScenario, source: ScenarioSource? = nil, with solver: some WarmStartSolver, scope: SensitivityScope = .full
    ) throws(SolverError) -> PlanSensitivity {
        var result = PlanSensitivity(plan: solved.plan, subject: solved.analysisSubject, prices: [], unfunded: [], weights: [])
        guard let model = solved.analysisModel else { return result }
        let basis: Solution
        if solved.solution.sensitivity != nil {
            basis = solved.solution
        } else {
            var options = SolveOptions()
            options.computeSensitivity = true
            basis = try solver.solve(model, options: options)
            // The analysis LP's optimum is the plan's objective: anything else would be the
            // sensitivity of another plan.
            guard basis.termination == .optimal, let objective = basis.objectiveValue, let planned = solved.plan.objective,
                  abs(objective - planned) <= 1e-7 * max(1, abs(planned)) else {
                throw .backendFailure("the analysis LP does not reproduce the plan's objective (\(basis.objectiveValue.map { "\($0)" } ?? basis.termination.status) against \(solved.plan.objective.map { "\($0)" } ?? "none"))")
            }
        }
        guard let report = basis.sensitivity else { return result }
        result.prices = prices(solved, basis, report)
        if scope == .committee { result.prices.removeAll { inputMix.contains($0.kind) } }
        result.unfunded = try unfunded(solved, model, solver: solver)
        attachParts(to: &result.unfunded, solved, model, basis)
        // One warm session on the plan's own basis for the prices in target terms and the weight
        // ranges: on a degenerate LP a fresh solve could end at another optimal basis, whose
        // figures would not match the prices above.
        try rethrowingSolverError {
            try solver.withSession(model, options: SolveOptions()) { session in
                let adopted = session.startFromBasis(of: basis)
                let start = session.solve()
                let reproduced = adopted && start.termination == .optimal && start.simplexIterations == 0
                if reproduced { try attachAttainmentChanges(to: &result.prices, solved, basis, report, session: &session) }
                if reproduced, let source { result.pathPrices = try pathPrices(solved, model, basis, source: source, session: &session) }
            }
        }
        // The weight ranges ask whether the plan is still optimal under other weights: tight
        // tolerances, since GLPK's default lets a basis 1e-7 short of the optimum stand.
        try rethrowingSolverError {
            var tight = SolveOptions()
            tight.tightTolerances = true
            try solver.withSession(model, options: tight) { session in
                _ = session.startFromBasis(of: basis)
                _ = session.solve()
                session.rememberBasis()
                result.weights = try weights(solved, model, basis, report, session: &session)
            }
        }
        // Shares move the matrix: their own session, with tight tolerances, so that a re-solve
        // just past an edge leaves the old basis (GLPK's default 1e-7 keeps it well past).
        try rethrowingSolverError {
            var tight = SolveOptions()
            tight.tightTolerances = true
            try solver.withSession(model, options: tight) { session in
                guard session.startFromBasis(of: basis) else { return }
                let start = session.solve()
                guard start.termination == .optimal, start.simplexIterations == 0 else { return }
                session.rememberBasis()
                try attachShareRanges(to: &result.prices, solved, session: &session)
                if source != nil, scope == .full { result.pathPrices = try (result.pathPrices + sharePathPrices(solved, session: &session)).sorted { $0.path < $1.path } }
            }
        }
        return result
    }

    // MARK: Prices of limits

    private static func prices(_ solved: SolvedScenario, _ basis: Solution, _ report: SensitivityReport) -> [LimitPrice] {
        var rowsOfPath: [String: Int] = [:]
        for (_, meaning) in solved.compiled.rows { if let path = meaning.path { rowsOfPath[path, default: 0] += 1 } }
        return solved.compiled.rows.compactMap { solved.listedPrice($0.row, report, at: basis) }.map { price in
            var price = price
            price.pathRows = price.path.flatMap { rowsOfPath[$0] } ?? 1
            return price
        }
    }

    /// Limits of single lines' input mix are hundreds of rows whose target terms nobody reads.
    private static let inputMix: Set<ConstraintMeaning.Kind> = [.staffCostShare, .staffCategoryShare]

    /// Each listed price in target terms: the rates of the targets' impact columns along the
    /// limit in the plan's basis. The rates must give back the price itself (the objective's
    /// rate); a row where they do not is left without target terms rather than shown wrong.
    private static func attachAttainmentChanges(
        to prices: inout [LimitPrice], _ solved: SolvedScenario, _ basis: Solution, _ report: SensitivityReport, session: inout SolverSession
    ) throws(SolverError) {
        let program = solved.compiled
        for index in prices.indices where !inputMix.contains(prices[index].kind) {
            guard let row = program.row(prices[index].key), let rates = try session.primalRates(alongLimitOf: row) else { continue }
            let objectiveRate = session.model.objective.expression.coefficients.reduce(0) { $0 + $1.value * rates[$1.key.index] }
            let dual = report.constraints[row.index].shadowPrice
            guard abs(objectiveRate - dual) <= 1e-6 * max(1e-3, abs(dual)) || report.constraints[row.index].basisStatus == .basic else { continue }
            prices[index].attainmentChanges = solved.attainmentChanges(row, rates: rates, at: basis)
        }
    }

    // MARK: Unfunded lines

    /// The reduced cost of a line is the price of forcing money into it: its cost column is given
    /// a lower bound of CHF 1 thousand and the LP re-solved warm; the column, then non-basic at
    /// that bound, carries the price of the move in its reduced cost (a basis dual, not a
    /// difference of objectives). The current basis alone can show 0 there when it is degenerate.
    private static func unfunded(_ solved: SolvedScenario, _ model: Model, solver: some WarmStartSolver) throws(SolverError) -> [UnfundedLine] {
        let program = solved.compiled
        let scenario = program.scenario
        let solution = solved.solution
        // The value of a line's first franc in the objective being analysed: for a
        // lexicographic plan, only the last goal's targets count.
        let firstSegment = Dictionary(uniqueKeysWithValues: scenario.activities.map { activity in
            (activity.key, scenario.targets.reduce(0) { total, target in
                total + model.objective.coefficient(of: program.impactTotal[target.id]!)
                    * (scenario.segmentEffects(activity.impactPerThousand[target.id] ?? 0).first ?? 0)
            })
        })
        let unfunded = program.activityOrder.filter { solution.value(of: program.activities[$0]!.cost) <= 1e-9 }
        guard !unfunded.isEmpty else { return [] }
        let forced = UnitConverter.lp(1)
        return try rethrowingSolverError {
            try solver.withSession(model, options: SolveOptions()) { session in
                _ = session.solve()
                return try unfunded.map { key -> UnfundedLine in
                    let cost = program.activities[key]!.cost
                    let gross = firstSegment[key.activity] ?? 0
                    try session.setBounds(of: cost, lower: forced, upper: .infinity)
                    let moved = session.solve()
                    try session.setBounds(of: cost, lower: 0, upper: .infinity)
                    // Forcing money in may break a limit (no feasible plan, and no values to read),
                    // or the line may turn out to be attractive after all (the column leaves its bound).
                    let reduced: Double
                    if moved.termination == .optimal, moved.variables.indices.contains(cost.index) {
                        let result = moved.variables[cost.index]
                        reduced = result.basisStatus == .atLowerBound ? min(0, result.reducedCost ?? 0) : 0
                    } else {
                        reduced = -.infinity
                    }
                    return UnfundedLine(
                        sector: key.sector, line: key.line, offering: key.offering, year: key.year, reducedCost: reduced, grossValue: gross,
                        requiredRise: gross > 0 && reduced.isFinite ? -reduced / gross : nil,
                        degenerate: solution.variables[cost.index].isDegenerate)
                }
            }
        }
    }

    /// Each unfunded line's reduced cost as the sum of its parts, at the plan's prices.
    private static func attachParts(to lines: inout [UnfundedLine], _ solved: SolvedScenario, _ model: Model, _ basis: Solution) {
        guard !lines.isEmpty, basis.constraints.count == model.constraints.count else { return }
        let keys = lines.map { ActivityYear(sector: $0.sector, line: $0.line, offering: $0.offering, year: $0.year) }
        let rowsOfColumn = model.entriesByColumn()
        let duals = basis.constraints.map { $0.shadowPrice ?? 0 }
        for index in lines.indices {
            lines[index].parts = solved.unfundedLineParts(keys[index], model: model, duals: duals, rowsOfColumn: rowsOfColumn)
        }
    }

    // MARK: Weights

    /// For each target, the weights between which the optimal allocation stays the same. The
    /// current basis's coefficient range is the start; each edge is then re-solved just inside
    /// (same allocation) and just outside. Where the outside solve keeps the allocation (a
    /// degenerate basis change), the range of the new basis extends the interval, and so on.
    /// Runs on the caller's session, whose remembered basis is the plan's: each target starts
    /// from it, as if analysed alone, and only the target's own column is ranged when a
    /// degenerate step needs it.
    private static func weights(_ solved: SolvedScenario, _ model: Model, _ solution: Solution, _ report: SensitivityReport, session: inout SolverSession) throws(SolverError) -> [WeightRange] {
        let program = solved.compiled
        let plan = solution.variables.map(\.value)
        // The plan is the one optimal plan the tie-break picks; where it stays optimal under
        // other weights it stays that pick (the optimal set only shrinks around it), and where
        // another plan does strictly better it is no longer the plan. So "the same allocation"
        // is: the plan's value at these weights is the optimum (to 1e-11 relative: a plan 1e-9 better
        // past an edge is another plan).
        func same(_ other: Solution, _ objective: Objective) -> Bool {
            guard other.termination == .optimal, let optimum = other.objectiveValue else { return false }
            return optimum - objective.expression.value(at: plan) <= 1e-11 * max(1, abs(optimum))
        }
        let analysed = program.scenario.targets.filter { target in
            target.weight == 0 || model.objective.coefficient(of: program.impactTotal[target.id]!) != 0
        }
        return try rethrowingSolverError {
            try analysed.map { target -> WeightRange in
                // Each target starts from the plan's basis, as if analysed alone.
                session.restoreRememberedBasis()
                let variable = program.impactTotal[target.id]!
                let original = model.objective.coefficient(of: variable)
                defer { try? session.setObjectiveCoefficient(of: variable, to: original) }
                let column = report.variables[variable.index]
                var range = WeightRange(
                    target: target.id, name: target.name, weight: target.weight,
                    lower: max(0, target.weight - column.allowableDecrease * target.scale),
                    upper: target.weight + column.allowableIncrease * target.scale,
                    limitingLower: column.decreaseEdge.limitingElement.map(program.describe),
                    limitingUpper: column.increaseEdge.limitingElement.map(program.describe))
                func solve(atWeight weight: Double) throws -> Bool {
                    try session.setObjectiveCoefficient(of: variable, to: weight / target.scale)
                    return same(session.solve(), session.model.objective)
                }
                func step(_ weight: Double) -> Double { 1e-4 * max(1, abs(weight)) }
                // A degenerate basis change can keep the allocation with a zero range; each pass
                // still moves past the old edge, so the search ends.
                if range.upper.isFinite {
                    range.upperConfirmed = false
                    for _ in 0..<50 {
                        guard try solve(atWeight: range.upper - step(range.upper)) else { range.upperConfirmed = false; break }
                        if try !solve(atWeight: range.upper + step(range.upper)) { range.upperConfirmed = true; break }
                        guard let next = try session.objectiveRange(of: variable) else { break }
                        range.upper = (range.upper + step(range.upper)) + next.allowableIncrease * target.scale
                        range.limitingUpper = next.increaseEdge.limitingElement.map(program.describe)
                        if !range.upper.isFinite { break }
                    }
                }
                if range.lower > 0 {
                    range.lowerConfirmed = false
                    for _ in 0..<50 {
                        guard try solve(atWeight: range.lower + step(range.lower)) else { range.lowerConfirmed = false; break }
                        if try !solve(atWeight: max(0, range.lower - step(range.lower))) { range.lowerConfirmed = true; break }
                        guard let next = try session.objectiveRange(of: variable) else { break }
                        range.lower = max(0, range.lower - step(range.lower) - next.allowableDecrease * target.scale)
                        range.limitingLower = next.decreaseEdge.limitingElement.map(program.describe)
                        if range.lower == 0 { break }
                    }
                }
                return range
            }
        }
    }

    /// Sessions throw untyped errors from their closure; everything they throw here is a SolverError.
    private static func rethrowingSolverError<T>(_ body: () throws -> T) throws(SolverError) -> T {
        do {
            return try body()
        } catch let error as SolverError {
            throw error
        } catch {
            throw .backendFailure("\(error)")
        }
    }
}
