import Allocation
import LPReports

extension PlanComparison {
    func signed(_ value: Double, _ format: (Double) -> String) -> String {
        NumberText.signed(format(value))
    }

    func percentText(_ share: Double?) -> String {
        // Sign from the printed (rounded) value, so that a tiny change never shows as "+0 %".
        share.map { signed(($0 * 1000).rounded() / 1000) { Figures.percent($0) } } ?? "new"
    }

    /// What the headline figure is, and why the plans' own objectives may not be compared.
    public var yardstickNote: String {
        let measure = "Both plans are valued with the baseline's weights: Σ over the baseline's targets of its weight × the plan's attainment, no penalties."
        guard !objectiveDifferences.isEmpty else { return measure + " Both plans are solved for this same objective." }
        return measure + " The scenario's own objective (\(Figures.number(objective)), the baseline's \(Figures.number(baselineObjective))) is not comparable: "
            + objectiveDifferences.joined(separator: "; ") + "."
    }

    /// A mover's spending as the plan's own Appendix A prints it, when it shows that total.
    private static func printed(_ totals: PrintedTotals?, _ mover: Mover) -> Double? {
        guard let totals else { return nil }
        switch mover.dimension {
        case "sector": return totals.moneyBySector[mover.key]
        case "priority": return totals.moneyByPriority[mover.key]
        case "offering": return totals.moneyByOffering[mover.key]
        case "biennium": return totals.moneyByBiennium[mover.key]
        case "year": return Int(mover.key).flatMap { totals.moneyByYear[$0] }
        default: return nil
        }
    }

    /// The headline figure against the baseline's: "1.838 against 1.854 (-0.0155, -0.8 %)".
    var impactChange: String {
        let relative = baselineImpactAtBaselineWeights == 0 ? nil : changeAtBaselineWeights / baselineImpactAtBaselineWeights
        return "\(Figures.number(impactAtBaselineWeights)) against \(Figures.number(baselineImpactAtBaselineWeights)) (\(signed(changeAtBaselineWeights, Figures.number)), \(percentText(relative)))"
    }

    /// A mover's spending in each plan as that plan's appendix prints it (a group present in
    /// one plan only is a move from or to zero); the printed change is their difference.
    func printedSpending(_ mover: Mover, printed: (baseline: PrintedTotals?, scenario: PrintedTotals?)) -> (baseline: Double, scenario: Double) {
        let before = Self.printed(printed.baseline, mover) ?? mover.baseline.rounded()
        let after = Self.printed(printed.scenario, mover) ?? mover.scenario.rounded()
        return (mover.baseline == 0 ? 0 : before, mover.scenario == 0 ? 0 : after)
    }

    /// A change of attainment in percentage points, as the comparison prints it.
    func points(_ change: Double) -> String {
        signed((change * 1000).rounded() / 10) { Figures.number($0) }
    }

    /// With the two plans' printed totals, each mover's spending prints as in that plan's
    /// appendix and the change is their difference.
    public func markdown(printed: (baseline: PrintedTotals?, scenario: PrintedTotals?) = (nil, nil)) -> String {
        let k = organisation.money.shortName
        let hasBiennia = movers.contains { $0.dimension == "biennium" }
        var parts = ["# \(scenarioName) compared with \(baselineName)\n", "- Impact at baseline weights: \(impactChange)\n- \(yardstickNote)\n"]
        parts.append(ReportTable(
            title: "Attainment of the targets",
            headers: ["Target", "Name", "Baseline", "Scenario", "Change (points)"],
            rows: targets.map { [$0.id, $0.name, Figures.percent($0.baselineAttainment), Figures.percent($0.attainment), points($0.change)] },
            numericColumns: [2, 3, 4], note: "Attainment = impact / scale; the change is in percentage points.").markdown(level: 2))
        parts.append(ReportTable(
            title: "Largest movers",
            headers: ["Dimension", "Name", "Baseline (\(k))", "Scenario (\(k))", "Change (\(k))", "Change", "Staff change (FTE)"],
            rows: movers.map { mover in
                let (baseline, scenario) = printedSpending(mover, printed: printed)
                return [organisation.dimensionTitle(mover.dimension), mover.name, Figures.money(baseline), Figures.money(scenario), signed(scenario - baseline, Figures.money), percentText(mover.percent),
                        signed(mover.staffChange, Figures.fte)]
            },
            numericColumns: [2, 3, 4, 5, 6],
            note: "Spending (cost) and staff by \(organisation.sector.singular), \(organisation.priority.singular), \(organisation.offering.singular)\(hasBiennia ? " and biennium" : "") over all years (staff in FTE-years), and by year, largest absolute change in spending first.").markdown(level: 2))
        return parts.joined(separator: "\n")
    }

    /// One row per compared total, exact figures (CHF thousands).
    /// Changes without the noise of their totals (``NumberText/difference(_:_:)``): an unchanged
    /// total reads 0, not -2.9e-11.
    public func csv(dialect: CSVDialect = .standard) -> String {
        let rows = movers.map { mover -> [CSVCell] in
            let change = NumberText.difference(mover.scenario, mover.baseline)
            return [.text(mover.dimension), .text(mover.key), .text(mover.name), .number(mover.baseline), .number(mover.scenario), .number(change),
                    .number(mover.baseline == 0 ? nil : UnitConverter.convert(change / mover.baseline, from: .share, to: .percentagePoint)),
                    .number(mover.baselineStaff), .number(mover.scenarioStaff), .number(NumberText.difference(mover.scenarioStaff, mover.baselineStaff))]
        }
        return CSV.table(header: ["dimension", "key", "name", "baseline", "scenario", "change", "change_percent", "baseline_fte", "scenario_fte", "fte_change"],
                         rows: rows, dialect: dialect)
    }

    public func json() -> JSONValue {
        .object([
            "baseline": .string(baselineName),
            "scenario": .string(scenarioName),
            "objective": .object(["baseline": .number(baselineObjective), "scenario": .number(objective), "change": .number(objectiveChange),
                                  "comparable": .bool(objectiveDifferences.isEmpty),
                                  "differences": .array(objectiveDifferences.map { .string($0) })]),
            "impactAtBaselineWeights": .object(["baseline": .number(baselineImpactAtBaselineWeights), "scenario": .number(impactAtBaselineWeights),
                                                "change": .number(changeAtBaselineWeights)]),
            "targets": .array(targets.map {
                .object(["target": .string($0.id), "name": .string($0.name), "baselineAttainment": .number($0.baselineAttainment),
                         "attainment": .number($0.attainment), "change": .number($0.change)])
            }),
            "movers": .array(movers.map {
                .object(["dimension": .string($0.dimension), "key": .string($0.key), "name": .string($0.name),
                         "baseline": .number($0.baseline), "scenario": .number($0.scenario), "change": .number($0.change),
                         "changePercent": .finite($0.percent.map { UnitConverter.convert($0, from: .share, to: .percentagePoint) }),
                         "baselineStaff": .number($0.baselineStaff), "staff": .number($0.scenarioStaff), "staffChange": .number($0.staffChange)])
            }),
        ])
    }
}
