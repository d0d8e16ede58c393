import Foundation
import Allocation
import LPReports

/// A titled table rendered as aligned text or as a Markdown table.
public struct ReportTable: Sendable {
    public var title: String
    public var headers: [String]
    public var rows: [[String]]
    /// Columns aligned right.
    public var numericColumns: Set<Int>
    public var note: String?

    public init(title: String, headers: [String], rows: [[String]], numericColumns: Set<Int>, note: String?) {
        self.title = title
        self.headers = headers
        self.rows = rows
        self.numericColumns = numericColumns
        self.note = note
    }

    public func text() -> String {
        title + "\n" + TextTable(headers: headers, rows: rows, numeric: numericColumns).rendered() + (note.map { $0 + "\n" } ?? "")
    }

    public func markdown(level: Int = 3) -> String {
        func escape(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["\(String(repeating: "#", count: level)) \(title)", ""]
        lines.append("| " + headers.map(escape).joined(separator: " | ") + " |")
        lines.append("|" + headers.indices.map { numericColumns.contains($0) ? " ---: |" : " --- |" }.joined())
        lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        if let note { lines += ["", note] }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension MoneyWords {
    /// An amount as the reports print it, in whole stated units with its currency: "CHF 12,345k".
    public func printed(_ value: Double) -> String { amount(Figures.money(value)) }
}

/// Number styles of the domain reports.
public enum Figures {
    /// Whole units of the scenario's money (CHF thousands) with thousands separators.
    public static func money(_ value: Double) -> String { grouped(value.rounded()) }

    public static func fte(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e14 else { return grouped(value) }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? grouped(rounded) : grouped(rounded.rounded(.towardZero)) + "." + String(Int(abs(rounded * 10).truncatingRemainder(dividingBy: 10)))
    }

    /// Thousands separators and `places` decimals, e.g. 562,784.96.
    public static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return grouped(value) }
        let factor = (0..<places).reduce(1.0) { value, _ in value * 10 }
        let scaled = (abs(value) * factor).rounded()
        let whole = (scaled / factor).rounded(.down)
        let fraction = Int(scaled - whole * factor)
        let digits = String(fraction)
        return (value < 0 && scaled > 0 ? "-" : "") + grouped(whole) + (places > 0 ? "." + String(repeating: "0", count: places - digits.count) + digits : "")
    }

    public static func percent(_ share: Double) -> String { NumberText.format((share * 1000).rounded() / 10, significantDigits: 6) + " %" }

    /// A target's attainment, marked when the plan closes its gap: past 100 % earns nothing.
    public static func attainment(_ outcome: TargetOutcome) -> String {
        outcome.isReached ? percent(outcome.attainment) + " (reached)" : percent(outcome.attainment)
    }

    /// Four significant digits, never in scientific notation: a committee reads 0.00008506, not
    /// 8.506e-05. Below 1e-12 (solver noise next to any price Allot prints) it is 0.
    public static func number(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e-4 else { return NumberText.format(value, significantDigits: 4) }
        guard abs(value) >= 1e-12 else { return "0" }
        let exponent = Int(floor(log10(abs(value))))
        var text = NumberText.printf("%.\(3 - exponent)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    public static func grouped(_ value: Double) -> String {
        // A share of a base that is zero has no value; say so rather than trap on the conversion.
        guard value.isFinite else { return value.isNaN ? "undefined" : (value < 0 ? "-unlimited" : "unlimited") }
        // Past 1e15 a double has no whole-number digits to group (and Int64 ends at 9.2e18).
        guard abs(value) < 1e15 else { return NumberText.printf("%.6g", value) }
        let negative = value < 0
        var digits = String(Int64(abs(value)))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (negative && value != 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
