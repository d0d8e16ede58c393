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

    private func files(under folder: URL) throws -> [String: Data] {
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
        let written = try files(under: workspace.output("reports"))
        for name in ["summary.md", "summary.json", "itu-2024-2027/appendix.md", "itu-2024-2027/plan.json",
                     "itu-2024-2027/allocations.csv", "itu-2024-2027/tables/budget-by-sector-and-priority.csv",
                     "itu-2024-2027/tables/fte-by-target-and-year.csv", "itu-cut-5-percent/comparison.md",
                     "itu-cut-5-percent/comparison.csv", "itu-cut-5-percent/comparison.json"] {
            let data = try #require(written[name], "\(name) was not written")
            assertMatchesGolden(String(decoding: data, as: UTF8.self), file: TestPaths.golden(name, of: "AllocationTests"))
        }
        #expect(written["itu-2024-2027/comparison.md"] == nil, "the baseline is not compared with itself")
        #expect(!written.values.contains { String(decoding: $0, as: UTF8.self).contains(workspace.root.path) }, "no absolute paths in reports")
    }

    @Test func everyPrintedTableAddsUpToItsTotals() throws {
        let workspace = try Workspace()
        _ = try ScenarioRunner.run(RunConfiguration(inputs: [workspace.scenarios.path], outputFolder: workspace.output("reports"), jobs: 2), solver: GLPKSolver())
        let tables = try files(under: workspace.output("reports")).filter { $0.key.contains("/tables/") }
        #expect(tables.count == 10 * 11)
        for (name, data) in tables {
            var text = String(decoding: data, as: UTF8.self)
            #expect(text.hasPrefix("\u{FEFF}"), "\(name) starts with a byte order mark for Excel")
            text.removeFirst()
            let rows = text.split(separator: "\r\n").map { csvFields(String($0)) }
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
        let serial = try files(under: workspace.output("serial"))
        let parallel = try files(under: workspace.output("parallel"))
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
        let written = try files(under: workspace.output("reports"))
        #expect(!written.keys.contains { $0.hasPrefix("itu-broken/") }, "nothing is written for an invalid scenario")
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
        let written = try files(under: workspace.output("reports"))
        #expect(written["itu-2024-2027/appendix.md"] != nil && written["itu-conference-heavy-2026/comparison.md"] != nil)
        #expect(String(decoding: try #require(written["summary.md"]), as: UTF8.self).contains("not run (interrupted)"))
    }
}

/// Splits one CSV line (RFC 4180 quoting).
func csvFields(_ line: String) -> [String] {
    var fields: [String] = [], field = "", quoted = false, previous: Character? = nil
    for character in line {
        if character == "\"" {
            if quoted && previous == "\"" { field.append("\"") }
            quoted.toggle()
        } else if character == "," && !quoted {
            fields.append(field)
            field = ""
        } else {
            field.append(character)
        }
        previous = character
    }
    fields.append(field)
    return fields
}
