import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GLPKBackend
import Testing

@Suite("HTML reports")
struct HTMLReportTests {
    static let hostile = TestPaths.testScenarios.appendingPathComponent("tiny-hostile.yaml")

    static func pages() throws -> [(name: String, html: String)] {
        let scenario = try Scenario.load(hostile).scenario
        let baseline = try ScenarioDriver.solve(try Scenario.load(HandSolvedTests.tinyURL).scenario, with: GLPKSolver()).plan
        let plan = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        let comparison = try #require(PlanComparison(baseline: baseline, scenario: plan))
        let sweep = try ScenarioSweep.run(ScenarioSource(hostile), path: "envelopes.2025", from: 60, to: 140, steps: 5, with: GLPKSolver())
        return [("plan", plan.html(comparison: comparison, sweep: sweep)), ("comparison", comparison.html()), ("sweep", sweep.html())]
    }

    @Test func hostileNamesAreEscapedAndTheMarkupIsWellFormed() throws {
        for (name, html) in try Self.pages() {
            #expect(!html.contains("<script"), "\(name): raw <script>")
            #expect(!html.contains("<img"), "\(name): raw <img>")
            #expect(!html.contains("<b>bold"), "\(name): raw markup from a name")
            #expect(!html.contains("<unclosed"), "\(name)")
            if name != "sweep" { #expect(html.contains("&lt;script&gt;alert(&#39;plan&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"), "\(name)") }
            let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
            #expect(parser.parse(), "\(name) is not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        }
    }

    @Test func pagesAreSelfContained() throws {
        for (name, html) in try Self.pages() {
            for reference in ["http://", "https://", "@import", "<link", "<script", "<iframe", "<object"] {
                #expect(!html.contains(reference), "\(name) refers outside itself: \(reference)")
            }
            // Every literal "<" opens a real tag (text is escaped): no tag may load anything.
            let tags = html.components(separatedBy: "<").dropFirst().map { $0.prefix { $0 != ">" } }
            for tag in tags where tag.contains(" src=") || tag.contains(" href=") || tag.contains("xlink:href") {
                Issue.record("\(name): a tag refers outside the page: <\(tag)>")
            }
            let urls = html.components(separatedBy: "url(").dropFirst()
            #expect(urls.allSatisfy { $0.hasPrefix("#hatch") }, "\(name): only in-page patterns")
        }
    }

    @Test func chartsHaveTitlesAxisLabelsAndLegends() throws {
        let plan = try #require(try Self.pages().first { $0.name == "plan" }?.html)
        // The organisation's words, hostile ones included, escaped like any name.
        for label in ["Spending by <i>unit</i> & co, stacked by priority", "CHF thousands", "Attainment of the targets <script>x</script>",
                      "target value", "Change in spending, CHF thousands", "Weighted impact against envelopes.2025 (CHF thousands)"] {
            #expect(plan.contains(HTMLTextForTests.escape(label)), "missing \(label)")
        }
        #expect(plan.components(separatedBy: "<svg").count - 1 == 5)
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Every page prints on A4: a page rule, its title repeated on each page, each table's header
    /// row repeated where the table runs onto the next page, rows and charts never split.
    @Test func pagesPrintOnA4WithTheirTitleOnEveryPage() throws {
        for (name, html) in try Self.pages() {
            #expect(html.contains("@page{size:A4;"), "\(name)")
            #expect(html.contains("thead{display:table-header-group}") && html.contains("tr,li,svg,.cards{break-inside:avoid}"), "\(name)")
            // The title in every page's top margin, escaped for CSS: the hostile page's markup
            // cannot leave the style sheet.
            let style = try #require(html.components(separatedBy: "<style>").dropFirst().first?.components(separatedBy: "</style>").first)
            #expect(style.contains("@page{@top-left{content:\""), "\(name)")
            #expect(!style.contains("<") && !style.contains(">") && !style.contains("&"), "\(name): markup in the style sheet")
            let tables = html.components(separatedBy: "<table>").count - 1
            #expect(tables > 0 && html.components(separatedBy: "<thead><tr>").count - 1 == tables, "\(name): every table has its header row in <thead>")
        }
    }

    /// Chromium prints the appendix to A4 pages (its PDF's page boxes are 595 x 842 points).
    @Test(.enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium); the print check is skipped"))
    func chromiumPrintsTheAppendixOnA4() throws {
        let scratch = try TemporaryDirectory()
        let page = scratch.url.appendingPathComponent("plan.html"), pdf = scratch.url.appendingPathComponent("plan.pdf")
        try try Self.pages()[0].html.write(to: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium!)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(scratch.url.appendingPathComponent("profile").path)",
                             "--print-to-pdf=\(pdf.path)", page.absoluteString]
        process.standardError = Pipe()
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let document = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        let boxes = document.components(separatedBy: "/MediaBox [").dropFirst().compactMap { $0.components(separatedBy: "]").first }
        #expect(!boxes.isEmpty)
        for box in boxes {
            let numbers = box.split(separator: " ").compactMap { Double($0) }
            #expect(numbers.count == 4 && abs(numbers[2] - 595) < 1.5 && abs(numbers[3] - 842) < 1.5, "page box \(box)")
        }
    }

    /// A real browser: headless Chromium renders every page to PNG without console errors.
    @Test(.enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium); the browser check is skipped"))
    func chromiumRendersEveryPageWithoutConsoleErrors() throws {
        let scratch = try TemporaryDirectory()
        let folder = scratch.url
        for (name, html) in try Self.pages() {
            let page = folder.appendingPathComponent("\(name).html")
            let image = folder.appendingPathComponent("\(name).png")
            try html.write(to: page, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.chromium!)
            process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                                 "--user-data-dir=\(folder.appendingPathComponent("profile-\(name)").path)",
                                 "--window-size=1200,2400", "--screenshot=\(image.path)", page.absoluteString]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(name): chromium exited \(process.terminationStatus)")
            let size = (try? FileManager.default.attributesOfItem(atPath: image.path)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(name): no screenshot (\(size) bytes)")
            let console = log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
            #expect(console.isEmpty, "\(name): console messages: \(console)")
        }
    }
}

/// The same escaping the reports use, to look for labels as they appear in markup.
enum HTMLTextForTests {
    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}

@Suite("Sweeps")
struct SweepTests {
    @Test(arguments: ["envelopes.total", "envelopes.2026", "staff.ceiling.2025", "targets.2.1.weight", "sectors.ITUR.min_share"])
    func sweepEqualsIndependentColdSolves(path: String) throws {
        let source = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml"))
        let base = try #require(path == "envelopes.total" ? 661_000 : source.number(at: path))
        let result = try ScenarioSweep.run(source, path: path, from: base * 0.9, to: base * 1.1, steps: 7, with: GLPKSolver())
        #expect(result.points.count == 7)
        if path != "sectors.ITUR.min_share" { #expect(result.points.dropFirst().allSatisfy { $0.warm }, "\(path) re-solves warm") }
        for point in result.points {
            let overrides = try ScenarioSweep.overrides(path: path, value: point.value, base: try source.scenario().scenario, source: source)
            let cold = try ScenarioDriver.solve(try source.scenario(overrides: overrides).scenario, with: GLPKSolver()).plan
            let expected = try #require(cold.objective)
            let actual = try #require(point.objective)
            #expect(abs(actual - expected) <= 1e-9 * abs(expected), "\(path) at \(point.value): sweep \(actual), cold \(expected)")
        }
    }

    @Test func unknownPathNamesTheNearestValidPaths() throws {
        let source = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml"))
        #expect(throws: AnalysisError.self) { try ScenarioSweep.run(source, path: "envelope.2026", from: 1, to: 2, steps: 2, with: GLPKSolver()) }
        do {
            _ = try ScenarioSweep.run(source, path: "envelope.2026", from: 1, to: 2, steps: 2, with: GLPKSolver())
        } catch {
            #expect("\(error)" == "'envelope.2026' does not address a number in itu-2024-2027.yaml; nearest valid paths: envelopes.2026, envelopes.2024, envelopes.2025 (or envelopes.total, staff.ceiling.total)")
        }
    }
}
