import Allocation
import Foundation
import LinearModel
import LPReports

extension AllocationPlan {
    /// The summary tables every format shares, in reading order.
    public func tables() -> [ReportTable] {
        tables(printed: printedTotals())
    }

    /// The summary tables with the totals `printed` (one rounding of Appendix A per report).
    func tables(printed: PrintedTotals?) -> [ReportTable] {
        guard !lines.isEmpty, let printed else { return [] }
        let words = scenario.organisation, k = words.money.shortName
        var tables: [ReportTable] = []
        tables.append(ReportTable(
            title: "Targets",
            headers: ["Target", "Name", "Impact (points)", "Scale", "Attainment", "Weight", "Spending attributed (\(k))"],
            rows: targets.map {
                [$0.id, $0.name, Figures.number($0.impact), Figures.number($0.scale), Figures.attainment($0),
                 Figures.number($0.weight), Figures.money(printed.moneyByTarget[$0.id] ?? $0.attributedCost)]
            },
            numericColumns: [2, 3, 4, 5, 6],
            note: "Attainment = impact / scale (100 % closes the gap; impact past it earns nothing in the objective, and such a target is marked reached). Each line's cost is attributed to targets in proportion to its contributions to their attainment."))
        let byID = Dictionary(uniqueKeysWithValues: scenario.targets.map { ($0.id, $0) })
        // The year goes in a column only when the targets are set for different years.
        let years = words.targetYear == nil && scenario.targets.contains { $0.targetYear != nil }
        tables.append(ReportTable(
            title: "Where the indicators stand",
            headers: ["Target", "Indicator", "Baseline", "Plan's level", "Target value"] + (years ? ["Year"] : []) + ["Attainment"],
            rows: targets.map { outcome in
                let target = byID[outcome.id]
                return [outcome.id, target?.indicator ?? "", target?.baseline.map(Figures.number) ?? "-", outcome.impliedLevel.map(Figures.number) ?? "-",
                        target?.targetValue.map(Figures.number) ?? "-"] + (years ? [target?.targetYear.map(String.init) ?? "-"] : []) + [Figures.attainment(outcome)]
            },
            numericColumns: years ? [2, 3, 4, 6] : [2, 3, 4, 5],
            note: "Plan's level: the baseline moved by the plan's impact, in the indicator's own unit and direction." + (words.targetYear.map { " Target values are for \($0)." } ?? "")
                + Self.illustrativeNote(scenario.targets)))
        // Totals as Appendix A prints them (`costs`, `staff`); the non-staff and staff-cost split
        // rounded to add up to them, its two totals rounded once (in the first table) and kept.
        var splitTotals: [Double]?
        func totalsTable(_ title: String, _ header: String, _ totals: [PlanTotal], costs: [String: Double], staff: [String: Double]?, staffLabel: String) -> ReportTable {
            let cost = totals.map { costs[$0.key] ?? $0.cost.rounded() }
            let cells = totals.map { [$0.budget, $0.staffCost] }
            let split = ControlledRounding.round(cells, unit: 1, keepingWherePossible: PrintedMargins(rowTotals: cost, columnTotals: splitTotals, total: printed.money))
            if splitTotals == nil { splitTotals = split.columnTotals }
            let people = staff.map { staff in totals.map { staff[$0.key] ?? 0 } }
                ?? ControlledRounding.round([totals.map(\.staff)], unit: 0.1, keepingWherePossible: PrintedMargins(total: printed.fteYears)).cells.first ?? []
            let all = printed.money
            var rows = totals.indices.map { index in
                [totals[index].name, Figures.money(split.cells[index][0]), Figures.money(split.cells[index][1]), Figures.money(split.rowTotals[index]),
                 Figures.percent(all > 0 ? split.rowTotals[index] / all : 0), Figures.fte(people[index])]
            }
            rows.append(["Total", Figures.money(split.columnTotals[0]), Figures.money(split.columnTotals[1]), Figures.money(split.total),
                         Figures.percent(all > 0 ? split.total / all : 0), Figures.fte(people.reduce(0, +))])
            return ReportTable(title: title, headers: [header, "Non-staff (\(k))", "Staff cost (\(k))", "Total (\(k))", "Share", staffLabel],
                               rows: rows, numericColumns: [1, 2, 3, 4, 5], note: nil)
        }
        let byYear = { (values: [Int: Double]) in Dictionary(uniqueKeysWithValues: values.map { (String($0.key), $0.value) }) }
        tables.append(totalsTable("Spending by \(words.sector.singular), all years", words.sector.title, totalsBySector, costs: printed.moneyBySector, staff: printed.fteYearsBySector, staffLabel: "FTE-years"))
        tables.append(totalsTable("Spending by \(words.priority.singular), all years", words.priority.title, totalsByPriority, costs: printed.moneyByPriority, staff: nil, staffLabel: "FTE-years"))
        tables.append(totalsTable("Spending by \(words.offering.singular), all years", words.offering.title, totalsByOffering, costs: printed.moneyByOffering, staff: nil, staffLabel: "FTE-years"))
        tables.append(totalsTable("Spending by year", "Year", totalsByYear, costs: byYear(printed.moneyByYear), staff: byYear(printed.fteByYear), staffLabel: "FTE"))
        if !scenario.biennia.isEmpty {
            tables.append(totalsTable("Spending by biennium", "Biennium", totalsByBiennium, costs: printed.moneyByBiennium, staff: nil, staffLabel: "FTE-years"))
        }
        let goals = scenario.goals.map { printed.moneyByGoal[$0.id] ?? attributedCost(goal: $0.id).rounded() }
        let unattributed = printed.money - goals.reduce(0, +)
        tables.append(ReportTable(
            title: "Spending by goal (attributed)",
            headers: ["Goal", "Name", "Spending attributed (\(k))"],
            rows: zip(scenario.goals, goals).map { [$0.id, $0.name, Figures.money($1)] }
                + (unattributed >= 1 ? [["-", "Lines that move no target", Figures.money(unattributed)]] : []),
            numericColumns: [2], note: nil))
        tables.append(envelopeTable(printed: printed))
        let mixKinds: Set<ConstraintMeaning.Kind> = [.staffCostShare, .staffCategoryShare]
        let mix = bindingConstraints.filter { mixKinds.contains($0.meaning.kind) }
        let mixNote = mix.isEmpty ? "" : " Not listed: \(mix.count) binding input-mix limits of single lines (staff cost and grade shares); the JSON report lists them."
        tables.append(ReportTable(
            title: "Binding constraints",
            headers: ["Constraint", "Shadow price", "Per", "LP row"],
            rows: bindingConstraints.filter { !mixKinds.contains($0.meaning.kind) }.map { binding in
                let (price, per) = Self.displayPrice(binding, words.money)
                return [binding.meaning.description, price, per, binding.constraint]
            },
            numericColumns: [1],
            note: "Shadow price: change of the weighted impact per unit more of the limit (Excel's convention)." + mixNote))
        return tables
    }

    /// Which targets' figures are assumptions rather than published: a committee must tell them apart.
    static func illustrativeNote(_ targets: [Target]) -> String {
        let assumed = targets.filter(\.illustrative).map(\.id)
        return assumed.isEmpty ? "" : " Illustrative (baseline, target value or scale assumed, not published): \(assumed.joined(separator: ", "))."
    }

    /// Prices per CHF million read better than per CHF thousand.
    static func displayPrice(_ binding: BindingConstraint, _ money: MoneyWords) -> (String, String) {
        let price = switch binding.price.per {
        case .money: binding.price.per(.lpMoney)
        case .share, .attainment: binding.price.per(.percentagePoint)
        default: binding.price
        }
        return (Figures.number(price.value), price.per == .objective ? "unit of the stage's objective" : price.per.one(money))
    }

    /// Said of a plan whose engine could not settle ties (COIN-OR); nil otherwise.
    var tiesNote: String? {
        guard tiesSettled == false else { return nil }
        return "Ties not settled: where several plans reach this optimum, \(solverName) returns one of its own, so single lines may differ from the plan allot solve gives with GLPK (same weighted impact)"
    }

    /// Whole posts in one sentence: the gap to the bound, the nodes, what became of the starting
    /// plan and the check against the model; nil for an LP plan.
    var mipSummary: String? {
        guard let mip else { return nil }
        let start = switch mip.start {
        case .accepted: "; the search started from the rounded LP plan"
        case .declined: "; the rounded LP plan was offered and the search kept a better one"
        case .notOffered(let reason): "; the rounded LP plan was not offered: \(reason)"
        case .notGiven: ""
        }
        let checked = check.map { $0.passed ? "; the plan meets every bound, limit and whole post of the model (checked to \($0.tolerance) relative)" : "" } ?? ""
        return "Whole posts (MIP): relative gap \(mip.relativeGap.map { Figures.percent($0) } ?? "unknown") to the bound \(mip.bestBound.map(Figures.number) ?? "unknown"), \(mip.nodes) nodes"
            + start + checked + (stoppedByTime ? "; stopped by the time limit, so this plan is not reproducible" : "")
    }

    private func headline(printed: PrintedTotals?) -> [String] {
        var lines = [
            "Scenario: \(scenario.name) (\(scenario.file))",
            "Status: \(termination.status) (\(termination.explanation))",
        ]
        if stages.count > 1 {
            lines.append("Objective: \(scenario.objective.rawValue), in \(stages.count) stages: " + stages.enumerated().map { index, stage in
                "\(index + 1). \(stage.name) \(stage.objective.map(Figures.number) ?? stage.termination.status)"
            }.joined(separator: "; "))
            // A stage's objective alone is not the plan's headline: the weighted sum over every target is.
            if objective != nil { lines.append("Weighted impact of the plan: \(Figures.number(weightedImpact)) (Σ weight × impact / scale over every target, less floor penalties)") }
        } else if let objective {
            lines.append("Weighted impact: \(Figures.number(objective)) (Σ weight × impact / scale)")
        }
        if let infeasibility { lines.append("Why there is no plan: \(infeasibility.summary)") }
        if let mipSummary { lines.append(mipSummary) }
        if let certificate { lines.append(certificate.summary.prefix(1).uppercased() + certificate.summary.dropFirst() + "; residuals in LP units (\(scenario.organisation.money.lpUnitName), FTE)") }
        if let tiesNote { lines.append(tiesNote) }
        if let exactCertification { lines.append("Exact check: " + exactCertification.summary) }
        for (target, short) in shortfalls.sorted(by: { $0.key < $1.key }) where short > 1e-9 {
            lines.append("Target \(target) is short of its floor by \(Figures.percent(short)) attainment (penalised)")
        }
        lines.append("Model: \(modelSize.rows) rows, \(modelSize.columns) columns, \(modelSize.nonzeros) non-zeros; solver \(solverName)")
        if let printed {
            let money = scenario.organisation.money
            var total = "Total spending: \(money.printed(printed.money))"
            if let option = scenario.cybersecurity {
                let cybersecurity = printedCybersecurityCost(printed)
                total += "; cybersecurity, as \(option == .standalone ? "a standalone priority (Option 1)" : "cross-cutting lines (Option 2)"): \(money.printed(cybersecurity)) (\(Figures.percent(printed.money > 0 ? cybersecurity / printed.money : 0)))"
            }
            lines.append(total)
        }
        return lines
    }

    /// The appendix's sections in order, each with its tables' ids: "A.1 Resources by Sector and
    /// thematic priority" for the ITU.
    var appendixSections: [(String, [String])] {
        let words = scenario.organisation
        return [
            ("\(words.sectionNumber(1)) Resources by \(words.sector.singular) and \(words.priority.singular)", ["budget-by-sector-and-priority", "fte-by-sector-and-priority"]),
            ("\(words.sectionNumber(2)) Resources by \(words.sector.singular) and \(words.offering.singular)", ["budget-by-sector-and-offering", "fte-by-sector-and-offering"]),
            ("\(words.sectionNumber(3)) Resources by Goal and target", ["budget-by-goal-and-year", "budget-by-target-and-year", "fte-by-target-and-year"]),
            ("\(words.sectionNumber(4)) Resources by year\(scenario.biennia.isEmpty ? "" : " and biennium")", ["budget-by-sector-and-year", "fte-by-sector-and-year", "budget-by-sector-and-biennium", "fte-by-sector-and-biennium"]),
        ]
    }

    /// Spending on cybersecurity as printed: its priority's total from Appendix A when it is a
    /// standalone priority, else its lines' cost rounded.
    func printedCybersecurityCost(_ printed: PrintedTotals) -> Double {
        let priorities = Set(lines.filter(\.isCybersecurity).map(\.priority))
        if priorities.count == 1, let priority = priorities.first, lines.allSatisfy({ $0.priority != priority || $0.isCybersecurity }),
           let total = printed.moneyByPriority[priority] {
            return total
        }
        return cybersecurityCost.rounded()
    }

    /// Each year's envelope, spending and unspent money, with the envelopes' total.
    public func envelopeTable() -> ReportTable {
        envelopeTable(printed: printedTotals())
    }

    func envelopeTable(printed: PrintedTotals?) -> ReportTable {
        let use = envelopeUse, k = scenario.organisation.money.shortName
        let spentIn = { (year: EnvelopeUse) in printed?.moneyByYear[year.year] ?? year.spending.rounded() }
        var rows = use.map { year in
            [String(year.year), year.envelope.map(Figures.money) ?? "-", Figures.money(spentIn(year)),
             (printed?.unspent(year) ?? year.unspent).map { Figures.money($0) } ?? "-", year.unspentShare.map(Figures.percent) ?? "-"]
        }
        let envelopes = use.compactMap { $0.envelope?.rounded() }
        let total = envelopes.count == use.count ? envelopes.reduce(0, +) : nil
        let spent = use.reduce(0) { $0 + spentIn($1) }
        rows.append(["Total", total.map(Figures.money) ?? "-", Figures.money(spent), total.map { Figures.money($0 - spent) } ?? "-",
                     total.map { Figures.percent($0 > 0 ? ($0 - spent) / $0 : 0) } ?? "-"])
        return ReportTable(
            title: "Envelopes and spending",
            headers: ["Year", "Envelope (\(k))", "Spent (\(k))", "Unspent (\(k))", "Unspent share"],
            rows: rows, numericColumns: [1, 2, 3, 4],
            note: "Unspent = envelope less spending" + (scenario.biennia.contains(where: \.transfers) ? "; negative where transfers within a biennium let a year spend more than its own envelope." : "."))
    }

    /// Each year's envelope, spending and unspent money, exact figures (CHF thousands).
    public func envelopesCSV(dialect: CSVDialect = .standard) -> String {
        let rows = envelopeUse.map { use -> [CSVCell] in
            [.integer(use.year), .number(use.envelope), .number(use.spending), .number(use.unspent), .number(use.unspentShare)]
        }
        return CSV.table(header: ["year", "envelope", "spending", "unspent", "unspent_share"], rows: rows, dialect: dialect)
    }

    /// One sentence per year that leaves more than 0.05 % of its envelope unspent, naming what
    /// keeps the money from being spent.
    public func unspentSentences() -> [String] {
        unspentSentences(printed: printedTotals())
    }

    /// `priced`: each limit that keeps the money from being spent with its price (the appendix);
    /// without, its name alone (the one-page executive summary).
    func unspentSentences(printed: PrintedTotals?, priced: Bool = true) -> [String] {
        return unspentMoney.map { money in
            let unspent = printed?.unspent(money.use) ?? money.use.unspent ?? 0
            let words = scenario.organisation.money
            let amount = "\(words.printed(unspent)) of the \(words.printed(money.use.envelope ?? 0)) envelope (\(Figures.percent(money.use.unspentShare ?? 0)))"
            switch money.cause {
            case .limits: break
            case .targetsReached:
                return "\(money.use.year): \(amount) is left unspent: every target the objective weighs is reached, and impact past a target earns nothing."
            case .wholePosts:
                return "\(money.use.year): \(amount) is left unspent: staff come in whole posts, and around the plan's posts each line's input mix (staff cost and grade shares) caps what it can spend."
            case .nothingToBuy:
                return "\(money.use.year): \(amount) is left unspent, and no limit the committee sets holds it back: the lines that could take more money move no target that is still open (their effects, or their input mix, stop them)."
            }
            let limits = money.blockingLimits.prefix(5).map { binding in
                guard priced else { return binding.meaning.description }
                let (price, per) = Self.displayPrice(binding, scenario.organisation.money)
                return "\(binding.meaning.description) (price \(price) per \(per))"
            }
            let more = money.blockingLimits.count > 5 ? " and \(money.blockingLimits.count - 5) more" : ""
            return "\(money.use.year): \(amount) is left unspent; what keeps it from being spent: " + limits.joined(separator: "; ") + more + "."
        }
    }

    /// Plain text for the terminal.
    public func text() -> String {
        let printed = printedTotals()
        let unspent = unspentSentences(printed: printed)
        let warning = unspent.isEmpty ? [] : ["Money left unspent:\n" + unspent.map { "  \($0)" }.joined(separator: "\n") + "\n"]
        return ([headline(printed: printed).joined(separator: "\n") + "\n"] + warning + tables(printed: printed).map { $0.text() }).joined(separator: "\n")
    }

    /// Markdown shaped for the organisation's appendix ("Appendix A. Allocation of resources
    /// (linkage with the financial plan)" for the ITU): every table with row and column totals,
    /// rounded so that it adds up as printed.
    public func markdown() -> String {
        let appendixTables = appendixTables()
        let printed = printedTotals(of: appendixTables)
        let words = scenario.organisation
        var parts = ["# \(words.appendixTitle)\n",
                     headline(printed: printed).map { "- \($0)" }.joined(separator: "\n") + "\n"]
        guard !lines.isEmpty else { return parts.joined(separator: "\n") }
        parts.append("Amounts in \(words.money.unitName) (cost: non-staff budget plus the standard cost of staff); staff in FTE.\n")
        let appendix = Dictionary(uniqueKeysWithValues: appendixTables.map { ($0.id, $0) })
        let sections = appendixSections
        for (title, ids) in sections {
            let tables = ids.compactMap { appendix[$0]?.markdown() }
            guard !tables.isEmpty else { continue }
            parts.append("## \(title)\n")
            parts += tables
        }
        let summary = tables(printed: printed)
        var number = sections.count
        func heading(_ title: String) -> String {
            number += 1
            return "## \(words.sectionNumber(number)) \(title)\n"
        }
        parts.append(heading("Targets"))
        parts += summary.filter { ["Targets", "Where the indicators stand"].contains($0.title) }.map { $0.markdown(level: 3) }
        parts.append(heading("What limits the plan"))
        parts += summary.filter { $0.title == "Binding constraints" }.map { $0.markdown(level: 3) }
        parts.append(heading("Envelopes and spending"))
        let unspent = unspentSentences(printed: printed)
        if !unspent.isEmpty { parts.append(unspent.map { "- \($0)" }.joined(separator: "\n") + "\n") }
        parts.append(envelopeTable(printed: printed).markdown(level: 3))
        return parts.joined(separator: "\n")
    }
}
