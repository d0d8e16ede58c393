import LinearModel

extension CompiledScenario {
    /// A column's value as a plan states it. The simplex leaves values like 7.7e-13 where a
    /// column is 0 (its tolerances are 1e-7): a plan line prints them as 0, not as noise. In LP
    /// units, 1e-9 is CHF 0.001 or 1e-9 FTE.
    static func planValue(_ raw: Double) -> Double { abs(raw) < 1e-9 ? 0 : raw }

    /// Reads a solution of ``model`` back as a plan in domain words. Stages, MIP figures and the
    /// explanation of an infeasible scenario are the driver's to add.
    func plan(from solution: Solution, solverName: String) -> AllocationPlan {
        let size = ModelSize(rows: model.constraints.count, columns: model.variables.count,
                             nonzeros: model.constraints.reduce(0) { $0 + $1.terms.count })
        guard solution.hasSolution else {
            return AllocationPlan(scenario: scenario, termination: solution.termination, objective: nil, solverName: solverName,
                                  modelSize: size, lines: [], targets: [], unattributedCost: 0, bindingConstraints: [])
        }
        let value = { (variable: Variable) in Self.planValue(solution.value(of: variable)) }
        let shares = Dictionary(uniqueKeysWithValues: scenario.activities.map { ($0.key, scenario.targetShares(of: $0)) })
        let thousands = { (variable: Variable) in UnitConverter.stated(value(variable)) }
        let committed = Dictionary(scenario.fixedCommitments.map { ($0.key, $0.amount) }, uniquingKeysWith: +)
        let lines = activityOrder.map { key -> PlanLine in
            let columns = activities[key]!
            let staff = Dictionary(uniqueKeysWithValues: zip(scenario.staff.categories.map(\.id), columns.staff.map(value)))
            let staffCost = scenario.staff.categories.reduce(0) { $0 + ($1.standardCost[key.year] ?? 0) * (staff[$1.id] ?? 0) }
            let line = scenario.line(key.line)!
            return PlanLine(sector: key.sector, line: key.line, priority: line.priority, offering: key.offering, year: key.year,
                            isCybersecurity: line.isCybersecurity, budget: thousands(columns.budget), staff: staff,
                            staffCost: staffCost, cost: thousands(columns.cost), committed: committed[key] ?? 0,
                            targetShares: shares[key.activity] ?? [:])
        }

        var attributed: [String: Double] = [:]
        var unattributed = 0.0
        for line in lines {
            if line.targetShares.isEmpty { unattributed += line.cost }
            for (target, share) in line.targetShares { attributed[target, default: 0] += line.cost * share }
        }
        let produced = impacts(at: solution.variables.map(\.value), effects: scenario)
        let targets = scenario.targets.map { target in
            // What the years produce with each line's cost on the curve in order; not the LP's
            // impact columns: past a target's gap they may split spending over the segments in
            // any order, and the counted column stops at the gap.
            let byYear = Dictionary(uniqueKeysWithValues: scenario.years.map { ($0, produced[target.id]?[$0] ?? 0) })
            let impact = scenario.years.reduce(0) { $0 + (byYear[$1] ?? 0) }
            return TargetOutcome(
                id: target.id, goal: target.goal, name: target.name, weight: target.weight, scale: target.scale,
                impact: impact, impactByYear: byYear,
                attainment: impact / target.scale, attributedCost: attributed[target.id] ?? 0,
                impliedLevel: target.baseline.map { target.direction == .higher ? $0 + impact : $0 - impact })
        }

        let binding = rows.compactMap { row, meaning -> BindingConstraint? in
            guard meaning.kind != .definition else { return nil }
            let result = solution.result(of: row)
            let dual = result.shadowPrice ?? 0
            // A row at its limit with a zero price does not limit the plan: leaving it out keeps
            // the list to what a committee can act on.
            guard abs(dual) > 1e-9 else { return nil }
            return BindingConstraint(constraint: model.constraints[row.index].name, meaning: meaning, shadowPrice: dual,
                                     price: limitPrice(dual: dual, of: meaning, at: solution), activity: result.activity)
        }
        var plan = AllocationPlan(scenario: scenario, termination: solution.termination, objective: solution.objectiveValue,
                                  solverName: solverName, modelSize: size, lines: lines, targets: targets,
                                  unattributedCost: unattributed, bindingConstraints: binding)
        plan.shortfalls = shortfall.mapValues { value($0) }
        return plan
    }

    /// The price of a limit as the scenario states it, from the dual of its LP row: per CHF
    /// thousand for money rows (LP money is millions), per FTE, per attainment; for a share limit
    /// `part - share·base >= 0`, one more unit of share moves the right-hand side by the base's
    /// value, so its price per whole share is dual × base.
    func limitPrice(dual: Double, of meaning: ConstraintMeaning, at solution: Solution) -> Price {
        guard let base = meaning.shareOf else {
            let perRowUnit = Price(dual, per: meaning.unit)
            return meaning.unit == Unit.lpMoney ? perRowUnit.per(.money) : perRowUnit
        }
        return Price(dual * value(of: base, at: solution), per: .share)
    }

    /// What a share limit is a share of, as the LP's expression (LP money or FTE): moving the
    /// share by t moves the limit's row by −t times this.
    func expression(of base: ShareBase) -> LinearExpression {
        switch base {
        case .spending(let year): LinearExpression.sum(activityOrder.filter { $0.year == year }.map { activities[$0]!.cost })
        case .activityCost(let key): LinearExpression(activities[key]!.cost)
        case .activityStaff(let key): LinearExpression.sum(activities[key]!.staff)
        }
    }

    /// The value of what a share limit is a share of, in LP units (LP money or FTE).
    func value(of base: ShareBase, at solution: Solution) -> Double {
        switch base {
        case .spending(let year): activityOrder.filter { $0.year == year }.reduce(0) { $0 + solution.value(of: activities[$1]!.cost) }
        case .activityCost(let key): solution.value(of: activities[key]!.cost)
        case .activityStaff(let key): activities[key]!.staff.reduce(0) { $0 + solution.value(of: $1) }
        }
    }
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
