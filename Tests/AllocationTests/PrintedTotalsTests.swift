import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import Testing

/// Every figure that denotes the same quantity prints the same in every table of a report, in
/// the text and Markdown formats alike: collected from the rendered reports, not from the code
/// that makes them.
@Suite("Totals that agree")
struct PrintedTotalsTests {
    static let files = [TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml"),
                        TestPaths.shippedScenarios.appendingPathComponent("itu-cybersecurity-cross-cutting.yaml"),
                        TestPaths.shippedScenarios.appendingPathComponent("examples/public-health-agency.yaml")]

    /// A rendered table: its header and its rows, each cell as printed.
    struct Printed {
        var headers: [String]
        var rows: [[String]]

        /// The cells of a column by the row's first cell.
        func column(_ header: String) -> [String: String] {
            guard let index = headers.firstIndex(of: header) else { return [:] }
            return Dictionary(rows.map { ($0[0], $0[index]) }, uniquingKeysWith: { first, _ in first })
        }
        var lastColumn: [String: String] { Dictionary(rows.map { ($0[0], $0[$0.count - 1]) }, uniquingKeysWith: { first, _ in first }) }
        /// The "Total" row, by column header.
        var totalRow: [String: String] {
            guard let total = rows.first(where: { $0.first == "Total" }) else { return [:] }
            return Dictionary(zip(headers, total).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        }
    }

    static func markdownTables(_ text: String) -> [String: Printed] {
        var tables: [String: Printed] = [:]
        var title: String?
        var lines: [[String]] = []
        func flush() {
            if let title, lines.count >= 2 { tables[title] = Printed(headers: lines[0], rows: Array(lines.dropFirst(2))) }
            lines = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("### ") || line.hasPrefix("## ") { flush(); title = String(line.drop { $0 == "#" }.dropFirst()) }
            else if line.hasPrefix("|") {
                lines.append(line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) })
            } else if !lines.isEmpty { flush() }
        }
        flush()
        return tables
    }

    static func textTables(_ text: String) -> [String: Printed] {
        var tables: [String: Printed] = [:]
        for block in text.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n").map(String.init)
            guard lines.count >= 3, lines[2].hasPrefix("---") else { continue }
            let split = { (line: String) in line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            let rows = lines.dropFirst(3).map(split).filter { $0.count == split(lines[1]).count }
            tables[lines[0]] = Printed(headers: split(lines[1]), rows: rows)
        }
        return tables
    }

    /// The same quantity, read in several places: every reading must print the same.
    static func expectSame(_ name: String, _ readings: [(String, [String: String])], file: String) {
        let keys = Set(readings.flatMap { $0.1.keys })
        #expect(!keys.isEmpty, "\(file): \(name) was read nowhere")
        for key in keys {
            let printed = readings.compactMap { place, values in values[key].map { (place, $0) } }
            let distinct = Set(printed.map(\.1))
            #expect(distinct.count == 1, "\(file): \(name) \(key) prints as \(printed)")
        }
    }

    @Test(arguments: files)
    func everyTotalPrintsTheSameEverywhere(file: URL) throws {
        let plan = try ScenarioDriver.solve(try Scenario.load(file).scenario, with: GLPKSolver()).plan
        let name = file.lastPathComponent
        let markdown = plan.markdown(), text = plan.text()
        let md = Self.markdownTables(markdown), tx = Self.textTables(text)
        func table(_ tables: [String: Printed], _ title: String) throws -> Printed { try #require(tables[title], "\(name): no table '\(title)'") }
        // The tables' titles in the scenario's own words (the ITU's, the agency's).
        let words = plan.scenario.organisation, money = words.money.unitName, k = words.money.shortName
        let (S, P, O) = (words.sector.singular, words.priority.singular, words.offering.singular)
        let sectorYear = try table(md, "Budget by \(S) and year (\(money))")
        let sectorNames = Set(plan.scenario.sectors.map(\.name))
        func sectors(_ values: [String: String]) -> [String: String] { values.filter { sectorNames.contains($0.key) } }
        let years = plan.scenario.years.map(String.init)
        func onlyYears(_ values: [String: String]) -> [String: String] { values.filter { years.contains($0.key) } }

        var sectorReadings: [(String, [String: String])] = [
            ("A.1", sectors(try table(md, "Budget by \(S) and \(P) (\(money))").lastColumn)),
            ("A.2", sectors(try table(md, "Budget by \(S) and \(O) (\(money))").lastColumn)),
            ("A.4 years", sectors(sectorYear.lastColumn)),
            ("text", sectors(try table(tx, "Spending by \(S), all years").column("Total (\(k))"))),
        ]
        if let biennia = md["Budget by \(S) and biennium (\(money))"] { sectorReadings.append(("A.4 biennia", sectors(biennia.lastColumn))) }
        Self.expectSame("Sector spending", sectorReadings, file: name)

        var yearReadings: [(String, [String: String])] = [
            ("A.4", onlyYears(sectorYear.totalRow)),
            ("A.7 spent", onlyYears(try table(md, "Envelopes and spending").column("Spent (\(k))"))),
            ("text", onlyYears(try table(tx, "Spending by year").column("Total (\(k))"))),
        ]
        let attributedAll = plan.unattributedCost < 1e-9
        if attributedAll {
            yearReadings.append(("A.3 goals", onlyYears(try table(md, "Budget by Goal and year, attributed (\(money))").totalRow)))
            yearReadings.append(("A.3 targets", onlyYears(try table(md, "Budget by target and year, attributed (\(money))").totalRow)))
        }
        Self.expectSame("Year spending", yearReadings, file: name)

        let headline = try #require(markdown.firstMatch(of: /Total spending: (?:CHF|EUR) ([0-9,]+)k/)).1
        var grand: [(String, [String: String])] = [("headline", ["all": String(headline)])]
        for title in ["Budget by \(S) and \(P) (\(money))", "Budget by \(S) and \(O) (\(money))",
                      "Budget by \(S) and year (\(money))", "Envelopes and spending"] {
            let row = try table(md, title).totalRow
            grand.append((title, ["all": row["Total"] ?? row["Spent (\(k))"] ?? "?"]))
        }
        for title in ["Spending by \(S), all years", "Spending by \(P), all years", "Spending by \(O), all years", "Spending by year"] {
            grand.append((title, ["all": try table(tx, title).totalRow["Total (\(k))"] ?? "?"]))
        }
        Self.expectSame("Total spending", grand, file: name)

        let priorityTotals = try table(md, "Budget by \(S) and \(P) (\(money))").totalRow
        let priorityNames = Set(plan.scenario.priorities.map(\.name))
        Self.expectSame("Priority spending", [
            ("A.1", priorityTotals.filter { priorityNames.contains($0.key) }),
            ("text", try table(tx, "Spending by \(P), all years").column("Total (\(k))").filter { priorityNames.contains($0.key) }),
        ], file: name)
        if plan.scenario.cybersecurity == .standalone, let cyber = plan.scenario.priorities.first(where: { $0.isCybersecurity }) {
            let stated = try #require(markdown.firstMatch(of: /cybersecurity, as [^:]+: CHF ([0-9,]+)k/)).1
            Self.expectSame("Cybersecurity", [("headline", ["c": String(stated)]), ("A.1", ["c": priorityTotals[cyber.name] ?? "?"])], file: name)
        }
        let offeringNames = Set(plan.scenario.offerings.map(\.name))
        Self.expectSame("Offering spending", [
            ("A.2", try table(md, "Budget by \(S) and \(O) (\(money))").totalRow.filter { offeringNames.contains($0.key) }),
            ("text", try table(tx, "Spending by \(O), all years").column("Total (\(k))").filter { offeringNames.contains($0.key) }),
        ], file: name)

        let targetLabels = Dictionary(uniqueKeysWithValues: plan.scenario.targets.map { ("\($0.id) \($0.name)", $0.id) })
        let byTarget = try table(md, "Budget by target and year, attributed (\(money))").lastColumn
        Self.expectSame("Target spending", [
            ("A.3", Dictionary(uniqueKeysWithValues: byTarget.compactMap { key, value in targetLabels[key].map { ($0, value) } })),
            ("A.5 md", try table(md, "Targets").column("Spending attributed (\(k))")),
            ("text", try table(tx, "Targets").column("Spending attributed (\(k))")),
        ], file: name)

        let staffYear = try table(md, "Staff by \(S) and year (FTE)")
        Self.expectSame("Sector FTE-years", [
            ("A.4", sectors(staffYear.lastColumn)),
            ("text", sectors(try table(tx, "Spending by \(S), all years").column("FTE-years"))),
        ], file: name)
        var fteYear: [(String, [String: String])] = [
            ("A.4", onlyYears(staffYear.totalRow)),
            ("text", onlyYears(try table(tx, "Spending by year").column("FTE"))),
        ]
        if attributedAll { fteYear.append(("A.3", onlyYears(try table(md, "Staff by target and year, attributed (FTE)").totalRow))) }
        Self.expectSame("Year FTE", fteYear, file: name)
        Self.expectSame("Average FTE by Sector", [
            ("A.1", sectors(try table(md, "Staff by \(S) and \(P) (FTE)").lastColumn)),
            ("A.2", sectors(try table(md, "Staff by \(S) and \(O) (FTE)").lastColumn)),
        ], file: name)

        // The split of cost into non-staff and staff cost: one pair of totals in every table.
        for header in ["Non-staff (\(k))", "Staff cost (\(k))"] {
            Self.expectSame(header, ["Spending by \(S), all years", "Spending by \(P), all years",
                                     "Spending by \(O), all years", "Spending by year"].map { title in
                (title, ["total": tx[title]?.totalRow[header] ?? "?"])
            }, file: name)
        }

        // Unspent = envelope − spent, as printed, and the sentences quote the table.
        let envelopes = try table(md, "Envelopes and spending")
        func number(_ text: String) -> Double? { Double(text.replacingOccurrences(of: ",", with: "")) }
        for row in envelopes.rows {
            guard let envelope = number(row[1]), let spent = number(row[2]), let unspent = number(row[3]) else { continue }
            #expect(envelope - spent == unspent, "\(name): \(row)")
        }
        for sentence in plan.unspentSentences() {
            let match = try #require(sentence.firstMatch(of: /^(\d{4}): (?:CHF|EUR) ([0-9,]+)k of/))
            #expect(envelopes.column("Unspent (\(k))")[String(match.1)] == String(match.2), "\(name): \(sentence)")
        }
    }
}

extension PrintedTotalsTests {
    /// The comparison with the baseline prints each Sector's and year's spending as the two
    /// plans' appendices print them, and the change as their difference.
    @Test func theComparisonQuotesBothAppendices() throws {
        let baseline = try ScenarioDriver.solve(try Scenario.load(Self.files[0]).scenario, with: GLPKSolver()).plan
        let scenario = try ScenarioDriver.solve(try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-tight-staff-freeze.yaml")).scenario,
                                                with: GLPKSolver()).plan
        let comparison = try #require(PlanComparison(baseline: baseline, scenario: scenario))
        let movers = try #require(Self.markdownTables(comparison.markdown(printed: (baseline.printedTotals(), scenario.printedTotals())))["Largest movers"])
        let before = try #require(Self.markdownTables(baseline.markdown())["Budget by Sector and year (CHF thousands)"])
        let after = try #require(Self.markdownTables(scenario.markdown())["Budget by Sector and year (CHF thousands)"])
        var checked = 0
        for row in movers.rows where row[0] == "Sector" || row[0] == "Year" {
            let (appendixBefore, appendixAfter) = row[0] == "Sector" ? (before.lastColumn[row[1]], after.lastColumn[row[1]]) : (before.totalRow[row[1]], after.totalRow[row[1]])
            #expect(row[2] == appendixBefore && row[3] == appendixAfter, "\(row)")
            func number(_ text: String) -> Double { Double(text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "+", with: "")) ?? .nan }
            #expect(number(row[3]) - number(row[2]) == number(row[4]), "\(row)")
            checked += 1
        }
        #expect(checked == baseline.scenario.sectors.count + baseline.scenario.years.count)
    }
}
