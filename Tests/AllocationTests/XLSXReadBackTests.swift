import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import LPReports
import Runner
import Testing
import XLSXWriter

/// The workbooks read back with an independent reader (Python's openpyxl, Tests/XLSX/readback.py):
/// every number compared with plan.json, the tables' CSV files and the sensitivity JSON that the
/// same run writes; hostile names come back as text, never as formulas. Without openpyxl the
/// tests are skipped with a message, unless ALLOT_REQUIRE_OPENPYXL=1 (CI) makes that a failure.
@Suite("Workbooks read back")
struct XLSXReadBackTests {
    static let packageRoot = TestPaths.packageRoot

    /// The Python that has openpyxl (see ``TestPython``).
    static func python() -> String? { TestPython.interpreter(importing: "openpyxl") }

    struct Book {
        var order: [String]
        var sheets: [String: [[(value: Any?, type: String)]]]

        func rows(_ sheet: String) throws -> [[(value: Any?, type: String)]] { try #require(sheets[sheet], "no sheet '\(sheet)' in \(order)") }

        /// Every row whose first cell is `text`.
        func row(_ sheet: String, startingWith text: String) throws -> [(value: Any?, type: String)] {
            try #require(try rows(sheet).first { ($0.first?.value as? String) == text }, "no row '\(text)' in \(sheet)")
        }
    }

    /// Nil (with a message) when openpyxl is missing and not required.
    static func read(_ file: URL) throws -> Book? {
        guard let python = python() else {
            if ProcessInfo.processInfo.environment["ALLOT_REQUIRE_OPENPYXL"] == "1" { Issue.record("openpyxl is required (ALLOT_REQUIRE_OPENPYXL=1) and not found") }
            else { print("workbook read-back skipped: no python3 with openpyxl (pip install openpyxl, or run .ci/run)") }
            return nil
        }
        let script = packageRoot.appendingPathComponent("Tests/XLSX/readback.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openpyxl could not read \(file.lastPathComponent)")
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sheets = try #require(document["sheets"] as? [String: [String: Any]])
        var result = Book(order: document["order"] as? [String] ?? [], sheets: [:])
        for (name, sheet) in sheets {
            let rows = (sheet["rows"] as? [[[Any]]]) ?? []
            result.sheets[name] = rows.map { row in row.map { cell in (cell[0] is NSNull ? nil : cell[0], cell[1] as? String ?? "") } }
        }
        return result
    }

    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    /// One `allot run` of the ITU baseline and one what-if, with sensitivity, into a scratch folder.
    static func run(_ files: [String], sensitivity: Bool = true) throws -> (folder: TemporaryDirectory, summary: RunSummary) {
        let folder = try TemporaryDirectory()
        let configuration = RunConfiguration(inputs: files, outputFolder: folder.url.appendingPathComponent("reports"), jobs: 2, sensitivity: sensitivity)
        let summary = try ScenarioRunner.run(configuration, solver: GLPKSolver())
        return (folder, summary)
    }

    @Test func theBaselineWorkbookHoldsThePlansFigures() throws {
        let baseline = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml").path
        let whatIf = TestPaths.shippedScenarios.appendingPathComponent("itu-cut-5-percent.yaml").path
        let (folder, _) = try Self.run([baseline, whatIf])
        let reports = folder.url.appendingPathComponent("reports")
        guard let book = try Self.read(reports.appendingPathComponent("itu-2024-2027/appendix.xlsx")) else { return }
        #expect(book.order.prefix(2) == ["Plan", "Budget by sector and priority"], "\(book.order)")
        #expect(["Exact figures", "Answer", "Sensitivity", "Limits", "Prices"].allSatisfy(book.order.contains), "\(book.order)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent("itu-2024-2027/plan.json"))) as? [String: Any])

        // The objective, in three places.
        let objective = try #require(plan["objective"] as? Double)
        #expect(abs((Self.number(try book.row("Plan", startingWith: "Weighted impact")[1].value) ?? .nan) - objective) <= 1e-9 * objective)
        #expect(abs((Self.number(try book.row("Answer", startingWith: "Weighted impact")[1].value) ?? .nan) - objective) <= 1e-9 * objective)

        // Every line's exact figures against plan.json.
        let lines = try #require(plan["allocations"] as? [[String: Any]])
        let exact = try book.rows("Exact figures").dropFirst(2)
        #expect(exact.count == lines.count)
        for (row, line) in zip(exact, lines) {
            #expect(row[0].value as? String == line["sector"] as? String && row[2].value as? String == line["line"] as? String)
            for (column, key) in [(5, "budget"), (row.count - 2, "cost")] {
                let expected = try #require(line[key] as? Double, "\(key) in plan.json")
                let read = try #require(Self.number(row[column].value))
                #expect(row[column].type == "n")
                #expect(abs(read - expected) <= 1e-9 * max(1, abs(expected)), "\(key): \(read) against \(expected)")
            }
        }

        // Every printed Appendix A table against its CSV file.
        let tables = try FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent("itu-2024-2027/tables").path).filter { !$0.hasPrefix("sensitivity") }
        #expect(tables.count >= 10)
        for name in tables {
            let id = String(name.dropLast(4))
            let sheet = id.prefix(1).uppercased() + id.dropFirst().replacingOccurrences(of: "-", with: " ")
            let csv = csvRows(try String(contentsOf: reports.appendingPathComponent("itu-2024-2027/tables/\(name)"), encoding: .utf8)
                .replacingOccurrences(of: "\u{FEFF}", with: ""))
            let rows = try book.rows(sheet)
            let header = try #require(rows.firstIndex { ($0.first?.type ?? "") == "s" && $0.count > 2 && $0[1].value != nil })
            for (csvRow, sheetRow) in zip(csv.dropFirst(), rows[(header + 1)...]) {
                for (text, cell) in zip(csvRow.dropFirst(), sheetRow.dropFirst()) {
                    let expected = try #require(Double(text), "\(name): '\(text)'")
                    #expect(abs((Self.number(cell.value) ?? .nan) - expected) < 1e-9, "\(sheet): \(String(describing: cell.value)) against \(expected)")
                }
            }
        }

        // Every price of the sensitivity JSON in the Sensitivity sheet (Excel's layout) and in Prices.
        let sensitivity = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent("itu-2024-2027/sensitivity.json"))) as? [String: Any])
        let prices = try #require(sensitivity["prices"] as? [[String: Any]])
        let sheet = try book.rows("Sensitivity")
        let byName = Dictionary(sheet.compactMap { row in (row.first?.value as? String).map { ($0, row) } }, uniquingKeysWith: { _, last in last })
        #expect(prices.count > 400)
        for price in prices {
            let name = try #require(price["constraint"] as? String)
            let row = try #require(byName[name], "\(name) not in the Sensitivity sheet")
            let expected = try #require(price["shadowPrice"] as? Double)
            #expect(abs((Self.number(row[4].value) ?? .nan) - expected) <= 1e-9 * max(1e-6, abs(expected)), "\(name)")
        }
        let listed = try book.rows("Prices").filter { row in prices.contains { ($0["description"] as? String) == (row.first?.value as? String) } }
        #expect(listed.count >= prices.count - 5, "descriptions repeat only for the same limit")

        // The comparison sheet of the what-if, and the run's side by side.
        guard let whatIfBook = try Self.read(reports.appendingPathComponent("itu-cut-5-percent/appendix.xlsx")),
              let summary = try Self.read(reports.appendingPathComponent("summary.xlsx")) else { return }
        #expect(whatIfBook.order.last == "Comparison")
        let side = try summary.rows("Side by side")
        #expect(side[1].map { $0.value as? String } == ["Figure", "itu-2024-2027.yaml", "itu-cut-5-percent.yaml"])
        let impact = try summary.row("Side by side", startingWith: "Own objective")
        #expect(abs((Self.number(impact[1].value) ?? .nan) - objective) <= 1e-9 * objective)
    }

    /// A second organisation (the public-health agency) and hostile names: text stays text.
    @Test func anotherOrganisationAndHostileNames() throws {
        let folder = try TemporaryDirectory()
        let hostile = folder.url.appendingPathComponent("hostile.yaml")
        try Data("""
        extends: \(TestPaths.testScenarios.appendingPathComponent("tiny.yaml").path)
        name: "=HYPERLINK(\\"http://example.com\\",\\"click\\")"
        sectors:
          A: {name: "+cmd|' /C calc'!A0"}
          B: {name: "@SUM(1+1)*cmd|' /C calc'!A0"}
        targets:
          T1: {name: "-2+3"}
          T2: {name: "\\tTabbed"}
        """.utf8).write(to: hostile)
        let health = TestPaths.shippedScenarios.appendingPathComponent("examples/public-health-agency.yaml")
        for (file, root) in [(hostile, URL(fileURLWithPath: "/")), (health, health.deletingLastPathComponent())] {
            let scenario = try Scenario.load(file, root: root).scenario
            let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver(), sensitivity: true)
            let out = folder.url.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".xlsx")
            try Data(try XLSXFile.data(solved.plan.workbook(solverReports: solved.solverStyleReports()))).write(to: out)
            guard let book = try Self.read(out) else { return }
            // No cell anywhere is a formula.
            #expect(book.sheets.values.allSatisfy { $0.allSatisfy { $0.allSatisfy { $0.type != "f" } } })
            let lines = try book.rows("Exact figures").dropFirst(2)
            #expect(lines.count == solved.plan.lines.count)
            for (row, line) in zip(lines, solved.plan.lines) {
                #expect(abs((Self.number(row[row.count - 2].value) ?? .nan) - line.cost) <= 1e-9 * max(1, line.cost))
            }
            if file == hostile {
                let title = try #require(try book.rows("Plan")[1].first)
                #expect(title.value as? String == "Scenario: =HYPERLINK(\"http://example.com\",\"click\")" && title.type == "s")
                let names = Set(lines.compactMap { $0[0].value as? String })
                #expect(names == ["A", "B"])
                let targets = try book.rows("Plan").filter { ["T1", "T2"].contains($0.first?.value as? String) }
                #expect(targets.map { $0[1].value as? String } == ["-2+3", "\tTabbed"])
                #expect(targets.allSatisfy { $0[1].type == "s" })
            }
        }
    }

    /// The same plan gives the same bytes (a fixed creation time), and a workbook the writer
    /// cannot hold is refused with the rule it breaks, before libxlsxwriter sees it.
    @Test func sameBytesAndInvalidWorkbooksRefused() throws {
        let scenario = try Scenario.load(HandSolvedTests.tinyURL).scenario
        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver(), sensitivity: true)
        let book = solved.plan.workbook(solverReports: solved.solverStyleReports())
        #expect(try XLSXFile.data(book) == XLSXFile.data(book))
        for (sheets, message) in [([Spreadsheet.Sheet(name: "a/b")], "may not contain"), ([Spreadsheet.Sheet(name: String(repeating: "x", count: 32))], "1 to 31"),
                                  ([Spreadsheet.Sheet(name: "One"), Spreadsheet.Sheet(name: "one")], "used twice"),
                                  ([Spreadsheet.Sheet(name: "N", rows: [[.number(.nan, .exact)]])], "cannot"),
                                  ([Spreadsheet.Sheet(name: "T", rows: [[.text(String(repeating: "x", count: 40_000))]])], "32767")] {
            do {
                _ = try XLSXFile.data(Spreadsheet(title: "bad", sheets: sheets))
                Issue.record("expected a refusal: \(message)")
            } catch {
                #expect(error.description.contains(message), "\(error)")
            }
        }
        #expect(Spreadsheet.sheetName("Budget [by]: sector / priority?", avoiding: []) == "Budget by sector  priority")
        #expect(Spreadsheet.sheetName("Plan", avoiding: ["plan"]) == "Plan (2)")
    }
}
