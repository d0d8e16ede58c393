extension ScenarioDecoder {
    struct CyberChoice {
        /// Nil without a `cybersecurity:` section: the organisation has no such choice.
        var option: CybersecurityOption?
        var priority: String?
        var crossCutting: SourceValue?
        var minShare: Double?
    }

    func decodeCybersecurity() -> CyberChoice {
        guard let value = document["cybersecurity"] else { return CyberChoice(option: nil, priority: nil, crossCutting: nil) }
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

    func decodeCrossCuttingLines(priorities: [Priority], targets: [Target]) -> [FundingLine] {
        guard let value = document["cybersecurity"]?["cross_cutting"],
              let entries = reader.map(value, "cybersecurity.cross_cutting", fallback: top) else { return [] }
        return entries.compactMap { host, item in
            let path = "cybersecurity.cross_cutting.\(host)"
            guard reader.map(item, path, allowed: ["name", "outcomes", "mandate"] + Self.impactSpellings,
                             required: ["mandate"], fallback: item.location) != nil else { return nil }
            guard let parent = priorities.first(where: { $0.id == host }) else {
                reader.error(item, path, "'\(host)' is not a priority under the cross-cutting option", fallback: top)
                return nil
            }
            return FundingLine(
                id: "\(host).Cyber", priority: host,
                name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? "\(parent.name): cybersecurity",
                isCybersecurity: true, outcomes: outcomes(item, path),
                impactPerMillion: decodeImpactField(item, path, targets: targets))
        }
    }

    struct Cell: Hashable {
        var sector: String
        var line: String
        var offering: String
    }

    func decodeMandate(sectors: [Sector], lines: [FundingLine], offerings: [Offering], cyber: CyberChoice, cyberPriority: String?) -> [Cell] {
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

    func decodeCommitments(years: [Int], activities: [Activity], lines: [FundingLine]) -> [FixedCommitment] {
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
                  let amount = item["amount"].flatMap({ reader.number($0, "\(path).amount", in: SafeRange.money, what: amountWhat) })
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
}
