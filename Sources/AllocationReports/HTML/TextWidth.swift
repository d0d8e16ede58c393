import Foundation

/// How wide a label will be drawn, estimated from Helvetica's advance widths: there is no font
/// metrics library to ask, and the charts need their label columns, legends and tick spacing sized
/// from the text instead of guessed. The charts ask for Helvetica, Arial or Liberation Sans, which
/// share these widths, so the estimate holds wherever one of them is installed.
enum TextWidth {
    /// The fonts whose widths these are, in the order a chart asks for them.
    static let fontFamily = "Helvetica, Arial, 'Liberation Sans', sans-serif"

    /// Advance widths of U+0020…U+007E in Helvetica, in 1/1000 em (Adobe's AFM files).
    private static let regular: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,      // p … ~
    ]

    /// The same for Helvetica Bold (chart titles).
    private static let bold: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]

    /// Width in pixels of `text` at `size` pixels.
    static func of(_ text: String, size: Double, bold isBold: Bool = false) -> Double {
        let table = isBold ? bold : regular
        let thousandths = text.reduce(0) { $0 + advance(of: $1, in: table) }
        return Double(thousandths) * size / 1000
    }

    /// A letter with an accent is as wide as the letter; CJK and full-width forms take a full em;
    /// anything else not in the table is taken as wide as an average capital, erring towards room.
    private static func advance(of character: Character, in table: [Int]) -> Int {
        if let ascii = character.asciiValue, ascii >= 32, ascii <= 126 { return table[Int(ascii) - 32] }
        let base = String(character).folding(options: .diacriticInsensitive, locale: nil)
        if base.count == 1, let ascii = base.first?.asciiValue, ascii >= 32, ascii <= 126 { return table[Int(ascii) - 32] }
        guard let scalar = character.unicodeScalars.first?.value else { return 0 }
        let wide = (0x1100...0x115F).contains(scalar) || (0x2E80...0xA4CF).contains(scalar) || (0xAC00...0xD7A3).contains(scalar)
            || (0xF900...0xFAFF).contains(scalar) || (0xFF00...0xFF60).contains(scalar)
        return wide ? 1000 : 667
    }

    /// Labels longer than this many characters are drawn on two lines.
    static let wrapLength = 60

    /// The label as drawn: one line, or, when it is longer than `wrapLength` characters, two split
    /// at a word boundary (more for a label past twice that), of about equal length. Never cut:
    /// every word is kept.
    static func lines(_ label: String) -> [String] {
        let count = (label.count + wrapLength - 1) / wrapLength
        if count <= 1 { return [label] }
        if count == 2 { return twoLines(label) }
        // Greedy filling to about an equal share each; the slack keeps a last short word from
        // spilling onto a line of its own.
        let limit = (label.count + count - 1) / count + 8
        var lines: [String] = []
        for word in label.split(separator: " ", omittingEmptySubsequences: true) {
            if let last = lines.last, last.count + 1 + word.count <= limit {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(String(word))
            }
        }
        return lines
    }

    /// Two lines split at the space nearest the middle, so both are about as long; after a comma
    /// instead when neither line then passes `wrapLength`, so "Sector, line, offering" breaks
    /// between its parts. One line when there is no space to split at.
    static func twoLines(_ label: String) -> [String] {
        let characters = Array(label)
        let middle = characters.count / 2
        let spaces = characters.indices.filter { characters[$0] == " " }
        let afterComma = spaces.filter { $0 > 0 && characters[$0 - 1] == "," && max($0, characters.count - $0 - 1) <= wrapLength }
        func nearestMiddle(_ candidates: [Int]) -> Int? { candidates.min { abs($0 - middle) < abs($1 - middle) } }
        guard let split = nearestMiddle(afterComma) ?? nearestMiddle(spaces) else { return [label] }
        return [String(characters[..<split]), String(characters[(split + 1)...])].filter { !$0.isEmpty }
    }

    /// Width of the widest of `lines`.
    static func widest(_ lines: [String], size: Double, bold: Bool = false) -> Double {
        lines.map { of($0, size: size, bold: bold) }.max() ?? 0
    }
}
