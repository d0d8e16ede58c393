import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import Runner
import Testing

@Suite("Scenario runner")
struct RunnerTests {
    /// A scratch copy of the shipped scenarios plus the named fixtures, so runs are self-contained.
    struct Workspace {
        private let folder: TemporaryDirectory
        var root: URL { folder.url }
        var scenarios: URL { root.appendingPathComponent("scenarios") }

        init(with fixtures: [String] = []) throws {
            folder = try TemporaryDirectory()
            try FileManager.default.copyItem(at: TestPaths.shippedScenarios, to: scenarios)
            for name in fixtures {
                try FileManager.default.copyItem(at: TestPaths.testScenarios.appendingPathComponent(name), to: scenarios.appendingPathComponent(name))
            }
        }

        func output(_ name: String) -> URL { root.appendingPathComponent(name) }
    }

    /// Every file under `folder`, by its path relative to it.
    static func files(under folder: URL) throws -> [String: Data] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        var result: [String: Data] = [:]
        for path in paths {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            if !isFolder.boolValue { result[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        }
        return result
    }

    @Test func reportsOfTheShippedBaselineMatchTheirGoldenFiles() throws {
        let workspace = try Workspace()
        let inputs = ["itu-2024-2027.yaml", "itu-cut-5-percent.yaml"].map { workspace.scenarios.appendingPathComponent($0).path }
        let summary = try ScenarioRunner.run(RunConfiguration(inputs: inputs, outputFolder: workspace.output("reports"), jobs: 2), solver: GLPKSolver())
        #expect(summary.failedCount == 0 && summary.solvedCount == 2)
        let written = try Self.files(under: workspace.output("reports"))
        for name in ["summary.md", "summary.json", "itu-2024-2027/appendix.md", "itu-2024-2027/plan.json", "itu-2024-2027/executive-summary.md",
                     "itu-cut-5-percent/executive-summary.md",
                     "itu-2024-2027/allocations.csv", "itu-2024-2027/tables/budget-by-sector-and-priority.csv",
                     "itu-2024-2027/tables/fte-by-target-and-year.csv", "itu-cut-5-percent/comparison.md",
                     "itu-cut-5-percent/comparison.csv", "itu-cut-5-percent/comparison.json"] {
            let data = try #require(written[name], "\(name) was not written")
            assertMatchesGolden(String(decoding: data, as: UTF8.self), file: TestPaths.golden(name, of: "AllocationTests"))
        }
        #expect(written["itu-2024-2027/comparison.md"] == nil, "the baseline is not compared with itself")
        #expect(!written.values.contains { String(decoding: $0, as: UTF8.self).contains(workspace.root.path) }, "no absolute paths in reports")
    }

    /// Every scenario gets its one-page summary, with prices even without --sensitivity; with
    /// it, the HTML appendix keeps its sensitivity section where the comparison is added.
    @Test func everyScenarioGetsItsExecutiveSummary() throws {
        let workspace = try Workspace()
        let inputs = ["itu-2024-2027.yaml", "itu-staff-freeze.yaml"].map { workspace.scenarios.appendingPathComponent($0).path }
        let summary = try ScenarioRunner.run(RunConfiguration(inputs: inputs, outputFolder: workspace.output("plain"), jobs: 2), solver: GLPKSolver())
        let plain = try Self.files(under: workspace.output("plain")).mapValues { String(decoding: $0, as: UTF8.self) }
        let baseline = try #require(plain["itu-2024-2027/executive-summary.md"])
        let freeze = try #require(plain["itu-staff-freeze/executive-summary.md"])
        #expect(plain["itu-staff-freeze/executive-summary.html"]?.contains("<h1>Executive summary: ITU 2024-2027, staff freeze</h1>") == true)
        #expect(baseline.contains("This plan is the baseline"))
        guard case .solved(let plan, _) = summary.entries[1].outcome else {
            Issue.record("the staff freeze did not solve")
            return
        }
        let baselinePlan = try #require(summary.baselinePlan)
        let comparison = try #require(PlanComparison(baseline: baselinePlan, scenario: plan))
        #expect(freeze.contains("Impact at baseline weights \(Figures.number(comparison.impactAtBaselineWeights)) against \(Figures.number(comparison.baselineImpactAtBaselineWeights))"))
        #expect(freeze.contains("## The three tightest limits\n\nThe limits the committee sets where CHF 1 million's worth of relaxation buys most"))
        #expect(plain["itu-staff-freeze/sensitivity.json"] == nil && plain["itu-staff-freeze/appendix.html"]?.contains("Appendix A — sensitivity") == false)
        #expect(plain["summary.md"]?.contains("itu-staff-freeze/executive-summary.md, itu-staff-freeze/appendix.md") == true)

        _ = try ScenarioRunner.run(RunConfiguration(inputs: inputs, outputFolder: workspace.output("sensitivity"), jobs: 2, sensitivity: true), solver: GLPKSolver())
        let analysed = try Self.files(under: workspace.output("sensitivity")).mapValues { String(decoding: $0, as: UTF8.self) }
        for scenario in ["itu-2024-2027", "itu-staff-freeze"] {
            #expect(analysed["\(scenario)/appendix.html"]?.contains("<h2>Appendix A — sensitivity</h2>") == true, "\(scenario)")
            #expect(analysed["\(scenario)/executive-summary.md"] == plain["\(scenario)/executive-summary.md"], "\(scenario): the page does not depend on --sensitivity")
        }
        #expect(analysed["itu-staff-freeze/appendix.html"]?.contains("Compared with ITU 2024-2027 baseline") == true)
    }

    @Test func everyPrintedTableAddsUpToItsTotals() throws {
        let workspace = try Workspace()
        _ = try ScenarioRunner.run(RunConfiguration(inputs: [workspace.scenarios.path], outputFolder: workspace.output("reports"), jobs: 2), solver: GLPKSolver())
        let tables = try Self.files(under: workspace.output("reports")).filter { $0.key.contains("/tables/") }
        #expect(tables.count == 10 * 11)
        for (name, data) in tables {
            var text = String(decoding: data, as: UTF8.self)
            #expect(text.hasPrefix("\u{FEFF}"), "\(name) starts with a byte order mark for Excel")
            text.removeFirst()
            let rows = csvRows(text)
            let header = try #require(rows.first)
            #expect(header.last == "Total" && rows.last?.first == "Total", "\(name)")
            // The unit is 1 (CHF thousands) or 0.1 (FTE): sums are compared in that unit's steps.
            let unit = name.contains("/fte-") ? 0.1 : 1
            let body = try rows.dropFirst().map { row -> [Double] in try row.dropFirst().map { try #require(Double($0), "\(name): '\($0)' is not a plain number") } }
            func steps(_ value: Double) -> Int { Int((value / unit).rounded()) }
            for (index, row) in body.enumerated() {
                #expect(steps(row.dropLast().reduce(0, +)) == steps(row.last!), "\(name) row \(index + 1) does not add up")
            }
            for column in 0..<(header.count - 1) {
                #expect(steps(body.dropLast().reduce(0) { $0 + $1[column] }) == steps(body.last![column]), "\(name) column \(column + 1) does not add up")
            }
        }
    }

    @Test func parallelRunEqualsSerialRunByteForByte() throws {
        let workspace = try Workspace()
        _ = try ScenarioRunner.run(RunConfiguration(inputs: [workspace.scenarios.path], outputFolder: workspace.output("serial"), jobs: 1), solver: GLPKSolver())
        _ = try ScenarioRunner.run(RunConfiguration(inputs: [workspace.scenarios.path], outputFolder: workspace.output("parallel"), jobs: 2), solver: GLPKSolver())
        let serial = try Self.files(under: workspace.output("serial"))
        let parallel = try Self.files(under: workspace.output("parallel"))
        #expect(serial.count > 60)
        #expect(serial.keys.sorted() == parallel.keys.sorted())
        for (name, data) in serial { #expect(parallel[name] == data, "\(name) differs between --jobs 1 and --jobs 2") }
    }

    @Test func brokenAndInfeasibleScenariosAreReportedWhileTheRestFinish() throws {
        let workspace = try Workspace(with: ["itu-broken.yaml", "itu-infeasible.yaml"])
        let summary = try ScenarioRunner.run(RunConfiguration(inputs: [workspace.scenarios.path], outputFolder: workspace.output("reports"), jobs: 2), solver: GLPKSolver())
        #expect(summary.entries.count == 12)
        #expect(summary.failedCount == 2)
        #expect(summary.solvedCount == 10)
        let broken = try #require(summary.entries.first { $0.file.hasSuffix("itu-broken.yaml") })
        guard case .failed(let message) = broken.outcome else { Issue.record("the broken scenario did not fail"); return }
        #expect(message == """
        itu-broken.yaml:5: error: envelopes.2025: must be an amount in CHF thousands >= 0, found -165500
        itu-broken.yaml:9: error: mandate.ITUQ: unknown sector 'ITUQ'; sectors are ITUR, ITUT, ITUD, GS, ITUX
        """)
        let written = try Self.files(under: workspace.output("reports"))
        #expect(written.keys.filter { $0.hasPrefix("itu-broken/") } == ["itu-broken/FAILED.md"], "an invalid scenario gets its failure note, nothing else")
        #expect(String(decoding: try #require(written["itu-broken/FAILED.md"]), as: UTF8.self).contains("unknown sector 'ITUQ'"))
        #expect(written["itu-infeasible/appendix.md"].map { String(decoding: $0, as: UTF8.self).contains("Status: infeasible") } == true)
        let summaryText = String(decoding: try #require(written["summary.md"]), as: UTF8.self)
        #expect(summaryText.contains("itu-broken.yaml | invalid or failed"))
        #expect(summaryText.contains("unknown sector 'ITUQ'"))
        #expect(written["itu-staff-freeze/appendix.md"] != nil)
    }

    @Test func interruptionKeepsFinishedReportsAndMarksTheRest() throws {
        let workspace = try Workspace()
        let cancellation = CancellationFlag()
        let summary = try ScenarioRunner.run(
            RunConfiguration(inputs: [workspace.scenarios.path], outputFolder: workspace.output("reports"), jobs: 1),
            solver: GLPKSolver(), cancellation: cancellation, progress: { finished, _ in if finished == 2 { cancellation.cancel() } })
        #expect(summary.interrupted)
        #expect(summary.entries.prefix(2).allSatisfy { if case .solved = $0.outcome { true } else { false } })
        #expect(summary.entries.dropFirst(2).allSatisfy { if case .notRun = $0.outcome { true } else { false } })
        let written = try Self.files(under: workspace.output("reports"))
        #expect(written["itu-2024-2027/appendix.md"] != nil && written["itu-conference-heavy-2026/comparison.md"] != nil)
        #expect(String(decoding: try #require(written["summary.md"]), as: UTF8.self).contains("not run (interrupted)"))
    }
}

/// `allot run --out` writes only what Allot owns (its manifest): foreign files survive every
/// run, a report path that would overwrite one is refused before anything is solved, and a
/// failing scenario keeps its last good reports under a failure note.
@Suite("Output folder safety")
struct OutputFolderTests {
    static let baseline = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")

    @Test func foreignFilesSurviveAndForeignReportPathsAreRefused() throws {
        let folder = try TemporaryDirectory()
        let out = folder.url.appendingPathComponent("out")
        // A scenario named like a folder the user already has, holding their own file.
        let documents = out.appendingPathComponent("Documents")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: documents.appendingPathComponent("important.docx"))
        let scenario = folder.url.appendingPathComponent("Documents.yaml")
        try FileManager.default.copyItem(at: Self.baseline, to: scenario)
        let configuration = RunConfiguration(inputs: [scenario.path], outputFolder: out, jobs: 1, root: TestPaths.shippedScenarios)
        for _ in 0..<2 {
            let summary = try ScenarioRunner.run(configuration, solver: GLPKSolver())
            #expect(summary.failedCount == 0)
            #expect(try String(contentsOf: documents.appendingPathComponent("important.docx"), encoding: .utf8) == "keep me")
            #expect(FileManager.default.fileExists(atPath: documents.appendingPathComponent("plan.json").path))
        }
        // A file of the user's where a report would go: refused, named, untouched, nothing solved.
        try FileManager.default.removeItem(at: documents.appendingPathComponent("plan.json"))
        try Data("mine".utf8).write(to: documents.appendingPathComponent("plan.json"))
        let manifest = out.appendingPathComponent(".allot-manifest")
        let listed = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").filter { $0 != "Documents/plan.json" }
        try Data((listed.joined(separator: "\n") + "\n").utf8).write(to: manifest)
        let before = try Data(contentsOf: out.appendingPathComponent("summary.md"))
        #expect {
            _ = try ScenarioRunner.run(configuration, solver: GLPKSolver())
        } throws: { error in
            "\(error)".contains("refusing to overwrite Documents/plan.json") && !"\(error)".contains(folder.url.path)
        }
        #expect(try String(contentsOf: documents.appendingPathComponent("plan.json"), encoding: .utf8) == "mine")
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.md")) == before, "refused before anything was written")
    }

    @Test func aFailingScenarioKeepsItsLastGoodReportsUnderANote() throws {
        let folder = try TemporaryDirectory()
        let out = folder.url.appendingPathComponent("out")
        let scenario = folder.url.appendingPathComponent("plan.yaml")
        try FileManager.default.copyItem(at: Self.baseline, to: scenario)
        let configuration = RunConfiguration(inputs: [scenario.path], outputFolder: out, jobs: 1, root: TestPaths.shippedScenarios)
        _ = try ScenarioRunner.run(configuration, solver: GLPKSolver())
        let good = try Data(contentsOf: out.appendingPathComponent("plan/plan.json"))
        try (try String(contentsOf: scenario, encoding: .utf8) + "\nbogus_field: 1\n").write(to: scenario, atomically: true, encoding: .utf8)
        let failed = try ScenarioRunner.run(configuration, solver: GLPKSolver())
        #expect(failed.failedCount == 1)
        #expect(try Data(contentsOf: out.appendingPathComponent("plan/plan.json")) == good)
        let note = try String(contentsOf: out.appendingPathComponent("plan/FAILED.md"), encoding: .utf8)
        #expect(note.contains("bogus_field") && note.contains("from an earlier run"))
        // Fixed again: the note goes, as a report Allot wrote and no longer writes.
        try FileManager.default.removeItem(at: scenario)
        try FileManager.default.copyItem(at: Self.baseline, to: scenario)
        _ = try ScenarioRunner.run(configuration, solver: GLPKSolver())
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("plan/FAILED.md").path))
    }

    @Test func whileARunIsWritingItsSummarySaysSo() throws {
        let folder = try TemporaryDirectory()
        let out = folder.url.appendingPathComponent("out")
        let seen = SeenSummaries()
        let configuration = RunConfiguration(inputs: [Self.baseline.path], outputFolder: out, jobs: 1)
        _ = try ScenarioRunner.run(configuration, solver: GLPKSolver(), progress: { _, _ in
            seen.add((try? String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)) ?? "")
        })
        #expect(seen.all.allSatisfy { $0.hasPrefix("# Run in progress") } && !seen.all.isEmpty)
        #expect(try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8).hasPrefix("# Allot run summary"))
    }

    @Test func anOutputFolderThatCannotBeCreatedIsOneClearLineBeforeSolving() throws {
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let configuration = RunConfiguration(inputs: [Self.baseline.path], outputFolder: file.appendingPathComponent("out"), jobs: 1)
        #expect {
            _ = try ScenarioRunner.run(configuration, solver: GLPKSolver())
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("cannot create the output folder out") && !text.contains(folder.url.path) && !text.contains("\n")
        }
    }
}

private final class SeenSummaries: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []
    func add(_ text: String) { lock.withLock { texts.append(text) } }
    var all: [String] { lock.withLock { texts } }
}

extension OutputFolderTests {
    /// The other commands' `--out` (curve, sweep, robust, bench) write through the same rules.
    @Test func aCommandsReportsAreAllCheckedBeforeAnyIsWritten() throws {
        let folder = try TemporaryDirectory()
        try Data("mine".utf8).write(to: folder.url.appendingPathComponent("curve.html"))
        #expect {
            try OutputFolder.writeReports([("curve.csv", "a"), ("curve.md", "b"), ("curve.html", "c")], into: folder.url)
        } throws: { "\($0)".contains("refusing to overwrite curve.html") }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("curve.csv").path))
        #expect(try String(contentsOf: folder.url.appendingPathComponent("curve.html"), encoding: .utf8) == "mine")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("curve.html"))
        try OutputFolder.writeReports([("curve.csv", "a"), ("curve.md", "b"), ("curve.html", "c")], into: folder.url)
        try OutputFolder.writeReports([("curve.csv", "a2"), ("curve.md", "b2"), ("curve.html", "c2")], into: folder.url)
        #expect(try String(contentsOf: folder.url.appendingPathComponent("curve.md"), encoding: .utf8) == "b2", "its own files it replaces")
    }
}
