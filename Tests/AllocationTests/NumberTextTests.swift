import LinearModel
import LPReports
import Testing

/// Exact CSV figures without binary noise, a sign on every change, no "-0.0", gaps in percent.
@Suite("Number text")
struct NumberTextTests {
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
