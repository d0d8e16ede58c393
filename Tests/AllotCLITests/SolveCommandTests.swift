import AllotTestSupport
import Foundation
import Testing

@Suite("allot solve")
struct SolveCommandTests {
    static var baseline: String { TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml").path }

    @Test func jsonHasTheDocumentedKeysAndIsByteStable() throws {
        let first = try AllotProcess.run(["solve", Self.baseline, "--format", "json"])
        let second = try AllotProcess.run(["solve", Self.baseline, "--format", "json"])
        #expect(first.exitCode == 0)
        #expect(first.standardOutput == second.standardOutput)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any])
        for key in ["status", "objective", "scenario", "allocations", "targets", "bindingConstraints", "totals", "modelSize", "solver"] {
            #expect(document[key] != nil, "missing \(key)")
        }
        #expect(document["status"] as? String == "optimal")
        let allocations = try #require(document["allocations"] as? [[String: Any]])
        let first0 = try #require(allocations.first)
        for key in ["sector", "priority", "offering", "year", "budget", "staff", "cost"] {
            #expect(first0[key] != nil, "allocation key \(key)")
        }
        #expect((first0["staff"] as? [String: Double])?.keys.sorted() == ["G", "P"])
        let targets = try #require(document["targets"] as? [[String: Any]])
        #expect(targets.count == 10)
        #expect(targets.allSatisfy { $0["impact"] is Double && $0["attainment"] is Double })
    }

    @Test func exportedLPHasTheJSONObjective() throws {
        let scratch = try TemporaryDirectory()
        let folder = scratch.url
        let lp = folder.appendingPathComponent("itu.lp").path
        let mps = folder.appendingPathComponent("itu.mps").path
        let solved = try AllotProcess.run(["solve", Self.baseline, "--format", "json", "--export-lp", lp, "--export-mps", mps])
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(solved.standardOutput.utf8)) as? [String: Any])
        let reread = try AllotProcess.run(["lp", "solve", lp, "--format", "json"])
        let model = try #require(try JSONSerialization.jsonObject(with: Data(reread.standardOutput.utf8)) as? [String: Any])
        let planObjective = try #require(plan["objective"] as? Double)
        let modelObjective = try #require(model["objective"] as? Double)
        #expect(abs(planObjective - modelObjective) <= 1e-9 * planObjective)
        let fromMPS = try AllotProcess.run(["lp", "solve", mps, "--sense", "max", "--format", "json"])
        let mpsDocument = try #require(try JSONSerialization.jsonObject(with: Data(fromMPS.standardOutput.utf8)) as? [String: Any])
        #expect(abs((mpsDocument["objective"] as? Double ?? 0) - planObjective) <= 1e-7 * planObjective)
    }

    @Test func writesTheExecutiveSummaryBesideThePlan() throws {
        let scratch = try TemporaryDirectory()
        let html = scratch.url.appendingPathComponent("page.html").path, markdown = scratch.url.appendingPathComponent("page.md").path
        let solved = try AllotProcess.run(["solve", Self.baseline, "--executive-summary", html])
        #expect(solved.exitCode == 0 && solved.standardOutput.contains("Annual envelope 2026 (CHF 165,000k)"), "the plan still prints")
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<h1>Executive summary: ITU 2024-2027 baseline</h1>"))
        _ = try AllotProcess.run(["solve", Self.baseline, "--executive-summary", markdown])
        let page = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(page.hasPrefix("# Executive summary: ITU 2024-2027 baseline\n"))
        #expect(page.contains("- Staff ceiling 2024 (452 FTE): one more FTE adds 0.0003867 of weighted impact"))
    }

    @Test func textAndMarkdownNameThePlanInTheStrategicPlansWords() throws {
        let text = try AllotProcess.run(["solve", Self.baseline])
        #expect(text.exitCode == 0)
        #expect(text.standardOutput.contains("Universal broadband coverage"))
        #expect(text.standardOutput.contains("ITU-D (BDT)"))
        #expect(text.standardOutput.contains("Annual envelope 2026 (CHF 165,000k)"))
        let markdown = try AllotProcess.run(["solve", Self.baseline, "--format", "markdown"])
        #expect(markdown.standardOutput.hasPrefix("# Appendix A. Allocation of resources (linkage with the financial plan)\n"))
    }

    @Test func invalidScenarioExitsTwoListingEveryProblemAndPrintsNothing() throws {
        let scratch = try TemporaryDirectory()
        let folder = scratch.url
        try FileManager.default.copyItem(atPath: Self.baseline, toPath: folder.appendingPathComponent("itu-2024-2027.yaml").path)
        let broken = folder.appendingPathComponent("broken.yaml")
        try "extends: itu-2024-2027.yaml\nenvelopes: {2025: -1}\nsectors:\n  ITUX: {name: X, min_share: 2}\n".write(to: broken, atomically: true, encoding: .utf8)
        let result = try AllotProcess.run(["solve", broken.path])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == """
        allot: broken.yaml:2: error: envelopes.2025: must be an amount in CHF thousands >= 0, found -1
        allot: broken.yaml:4: error: sectors.ITUX.min_share: must be a share between 0 and 1, found 2

        """)
    }

    @Test func infeasibleScenarioExitsOne() throws {
        let scratch = try TemporaryDirectory()
        let folder = scratch.url
        try FileManager.default.copyItem(atPath: Self.baseline, toPath: folder.appendingPathComponent("itu-2024-2027.yaml").path)
        let tight = folder.appendingPathComponent("tight.yaml")
        // Every field is valid, but 10 FTE cannot carry the minimum staff share of the fixed
        // commitments (WRC-27 alone needs about 28 FTE): only the LP can tell.
        try "extends: itu-2024-2027.yaml\nstaff:\n  ceiling: 10\n".write(to: tight, atomically: true, encoding: .utf8)
        let result = try AllotProcess.run(["solve", tight.path])
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("Status: infeasible"))
    }
}

@Suite("allot run")
struct RunCommandTests {
    @Test func runsTheShippedSetAndPrintsTheSummary() throws {
        let scratch = try TemporaryDirectory()
        let out = scratch.url.appendingPathComponent("reports").path
        let result = try AllotProcess.run(["run", TestPaths.shippedScenarios.path, "--out", out])
        #expect(result.exitCode == 0)
        // No progress line when stderr is not a terminal: only the warnings about money left unspent.
        let warnings = result.standardError.split(separator: "\n")
        #expect(warnings.allSatisfy { $0.hasPrefix("allot: warning: ") && $0.contains("is left unspent") }, "\(result.standardError)")
        let warned = Set(warnings.map { $0.dropFirst("allot: warning: ".count).prefix { $0 != ":" } })
        #expect(warned == ["itu-conference-heavy-2026.yaml", "itu-staff-freeze.yaml", "itu-tight-staff-freeze.yaml", "itu-whole-posts.yaml"])
        #expect(result.standardOutput.hasPrefix("Allot run: 10 scenarios, 10 solved, 0 failed (baseline: itu-2024-2027.yaml)\n"))
        #expect(result.standardOutput.contains("Reports: \(out)/"))
        #expect(FileManager.default.fileExists(atPath: out + "/itu-2024-2027/appendix.md"))
    }

    @Test func aBrokenScenarioExitsOneButTheOthersAreWritten() throws {
        let scratch = try TemporaryDirectory()
        let folder = scratch.url.appendingPathComponent("scenarios")
        try FileManager.default.copyItem(at: TestPaths.shippedScenarios, to: folder)
        try "extends: itu-2024-2027.yaml\nyears: soon\n".write(to: folder.appendingPathComponent("itu-zz-broken.yaml"), atomically: true, encoding: .utf8)
        let out = scratch.url.appendingPathComponent("reports").path
        let result = try AllotProcess.run(["run", folder.path, "--out", out, "--jobs", "2"])
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("11 scenarios, 10 solved, 1 failed"))
        #expect(result.standardOutput.contains("itu-zz-broken.yaml:2: error: years: must be a list, found 'soon'"))
        #expect(FileManager.default.fileExists(atPath: out + "/itu-staff-freeze/appendix.md"))
    }

    @Test func badUsageExitsTwo() throws {
        let missing = try AllotProcess.run(["run", "/nonexistent/folder"])
        #expect(missing.exitCode == 2)
        #expect(missing.standardError == "allot: /nonexistent/folder: no such file or folder\n")
        let jobs = try AllotProcess.run(["run", TestPaths.shippedScenarios.path, "--jobs", "0"])
        #expect(jobs.exitCode == 2)
        #expect(jobs.standardError == "allot: --jobs must be at least 1, not 0\n")
    }
}

@Suite("allot sensitivity")
struct SensitivityCommandTests {
    @Test func jsonListsPricesUnfundedLinesAndWeights() throws {
        let result = try AllotProcess.run(["sensitivity", SolveCommandTests.baseline, "--format", "json"])
        #expect(result.exitCode == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let prices = try #require(document["prices"] as? [[String: Any]])
        #expect(prices.contains { $0["constraint"] as? String == "staffceiling(2024)" && $0["unit"] as? String == "FTE" })
        #expect((document["weightRanges"] as? [[String: Any]])?.count == 10)
        #expect(document["unfundedLines"] is [[String: Any]])
    }

    @Test func textSpeaksToTheCommittee() throws {
        let result = try AllotProcess.run(["sensitivity", SolveCommandTests.baseline])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("What are more money and more staff worth?"))
        #expect(result.standardOutput.contains("Annual envelope 2026 (CHF 165,000k): one more CHF 1 million adds"))
        #expect(result.standardOutput.contains("How stable is the plan to the weights?"))
    }
}

@Suite("allot sweep")
struct SweepCommandTests {
    @Test func writesTheTableChartAndCSV() throws {
        let scratch = try TemporaryDirectory()
        let out = scratch.url.appendingPathComponent("sweep").path
        let result = try AllotProcess.run(["sweep", SolveCommandTests.baseline, "--vary", "envelopes.total", "--from", "600000", "--to", "700000", "--steps", "5", "--out", out])
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardOutput == "Sweep of envelopes.total: 5 points; written to \(out)/sweep.csv, sweep.md, sweep.html\n")
        let csv = try String(contentsOfFile: out + "/sweep.csv", encoding: .utf8)
        #expect(csv.split(separator: "\r\n").count == 6)
        #expect(try String(contentsOfFile: out + "/sweep.html", encoding: .utf8).contains("<svg"))
    }

    @Test func unknownPathExitsTwoWithTheNearestPaths() throws {
        let result = try AllotProcess.run(["sweep", SolveCommandTests.baseline, "--vary", "staff.cieling.2025", "--from", "400", "--to", "500"])
        #expect(result.exitCode == 2)
        #expect(result.standardError.hasPrefix("allot: 'staff.cieling.2025' does not address a number in itu-2024-2027.yaml; nearest valid paths: staff.ceiling.2025"))
    }

    @Test func htmlFormatOfSolve() throws {
        let result = try AllotProcess.run(["solve", SolveCommandTests.baseline, "--format", "html"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.hasPrefix("<!DOCTYPE html>"))
    }
}

@Suite("allot bench strategies")
struct BenchCommandTests {
    @Test func writesTheTableAndItsFiles() throws {
        let scratch = try TemporaryDirectory()
        let out = scratch.url.appendingPathComponent("bench").path
        let result = try AllotProcess.run(["bench", "strategies", SolveCommandTests.baseline, "--samples", "2", "--out", out])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("| 1 | LP optimum (weighted) |") && $0.hasSuffix("| none |") })
        #expect(lines.filter { $0.hasPrefix("| ") && $0.first(where: \.isNumber) != nil }.count >= 8)
        for suffix in ["md", "csv", "html"] {
            #expect(FileManager.default.fileExists(atPath: out + "/strategies-itu-2024-2027.\(suffix)"))
        }
    }

    @Test func anInfeasibleScenarioStillPrintsAndExitsOne() throws {
        let scratch = try TemporaryDirectory()
        try FileManager.default.copyItem(at: TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml"),
                                         to: scratch.url.appendingPathComponent("itu-2024-2027.yaml"))
        let infeasible = scratch.url.appendingPathComponent("itu-infeasible.yaml")
        try FileManager.default.copyItem(at: TestPaths.testScenarios.appendingPathComponent("itu-infeasible.yaml"), to: infeasible)
        let result = try AllotProcess.run(["bench", "strategies", infeasible.path, "--samples", "0"])
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("| LP optimum (weighted) | - |"))
        #expect(result.standardOutput.contains("no plan: no solution satisfies all constraints"))
    }

    @Test func badInputExitsTwo() throws {
        let samples = try AllotProcess.run(["bench", "strategies", SolveCommandTests.baseline, "--samples", "-1"])
        #expect(samples.exitCode == 2)
        let missing = try AllotProcess.run(["bench", "strategies", "/nonexistent.yaml"])
        #expect(missing.exitCode == 2)
        #expect(missing.standardOutput.isEmpty)
    }
}
