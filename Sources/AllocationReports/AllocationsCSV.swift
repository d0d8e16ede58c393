import Allocation
import LPReports

extension AllocationPlan {
    /// Every line and year with exact figures: the scenario's money (CHF thousands: columns
    /// `..._chf_k`) and FTE, full precision; a `cybersecurity` column where the scenario has
    /// that option.
    public func allocationsCSV(dialect: CSVDialect = .standard) -> String {
        let categories = scenario.staff.categories
        let cyber = scenario.cybersecurity != nil, unit = scenario.organisation.money.columnSuffix
        let rows = lines.map { line -> [CSVCell] in
            [.text(line.sector), .text(line.priority), .text(line.line), .text(line.offering), .integer(line.year), .number(line.budget)]
                + categories.map { .number(line.staff[$0.id] ?? 0) }
                + [.number(line.staffCost), .number(line.cost), .number(line.committed)] + (cyber ? [line.isCybersecurity ? "yes" : "no"] : [])
        }
        return CSV.table(header: ["sector", "priority", "line", "offering", "year", "budget_\(unit)"] + categories.map { "staff_\($0.id)_fte" }
                            + ["staff_cost_\(unit)", "cost_\(unit)", "committed_\(unit)"] + (cyber ? ["cybersecurity"] : []),
                         rows: rows, dialect: dialect)
    }
}
