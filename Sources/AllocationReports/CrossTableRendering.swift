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
    /// plain numbers without thousands separators.
    public func csv(dialect: CSVDialect = .standard) -> String {
        let table = rounded
        let figure = { (value: Double) in CSVCell.number(quantity == .money ? value.rounded() : (value * 10).rounded() / 10) }
        var rows = zip(rowLabels, zip(table.cells, table.rowTotals)).map { label, pair in
            [.text(label)] + pair.0.map(figure) + [figure(pair.1)]
        }
        rows.append(["Total"] + table.columnTotals.map(figure) + [figure(table.total)])
        return CSV.table(header: [corner] + columnLabels + ["Total"], rows: rows, dialect: dialect)
    }
}
