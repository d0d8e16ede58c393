import LPReports

extension CrossTable {
    /// The rounded table with a total row and column, as printed cells.
    func printedRows() -> (headers: [String], rows: [[String]]) {
        let table = rounded
        let format = { (value: Double) in quantity == .money ? Figures.money(value) : Figures.fte(value) }
        var rows = zip(rowLabels, zip(table.cells, table.rowTotals)).map { label, pair in
            [label] + pair.0.map(format) + [format(pair.1)]
        }
        rows.append(["Total"] + table.columnTotals.map(format) + [format(table.total)])
        return ([corner] + columnLabels + ["Total"], rows)
    }

    public func markdown() -> String {
        let (headers, rows) = printedRows()
        return ReportTable(title: title, headers: headers, rows: rows, numericColumns: Set(1..<headers.count),
                           note: "\(basis) \(roundingRule)").markdown(level: 3)
    }

    public func text() -> String {
        let (headers, rows) = printedRows()
        return ReportTable(title: title, headers: headers, rows: rows, numericColumns: Set(1..<headers.count),
                           note: "\(basis) \(roundingRule)").text()
    }

    /// The printed (rounded) figures as CSV: a header row, one row per label, a total row;
    /// plain numbers without separators.
    public func csv() -> String {
        let table = rounded
        let format = { (value: Double) in quantity == .money ? NumberText.exact(value.rounded()) : NumberText.exact((value * 10).rounded() / 10) }
        var lines = [CSV.row([corner] + columnLabels + ["Total"])]
        for (label, pair) in zip(rowLabels, zip(table.cells, table.rowTotals)) {
            lines.append(CSV.row([label] + pair.0.map(format) + [format(pair.1)]))
        }
        lines.append(CSV.row(["Total"] + table.columnTotals.map(format) + [format(table.total)]))
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
