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

    public func table() -> ReportTable {
        ReportTable(
            title: "Allocation strategies on \(scenarioName)",
            headers: ["Rank", "Strategy", "Weighted impact", "Worst attainment", "Targets below floor", "Distance from previous plan", "Expected regret", "Limits broken"],
            rows: results.sorted { $0.rank < $1.rank }.map { result in
                [String(result.rank), result.strategy, number(result.weightedImpact), result.worstAttainment.isNaN ? "-" : Figures.percent(result.worstAttainment),
                 String(result.targetsBelowFloor), result.distanceFromPrevious.isNaN ? "-" : Figures.percent(result.distanceFromPrevious),
                 number(result.expectedRegret), result.violations.isEmpty ? "none" : "\(result.violations.count): \(result.violations.prefix(2).joined(separator: "; "))\(result.violations.count > 2 ? "; …" : "")"]
            },
            numericColumns: [0, 2, 3, 4, 5, 6],
            note: "Every plan valued with the same impact model. Rank: plans within every limit first, then by weighted impact. Regret: mean over perturbed samples (effects ±20 %) of the sample optimum less the plan's value."
                + (wholePosts ? " Staff in whole posts: the three optimiser plans and each sample's optimum are MIP plans within the scenario's gap (so a regret can be slightly negative); the heuristics' staff is not rounded to whole posts." : ""))
    }

    public func csv() -> String {
        var lines = [CSV.row(["rank", "strategy", "weighted_impact", "worst_attainment", "targets_below_floor", "distance_from_previous", "expected_regret", "limits_broken"])]
        for result in results.sorted(by: { $0.rank < $1.rank }) {
            lines.append(CSV.row([String(result.rank), result.strategy, NumberText.exact(result.weightedImpact), NumberText.exact(result.worstAttainment),
                                  String(result.targetsBelowFloor), NumberText.exact(result.distanceFromPrevious), NumberText.exact(result.expectedRegret),
                                  String(result.violations.count)]))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public func html() -> String {
        var page = HTMLPage(title: "Allocation strategies: \(scenarioName)")
        page.body.append(HTMLPage.heading("Allocation strategies on \(scenarioName)", level: 1))
        let best = results.compactMap { $0.weightedImpact.isNaN ? nil : $0.weightedImpact }.max() ?? 1
        page.body.append(SVGChart.attainmentBars(
            title: "Weighted impact of each strategy, as a share of the best", xLabel: "Weighted impact relative to the best strategy",
            items: results.sorted { $0.rank < $1.rank }.map { ("\($0.rank). \($0.strategy)", $0.weightedImpact.isNaN ? 0 : $0.weightedImpact / best) },
            referenceLabel: "best"))
        page.body.append(HTMLPage.table(table()))
        return page.rendered()
    }
}
