import Allocation
import LPReports

/// The strategy bench's table, CSV and chart for one scenario.
public struct StrategyReport: Sendable {
    public var scenarioName: String
    /// The scenario's words and currency.
    public var organisation: Organisation
    public var results: [StrategyResult]
    /// Staff in whole posts: the optimiser's plans are MIP plans within the scenario's gap.
    public var wholePosts: Bool

    public init(scenarioName: String, organisation: Organisation, results: [StrategyResult], wholePosts: Bool = false) {
        self.scenarioName = scenarioName
        self.organisation = organisation
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
                + ["Expected regret", "Repair (\(organisation.money.shortName) moved)", "Limits broken"],
            rows: results.sorted { $0.rank < $1.rank }.map { result in
                [result.isRanked ? String(result.rank) : "-", result.strategy, number(result.weightedImpact), result.worstAttainment.isNaN ? "-" : Figures.percent(result.worstAttainment),
                 String(result.targetsBelowFloor)] + (distance ? [result.distanceFromPrevious.map(Figures.percent) ?? "-"] : [])
                    + [number(result.expectedRegret), repairText(result),
                       result.violations.isEmpty ? "none" : "\(result.violations.count): \(result.violations.prefix(2).joined(separator: "; "))\(result.violations.count > 2 ? "; …" : "")"]
            },
            numericColumns: distance ? [0, 2, 3, 4, 5, 6, 7] : [0, 2, 3, 4, 5, 6],
            note: "Every plan valued with the same impact model. Rank: only plans within every limit are ranked, by weighted impact; a plan that breaks a limit is listed after them with the limits it breaks. Repair: each rule's amounts moved by the least total change (\(organisation.money.unitName)) that keeps the hard limits (envelopes, fixed commitments, staff ceilings, each line's staff-cost and grade shares), the money moved spent on other lines of the same year where the limits allow; the optimiser's plans keep them by construction. Policy limits (\(organisation.sector.singular) and \(organisation.priority.singular) shares, change limits, deviation, staff mobility, offering minimums) are not repaired. Regret: mean over perturbed samples (effects ±20 %) of the sample optimum less the plan's value."
                + (distance ? "" : " No distance from the previous plan: the scenario has no previous_plan.")
                + (wholePosts ? " Staff in whole posts: the three optimiser plans and each sample's optimum are MIP plans within the scenario's gap (so a regret can be slightly negative); the heuristics' staff is not rounded to whole posts." : ""))
    }

    private func repairText(_ result: StrategyResult) -> String {
        if let failure = result.repairFailure { return "cannot: \(failure)" }
        return result.repairMoved.map(Figures.money) ?? "-"
    }

    public func csv(dialect: CSVDialect = .standard) -> String {
        let distance = hasDistance
        let rows = results.sorted(by: { $0.rank < $1.rank }).map { result -> [CSVCell] in
            [result.isRanked ? .integer(result.rank) : .number(nil), .text(result.strategy), .number(result.weightedImpact), .number(result.worstAttainment),
             .integer(result.targetsBelowFloor)] + (distance ? [.number(result.distanceFromPrevious)] : [])
                + [.number(result.expectedRegret), .number(result.repairMoved), .integer(result.violations.count)]
        }
        return CSV.table(header: ["rank", "strategy", "weighted_impact", "worst_attainment", "targets_below_floor"] + (distance ? ["distance_from_previous"] : [])
                            + ["expected_regret", "repair_moved", "limits_broken"],
                         rows: rows, dialect: dialect)
    }

    public func html() -> String {
        var page = HTMLPage(title: "Allocation strategies: \(scenarioName)")
        page.body.append(HTMLPage.heading("Allocation strategies on \(scenarioName)", level: 1))
        // The best is the best plan that keeps every limit: a plan that breaks limits is never drawn as best.
        let best = results.compactMap { $0.weightedImpact.isNaN || !$0.violations.isEmpty ? nil : $0.weightedImpact }.max()
            ?? results.compactMap { $0.weightedImpact.isNaN ? nil : $0.weightedImpact }.max() ?? 1
        // Bars in the table's unit (weighted impact), each with the table's figure; the share of the best in brackets.
        page.body.append(SVGChart.horizontalBars(
            title: "Weighted impact of each strategy against the best plan within every limit", xLabel: "Weighted impact (the same impact model for every plan)",
            bars: results.sorted { $0.rank < $1.rank }.map { result in
                let label = result.isRanked || result.weightedImpact.isNaN ? "\(result.isRanked ? "\(result.rank). " : "")\(result.strategy)"
                    : "\(result.strategy) (breaks \(result.violations.count) limit\(result.violations.count == 1 ? "" : "s"), not ranked)"
                guard !result.weightedImpact.isNaN else { return SVGChart.Bar(label: label, value: 0, text: "-") }
                let share = best > 0 ? " (\(Figures.percent(result.weightedImpact / best)) of the best)" : ""
                return SVGChart.Bar(label: label, value: result.weightedImpact, text: number(result.weightedImpact) + share)
            },
            axis: .number, reference: (best, "best within every limit: \(number(best))"), legend: "weighted impact"))
        page.body.append(HTMLPage.table(table()))
        return page.rendered()
    }
}
