import Allocation
import LPReports

extension BudgetCurve {
    /// One row per piece: where it starts and ends, the objective there, and its price.
    /// Attainment (a fraction inside the LP) is read in percent, and priced per percentage point.
    private var readsAsPercent: Bool { unit == .attainment }

    /// The limit's unit as a reader sees it in the table and on the axis.
    var axisUnit: String { readsAsPercent ? "% attainment" : UnitConverter.statedUnit(of: unit).name(organisation.money) }

    /// What the prices shown are per.
    var priceUnit: String { readsAsPercent ? "attainment point" : unit.one(organisation.money) }

    /// A value of the limit: CHF thousands and FTE with two decimals, attainment in percent.
    func value(_ value: Double) -> String {
        readsAsPercent ? Figures.decimal(value * 100, places: 2) + " %" : Figures.decimal(value, places: 2)
    }

    /// A piece's price per ``priceUnit``.
    func shownPrice(_ piece: Piece) -> Double { readsAsPercent ? piece.price / 100 : piece.price }

    /// Why the curve ends short of the range, in words; nil when it reaches the end.
    public var endSentence: String? {
        guard let endsAt else { return nil }
        switch endReason {
        case .limitReached?: return "The walk stopped at \(value(endsAt)) after \(pieces.count) pieces without reaching the end of the range (a limit on the steps)."
        case .infeasible?: return "No plan beyond \(value(endsAt)): past it the scenario's limits cannot all be met."
        case .unbounded?: return "Beyond \(value(endsAt)) the weighted impact has no bound."
        default: return "No plan beyond \(value(endsAt)) (\(endReason?.status ?? "-"))."
        }
    }

    public func table() -> ReportTable {
        ReportTable(
            title: "Exact curve of the weighted impact against \(path) (\(axisUnit)), \(scenarioName)",
            headers: ["From", "To", "Weighted impact at start", "Weighted impact at end", "Price (per \(priceUnit))"],
            rows: pieces.map { piece in
                [value(piece.from), value(piece.to), String(format: "%.8f", piece.objectiveAtStart),
                 String(format: "%.8f", piece.objective(at: piece.to)), Figures.number(shownPrice(piece))]
            },
            numericColumns: [0, 1, 2, 3, 4],
            note: "Every breakpoint found exactly: within a piece the optimal basis, the allocation's linear path and the price stay the same."
                + (endSentence.map { " " + $0 } ?? ""))
    }

    public func csv(dialect: CSVDialect = .standard) -> String {
        let rows = pieces.map { piece -> [CSVCell] in
            [.number(piece.from), .number(piece.to), .number(piece.objectiveAtStart), .number(piece.objective(at: piece.to)), .number(piece.price), .text(unit.one(organisation.money))]
        }
        return CSV.table(header: ["from", "to", "objective_at_start", "objective_at_end", "price_per_unit", "unit"], rows: rows, dialect: dialect)
    }

    public func html() -> String {
        var page = HTMLPage(title: "Exact curve: \(path), \(scenarioName)")
        page.body.append(HTMLPage.heading("Exact curve of the weighted impact against \(path)", level: 1))
        page.body.append(HTMLPage.paragraph("\(scenarioName). \(pieces.count) pieces, \(breakpoints.count) breakpoints."))
        let shown = { (value: Double) in readsAsPercent ? value * 100 : value }
        let points = pieces.map { (shown($0.from), $0.objectiveAtStart) } + (pieces.last.map { [(shown($0.to), $0.objective(at: $0.to))] } ?? [])
        let axis = "\(path) (\(axisUnit))"
        page.body.append(SVGChart.lineChart(title: "Weighted impact against \(path)", xLabel: axis, yLabel: "Weighted impact",
                                            series: [("weighted impact (exact)", points)], fromZero: false))
        page.body.append(SVGChart.lineChart(title: "Price of \(path) (per \(priceUnit))", xLabel: axis, yLabel: "Weighted impact per \(priceUnit)",
                                            series: [("price", pieces.flatMap { [(shown($0.from), shownPrice($0)), (shown($0.to), shownPrice($0))] })]))
        if let endSentence { page.body.append(HTMLPage.paragraph(endSentence)) }
        page.body.append(HTMLPage.table(table()))
        return page.rendered()
    }
}
