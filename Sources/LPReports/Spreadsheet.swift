/// A workbook as a value: sheets of cells, each number with the format a reader expects. Built
/// by the report layer without touching any file library; written by a backend (XLSXWriter).
public struct Spreadsheet: Sendable, Hashable {
    public var title: String
    public var sheets: [Sheet]

    public init(title: String, sheets: [Sheet] = []) {
        self.title = title
        self.sheets = sheets
    }

    public struct Sheet: Sendable, Hashable {
        /// At most 31 characters, none of `[]:*?/\`, unique in the workbook (case-insensitively):
        /// ``Spreadsheet/problems()`` says which rule a name breaks.
        public var name: String
        public var rows: [[Cell]]
        /// Rows kept in view when scrolling (the title and header rows).
        public var frozenRows: Int
        /// Printed on A4 landscape, as wide as one page, with the frozen rows repeated on each page.
        public var landscape: Bool

        public init(name: String, rows: [[Cell]] = [], frozenRows: Int = 0, landscape: Bool = true) {
            self.name = name
            self.rows = rows
            self.frozenRows = frozenRows
            self.landscape = landscape
        }
    }

    /// How a number is shown; the cell always holds the full value.
    public enum NumberFormat: String, Sendable, Hashable, CaseIterable {
        /// CHF thousands: `#,##0`.
        case money
        /// FTE: `#,##0.0`.
        case fte
        /// A share or an attainment held as a fraction: `0.0%`.
        case percent
        /// Prices and small rates: `0.000000`.
        case price
        /// A plain count or year: `0`.
        case integer
        /// Every digit: Excel's General.
        case exact

        public var excel: String {
            switch self {
            case .money: "#,##0"
            case .fte: "#,##0.0"
            case .percent: "0.0%"
            case .price: "0.000000"
            case .integer: "0"
            case .exact: "General"
            }
        }
    }

    public enum Cell: Sendable, Hashable {
        case empty
        /// Always text: never read as a formula or a number, whatever it starts with.
        case text(String)
        /// A title or a header.
        case heading(String)
        /// A finite number; ``Spreadsheet/problems()`` rejects any other.
        case number(Double, NumberFormat)

        /// A number, or a dash for a value that has none (an unlimited range is a text cell).
        public static func value(_ value: Double?, _ format: NumberFormat, otherwise: String = "-") -> Cell {
            guard let value, value.isFinite else {
                return .text(value.map { $0.isNaN ? "undefined" : ($0 > 0 ? "unlimited" : "-unlimited") } ?? otherwise)
            }
            return .number(value, format)
        }
    }

    /// Excel's limits: 1,048,576 rows, 16,384 columns, 32,767 characters in a cell.
    public static let maximumRows = 1_048_576
    public static let maximumColumns = 16_384
    public static let maximumTextLength = 32_767

    /// What would make the workbook invalid or unreadable, one sentence each; empty when none.
    public func problems() -> [String] {
        var problems: [String] = []
        if sheets.isEmpty { problems.append("a workbook needs at least one sheet") }
        var seen = Set<String>()
        for sheet in sheets {
            let name = sheet.name
            if name.isEmpty || name.count > 31 {
                problems.append("sheet name '\(name)' must have 1 to 31 characters")
            }
            if name.contains(where: { "[]:*?/\\".contains($0) }) || name.hasPrefix("'") || name.hasSuffix("'") {
                problems.append("sheet name '\(name)' may not contain []:*?/\\ or start or end with an apostrophe")
            }
            if !seen.insert(name.lowercased()).inserted { problems.append("sheet name '\(name)' is used twice") }
            if sheet.rows.count > Self.maximumRows { problems.append("sheet '\(name)' has \(sheet.rows.count) rows; Excel holds \(Self.maximumRows)") }
            for (index, row) in sheet.rows.enumerated() {
                if row.count > Self.maximumColumns { problems.append("sheet '\(name)' row \(index + 1) has \(row.count) cells; Excel holds \(Self.maximumColumns)") }
                for cell in row {
                    switch cell {
                    case .number(let value, _) where !value.isFinite:
                        problems.append("sheet '\(name)' row \(index + 1) holds the number \(value), which a workbook cannot")
                    case .text(let text), .heading(let text):
                        if text.utf16.count > Self.maximumTextLength {
                            problems.append("sheet '\(name)' row \(index + 1) holds a text of \(text.utf16.count) characters; Excel holds \(Self.maximumTextLength)")
                        }
                    default: break
                    }
                }
            }
        }
        return problems
    }

    /// A sheet name made from `text`: the characters Excel forbids dropped, cut to 31, and made
    /// unique among `taken` with a number.
    public static func sheetName(_ text: String, avoiding taken: Set<String>) -> String {
        var base = String(text.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty { base = "Sheet" }
        let lowered = Set(taken.map { $0.lowercased() })
        guard lowered.contains(base.lowercased()) else { return base }
        for number in 2... {
            let suffix = " (\(number))"
            let candidate = String(base.prefix(31 - suffix.count)) + suffix
            if !lowered.contains(candidate.lowercased()) { return candidate }
        }
        return base
    }
}
