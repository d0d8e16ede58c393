extension ScenarioDecoder {
    static let limitFields = ["min_share", "max_share", "min_amount", "max_amount"]

    func decodeLimits(_ item: SourceValue, _ path: String, years: [Int]) -> SpendingLimits {
        var limits = SpendingLimits()
        limits.minShare = item["min_share"].flatMap { reader.share($0, "\(path).min_share") }
        limits.maxShare = item["max_share"].flatMap { reader.share($0, "\(path).max_share") }
        limits.minAmount = item["min_amount"].map { reader.perYear($0, "\(path).min_amount", years: years, requireAll: false) } ?? [:]
        limits.maxAmount = item["max_amount"].map { reader.perYear($0, "\(path).max_amount", years: years, requireAll: false) } ?? [:]
        if let low = limits.minShare, let high = limits.maxShare, low > high {
            reader.error(item["min_share"], "\(path).min_share", "floor \(low) is above ceiling max_share \(high)", fallback: top)
        }
        for year in years {
            if let low = limits.minAmount[year], let high = limits.maxAmount[year], low > high {
                reader.error(item["min_amount"], "\(path).min_amount", "floor \(low) in \(year) is above ceiling max_amount \(high)", fallback: top)
            }
        }
        return limits
    }

    func decodeStaff(years: [Int]) -> StaffPolicy {
        guard let staff = document["staff"],
              reader.map(staff, "staff", allowed: ["categories", "ceiling", "mobility", "whole_posts"], required: ["categories", "ceiling"], fallback: top) != nil
        else { return StaffPolicy(categories: [], ceiling: [:]) }
        let ceiling = staff["ceiling"].map { reader.perYear($0, "staff.ceiling", years: years, requireAll: true, in: SafeRange.fte, what: "a number of FTE >= 0") } ?? [:]
        let entries = reader.map(staff["categories"], "staff.categories", fallback: staff.location) ?? []
        let categories = entries.compactMap { id, item -> StaffCategory? in
            let path = "staff.categories.\(id)"
            guard reader.identifier(id, path, at: item.location),
                  reader.map(item, path, allowed: ["name", "standard_cost", "min_share", "max_share"], required: ["name", "standard_cost"], fallback: item.location) != nil
            else { return nil }
            let low = item["min_share"].flatMap { reader.share($0, "\(path).min_share") }
            let high = item["max_share"].flatMap { reader.share($0, "\(path).max_share") }
            if let low, let high, low > high {
                reader.error(item["min_share"], "\(path).min_share", "floor \(low) is above ceiling max_share \(high)", fallback: top)
            }
            let cost = item["standard_cost"].map { reader.perYear($0, "\(path).standard_cost", years: years, requireAll: true, in: SafeRange.costPerFTE, what: "\(money.unitName) per FTE and year >= 0") } ?? [:]
            for year in years where (cost[year] ?? 1) <= 0 {
                reader.error(item["standard_cost"], "\(path).standard_cost.\(year)", "must be more than 0 \(money.unitName) per FTE", fallback: top)
            }
            return StaffCategory(id: id, name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? id,
                                 standardCost: cost, minShare: low, maxShare: high)
        }
        if entries.isEmpty { reader.error(staff["categories"], "staff.categories", "must name at least one staff category", fallback: top) }
        return StaffPolicy(
            categories: categories, ceiling: ceiling,
            mobility: staff["mobility"].flatMap { reader.number($0, "staff.mobility", in: SafeRange.fte, what: "a number of FTE >= 0") },
            wholePosts: staff["whole_posts"].flatMap { reader.bool($0, "staff.whole_posts") } ?? false)
    }

    func decodeChangeLimits() -> ChangeLimits {
        guard let value = document["change_limits"],
              reader.map(value, "change_limits", allowed: ["sector", "priority"], fallback: top) != nil else { return ChangeLimits() }
        return ChangeLimits(sector: value["sector"].flatMap { reader.share($0, "change_limits.sector") },
                            priority: value["priority"].flatMap { reader.share($0, "change_limits.priority") })
    }

    func decodePreviousPlan(years: [Int], sectors: [Sector], priorities: [Priority]) -> PreviousPlan? {
        guard let value = document["previous_plan"],
              reader.map(value, "previous_plan", allowed: ["max_deviation", "sectors", "priorities"], required: ["max_deviation"], fallback: top) != nil,
              let deviation = value["max_deviation"].flatMap({ reader.share($0, "previous_plan.max_deviation") }) else { return nil }
        func amounts(_ key: String, known: [String]) -> [String: [Int: Double]] {
            guard let group = value[key], let entries = reader.map(group, "previous_plan.\(key)", fallback: top) else { return [:] }
            var result: [String: [Int: Double]] = [:]
            for (id, item) in entries {
                guard known.contains(id) else {
                    reader.error(item, "previous_plan.\(key).\(id)", "unknown \(key == "sectors" ? "sector" : "priority") '\(id)'", fallback: top)
                    continue
                }
                result[id] = reader.perYear(item, "previous_plan.\(key).\(id)", years: years, requireAll: true, what: amountWhat)
            }
            return result
        }
        return PreviousPlan(maxDeviation: deviation, sectors: amounts("sectors", known: sectors.map(\.id)),
                            priorities: amounts("priorities", known: priorities.map(\.id)))
    }
}
