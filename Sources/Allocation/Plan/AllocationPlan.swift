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
        return (program, plan, solution)
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
