/// How a scenario's plan differs from a baseline plan.
public struct PlanComparison: Sendable {
    /// One allocation total compared.
    public struct Mover: Sendable, Hashable {
        /// `sector`, `priority`, `offering`, `biennium` or `year`.
        public var dimension: String
        public var key: String
        public var name: String
        /// CHF thousands.
        public var baseline: Double
        public var scenario: Double
        public var change: Double { scenario - baseline }
        /// Relative change; nil when the baseline is zero.
        public var percent: Double? { baseline == 0 ? nil : change / baseline }
        /// Staff, FTE-years over the years the total covers (FTE for one year).
        public var baselineStaff: Double
        public var scenarioStaff: Double
        public var staffChange: Double { scenarioStaff - baselineStaff }
    }

    public struct TargetChange: Sendable, Hashable {
        public var id: String
        public var name: String
        public var baselineAttainment: Double
        public var attainment: Double
        public var change: Double { attainment - baselineAttainment }
    }

    public var baselineName: String
    public var scenarioName: String
    /// The compared scenario's organisation: the words and currency the comparison speaks.
    public var organisation: Organisation
    /// Each plan's own objective: comparable only when ``objectiveDifferences`` is empty.
    public var baselineObjective: Double
    public var objective: Double
    public var objectiveChange: Double { objective - baselineObjective }
    /// The common yardstick: Σ over the baseline's targets of the baseline's weight × the plan's
    /// attainment, with no penalties. Both plans are valued alike whatever their own weights,
    /// penalties, floors or objective kind.
    public var baselineImpactAtBaselineWeights: Double
    public var impactAtBaselineWeights: Double
    public var changeAtBaselineWeights: Double { impactAtBaselineWeights - baselineImpactAtBaselineWeights }
    /// Why the two plans' own objectives measure different things, one sentence each (other
    /// weights, penalties or floors, another objective kind, other targets); empty when they
    /// measure the same.
    public var objectiveDifferences: [String]
    public var targets: [TargetChange]
    /// Largest absolute change first; ties in dimension order (sector, priority, offering,
    /// biennium), then in the order the scenario declares them.
    public var movers: [Mover]

    /// Compares two solved plans; nil when either has no solution. Groups are matched by id, so
    /// a priority present in only one plan (cybersecurity under the two options) shows as a move
    /// from or to zero.
    public init?(baseline: AllocationPlan, scenario: AllocationPlan) {
        guard let baselineObjective = baseline.objective, let objective = scenario.objective else { return nil }
        self.baselineName = baseline.scenario.name
        self.scenarioName = scenario.scenario.name
        self.organisation = scenario.scenario.organisation
        self.baselineObjective = baselineObjective
        self.objective = objective
        baselineImpactAtBaselineWeights = Self.impact(of: baseline, weightedAs: baseline.scenario)
        impactAtBaselineWeights = Self.impact(of: scenario, weightedAs: baseline.scenario)
        objectiveDifferences = Self.differences(baseline.scenario, scenario.scenario)
        let baselineTargets = Dictionary(uniqueKeysWithValues: baseline.targets.map { ($0.id, $0) })
        targets = scenario.targets.compactMap { target in
            baselineTargets[target.id].map {
                TargetChange(id: target.id, name: target.name, baselineAttainment: $0.attainment, attainment: target.attainment)
            }
        }
        var movers: [(rank: Int, mover: Mover)] = []
        func compare(_ dimension: String, _ groups: (AllocationPlan) -> [(key: String, name: String, member: (PlanLine) -> Bool)]) {
            let before = groups(baseline), after = groups(scenario)
            var keys = after.map(\.key)
            keys += before.map(\.key).filter { !keys.contains($0) }
            func totals(_ plan: AllocationPlan, _ group: (key: String, name: String, member: (PlanLine) -> Bool)?) -> (cost: Double, staff: Double) {
                guard let group else { return (0, 0) }
                let lines = plan.lines.filter(group.member)
                return (lines.reduce(0) { $0 + $1.cost }, lines.reduce(0) { $0 + $1.totalStaff })
            }
            for key in keys {
                let old = before.first { $0.key == key }, new = after.first { $0.key == key }
                let was = totals(baseline, old), now = totals(scenario, new)
                movers.append((movers.count, Mover(dimension: dimension, key: key, name: (new ?? old)!.name, baseline: was.cost, scenario: now.cost,
                                                   baselineStaff: was.staff, scenarioStaff: now.staff)))
            }
        }
        compare("sector") { plan in plan.scenario.sectors.map { sector in (sector.id, sector.name, { $0.sector == sector.id }) } }
        compare("priority") { plan in plan.scenario.priorities.map { priority in (priority.id, priority.name, { $0.priority == priority.id }) } }
        compare("offering") { plan in plan.scenario.offerings.map { offering in (offering.id, offering.name, { $0.offering == offering.id }) } }
        compare("biennium") { plan in plan.scenario.biennia.map { biennium in (biennium.id, biennium.id, { biennium.years.contains($0.year) }) } }
        compare("year") { plan in plan.scenario.years.map { year in (String(year), String(year), { $0.year == year }) } }
        self.movers = movers.sorted { a, b in
            let left = abs(a.mover.change).rounded(toPlaces: 6), right = abs(b.mover.change).rounded(toPlaces: 6)
            return left != right ? left > right : a.rank < b.rank
        }.map(\.mover)
    }
}

extension PlanComparison {
    /// Σ weight × attainment over the targets of `yardstick`, the plan's attainment of each
    /// (past 1 counts as 1, as in the objective).
    static func impact(of plan: AllocationPlan, weightedAs yardstick: Scenario) -> Double {
        let attainment = Dictionary(uniqueKeysWithValues: plan.targets.map { ($0.id, $0.countedAttainment) })
        return yardstick.targets.reduce(0) { $0 + $1.weight * (attainment[$1.id] ?? 0) }
    }

    static func differences(_ baseline: Scenario, _ scenario: Scenario) -> [String] {
        var notes: [String] = []
        if baseline.objective != scenario.objective {
            notes.append("objective \(scenario.objective.rawValue), the baseline's \(baseline.objective.rawValue)")
        }
        let before = Dictionary(uniqueKeysWithValues: baseline.targets.map { ($0.id, $0) })
        let after = Dictionary(uniqueKeysWithValues: scenario.targets.map { ($0.id, $0) })
        let reweighted = scenario.targets.filter { target in before[target.id].map { $0.weight != target.weight } ?? false }.map(\.id)
        if !reweighted.isEmpty { notes.append("other weights on target\(reweighted.count == 1 ? "" : "s") \(reweighted.joined(separator: ", "))") }
        let refloored = scenario.targets.filter { target in before[target.id].map { $0.floor != target.floor } ?? false }.map(\.id)
        if !refloored.isEmpty { notes.append("other floors or penalties on target\(refloored.count == 1 ? "" : "s") \(refloored.joined(separator: ", "))") }
        let added = scenario.targets.filter { before[$0.id] == nil }.map(\.id)
        if !added.isEmpty { notes.append("target\(added.count == 1 ? "" : "s") \(added.joined(separator: ", ")) not in the baseline") }
        let dropped = baseline.targets.filter { after[$0.id] == nil }.map(\.id)
        if !dropped.isEmpty { notes.append("baseline target\(dropped.count == 1 ? "" : "s") \(dropped.joined(separator: ", ")) not in this scenario") }
        return notes
    }
}

extension Double {
    /// Rounded to `places` decimals, so that float noise does not reorder equal changes.
    func rounded(toPlaces places: Int) -> Double {
        let factor = pow10(places)
        return (self * factor).rounded() / factor
    }

    private func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
