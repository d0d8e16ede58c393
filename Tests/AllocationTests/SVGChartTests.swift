import Allocation
@testable import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import Testing

/// A `<text>` of a chart as drawn: where it is anchored, how big, turned how far, and its lines.
struct DrawnText {
    var x: Double, y: Double, size: Double, bold: Bool, anchor: String, rotation: Double
    var lines: [String]

    /// Left and right ends of the widest line, from the same estimate the charts use.
    var extent: ClosedRange<Double> {
        let width = TextWidth.widest(lines, size: size, bold: bold)
        return switch anchor {
        case "middle": (x - width / 2)...(x + width / 2)
        case "end": (x - width)...x
        default: x...(x + width)
        }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let expression = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    /// Every text of one chart.
    static func all(in svg: String) -> [DrawnText] {
        matches(#"<text x="([-\d.]+)" y="([-\d.]+)" font-size="([\d.]+)" font-weight="(\w+)" text-anchor="(\w+)"([^>]*)>(.*?)</text>"#, in: svg).map { groups in
            let rotation = matches(#"rotate\(([-\d.]+)"#, in: groups[6]).first.map { Double($0[1])! } ?? 0
            let spans = matches("<tspan[^>]*>(.*?)</tspan>", in: groups[7]).map { unescape($0[1]) }
            return DrawnText(x: Double(groups[1])!, y: Double(groups[2])!, size: Double(groups[3])!, bold: groups[4] == "bold", anchor: groups[5],
                             rotation: rotation, lines: spans.isEmpty ? [unescape(groups[7])] : spans)
        }
    }

    /// The charts of a page.
    static func charts(in page: String) -> [String] {
        matches("<svg .*?</svg>", in: page).map { $0[0] }
    }

    static func width(of svg: String) -> Double {
        Double(matches(#"viewBox="0 0 ([\d.]+) "#, in: svg)[0][1])!
    }
}

@Suite("SVG charts")
struct SVGChartTests {
    @Test func widthsOfKnownStringsComeFromHelveticasAdvances() {
        // I T U - D space ( B D T ) = 278+611+722+333+722+278+333+667+722+611+333 thousandths of an em.
        #expect(abs(TextWidth.of("ITU-D (BDT)", size: 11) - 5.610 * 11) < 1e-9)
        #expect(abs(TextWidth.of("Hello", size: 10) - 22.78) < 1e-9)
        #expect(TextWidth.of("Développement", size: 11) == TextWidth.of("Developpement", size: 11), "an accent takes no room of its own")
        #expect(TextWidth.of("Attainment", size: 14, bold: true) > TextWidth.of("Attainment", size: 14))
        #expect(TextWidth.of("", size: 11) == 0)
    }

    @Test func longLabelsWrapAtWordBoundariesAndKeepEveryWord() {
        let short = "ITU-D (BDT), Applications, Capacity development"
        #expect(TextWidth.lines(short) == [short])
        let line = "ITU-R (BR), Spectrum & satellite orbits, Development and application of international regulations"
        let two = TextWidth.lines(line)
        #expect(two == ["ITU-R (BR), Spectrum & satellite orbits,", "Development and application of international regulations"],
                "split after the comma nearest the middle")
        let hostile = "A very long target name that goes on" + String(repeating: " and on", count: 20)
        let several = TextWidth.lines(hostile)
        #expect(several.count == 3)
        #expect(several.joined(separator: " ") == hostile, "every word kept, none cut")
        #expect(several.allSatisfy { $0.count <= TextWidth.wrapLength + 10 })
        let unbroken = String(repeating: "x", count: 80)
        #expect(TextWidth.lines(unbroken) == [unbroken], "no space: one whole line rather than a cut")
    }

    /// The label columns are measured: the longest label ends inside the chart, with no left cut
    /// like "ering: Development of…".
    @Test func everyChartLabelLiesInsideItsChart() throws {
        var pages = try HTMLReportTests.pages().map(\.html)
        pages.append(SVGChart.horizontalBars(
            title: "Long labels", xLabel: "Share", bars: [
                .init(label: "ITU-D (BDT), Enabling environment, Development of policy frameworks and knowledge products", value: 0.5, text: "50 %"),
                .init(label: "Offering: Development of policy frameworks and knowledge products, Provision of data and statistics and more", value: 1, text: "100 %"),
            ], axis: .percent, reference: (1, "every sample"), legend: "funded in (share of samples)"))
        pages.append(SVGChart.divergingBars(title: "Movers", xLabel: "Change in spending, CHF thousands",
                                            items: [("offering: Development of policy frameworks and knowledge products", -20_833), ("year: 2027", 1_200)]))
        var checked = 0
        for page in pages {
            for chart in DrawnText.charts(in: page) {
                let width = DrawnText.width(of: chart)
                for text in DrawnText.all(in: chart) where text.rotation == 0 {
                    #expect(text.extent.lowerBound >= 0 && text.extent.upperBound <= width, "\(text.lines) runs off a chart \(width) wide: \(text.extent)")
                    checked += 1
                }
                #expect(!chart.contains("…"), "a chart label is cut short")
            }
        }
        #expect(checked > 100)
    }

    @Test func categoryLabelsThatWouldCollideAreWrappedOrTurned() {
        let sectors = ["ITU-R (BR)", "ITU-T (TSB)", "ITU-D (BDT)", "General Secretariat"]
        #expect(SVGChart.categoryLabels(sectors, slot: 105) == .flat)
        let long = ["Radio Sector", "Standards Sector", "Development Sector", "General Secretariat", "Regional Offices"]
        #expect(SVGChart.categoryLabels(long, slot: 84) == .wrapped)
        let many = (1...8).map { "Telecommunication Development Sector, region \($0)" }
        #expect(SVGChart.categoryLabels(many, slot: 52.5) == .rotated)

        for categories in [sectors, long, many] {
            let chart = SVGChart.stackedBars(title: "Spending", xLabel: "Sector", yLabel: "CHF thousands", categories: categories,
                                             series: [("one", categories.map { _ in 100_000 }), ("two", categories.map { _ in 50_000 })])
            let labels = DrawnText.all(in: chart).filter { text in categories.contains(text.lines.joined(separator: " ")) }
            #expect(labels.count == categories.count)
            if labels.allSatisfy({ $0.rotation == 0 }) {
                for (left, right) in zip(labels, labels.dropFirst()) {
                    #expect(left.extent.upperBound + SVGChart.gap <= right.extent.lowerBound, "\(left.lines) overlaps \(right.lines)")
                }
            } else {
                // Parallel at 45°: the distance between neighbours across the text is their spacing × sin 45°.
                #expect(labels.allSatisfy { $0.rotation == -45 && $0.anchor == "end" })
                let across = (labels[1].x - labels[0].x) * 0.5.squareRoot()
                #expect(across >= SVGChart.labelSize * Double(labels.map(\.lines.count).max()!))
                #expect(labels.allSatisfy { $0.x - TextWidth.widest($0.lines, size: $0.size) * 0.5.squareRoot() >= 0 }, "turned labels start inside the chart")
            }
        }
    }

    /// A sweep of the total envelope from 165,000 to 3,000,000: ticks at round values, none overlapping.
    @Test func lineChartTicksOfLargeNumbersDoNotOverlap() {
        let points = (0...11).map { 165_000 + Double($0) * 2_835_000 / 11 }.map { (x: $0, y: min($0, 700_000) / 1000) }
        let chart = SVGChart.lineChart(title: "Spending by Sector against envelopes.total", xLabel: "envelopes.total (CHF thousands)",
                                       yLabel: "CHF thousands", series: [("ITU-D (BDT)", points)])
        let ticks = DrawnText.all(in: chart).filter { $0.y == 294 }
        #expect(ticks.map { $0.lines[0] } == ["1,000,000", "2,000,000", "3,000,000"])
        // Squeezed into 200 pixels, half-million steps would collide: the step widens instead.
        let squeezed = SVGChart.ticks(from: 165_000, to: 3_000_000, label: SVGChart.number) { ($0 - 165_000) / 2_835_000 * 200 }
        let positions = squeezed.map { ($0 - 165_000) / 2_835_000 * 200 }
        for index in squeezed.indices.dropFirst() {
            let room = (TextWidth.of(SVGChart.number(squeezed[index]), size: SVGChart.tickSize) + TextWidth.of(SVGChart.number(squeezed[index - 1]), size: SVGChart.tickSize)) / 2
            #expect(positions[index] - positions[index - 1] >= room + SVGChart.gap)
        }
        let crowded = SVGChart.ticks(from: 0, to: 3_000_000, label: SVGChart.number) { $0 / 3_000_000 * 120 }
        #expect(crowded.count >= 2 && crowded.count < Int(3_000_000 / SVGChart.tickStep(3_000_000)) + 1, "fewer ticks than the round step gives")
    }
}

@Suite("Funding-probability chart")
struct FundingChartTests {
    /// 45 lines: 10 funded in every sample, 5 in none, 30 in some; the chart shows the 25
    /// closest to 50 % and the sentence counts all three groups.
    @Test func theChartShowsOnlyTheLinesWhoseFundingIsUncertain() throws {
        let scenario = try Scenario.load(HandSolvedTests.tinyURL).scenario
        var result = try RobustnessAnalyzer.run(scenario, samples: 2, spread: 0.1, seed: 1, jobs: 1, with: GLPKSolver())
        let template = try #require(result.lines.first)
        let probabilities = Array(repeating: 1.0, count: 10) + Array(repeating: 0.0, count: 5) + (1...30).map { Double($0) / 31 }
        result.lines = probabilities.enumerated().map { index, probability in
            var line = template
            line.line = "line\(index)"
            line.fundedProbability = probability
            return line
        }
        let expected = result.lines.enumerated().filter { $0.element.fundedProbability > 0 && $0.element.fundedProbability < 1 }
            .sorted { abs($0.element.fundedProbability - 0.5) < abs($1.element.fundedProbability - 0.5) }.prefix(25).map { "line\($0.offset)" }
        let html = result.html()
        let chart = try #require(DrawnText.charts(in: html).first)
        let labels = DrawnText.all(in: chart).map { $0.lines.joined(separator: " ") }.filter { $0.hasPrefix("\(template.sector), line") }
        #expect(labels.map { $0.components(separatedBy: ", ")[1] } == expected)
        #expect(labels.count == 25)
        let values = DrawnText.matches(##"fill="#fff"/><text[^>]*>([^<]*)</text>"##, in: chart).map { $0[1] }
        #expect(values.count == 25 && !values.contains("100 %") && !values.contains("0 %"), "no line funded always or never is drawn: \(values)")
        #expect(html.contains("Of the 45 lines, 10 are funded in every sample, 5 in none and 30 in some samples only: the chart shows the 25 closest to 50 %."))
        #expect(!html.contains("attainment (impact / scale)"), "the legend says what the bars are")
        #expect(chart.contains("funded in (share of samples)"))
    }

    @Test func withNoUncertainLineThereIsNoChartButTheSentence() throws {
        let scenario = try Scenario.load(HandSolvedTests.tinyURL).scenario
        let result = try RobustnessAnalyzer.run(scenario, samples: 3, spread: 0, seed: 1, jobs: 1, with: GLPKSolver())
        let funded = result.lines.filter { $0.fundedProbability == 1 }.count
        let html = result.html()
        #expect(DrawnText.charts(in: html).isEmpty)
        #expect(html.contains("Of the \(result.lines.count) lines, \(funded) \(funded == 1 ? "is" : "are") funded in every sample, \(result.lines.count - funded) in none and 0 in some samples only."))
    }
}

@Suite("Chart units")
struct ChartUnitTests {
    static let baseline = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")

    /// The Sector chart stands next to the table of the budget by Sector and priority: it draws
    /// that table's printed figures, in CHF thousands, not CHF millions.
    @Test func theSectorChartDrawsTheTablesFiguresInCHFThousands() throws {
        let plan = try ScenarioDriver.solve(try Scenario.load(Self.baseline).scenario, with: GLPKSolver()).plan
        let html = plan.html()
        let chart = try #require(DrawnText.charts(in: html).first)
        #expect(chart.contains("CHF thousands") && !chart.contains("CHF millions"))
        let after = try #require(html.range(of: chart)).upperBound
        let tableHTML = html[after...].components(separatedBy: "</table>")[0]
        #expect(tableHTML.contains("Budget by Sector and thematic priority (CHF thousands)"))
        let rows = DrawnText.matches("<tr>(.*?)</tr>", in: tableHTML).map { row in
            DrawnText.matches("<t[dh][^>]*>(.*?)</t[dh]>", in: row[1]).map { DrawnText.unescape($0[1]) }
        }
        let headers = rows[0]
        let expected = Set(rows.dropFirst().filter { $0[0] != "Total" }.flatMap { row in
            (1..<headers.count - 1).filter { row[$0] != "0" }.map { "\(row[0]), \(headers[$0]): \(row[$0])" }
        })
        let drawn = Set(DrawnText.matches("<title>(.*?)</title>", in: chart).map { DrawnText.unescape($0[1]) })
        #expect(drawn.count > 10)
        #expect(drawn == expected, "bars not in the table: \(drawn.subtracting(expected)); cells not drawn: \(expected.subtracting(drawn))")
    }

    /// The sweep's table gives spending in CHF thousands; so does its chart.
    @Test func theSweepChartIsInTheTablesUnit() throws {
        let sweep = try ScenarioSweep.run(ScenarioSource(Self.baseline), path: "envelopes.total", from: 600_000, to: 700_000, steps: 3, with: GLPKSolver())
        #expect(sweep.table().headers.contains { $0.hasSuffix("(CHF k)") })
        let chart = try #require(DrawnText.charts(in: sweep.html()).last)
        #expect(chart.contains("CHF thousands, all years"))
        let largest = try #require(sweep.points.flatMap { $0.spendingBySector.values }.max())
        let ticks = DrawnText.all(in: chart).filter { $0.anchor == "end" }.compactMap { Double($0.lines[0].replacingOccurrences(of: ",", with: "")) }
        let top = try #require(ticks.max())
        #expect(top >= largest && top <= largest * 1.5, "the axis ends at a tick of \(top) for spending up to \(largest) CHF thousands")
    }
}
