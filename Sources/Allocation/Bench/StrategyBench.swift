import LinearModel

/// One allocation strategy's result on one scenario, evaluated with the same impact model and
/// checked against the same limits as the optimiser's plans.
public struct StrategyResult: Sendable {
    public var strategy: String
    /// Weighted impact Σ weight·impact/scale (less floor penalties), as the LP counts it.
    public var weightedImpact: Double
    public var worstAttainment: Double
    public var targetsBelowFloor: Int
    /// Σ |line - previous line| / Σ previous, over all lines and years; nil when the scenario has
    /// no `previous_plan` (the status quo the heuristics start from is an assumption, not a plan
    /// to measure against) or the plan has no lines.
    public var distanceFromPrevious: Double?
    /// Mean over the perturbed samples of (sample optimum - this plan valued with the sample's effects).
    public var expectedRegret: Double
    /// The scenario's limits this plan breaks, in words, with by how much (LP units).
    public var violations: [String]
    /// CHF thousands the repair rule moved to keep the hard limits (Σ |repaired − rule's amount|
    /// over lines and years); nil for the optimiser's plans, which keep them by construction.
    public var repairMoved: Double? = nil
    /// Why the rule's plan could not be repaired, when it could not.
    public var repairFailure: String? = nil
    /// Position in the table: plans that keep every limit first, by weighted impact, then the rest.
    public var rank: Int = 0
    /// Only a plan that keeps every limit (and has a value) is ranked against the others.
    public var isRanked: Bool { violations.isEmpty && !weightedImpact.isNaN }
}

/// A strategy's plan on the scenario itself, before any sample: what its results are measured
/// from. Kept apart so that the samples of a bench solved in slices can be put together.
public struct StrategyPlan: Sendable, Hashable, Codable {
    public var strategy: String
    /// Money per line and year (the program's activity order), stated units; nil without a plan.
    public var costs: [Double]?
    /// Every column of the scenario's LP, where the plan has them (optimiser plans, repaired rules).
    public var inputs: [Double]?
    /// Why an optimiser found no plan.
    public var failure: String?
    /// What the repair moved (rules only).
    public var repairMoved: Double?
    /// Why the rule's plan could not be repaired.
    public var repairFailure: String?

    public init(strategy: String, costs: [Double]? = nil, inputs: [Double]? = nil, failure: String? = nil, repairMoved: Double? = nil, repairFailure: String? = nil) {
        self.strategy = strategy
        self.costs = costs
        self.inputs = inputs
        self.failure = failure
        self.repairMoved = repairMoved
        self.repairFailure = repairFailure
    }
}

/// Allocation strategies side by side: the LP optimum (weighted), maximin and lexicographic;
/// incremental budgeting, proportional to the previous plan, equal split, greedy by marginal
/// impact per franc, and rank-and-fund.
///
/// The previous plan is the scenario's `previous_plan` (sector amounts, split within a sector
/// equally over its lines) or, without one, the status quo: each year's envelope split over the
/// sectors in proportion to their minimum shares (equally when none), then equally over lines.
/// Heuristic plans are money per line and year. The repair rule a finance office applies to
/// them: keep the hard limits (envelopes, fixed commitments, staff ceilings, each line's staff-
/// cost and grade shares) by the smallest total change of the rule's amounts (least absolute
/// adjustment, an LP over the scenario's own rows), staffing each line within its input mix.
/// What the repair moved is reported; policy limits (Sector and priority shares, change limits,
/// deviation, mobility, offering minimums) are left as the rule set them and any it breaks are
/// listed: such a plan is not ranked.
public enum StrategyBench {
    /// `progress` counts the perturbed samples solved (the longest part), from any thread.
    public static func run(_ scenario: Scenario, samples: Int, seed: UInt64, jobs: Int, with solver: some LPSolver,
                           progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)? = nil) throws(SolverError) -> [StrategyResult] {
        let plans = try plans(scenario, with: solver)
        let optima = try sampleOptima(scenario, indices: Array(0..<samples), seed: seed, jobs: jobs, with: solver, progress: progress)
        return results(scenario, plans: plans, optima: optima, seed: seed)
    }

    /// Every strategy's plan on the scenario itself: the three optimiser plans, then the five
    /// rules' plans repaired to keep the hard limits (as the rule left them where no repair exists).
    public static func plans(_ scenario: Scenario, with solver: some LPSolver) throws(SolverError) -> [StrategyPlan] {
        let program = ScenarioDriver.compile(scenario)
        let previous = previousPlan(scenario, program)
        // Optimiser plans keep their own staffing and curve use; heuristics get the cheapest staffing.
        var plans: [StrategyPlan] = []
        for (name, objective) in [("LP optimum (weighted)", ObjectiveKind.weighted), ("maximin LP", .maximin), ("lexicographic LP", .lexicographic)] {
            var variant = scenario
            variant.objective = objective
            let solved = try ScenarioDriver.solve(variant, with: solver)
            // Whole posts: a MIP plan within the scenario's gap is the optimiser's answer.
            let usable = switch solved.plan.termination { case .optimal, .feasible: true; default: false }
            guard usable else { plans.append(StrategyPlan(strategy: name, failure: solved.plan.termination.explanation)); continue }
            // The variant's model adds maximin's columns and rows: carry its values over by what they are.
            let inputs = program.values(carriedFrom: solved.compiled, solved.solution)
            plans.append(StrategyPlan(strategy: name, costs: program.activityOrder.map { UnitConverter.stated(inputs[program.activities[$0]!.cost.index]) }, inputs: inputs))
        }
        for (name, costs) in [("incremental budgeting", incremental(scenario, program, previous)),
                              ("proportional to previous plan", proportional(scenario, program, previous)),
                              ("equal split", equalSplit(scenario, program)),
                              ("greedy by marginal impact", greedy(scenario, program)),
                              ("rank-and-fund", rankAndFund(scenario, program))] {
            switch try repair(costs, program, with: solver) {
            case .success(let inputs):
                let repaired = program.activityOrder.map { UnitConverter.stated(inputs[program.activities[$0]!.cost.index]) }
                plans.append(StrategyPlan(strategy: name, costs: repaired, inputs: inputs,
                                          repairMoved: zip(repaired, costs).reduce(0) { $0 + abs($1.0 - $1.1) }))
            case .failure(let failure):
                // Unrepairable: valued as the rule left it, with the cheapest staffing, and its broken limits listed.
                plans.append(StrategyPlan(strategy: name, costs: costs, repairFailure: failure.reason))
            }
        }
        return plans
    }

    /// The optimum of each perturbed sample of `indices` (the same samples for every strategy),
    /// in that order; nil where a sample has none. Warm from the scenario's own plan where the
    /// sample is its LP with other coefficients, else compiled and solved cold. A sample's
    /// optimum depends only on its index.
    public static func sampleOptima(_ scenario: Scenario, indices: [Int], seed: UInt64, jobs: Int, with solver: some LPSolver,
                                    progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)? = nil) throws(SolverError) -> [Double?] {
        guard !indices.isEmpty else { return [] }
        let sampleScenarios = Dictionary(uniqueKeysWithValues: indices.map { ($0, RobustnessAnalyzer.perturbed(scenario, seed: seed, index: $0, spread: sampleSpread)) })
        let base = try ScenarioDriver.solve(scenario, with: solver)
        return RobustnessAnalyzer.solveSamples(
            indices, base: base, jobs: jobs, with: solver, progress: progress, sample: { sampleScenarios[$0]! },
            warm: { _, solution, _ in solution.objectiveValue },
            cold: { perturbed in (try? ScenarioDriver.solve(perturbed, with: solver))?.plan.objective }).map { $0 ?? nil }
    }

    /// The strategies' names, in the order ``plans(_:with:)`` gives them.
    public static let strategyNames = ["LP optimum (weighted)", "maximin LP", "lexicographic LP", "incremental budgeting",
                                       "proportional to previous plan", "equal split", "greedy by marginal impact", "rank-and-fund"]

    /// True when `plans` can be the strategies' plans on `scenario`: every strategy once, in
    /// order, each plan's amounts one per line and year and its columns one per LP column.
    /// What a merge checks of plans read from a file before valuing them.
    public static func fit(_ plans: [StrategyPlan], _ scenario: Scenario) -> Bool {
        let program = ScenarioDriver.compile(scenario)
        return plans.map(\.strategy) == strategyNames && plans.allSatisfy { plan in
            (plan.costs.map { $0.count == program.activityOrder.count } ?? true)
                && (plan.inputs.map { $0.count == program.model.variables.count } ?? true)
                && (plan.costs != nil || plan.inputs == nil)
        }
    }

    /// How far each sample's effects scale from the estimates (uniform in [1 − spread, 1 + spread]).
    static let sampleSpread = 0.2

    /// The strategies' results from their plans and the optima of samples 0, 1, … (`optima`,
    /// in sample order), ranked.
    public static func results(_ scenario: Scenario, plans: [StrategyPlan], optima: [Double?], seed: UInt64) -> [StrategyResult] {
        let program = ScenarioDriver.compile(scenario)
        let previous = previousPlan(scenario, program)
        let sampleScenarios = optima.indices.map { RobustnessAnalyzer.perturbed(scenario, seed: seed, index: $0, spread: sampleSpread) }
        var results = plans.map { plan -> StrategyResult in
            guard let costs = plan.costs else {
                return StrategyResult(strategy: plan.strategy, weightedImpact: .nan, worstAttainment: .nan, targetsBelowFloor: 0,
                                      distanceFromPrevious: nil, expectedRegret: .nan, violations: ["no plan: \(plan.failure ?? "not solved")"])
            }
            let inputs = plan.inputs
            let evaluation = PlanEvaluation(scenario: scenario, program: program, costs: costs, inputs: inputs)
            let regrets = zip(sampleScenarios, optima).compactMap { perturbed, optimum in
                optimum.map { $0 - PlanEvaluation(scenario: perturbed, program: program, costs: costs, inputs: inputs).objective }
            }
            let previousTotal = previous.reduce(0, +)
            return StrategyResult(
                strategy: plan.strategy, weightedImpact: evaluation.objective, worstAttainment: evaluation.attainment.min() ?? 0,
                targetsBelowFloor: zip(scenario.targets, evaluation.attainment).filter { target, attainment in
                    target.floor.map { attainment < $0.attainment - 1e-9 } ?? false
                }.count,
                distanceFromPrevious: scenario.previousPlan != nil && previousTotal > 0
                    ? zip(costs, previous).reduce(0) { $0 + abs($1.0 - $1.1) } / previousTotal : nil,
                expectedRegret: regrets.isEmpty ? .nan : regrets.reduce(0, +) / Double(regrets.count),
                violations: evaluation.violations, repairMoved: plan.repairMoved, repairFailure: plan.repairFailure)
        }
        // Rank: plans that keep every limit first, then by weighted impact.
        let key = { (index: Int) in
            (results[index].violations.isEmpty ? 0 : 1, -(results[index].weightedImpact.isNaN ? -.infinity : results[index].weightedImpact))
        }
        let order = results.indices.sorted { a, b in key(a) != key(b) ? key(a) < key(b) : a < b }
        for (rank, index) in order.enumerated() { results[index].rank = rank + 1 }
        return results
    }

    // MARK: Repair

    struct RepairFailure: Error, Sendable {
        var reason: String
    }

    /// Kinds of rows a heuristic is held to: what a finance office cannot overrule (money it has
    /// not got, contracts signed, posts it cannot fill, how a line is staffed).
    static let hardLimits: Set<ConstraintMeaning.Kind> = [.annualEnvelope, .biennialEnvelope, .fixedCommitment, .staffCeiling,
                                                           .sectorStaffCeiling, .staffCostShare, .staffCategoryShare, .definition]

    /// The plan nearest to `costs` (CHF thousands per line and year, least Σ |change|) that keeps
    /// the hard limits, as values of every column of `program`'s LP. Money taken off a line is
    /// spent on others in the same year (each year spends what the rule spent) where the hard
    /// limits allow; where they do not, it is left unspent.
    static func repair(_ costs: [Double], _ program: CompiledScenario, with solver: some LPSolver) throws(SolverError) -> Result<[Double], RepairFailure> {
        if case .success(let values) = try repair(costs, program, keepingYearTotals: true, with: solver) { return .success(values) }
        return try repair(costs, program, keepingYearTotals: false, with: solver)
    }

    private static func repair(_ costs: [Double], _ program: CompiledScenario, keepingYearTotals: Bool, with solver: some LPSolver) throws(SolverError) -> Result<[Double], RepairFailure> {
        var model = program.model
        let policy = Set(program.rows.filter { !hardLimits.contains($0.meaning.kind) }.map(\.row.index))
        model.removeConstraints(at: policy)
        var moved = LinearExpression()
        for (key, amount) in zip(program.activityOrder, costs) {
            let cost = program.activities[key]!.cost
            let up = model.addVariable("repair_up(\(model.variables.count))"), down = model.addVariable("repair_down(\(model.variables.count))")
            _ = model.addConstraint(LinearExpression(cost) - LinearExpression(up) + LinearExpression(down) == UnitConverter.lp(amount),
                                    name: "repair(\(model.constraints.count))")
            moved.add(1, up)
            moved.add(1, down)
        }
        if keepingYearTotals {
            for year in program.scenario.years {
                let members = zip(program.activityOrder, costs).filter { $0.0.year == year }
                let spending = LinearExpression.sum(members.map { program.activities[$0.0]!.cost })
                _ = model.addConstraint(spending == UnitConverter.lp(members.reduce(0) { $0 + $1.1 }), name: "repairyear(\(year))")
            }
        }
        model.minimize(moved)
        let solution = try solver.solve(model, options: SolveOptions())
        guard solution.termination == .optimal else {
            return .failure(RepairFailure(reason: "no plan keeps the hard limits (\(solution.termination.explanation))"))
        }
        return .success(program.model.variables.indices.map { solution.variables[$0].value })
    }

    // MARK: Reference plans

    private static func committed(_ scenario: Scenario, _ key: ActivityYear) -> Double {
        scenario.fixedCommitments.filter { $0.key == key }.reduce(0) { $0 + $1.amount }
    }

    static func previousPlan(_ scenario: Scenario, _ program: CompiledScenario) -> [Double] {
        let minimumShares = scenario.sectors.map { $0.limits.minShare ?? 0 }
        let shareSum = minimumShares.reduce(0, +)
        return program.activityOrder.map { key in
            let lines = program.activityOrder.filter { $0.sector == key.sector && $0.year == key.year }.count
            if let amount = scenario.previousPlan?.sectors[key.sector]?[key.year] { return amount / Double(lines) }
            let index = scenario.sectors.firstIndex { $0.id == key.sector }!
            let share = shareSum > 0 ? minimumShares[index] / shareSum : 1 / Double(scenario.sectors.count)
            return (scenario.envelopes[key.year] ?? 0) * share / Double(lines)
        }
    }

    /// Each line gets the previous plan's amount changed by one percentage, the same everywhere
    /// in the year, chosen so that the year's spending equals its envelope with every commitment
    /// honoured (a line below its commitment gets the commitment).
    static func incremental(_ scenario: Scenario, _ program: CompiledScenario, _ previous: [Double]) -> [Double] {
        var costs = program.activityOrder.map { committed(scenario, $0) }
        for year in scenario.years {
            let members = program.activityOrder.indices.filter { program.activityOrder[$0].year == year }
            let envelope = scenario.envelopes[year] ?? 0
            func spending(_ growth: Double) -> Double { members.reduce(0) { $0 + max(previous[$1] * growth, costs[$1]) } }
            guard spending(0) < envelope, members.contains(where: { previous[$0] > 0 }) else { continue }
            // Spending rises with the growth factor: bisection to 1e-12 of the envelope.
            var low = 0.0, high = 1.0
            while spending(high) < envelope { high *= 2 }
            for _ in 0..<200 where high - low > 1e-15 * high {
                let middle = (low + high) / 2
                if spending(middle) < envelope { low = middle } else { high = middle }
            }
            for member in members { costs[member] = max(previous[member] * low, costs[member]) }
        }
        return costs
    }

    /// The discretionary envelope (after commitments) split in proportion to the previous plan.
    static func proportional(_ scenario: Scenario, _ program: CompiledScenario, _ previous: [Double]) -> [Double] {
        split(scenario, program) { index, _ in previous[index] }
    }

    /// Each year's discretionary envelope split equally over sectors, then over each sector's
    /// priorities, then over the offerings of each.
    static func equalSplit(_ scenario: Scenario, _ program: CompiledScenario) -> [Double] {
        split(scenario, program) { _, key in
            let sectorLines = program.activityOrder.filter { $0.sector == key.sector && $0.year == key.year }
            let priority = scenario.line(key.line)?.priority
            let priorities = Set(sectorLines.compactMap { scenario.line($0.line)?.priority })
            let inPriority = sectorLines.filter { scenario.line($0.line)?.priority == priority }.count
            return 1 / Double(scenario.sectors.count) / Double(max(1, priorities.count)) / Double(max(1, inPriority))
        }
    }

    /// Commitments first; the rest of each year's envelope in proportion to `weight`.
    private static func split(_ scenario: Scenario, _ program: CompiledScenario, weight: (Int, ActivityYear) -> Double) -> [Double] {
        var costs = program.activityOrder.map { committed(scenario, $0) }
        for year in scenario.years {
            let members = program.activityOrder.indices.filter { program.activityOrder[$0].year == year }
            let free = max(0, (scenario.envelopes[year] ?? 0) - members.reduce(0) { $0 + costs[$1] })
            let weights = members.map { weight($0, program.activityOrder[$0]) }
            let total = weights.reduce(0, +)
            for (member, share) in zip(members, weights) where total > 0 { costs[member] += free * share / total }
        }
        return costs
    }

    /// Weighted impact per CHF thousand of a line's first franc.
    private static func value(_ scenario: Scenario, _ key: ActivityYear) -> Double {
        guard let activity = scenario.activities.first(where: { $0.sector == key.sector && $0.line == key.line && $0.offering == key.offering }) else { return 0 }
        return scenario.targets.reduce(0) { $0 + $1.weight / $1.scale * (activity.impactPerThousand[$1.id] ?? 0) }
    }

    /// CHF 100k at a time to the line and year whose next franc earns the most, commitments first.
    static func greedy(_ scenario: Scenario, _ program: CompiledScenario) -> [Double] {
        var costs = program.activityOrder.map { committed(scenario, $0) }
        let step = 100.0
        for year in scenario.years {
            let members = program.activityOrder.indices.filter { program.activityOrder[$0].year == year }
            var free = max(0, (scenario.envelopes[year] ?? 0) - members.reduce(0) { $0 + costs[$1] })
            while free > 1e-9 {
                let best = members.max { marginal(scenario, program.activityOrder[$0], costs[$0]) < marginal(scenario, program.activityOrder[$1], costs[$1]) }!
                let amount = min(step, free)
                costs[best] += amount
                free -= amount
            }
        }
        return costs
    }

    private static func marginal(_ scenario: Scenario, _ key: ActivityYear, _ spent: Double) -> Double {
        var lower = 0.0
        for segment in scenario.impactCurve {
            if segment.upTo.map({ spent < $0 }) ?? true { return value(scenario, key) * segment.factor }
            lower = segment.upTo ?? lower
        }
        return 0
    }

    /// Lines ranked by the value of their first franc; each in turn gets up to the end of the
    /// impact curve's second segment until the year's envelope is spent.
    static func rankAndFund(_ scenario: Scenario, _ program: CompiledScenario) -> [Double] {
        var costs = program.activityOrder.map { committed(scenario, $0) }
        let tranche = scenario.impactCurve.dropFirst().first?.upTo ?? scenario.impactCurve.first?.upTo ?? 1000
        for year in scenario.years {
            let members = program.activityOrder.indices.filter { program.activityOrder[$0].year == year }
                .sorted { value(scenario, program.activityOrder[$0]) > value(scenario, program.activityOrder[$1]) }
            var free = max(0, (scenario.envelopes[year] ?? 0) - members.reduce(0) { $0 + costs[$1] })
            for member in members where free > 0 {
                let amount = min(max(0, tranche - costs[member]), free)
                costs[member] += amount
                free -= amount
            }
        }
        return costs
    }
}

/// A plan given as cost per line and year, completed into the LP's variables (the cheapest
/// staffing the input mix allows, curve segments filled in order, impacts computed), valued by
/// the LP's objective and checked against every policy limit of the LP. With `inputs` (an
/// optimiser's full solution) its staffing and curve use are kept and only impacts are
/// recomputed, so a perturbed scenario values the same plan with different effects.
struct PlanEvaluation {
    var objective: Double
    var attainment: [Double]
    var violations: [String]

    init(scenario: Scenario, program: CompiledScenario, costs: [Double], inputs: [Double]? = nil) {
        let model = program.model
        var values = inputs ?? [Double](repeating: 0, count: model.variables.count)
        for (key, cost) in zip(program.activityOrder, costs) {
            if inputs == nil { Self.fillCheapestInputs(scenario, key, cost, program.activities[key]!, &values) }
            // Money works along the impact curve in order, whatever split of segments an LP left
            // where the split earned nothing (a repair, a target past its gap).
            let columns = program.activities[key]!
            for (segment, amount) in zip(columns.segments, program.segmentsFilledInOrder(columns, cost: values[columns.cost.index])) {
                values[segment.index] = amount
            }
        }
        let impact = program.impacts(at: values, effects: scenario)
        var attainment: [Double] = []
        for target in scenario.targets {
            var total = 0.0
            for year in scenario.years {
                let value = impact[target.id]?[year] ?? 0
                values[program.impactByYear[target.id]![year]!.index] = value
                total += value
            }
            values[program.impactTotal[target.id]!.index] = min(total, target.scale)
            attainment.append(total / target.scale)
            if let short = program.shortfall[target.id], let floor = target.floor {
                values[short.index] = max(0, floor.attainment - min(total / target.scale, 1))
            }
        }
        if let worst = program.worstAttainment {
            values[worst.index] = zip(scenario.targets, attainment).filter { $0.0.weight > 0 }.map { min($0.1, 1) }.min() ?? 0
        }
        self.attainment = attainment
        objective = scenario.weightedImpact(attainment: Dictionary(uniqueKeysWithValues: zip(scenario.targets.map(\.id), attainment)))
        violations = model.violations(at: values).compactMap { violation in
            guard case .constraint(let row) = violation.element else { return nil }
            let meaning = program.meaning(of: row)
            return "\(meaning.description) (off by \(Self.amount(violation.amount, of: meaning, in: scenario.organisation.money)))"
        }
    }

    /// A line's cost as the cheapest inputs the mix allows: the offering's minimum staff-cost
    /// share, the first grade at its minimum share (or an even split) and the rest after it.
    /// For a rule's plan that no repair could bring within the hard limits.
    private static func fillCheapestInputs(_ scenario: Scenario, _ key: ActivityYear, _ cost: Double, _ columns: ActivityColumns, _ values: inout [Double]) {
        let categories = scenario.staff.categories
        let lp = UnitConverter.lp(cost)
        values[columns.cost.index] = lp
        let staffCost = (scenario.offering(key.offering)?.staffCostShare.lowerBound ?? 0) * cost
        let firstShare = categories.first?.minShare ?? 1 / Double(max(1, categories.count))
        let shares = categories.enumerated().map { index, _ in index == 0 ? firstShare : (1 - firstShare) / Double(max(1, categories.count - 1)) }
        let costPerFTE = zip(categories, shares).reduce(0) { $0 + ($1.0.standardCost[key.year] ?? 0) * $1.1 }
        let fte = costPerFTE > 0 ? staffCost / costPerFTE : 0
        for (column, share) in zip(columns.staff, shares) { values[column.index] = fte * share }
        values[columns.budget.index] = UnitConverter.lp(cost - staffCost)
    }

    /// How far a row is off, in what its terms count: a share limit's row counts the money or
    /// staff of its part against its base, a money row LP money; said in CHF thousands or FTE.
    static func amount(_ lpAmount: Double, of meaning: ConstraintMeaning, in words: MoneyWords) -> String {
        let figure = { (value: Double) in String(format: "%.4g", value) }
        let thousands = UnitConverter.stated(lpAmount)
        let money = words.text(thousands >= 10 ? thousands.rounded() : Double(figure(thousands)) ?? thousands)
        switch meaning.shareOf {
        case .activityStaff: return "\(figure(lpAmount)) FTE"
        case .spending, .activityCost: return money
        case nil: return meaning.unit == Unit.lpMoney ? money : "\(figure(lpAmount)) \(meaning.unit.name(words))"
        }
    }

}

extension CompiledScenario {
    /// A solution of `other` (the same scenario compiled with another objective, which may add
    /// columns) as values of this LP's columns, matched by what each column is: the columns of
    /// each activity-year, the impacts and the shortfalls.
    func values(carriedFrom other: CompiledScenario, _ solution: Solution) -> [Double] {
        var values = [Double](repeating: 0, count: model.variables.count)
        func carry(_ mine: Variable?, _ theirs: Variable?) {
            guard let mine, let theirs else { return }
            values[mine.index] = solution.value(of: theirs)
        }
        for key in activityOrder {
            guard let mine = activities[key], let theirs = other.activities[key] else { continue }
            carry(mine.budget, theirs.budget)
            carry(mine.cost, theirs.cost)
            for (a, b) in zip(mine.staff, theirs.staff) { carry(a, b) }
            for (a, b) in zip(mine.segments, theirs.segments) { carry(a, b) }
        }
        for (target, column) in impactTotal { carry(column, other.impactTotal[target]) }
        for (target, years) in impactByYear {
            for (year, column) in years { carry(column, other.impactByYear[target]?[year]) }
        }
        for (target, column) in shortfall { carry(column, other.shortfall[target]) }
        carry(worstAttainment, other.worstAttainment)
        return values
    }
}
