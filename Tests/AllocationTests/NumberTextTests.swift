import Foundation
import LinearModel
import LPReports
import Testing

/// Exact CSV figures without binary noise, a sign on every change, no "-0.0", gaps in percent.
@Suite("Number text")
struct NumberTextTests {
    /// The fixed-notation figures come from Swift's shortest round-trip text of the rounded
    /// value: it reads back as that value, has at most the digits asked for, and is what printf's
    /// `%.(d+4)f` with trailing zeros cut wrote before wherever that had no binary noise (it had
    /// for large figures at 9 or 10 digits: 18010.8078 came out as 18010.8077999999987).
    @Test func reportFiguresAreTheRoundedDecimals() {
        var generator = SeededGenerator(seed: 7)
        var compared = 0
        for _ in 0..<100_000 {
            let magnitude = Double.random(in: -4.5...15.5, using: &generator)
            let value = (Bool.random(using: &generator) ? 1 : -1) * pow(10, magnitude) * Double.random(in: 1...9.99, using: &generator)
            for digits in [4, 6, 10] {
                let rounded = Double(NumberText.printf("%.\(digits)g", value))!
                guard rounded != rounded.rounded(), abs(rounded) >= 1e-4, abs(rounded) < 1e15 else { continue }
                let text = NumberText.format(value, significantDigits: digits)
                let significant = text.filter(\.isNumber).drop { $0 == "0" }.count
                var reference = NumberText.printf("%.\(digits + 4)f", rounded)
                while reference.hasSuffix("0") { reference.removeLast() }
                let referenceDigits = reference.filter(\.isNumber).drop { $0 == "0" }.count
                let ok = Double(text) == rounded && significant <= digits && !text.contains("e")
                    && (referenceDigits > digits || text == reference)
                #expect(ok, "\(value) to \(digits) digits: \(text), printf \(reference)")
                if !ok { return }
                if referenceDigits <= digits { compared += 1 }
            }
        }
        #expect(compared > 100_000)
    }

    @Test func exactFiguresDropBinaryNoise() {
        #expect(NumberText.exact(6399.999999999989) == "6400")
        #expect(NumberText.exact(0.1 + 0.2) == "0.3")
        #expect(NumberText.exact(299.9999999999996) == "300")
        #expect(NumberText.exact(-1365.2697) == "-1365.2697")
        #expect(NumberText.exact(0) == "0")
        #expect(NumberText.exact(.infinity) == "")
        // What is printed reads back within 1e-9 relative.
        for value in [1 / 3.0, 2 / 7.0 * 1e6, 1e-7 / 3, 123_456.789_012_345] {
            let back = Double(NumberText.exact(value))!
            #expect(abs(back - value) <= 1e-9 * abs(value), "\(value)")
        }
    }

    @Test func everyChangeHasItsSign() {
        #expect(NumberText.signed("0.4 %") == "+0.4 %")
        #expect(NumberText.signed("-2") == "-2")
        #expect(NumberText.signed("-0.0") == "0.0")
        #expect(NumberText.signed("+0 %") == "0 %")
        #expect(NumberText.signed("0") == "0")
        #expect(NumberText.signed("1,234") == "+1,234")
    }

    @Test func aGapIsAPercentage() {
        #expect(Termination.feasible(relativeGap: 0.013147675968025576).explanation == "integer solution within the requested gap (relative gap 1.31 %)")
        #expect(Termination.feasible(relativeGap: 0.0005).explanation.hasSuffix("(relative gap 0.05 %)"))
    }
}
