import Allocation
import LinearModel
import LPReports

extension AllocationPlan {
    /// One self-contained HTML page: headline figures, the allocation by sector and priority,
    /// target attainment against the target values, the appendix's main table, and, when given,
    /// the comparison with the baseline, a sweep curve and the sensitivity ("Appendix A —
    /// sensitivity" for the ITU).
    public func html(comparison: PlanComparison? = nil, sweep: SweepResult? = nil, sensitivity: PlanSensitivity? = nil) -> String {
        let words = scenario.organisation
        var page = HTMLPage(title: "\(words.appendixTitle): \(scenario.name)")
        page.body.append(HTMLPage.heading(words.appendixTitle, level: 1))
        page.body.append(HTMLPage.paragraph("\(scenario.name) (\(scenario.file)). \(scenario.description)"))
        let appendixTables = appendixTables()
        let printed = printedTotals(of: appendixTables)
        page.body.append(HTMLPage.cards(headlineCards(printed: printed)))
        if let mipSummary { page.body.append(HTMLPage.paragraph(mipSummary + ".")) }
        if let certificate { page.body.append(HTMLPage.paragraph(certificate.summary.prefix(1).uppercased() + certificate.summary.dropFirst() + "; residuals in LP units (\(words.money.lpUnitName), FTE).")) }
        if let tiesNote { page.body.append(HTMLPage.paragraph(tiesNote + ".")) }
        guard !lines.isEmpty else {
            page.body.append(HTMLPage.paragraph("No plan: \(termination.explanation)."))
            return page.rendered()
        }
        page.body.append(HTMLPage.heading("Allocation by \(words.sector.singular) and \(words.priority.singular)"))
        if let table = appendixTables.first(where: { $0.id == "budget-by-sector-and-priority" }) {
            // The chart draws the table's printed figures: the same unit (CHF thousands) and the same rounding.
            page.body.append(SVGChart.stackedBars(
                title: "Spending by \(words.sector.singular), stacked by \(words.priority.singular) (all years)", xLabel: table.corner, yLabel: words.money.unitName,
                categories: table.rowLabels,
                series: table.columnLabels.enumerated().map { column, priority in (priority, table.rounded.cells.map { $0[column] }) }))
            let (headers, rows) = table.printedRows()
            page.body.append(HTMLPage.table(ReportTable(title: table.title, headers: headers, rows: rows, numericColumns: Set(1..<headers.count),
                                                        note: "\(table.basis) \(table.roundingRule)")))
        }
        page.body.append(HTMLPage.heading("Target attainment"))
        page.body.append(SVGChart.horizontalBars(
            title: "Attainment of the \(words.targets)", xLabel: "Attainment (% of the gap to the \(words.targetValueName) closed)",
            bars: targets.map { SVGChart.Bar(label: "\($0.id) \($0.name)", value: $0.attainment, text: Figures.attainment($0)) },
            axis: .percent, reference: (1, words.targetValueName), legend: "attainment (impact / scale)"))
        let summary = tables(printed: printed)
        if let indicators = summary.first(where: { $0.title == "Where the indicators stand" }) { page.body.append(HTMLPage.table(indicators)) }
        if let bindings = summary.first(where: { $0.title == "Binding constraints" }) {
            page.body.append(HTMLPage.heading("What limits the plan"))
            page.body.append(HTMLPage.table(bindings))
        }
        page.body.append(HTMLPage.heading("Envelopes and spending"))
        for sentence in unspentSentences(printed: printed) { page.body.append(HTMLPage.paragraph(sentence)) }
        page.body.append(HTMLPage.table(envelopeTable(printed: printed)))
        if let comparison { page.body += comparison.htmlSection() }
        if let sweep { page.body += sweep.htmlSection() }
        if let sensitivity { page.body += sensitivity.htmlSection() }
        return page.rendered()
    }

    /// The appendix's headline figures (status, weighted impact, spending, staff, and
    /// cybersecurity where the scenario has that option), label and printed value, as its cards
    /// show them and the executive summary repeats them.
    func headlineCards(printed: PrintedTotals?) -> [(label: String, value: String)] {
        var cards: [(label: String, value: String)] = [("Status", termination.status)]
        if let objective { cards.append(("Weighted impact", Figures.number(objective))) }
        if let printed {
            let money = scenario.organisation.money
            cards.append(("Total spending", money.printed(printed.money)))
            cards.append(("Staff (average per year)", "\(Figures.fte(printed.averageFTE)) FTE"))
            if scenario.cybersecurity != nil {
                let cybersecurity = printedCybersecurityCost(printed)
                cards.append(("Cybersecurity", "\(money.printed(cybersecurity)) (\(Figures.percent(printed.money > 0 ? cybersecurity / printed.money : 0)))"))
            }
        }
        return cards
    }
}

extension PlanComparison {
    func htmlSection() -> [String] {
        let movers = self.movers.prefix(15)
        return [
            HTMLPage.heading("Compared with \(baselineName)"),
            HTMLPage.cards([("Impact at baseline weights", Figures.number(impactAtBaselineWeights)),
                            ("Baseline", Figures.number(baselineImpactAtBaselineWeights)),
                            ("Change", NumberText.signed(String(format: "%.4g", changeAtBaselineWeights)))]),
            HTMLPage.paragraph(yardstickNote),
            SVGChart.divergingBars(title: "Largest movers against the baseline (all years)", xLabel: "Change in spending, \(organisation.money.unitName)",
                                   items: movers.map { ("\(organisation.dimensionTitle($0.dimension)): \($0.name)", $0.change) }),
            HTMLPage.table(ReportTable(
                title: "Attainment of the targets", headers: ["Target", "Baseline", "Scenario", "Change (points)"],
                rows: targets.map { ["\($0.id) \($0.name)", Figures.percent($0.baselineAttainment), Figures.percent($0.attainment), NumberText.signed(String(format: "%.1f", UnitConverter.convert($0.change, from: .share, to: .percentagePoint)))] },
                numericColumns: [1, 2, 3], note: nil)),
        ]
    }

    /// A page of its own for the comparison.
    public func html() -> String {
        var page = HTMLPage(title: "\(scenarioName) compared with \(baselineName)")
        page.body.append(HTMLPage.heading("\(scenarioName) compared with \(baselineName)", level: 1))
        page.body += htmlSection()
        return page.rendered()
    }
}

extension SweepResult {
    func htmlSection() -> [String] {
        let solved = points.filter { $0.objective != nil }
        return [
            HTMLPage.heading("Sweep of \(path)"),
            SVGChart.lineChart(title: "Weighted impact against \(parameter)", xLabel: parameter, yLabel: "Weighted impact",
                               series: [("weighted impact", solved.map { ($0.value, $0.objective!) })], fromZero: false),
            SVGChart.lineChart(title: "Spending by \(organisation.sector.singular) against \(parameter)", xLabel: parameter, yLabel: "\(organisation.money.unitName), all years",
                               series: sectors.map { sector in (sector.name, solved.map { ($0.value, $0.spendingBySector[sector.id] ?? 0) }) }),
            HTMLPage.table(table()),
        ]
    }

    /// The sweep as a table: one row per point.
    public func table() -> ReportTable {
        ReportTable(
            title: "Sweep of \(path) in \(scenarioName)",
            headers: [parameter, "Status", "Weighted impact"] + sectors.map { "\($0.name) (\(organisation.money.shortName))" },
            rows: points.map { point in
                [SVGChart.number(point.value), point.termination.status, point.objective.map { String(format: "%.6f", $0) } ?? "-"]
                    + sectors.map { Figures.money(point.spendingBySector[$0.id] ?? 0) }
            },
            numericColumns: Set([0, 2] + (0..<sectors.count).map { $0 + 3 }),
            note: warmNote)
    }

    /// How the points were solved: each from the first point's basis where every block is one
    /// point, else from its neighbour's with the first point's basis at each block's start.
    private var warmNote: String {
        let size = ScenarioSweep.blocks(steps: points.count).first?.count ?? 1
        return size == 1 ? "Each point re-solved warm from the first point's basis where only limits or weights change."
            : "Each point re-solved warm from the previous point's basis, or from the first point's at the start of each block of \(size) points, where only limits or weights change."
    }

    public func html() -> String {
        var page = HTMLPage(title: "Sweep of \(path): \(scenarioName)")
        page.body.append(HTMLPage.heading("Sweep of \(path): \(scenarioName)", level: 1))
        page.body += htmlSection()
        return page.rendered()
    }

    public func csv(dialect: CSVDialect = .standard) -> String {
        let rows = points.map { point -> [CSVCell] in
            [.number(point.value), .text(point.termination.status), .number(point.objective)] + sectors.map { .number(point.spendingBySector[$0.id] ?? 0) }
        }
        return CSV.table(header: ["value", "status", "objective"] + sectors.map { "\($0.id)_\(organisation.money.columnSuffix)" }, rows: rows, dialect: dialect)
    }
}
