import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GLPKBackend
import LinearModel
import Runner
import Testing

/// The one-page executive summary and the HTML sensitivity section, on the shipped ITU scenarios.
@Suite("Executive summary")
struct ExecutiveSummaryTests {
    static func solved(_ name: String) throws -> (plan: AllocationPlan, sensitivity: PlanSensitivity) {
        let scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent(name)).scenario
        let solver = GLPKSolver()
        let sensitivity = try SensitivityAnalyzer.analyze(try ScenarioDriver.solve(scenario, with: solver), with: solver)
        return (sensitivity.plan, sensitivity)
    }

    /// The limits a committee sets, written out here rather than read from the code under test.
    static let committeeKinds: Set<ConstraintMeaning.Kind> = [
        .annualEnvelope, .biennialEnvelope, .staffCeiling, .sectorStaffCeiling, .fixedCommitment,
        .sectorFloor, .sectorCeiling, .priorityFloor, .priorityCeiling, .offeringFloor,
    ]

    /// Ranked by what CHF 1 million's worth of each limit buys: an FTE at the year's average
    /// standard cost (2024: (232 + 150) / 2 = CHF 191k), a percentage point of a share at the
    /// spending it moves (a hundredth of the year's spending), money as it is.
    @Test func namesTheThreeCommitteeLimitsThatBuyMostPerMillion() throws {
        let (plan, sensitivity) = try Self.solved("itu-2024-2027.yaml")
        let page = ExecutiveSummary(plan: plan, sensitivity: sensitivity, isBaseline: true)
        let spending = Dictionary(grouping: plan.lines, by: \.year).mapValues { $0.reduce(0) { $0 + $1.cost } / 1000 }
        let averageFTE = [2024: 0.191, 2025: 0.1945, 2026: 0.198, 2027: 0.2015]
        func perMillion(_ price: LimitPrice) -> Double? {
            let year = Int(price.description.split(separator: " ").compactMap { Int($0.prefix(4)) }.first { $0 >= 2024 && $0 <= 2027 } ?? 0)
            switch price.unit {
            case .lpMoney: return price.shadowPrice
            case .fte: return averageFTE[year].map { price.shadowPrice / $0 }
            case .percentagePoint: return spending[year].map { price.shadowPrice * 100 / $0 }
            default: return nil
            }
        }
        let committee = sensitivity.prices.filter { Self.committeeKinds.contains($0.kind) && $0.shadowPrice != 0 }
        for price in committee where [.annualEnvelope, .staffCeiling, .sectorFloor, .sectorCeiling, .priorityFloor, .priorityCeiling].contains(price.kind) {
            let expected = try #require(perMillion(price), "\(price.description)")
            #expect(abs((price.pricePerMillion ?? .nan) - expected) <= 1e-6 * abs(expected), "\(price.description): \(price.pricePerMillion ?? .nan) against \(expected)")
        }
        let expected = committee.sorted { abs($0.pricePerMillion ?? 0) > abs($1.pricePerMillion ?? 0) }.prefix(3)
        #expect(page.tightestLimits.map(\.constraint) == expected.map(\.constraint))
        // No input-mix row of a single line outranks them, whatever its price.
        #expect(page.tightestLimits.allSatisfy { Self.committeeKinds.contains($0.kind) })
        #expect(page.tightestLimits.first?.description == "Staff ceiling 2024 (452 FTE)")
        #expect(abs((page.tightestLimits.first?.pricePerMillion ?? 0) - 0.0003867 / 0.191) < 1e-6)
        let markdown = page.markdown()
        let section = try #require(markdown.components(separatedBy: "## The three tightest limits").last?.components(separatedBy: "## ").first)
        let named = section.split(separator: "\n").filter { $0.hasPrefix("- ") }
        #expect(named.count == 3)
        for (line, price) in zip(named, expected) { #expect(line.hasPrefix("- \(price.description): "), "\(line)") }
        #expect(named[0].contains("one more FTE adds 0.0003867 of weighted impact (attainment: 1.1 +0.02175 points"))
        #expect(named[0].contains("this rate holds for the first 0.4 FTE more"))
        // A floor is relaxed by lowering it: its target terms turn sign.
        var floor = ExecutiveSummary(plan: plan, sensitivity: sensitivity, isBaseline: true)
        floor.sensitivity?.prices = sensitivity.prices.filter { $0.description == "International numbering resources at least 3 % of spending in 2024" }
        #expect(floor.markdown().contains("- International numbering resources at least 3 % of spending in 2024: one percentage point less adds 0.002238 of weighted impact (attainment: 1.1 +0.05342 points"))
        #expect(sensitivity.sentences().contains { $0.hasPrefix("International numbering resources at least 3 % of spending in 2024: one more percentage point costs 0.002238 of weighted impact (attainment: 1.1 -0.05342 points") })
    }

    /// An envelope and a staff ceiling read in CHF 1 million and FTE.
    @Test func moneyAndStaffLimitsSayWhatOneMoreMillionOrFTEBuys() throws {
        let (plan, sensitivity) = try Self.solved("itu-2024-2027.yaml")
        func page(_ kind: ConstraintMeaning.Kind) -> String {
            var only = sensitivity
            only.prices = sensitivity.prices.filter { $0.kind == kind }
            return ExecutiveSummary(plan: plan, sensitivity: only, isBaseline: true).markdown()
        }
        #expect(page(.annualEnvelope).contains("- Annual envelope 2026 (CHF 165,000k): one more CHF 1 million adds 0.001298 of weighted impact (attainment: 2.7 +0.02196 points, 1.2 +0.01844 points, 2.1 +0.01831 points (and 7 more targets by less)); this rate holds for the first CHF 243k more."))
        #expect(page(.staffCeiling).contains("- Staff ceiling 2024 (452 FTE): one more FTE adds 0.0003867 of weighted impact (attainment: 1.1 +0.02175 points"))
    }

    /// Headline, movers and unspent money print as the appendix and the comparison print them.
    @Test func headlineAndChangesAreTheAppendixFigures() throws {
        let baseline = try Self.solved("itu-2024-2027.yaml")
        let (plan, sensitivity) = try Self.solved("itu-staff-freeze.yaml")
        let comparison = try #require(PlanComparison(baseline: baseline.plan, scenario: plan))
        let page = ExecutiveSummary(plan: plan, sensitivity: sensitivity, baseline: baseline.plan)
        let markdown = page.markdown()
        let html = page.html()
        let appendix = plan.html(comparison: comparison)
        let printed = try #require(plan.printedTotals())
        for card in ["<div class=\"card\">Total spending<b>CHF 655,015k</b></div>", "<div class=\"card\">Staff (average per year)<b>438.5 FTE</b></div>",
                     "<div class=\"card\">Impact at baseline weights<b>\(Figures.number(comparison.impactAtBaselineWeights))</b></div>"] {
            #expect(appendix.contains(card), "the appendix lacks \(card)")
            #expect(html.contains(card), "the page lacks \(card)")
        }
        #expect(Figures.money(printed.money) == "655,015" && Figures.number(comparison.impactAtBaselineWeights) == "1.838")
        #expect(markdown.contains("Impact at baseline weights 1.838 against 1.854 (-0.01593, -0.9 %) for ITU 2024-2027 baseline."))
        // The largest spending move, as comparison.md prints it.
        let comparisonMarkdown = comparison.markdown(printed: (baseline.plan.printedTotals(), printed))
        #expect(comparisonMarkdown.contains("| Thematic priority | Applications | 96,451 | 105,523 | +9,072 | +9.4 % |"))
        #expect(markdown.contains("- Thematic priority Applications: CHF 96,451k to CHF 105,523k (+9,072k, +9.4 %)"))
        #expect(comparisonMarkdown.contains("| 1.1 | Universal broadband coverage | 22.3 % | 21.7 % | -0.6 |"))
        #expect(markdown.contains("- Target 1.1 Universal broadband coverage: 22.3 % to 21.7 % attainment (-0.6 points)"))
        // Unspent money: the envelope table's total and A.7's sentence, its limits without prices.
        #expect(plan.envelopeTable().rows.last == ["Total", "661,000", "655,015", "5,985", "0.9 %"])
        #expect(markdown.contains("CHF 5,985k of the CHF 661,000k of envelopes is left unspent over 2024–2027 (0.9 %)."))
        #expect(markdown.contains("- 2027: CHF 5,985k of the CHF 166,000k envelope (3.6 %) is left unspent; what keeps it from being spent: Staff ceiling 2027 (425 FTE); "))
        #expect(plan.unspentSentences().first?.hasPrefix("2027: CHF 5,985k of the CHF 166,000k envelope (3.6 %) is left unspent; what keeps it from being spent: Staff ceiling 2027 (425 FTE) (price ") == true)
        // Unfunded lines, their years together.
        #expect(markdown.contains("16 allowed line-years receive no money"))
        #expect(markdown.contains("- ITU-T (TSB), Cybersecurity, Development of international standards (2024, 2025, 2026, 2027): funded once its effectiveness rises by 18.6 % to 26.4 %"))
        #expect(markdown.contains("Not assessed for this page"))
    }

    @Test func theBaselineSaysItIsTheBaseline() throws {
        let (plan, sensitivity) = try Self.solved("itu-2024-2027.yaml")
        let markdown = ExecutiveSummary(plan: plan, sensitivity: sensitivity, isBaseline: true).markdown()
        #expect(markdown.contains("This plan is the baseline"))
        #expect(markdown.contains("| 1.854 | CHF 661,000k | 447.8 FTE | CHF 0k |"))
        #expect(markdown.contains("Every year spends its envelope to within 0.05 %: CHF 0k of the CHF 661,000k of envelopes is left unspent over 2024–2027 (0 %)."))
        #expect(markdown.contains("- ITU-R (BR), Spectrum & satellite orbits, Provision of data and statistics (2027): funded once its effectiveness rises by 3.2 %"))
    }

    /// The verdict follows the plan's ten largest allocations, read here from the result itself.
    @Test func robustnessVerdictWhenOneIsComputed() throws {
        let scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-staff-freeze.yaml")).scenario
        let result = try RobustnessAnalyzer.run(scenario, samples: 12, spread: 0.6, seed: 7, jobs: 2, with: GLPKSolver())
        let (plan, sensitivity) = try Self.solved("itu-staff-freeze.yaml")
        let largest = result.lines.filter { $0.baselineAmount > 0 }.sorted { $0.baselineAmount > $1.baselineAmount }.prefix(10)
        let mean = largest.reduce(0) { $0 + $1.fundedProbability } / Double(largest.count)
        let verdict = try #require(result.verdict(scenario: scenario))
        let how = mean >= 1 ? "funded in every sample" : "funded in \(Figures.percent(mean)) of samples on average"
        #expect(verdict.hasPrefix("The plan's 10 largest allocations are \(how) when impact estimates are ±60 % off (\(12 - result.failedSamples) samples, seed 7)"), "\(verdict)")
        let uncertain = result.lines.filter { $0.fundedProbability > 0 && $0.fundedProbability < 1 }.count
        #expect(verdict.hasSuffix(uncertain == 0 ? "Every line is funded in all samples or in none." : "\(uncertain) \(uncertain == 1 ? "is" : "are") funded in some samples only."), "\(verdict)")
        let page = ExecutiveSummary(plan: plan, sensitivity: sensitivity, robustness: result)
        #expect(page.markdown().contains("## Robustness\n\n" + verdict))
        #expect(page.html().contains(HTMLText.escape(verdict)))
        #expect(page.markdown().contains("No baseline to compare with"))
    }

    @Test func noScientificNotationAndWellFormedMarkup() throws {
        let baseline = try Self.solved("itu-2024-2027.yaml").plan
        for name in ["itu-2024-2027.yaml", "itu-maximin.yaml", "itu-whole-posts.yaml"] {
            let (plan, sensitivity) = try Self.solved(name)
            let page = ExecutiveSummary(plan: plan, sensitivity: sensitivity, baseline: baseline, isBaseline: name == "itu-2024-2027.yaml")
            // The sensitivity section of the appendix; the appendix's optimality line above it
            // states residuals such as 2e-13 on purpose.
            let section = try #require(plan.html(sensitivity: sensitivity).components(separatedBy: "<h2>Appendix A — sensitivity</h2>").last)
            // Text only: the style sheet's colours (#e8e8e8) are not numbers.
            for text in [page.markdown(), page.html().components(separatedBy: "</style>").last!, section] {
                #expect(text.range(of: #"[0-9][eE][-+]?[0-9]"#, options: .regularExpression) == nil, "\(name): scientific notation")
                #expect(text.range(of: #"\b(nan|NaN|inf|infinity)\b"#, options: .regularExpression) == nil, "\(name): a number that is not one")
            }
            for html in [page.html(), plan.html(sensitivity: sensitivity)] {
                let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
                #expect(parser.parse(), "\(name) is not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
            }
        }
    }

    @Test func htmlAppendixCarriesTheSensitivitySection() throws {
        let (plan, sensitivity) = try Self.solved("itu-staff-freeze.yaml")
        let html = plan.html(sensitivity: sensitivity)
        #expect(!plan.html().contains("Appendix A — sensitivity"))
        #expect(html.contains("<h2>Appendix A — sensitivity</h2>"))
        for sentence in sensitivity.sentences() + sensitivity.unfundedSentences() {
            #expect(html.contains("<li>\(HTMLText.escape(sentence))</li>"), "missing: \(sentence.prefix(80))")
        }
        for table in [sensitivity.priceTable(), sensitivity.unfundedTable(), sensitivity.weightTable()] {
            #expect(html.contains("<caption>\(HTMLText.escape(table.title))</caption>"))
            for row in table.rows {
                let cells = row.enumerated().map { index, cell in
                    table.numericColumns.contains(index) ? "<td class=\"n\">\(HTMLText.escape(cell))</td>" : "<td>\(HTMLText.escape(cell))</td>"
                }
                #expect(html.contains("<tr>" + cells.joined() + "</tr>"), "\(table.title): \(row[0])")
            }
        }
        // The annex of single lines' input mix is there, folded away.
        let annex = sensitivity.annexTable()
        #expect(annex.rows.count > 100)
        let folded = try #require(html.components(separatedBy: "<details>").last)
        #expect(folded.hasPrefix("\n<summary>Annex: input mix of single lines (\(annex.rows.count) rows)</summary>"))
        #expect(folded.contains("<caption>Annex: input mix of single lines</caption>") && folded.contains("</details>"))
    }

    /// Printed by headless Chromium to PDF: one A4 page, for the longest shipped pages.
    @Test(.enabled(if: HTMLReportTests.chromium != nil, "Chromium is not installed (apt-get install chromium); the one-page check is skipped"))
    func printsOnOneA4Page() throws {
        let baseline = try Self.solved("itu-2024-2027.yaml").plan
        let scratch = try TemporaryDirectory()
        let robustness = try RobustnessAnalyzer.run(
            try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-tight-staff-freeze.yaml")).scenario,
            samples: 4, spread: 0.2, seed: 1, jobs: 2, with: GLPKSolver())
        for name in ["itu-2024-2027.yaml", "itu-tight-staff-freeze.yaml", "itu-maximin.yaml"] {
            let (plan, sensitivity) = try Self.solved(name)
            let page = ExecutiveSummary(plan: plan, sensitivity: sensitivity, baseline: baseline, isBaseline: name == "itu-2024-2027.yaml",
                                        robustness: name == "itu-tight-staff-freeze.yaml" ? robustness : nil)
            let file = scratch.url.appendingPathComponent("\(name).html"), pdf = scratch.url.appendingPathComponent("\(name).pdf")
            try page.html().write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: HTMLReportTests.chromium!)
            process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                 "--user-data-dir=\(scratch.url.appendingPathComponent("profile-\(name)").path)",
                                 "--print-to-pdf=\(pdf.path)", file.absoluteString]
            process.standardError = Pipe()
            process.standardOutput = Pipe()
            try process.run()
            process.waitUntilExit()
            let data = try Data(contentsOf: pdf)
            let text = String(decoding: data, as: UTF8.self)
            // A PDF's page tree states its page count; the largest /Count is the root's.
            let counts = text.components(separatedBy: "/Count ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
            #expect(counts.max() == 1, "\(name) prints on \(counts.max() ?? 0) pages")
            #expect(text.contains("/MediaBox [0 0 594.95996 841.91998]"), "\(name): not A4")
        }
    }
}
