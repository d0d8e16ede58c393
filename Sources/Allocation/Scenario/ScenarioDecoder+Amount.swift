import Foundation

extension ScenarioDecoder {
    /// An amount as the scenario's messages and row descriptions print it: grouped thousands
    /// ("24,400"), at most one decimal, rounded half to even on the shortest decimal form of the
    /// number, as Foundation's decimal NumberFormatter does. Written out because a compile prints
    /// thousands of these, and building a NumberFormatter for each was a tenth of a compile.
    static func amount(_ value: Double) -> String {
        let shortest = "\(abs(value))"
        guard value.isFinite, !shortest.contains("e") else { return formatted(value) }
        let parts = shortest.split(separator: ".", omittingEmptySubsequences: false)
        var whole = Array(parts[0].utf8).map { Int($0 - 48) }
        let fraction = parts.count > 1 ? Array(parts[1].utf8).map { Int($0 - 48) } : []
        var tenth = fraction.first ?? 0
        let rest = fraction.dropFirst()
        // Half to even: above half rounds up; exactly half rounds to the even tenth.
        let firstRest = rest.first ?? 0
        let aboveHalf = firstRest > 5 || (firstRest == 5 && rest.dropFirst().contains { $0 != 0 })
        let exactlyHalf = firstRest == 5 && !aboveHalf
        if aboveHalf || (exactlyHalf && tenth % 2 == 1) {
            tenth += 1
            if tenth == 10 {
                tenth = 0
                var index = whole.count - 1
                while index >= 0 {
                    whole[index] += 1
                    if whole[index] < 10 { break }
                    whole[index] = 0
                    index -= 1
                }
                if index < 0 { whole.insert(1, at: 0) }
            }
        }
        var grouped = ""
        for (offset, digit) in whole.enumerated() {
            if offset > 0 && (whole.count - offset) % 3 == 0 { grouped += "," }
            grouped += String(digit)
        }
        let text = grouped + (tenth == 0 ? "" : ".\(tenth)")
        return value.sign == .minus ? "-" + text : text
    }

    /// Foundation's formatting, for the numbers whose shortest form has an exponent.
    static func formatted(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 1
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: value)) ?? "\(value)"
    }
}
