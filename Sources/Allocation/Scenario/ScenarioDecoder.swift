import Foundation

/// Turns a merged scenario document into a validated ``Scenario``, collecting every problem.
struct ScenarioDecoder {
    private let reader = FieldReader()
    private let file: String
    private let document: SourceValue

    init(document: SourceValue, file: String) {
        self.document = document
        self.file = file
    }

    private var top: SourceLocation { document.location }

    static let topFields = [
        "name", "description", "objective", "years", "biennia", "envelopes", "goals", "targets", "sectors",
        "priorities", "cybersecurity", "offerings", "staff", "mandate", "fixed_commitments", "impact_curve",
        "change_limits", "previous_plan", "objective_tolerance", "mip",
    ]

    func decode() -> (Scenario?, Diagnostics) {
        _ = reader.map(document, "", allowed: Self.topFields,
                       required: ["name", "years", "envelopes", "goals", "targets", "sectors", "priorities", "offerings", "staff", "mandate", "impact_curve"],
                       fallback: top)
        let name = document["name"].flatMap { reader.string($0, "name") } ?? ""
        let description = document["description"].flatMap { reader.string($0, "description") } ?? ""
        let objective = document["objective"].flatMap { reader.oneOf($0, "objective", ["weighted", "maximin", "lexicographic"]) }.flatMap(ObjectiveKind.init) ?? .weighted
        let objectiveTolerance = document["objective_tolerance"].flatMap { reader.number($0, "objective_tolerance", in: 0...0.5, what: "a relative tolerance between 0 and 0.5") } ?? 1e-6
        let years = decodeYears()
        let envelopes = document["envelopes"].map { reader.perYear($0, "envelopes", years: years, requireAll: true, what: "an amount in CHF thousands >= 0") } ?? [:]
        let biennia = decodeBiennia(years: years, envelopes: envelopes)
        let goals = decodeGoals()
        let targets = decodeTargets(goals: goals)
        let sectors = decodeSectors(years: years)
        let cyber = decodeCybersecurity()
        var priorities = decodePriorities(years: years, targets: targets, cyberPriority: cyber.priority)
        let offerings = decodeOfferings(years: years)
        let staff = decodeStaff(years: years)
        let curve = decodeCurve()

        if cyber.option == .crossCutting { priorities.removeAll { $0.priority.isCybersecurity } }
        var lines = priorities.map(\.line)
        if cyber.option == .crossCutting {
            lines += decodeCrossCuttingLines(priorities: priorities.map(\.priority), targets: targets)
        }
        let activities = decodeMandate(sectors: sectors, lines: lines, offerings: offerings, cyber: cyber, cyberPriority: cyber.priority)
            .map { cell -> Activity in
                let line = lines.first { $0.id == cell.line }!
                let factor = (offerings.first { $0.id == cell.offering }?.impactFactor ?? 1)
                    * (sectors.first { $0.id == cell.sector }?.impactFactor ?? 1)
                return Activity(sector: cell.sector, line: cell.line, offering: cell.offering,
                                impactPerThousand: line.impactPerMillion.mapValues { UnitConverter.rate($0 * factor, per: .moneyMillions, to: .moneyThousands) })
            }
        let commitments = decodeCommitments(years: years, activities: activities, lines: lines)
        let changeLimits = decodeChangeLimits()
        let previousPlan = decodePreviousPlan(years: years, sectors: sectors, priorities: priorities.map(\.priority))
        let mip = decodeMIP()
        let scenario = Scenario(
            name: name, description: description, file: file, years: years, biennia: biennia, envelopes: envelopes,
            goals: goals, targets: targets, sectors: sectors, priorities: priorities.map(\.priority), lines: lines,
            offerings: offerings, staff: staff, activities: activities, fixedCommitments: commitments,
            impactCurve: curve, cybersecurity: cyber.option, cybersecurityMinShare: cyber.minShare,
            changeLimits: changeLimits, previousPlan: previousPlan, objectiveTolerance: objectiveTolerance, mip: mip, objective: objective)
        if !reader.diagnostics.hasErrors { checkConsistency(scenario) }
        return (reader.diagnostics.hasErrors ? nil : scenario, reader.diagnostics)
    }

    // MARK: Calendar

    private func decodeYears() -> [Int] {
        guard let value = document["years"], let items = reader.list(value, "years") else { return [] }
        let years = items.enumerated().compactMap { index, item in reader.integer(item, "years[\(index)]") }
        if years.isEmpty { reader.error(value, "years", "must list at least one year", fallback: top) }
        if years != years.sorted() || Set(years).count != years.count {
            reader.error(value, "years", "must be listed once each, in increasing order", fallback: top)
        }
        return years
    }

    private func decodeBiennia(years: [Int], envelopes: [Int: Double]) -> [Biennium] {
        guard let value = document["biennia"], let entries = reader.map(value, "biennia", fallback: top) else { return [] }
        var seen: [Int: String] = [:]
        return entries.compactMap { id, item in
            let path = "biennia.\(id)"
            guard reader.map(item, path, allowed: ["years", "transfers", "envelope"], required: ["years"], fallback: item.location) != nil,
                  let list = item["years"].flatMap({ reader.list($0, "\(path).years") }) else { return nil }
            let members = list.enumerated().compactMap { reader.integer($1, "\(path).years[\($0)]") }
            for year in members {
                if !years.contains(year) {
                    reader.error(item["years"], "\(path).years", "\(year) is not one of the scenario's years", fallback: top)
                } else if let other = seen.updateValue(id, forKey: year) {
                    reader.error(item["years"], "\(path).years", "\(year) is already in biennium \(other)", fallback: top)
                }
            }
            let transfers = item["transfers"].flatMap { reader.bool($0, "\(path).transfers") } ?? false
            let envelope = item["envelope"].flatMap { reader.number($0, "\(path).envelope", what: "an amount in CHF thousands >= 0") }
                ?? members.reduce(0) { $0 + (envelopes[$1] ?? 0) }
            return Biennium(id: id, years: members, transfers: transfers, envelope: envelope)
        }
    }

    // MARK: Goals and targets

    private func decodeGoals() -> [Goal] {
        guard let section = document["goals"], let entries = reader.map(section, "goals", fallback: top) else { return [] }
        return entries.compactMap { id, item in
            guard reader.map(item, "goals.\(id)", allowed: ["name"], required: ["name"], fallback: item.location) != nil else { return nil }
            return Goal(id: id, name: item["name"].flatMap { reader.string($0, "goals.\(id).name") } ?? id)
        }
    }

    private func decodeTargets(goals: [Goal]) -> [Target] {
        guard let section = document["targets"], let entries = reader.map(section, "targets", fallback: top) else { return [] }
        let fields = ["goal", "name", "indicator", "direction", "baseline", "target_2030", "scale", "weight", "illustrative", "source", "floor"]
        return entries.compactMap { id, item in
            let path = "targets.\(id)"
            guard reader.identifier(id, path, at: item.location, dots: true),
                  reader.map(item, path, allowed: fields, required: ["goal", "name", "direction", "scale", "weight"], fallback: item.location) != nil
            else { return nil }
            let goal = item["goal"].flatMap { reader.string($0, "\(path).goal") } ?? ""
            if item["goal"] != nil, !goals.contains(where: { $0.id == goal }) {
                reader.error(item["goal"], "\(path).goal", "unknown goal '\(goal)'; goals are \(goals.map(\.id).joined(separator: ", "))", fallback: top)
            }
            let scale = item["scale"].flatMap { reader.number($0, "\(path).scale", in: 1e-9...Double.greatestFiniteMagnitude, what: "a number of impact points > 0") }
            let weight = item["weight"].flatMap { reader.number($0, "\(path).weight") }
            let direction = item["direction"].flatMap { reader.oneOf($0, "\(path).direction", ["higher", "lower"]) }
            // A target with a bad field is kept (with neutral values) so that references to it
            // do not add follow-on errors; the scenario is rejected for the field anyway.
            return Target(
                id: id, goal: goal, name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? id,
                indicator: item["indicator"].flatMap { reader.string($0, "\(path).indicator") } ?? "",
                direction: direction.flatMap(TargetDirection.init) ?? .higher,
                baseline: item["baseline"].flatMap { reader.number($0, "\(path).baseline", in: -1e12...1e12, what: "a number") },
                target2030: item["target_2030"].flatMap { reader.number($0, "\(path).target_2030", in: -1e12...1e12, what: "a number") },
                scale: scale ?? 1, weight: weight ?? 0,
                illustrative: item["illustrative"].flatMap { reader.bool($0, "\(path).illustrative") } ?? false,
                source: item["source"].flatMap { reader.string($0, "\(path).source") } ?? "",
                floor: item["floor"].flatMap { decodeFloor($0, "\(path).floor") })
        }
    }

    // MARK: Sectors, priorities, offerings

    private static let limitFields = ["min_share", "max_share", "min_amount", "max_amount"]

    private func decodeLimits(_ item: SourceValue, _ path: String, years: [Int]) -> SpendingLimits {
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

    private func decodeSectors(years: [Int]) -> [Sector] {
        guard let section = document["sectors"], let entries = reader.map(section, "sectors", fallback: top) else { return [] }
        return entries.compactMap { id, item in
            let path = "sectors.\(id)"
            guard reader.identifier(id, path, at: item.location),
                  reader.map(item, path, allowed: ["name", "staff_ceiling", "impact_factor"] + Self.limitFields, required: ["name"], fallback: item.location) != nil
            else { return nil }
            return Sector(
                id: id, name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? id,
                limits: decodeLimits(item, path, years: years),
                staffCeiling: item["staff_ceiling"].map { reader.perYear($0, "\(path).staff_ceiling", years: years, requireAll: false, what: "a number of FTE >= 0") } ?? [:],
                impactFactor: item["impact_factor"].flatMap { reader.number($0, "\(path).impact_factor") } ?? 1)
        }
    }

    private func decodeImpact(_ value: SourceValue?, _ path: String, targets: [Target]) -> [String: Double] {
        guard let value, let entries = reader.map(value, path, fallback: top) else { return [:] }
        var impact: [String: Double] = [:]
        for (target, item) in entries {
            guard targets.contains(where: { $0.id == target }) else {
                reader.error(item, "\(path).\(target)", "unknown target '\(target)'", fallback: top)
                continue
            }
            impact[target] = reader.number(item, "\(path).\(target)", what: "target points per CHF million >= 0")
        }
        return impact
    }

    private func outcomes(_ item: SourceValue, _ path: String) -> [String] {
        guard let value = item["outcomes"], let list = reader.list(value, "\(path).outcomes") else { return [] }
        return list.enumerated().compactMap { reader.string($1, "\(path).outcomes[\($0)]") }
    }

    private func decodePriorities(years: [Int], targets: [Target], cyberPriority: String?) -> [(priority: Priority, line: FundingLine)] {
        guard let section = document["priorities"], let entries = reader.map(section, "priorities", fallback: top) else { return [] }
        let fields = ["name", "outcomes", "impact_per_chf_million"] + Self.limitFields
        return entries.compactMap { id, item in
            let path = "priorities.\(id)"
            guard reader.identifier(id, path, at: item.location),
                  reader.map(item, path, allowed: fields, required: ["name", "impact_per_chf_million"], fallback: item.location) != nil
            else { return nil }
            let name = item["name"].flatMap { reader.string($0, "\(path).name") } ?? id
            let outcomes = outcomes(item, path)
            let isCyber = id == cyberPriority
            let priority = Priority(id: id, name: name, outcomes: outcomes, limits: decodeLimits(item, path, years: years), isCybersecurity: isCyber)
            let line = FundingLine(id: id, priority: id, name: name, isCybersecurity: isCyber, outcomes: outcomes,
                                   impactPerMillion: decodeImpact(item["impact_per_chf_million"], "\(path).impact_per_chf_million", targets: targets))
            return (priority, line)
        }
    }

    private func decodeOfferings(years: [Int]) -> [Offering] {
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
                impactFactor: item["impact_factor"].flatMap { reader.number($0, "\(path).impact_factor") } ?? 1,
                minAmount: item["min_amount"].map { reader.perYear($0, "\(path).min_amount", years: years, requireAll: false) } ?? [:])
        }
    }

    private func decodeStaff(years: [Int]) -> StaffPolicy {
        guard let staff = document["staff"],
              reader.map(staff, "staff", allowed: ["categories", "ceiling", "mobility", "whole_posts"], required: ["categories", "ceiling"], fallback: top) != nil
        else { return StaffPolicy(categories: [], ceiling: [:]) }
        let ceiling = staff["ceiling"].map { reader.perYear($0, "staff.ceiling", years: years, requireAll: true, what: "a number of FTE >= 0") } ?? [:]
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
            let cost = item["standard_cost"].map { reader.perYear($0, "\(path).standard_cost", years: years, requireAll: true, what: "CHF thousands per FTE and year >= 0") } ?? [:]
            for year in years where (cost[year] ?? 1) <= 0 {
                reader.error(item["standard_cost"], "\(path).standard_cost.\(year)", "must be more than 0 CHF thousands per FTE", fallback: top)
            }
            return StaffCategory(id: id, name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? id,
                                 standardCost: cost, minShare: low, maxShare: high)
        }
        if entries.isEmpty { reader.error(staff["categories"], "staff.categories", "must name at least one staff category", fallback: top) }
        return StaffPolicy(
            categories: categories, ceiling: ceiling,
            mobility: staff["mobility"].flatMap { reader.number($0, "staff.mobility", what: "a number of FTE >= 0") },
            wholePosts: staff["whole_posts"].flatMap { reader.bool($0, "staff.whole_posts") } ?? false)
    }

    private func decodeFloor(_ value: SourceValue, _ path: String) -> TargetFloor? {
        guard reader.map(value, path, allowed: ["attainment", "penalty"], required: ["attainment", "penalty"], fallback: value.location) != nil,
              let attainment = value["attainment"].flatMap({ reader.number($0, "\(path).attainment", what: "an attainment >= 0 (1 closes the gap)") }),
              let penalty = value["penalty"].flatMap({ reader.number($0, "\(path).penalty", what: "a penalty >= 0 per unit of attainment short") })
        else { return nil }
        return TargetFloor(attainment: attainment, penalty: penalty)
    }

    private func decodeChangeLimits() -> ChangeLimits {
        guard let value = document["change_limits"],
              reader.map(value, "change_limits", allowed: ["sector", "priority"], fallback: top) != nil else { return ChangeLimits() }
        return ChangeLimits(sector: value["sector"].flatMap { reader.share($0, "change_limits.sector") },
                            priority: value["priority"].flatMap { reader.share($0, "change_limits.priority") })
    }

    private func decodePreviousPlan(years: [Int], sectors: [Sector], priorities: [Priority]) -> PreviousPlan? {
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
                result[id] = reader.perYear(item, "previous_plan.\(key).\(id)", years: years, requireAll: true, what: "an amount in CHF thousands >= 0")
            }
            return result
        }
        return PreviousPlan(maxDeviation: deviation, sectors: amounts("sectors", known: sectors.map(\.id)),
                            priorities: amounts("priorities", known: priorities.map(\.id)))
    }

    private func decodeMIP() -> MIPSettings {
        var settings = MIPSettings()
        guard let value = document["mip"],
              reader.map(value, "mip", allowed: ["relative_gap", "node_limit", "time_limit"], fallback: top) != nil else { return settings }
        if let gap = value["relative_gap"].flatMap({ reader.number($0, "mip.relative_gap", in: 0...1, what: "a relative gap between 0 and 1") }) { settings.relativeGap = gap }
        if let nodes = value["node_limit"].flatMap({ reader.integer($0, "mip.node_limit") }) {
            if nodes < 1 { reader.error(value["node_limit"], "mip.node_limit", "must be at least 1", fallback: top) } else { settings.nodeLimit = nodes }
        }
        if let seconds = value["time_limit"].flatMap({ reader.number($0, "mip.time_limit", in: 1...86_400, what: "seconds between 1 and 86400") }) { settings.timeLimit = seconds }
        return settings
    }

    private func decodeCurve() -> [CurveSegment] {
        guard let value = document["impact_curve"], let items = reader.list(value, "impact_curve") else { return [] }
        var segments: [CurveSegment] = []
        for (index, item) in items.enumerated() {
            let path = "impact_curve[\(index)]"
            guard reader.map(item, path, allowed: ["up_to", "factor"], required: ["factor"], fallback: item.location) != nil,
                  let factor = item["factor"].flatMap({ reader.number($0, "\(path).factor", in: 1e-12...Double.greatestFiniteMagnitude, what: "a factor > 0") })
            else { continue }
            let upTo = item["up_to"].flatMap { reader.number($0, "\(path).up_to", in: 1e-9...Double.greatestFiniteMagnitude, what: "an amount in CHF thousands > 0") }
            if let previous = segments.last {
                if previous.upTo == nil {
                    reader.error(item, path, "follows a segment without up_to; only the last segment may omit it", fallback: top)
                } else if let upTo, let before = previous.upTo, upTo <= before {
                    reader.error(item["up_to"], "\(path).up_to", "must be above the previous segment's up_to \(before)", fallback: top)
                }
                if factor > previous.factor {
                    reader.error(item["factor"], "\(path).factor", "\(factor) is above the previous segment's \(previous.factor): the curve must be concave (factors not increasing)", fallback: top)
                }
            }
            segments.append(CurveSegment(upTo: upTo, factor: factor))
        }
        if segments.isEmpty { reader.error(value, "impact_curve", "must have at least one segment", fallback: top) }
        return segments
    }

    // MARK: Cybersecurity and the mandate

    private struct CyberChoice {
        var option: CybersecurityOption
        var priority: String?
        var crossCutting: SourceValue?
        var minShare: Double?
    }

    private func decodeCybersecurity() -> CyberChoice {
        guard let value = document["cybersecurity"] else { return CyberChoice(option: .standalone, priority: nil, crossCutting: nil) }
        _ = reader.map(value, "cybersecurity", allowed: ["option", "priority", "min_share", "cross_cutting"], required: ["option", "priority"], fallback: top)
        let option = value["option"].flatMap { reader.oneOf($0, "cybersecurity.option", ["standalone", "cross_cutting"]) }
            .flatMap(CybersecurityOption.init) ?? .standalone
        let priority = value["priority"].flatMap { reader.string($0, "cybersecurity.priority") }
        if let priority, document["priorities"]?[priority] == nil {
            reader.error(value["priority"], "cybersecurity.priority", "'\(priority)' is not one of the priorities", fallback: top)
        }
        if option == .crossCutting, value["cross_cutting"] == nil {
            reader.error(value, "cybersecurity.cross_cutting", "is missing; the cross-cutting option needs its lines", fallback: top)
        }
        return CyberChoice(option: option, priority: priority, crossCutting: value["cross_cutting"],
                           minShare: value["min_share"].flatMap { reader.share($0, "cybersecurity.min_share") })
    }

    private func decodeCrossCuttingLines(priorities: [Priority], targets: [Target]) -> [FundingLine] {
        guard let value = document["cybersecurity"]?["cross_cutting"],
              let entries = reader.map(value, "cybersecurity.cross_cutting", fallback: top) else { return [] }
        return entries.compactMap { host, item in
            let path = "cybersecurity.cross_cutting.\(host)"
            guard reader.map(item, path, allowed: ["name", "outcomes", "impact_per_chf_million", "mandate"],
                             required: ["impact_per_chf_million", "mandate"], fallback: item.location) != nil else { return nil }
            guard let parent = priorities.first(where: { $0.id == host }) else {
                reader.error(item, path, "'\(host)' is not a priority under the cross-cutting option", fallback: top)
                return nil
            }
            return FundingLine(
                id: "\(host).Cyber", priority: host,
                name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? "\(parent.name): cybersecurity",
                isCybersecurity: true, outcomes: outcomes(item, path),
                impactPerMillion: decodeImpact(item["impact_per_chf_million"], "\(path).impact_per_chf_million", targets: targets))
        }
    }

    private struct Cell: Hashable {
        var sector: String
        var line: String
        var offering: String
    }

    private func decodeMandate(sectors: [Sector], lines: [FundingLine], offerings: [Offering], cyber: CyberChoice, cyberPriority: String?) -> [Cell] {
        var cells: [Cell] = []
        func read(_ grid: SourceValue?, _ path: String, line fixedLine: String?) {
            guard let grid, let entries = reader.map(grid, path, fallback: top) else { return }
            for (sector, byLine) in entries {
                guard sectors.contains(where: { $0.id == sector }) else {
                    reader.error(byLine, "\(path).\(sector)", "unknown sector '\(sector)'; sectors are \(sectors.map(\.id).joined(separator: ", "))", fallback: top)
                    continue
                }
                // The standard mandate lists offerings per priority; a cross-cutting line's mandate lists them per sector.
                let pairs: [(String, SourceValue, String)]
                if let fixedLine {
                    pairs = [(fixedLine, byLine, "\(path).\(sector)")]
                } else {
                    pairs = (reader.map(byLine, "\(path).\(sector)", fallback: top) ?? []).map { ($0.key, $0.value, "\(path).\(sector).\($0.key)") }
                }
                for (lineID, list, itemPath) in pairs {
                    if fixedLine == nil, lineID == cyberPriority, cyber.option == .crossCutting { continue }
                    guard lines.contains(where: { $0.id == lineID }) else {
                        reader.error(list, itemPath, "unknown priority '\(lineID)'", fallback: top)
                        continue
                    }
                    guard let items = reader.list(list, itemPath) else { continue }
                    for (index, item) in items.enumerated() {
                        guard let offering = reader.string(item, "\(itemPath)[\(index)]") else { continue }
                        guard offerings.contains(where: { $0.id == offering }) else {
                            reader.error(item, "\(itemPath)[\(index)]", "unknown offering '\(offering)'", fallback: top)
                            continue
                        }
                        let cell = Cell(sector: sector, line: lineID, offering: offering)
                        if cells.contains(cell) {
                            reader.error(item, "\(itemPath)[\(index)]", "\(offering) is listed twice", fallback: top)
                        } else {
                            cells.append(cell)
                        }
                    }
                }
            }
        }
        read(document["mandate"], "mandate", line: nil)
        if cyber.option == .crossCutting, let hosts = cyber.crossCutting, case .map(let entries, _) = hosts {
            for entry in entries where lines.contains(where: { $0.id == "\(entry.key).Cyber" }) {
                read(entry.value["mandate"], "cybersecurity.cross_cutting.\(entry.key).mandate", line: "\(entry.key).Cyber")
            }
        }
        // A stable order for reports and LP columns: sectors, lines, offerings as declared.
        func rank<T>(_ list: [T], _ id: (T) -> String, _ key: String) -> Int { list.firstIndex { id($0) == key } ?? Int.max }
        return cells.sorted {
            (rank(sectors, \.id, $0.sector), rank(lines, \.id, $0.line), rank(offerings, \.id, $0.offering))
                < (rank(sectors, \.id, $1.sector), rank(lines, \.id, $1.line), rank(offerings, \.id, $1.offering))
        }
    }

    private func decodeCommitments(years: [Int], activities: [Activity], lines: [FundingLine]) -> [FixedCommitment] {
        guard let value = document["fixed_commitments"], let entries = reader.map(value, "fixed_commitments", fallback: top) else { return [] }
        return entries.compactMap { id, item in
            let path = "fixed_commitments.\(id)"
            guard reader.identifier(id, path, at: item.location),
                  reader.map(item, path, allowed: ["name", "sector", "priority", "offering", "year", "amount"],
                             required: ["sector", "priority", "offering", "year", "amount"], fallback: item.location) != nil,
                  let sector = item["sector"].flatMap({ reader.string($0, "\(path).sector") }),
                  let line = item["priority"].flatMap({ reader.string($0, "\(path).priority") }),
                  let offering = item["offering"].flatMap({ reader.string($0, "\(path).offering") }),
                  let year = item["year"].flatMap({ reader.integer($0, "\(path).year") }),
                  let amount = item["amount"].flatMap({ reader.number($0, "\(path).amount", what: "an amount in CHF thousands >= 0") })
            else { return nil }
            if !years.isEmpty && !years.contains(year) {
                reader.error(item["year"], "\(path).year", "\(year) is not one of the scenario's years", fallback: top)
                return nil
            }
            guard activities.contains(where: { $0.sector == sector && $0.line == line && $0.offering == offering }) else {
                reader.error(item, path, "cell (\(sector), \(line), \(offering)) is outside the mandate: that sector may not fund that priority through that offering", fallback: top)
                return nil
            }
            return FixedCommitment(id: id, name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? id,
                                   sector: sector, line: line, offering: offering, year: year, amount: amount)
        }
    }

    // MARK: Whole-scenario checks

    /// Problems no single field shows: floors that cannot all be met within an envelope.
    private func checkConsistency(_ scenario: Scenario) {
        let sectorFloor = scenario.sectors.compactMap(\.limits.minShare).reduce(0, +)
        if sectorFloor > 1 + 1e-12 {
            reader.error(document["sectors"], "sectors", "the sectors' min_share add up to \(sectorFloor), more than the whole budget (1)", fallback: top)
        }
        let priorityFloor = scenario.priorities.compactMap(\.limits.minShare).reduce(0, +)
        if priorityFloor > 1 + 1e-12 {
            reader.error(document["priorities"], "priorities", "the priorities' min_share add up to \(priorityFloor), more than the whole budget (1)", fallback: top)
        }
        for year in scenario.years {
            let envelope = available(in: year, scenario)
            let floors = scenario.sectors.compactMap { $0.limits.minAmount[year] }.reduce(0, +)
            if floors > envelope + 1e-9 {
                reader.error(document["sectors"], "sectors", "the sectors' min_amount for \(year) add up to CHF \(Self.amount(floors))k, above the \(year) envelope of CHF \(Self.amount(envelope))k", fallback: top)
            }
            let committed = scenario.fixedCommitments.filter { $0.year == year }.reduce(0) { $0 + $1.amount }
            if committed > envelope + 1e-9 {
                reader.error(document["fixed_commitments"], "fixed_commitments", "the fixed commitments for \(year) add up to CHF \(Self.amount(committed))k, above the \(year) envelope of CHF \(Self.amount(envelope))k", fallback: top)
            }
        }
        for sector in scenario.sectors where !scenario.activities.contains(where: { $0.sector == sector.id }) {
            reader.diagnostics.warning(document["sectors"]?[sector.id]?.location ?? top, "sectors.\(sector.id)", "has no cell in the mandate and receives nothing")
        }
    }

    /// What a year can spend: its envelope, or its biennium's when transfers are allowed.
    private func available(in year: Int, _ scenario: Scenario) -> Double {
        if let biennium = scenario.biennia.first(where: { $0.years.contains(year) && $0.transfers }) { return biennium.envelope }
        return scenario.envelopes[year] ?? 0
    }

    static func amount(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 1
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: value)) ?? "\(value)"
    }
}

/// A scenario file read and merged (its `extends` chain followed) but not yet decoded, so that
/// many variants (sweeps, finite differences) can be decoded without reading files again.
public struct ScenarioSource: Sendable {
    /// The scenario file relative to the scenarios root, as reports name it.
    public let file: String
    let document: SourceValue

    /// Reads and merges `file`; throws ``ScenarioError`` with every problem found.
    public init(_ file: URL, root: URL? = nil) throws(ScenarioError) {
        let loader = ScenarioLoader(root: root ?? file.deletingLastPathComponent())
        let (loaded, diagnostics) = loader.load(file)
        guard let loaded else { throw ScenarioError(diagnostics: diagnostics.errors) }
        document = loaded
        self.file = loader.displayPath(file.standardizedFileURL)
    }

    /// The scenario with `overrides` applied to the merged document first.
    public func scenario(overrides: [ScenarioOverride] = []) throws(ScenarioError) -> (scenario: Scenario, warnings: [Diagnostic]) {
        var document = self.document
        for override in overrides {
            switch ScenarioPath.apply(override, to: document) {
            case .success(let updated): document = updated
            case .failure(let error):
                throw ScenarioError(diagnostics: [Diagnostic(severity: .error, location: SourceLocation(file: file, line: nil), path: override.path, message: error.description)])
            }
        }
        let (scenario, diagnostics) = ScenarioDecoder(document: document, file: file).decode()
        guard let scenario else { throw ScenarioError(diagnostics: diagnostics.errors) }
        return (scenario, diagnostics.warnings)
    }

    /// The value at `path`, if it addresses a number.
    public func number(at path: String) -> Double? {
        ScenarioPath.value(at: path, in: document)
    }

    /// Every numeric path of the scenario (per-year fields given as one number also per year).
    public var numericPaths: [String] { ScenarioPath.numericPaths(in: document) }
}

extension Scenario {
    /// Loads, merges and validates a scenario file, with `overrides` applied to the merged
    /// document first. Throws ``ScenarioError`` with every problem.
    public static func load(_ file: URL, root: URL? = nil, overrides: [ScenarioOverride] = []) throws(ScenarioError) -> (scenario: Scenario, warnings: [Diagnostic]) {
        try ScenarioSource(file, root: root).scenario(overrides: overrides)
    }
}
