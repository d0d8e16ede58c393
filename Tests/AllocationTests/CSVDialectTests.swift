import AllotTestSupport
import Foundation
import GLPKBackend
import LPReports
import Runner
import Testing

/// `--csv european`: semicolons and decimal commas, the same exact figures, one table per file,
/// each file with a byte order mark.
@Suite("CSV dialects")
struct CSVDialectTests {
    @Test func europeanFiguresHaveADecimalCommaAndNoThousandsSeparator() {
        #expect(CSV.number(1234.5, dialect: .european) == "1234,5")
        #expect(CSV.number(1_234_567.25, dialect: .european) == "1234567,25")
        #expect(CSV.number(6399.999999999989, dialect: .european) == "6400")
        #expect(CSV.number(-0.1 - 0.2, dialect: .european) == "-0,3")
        #expect(CSV.number(-2.742857142857e-05, dialect: .european) == "-2,742857143e-05")
        #expect(CSV.number(nil, dialect: .european) == "" && CSV.number(.infinity, dialect: .european) == "")
        #expect(CSV.number(1234.5, dialect: .standard) == "1234.5")
        #expect(CSV.table(header: ["a", "b"], rows: [[.text("x;y"), .number(0.5)]], dialect: .european) == "a;b\r\n\"x;y\";0,5\r\n")
    }

    @Test func aDifferenceOfTotalsLosesTheirNoise() {
        #expect(NumberText.difference(164_500, 164_499.999_999_999_97) == 0)
        #expect(NumberText.difference(6399.999999999989, 6400) == 0)
        #expect(NumberText.difference(163_918.372_181_5, 165_500) == -1581.6278)
        #expect(NumberText.difference(0.3, 0.1) == 0.2)
        #expect(NumberText.difference(5, 0) == 5)
    }

    /// Both dialects of a whole run with sensitivity: the same files, every one a single table
    /// with a BOM, the same text, and the same figures read back from either.
    @Test func bothDialectsOfARunHoldTheSameFigures() throws {
        let workspace = try RunnerTests.Workspace()
        var written: [CSVDialect: [String: Data]] = [:]
        for dialect in CSVDialect.allCases {
            var configuration = RunConfiguration(inputs: [workspace.scenarios.path], outputFolder: workspace.output(dialect.rawValue), jobs: 2, sensitivity: true)
            configuration.csvDialect = dialect
            _ = try ScenarioRunner.run(configuration, solver: GLPKSolver())
            written[dialect] = try RunnerTests.files(under: workspace.output(dialect.rawValue)).filter { $0.key.hasSuffix(".csv") }
        }
        let standard = try #require(written[.standard]), european = try #require(written[.european])
        #expect(standard.keys.sorted() == european.keys.sorted())
        for name in ["summary.csv", "itu-2024-2027/allocations.csv", "itu-2024-2027/envelopes.csv", "itu-cut-5-percent/comparison.csv",
                     "itu-2024-2027/tables/budget-by-sector-and-priority.csv", "itu-2024-2027/tables/sensitivity-prices.csv",
                     "itu-2024-2027/tables/sensitivity-unfunded.csv", "itu-2024-2027/tables/sensitivity-weights.csv"] {
            #expect(standard[name] != nil, "\(name) was written")
        }
        var figures = 0
        for (name, data) in standard {
            let texts = [String(decoding: data, as: UTF8.self), String(decoding: european[name] ?? Data(), as: UTF8.self)]
            for text in texts { #expect(text.hasPrefix("\u{FEFF}"), "\(name) starts with a byte order mark") }
            let rows = csvRows(String(texts[0].dropFirst()), separator: ","), europeanRows = csvRows(String(texts[1].dropFirst()), separator: ";")
            let header = try #require(rows.first, "\(name) has a header")
            #expect(europeanRows.first == header, "\(name): the same header")
            #expect(rows.count == europeanRows.count, "\(name): the same rows")
            for table in [rows, europeanRows] {
                #expect(table.allSatisfy { $0.count == header.count }, "\(name): one table, every row as wide as its header")
            }
            for (row, europeanRow) in zip(rows, europeanRows).dropFirst() where row.count == europeanRow.count {
                for (column, (cell, europeanCell)) in zip(row, europeanRow).enumerated() {
                    let isFigure = CSV.isNumeral(Substring(cell), decimalMark: ".")
                    if isFigure {
                        figures += 1
                        #expect(significantDigits(cell) < 12, "\(name): \(cell) carries binary noise")
                    }
                    if cell == europeanCell {
                        // Text, or a figure without decimals; a text key such as target 2.1 keeps its point.
                        #expect(!isFigure || !cell.contains(".") || header[column] == "target", "\(name) \(header[column]): \(cell) lacks its decimal comma")
                    } else {
                        #expect(isFigure && !europeanCell.contains(".") && Double(europeanCell.replacingOccurrences(of: ",", with: ".")) == Double(cell),
                                "\(name) \(header[column]): \(cell) against \(europeanCell)")
                    }
                }
            }
        }
        #expect(figures > 10_000)
    }

    private func significantDigits(_ figure: String) -> Int {
        let mantissa = figure.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber).drop { $0 == "0" }
        return mantissa.reversed().drop { $0 == "0" }.count
    }
}
