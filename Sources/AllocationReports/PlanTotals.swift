import Allocation

/// Money and staff summed over a group of plan lines.
public struct PlanTotal: Sendable, Hashable {
    /// The group's id (sector, priority, offering, year or biennium).
    public var key: String
    /// Display name.
    public var name: String
    public var budget: Double
    public var staffCost: Double
    public var cost: Double
    public var staff: Double
}

extension AllocationPlan {
    /// Totals per group, in the order of `groups`; a line belongs to the groups `membership` names.
    public func totals(_ groups: [(key: String, name: String)], membership: (PlanLine) -> [String]) -> [PlanTotal] {
        var sums: [String: PlanTotal] = [:]
        for group in groups { sums[group.key] = PlanTotal(key: group.key, name: group.name, budget: 0, staffCost: 0, cost: 0, staff: 0) }
        for line in lines {
            for key in membership(line) where sums[key] != nil {
                sums[key]!.budget += line.budget
                sums[key]!.staffCost += line.staffCost
                sums[key]!.cost += line.cost
                sums[key]!.staff += line.totalStaff
            }
        }
        return groups.map { sums[$0.key]! }
    }

    public var totalsBySector: [PlanTotal] {
        totals(scenario.sectors.map { ($0.id, $0.name) }) { [$0.sector] }
    }

    public var totalsByPriority: [PlanTotal] {
        totals(scenario.priorities.map { ($0.id, $0.name) }) { [$0.priority] }
    }

    public var totalsByOffering: [PlanTotal] {
        totals(scenario.offerings.map { ($0.id, $0.name) }) { [$0.offering] }
    }

    public var totalsByYear: [PlanTotal] {
        totals(scenario.years.map { (String($0), String($0)) }) { [String($0.year)] }
    }

    public var totalsByBiennium: [PlanTotal] {
        totals(scenario.biennia.map { ($0.id, $0.id) }) { line in
            scenario.biennia.filter { $0.years.contains(line.year) }.map(\.id)
        }
    }
}
