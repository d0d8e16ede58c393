extension ScenarioDecoder {
    func decodeSectors(years: [Int]) -> [Sector] {
        guard let section = document["sectors"], let entries = reader.map(section, "sectors", fallback: top) else { return [] }
        return entries.compactMap { id, item in
            let path = "sectors.\(id)"
            guard reader.identifier(id, path, at: item.location),
                  reader.map(item, path, allowed: ["name", "staff_ceiling", "impact_factor"] + Self.limitFields, required: ["name"], fallback: item.location) != nil
            else { return nil }
            return Sector(
                id: id, name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? id,
                limits: decodeLimits(item, path, years: years),
                staffCeiling: item["staff_ceiling"].map { reader.perYear($0, "\(path).staff_ceiling", years: years, requireAll: false, in: SafeRange.fte, what: "a number of FTE >= 0") } ?? [:],
                impactFactor: item["impact_factor"].flatMap { reader.number($0, "\(path).impact_factor", in: SafeRange.factor) } ?? 1)
        }
    }

    /// Target points per million of the currency: `impact_per_million`, or the ITU's spelling
    /// `impact_per_chf_million`; one of them, not both.
    static let impactSpellings = ["impact_per_million", "impact_per_chf_million"]

    func decodeImpactField(_ item: SourceValue, _ path: String, targets: [Target]) -> [String: Double] {
        let given = Self.impactSpellings.filter { item[$0] != nil }
        guard let field = given.first else {
            reader.error(item, "\(path).impact_per_million", "is missing (target points per million of spending; impact_per_chf_million is accepted too)", fallback: top)
            return [:]
        }
        if given.count > 1 {
            reader.error(item[given[1]], "\(path).\(given[1])", "is given with \(field), which is the same field; keep one", fallback: top)
        }
        return decodeImpact(item[field], "\(path).\(field)", targets: targets)
    }

    func decodeImpact(_ value: SourceValue?, _ path: String, targets: [Target]) -> [String: Double] {
        guard let value, let entries = reader.map(value, path, fallback: top) else { return [:] }
        var impact: [String: Double] = [:]
        for (target, item) in entries {
            guard targets.contains(where: { $0.id == target }) else {
                reader.error(item, "\(path).\(target)", "unknown target '\(target)'", fallback: top)
                continue
            }
            impact[target] = reader.number(item, "\(path).\(target)", in: SafeRange.effect, what: "target points per \(money.oneMillion) >= 0")
        }
        return impact
    }

    func outcomes(_ item: SourceValue, _ path: String) -> [String] {
        guard let value = item["outcomes"], let list = reader.list(value, "\(path).outcomes") else { return [] }
        return list.enumerated().compactMap { reader.string($1, "\(path).outcomes[\($0)]") }
    }

    func decodePriorities(years: [Int], targets: [Target], cyberPriority: String?) -> [(priority: Priority, line: FundingLine)] {
        guard let section = document["priorities"], let entries = reader.map(section, "priorities", fallback: top) else { return [] }
        let fields = ["name", "outcomes"] + Self.impactSpellings + Self.limitFields
        return entries.compactMap { id, item in
            let path = "priorities.\(id)"
            guard reader.identifier(id, path, at: item.location),
                  reader.map(item, path, allowed: fields, required: ["name"], fallback: item.location) != nil
            else { return nil }
            let name = item["name"].flatMap { reader.string($0, "\(path).name") } ?? id
            let outcomes = outcomes(item, path)
            let isCyber = id == cyberPriority
            let priority = Priority(id: id, name: name, outcomes: outcomes, limits: decodeLimits(item, path, years: years), isCybersecurity: isCyber)
            let line = FundingLine(id: id, priority: id, name: name, isCybersecurity: isCyber, outcomes: outcomes,
                                   impactPerMillion: decodeImpactField(item, path, targets: targets))
            return (priority, line)
        }
    }

    func decodeOfferings(years: [Int]) -> [Offering] {
        guard let section = document["offerings"], let entries = reader.map(section, "offerings", fallback: top) else { return [] }
        return entries.compactMap { id, item in
            let path = "offerings.\(id)"
            guard reader.identifier(id, path, at: item.location),
                  reader.map(item, path, allowed: ["name", "staff_cost_share", "impact_factor", "min_amount"], required: ["name", "staff_cost_share"], fallback: item.location) != nil
            else { return nil }
            var share: ClosedRange<Double> = 0...1
            if let value = item["staff_cost_share"],
               reader.map(value, "\(path).staff_cost_share", allowed: ["min", "max"], required: ["min", "max"], fallback: value.location) != nil,
               let low = value["min"].flatMap({ reader.share($0, "\(path).staff_cost_share.min") }),
               let high = value["max"].flatMap({ reader.share($0, "\(path).staff_cost_share.max") }) {
                if low > high {
                    reader.error(value["min"], "\(path).staff_cost_share.min", "floor \(low) is above ceiling max \(high)", fallback: top)
                } else {
                    share = low...high
                }
            }
            return Offering(
                id: id, name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? id, staffCostShare: share,
                impactFactor: item["impact_factor"].flatMap { reader.number($0, "\(path).impact_factor", in: SafeRange.factor) } ?? 1,
                minAmount: item["min_amount"].map { reader.perYear($0, "\(path).min_amount", years: years, requireAll: false) } ?? [:])
        }
    }
}
