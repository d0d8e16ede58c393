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

    private func change(_ entry: RunEntry) -> String {
        guard entry.file != baselineFile else { return "baseline" }
        guard case .solved(let plan, _) = entry.outcome, let baselinePlan, let comparison = PlanComparison(baseline: baselinePlan, scenario: plan) else { return "-" }
        let percent = comparison.baselineObjective == 0 ? "" : String(format: " (%+.2f %%)", comparison.objectiveChange / comparison.baselineObjective * 100)
        return String(format: "%+.4f", comparison.objectiveChange) + percent
    }

    private func objective(_ entry: RunEntry) -> String {
        if case .solved(let plan, _) = entry.outcome, let objective = plan.objective { return String(format: "%.4f", objective) }
        return "-"
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
            lines.append("  \(label)  \(status(entry).padding(toLength: 10, withPad: " ", startingAt: 0))  weighted impact \(objective(entry))  \(change(entry))")
            if case .failed(let message) = entry.outcome {
                lines += message.split(separator: "\n").map { "      \($0)" }
            }
        }
        lines.append("Reports: \(outputName)/ (summary.md; per scenario: appendix.md, plan.json, allocations.csv, tables/*.csv, comparison.md)")
        return lines.joined(separator: "\n") + "\n"
    }

    public func markdown() -> String {
        var parts = ["# Allot run summary\n"]
        if let baselineFile { parts.append("Baseline: \(URL(fileURLWithPath: baselineFile).lastPathComponent). \(interrupted ? "The run was interrupted; unfinished scenarios are marked." : "")\n") }
        parts.append(ReportTable(
            title: "Scenarios",
            headers: ["Scenario", "File", "Status", "Weighted impact", "Change vs baseline", "Reports"],
            rows: entries.map { entry in
                let title: String = if case .solved(let plan, _) = entry.outcome { plan.scenario.name } else { "-" }
                let reports: String = if case .solved = entry.outcome { "\(entry.folder)/appendix.md" } else { "-" }
                return [title, name(entry), status(entry), objective(entry), change(entry), reports]
            },
            numericColumns: [3], note: nil).markdown(level: 2))
        let failures = entries.compactMap { entry -> String? in
            guard case .failed(let message) = entry.outcome else { return nil }
            return "### \(name(entry))\n\n```\n\(message)\n```\n"
        }
        if !failures.isEmpty { parts.append("## Problems\n\n" + failures.joined(separator: "\n")) }
        return parts.joined(separator: "\n")
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
                    if entry.file != baselineFile, let baselinePlan, let comparison = PlanComparison(baseline: baselinePlan, scenario: plan) {
                        object["objectiveChange"] = .number(comparison.objectiveChange)
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
