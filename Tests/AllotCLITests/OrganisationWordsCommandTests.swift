import AllotTestSupport
import Foundation
import Testing

/// Every report format of another organisation's scenario speaks that organisation's words: the
/// public-health agency (EUR, divisions, programmes, services, "Annex 2") through every command
/// that writes a report, read as a user would read the files.
@Suite("Reports in the organisation's own words")
struct OrganisationWordsCommandTests {
    static let examples = TestPaths.shippedScenarios.appendingPathComponent("examples")
    static let agency = examples.appendingPathComponent("public-health-agency.yaml").path

    /// Words only the ITU's scenario may bring into a report. `Sector` is matched with its
    /// capital (the ITU's sense); JSON keys are the schema's names and are not read.
    static let ituWords = ["ITU", "Sector", "Connect 2030", "CHF", "Appendix A", "franc", "thematic", "product/service", "Option 1", "Option 2"]

    static func ituWordsIn(_ text: String) -> [String] {
        var found = ituWords.filter { text.contains($0) }
        if text.range(of: "cybersecurity", options: .caseInsensitive) != nil { found.append("cybersecurity") }
        return found
    }

    /// The text a reader sees in a file: JSON's string values and numbers (not its keys), a
    /// workbook's cells (every XML part of the zip), anything else as it is.
    static func readableText(_ file: URL) throws -> String {
        switch file.pathExtension {
        case "json":
            func strings(_ value: Any) -> [String] {
                switch value {
                case let text as String: [text]
                case let array as [Any]: array.flatMap(strings)
                case let object as [String: Any]: object.values.flatMap(strings)
                default: []
                }
            }
            return strings(try JSONSerialization.jsonObject(with: Data(contentsOf: file))).joined(separator: "\n")
        case "xlsx":
            let python = try #require(TestPython.interpreter(importing: "zipfile"), "a python3 reads the workbook's parts")
            let script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint('\\n'.join(z.read(n).decode('utf-8', 'replace') for n in z.namelist() if n.endswith('.xml')))"
            let (status, output) = try ChildProcess.run(python, ["-c", script, file.path])
            #expect(status == 0, "\(file.lastPathComponent) is not a readable workbook")
            return output
        default:
            return try String(contentsOf: file, encoding: .utf8)
        }
    }

    static func files(under folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath }.sorted { $0.path < $1.path }
    }

    @Test func everyReportOfTheAgencyUsesItsOwnWords() throws {
        let folder = try TemporaryDirectory()
        let out = { (name: String) in folder.url.appendingPathComponent(name).path }
        var printed: [(String, String)] = []
        func allot(_ arguments: [String], expecting code: Int32 = 0) throws {
            let result = try AllotProcess.run(arguments + ["--quiet"])
            #expect(result.exitCode == code, "allot \(arguments.joined(separator: " ")): \(result.standardError)")
            var output = result.standardOutput
            if arguments.contains("json") {
                // JSON is read as the files are: its values, not the schema's keys.
                let file = folder.url.appendingPathComponent("printed-\(printed.count).json")
                try output.write(to: file, atomically: true, encoding: .utf8)
                output = try Self.readableText(file)
                try FileManager.default.removeItem(at: file)
            }
            printed.append(("allot " + arguments.joined(separator: " "), output + result.standardError))
        }
        let whatIfs = ["public-health-cut-10-percent.yaml", "public-health-freeze-lifted.yaml"].map { Self.examples.appendingPathComponent($0).path }
        try allot(["run", Self.agency] + whatIfs + ["--out", out("run"), "--sensitivity", "--root", Self.examples.path])
        for format in ["text", "json", "markdown", "html"] { try allot(["solve", Self.agency, "--format", format]) }
        try allot(["solve", Self.agency, "--format", "xlsx", "--out", out("solve.xlsx"), "--executive-summary", out("summary.html"),
                   "--export-lp", out("model.lp")])
        for format in ["text", "markdown"] { try allot(["sensitivity", Self.agency, "--format", format]) }
        try allot(["sensitivity", Self.agency, "--format", "csv", "--out", out("sensitivity")])
        for format in ["text", "markdown", "json", "html"] { try allot(["cost", Self.agency, "--target", "B1", "--attainment", "0.9", "--format", format]) }
        try allot(["sweep", Self.agency, "--vary", "envelopes.total", "--from", "140000", "--to", "160000", "--steps", "3", "--out", out("sweep")])
        try allot(["curve", Self.agency, "--vary", "staff.ceiling.2027", "--from", "100", "--to", "150", "--out", out("curve")])
        try allot(["robust", Self.agency, "--samples", "20", "--out", out("robust")])
        try allot(["changes", Self.agency, "--set", "envelopes.2025=47000", "--set", "staff.ceiling.2027=125"])
        try allot(["bench", "strategies", Self.agency, "--samples", "5", "--out", out("bench")])

        var checked = 0
        for (command, text) in printed {
            #expect(Self.ituWordsIn(text).isEmpty, "\(command) prints \(Self.ituWordsIn(text))")
        }
        for file in Self.files(under: folder.url) where file.pathExtension != "lp" {
            let text = try Self.readableText(file)
            checked += 1
            #expect(Self.ituWordsIn(text).isEmpty, "\(file.path.replacingOccurrences(of: folder.url.path, with: "")) has \(Self.ituWordsIn(text))")
        }
        #expect(checked >= 40, "every report format written: \(checked) files")
        // The agency's own words are there instead.
        let appendix = try String(contentsOf: folder.url.appendingPathComponent("run/public-health-agency/appendix.md"), encoding: .utf8)
        for words in ["# Annex 2. Resource allocation 2025-2027", "## 2.1 Resources by division and programme", "Amounts in EUR thousands",
                      "Budget by division and service (EUR thousands)", "| Division |", "Total spending: EUR "] {
            #expect(appendix.contains(words), "appendix.md lacks \(words)")
        }
        #expect(!appendix.contains("biennium"), "no biennia: no biennium table or heading")
        let page = try String(contentsOf: folder.url.appendingPathComponent("run/public-health-agency/appendix.html"), encoding: .utf8)
        #expect(page.contains("Attainment of the national health targets") && page.contains("2030 target"))
        let csv = try String(contentsOf: folder.url.appendingPathComponent("run/public-health-agency/allocations.csv"), encoding: .utf8)
        #expect(csv.split(whereSeparator: \.isNewline).first.map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
            == "sector,priority,line,offering,year,budget_eur_k,staff_P_fte,staff_S_fte,staff_cost_eur_k,cost_eur_k,committed_eur_k", "no cybersecurity column")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("run/public-health-agency/plan.json"))) as? [String: Any])
        #expect((plan["units"] as? [String: Any])?["money"] as? String == "EUR thousands")
        #expect((plan["totals"] as? [String: Any])?["cybersecurity"] == nil)
        #expect((plan["scenario"] as? [String: Any])?["cybersecurityOption"] == nil)
        #expect(((plan["allocations"] as? [[String: Any]])?.first)?["cybersecurity"] == nil)
    }

    @Test func theITUReportsKeepTheITUWords() throws {
        let folder = try TemporaryDirectory()
        let scenario = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml").path
        let result = try AllotProcess.run(["solve", scenario, "--format", "markdown", "--quiet"])
        #expect(result.exitCode == 0)
        for words in ["# Appendix A. Allocation of resources (linkage with the financial plan)", "## A.1 Resources by Sector and thematic priority",
                      "Budget by Sector and product/service offering (CHF thousands)", "cybersecurity, as a standalone priority (Option 1): CHF "] {
            #expect(result.standardOutput.contains(words), "the ITU appendix lacks \(words)")
        }
        let html = try AllotProcess.run(["solve", scenario, "--format", "html", "--out", folder.url.appendingPathComponent("a.html").path, "--quiet"])
        #expect(html.exitCode == 0)
        let page = try String(contentsOf: folder.url.appendingPathComponent("a.html"), encoding: .utf8)
        #expect(page.contains("Attainment of the Connect 2030 targets") && page.contains("<div class=\"card\">Cybersecurity<b>CHF "))
    }

    @Test func versionNamesAllotAndGLPK() throws {
        let result = try AllotProcess.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.range(of: #"^allot \d+\.\d+\.\d+ \(GLPK \d+\.\d+\)\n$"#, options: .regularExpression) != nil, "\(result.standardOutput)")
    }
}
