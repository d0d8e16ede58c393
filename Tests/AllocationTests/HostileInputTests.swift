import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import LPReports
import Runner
import Testing

/// One regression test per hostile input found by the reliability audit (issue 22): each ends
/// in a clear error or a plan, never a crash, a hang or output that is not what it says.
@Suite("Hostile input")
struct HostileInputTests {
    /// Writes `files` into a fresh folder (kept alive by the returned object) and loads `main`.
    static func load(_ files: [String: String], main: String) throws -> (TemporaryDirectory, Result<Scenario, ScenarioError>) {
        let folder = try TemporaryDirectory()
        for (name, text) in files { try Data(text.utf8).write(to: folder.url.appendingPathComponent(name)) }
        try FileManager.default.copyItem(at: HandSolvedTests.tinyURL, to: folder.url.appendingPathComponent("tiny.yaml"))
        let result: Result<Scenario, ScenarioError>
        do { result = .success(try Scenario.load(folder.url.appendingPathComponent(main)).scenario) } catch { result = .failure(error) }
        return (folder, result)
    }

    static func errors(_ files: [String: String], main: String = "main.yaml") throws -> String {
        let (_, result) = try load(files, main: main)
        guard case .failure(let error) = result else { Issue.record("loaded without an error"); return "" }
        return error.description
    }

    @Test func aYearListedTwiceIsAnError() throws {
        #expect(try Self.errors(["main.yaml": "extends: tiny.yaml\nyears: [2025, 2025]\n"]).contains("years: must be listed once each"))
    }

    @Test func numbersBeyondTheirSafeRangeAreErrors() throws {
        let text = try Self.errors(["main.yaml": """
            extends: tiny.yaml
            envelopes: {2025: 1e20, 2026: 100}
            staff: {ceiling: 1e300}
            targets: {T1: {weight: 1e300, scale: 1e-300}}
            """])
        #expect(text.contains("envelopes.2025: must be an amount in CHF thousands >= 0, at most 10,000,000,000 (the safe range for such a number), found 1e20"))
        #expect(text.contains("staff.ceiling: must be a number of FTE >= 0, at most 10,000,000"))
        #expect(text.contains("targets.T1.weight"))
        #expect(text.contains("targets.T1.scale"))
    }

    @Test func anAliasBombAndADeepNestAreRefusedAtOnce() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<12 { lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        let started = Date()
        #expect(try Self.errors(["main.yaml": lines.joined(separator: "\n")]).contains("expands to more than 1000000 values"))
        #expect(Date().timeIntervalSince(started) < 30, "refused, not expanded")
        let deep = "a: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        #expect(try Self.errors(["main.yaml": deep]).contains("nested more than 64 levels deep"))
    }

    @Test func extendsThroughASymbolicLinkCannotLeaveTheRootNorShowTheFile() throws {
        let outside = try TemporaryDirectory()
        let secret = outside.url.appendingPathComponent("secret.yaml")
        try Data("password: hunter2\n".utf8).write(to: secret)
        let folder = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("linked.yaml"), withDestinationURL: secret)
        try Data("extends: linked.yaml\nname: x\n".utf8).write(to: folder.url.appendingPathComponent("main.yaml"))
        #expect {
            _ = try Scenario.load(folder.url.appendingPathComponent("main.yaml"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("outside the scenarios root") && !text.contains("hunter2") && !text.contains("password")
        }
    }

    @Test func anAbsoluteExtendsInsideTheRootWorks() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.copyItem(at: HandSolvedTests.tinyURL, to: folder.url.appendingPathComponent("tiny.yaml"))
        let absolute = folder.url.appendingPathComponent("tiny.yaml").path
        try Data("extends: \(absolute)\nname: absolute\n".utf8).write(to: folder.url.appendingPathComponent("main.yaml"))
        #expect(try Scenario.load(folder.url.appendingPathComponent("main.yaml")).scenario.name == "absolute")
    }

    /// Every CSV file of a run (allocations, envelopes, tables, sensitivity, comparison,
    /// summary), in both dialects, from a scenario whose names and file name Excel would run.
    @Test(arguments: CSVDialect.allCases)
    func namesThatExcelWouldRunAreNeutralisedInEveryCSV(dialect: CSVDialect) throws {
        let folder = try TemporaryDirectory()
        let baseline = folder.url.appendingPathComponent("tiny.yaml"), hostile = folder.url.appendingPathComponent("@hostile.yaml")
        try FileManager.default.copyItem(at: HandSolvedTests.tinyURL, to: baseline)
        try Data(#"""
            extends: tiny.yaml
            name: "=1+1"
            sectors: {A: {name: "=HYPERLINK(\"http://x\",\"y\")"}, B: {name: "-2+3"}}
            targets: {T1: {name: "+cmd|' /C calc'!A0"}}
            priorities: {P1: {name: "@SUM(1+1)"}, P2: {name: "\tTAB()"}}
            offerings: {O1: {name: "\rCR()"}}
            """#.utf8).write(to: hostile)
        var configuration = RunConfiguration(inputs: [baseline.path, hostile.path], outputFolder: folder.url.appendingPathComponent("out"),
                                             jobs: 1, sensitivity: true)
        configuration.csvDialect = dialect
        let summary = try ScenarioRunner.run(configuration, solver: GLPKSolver())
        #expect(summary.failedCount == 0, "\(summary.entries.map(\.outcome))")
        let csvs = try RunnerTests.files(under: configuration.outputFolder).filter { $0.key.hasSuffix(".csv") }
        #expect(csvs.keys.contains("@hostile/comparison.csv") && csvs.keys.contains("@hostile/tables/sensitivity-weights.csv"))
        var cells: Set<String> = []
        for (name, data) in csvs {
            let rows = csvRows(String(String(decoding: data, as: UTF8.self).dropFirst()), separator: dialect.separator)
            #expect(rows.allSatisfy { $0.count == rows.first?.count }, "\(name): one table, every row as wide as its header")
            cells.formUnion(rows.joined())
        }
        let dangerous = cells.filter { cell in
            guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
            return CSV.neutralised(cell, dialect: dialect) != cell
        }
        #expect(dangerous.isEmpty, "\(dangerous.prefix(5))")
        for expected in ["'=HYPERLINK(\"http://x\",\"y\")", "'+cmd|' /C calc'!A0", "'@SUM(1+1)", "'\tTAB()", "'\rCR()", "'-2+3", "'@hostile.yaml"] {
            #expect(cells.contains { $0.hasPrefix(expected) }, "\(expected.debugDescription) in \(cells.filter { $0.hasPrefix("'") }.sorted())")
        }
        // Negative figures stay numbers in both dialects.
        let decimals = cells.filter { $0.hasPrefix("-") && $0.contains(dialect.decimalMark) && Double($0.replacingOccurrences(of: ",", with: ".")) != nil }
        #expect(!decimals.isEmpty, "the run writes negative decimal figures, unneutralised")
    }

    @Test func numbersAreNeverTakenForFormulasButLookAlikesAre() {
        for number in ["-5", "+0.4", "-1e-07", "-1.5E+20", "+0.4 %", "-12%"] {
            #expect(CSV.neutralised(number) == number, "\(number)")
        }
        for number in ["-0,5", "-1234,5", "-1,5e-07", "+0,4 %"] {
            #expect(CSV.neutralised(number, dialect: .european) == number, "\(number)")
            #expect(CSV.neutralised(number) == "'" + number, "\(number) is no number with a decimal point")
        }
        #expect(CSV.neutralised("-0.5", dialect: .european) == "'-0.5")
        for text in ["-inf", "-nan", "-0x1p3", "-1+2", "+5 5", "-", "+.5", "-5.", "=1", "@A1", "\t1", "\r1"] {
            #expect(CSV.neutralised(text) == "'" + text, "\(text.debugDescription)")
        }
        #expect(CSV.row([.text("-0,5"), .number(-0.5), .text("a;b"), .text("x,y")], dialect: .european) == #"-0,5;-0,5;"a;b";x,y"#)
        #expect(CSV.row([.text("-0,5"), .number(-0.5), .text("a;b"), .text("x,y")], dialect: .standard) == #""'-0,5",-0.5,a;b,"x,y""#)
    }

    @Test func reportsFormatAnyNumberWithoutTraps() {
        for value in [1e20, -1e20, 1.8e308, .infinity, -.infinity, .nan, 9.3e18] {
            _ = Figures.money(value)
            _ = Figures.fte(value)
            _ = Figures.decimal(value, places: 2)
            _ = Figures.percent(value)
        }
        #expect(Figures.money(1e20) == "1e+20")
        #expect(JSONValue.object(["a": .number(.infinity), "b": .number(.nan), "c": .number(2)]).rendered().contains("\"a\": null"))
        #expect(!JSONValue.array([.number(-.infinity)]).rendered().contains("inf"))
        let huge = ControlledRounding.round([[1e20, 1], [2, 3]])
        #expect(huge.total == 1e20 + 6)
    }

    @Test func lpFilesWithNumbersGLPKCannotTakeAreErrors() throws {
        let folder = try TemporaryDirectory()
        for (name, text) in [
            ("coefficient.lp", "Maximize\n obj: x + y\nSubject To\n c1: 1e300 x + y <= 10\nBounds\n x <= 4\nEnd\n"),
            ("bound.lp", "Maximize\n obj: x\nSubject To\n c1: x + y <= 1.7e308\nBounds\n x <= 4\nEnd\n"),
            ("objective.lp", "Maximize\n obj: 1e200 x\nSubject To\n c1: x <= 10\nEnd\n"),
        ] {
            let path = folder.url.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: ModelFileError.self, "\(name)") { _ = try ModelFile.read(from: path, format: .cplexLP) }
        }
    }

    @Test func anInfeasibleWholePostsScenarioIsExplainedFromTheLP() throws {
        let started = Date()
        let plan = try ScenarioDriver.solve(try Scenario.load(TestPaths.testScenarios.appendingPathComponent("tiny-whole-posts-only.yaml")).scenario,
                                            with: GLPKSolver()).plan
        #expect(plan.termination == .infeasible)
        #expect(plan.infeasibility?.summary.contains("fractions of a post") == true)
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
