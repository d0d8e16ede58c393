/// Turns a merged scenario document into a validated ``Scenario``, collecting every problem.
struct ScenarioDecoder {
    let reader = FieldReader()
    private let file: String
    let document: SourceValue
    /// The currency and scale that messages about amounts name.
    let money: MoneyWords

    init(document: SourceValue, file: String) {
        self.document = document
        self.file = file
        self.money = Self.statedMoney(in: document)
    }

    var top: SourceLocation { document.location }

    static let topFields = [
        "name", "organisation", "description", "objective", "years", "biennia", "envelopes", "goals", "targets", "sectors",
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
        let envelopes = document["envelopes"].map { reader.perYear($0, "envelopes", years: years, requireAll: true, what: amountWhat) } ?? [:]
        let biennia = decodeBiennia(years: years, envelopes: envelopes)
        let goals = decodeGoals()
        var targets = decodeTargets(goals: goals)
        var organisation = decodeOrganisation()
        // A target without a year of its own is set for the organisation's; the headings name
        // a year only when every target shares it.
        for index in targets.indices where targets[index].targetYear == nil && targets[index].targetValue != nil {
            targets[index].targetYear = organisation.targetYear
        }
        let targetYears = Set(targets.compactMap(\.targetYear))
        organisation.targetYear = targetYears.count == 1 && targets.allSatisfy({ $0.targetValue == nil || $0.targetYear != nil }) ? targetYears.first : nil
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
                                impactPerThousand: line.impactPerMillion.mapValues { money.perStatedUnit(perMillion: $0 * factor) })
            }
        let commitments = decodeCommitments(years: years, activities: activities, lines: lines)
        let changeLimits = decodeChangeLimits()
        let previousPlan = decodePreviousPlan(years: years, sectors: sectors, priorities: priorities.map(\.priority))
        let mip = decodeMIP()
        let scenario = Scenario(
            name: name, organisation: organisation, description: description, file: file, years: years, biennia: biennia, envelopes: envelopes,
            goals: goals, targets: targets, sectors: sectors, priorities: priorities.map(\.priority), lines: lines,
            offerings: offerings, staff: staff, activities: activities, fixedCommitments: commitments,
            impactCurve: curve, cybersecurity: cyber.option, cybersecurityMinShare: cyber.minShare,
            changeLimits: changeLimits, previousPlan: previousPlan, objectiveTolerance: objectiveTolerance, mip: mip, objective: objective)
        if !reader.diagnostics.hasErrors { checkConsistency(scenario) }
        return (reader.diagnostics.hasErrors ? nil : scenario, reader.diagnostics)
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

    // MARK: Calendar

    private func decodeYears() -> [Int] {
        guard let value = document["years"], let items = reader.list(value, "years") else { return [] }
        let years = items.enumerated().compactMap { index, item in reader.integer(item, "years[\(index)]") }
        if years.isEmpty { reader.error(value, "years", "must list at least one year", fallback: top) }
        if years != years.sorted() || Set(years).count != years.count {
            reader.error(value, "years", "must be listed once each, in increasing order", fallback: top)
            // The rest of the file is still checked, against each year once.
            return Array(Set(years)).sorted()
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
            let envelope = item["envelope"].flatMap { reader.number($0, "\(path).envelope", in: SafeRange.money, what: amountWhat) }
                ?? members.reduce(0) { $0 + (envelopes[$1] ?? 0) }
            return Biennium(id: id, years: members, transfers: transfers, envelope: envelope)
        }
    }
}
