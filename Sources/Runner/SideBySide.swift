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

    var scenarios: [(file: String, plan: PlanFigures)]
    var statuses: [String]
    var rows: [Row]

    init(_ summary: RunReport) {
        scenarios = summary.entries.compactMap { entry in
            if entry.kind == .solved, let plan = entry.plan, plan.objective != nil { (URL(fileURLWithPath: entry.file).lastPathComponent, plan) } else { nil }
        }
        statuses = scenarios.map(\.plan.status)
        let plans = scenarios.map(\.plan)
        var rows: [Row] = []
        if summary.baseline != nil {
            rows.append(Row(label: "Impact at baseline weights", values: plans.map { $0.comparison?.impactAtBaselineWeights },
                            format: { NumberText.format($0, significantDigits: 5) }))
        }
        rows.append(Row(label: "Own objective", values: plans.map(\.objective), format: { NumberText.format($0, significantDigits: 5) }))
        // Targets, Sectors and years in the baseline's order, then any only some scenarios have.
        func ordered<T: Hashable>(_ keys: (PlanFigures) -> [T]) -> [T] {
            var seen: [T] = []
            for plan in (summary.baseline.map { [$0] } ?? []) + plans { for key in keys(plan) where !seen.contains(key) { seen.append(key) } }
            return seen
        }
        let targetNames = Dictionary(plans.flatMap { $0.targets.map { ($0.id, $0.name) } }, uniquingKeysWith: { first, _ in first })
        for target in ordered({ $0.targets.map(\.id) }) {
            rows.append(Row(label: "Attainment \(target) \(targetNames[target] ?? "")", values: plans.map { plan in plan.targets.first { $0.id == target }?.attainment },
                            format: Figures.percent, cellFormat: .percent))
        }
        // Amounts are labelled in the scenarios' money; scenarios in different currencies say so.
        let moneys = Set(plans.map(\.money))
        let k = moneys.count == 1 ? moneys.first!.shortName : "each scenario's own money"
        let sectorNames = Dictionary(plans.flatMap { $0.sectors.map { ($0.id, $0.name) } }, uniquingKeysWith: { first, _ in first })
        let bySector = plans.map { Dictionary(uniqueKeysWithValues: $0.sectors.map { ($0.id, $0) }) }
        for sector in ordered({ $0.sectors.map(\.id) }) {
            rows.append(Row(label: "Spending \(sectorNames[sector] ?? sector) (\(k))", values: bySector.map { $0[sector]?.cost }, format: Figures.money, cellFormat: .money,
                            printed: bySector.map { $0[sector]?.printedCost }))
            rows.append(Row(label: "Staff \(sectorNames[sector] ?? sector) (FTE-years)", values: bySector.map { $0[sector]?.staff }, format: Figures.fte, cellFormat: .fte,
                            printed: bySector.map { $0[sector]?.printedFTEYears }))
        }
        let byYear = plans.map { Dictionary(uniqueKeysWithValues: $0.years.map { ($0.year, $0) }) }
        for year in ordered({ $0.years.map(\.year) }) {
            rows.append(Row(label: "Spending \(year) (\(k))", values: byYear.map { $0[year]?.cost }, format: Figures.money, cellFormat: .money,
                            printed: byYear.map { $0[year]?.printedCost }))
            rows.append(Row(label: "Staff \(year) (FTE)", values: byYear.map { $0[year]?.staff }, format: Figures.fte, cellFormat: .fte,
                            printed: byYear.map { $0[year]?.printedFTE }))
            rows.append(Row(label: "Unspent \(year) (\(k))", values: byYear.map { $0[year]?.unspent }, format: Figures.money, cellFormat: .money,
                            printed: byYear.map { $0[year]?.printedUnspent }))
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
