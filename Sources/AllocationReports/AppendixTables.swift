import Allocation

/// A two-way table of exact figures with row and column labels, the input of every Appendix A
/// table. Rendering rounds it with ``ControlledRounding`` so that it adds up as printed.
public struct CrossTable: Sendable {
    public enum Quantity: String, Sendable {
        /// The scenario's money (CHF thousands), printed in whole units.
        case money
        /// FTE, printed to one decimal.
        case staff
    }

    /// File stem for its CSV, e.g. `budget-by-sector-and-priority`.
    public let id: String
    public let title: String
    public let corner: String
    public let rowLabels: [String]
    public let columnLabels: [String]
    public let cells: [[Double]]
    public let quantity: Quantity
    /// How the figures are measured, said under the table.
    public let basis: String
    /// The unit of money the rounding rule names ("CHF thousands").
    public let moneyUnit: String
    /// What the organisation calls its sectors, for the rounding rule ("Sector").
    public let sectorWord: String
    /// Totals another table of the report prints first, which this one prints the same.
    public let keeping: PrintedMargins
    /// The table rounded with the totals it keeps (see ``ControlledRounding/round(_:unit:keepingWherePossible:)``),
    /// once: every rendering and every printed total reads it.
    public let rounded: RoundedTable

    public var unit: Double { quantity == .money ? 1 : 0.1 }

    /// The exact figures of a table, before it is rounded.
    struct Draft {
        var id: String
        var title: String
        var corner: String
        var rowLabels: [String]
        var columnLabels: [String]
        var cells: [[Double]]
        var quantity: Quantity
        var basis: String
        var moneyUnit: String
        var sectorWord: String

        var unit: Double { quantity == .money ? 1 : 0.1 }
    }

    /// `draft` rounded, once, keeping `margins`.
    init(_ draft: Draft, keeping margins: PrintedMargins) {
        id = draft.id
        title = draft.title
        corner = draft.corner
        rowLabels = draft.rowLabels
        columnLabels = draft.columnLabels
        cells = draft.cells
        quantity = draft.quantity
        basis = draft.basis
        moneyUnit = draft.moneyUnit
        sectorWord = draft.sectorWord
        keeping = margins
        rounded = ControlledRounding.round(draft.cells, unit: draft.unit, keepingWherePossible: margins)
    }

    /// The sentence under every rounded table.
    public var roundingRule: String {
        let grain = quantity == .money ? "whole \(moneyUnit)" : "tenths of an FTE"
        let table = rounded
        let kept = keeping == .none ? "" : " Totals that other tables print too (by \(sectorWord), year or overall) are rounded once and printed the same in each."
        let widened = table.slack == 0 ? "" : " To keep them, some figures of this table are sums of rounded figures and may differ from their exact values by up to \(Figures.decimal(Double(table.slack + 1) * unit, places: quantity == .money ? 0 : 1)) \(quantity == .money ? moneyUnit : "FTE")."
        return "Rounded to \(grain) by controlled rounding: each figure is its exact value rounded up or down, chosen so that every row and column adds up exactly to its printed total.\(kept)\(widened) Exact figures are in plan.json."
    }
}

extension AllocationPlan {
    /// The tables of the organisation's appendix ("Appendix A. Allocation of resources"), in
    /// reading order.
    public func appendixTables() -> [CrossTable] {
        guard !lines.isEmpty else { return [] }
        let words = scenario.organisation, money = words.money.unitName
        let sector = words.sector.singular, priority = words.priority.singular, offering = words.offering.singular
        let years = scenario.years
        let yearCount = Double(years.count)
        let sectors = scenario.sectors
        func table(
            _ id: String, _ title: String, corner: String, rows: [(key: String, label: String)], columns: [(key: String, label: String)],
            quantity: CrossTable.Quantity, basis: String, contribution: (PlanLine) -> [(row: String, column: String, amount: Double)]
        ) -> CrossTable.Draft {
            var cells = Array(repeating: Array(repeating: 0.0, count: columns.count), count: rows.count)
            let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.key, $0) })
            let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.key, $0) })
            for line in lines {
                for part in contribution(line) {
                    guard let row = rowIndex[part.row], let column = columnIndex[part.column] else { continue }
                    cells[row][column] += part.amount
                }
            }
            return CrossTable.Draft(id: id, title: title, corner: corner, rowLabels: rows.map(\.label), columnLabels: columns.map(\.label),
                              cells: cells, quantity: quantity, basis: basis, moneyUnit: money, sectorWord: sector)
        }
        let sectorRows = sectors.map { ($0.id, $0.name) }
        let priorityColumns = scenario.priorities.map { ($0.id, $0.name) }
        let offeringColumns = scenario.offerings.map { ($0.id, $0.name) }
        let yearColumns = years.map { (String($0), String($0)) }
        let bienniumColumns = scenario.biennia.map { ($0.id, $0.id) }
        let targetRows = scenario.targets.map { ($0.id, "\($0.id) \($0.name)") }
        let goalRows = scenario.goals.map { ($0.id, "Goal \($0.id): \($0.name)") }
        let goalOf = Dictionary(uniqueKeysWithValues: scenario.targets.map { ($0.id, $0.goal) })
        let bienniumOf = Dictionary(scenario.biennia.flatMap { biennium in biennium.years.map { ($0, biennium) } }, uniquingKeysWith: { first, _ in first })
        let moneyBasis = "Cost (non-staff budget plus the standard cost of staff), \(money), all years."
        let staffBasis = "Average FTE per year over \(years.first.map(String.init) ?? "")–\(years.last.map(String.init) ?? "")."
        let attributed = "Each line's cost or staff is attributed to targets in proportion to its contributions to their attainment."

        var tables = [
            table("budget-by-sector-and-priority", "Budget by \(sector) and \(priority) (\(money))", corner: words.sector.title,
                  rows: sectorRows, columns: priorityColumns, quantity: .money, basis: moneyBasis) { [($0.sector, $0.priority, $0.cost)] },
            table("fte-by-sector-and-priority", "Staff by \(sector) and \(priority) (FTE)", corner: words.sector.title,
                  rows: sectorRows, columns: priorityColumns, quantity: .staff, basis: staffBasis) { [($0.sector, $0.priority, $0.totalStaff / yearCount)] },
            table("budget-by-sector-and-offering", "Budget by \(sector) and \(offering) (\(money))", corner: words.sector.title,
                  rows: sectorRows, columns: offeringColumns, quantity: .money, basis: moneyBasis) { [($0.sector, $0.offering, $0.cost)] },
            table("fte-by-sector-and-offering", "Staff by \(sector) and \(offering) (FTE)", corner: words.sector.title,
                  rows: sectorRows, columns: offeringColumns, quantity: .staff, basis: staffBasis) { [($0.sector, $0.offering, $0.totalStaff / yearCount)] },
            table("budget-by-goal-and-year", "Budget by Goal and year, attributed (\(money))", corner: "Goal",
                  rows: goalRows, columns: yearColumns, quantity: .money, basis: attributed) { line in
                line.targetShares.map { (goalOf[$0.key] ?? "", String(line.year), line.cost * $0.value) }
            },
            table("budget-by-target-and-year", "Budget by target and year, attributed (\(money))", corner: "Target",
                  rows: targetRows, columns: yearColumns, quantity: .money, basis: attributed) { line in
                line.targetShares.map { ($0.key, String(line.year), line.cost * $0.value) }
            },
            table("fte-by-target-and-year", "Staff by target and year, attributed (FTE)", corner: "Target",
                  rows: targetRows, columns: yearColumns, quantity: .staff, basis: attributed) { line in
                line.targetShares.map { ($0.key, String(line.year), line.totalStaff * $0.value) }
            },
            table("budget-by-sector-and-year", "Budget by \(sector) and year (\(money))", corner: words.sector.title,
                  rows: sectorRows, columns: yearColumns, quantity: .money, basis: "Cost, \(money).") { [($0.sector, String($0.year), $0.cost)] },
            table("fte-by-sector-and-year", "Staff by \(sector) and year (FTE)", corner: words.sector.title,
                  rows: sectorRows, columns: yearColumns, quantity: .staff, basis: "FTE in each year.") { [($0.sector, String($0.year), $0.totalStaff)] },
        ]
        if !bienniumColumns.isEmpty && !scenario.biennia.isEmpty {
            tables.append(table("budget-by-sector-and-biennium", "Budget by \(sector) and biennium (\(money))", corner: words.sector.title,
                                rows: sectorRows, columns: bienniumColumns, quantity: .money, basis: "Cost, \(money).") { line in
                bienniumOf[line.year].map { [(line.sector, $0.id, line.cost)] } ?? []
            })
            tables.append(table("fte-by-sector-and-biennium", "Staff by \(sector) and biennium (FTE)", corner: words.sector.title,
                                rows: sectorRows, columns: bienniumColumns, quantity: .staff, basis: "Average FTE per year within each biennium.") { line in
                bienniumOf[line.year].map { [(line.sector, $0.id, line.totalStaff / Double($0.years.count))] } ?? []
            })
        }
        return Self.keepingPrintedTotals(tables, biennia: scenario.biennia, years: years)
    }

    /// Rounds once, then derives: the Sector × year tables are rounded first, and every other
    /// table that shows Sector totals, year totals or the grand total prints theirs. Average FTE
    /// per Sector (thematic priority and offering tables) is rounded once and shared.
    private static func keepingPrintedTotals(_ drafts: [CrossTable.Draft], biennia: [Biennium], years: [Int]) -> [CrossTable] {
        func draft(_ id: String) -> CrossTable.Draft? { drafts.first { $0.id == id } }
        func same(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($0)) }
        }
        var masters: [String: CrossTable] = [:]
        var margins: [String: PrintedMargins] = [:]
        for quantity in ["budget", "fte"] {
            guard let exact = draft("\(quantity)-by-sector-and-year") else { continue }
            let master = CrossTable(exact, keeping: .none)
            masters[master.id] = master
            let printed = master.rounded
            let exactYears = columnSums(exact.cells)
            for id in ["\(quantity)-by-goal-and-year", "\(quantity)-by-target-and-year"] {
                // Attributed tables leave out lines that move no target: their year totals are
                // then other figures, rounded on their own.
                guard let other = draft(id), same(columnSums(other.cells), exactYears) else { continue }
                margins[id] = PrintedMargins(columnTotals: printed.columnTotals, total: printed.total)
            }
            if quantity == "budget", draft("budget-by-sector-and-biennium") != nil {
                let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
                let bienniumTotals = biennia.map { $0.years.reduce(0) { $0 + (yearIndex[$1].map { printed.columnTotals[$0] } ?? 0) } }
                margins["budget-by-sector-and-biennium"] = PrintedMargins(rowTotals: printed.rowTotals, columnTotals: bienniumTotals, total: printed.total)
            }
            if quantity == "budget" {
                for id in ["budget-by-sector-and-priority", "budget-by-sector-and-offering"] where draft(id) != nil {
                    margins[id] = PrintedMargins(rowTotals: printed.rowTotals, total: printed.total)
                }
            } else if let first = draft("fte-by-sector-and-priority") {
                // Average FTE per year: another quantity than the FTE-years of the master, shared
                // by the priority and offering tables.
                let average = first.cells.map { $0.reduce(0, +) }
                let rounded = ControlledRounding.round(average, unit: first.unit)
                for id in ["fte-by-sector-and-priority", "fte-by-sector-and-offering"] where draft(id) != nil {
                    margins[id] = PrintedMargins(rowTotals: rounded.values, total: rounded.total)
                }
            }
        }
        return drafts.map { masters[$0.id] ?? CrossTable($0, keeping: margins[$0.id] ?? .none) }
    }
}

private func columnSums(_ cells: [[Double]]) -> [Double] {
    (0..<(cells.first?.count ?? 0)).map { column in cells.reduce(0) { $0 + $1[column] } }
}
