/// The first line where a text differs from its golden file.
public struct GoldenDifference: Sendable, CustomStringConvertible {
    /// Counted from 1.
    public var line: Int
    /// The golden file's line with its line break; nil when the golden file has no such line.
    public var expected: String?
    /// The actual text's line with its line break; nil when the actual text has no such line.
    public var actual: String?
    /// Why the lines differ, such as the two numbers that are too far apart.
    public var reason: String

    public var description: String {
        """
        line \(line) differs: \(reason)
          expected: \(expected?.debugDescription ?? "(no such line)")
          actual:   \(actual?.debugDescription ?? "(no such line)")
        """
    }
}

/// Compares `actual` with the golden text `expected` line by line. Numbers (such as `-12`,
/// `1,234.5`, `6.02e23`) agree when they are within `relativeTolerance` of each other, or within
/// 1e-12 near zero; all other text, line breaks included, must be the same Unicode scalars.
/// Returns nil when the texts agree.
public func firstGoldenDifference(expected: String, actual: String, relativeTolerance: Double = 1e-9) -> GoldenDifference? {
    let expectedLines = lines(of: expected), actualLines = lines(of: actual)
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let expectedLine = index < expectedLines.count ? expectedLines[index] : nil
        let actualLine = index < actualLines.count ? actualLines[index] : nil
        let reason: String?
        switch (expectedLine, actualLine) {
        case (let expectedLine?, let actualLine?):
            reason = difference(between: expectedLine, and: actualLine, relativeTolerance: relativeTolerance)
        case (nil, _):
            reason = "the golden file ends before this line"
        case (_, nil):
            reason = "the actual text ends before this line"
        }
        if let reason {
            return GoldenDifference(line: index + 1, expected: expectedLine.map(string), actual: actualLine.map(string), reason: reason)
        }
    }
    return nil
}

/// A run of text, or a number with its spelling for messages.
private enum Token {
    case text([Unicode.Scalar])
    case number(Double, spelling: String)
}

/// Scalars rather than Characters: String equality treats canonically equivalent text (a
/// precomposed and a decomposed "é") as equal, and a golden file must match exactly.
private func lines(of text: String) -> [[Unicode.Scalar]] {
    var lines: [[Unicode.Scalar]] = [], line: [Unicode.Scalar] = []
    for scalar in text.unicodeScalars {
        line.append(scalar)
        if scalar == "\n" {
            lines.append(line)
            line = []
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}

private func string(_ scalars: [Unicode.Scalar]) -> String {
    String(String.UnicodeScalarView(scalars))
}

private func difference(between expected: [Unicode.Scalar], and actual: [Unicode.Scalar], relativeTolerance: Double) -> String? {
    if expected == actual { return nil }
    let expectedTokens = tokens(expected), actualTokens = tokens(actual)
    for (expectedToken, actualToken) in zip(expectedTokens, actualTokens) {
        switch (expectedToken, actualToken) {
        case (.number(let expectedValue, let expectedSpelling), .number(let actualValue, let actualSpelling)):
            if !agree(expectedValue, actualValue, relativeTolerance: relativeTolerance) {
                return "\(actualSpelling) is not within a relative \(relativeTolerance) of \(expectedSpelling)"
            }
        case (.text(let expectedText), .text(let actualText)):
            if expectedText != actualText { return "the text differs" }
        default:
            return "the text differs"
        }
    }
    return expectedTokens.count == actualTokens.count ? nil : "the text differs"
}

private func agree(_ expected: Double, _ actual: Double, relativeTolerance: Double) -> Bool {
    expected == actual || abs(expected - actual) <= max(relativeTolerance * max(abs(expected), abs(actual)), 1e-12)
}

private func tokens(_ line: [Unicode.Scalar]) -> [Token] {
    var tokens: [Token] = [], text: [Unicode.Scalar] = []
    var index = 0
    while index < line.count {
        if let (number, end) = number(in: line, from: index) {
            if !text.isEmpty { tokens.append(.text(text)) }
            text = []
            tokens.append(number)
            index = end
        } else {
            text.append(line[index])
            index += 1
        }
    }
    if !text.isEmpty { tokens.append(.text(text)) }
    return tokens
}

/// The number starting at `start` and the index after it, or nil if no number starts there.
private func number(in line: [Unicode.Scalar], from start: Int) -> (Token, end: Int)? {
    func isDigit(_ index: Int) -> Bool { index < line.count && ("0"..."9").contains(line[index]) }
    func isScalar(_ index: Int, in set: Set<Unicode.Scalar>) -> Bool { index < line.count && set.contains(line[index]) }
    // Digits inside a name ("x1", "ITU2") or after a decimal point are text, and so is the dash
    // in "2024-2027".
    if start > 0 {
        let previous = line[start - 1]
        if previous.properties.isAlphabetic || isDigit(start - 1) || previous == "_" || previous == "." { return nil }
    }
    var index = start
    if isScalar(index, in: ["+", "-"]) { index += 1 }
    let integerStart = index
    while isDigit(index) { index += 1 }
    // Thousands separators as in "1,234,567", but CSV fields such as "0,100" or "12,3456" stay apart.
    if (1...3).contains(index - integerStart) && line[integerStart] != "0" {
        while isScalar(index, in: [","]) && isDigit(index + 1) && isDigit(index + 2) && isDigit(index + 3) && !isDigit(index + 4) {
            index += 4
        }
    }
    var hasDigits = index > integerStart
    if isScalar(index, in: ["."]) && isDigit(index + 1) {
        index += 1
        while isDigit(index) { index += 1 }
        hasDigits = true
    }
    guard hasDigits else { return nil }
    if isScalar(index, in: ["e", "E"]) {
        var exponent = index + 1
        if isScalar(exponent, in: ["+", "-"]) { exponent += 1 }
        if isDigit(exponent) {
            index = exponent
            while isDigit(index) { index += 1 }
        }
    }
    let spelling = string(Array(line[start..<index]))
    guard let value = Double(spelling.filter { $0 != "," }) else { return nil }
    return (.number(value, spelling: spelling), index)
}
