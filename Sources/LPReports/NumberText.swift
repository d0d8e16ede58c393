import CNumberFormat
import Foundation

/// How numbers look in text and CSV reports.
public enum NumberText {
    /// Up to `significantDigits` significant digits, no exponent for everyday magnitudes,
    /// `inf` / `-inf` for unlimited values, never `-0`.
    public static func format(_ value: Double, significantDigits: Int = 6) -> String {
        if value == .infinity { return "inf" }
        if value == -.infinity { return "-inf" }
        if value.isNaN { return "nan" }
        let rounded = Double(printf("%.\(significantDigits)g", value)) ?? value
        if rounded == 0 { return "0" }
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        if abs(rounded) >= 1e-4 && abs(rounded) < 1e15 {
            // The shortest text that reads back as `rounded` is its decimal of at most
            // `significantDigits` digits, and Swift writes it without an exponent in this range:
            // the same text as printf's fixed notation with its trailing zeros cut, one C call less.
            if significantDigits <= 15 { return "\(rounded)" }
            var text = printf("%.\(significantDigits + 4)f", rounded)
            while text.hasSuffix("0") { text.removeLast() }
            return text
        }
        return printf("%.\(significantDigits - 1)e", rounded)
    }

    /// C's formatting of one number: what `String(format:)` gives, without Foundation's
    /// CFString round trip, which dominated the time of large reports.
    public static func printf(_ format: String, _ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer in
            let count = allot_format_double(buffer.baseAddress!, 512, format, value)
            return count >= 0 && count < 512 ? String(cString: buffer.baseAddress!) : String(format: format, value)
        }
    }

    /// Full precision for CSV, without binary noise: the number with the fewest significant
    /// digits within 1e-9 relative of it (6399.999999999989 is 6400), else the shortest text
    /// that reads back as the same number; empty for an unlimited value.
    public static func exact(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return JSONValue.format(denoised(value))
    }

    /// The number with the fewest significant digits within 1e-9 relative of `value`: what
    /// ``exact(_:)`` prints, as a number (for a workbook's cells).
    public static func denoised(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        for digits in 1...15 {
            if let round = Double(printf("%.\(digits)g", value)), abs(round - value) <= 1e-9 * abs(value) {
                return round
            }
        }
        return value
    }

    /// `minuend - subtrahend` without the binary noise of its operands: each is exact only to
    /// 1e-9 of itself, so their difference is rounded to the fewest significant digits within
    /// 1e-9 of the larger (164500 less 164499.99999999997 is 0, not -2.9e-11).
    public static func difference(_ minuend: Double, _ subtrahend: Double) -> Double {
        let value = minuend - subtrahend
        guard value.isFinite else { return value }
        let tolerance = 1e-9 * max(abs(minuend), abs(subtrahend))
        if abs(value) <= tolerance { return 0 }
        for digits in 1...15 {
            if let round = Double(printf("%.\(digits)g", value)), abs(round - value) <= tolerance { return round }
        }
        return value
    }

    /// A change with its sign: `+0.4`, `-2`, and no sign where the printed figure is zero.
    public static func signed(_ text: String) -> String {
        let digits = text.filter(\.isNumber)
        let zero = !digits.isEmpty && digits.allSatisfy { $0 == "0" }
        if zero { return text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text }
        return text.hasPrefix("-") || text.hasPrefix("+") ? text : "+" + text
    }
}

/// A plain-text table with aligned columns: text left, numbers right.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns to right-align.
    public var numeric: Set<Int>

    public init(headers: [String], rows: [[String]] = [], numeric: Set<Int>) {
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
    }

    public func rendered() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
