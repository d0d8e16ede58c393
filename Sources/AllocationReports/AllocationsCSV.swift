import Allocation
import LPReports

extension AllocationPlan {
    /// Every line and year with exact figures: CHF thousands and FTE, full precision.
    public func allocationsCSV(dialect: CSVDialect = .standard) -> String {
        let categories = scenario.staff.categories
        let rows = lines.map { line -> [CSVCell] in
            [.text(line.sector), .text(line.priority), .text(line.line), .text(line.offering), .integer(line.year), .number(line.budget)]
                + categories.map { .number(line.staff[$0.id] ?? 0) }
                + [.number(line.staffCost), .number(line.cost), .number(line.committed), line.isCybersecurity ? "yes" : "no"]
        }
        return CSV.table(header: ["sector", "priority", "line", "offering", "year", "budget_chf_k"] + categories.map { "staff_\($0.id)_fte" }
                            + ["staff_cost_chf_k", "cost_chf_k", "committed_chf_k", "cybersecurity"],
                         rows: rows, dialect: dialect)
    }
}
