import LinearModel

/// Computes ``PlanSensitivity`` for a scenario with any solver that can re-solve warm.
public enum SensitivityAnalyzer {
    public static func analyze(_ scenario: Scenario, with solver: some WarmStartSolver) throws(SolverError) -> PlanSensitivity {
        let program = AllocationCompiler.compile(scenario)
        var options = SolveOptions()
        options.computeSensitivity = true
        let solution = try solver.solve(program.model, options: options)
        let plan = program.plan(from: solution, solverName: solver.solverName)
        guard solution.termination == .optimal, let report = solution.sensitivity else {
            return PlanSensitivity(plan: plan, prices: [], unfunded: [], weights: [])
        }
        return PlanSensitivity(
            plan: plan,
            prices: prices(program, solution, report),
            unfunded: try unfunded(program, solution, solver: solver),
            weights: try weights(program, solution, report, solver: solver))
    }

    // MARK: Prices of limits

    private static func prices(_ program: AllocationProgram, _ solution: Solution, _ report: SensitivityReport) -> [LimitPrice] {
        program.model.constraints.indices.compactMap { index -> LimitPrice? in
            let meaning = program.meanings[index]
            let row = report.constraints[index]
            guard meaning.kind != .definition, row.basisStatus != .basic || row.isDegenerate || abs(row.shadowPrice) > 1e-12 else { return nil }
            // LP units -> scenario units: money rows are in CHF millions; share rows move by the base they are a share of.
            let base: Double
            let unit: String
            let scale: Double
            switch meaning.shareOf {
            case .spending(let year):
                base = program.activityOrder.filter { $0.year == year }.reduce(0) { $0 + solution.value(of: program.activities[$1]!.cost) }
                unit = "percentage point"
                scale = base > 0 ? 100 / base : .nan
            case .activityCost(let key):
                base = solution.value(of: program.activities[key]!.cost)
                unit = "percentage point"
                scale = base > 0 ? 100 / base : .nan
            case .activityStaff(let key):
                base = program.activities[key]!.staff.reduce(0) { $0 + solution.value(of: $1) }
                unit = "percentage point"
                scale = base > 0 ? 100 / base : .nan
            case nil:
                base = 1
                unit = meaning.unit == AllocationCompiler.moneyUnit ? "CHF 1 million" : "FTE"
                scale = meaning.unit == AllocationCompiler.moneyUnit ? AllocationCompiler.thousandsPerUnit : 1
            }
            // A price per percentage point of share = dual x base / 100; per CHF million or FTE = dual.
            let perUnit = meaning.shareOf == nil ? 1 : base / 100
            // Limits in scenario units: CHF thousands, FTE, or the share in percent.
            func limit(_ lpValue: Double) -> Double {
                guard let share = meaning.share else { return lpValue * scale }
                return share * 100 + (lpValue - row.rightHandSide) * scale
            }
            func converted(_ side: OneSidedPrice?) -> OneSidedPrice? {
                side.map { OneSidedPrice(price: $0.price * perUnit, from: limit($0.from), to: limit($0.to)) }
            }
            // GLPK leaves prices of 1e-20 where the exact value is 0.
            let price = abs(row.shadowPrice) < 1e-12 ? 0 : row.shadowPrice
            return LimitPrice(
                constraint: row.name, kind: meaning.kind, description: meaning.description, path: meaning.path, unit: unit,
                shadowPrice: price * perUnit, left: converted(row.leftPrice), right: converted(row.rightPrice),
                allowableIncrease: row.allowableIncrease * scale, allowableDecrease: row.allowableDecrease * scale,
                limitingIncrease: row.increaseEdge.limitingElement.map(program.describe),
                limitingDecrease: row.decreaseEdge.limitingElement.map(program.describe),
                degenerate: row.isDegenerate)
        }
    }

    // MARK: Unfunded lines

    /// The reduced cost of a line is the price of forcing money into it: its cost column is given
    /// a lower bound of CHF 1 thousand and the LP re-solved warm; the column, then non-basic at
    /// that bound, carries the price of the move in its reduced cost (a basis dual, not a
    /// difference of objectives). The current basis alone can show 0 there when it is degenerate.
    private static func unfunded(_ program: AllocationProgram, _ solution: Solution, solver: some WarmStartSolver) throws(SolverError) -> [UnfundedLine] {
        let scenario = program.scenario
        let firstFactor = scenario.impactCurve.first?.factor ?? 1
        let activities = Dictionary(uniqueKeysWithValues: scenario.activities.map { ("\($0.sector)|\($0.line)|\($0.offering)", $0) })
        let unfunded = program.activityOrder.filter { solution.value(of: program.activities[$0]!.cost) <= 1e-9 }
        guard !unfunded.isEmpty else { return [] }
        let forced = 1 / AllocationCompiler.thousandsPerUnit
        return try rethrowingSolverError {
            try solver.withSession(program.model, options: SolveOptions()) { session in
                _ = session.solve()
                return try unfunded.map { key -> UnfundedLine in
                    let cost = program.activities[key]!.cost
                    let activity = activities["\(key.sector)|\(key.line)|\(key.offering)"]!
                    let gross = scenario.targets.reduce(0) { total, target in
                        total + target.weight / target.scale * (activity.impactPerThousand[target.id] ?? 0) * AllocationCompiler.thousandsPerUnit * firstFactor
                    }
                    try session.setBounds(of: cost, lower: forced, upper: .infinity)
                    let moved = session.solve()
                    try session.setBounds(of: cost, lower: 0, upper: .infinity)
                    let result = moved.variables[cost.index]
                    // Forcing money in may break a limit (no feasible plan), or the line may turn
                    // out to be attractive after all (the column leaves its bound).
                    let reduced: Double = moved.termination != .optimal ? -.infinity
                        : result.basisStatus == .atLowerBound ? min(0, result.reducedCost ?? 0) : 0
                    return UnfundedLine(
                        sector: key.sector, line: key.line, offering: key.offering, year: key.year, reducedCost: reduced, grossValue: gross,
                        requiredRise: gross > 0 && reduced.isFinite ? -reduced / gross : nil,
                        degenerate: solution.variables[cost.index].isDegenerate)
                }
            }
        }
    }

    // MARK: Weights

    /// For each target, the weights between which the optimal allocation stays the same. The
    /// current basis's coefficient range is the start; each edge is then re-solved just inside
    /// (same allocation) and just outside. Where the outside solve keeps the allocation (a
    /// degenerate basis change), the range of the new basis extends the interval, and so on.
    private static func weights(_ program: AllocationProgram, _ solution: Solution, _ report: SensitivityReport, solver: some WarmStartSolver) throws(SolverError) -> [WeightRange] {
        let allocation = { (solution: Solution) in program.activityOrder.map { solution.value(of: program.activities[$0]!.cost) } }
        let base = allocation(solution)
        func same(_ other: Solution) -> Bool {
            other.termination == .optimal && zip(base, allocation(other)).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($0)) }
        }
        var options = SolveOptions()
        options.computeSensitivity = true
        options.computeOneSidedPrices = false
        return try program.scenario.targets.map { target throws(SolverError) -> WeightRange in
            let variable = program.impactTotal[target.id]!
            let column = report.variables[variable.index]
            var range = WeightRange(
                target: target.id, name: target.name, weight: target.weight,
                lower: max(0, target.weight - column.allowableDecrease * target.scale),
                upper: target.weight + column.allowableIncrease * target.scale,
                limitingLower: column.decreaseEdge.limitingElement.map(program.describe),
                limitingUpper: column.increaseEdge.limitingElement.map(program.describe))
            try rethrowingSolverError {
                try solver.withSession(program.model, options: options) { session in
                    _ = session.solve()
                    func solve(atWeight weight: Double) throws -> Solution {
                        try session.setObjectiveCoefficient(of: variable, to: weight / target.scale)
                        return session.solve()
                    }
                    func step(_ weight: Double) -> Double { 1e-4 * max(1, abs(weight)) }
                    // A degenerate basis change can keep the allocation with a zero range; each pass
                        // still moves past the old edge, so the search ends.
                    if range.upper.isFinite {
                        range.upperConfirmed = false
                        for _ in 0..<50 {
                            guard try same(solve(atWeight: range.upper - step(range.upper))) else { range.upperConfirmed = false; break }
                            let outside = try solve(atWeight: range.upper + step(range.upper))
                            if !same(outside) { range.upperConfirmed = true; break }
                            guard let next = outside.sensitivity?.variables[variable.index] else { break }
                            range.upper = (range.upper + step(range.upper)) + next.allowableIncrease * target.scale
                            range.limitingUpper = next.increaseEdge.limitingElement.map(program.describe)
                            if !range.upper.isFinite { break }
                        }
                    }
                    if range.lower > 0 {
                        range.lowerConfirmed = false
                        for _ in 0..<50 {
                            guard try same(solve(atWeight: range.lower + step(range.lower))) else { range.lowerConfirmed = false; break }
                            let outside = try solve(atWeight: max(0, range.lower - step(range.lower)))
                            if !same(outside) { range.lowerConfirmed = true; break }
                            guard let next = outside.sensitivity?.variables[variable.index] else { break }
                            range.lower = max(0, range.lower - step(range.lower) - next.allowableDecrease * target.scale)
                            range.limitingLower = next.decreaseEdge.limitingElement.map(program.describe)
                            if range.lower == 0 { break }
                        }
                    }
                }
            }
            return range
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
