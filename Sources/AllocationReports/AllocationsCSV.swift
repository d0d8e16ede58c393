import Allocation
import LPReports

extension AllocationPlan {
    /// Every line and year with exact figures: CHF thousands and FTE, full precision.
    public func allocationsCSV() -> String {
        let categories = scenario.staff.categories
        var lines = [CSV.row(["sector", "priority", "line", "offering", "year", "budget_chf_k"]
            + categories.map { "staff_\($0.id)_fte" } + ["staff_cost_chf_k", "cost_chf_k", "committed_chf_k", "cybersecurity"])]
        for line in self.lines {
            lines.append(CSV.row([line.sector, line.priority, line.line, line.offering, String(line.year), NumberText.exact(line.budget)]
                + categories.map { NumberText.exact(line.staff[$0.id] ?? 0) }
                + [NumberText.exact(line.staffCost), NumberText.exact(line.cost), NumberText.exact(line.committed), line.isCybersecurity ? "yes" : "no"]))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
