import Allocation
import LPReports

/// The strategy bench's table, CSV and chart for one scenario.
public struct StrategyReport: Sendable {
    public var scenarioName: String
    public var results: [StrategyResult]
    /// Staff in whole posts: the optimiser's plans are MIP plans within the scenario's gap.
    public var wholePosts: Bool

    public init(scenarioName: String, results: [StrategyResult], wholePosts: Bool = false) {
        self.scenarioName = scenarioName
        self.results = results
        self.wholePosts = wholePosts
    }

    private func number(_ value: Double) -> String { value.isNaN ? "-" : Figures.number(value) }

    /// Without a previous plan in the scenario there is nothing to measure a distance from.
    private var hasDistance: Bool { results.contains { $0.distanceFromPrevious != nil } }

    public func table() -> ReportTable {
        let distance = hasDistance
        return ReportTable(
            title: "Allocation strategies on \(scenarioName)",
            headers: ["Rank", "Strategy", "Weighted impact", "Worst attainment", "Targets below floor"] + (distance ? ["Distance from previous plan"] : [])
                + ["Expected regret", "Limits broken"],
            rows: results.sorted { $0.rank < $1.rank }.map { result in
                [String(result.rank), result.strategy, number(result.weightedImpact), result.worstAttainment.isNaN ? "-" : Figures.percent(result.worstAttainment),
                 String(result.targetsBelowFloor)] + (distance ? [result.distanceFromPrevious.map(Figures.percent) ?? "-"] : [])
                    + [number(result.expectedRegret), result.violations.isEmpty ? "none" : "\(result.violations.count): \(result.violations.prefix(2).joined(separator: "; "))\(result.violations.count > 2 ? "; …" : "")"]
            },
            numericColumns: distance ? [0, 2, 3, 4, 5, 6] : [0, 2, 3, 4, 5],
            note: "Every plan valued with the same impact model. Rank: plans within every limit first, then by weighted impact. Regret: mean over perturbed samples (effects ±20 %) of the sample optimum less the plan's value."
                + (distance ? "" : " No distance from the previous plan: the scenario has no previous_plan.")
                + (wholePosts ? " Staff in whole posts: the three optimiser plans and each sample's optimum are MIP plans within the scenario's gap (so a regret can be slightly negative); the heuristics' staff is not rounded to whole posts." : ""))
    }

    public func csv() -> String {
        let distance = hasDistance
        var lines = [CSV.row(["rank", "strategy", "weighted_impact", "worst_attainment", "targets_below_floor"] + (distance ? ["distance_from_previous"] : [])
            + ["expected_regret", "limits_broken"])]
        for result in results.sorted(by: { $0.rank < $1.rank }) {
            lines.append(CSV.row([String(result.rank), result.strategy, NumberText.exact(result.weightedImpact), NumberText.exact(result.worstAttainment),
                                  String(result.targetsBelowFloor)] + (distance ? [result.distanceFromPrevious.map(NumberText.exact) ?? ""] : [])
                                 + [NumberText.exact(result.expectedRegret), String(result.violations.count)]))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public func html() -> String {
        var page = HTMLPage(title: "Allocation strategies: \(scenarioName)")
        page.body.append(HTMLPage.heading("Allocation strategies on \(scenarioName)", level: 1))
        // The best is the best plan that keeps every limit: a plan that breaks limits is never drawn as best.
        let best = results.compactMap { $0.weightedImpact.isNaN || !$0.violations.isEmpty ? nil : $0.weightedImpact }.max()
            ?? results.compactMap { $0.weightedImpact.isNaN ? nil : $0.weightedImpact }.max() ?? 1
        page.body.append(SVGChart.attainmentBars(
            title: "Weighted impact of each strategy, as a share of the best plan within every limit", xLabel: "Weighted impact relative to the best plan within every limit",
            items: results.sorted { $0.rank < $1.rank }.map { result in
                let label = "\(result.rank). \(result.strategy)" + (result.violations.isEmpty || result.weightedImpact.isNaN ? "" : " (breaks \(result.violations.count) limits)")
                return (label, result.weightedImpact.isNaN ? 0 : result.weightedImpact / best)
            },
            referenceLabel: "best within limits", legend: "weighted impact / best within every limit"))
        page.body.append(HTMLPage.table(table()))
        return page.rendered()
    }
}
