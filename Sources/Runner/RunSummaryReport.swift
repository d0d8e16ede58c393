import Allocation
import AllocationReports
import Foundation
import LPReports

extension RunSummary {
    private func status(_ entry: RunEntry) -> String {
        switch entry.outcome {
        case .solved(let plan, _): plan.termination.status
        case .failed: "invalid or failed"
        case .notRun: "not run (interrupted)"
        }
    }

    private func comparison(_ entry: RunEntry) -> PlanComparison? {
        guard case .solved(let plan, _) = entry.outcome, let baselinePlan else { return nil }
        return PlanComparison(baseline: baselinePlan, scenario: plan)
    }

    /// The change at baseline weights, the one figure comparable across scenarios.
    private func change(_ entry: RunEntry) -> String {
        guard entry.file != baselineFile else { return "baseline" }
        guard let comparison = comparison(entry) else { return "-" }
        let base = comparison.baselineImpactAtBaselineWeights
        let percent = base == 0 ? "" : String(format: " (%+.2f %%)", comparison.changeAtBaselineWeights / base * 100)
        return String(format: "%+.4f", comparison.changeAtBaselineWeights) + percent
    }

    private func atBaselineWeights(_ entry: RunEntry) -> String {
        comparison(entry).map { String(format: "%.4f", $0.impactAtBaselineWeights) } ?? "-"
    }

    private func objective(_ entry: RunEntry) -> String {
        if case .solved(let plan, _) = entry.outcome, let objective = plan.objective { return String(format: "%.4f", objective) }
        return "-"
    }

    /// Why the scenario's own objective is not comparable with the baseline's; empty when it is.
    private func differences(_ entry: RunEntry) -> String {
        guard entry.file != baselineFile, let comparison = comparison(entry) else { return "" }
        return comparison.objectiveDifferences.joined(separator: "; ")
    }

    private var name: (RunEntry) -> String {
        { URL(fileURLWithPath: $0.file).lastPathComponent }
    }

    public var solvedCount: Int { entries.filter { if case .solved = $0.outcome { !$0.failed } else { false } }.count }
    public var failedCount: Int { entries.filter(\.failed).count }

    /// The short summary `allot run` prints.
    /// `outputName`: the output folder as the user named it (reports never carry absolute paths).
    public func text(outputName: String) -> String {
        var lines = ["Allot run: \(entries.count) scenario\(entries.count == 1 ? "" : "s"), \(solvedCount) solved, \(failedCount) failed"
            + (interrupted ? ", interrupted" : "") + (baselineFile.map { " (baseline: \(URL(fileURLWithPath: $0).lastPathComponent))" } ?? "")]
        let width = entries.map { name($0).count }.max() ?? 0
        for entry in entries {
            let label = name(entry).padding(toLength: width, withPad: " ", startingAt: 0)
            let reasons = differences(entry)
            lines.append("  \(label)  \(status(entry).padding(toLength: 10, withPad: " ", startingAt: 0))  impact at baseline weights \(atBaselineWeights(entry))  \(change(entry))"
                + (reasons.isEmpty ? "" : "  (own objective \(objective(entry)): \(reasons))"))
            if case .failed(let message) = entry.outcome {
                lines += message.split(separator: "\n").map { "      \($0)" }
            }
        }
        lines.append("Impact at baseline weights: Σ over the baseline's targets of its weight × the scenario's attainment, no penalties; the same yardstick for every scenario.")
        lines.append("Reports: \(outputName)/ (summary.md, summary.xlsx; per scenario: executive-summary.md/.html, appendix.md/.html/.xlsx, plan.json, allocations.csv, tables/*.csv, comparison.md)")
        return lines.joined(separator: "\n") + "\n"
    }

    public func markdown() -> String {
        var parts = ["# Allot run summary\n"]
        if let baselineFile { parts.append("Baseline: \(URL(fileURLWithPath: baselineFile).lastPathComponent). \(interrupted ? "The run was interrupted; unfinished scenarios are marked." : "")\n") }
        parts.append(ReportTable(
            title: "Scenarios",
            headers: ["Scenario", "File", "Status", "Impact at baseline weights", "Change vs baseline", "Own objective", "Not comparable because", "Reports"],
            rows: entries.map { entry in
                let title: String = if case .solved(let plan, _) = entry.outcome { plan.scenario.name } else { "-" }
                let reports: String = if case .solved = entry.outcome { "\(entry.folder)/executive-summary.md, \(entry.folder)/appendix.md" } else { "-" }
                return [title, name(entry), status(entry), atBaselineWeights(entry), change(entry), objective(entry),
                        differences(entry), reports]
            },
            numericColumns: [3, 4, 5],
            note: "Impact at baseline weights: Σ over the baseline's targets of its weight × the scenario's attainment, no penalties; the same yardstick for every scenario. A scenario's own objective is comparable with the baseline's only where no reason is given.").markdown(level: 2))
        let sideBySide = SideBySide(self)
        if !sideBySide.scenarios.isEmpty { parts.append(sideBySide.table.markdown(level: 2)) }
        let failures = entries.compactMap { entry -> String? in
            guard case .failed(let message) = entry.outcome else { return nil }
            return "### \(name(entry))\n\n```\n\(message)\n```\n"
        }
        if !failures.isEmpty { parts.append("## Problems\n\n" + failures.joined(separator: "\n")) }
        return parts.joined(separator: "\n")
    }

    /// Every solved scenario side by side, exact figures: `summary.csv`.
    public func csv(dialect: CSVDialect = .standard) -> String { SideBySide(self).csv(dialect: dialect) }

    /// summary.xlsx: every scenario side by side (as printed, then exact) and the run's entries.
    public func workbook() -> Spreadsheet {
        var entriesSheet = Spreadsheet.Sheet(name: "Scenarios", frozenRows: 1)
        entriesSheet.rows = [["File", "Folder", "Outcome"].map(Spreadsheet.Cell.heading)]
        for entry in entries {
            let outcome: String
            switch entry.outcome {
            case .solved(let plan, _): outcome = plan.termination.status
            case .failed(let message): outcome = "failed: " + message.split(separator: "\n").joined(separator: " ")
            case .notRun: outcome = "not run (interrupted)"
            }
            entriesSheet.rows.append([.text(URL(fileURLWithPath: entry.file).lastPathComponent), .text(entry.folder), .text(String(outcome.prefix(30_000)))])
        }
        return Spreadsheet(title: "Allot run: all scenarios side by side",
                           sheets: [Spreadsheet.Sheet(name: "Side by side", rows: SideBySide(self).sheetRows, frozenRows: 2), entriesSheet])
    }

    public func json() -> JSONValue {
        .object([
            "baseline": baselineFile.map { .string(URL(fileURLWithPath: $0).lastPathComponent) } ?? .null,
            "interrupted": .bool(interrupted),
            "scenarios": .array(entries.map { entry in
                var object: [String: JSONValue] = ["file": .string(name(entry)), "folder": .string(entry.folder), "status": .string(status(entry))]
                switch entry.outcome {
                case .solved(let plan, _):
                    object["name"] = .string(plan.scenario.name)
                    object["status"] = .string(plan.termination.status)
                    object["objective"] = .finite(plan.objective)
                    if let comparison = comparison(entry) {
                        object["impactAtBaselineWeights"] = .number(comparison.impactAtBaselineWeights)
                        if entry.file != baselineFile {
                            object["objectiveChange"] = .number(comparison.objectiveChange)
                            object["changeAtBaselineWeights"] = .number(comparison.changeAtBaselineWeights)
                            object["objectiveComparable"] = .bool(comparison.objectiveDifferences.isEmpty)
                            object["objectiveDifferences"] = .array(comparison.objectiveDifferences.map { .string($0) })
                        }
                    }
                case .failed(let message):
                    object["status"] = .string("failed")
                    object["error"] = .string(message)
                case .notRun:
                    object["status"] = .string("not_run")
                }
                return .object(object)
            }),
        ])
    }
}
