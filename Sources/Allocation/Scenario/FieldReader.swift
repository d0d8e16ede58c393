import Foundation

/// Typed access to a ``SourceValue`` that records a diagnostic, with file, line and field path,
/// for every value of the wrong type or out of range, and returns nil for it.
final class FieldReader {
    var diagnostics = Diagnostics()

    func error(_ value: SourceValue?, _ path: String, _ message: String, fallback: SourceLocation) {
        diagnostics.error(value?.location ?? fallback, path, message)
    }

    /// The entries of a map, reporting unknown fields and missing required ones.
    func map(
        _ value: SourceValue?, _ path: String, allowed: [String]? = nil, required: [String] = [],
        fallback: SourceLocation
    ) -> [(key: String, value: SourceValue)]? {
        guard let value else {
            diagnostics.error(fallback, path, "is missing")
            return nil
        }
        guard case .map(let entries, _) = value else {
            diagnostics.error(value.location, path, "must be a map, found \(value.kindName)")
            return nil
        }
        if let allowed {
            for entry in entries where !allowed.contains(entry.key) {
                diagnostics.error(entry.keyLocation, join(path, entry.key),
                                  "unknown field; expected one of: \(allowed.joined(separator: ", "))")
            }
        }
        for key in required where !entries.contains(where: { $0.key == key }) {
            diagnostics.error(value.location, join(path, key), "is missing")
        }
        return entries.map { ($0.key, $0.value) }
    }

    func list(_ value: SourceValue, _ path: String) -> [SourceValue]? {
        guard case .list(let items, _) = value else {
            diagnostics.error(value.location, path, "must be a list, found \(value.kindName)")
            return nil
        }
        return items
    }

    func string(_ value: SourceValue, _ path: String) -> String? {
        guard case .scalar(let text, _, _) = value, !value.isNull else {
            diagnostics.error(value.location, path, "must be text, found \(value.kindName)")
            return nil
        }
        return text
    }

    /// A finite number within `range`; `what` names the unit in messages.
    func number(_ value: SourceValue, _ path: String, in range: ClosedRange<Double> = SafeRange.number,
                what: String = "a number >= 0") -> Double? {
        guard case .scalar(let text, false, _) = value, let number = Double(text.replacingOccurrences(of: "_", with: "")) else {
            diagnostics.error(value.location, path, "must be \(what), found \(value.kindName)")
            return nil
        }
        if number.isFinite, number > range.upperBound, SafeRange.upperBounds.contains(range.upperBound) {
            diagnostics.error(value.location, path, "must be \(what), at most \(ScenarioDecoder.amount(range.upperBound)) (the safe range for such a number), found \(text)")
            return nil
        }
        guard number.isFinite, range.contains(number) else {
            diagnostics.error(value.location, path, "must be \(what), found \(text)")
            return nil
        }
        return number
    }

    func share(_ value: SourceValue, _ path: String) -> Double? {
        number(value, path, in: 0...1, what: "a share between 0 and 1")
    }

    func integer(_ value: SourceValue, _ path: String) -> Int? {
        guard case .scalar(let text, false, _) = value, let integer = Int(text) else {
            diagnostics.error(value.location, path, "must be a whole number, found \(value.kindName)")
            return nil
        }
        return integer
    }

    func bool(_ value: SourceValue, _ path: String) -> Bool? {
        guard case .scalar(let text, false, _) = value, ["true", "false"].contains(text) else {
            diagnostics.error(value.location, path, "must be true or false, found \(value.kindName)")
            return nil
        }
        return text == "true"
    }

    func oneOf(_ value: SourceValue, _ path: String, _ choices: [String]) -> String? {
        guard let text = string(value, path) else { return nil }
        guard choices.contains(text) else {
            diagnostics.error(value.location, path, "must be one of \(choices.joined(separator: ", ")), found '\(text)'")
            return nil
        }
        return text
    }

    /// A number for every year, given as one number (the same each year) or a map year -> number.
    func perYear(_ value: SourceValue, _ path: String, years: [Int], requireAll: Bool, in range: ClosedRange<Double> = SafeRange.money,
                 what: String = "a number >= 0") -> [Int: Double] {
        // Without valid years every year would be reported again here; `years` has its own error.
        if years.isEmpty { return [:] }
        if case .scalar = value {
            guard let amount = number(value, path, in: range, what: what) else { return [:] }
            return Dictionary(uniqueKeysWithValues: years.map { ($0, amount) })
        }
        guard let entries = map(value, path, fallback: value.location) else { return [:] }
        var result: [Int: Double] = [:]
        for (key, item) in entries {
            guard let year = Int(key), years.contains(year) else {
                diagnostics.error(item.location, join(path, key), "'\(key)' is not one of the scenario's years (\(years.map(String.init).joined(separator: ", ")))")
                continue
            }
            result[year] = number(item, join(path, key), in: range, what: what)
        }
        if requireAll {
            for year in years where result[year] == nil && !entries.contains(where: { $0.key == String(year) }) {
                diagnostics.error(value.location, join(path, String(year)), "is missing")
            }
        }
        return result
    }

    /// An id: letters of any script, digits, `-` and `_` (and `.` where `dots`), starting with a
    /// letter (or a digit where `dots`), at most 64 characters. LP names write it in ASCII
    /// (``AllocationCompiler/lpToken(_:)``).
    func identifier(_ key: String, _ path: String, at location: SourceLocation, dots: Bool = false) -> Bool {
        let allowed = key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || (dots && $0 == ".") }
        guard let first = key.first, allowed, key.count <= 64, first.isLetter || (dots && first.isNumber) else {
            diagnostics.error(location, path, "'\(key)' is not a usable id: use letters, digits, '-'\(dots ? ", '_' and '.'" : " and '_'") (at most 64), starting with a letter\(dots ? " or digit" : "")")
            return false
        }
        return true
    }

    func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}

/// The range each kind of number in a scenario must lie in, checked before anything reaches the
/// solver. Wide enough for any organisation, narrow enough that every coefficient, bound and
/// right-hand side of the LP stays within 1e12 (``largestModelMagnitude``), where GLPK is exact.
enum SafeRange {
    /// Amounts in thousands of the currency: up to 10 trillion.
    static let money: ClosedRange<Double> = 0...1e10
    /// Staff, FTE.
    static let fte: ClosedRange<Double> = 0...1e7
    /// Standard cost of one FTE for a year, thousands.
    static let costPerFTE: ClosedRange<Double> = 0...1e6
    /// Target weights and floor penalties.
    static let weight: ClosedRange<Double> = 0...1e6
    /// Target points per million of spending.
    static let effect: ClosedRange<Double> = 0...1e6
    /// Impact factors of offerings, sectors and curve segments.
    static let factor: ClosedRange<Double> = 0...1e3
    /// Points that close a target's gap.
    static let scale: ClosedRange<Double> = 1e-6...1e9
    /// Any other non-negative number.
    static let number: ClosedRange<Double> = 0...1e10

    /// The ceilings above, which an error names as the safe range (a share's 1 is its nature).
    static let upperBounds: Set<Double> = [money, fte, costPerFTE, weight, effect, factor, scale, number].map(\.upperBound).reduce(into: []) { $0.insert($1) }
}
