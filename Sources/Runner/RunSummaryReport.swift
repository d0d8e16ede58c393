import Allocation
import AllocationReports
import Foundation
import LPReports

extension RunSummary {
    public var solvedCount: Int { report.solvedCount }
    public var failedCount: Int { entries.filter(\.failed).count }

    public func text(outputName: String) -> String { report.text(outputName: outputName) }
    public func markdown() -> String { report.markdown() }
    public func csv(dialect: CSVDialect = .standard) -> String { report.csv(dialect: dialect) }
    public func workbook() -> Spreadsheet { report.workbook() }
    public func json() -> JSONValue { report.json() }
}

extension RunReport {
    private func status(_ entry: RunEntryFigures) -> String {
        switch entry.kind {
        case .solved: entry.plan?.status ?? "-"
        case .failed: "invalid or failed"
        case .notRun: "not run (interrupted)"
        }
    }

    /// The change at baseline weights, the one figure comparable across scenarios.
    private func change(_ entry: RunEntryFigures) -> String {
        guard entry.file != baselineFile else { return "baseline" }
        guard let comparison = entry.plan?.comparison else { return "-" }
        let base = comparison.baselineImpactAtBaselineWeights
        let percent = base == 0 ? "" : String(format: " (%+.2f %%)", comparison.changeAtBaselineWeights / base * 100)
        return String(format: "%+.4f", comparison.changeAtBaselineWeights) + percent
    }

    private func atBaselineWeights(_ entry: RunEntryFigures) -> String {
        entry.plan?.comparison.map { String(format: "%.4f", $0.impactAtBaselineWeights) } ?? "-"
    }

    private func objective(_ entry: RunEntryFigures) -> String {
        if let objective = entry.plan?.objective { return String(format: "%.4f", objective) }
        return "-"
    }

    /// Why the scenario's own objective is not comparable with the baseline's; empty when it is.
    private func differences(_ entry: RunEntryFigures) -> String {
        guard entry.file != baselineFile, let comparison = entry.plan?.comparison else { return "" }
        return comparison.objectiveDifferences.joined(separator: "; ")
    }

    private var name: (RunEntryFigures) -> String {
        { URL(fileURLWithPath: $0.file).lastPathComponent }
    }

    public var solvedCount: Int { entries.filter { $0.kind == .solved && !$0.failed }.count }
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
            if entry.kind == .failed, let message = entry.message {
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
                let title = entry.kind == .solved ? entry.plan?.name ?? "-" : "-"
                let reports = entry.kind == .solved ? "\(entry.folder)/executive-summary.md, \(entry.folder)/appendix.md" : "-"
                return [title, name(entry), status(entry), atBaselineWeights(entry), change(entry), objective(entry),
                        differences(entry), reports]
            },
            numericColumns: [3, 4, 5],
            note: "Impact at baseline weights: Σ over the baseline's targets of its weight × the scenario's attainment, no penalties; the same yardstick for every scenario. A scenario's own objective is comparable with the baseline's only where no reason is given.").markdown(level: 2))
        let sideBySide = SideBySide(self)
        if !sideBySide.scenarios.isEmpty { parts.append(sideBySide.table.markdown(level: 2)) }
        let failures = entries.compactMap { entry -> String? in
            guard entry.kind == .failed, let message = entry.message else { return nil }
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
            switch entry.kind {
            case .solved: outcome = entry.plan?.status ?? "-"
            case .failed: outcome = "failed: " + (entry.message ?? "").split(separator: "\n").joined(separator: " ")
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
                switch entry.kind {
                case .solved:
                    guard let plan = entry.plan else { break }
                    object["name"] = .string(plan.name)
                    object["status"] = .string(plan.status)
                    object["objective"] = .finite(plan.objective)
                    if let comparison = plan.comparison {
                        object["impactAtBaselineWeights"] = .number(comparison.impactAtBaselineWeights)
                        if entry.file != baselineFile {
                            object["objectiveChange"] = .number(comparison.objectiveChange)
                            object["changeAtBaselineWeights"] = .number(comparison.changeAtBaselineWeights)
                            object["objectiveComparable"] = .bool(comparison.objectiveDifferences.isEmpty)
                            object["objectiveDifferences"] = .array(comparison.objectiveDifferences.map { .string($0) })
                        }
                    }
                case .failed:
                    object["status"] = .string("failed")
                    object["error"] = .string(entry.message ?? "")
                case .notRun:
                    object["status"] = .string("not_run")
                }
                return .object(object)
            }),
        ])
    }
}
