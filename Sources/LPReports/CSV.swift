/// How a CSV file separates its fields and writes its decimals. Excel reads a CSV it opens with
/// the separators of the computer's regional settings: comma and decimal point in English-speaking
/// settings, semicolon and decimal comma in most of Europe. A file in the other dialect opens as
/// one column of text, or with its decimals read as thousands.
public enum CSVDialect: String, Sendable, CaseIterable {
    /// Comma between fields, decimal point: `1234.5`.
    case standard
    /// Semicolon between fields, decimal comma, no thousands separator: `1234,5`.
    case european

    public var separator: Character { self == .standard ? "," : ";" }
    public var decimalMark: Character { self == .standard ? "." : "," }
}

/// One cell of a CSV table. Text is neutralised against formulas and quoted as needed; a number
/// is written as an exact figure (`NumberText.exact`) in the dialect's decimals, never as text,
/// so a negative number is never taken for a formula.
public enum CSVCell: Sendable, Hashable, ExpressibleByStringLiteral {
    case text(String)
    /// Empty when absent (nil) or unlimited (infinite).
    case number(Double?)

    public init(stringLiteral value: String) { self = .text(value) }

    public static func integer(_ value: Int) -> CSVCell { .number(Double(value)) }
}

/// RFC 4180 tables, which Excel and LibreOffice read: a header row, one line per row, CRLF line ends.
public enum CSV {
    /// The whole table, every line ended by CRLF.
    public static func table(header: [String], rows: [[CSVCell]], dialect: CSVDialect) -> String {
        ([row(header.map(CSVCell.text), dialect: dialect)] + rows.map { row($0, dialect: dialect) }).map { $0 + "\r\n" }.joined()
    }

    /// One line without its line end. A field that holds the separator, a quote or a line break
    /// is quoted, its quotes doubled.
    public static func row(_ cells: [CSVCell], dialect: CSVDialect) -> String {
        let separator = dialect.separator
        return cells.map { cell in
            let text: String
            switch cell {
            case .text(let value): text = neutralised(value, dialect: dialect)
            case .number(let value): text = number(value, dialect: dialect)
            }
            return text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                : text
        }.joined(separator: String(separator))
    }

    /// The exact figure (fewest digits within 1e-9 relative, no thousands separator) with the
    /// dialect's decimal mark; empty for nil or an unlimited value.
    public static func number(_ value: Double?, dialect: CSVDialect) -> String {
        guard let value else { return "" }
        let text = NumberText.exact(value)
        return dialect == .standard ? text : text.replacingOccurrences(of: ".", with: String(dialect.decimalMark))
    }

    /// A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula
    /// to Excel and LibreOffice (a scenario may name a sector `=HYPERLINK(...)`): it gets a
    /// leading apostrophe, OWASP's rule for CSV injection. A plain numeral in the dialect
    /// (`-5`, `+0.4`, `-1e-07`, `-0,5` in the European dialect, `+0.4 %`) is no formula and stays
    /// as it is; so does nothing else (`-inf`, `-0x1p3` and `-1+2` get the apostrophe).
    public static func neutralised(_ cell: String, dialect: CSVDialect = .standard) -> String {
        guard let first = cell.first, "=+-@\t\r".contains(first) else { return cell }
        var numeral = Substring(cell)
        if numeral.hasSuffix("%") {
            numeral = numeral.dropLast()
            while numeral.last == " " { numeral = numeral.dropLast() }
        }
        return isNumeral(numeral, decimalMark: dialect.decimalMark) ? cell : "'" + cell
    }

    /// A plain number as Excel reads one: sign, digits, an optional decimal part after
    /// `decimalMark`, an optional exponent (`-1,5e-07` with a decimal comma).
    public static func isNumeral(_ text: Substring, decimalMark: Character) -> Bool {
        var rest = text
        func digits() -> Bool {
            let count = rest.prefix(while: { $0.isASCII && $0.isNumber }).count
            rest = rest.dropFirst(count)
            return count > 0
        }
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        guard digits() else { return false }
        if rest.first == decimalMark {
            rest = rest.dropFirst()
            guard digits() else { return false }
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            guard digits() else { return false }
        }
        return rest.isEmpty
    }
}
