extension ScenarioDecoder {
    /// Problems no single field shows: floors that cannot all be met within an envelope.
    func checkConsistency(_ scenario: Scenario) {
        let sectorFloor = scenario.sectors.compactMap(\.limits.minShare).reduce(0, +)
        if sectorFloor > 1 + 1e-12 {
            reader.error(document["sectors"], "sectors", "the sectors' min_share add up to \(sectorFloor), more than the whole budget (1)", fallback: top)
        }
        let priorityFloor = scenario.priorities.compactMap(\.limits.minShare).reduce(0, +)
        if priorityFloor > 1 + 1e-12 {
            reader.error(document["priorities"], "priorities", "the priorities' min_share add up to \(priorityFloor), more than the whole budget (1)", fallback: top)
        }
        for year in scenario.years {
            let envelope = scenario.money(availableIn: year)
            let floors = scenario.sectors.compactMap { $0.limits.minAmount[year] }.reduce(0, +)
            if floors > envelope + 1e-9 {
                reader.error(document["sectors"], "sectors", "the sectors' min_amount for \(year) add up to \(money.amount(Self.amount(floors))), above the \(year) envelope of \(money.amount(Self.amount(envelope)))", fallback: top)
            }
            let committed = scenario.fixedCommitments.filter { $0.year == year }.reduce(0) { $0 + $1.amount }
            if committed > envelope + 1e-9 {
                reader.error(document["fixed_commitments"], "fixed_commitments", "the fixed commitments for \(year) add up to \(money.amount(Self.amount(committed))), above the \(year) envelope of \(money.amount(Self.amount(envelope)))", fallback: top)
            }
        }
        for target in scenario.targets where target.weight > 0 {
            let reachable = scenario.reachableAttainment(of: target)
            if reachable > 1 + 1e-9 {
                reader.diagnostics.warning(document["targets"]?[target.id]?.location ?? top, "targets.\(target.id)",
                    "its effects could carry it to \(Self.amount((reachable * 1000).rounded() / 10)) % attainment if the whole envelope went to it; impact past 100 % earns nothing in the objective, so check its scale and effects")
            }
        }
        for sector in scenario.sectors where !scenario.activities.contains(where: { $0.sector == sector.id }) {
            reader.diagnostics.warning(document["sectors"]?[sector.id]?.location ?? top, "sectors.\(sector.id)", "has no cell in the mandate and receives nothing")
        }
    }
}
