import Allocation
import LPReports

extension BudgetCurve {
    /// One row per piece: where it starts and ends, the objective there, and its price.
    public func table() -> ReportTable {
        let unitName = UnitConverter.statedUnit(of: unit).rawValue
        return ReportTable(
            title: "Exact curve of the weighted impact against \(path) (\(unitName)), \(scenarioName)",
            headers: ["From", "To", "Weighted impact at start", "Weighted impact at end", "Price (per \(unit.one))"],
            rows: pieces.map { piece in
                [Figures.decimal(piece.from, places: 2), Figures.decimal(piece.to, places: 2), String(format: "%.8f", piece.objectiveAtStart),
                 String(format: "%.8f", piece.objective(at: piece.to)), Figures.number(piece.price)]
            },
            numericColumns: [0, 1, 2, 3, 4],
            note: "Every breakpoint found exactly: within a piece the optimal basis, the allocation's linear path and the price stay the same."
                + (endsAt.map { " No plan beyond \(SVGChart.number($0)) (\(endReason?.status ?? "-"))." } ?? ""))
    }

    public func csv() -> String {
        var lines = [CSV.row(["from", "to", "objective_at_start", "objective_at_end", "price_per_unit", "unit"])]
        for piece in pieces {
            lines.append(CSV.row([NumberText.exact(piece.from), NumberText.exact(piece.to), NumberText.exact(piece.objectiveAtStart),
                                  NumberText.exact(piece.objective(at: piece.to)), NumberText.exact(piece.price), unit.one]))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public func html() -> String {
        var page = HTMLPage(title: "Exact curve: \(path), \(scenarioName)")
        page.body.append(HTMLPage.heading("Exact curve of the weighted impact against \(path)", level: 1))
        page.body.append(HTMLPage.paragraph("\(scenarioName). \(pieces.count) pieces, \(breakpoints.count) breakpoints."))
        let points = pieces.map { ($0.from, $0.objectiveAtStart) } + (pieces.last.map { [($0.to, $0.objective(at: $0.to))] } ?? [])
        let axis = "\(path) (\(UnitConverter.statedUnit(of: unit).rawValue))"
        page.body.append(SVGChart.lineChart(title: "Weighted impact against \(path)", xLabel: axis, yLabel: "Weighted impact",
                                            series: [("weighted impact (exact)", points)], fromZero: false))
        page.body.append(SVGChart.lineChart(title: "Price of \(path) (per \(unit.one))", xLabel: axis, yLabel: "Weighted impact per \(unit.one)",
                                            series: [("price", pieces.flatMap { [($0.from, $0.price), ($0.to, $0.price)] })]))
        page.body.append(HTMLPage.table(table()))
        return page.rendered()
    }
}
