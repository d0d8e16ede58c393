import Allocation
import AllocationReports
import Foundation
import LPReports

/// Every solved scenario of a run side by side, one column each: the figures a committee sets
/// next to each other (status, impact at baseline weights, attainment per target, spending and
/// staff by Sector and by year, unspent money).
struct SideBySide {
    struct Row {
        var label: String
        /// One value per solved scenario; nil where the scenario has no such figure.
        var values: [Double?]
        var format: (Double) -> String
        /// How a workbook shows it.
        var cellFormat: Spreadsheet.NumberFormat = .exact
        /// The figures as each scenario's own reports print them (rounded once there); nil
        /// where the exact value is formatted.
        var printed: [Double?]? = nil
    }

    var scenarios: [(file: String, plan: AllocationPlan)]
    var statuses: [String]
    var rows: [Row]

    init(_ summary: RunSummary) {
        scenarios = summary.entries.compactMap { entry in
            if case .solved(let plan, _) = entry.outcome, plan.objective != nil { (URL(fileURLWithPath: entry.file).lastPathComponent, plan) } else { nil }
        }
        statuses = scenarios.map(\.plan.termination.status)
        let plans = scenarios.map(\.plan)
        var rows: [Row] = []
        if let baseline = summary.baselinePlan {
            rows.append(Row(label: "Impact at baseline weights", values: plans.map { PlanComparison(baseline: baseline, scenario: $0)?.impactAtBaselineWeights },
                            format: { NumberText.format($0, significantDigits: 5) }))
        }
        rows.append(Row(label: "Own objective", values: plans.map(\.objective), format: { NumberText.format($0, significantDigits: 5) }))
        // Targets, Sectors and years in the baseline's order, then any only some scenarios have.
        func ordered<T: Hashable>(_ keys: (AllocationPlan) -> [T]) -> [T] {
            var seen: [T] = []
            for plan in (summary.baselinePlan.map { [$0] } ?? []) + plans { for key in keys(plan) where !seen.contains(key) { seen.append(key) } }
            return seen
        }
        let targetNames = Dictionary(plans.flatMap { $0.targets.map { ($0.id, $0.name) } }, uniquingKeysWith: { first, _ in first })
        for target in ordered({ $0.targets.map(\.id) }) {
            rows.append(Row(label: "Attainment \(target) \(targetNames[target] ?? "")", values: plans.map { plan in plan.targets.first { $0.id == target }?.attainment },
                            format: Figures.percent, cellFormat: .percent))
        }
        // Amounts are labelled in the scenarios' money; scenarios in different currencies say so.
        let moneys = Set(plans.map(\.scenario.organisation.money))
        let k = moneys.count == 1 ? moneys.first!.shortName : "each scenario's own money"
        let sectorNames = Dictionary(plans.flatMap { $0.scenario.sectors.map { ($0.id, $0.name) } }, uniquingKeysWith: { first, _ in first })
        let bySector = plans.map { Dictionary(uniqueKeysWithValues: $0.totalsBySector.map { ($0.key, $0) }) }
        let printed = plans.map { $0.printedTotals() }
        for sector in ordered({ $0.scenario.sectors.map(\.id) }) {
            rows.append(Row(label: "Spending \(sectorNames[sector] ?? sector) (\(k))", values: bySector.map { $0[sector]?.cost }, format: Figures.money, cellFormat: .money,
                            printed: printed.map { $0?.moneyBySector[sector] }))
            rows.append(Row(label: "Staff \(sectorNames[sector] ?? sector) (FTE-years)", values: bySector.map { $0[sector]?.staff }, format: Figures.fte, cellFormat: .fte,
                            printed: printed.map { $0?.fteYearsBySector[sector] }))
        }
        let byYear = plans.map { Dictionary(uniqueKeysWithValues: $0.totalsByYear.map { ($0.key, $0) }) }
        let envelopes = plans.map { Dictionary(uniqueKeysWithValues: $0.envelopeUse.map { ($0.year, $0) }) }
        for year in ordered({ $0.scenario.years }) {
            rows.append(Row(label: "Spending \(year) (\(k))", values: byYear.map { $0[String(year)]?.cost }, format: Figures.money, cellFormat: .money,
                            printed: printed.map { $0?.moneyByYear[year] }))
            rows.append(Row(label: "Staff \(year) (FTE)", values: byYear.map { $0[String(year)]?.staff }, format: Figures.fte, cellFormat: .fte,
                            printed: printed.map { $0?.fteByYear[year] }))
            rows.append(Row(label: "Unspent \(year) (\(k))", values: envelopes.map { $0[year]?.unspent }, format: Figures.money, cellFormat: .money,
                            printed: zip(printed, envelopes).map { totals, uses in uses[year].flatMap { use in totals?.unspent(use) } }))
        }
        self.rows = rows
    }

    var table: ReportTable {
        ReportTable(
            title: "All scenarios side by side",
            headers: ["Figure"] + scenarios.map(\.file),
            rows: [["Status"] + statuses] + rows.map { row in [row.label] + (row.printed ?? row.values).map { $0.map(row.format) ?? "-" } },
            numericColumns: Set(1...max(1, scenarios.count)),
            note: "Impact at baseline weights: the one figure comparable across scenarios. Attainment: impact / scale. Unspent: the year's envelope less its spending.")
    }

    /// The side-by-side table as a sheet: the figures as each scenario's reports print them,
    /// then every figure exact.
    var sheetRows: [[Spreadsheet.Cell]] {
        var sheet: [[Spreadsheet.Cell]] = [[.heading("All scenarios side by side")], [.heading("Figure")] + scenarios.map { .heading($0.file) }]
        sheet.append([.text("Status")] + statuses.map(Spreadsheet.Cell.text))
        sheet += figureRows(printed: true)
        sheet.append([])
        sheet.append([.heading("Exact figures")])
        sheet += figureRows(printed: false)
        sheet.append([])
        sheet.append([.text("Impact at baseline weights: the one figure comparable across scenarios. Attainment: impact / scale. Unspent: the year's envelope less its spending.")])
        return sheet
    }

    private func figureRows(printed: Bool) -> [[Spreadsheet.Cell]] {
        self.rows.map { row in
            [.text(row.label)] + ((printed ? row.printed : nil) ?? row.values).map { value in
                value.map { Spreadsheet.Cell.value($0, printed ? row.cellFormat : .exact) } ?? .text("-")
            }
        }
    }

    /// Exact figures, one row per figure and one column per scenario.
    func csv(dialect: CSVDialect) -> String {
        CSV.table(header: ["figure"] + scenarios.map(\.file),
                  rows: [["status"] + statuses.map(CSVCell.text)] + rows.map { row in [.text(row.label)] + row.values.map(CSVCell.number) },
                  dialect: dialect)
    }
}
