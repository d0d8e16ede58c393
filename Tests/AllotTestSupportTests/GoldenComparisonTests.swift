import AllotTestSupport
import Testing

@Suite("Golden comparison")
struct GoldenComparisonTests {
    @Test func identicalTextsAgree() {
        let csv = "\u{FEFF}sector,2024,Total\r\nITUR,\"1,234.5\",-0.25e-3\r\n"
        #expect(firstGoldenDifference(expected: csv, actual: csv) == nil)
        #expect(firstGoldenDifference(expected: "", actual: "") == nil)
    }

    @Test func numbersWithinTheToleranceAgree() {
        #expect(firstGoldenDifference(expected: "total 1234.5678901234\n", actual: "total 1234.5678901235\n") == nil)
        #expect(firstGoldenDifference(expected: "x = 0.3,", actual: "x = 0.30000000000000004,") == nil)
        #expect(firstGoldenDifference(expected: "[300, 1200]", actual: "[299.99999999999983, 1200.0000000000005]") == nil)
    }

    @Test func nearZeroTheToleranceIsAbsolute() {
        #expect(firstGoldenDifference(expected: "slack 0", actual: "slack -4e-13") == nil)
        #expect(firstGoldenDifference(expected: "slack 0", actual: "slack 1e-11") != nil)
    }

    @Test func aRelativeDifferenceOfOneInAMillionFails() throws {
        let difference = try #require(firstGoldenDifference(expected: "cost 1000000\n", actual: "cost 1000001\n"))
        #expect(difference.line == 1)
        #expect(difference.reason == "1000001 is not within a relative 1e-09 of 1000000")
        #expect(firstGoldenDifference(expected: "cost 1000000\n", actual: "cost 1000001\n", relativeTolerance: 1e-5) == nil)
    }

    @Test func aChangedWordFails() {
        #expect(firstGoldenDifference(expected: "Status: optimal\n", actual: "Status: feasible\n")?.reason == "the text differs")
        #expect(firstGoldenDifference(expected: "envelope(2025) 45", actual: "envelope(2026) 45") != nil, "numbers must not make text approximate")
    }

    @Test func aChangedNumberOfTokensFails() {
        #expect(firstGoldenDifference(expected: "a 1 b\n", actual: "a 1 b 2\n") != nil)
        #expect(firstGoldenDifference(expected: "1;2;3", actual: "1;2") != nil)
        #expect(firstGoldenDifference(expected: "1;2", actual: "1;2;") != nil)
    }

    @Test func thousandsSeparatorsArePartOfTheNumber() {
        #expect(firstGoldenDifference(expected: "CHF 1,234,567.5k", actual: "CHF 1234567.5000000001k") == nil)
        #expect(firstGoldenDifference(expected: "-1,100", actual: "-1100") == nil)
        #expect(firstGoldenDifference(expected: "1,234.5", actual: "1,234.6")?.reason == "1,234.6 is not within a relative 1e-09 of 1,234.5")
        // CSV fields, not groups: a leading 0 or a group of other than three digits.
        #expect(firstGoldenDifference(expected: "0,100", actual: "100") != nil)
        #expect(firstGoldenDifference(expected: "12,3456", actual: "123456") != nil)
    }

    @Test func signsAndExponentsAreParsed() {
        #expect(firstGoldenDifference(expected: "-1.5e3", actual: "-1500") == nil)
        #expect(firstGoldenDifference(expected: "2.5E-3", actual: "0.0025") == nil)
        #expect(firstGoldenDifference(expected: "+2", actual: "2") == nil)
        #expect(firstGoldenDifference(expected: "x = -2", actual: "x = 2") != nil)
        #expect(firstGoldenDifference(expected: ".5 left", actual: "0.5 left") == nil)
    }

    @Test func digitsInNamesAndDashesBetweenYearsAreText() {
        #expect(firstGoldenDifference(expected: "c1: 3", actual: "c01: 3") != nil)
        #expect(firstGoldenDifference(expected: "x1 = 3", actual: "x1.0 = 3") != nil)
        #expect(firstGoldenDifference(expected: "2024-2027", actual: "2024+2027") != nil)
        #expect(firstGoldenDifference(expected: "version 1.2.3", actual: "version 1.2.30") != nil)
    }

    @Test func theFirstDifferingLineIsReported() throws {
        let difference = try #require(firstGoldenDifference(expected: "a\nb 1.5\nc 2\n", actual: "a\nb 1.6\nc 3\n"))
        #expect(difference.line == 2)
        #expect(difference.expected == "b 1.5\n" && difference.actual == "b 1.6\n")
        #expect(difference.reason == "1.6 is not within a relative 1e-09 of 1.5")
        #expect(difference.description == """
            line 2 differs: 1.6 is not within a relative 1e-09 of 1.5
              expected: "b 1.5\\n"
              actual:   "b 1.6\\n"
            """)
    }

    @Test func missingAndExtraLinesAreReported() throws {
        let extra = try #require(firstGoldenDifference(expected: "a\n", actual: "a\nb\n"))
        #expect(extra.line == 2 && extra.expected == nil && extra.actual == "b\n")
        #expect(extra.reason == "the golden file ends before this line")
        let missing = try #require(firstGoldenDifference(expected: "a\nb\n", actual: "a\n"))
        #expect(missing.line == 2 && missing.expected == "b\n" && missing.actual == nil)
        #expect(missing.reason == "the actual text ends before this line")
    }

    @Test func lineBreaksAndInvisibleCharactersMatchExactly() {
        #expect(firstGoldenDifference(expected: "a\r\n", actual: "a\n")?.line == 1)
        #expect(firstGoldenDifference(expected: "a\n", actual: "a") != nil)
        #expect(firstGoldenDifference(expected: "\u{FEFF}a", actual: "a") != nil)
        #expect(firstGoldenDifference(expected: "caf\u{E9}", actual: "cafe\u{301}") != nil, "canonically equivalent is not the same text")
    }
}
