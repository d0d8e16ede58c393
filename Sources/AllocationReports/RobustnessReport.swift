import Allocation
import LPReports

extension RobustnessResult {
    private func label(_ line: Line, _ scenario: Scenario?) -> String {
        scenario?.label(sector: line.sector, line: line.line, offering: line.offering) ?? "\(line.sector), \(line.line), \(line.offering)"
    }

    public func tables(scenario: Scenario? = nil) -> [ReportTable] {
        [
            ReportTable(
                title: "Regret of the baseline plan",
                headers: ["Samples", "Spread", "Seed", "Mean regret", "5th pct", "Median", "95th pct", "Baseline weighted impact"],
                rows: [[String(samples), Figures.percent(spread), String(seed), Figures.number(regret.mean), Figures.number(regret.p5),
                        Figures.number(regret.p50), Figures.number(regret.p95), Figures.number(baselineObjective)]],
                numericColumns: [0, 3, 4, 5, 6, 7],
                note: "Regret: weighted impact each sample's optimal plan gains over the baseline plan, both valued with that sample's effects."
                    + (failedSamples > 0 ? " \(failedSamples) samples had no optimal plan and are left out." : "")),
            ReportTable(
                title: "Target attainment under uncertainty",
                headers: ["Target", "Baseline", "Mean", "5th pct", "Median", "95th pct"],
                rows: targets.map { ["\($0.id) \($0.name)", Figures.percent($0.baseline), Figures.percent($0.attainment.mean),
                                     Figures.percent($0.attainment.p5), Figures.percent($0.attainment.p50), Figures.percent($0.attainment.p95)] },
                numericColumns: [1, 2, 3, 4, 5], note: nil),
            ReportTable(
                title: "Lines: probability of being funded and amount (\(organisation.money.unitName), all years)",
                headers: ["Line", "Funded in", "Baseline", "Mean", "5th pct", "Median", "95th pct"],
                rows: lines.map { [label($0, scenario), Figures.percent($0.fundedProbability), Figures.money($0.baselineAmount),
                                   Figures.money($0.amount.mean), Figures.money($0.amount.p5), Figures.money($0.amount.p50), Figures.money($0.amount.p95)] },
                numericColumns: [1, 2, 3, 4, 5, 6],
                note: "Each sample scales every (line, target) effect by its own factor drawn uniformly within ±\(Figures.percent(spread)), so every curve stays concave."),
        ]
    }

    public func markdown(scenario: Scenario? = nil) -> String {
        (["# Robustness of \(scenarioName)\n"] + tables(scenario: scenario).map { $0.markdown(level: 2) }).joined(separator: "\n")
    }

    public func text(scenario: Scenario? = nil) -> String {
        (["Robustness of \(scenarioName)\n"] + tables(scenario: scenario).map { $0.text() }).joined(separator: "\n")
    }

    public func json() -> JSONValue {
        func distribution(_ value: Distribution) -> JSONValue {
            .object(["mean": .finite(value.mean), "p5": .finite(value.p5), "p50": .finite(value.p50), "p95": .finite(value.p95)])
        }
        return .object([
            "scenario": .string(scenarioName), "samples": .integer(samples), "spread": .number(spread), "seed": .number(Double(seed)),
            "failedSamples": .integer(failedSamples), "baselineObjective": .number(baselineObjective), "regret": distribution(regret),
            "targets": .array(targets.map { .object(["target": .string($0.id), "name": .string($0.name), "baseline": .number($0.baseline),
                                                      "attainment": distribution($0.attainment)]) }),
            "lines": .array(lines.map { .object(["sector": .string($0.sector), "line": .string($0.line), "offering": .string($0.offering),
                                                 "fundedProbability": .number($0.fundedProbability), "baselineAmount": .number($0.baselineAmount),
                                                 "amount": distribution($0.amount)]) }),
        ])
    }

    /// How many of the plan's largest allocations the verdict follows.
    static let verdictLines = 10

    /// The plan's largest allocations (its lines with the most money over all years, at most
    /// ``verdictLines``), in table order among equals.
    var largestAllocations: [Line] {
        lines.enumerated().filter { $0.element.baselineAmount > 0 }
            .sorted { ($1.element.baselineAmount, $0.offset) < ($0.element.baselineAmount, $1.offset) }
            .prefix(Self.verdictLines).map(\.element)
    }

    /// One sentence for the Council: how often the plan's largest allocations stay funded when
    /// the impact estimates are off by the spread; nil when no sample solved or nothing is funded.
    public func verdict(scenario: Scenario? = nil) -> String? {
        let largest = largestAllocations
        guard samples > failedSamples, let least = largest.min(by: { $0.fundedProbability < $1.fundedProbability }) else { return nil }
        let mean = largest.reduce(0) { $0 + $1.fundedProbability } / Double(largest.count)
        let which = largest.count == 1 ? "The plan's largest allocation is" : "The plan's \(largest.count) largest allocations are"
        let how = mean >= 1 ? "funded in every sample" : "funded in \(Figures.percent(mean)) of samples\(largest.count == 1 ? "" : " on average")"
        var text = "\(which) \(how) when impact estimates are ±\(Figures.percent(spread)) off (\(samples - failedSamples) samples, seed \(seed))"
        if largest.count > 1, least.fundedProbability < 1 {
            text += "; the least sure of them, \(label(least, scenario)), in \(Figures.percent(least.fundedProbability))"
        }
        let uncertain = uncertainLines.count
        text += uncertain == 0 ? ". Every line is funded in all samples or in none."
            : ". Of all \(lines.count) lines, \(uncertain) \(uncertain == 1 ? "is" : "are") funded in some samples only."
        return text
    }

    /// At most this many lines in the funding-probability chart.
    static let chartedLines = 25

    /// Lines funded in some samples but not in all, the closest to even odds first (in table order
    /// among equals): the lines whose funding the uncertainty decides.
    var uncertainLines: [Line] {
        lines.enumerated()
            .filter { $0.element.fundedProbability > 0 && $0.element.fundedProbability < 1 }
            .sorted { (abs($0.element.fundedProbability - 0.5), $0.offset) < (abs($1.element.fundedProbability - 0.5), $1.offset) }
            .map(\.element)
    }

    /// How many lines are funded in every sample, in none and in some, so the chart of the last
    /// hides nothing.
    var fundingSentence: String {
        let always = lines.filter { $0.fundedProbability >= 1 }.count, never = lines.filter { $0.fundedProbability <= 0 }.count
        let uncertain = uncertainLines.count
        let shown = uncertain == 0 ? "."
            : uncertain > Self.chartedLines ? ": the chart shows the \(Self.chartedLines) closest to 50 %."
            : uncertain == 1 ? ": the chart shows it." : ": the chart shows them, the closest to 50 % first."
        return "Of the \(lines.count) lines, \(always) \(always == 1 ? "is" : "are") funded in every sample, \(never) in none and \(uncertain) in some samples only"
            + shown + " The last table lists every line."
    }

    /// The funding-probability chart and, when weight ranges are given, a tornado chart of them.
    public func html(scenario: Scenario? = nil, weights: [WeightRange] = []) -> String {
        var page = HTMLPage(title: "Robustness of \(scenarioName)")
        page.body.append(HTMLPage.heading("Robustness of \(scenarioName)", level: 1))
        page.body.append(HTMLPage.cards([("Samples", String(samples)), ("Spread", "±" + Figures.percent(spread)), ("Seed", String(seed)),
                                         ("Mean regret", Figures.number(regret.mean))]))
        page.body.append(HTMLPage.paragraph(fundingSentence))
        let uncertain = uncertainLines.prefix(Self.chartedLines)
        if !uncertain.isEmpty {
            page.body.append(SVGChart.horizontalBars(
                title: "Lines funded in some samples only: probability of being funded", xLabel: "Share of samples in which the line receives money",
                bars: uncertain.map { SVGChart.Bar(label: label($0, scenario), value: $0.fundedProbability, text: Figures.percent($0.fundedProbability)) },
                axis: .percent, reference: (1, "every sample"), legend: "funded in (share of samples)"))
        }
        if !weights.isEmpty {
            page.body.append(SVGChart.divergingBars(
                title: "Tornado: how far each weight may move with the same allocation", xLabel: "Change of the weight (the weights' own units, as in the sensitivity report)",
                items: weights.flatMap { range in
                    [("\(range.target) lower", range.lower - range.weight), ("\(range.target) upper", range.upper.isFinite ? range.upper - range.weight : 0)]
                }))
        }
        for table in tables(scenario: scenario) { page.body.append(HTMLPage.table(table)) }
        return page.rendered()
    }
}
