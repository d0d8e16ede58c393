import LinearModel

/// One budget line of the plan: an activity in a year. Money in CHF thousands, staff in FTE.
public struct PlanLine: Sendable, Hashable {
    public var sector: String
    /// The funding line (`Applications`, or `Applications.Cyber` under the cross-cutting option).
    public var line: String
    public var priority: String
    public var offering: String
    public var year: Int
    public var isCybersecurity: Bool
    /// Non-staff budget.
    public var budget: Double
    /// FTE by staff category id.
    public var staff: [String: Double]
    /// Standard cost of the staff.
    public var staffCost: Double
    /// Budget plus staff cost.
    public var cost: Double
    /// Part of the cost that is a fixed commitment.
    public var committed: Double
    /// The line's share attributed to each target (summing to 1), in proportion to its
    /// contributions to the targets' attainment; empty when the line moves no target.
    public var targetShares: [String: Double]

    public var totalStaff: Double { staff.values.reduce(0, +) }
}

/// How far a target moved.
public struct TargetOutcome: Sendable, Hashable {
    public var id: String
    public var goal: String
    public var name: String
    public var weight: Double
    public var scale: Double
    /// Impact points over the plan period.
    public var impact: Double
    public var impactByYear: [Int: Double]
    /// impact / scale: 1 means the gap is closed.
    public var attainment: Double
    /// Spending attributed to the target, CHF thousands: each line's cost split in proportion to
    /// its contributions to the targets' attainment (impact / scale).
    public var attributedCost: Double
}

/// A constraint that limits the plan, in words, with its price.
public struct BindingConstraint: Sendable, Hashable {
    /// The LP row name.
    public var constraint: String
    public var meaning: ConstraintMeaning
    /// Change of the objective per unit of the LP row's right-hand side (per CHF million or per
    /// FTE; for a share limit, per unit of the row's own terms).
    public var shadowPrice: Double
    /// Change of the objective per unit of the limit as the scenario states it: per CHF thousand,
    /// per FTE, or per whole share (1.0 = 100 percentage points) for share limits.
    public var pricePerUnit: Double
    public var activity: Double
}

/// One stage of a two-stage (or multi-stage) objective.
public struct ObjectiveStage: Sendable, Hashable {
    public var name: String
    public var objective: Double?
    public var termination: Termination
}

/// The LP's size, for reports.
public struct ModelSize: Sendable, Hashable {
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
}

/// A solved scenario, in the words of the Strategic Plan.
public struct AllocationPlan: Sendable {
    public var scenario: Scenario
    public var termination: Termination
    /// Weighted impact Σ weight·impact/scale; nil without a solution.
    public var objective: Double?
    public var solverName: String
    public var modelSize: ModelSize
    /// In plan order: sector, line, offering as declared, then year. Empty without a solution.
    public var lines: [PlanLine]
    public var targets: [TargetOutcome]
    /// Spending on lines that move no target, CHF thousands.
    public var unattributedCost: Double
    /// Policy rows with a non-zero shadow price, in row order.
    public var bindingConstraints: [BindingConstraint]
    /// The stages of a multi-stage objective in solving order, the last being ``objective``'s;
    /// one stage for the weighted objective.
    public var stages: [ObjectiveStage] = []
    /// Attainment short of each target floor (goal programming), by target id.
    public var shortfalls: [String: Double] = [:]
    /// Why there is no plan, when the scenario is infeasible.
    public var infeasibility: InfeasibilityReport?
    /// Branch-and-cut figures when staff is in whole posts (a MIP).
    public var mip: MIPStatistics?
    /// True when the MIP search was stopped by its time limit: the plan then depends on the
    /// machine's speed and is not reproducible.
    public var stoppedByTime: Bool {
        termination == .limitReached(.time)
    }

    /// Total spending, CHF thousands.
    public var totalCost: Double { lines.reduce(0) { $0 + $1.cost } }

    /// Total spending on cybersecurity (its priority under Option 1, its lines under Option 2).
    public var cybersecurityCost: Double { lines.filter(\.isCybersecurity).reduce(0) { $0 + $1.cost } }

    /// Cost attributed to each goal: the sum over its targets.
    public func attributedCost(goal: String) -> Double {
        targets.filter { $0.goal == goal }.reduce(0) { $0 + $1.attributedCost }
    }
}

extension AllocationProgram {
    /// Reads a solution of ``model`` back as a plan in domain words.
    public func plan(from solution: Solution, solverName: String) -> AllocationPlan {
        let size = ModelSize(rows: model.constraints.count, columns: model.variables.count,
                             nonzeros: model.constraints.reduce(0) { $0 + $1.terms.count })
        guard solution.hasSolution else {
            return AllocationPlan(scenario: scenario, termination: solution.termination, objective: nil, solverName: solverName,
                                  modelSize: size, lines: [], targets: [], unattributedCost: 0, bindingConstraints: [])
        }
        let value = { (variable: Variable) in solution.value(of: variable) }
        let shares = Dictionary(uniqueKeysWithValues: scenario.activities.map { activity in
            (ActivityYear(sector: activity.sector, line: activity.line, offering: activity.offering, year: 0).cell,
             scenario.targetShares(of: activity))
        })
        let thousands = { (variable: Variable) in solution.value(of: variable) * AllocationCompiler.thousandsPerUnit }
        let committed = Dictionary(
            scenario.fixedCommitments.map { (ActivityYear(sector: $0.sector, line: $0.line, offering: $0.offering, year: $0.year), $0.amount) },
            uniquingKeysWith: +)
        let lines = activityOrder.map { key -> PlanLine in
            let columns = activities[key]!
            let staff = Dictionary(uniqueKeysWithValues: zip(scenario.staff.categories.map(\.id), columns.staff.map(value)))
            let staffCost = scenario.staff.categories.reduce(0) { $0 + ($1.standardCost[key.year] ?? 0) * (staff[$1.id] ?? 0) }
            let line = scenario.line(key.line)!
            return PlanLine(sector: key.sector, line: key.line, priority: line.priority, offering: key.offering, year: key.year,
                            isCybersecurity: line.isCybersecurity, budget: thousands(columns.budget), staff: staff,
                            staffCost: staffCost, cost: thousands(columns.cost), committed: committed[key] ?? 0,
                            targetShares: shares[key.cell] ?? [:])
        }

        var attributed: [String: Double] = [:]
        var unattributed = 0.0
        for line in lines {
            if line.targetShares.isEmpty { unattributed += line.cost }
            for (target, share) in line.targetShares { attributed[target, default: 0] += line.cost * share }
        }
        let targets = scenario.targets.map { target in
            let impact = value(impactTotal[target.id]!)
            return TargetOutcome(
                id: target.id, goal: target.goal, name: target.name, weight: target.weight, scale: target.scale,
                impact: impact, impactByYear: impactByYear[target.id]!.mapValues(value),
                attainment: impact / target.scale, attributedCost: attributed[target.id] ?? 0)
        }

        let binding = model.constraints.indices.compactMap { index -> BindingConstraint? in
            let meaning = meanings[index]
            guard meaning.kind != .definition else { return nil }
            let result = solution.constraints[index]
            let price = result.shadowPrice ?? 0
            // A row at its limit with a zero price does not limit the plan: leaving it out keeps
            // the list to what a committee can act on.
            guard abs(price) > 1e-9 else { return nil }
            // Rows in money are per CHF million in the LP; the scenario speaks CHF thousands.
            let base: Double = switch meaning.shareOf {
            case .spending(let year): activityOrder.filter { $0.year == year }.reduce(0) { $0 + value(activities[$1]!.cost) }
            case .activityCost(let key): value(activities[key]!.cost)
            case .activityStaff(let key): activities[key]!.staff.reduce(0) { $0 + value($1) }
            case nil: meaning.unit == AllocationCompiler.moneyUnit ? 1 / AllocationCompiler.thousandsPerUnit : 1
            }
            return BindingConstraint(constraint: model.constraints[index].name, meaning: meaning, shadowPrice: price,
                                     pricePerUnit: price * base, activity: result.activity)
        }
        var plan = AllocationPlan(scenario: scenario, termination: solution.termination, objective: solution.objectiveValue,
                                  solverName: solverName, modelSize: size, lines: lines, targets: targets,
                                  unattributedCost: unattributed, bindingConstraints: binding)
        plan.shortfalls = shortfall.mapValues { value($0) }
        return plan
    }
}

/// Solves a scenario with any ``LPSolver``; the domain layer never sees the solver's API.
///
/// Two-stage objectives solve in stages: each earlier stage's optimum is then held, within the
/// scenario's `objective_tolerance` (relative), by a row added to the LP.
public enum AllocationSolver {
    public static func solve(_ scenario: Scenario, with solver: some LPSolver, options: SolveOptions = SolveOptions()) throws(SolverError) -> (program: AllocationProgram, plan: AllocationPlan, solution: Solution) {
        var program = AllocationCompiler.compile(scenario)
        var options = options
        if scenario.staff.wholePosts {
            options.mipRelativeGap = scenario.mip.relativeGap
            options.mipNodeLimit = scenario.mip.nodeLimit
            options.timeLimit = scenario.mip.timeLimit
            options.mipHeuristics = true
            if scenario.objective == .weighted { options.mipStart = try WholePosts.startingPlan(program, with: solver) }
        }
        let weighted = program.model.objective.expression
        let penalties = AllocationCompiler.objective(targets: scenario.targets.map { var target = $0; target.weight = 0; return target },
                                                     impactTotal: program.impactTotal, shortfall: program.shortfall)
        var earlier: [(name: String, expression: LinearExpression)] = []
        var last = (name: "weighted impact", expression: weighted)
        switch scenario.objective {
        case .weighted:
            break
        case .maximin:
            earlier = [("worst attainment", LinearExpression(program.worstAttainment!) + penalties)]
        case .lexicographic:
            let goals = scenario.goals.map { goal in
                ("Goal \(goal.id): \(goal.name)", AllocationCompiler.objective(targets: scenario.targets.filter { $0.goal == goal.id },
                                                                              impactTotal: program.impactTotal, shortfall: program.shortfall))
            }
            earlier = Array(goals.dropLast())
            if let final = goals.last { last = final }
        }
        var stages: [ObjectiveStage] = []
        for (number, stage) in earlier.enumerated() {
            var model = program.model
            model.maximize(stage.expression)
            let solution = try solver.solve(model, options: options)
            stages.append(ObjectiveStage(name: stage.name, objective: solution.objectiveValue, termination: solution.termination))
            guard solution.termination == .optimal, let best = solution.objectiveValue else {
                var plan = program.plan(from: solution, solverName: solver.solverName)
                plan.stages = stages
                if solution.termination == .infeasible { plan.infeasibility = try InfeasibilityAnalyzer.explain(program, with: solver) }
                return (program, plan, solution)
            }
            let floor = best - scenario.objectiveTolerance * max(1, abs(best))
            program.model.addConstraint(stage.expression >= floor, name: "stage\(number + 1)")
            program.meanings.append(ConstraintMeaning(kind: .objectiveStage, description: "Stage \(number + 1) (\(stage.name)) held at \(String(format: "%.6g", floor)) or more (optimum \(String(format: "%.6g", best)) less the objective tolerance)",
                                                      unit: "objective", path: "objective_tolerance"))
        }
        program.model.maximize(last.expression)
        program.model.objective.name = scenario.objective == .lexicographic ? "goal_stage" : "weighted_impact"
        let solution = try solver.solve(program.model, options: options)
        stages.append(ObjectiveStage(name: last.name, objective: solution.objectiveValue, termination: solution.termination))
        var plan = program.plan(from: solution, solverName: solver.solverName)
        plan.stages = stages
        plan.mip = solution.mip
        if solution.termination == .infeasible { plan.infeasibility = try InfeasibilityAnalyzer.explain(program, with: solver) }
        return (program, plan, solution)
    }
}

/// A first integer plan for whole posts: the LP's staff rounded line by line — each line's total
/// to the nearest whole FTE, then lowered where a staff ceiling would be exceeded, split to keep
/// the grade shares — and the budgets re-optimised by an LP with that staff fixed. When that LP
/// has no solution, every total is rounded down instead.
enum WholePosts {
    static func startingPlan(_ program: AllocationProgram, with solver: some LPSolver) throws(SolverError) -> [Double]? {
        var relaxed = program.model
        for index in relaxed.variables.indices where relaxed.variables[index].kind != .continuous {
            relaxed.setKind(of: Variable(index: index), to: .continuous)
        }
        let relaxation = try solver.solve(relaxed, options: SolveOptions())
        guard relaxation.termination == .optimal else { return nil }
        let exact = Dictionary(uniqueKeysWithValues: program.activityOrder.map { key in
            (key, program.activities[key]!.staff.map { relaxation.value(of: $0) })
        })
        for nearest in [true, false] {
            // Rounding down frees staff; rounding to the nearest keeps more of the LP's plan.
            let totals = wholeTotals(program, exact: exact, nearest: nearest)
            var repair = relaxed
            for key in program.activityOrder {
                let columns = program.activities[key]!.staff
                let split = split(totals[key]!, exact[key]!, program.scenario.staff.categories)
                for (column, value) in zip(columns, split) { repair.setBounds(of: column, lower: value, upper: value) }
            }
            let repaired = try solver.solve(repair, options: SolveOptions())
            if repaired.termination == .optimal { return repaired.variables.map(\.value) }
        }
        return nil
    }

    /// Whole FTE per line: nearest (or down), then, group by group (a sector's year, the
    /// whole year), one FTE less on the lines rounded up the most until the ceiling holds.
    private static func wholeTotals(_ program: AllocationProgram, exact: [ActivityYear: [Double]], nearest: Bool) -> [ActivityYear: Double] {
        let scenario = program.scenario
        // A fixed commitment needs its staff share in full: its lines round up and are not lowered.
        let committed = Set(scenario.fixedCommitments.map { ActivityYear(sector: $0.sector, line: $0.line, offering: $0.offering, year: $0.year) })
        var totals = Dictionary(uniqueKeysWithValues: exact.map { key, staff in
            let sum = staff.reduce(0, +)
            return (key, committed.contains(key) ? (sum - 1e-9).rounded(.up) : nearest ? sum.rounded() : (sum + 1e-9).rounded(.down))
        })
        func enforce(_ ceiling: Double?, _ members: [ActivityYear]) {
            guard let ceiling else { return }
            var sum = members.reduce(0) { $0 + totals[$1]! }
            let byExcess = members.sorted { (totals[$0]! - exact[$0]!.reduce(0, +), $0.sector + $0.line + $0.offering) > (totals[$1]! - exact[$1]!.reduce(0, +), $1.sector + $1.line + $1.offering) }
            for key in byExcess where sum > ceiling + 1e-9 && totals[key]! >= 1 && !committed.contains(key) {
                totals[key]! -= 1
                sum -= 1
            }
        }
        for year in scenario.years {
            for sector in scenario.sectors {
                enforce(sector.staffCeiling[year], program.activityOrder.filter { $0.sector == sector.id && $0.year == year })
            }
            enforce(scenario.staff.ceiling[year], program.activityOrder.filter { $0.year == year })
            // Posts left under the ceilings go back, one each, to the lines rounded down the most.
            var yearRoom = (scenario.staff.ceiling[year] ?? .infinity) - program.activityOrder.filter { $0.year == year }.reduce(0) { $0 + totals[$1]! }
            let short = program.activityOrder.filter { $0.year == year && exact[$0]!.reduce(0, +) - totals[$0]! > 0.05 }
                .sorted { (exact[$0]!.reduce(0, +) - totals[$0]!, $0.sector + $0.line + $0.offering) > (exact[$1]!.reduce(0, +) - totals[$1]!, $1.sector + $1.line + $1.offering) }
            for key in short where yearRoom >= 1 {
                let sector = scenario.sector(key.sector)!
                let sectorUsed = program.activityOrder.filter { $0.sector == key.sector && $0.year == year }.reduce(0) { $0 + totals[$1]! }
                guard sectorUsed + 1 <= (sector.staffCeiling[year] ?? .infinity) + 1e-9 else { continue }
                totals[key]! += 1
                yearRoom -= 1
            }
        }
        return totals
    }

    /// A whole total split over the categories: the first category as close to the LP's as its
    /// share limits allow, the others in proportion; one FTE less when no split fits.
    static func split(_ total: Double, _ staff: [Double], _ categories: [StaffCategory]) -> [Double] {
        var total = total
        while total > 0 {
            if let split = trySplit(total, staff, categories) { return split }
            total -= 1
        }
        return staff.map { _ in 0 }
    }

    private static func trySplit(_ total: Double, _ staff: [Double], _ categories: [StaffCategory]) -> [Double]? {
        guard let first = categories.first else { return [] }
        let low = ((first.minShare ?? 0) * total - 1e-9).rounded(.up)
        let high = ((first.maxShare ?? 1) * total + 1e-9).rounded(.down)
        guard low <= high else { return nil }
        let head = min(max(staff[0].rounded(), low), high)
        var result = [head]
        var rest = total - head
        let others = staff.dropFirst().reduce(0, +)
        for (index, value) in staff.enumerated().dropFirst() {
            let share = index == staff.count - 1 ? rest : (others > 0 ? ((total - head) * value / others).rounded(.down) : 0)
            result.append(share)
            rest -= share
        }
        // Categories after the first with limits of their own must hold too.
        for (value, category) in zip(result, categories).dropFirst() {
            if let minimum = category.minShare, value < minimum * total - 1e-9 { return nil }
            if let maximum = category.maxShare, value > maximum * total + 1e-9 { return nil }
        }
        return result
    }
}

extension ActivityYear {
    /// The (sector, line, offering) cell, whatever the year.
    var cell: String { "\(sector)|\(line)|\(offering)" }
}

extension Scenario {
    /// How an activity's spending is attributed to targets: in proportion to effect / scale,
    /// its contribution to each target's attainment per franc.
    public func targetShares(of activity: Activity) -> [String: Double] {
        let contributions = targets.compactMap { target -> (String, Double)? in
            let effect = activity.impactPerThousand[target.id] ?? 0
            return effect > 0 ? (target.id, effect / target.scale) : nil
        }
        let sum = contributions.reduce(0) { $0 + $1.1 }
        guard sum > 0 else { return [:] }
        return Dictionary(uniqueKeysWithValues: contributions.map { ($0.0, $0.1 / sum) })
    }
}
