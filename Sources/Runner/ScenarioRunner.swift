import Allocation
import AllocationReports
import Foundation
import LinearModel
import LPReports
import XLSXWriter

/// What `allot run` is asked to do.
public struct RunConfiguration: Sendable {
    /// Scenario files and folders (a folder's `.yaml`, `.yml` and `.json` files, sorted by name).
    public var inputs: [String]
    /// The scenario the others are compared with; the first scenario when nil.
    public var baseline: String?
    public var outputFolder: URL
    public var jobs: Int
    /// Scenarios root for `extends`; each scenario's own folder when nil.
    public var root: URL?
    /// Add "Appendix A — sensitivity" to every report.
    public var sensitivity: Bool
    /// Re-solve every plan's LP in exact arithmetic from its final basis (`--certify`).
    public var certify = false
    /// Separators of every CSV file the run writes (`--csv`).
    public var csvDialect = CSVDialect.standard
    /// Only this slice of the scenarios (the baseline is solved in every slice, for the
    /// comparisons, and reported only in its own); nil for all.
    public var slice: ShardSlice?
    /// The limits of a what-if page written for every scenario (`--what-if`); none when empty.
    public var whatIf: [WhatIfMapBuilder.Request] = []

    public init(inputs: [String], baseline: String? = nil, outputFolder: URL, jobs: Int, root: URL? = nil, sensitivity: Bool = false) {
        self.inputs = inputs
        self.baseline = baseline
        self.outputFolder = outputFolder
        self.jobs = jobs
        self.root = root
        self.sensitivity = sensitivity
    }
}

/// The outcome of one scenario in a run.
public struct RunEntry: Sendable {
    public enum Outcome: Sendable {
        case solved(AllocationPlan, warnings: [Diagnostic])
        /// Invalid scenario or solver error: the message, one problem a line.
        case failed(String)
        /// Not started because the run was interrupted.
        case notRun

        var isSolved: Bool { if case .solved = self { true } else { false } }
    }

    /// The file as given (or found in a folder).
    public var file: String
    /// The folder its reports went to, relative to the output folder.
    public var folder: String
    public var outcome: Outcome

    /// True when the scenario counts as failed for the exit code: invalid, infeasible, unbounded or stopped.
    public var failed: Bool {
        switch outcome {
        case .solved(let plan, _): plan.termination.status != "optimal" && plan.termination.status != "feasible"
        case .failed: true
        case .notRun: false
        }
    }
}

/// The result of a run: one entry per scenario, in input order.
public struct RunSummary: Sendable {
    public let entries: [RunEntry]
    public let baselineFile: String?
    /// The baseline's plan, when it solved; the comparisons are against it.
    public let baselinePlan: AllocationPlan?
    public let interrupted: Bool
    public let outputFolder: URL
    /// The summary's figures, each plan's taken once (with its comparison to the baseline):
    /// what every summary file and the printed summary are written from.
    public let report: RunReport

    init(entries: [RunEntry], baselineFile: String?, baselinePlan: AllocationPlan?, interrupted: Bool, outputFolder: URL) {
        self.entries = entries
        self.baselineFile = baselineFile
        self.baselinePlan = baselinePlan
        self.interrupted = interrupted
        self.outputFolder = outputFolder
        report = RunReport(entries: entries.map { $0.figures(baseline: baselinePlan) }, baselineFile: baselineFile,
                           baseline: baselinePlan.map { PlanFigures($0, baseline: nil) }, interrupted: interrupted)
    }
}

/// Set from a signal handler; read by the workers before each new scenario.
/// `@unchecked Sendable` because every access goes through `lock`.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() { lock.withLock { cancelled = true } }
    public var isCancelled: Bool { lock.withLock { cancelled } }
}

/// Solves many scenarios in parallel and writes their reports: per scenario the executive
/// summary (one page), the Appendix A in Markdown and HTML, one CSV per table, the plan in JSON
/// and a comparison with the baseline; and a summary of the run.
///
/// Output never depends on scheduling: every file is rendered from one scenario's plan (or the
/// baseline's), collections are iterated in scenario order, JSON keys are sorted, and no report
/// carries a time or an absolute path. Each file is written whole (temporary file, then rename).
public enum ScenarioRunner {
    public static func run(
        _ configuration: RunConfiguration, solver: some WarmStartSolver & ExactCertifyingSolver & MultiParametricSolver, cancellation: CancellationFlag = CancellationFlag(),
        progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)? = nil
    ) throws(RunError) -> RunSummary {
        do {
            return try running(configuration, solver: solver, cancellation: cancellation, progress: progress)
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError(message: "cannot write the reports into \(configuration.outputFolder.path): \(error.localizedDescription)")
        }
    }

    private static func running(
        _ configuration: RunConfiguration, solver: some WarmStartSolver & ExactCertifyingSolver & MultiParametricSolver, cancellation: CancellationFlag,
        progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)?
    ) throws -> RunSummary {
        let allFiles = try scenarioFiles(configuration.inputs)
        let allFolders = folderNames(allFiles)
        let baselineFile = configuration.baseline ?? allFiles.first
        let owned = configuration.slice.map { $0.units(of: allFiles.count) } ?? Array(allFiles.indices)
        let files = owned.map { allFiles[$0] }
        var jobs = owned.map { (allFiles[$0], allFolders[$0]) }
        // A baseline not among the scenarios reported is solved too, for the comparisons, but not reported on its own.
        let extraBaseline = baselineFile.flatMap { files.contains($0) ? nil : $0 }
        if let extraBaseline { jobs.append((extraBaseline, "")) }

        // Writable, and no file of someone else's where a report would go: found before solving.
        let output = try OutputFolder(configuration.outputFolder)
        let planned = summaryFiles + jobs.filter { !$0.1.isEmpty }.flatMap { job in reportFiles.map { "\(job.1)/\($0)" } }
        let clashes = output.foreign(planned)
        if !clashes.isEmpty {
            throw RunError(message: "refusing to overwrite \(clashes.prefix(5).joined(separator: ", "))\(clashes.count > 5 ? " and \(clashes.count - 5) more" : "") in the output folder: Allot did not write \(clashes.count == 1 ? "it" : "them") (not in \(OutputFolder.manifestName)); move \(clashes.count == 1 ? "it" : "them") or choose another --out")
        }
        try writeInProgressSummary(into: output)
        let counter = ProgressCounter()
        let total = jobs.count
        let root = configuration.root
        let sensitivity = configuration.sensitivity
        let certify = configuration.certify
        let dialect = configuration.csvDialect
        let whatIf = configuration.whatIf
        let results = WorkerPool.map(jobs.map { Job(file: $0.0, folder: $0.1) }, jobs: configuration.jobs,
                                     threadExit: solver.releaseThreadResources, shouldStop: { cancellation.isCancelled }) { job in
            let finished = solveAndWrite(job, solver: solver, root: root, output: output, sensitivity: sensitivity, certify: certify, dialect: dialect, whatIf: whatIf)
            progress?(counter.increment(), total)
            return finished
        }
        let entries = zip(jobs, results).map { job, result in
            result?.entry ?? RunEntry(file: job.0, folder: job.1, outcome: .notRun)
        }
        let baselinePlan = entries.first { $0.file == baselineFile }.flatMap { entry -> AllocationPlan? in
            if case .solved(let plan, _) = entry.outcome { plan } else { nil }
        }
        let reported = Array(entries.prefix(files.count))
        for (entry, finished) in zip(reported, results) {
            guard case .solved(let plan, _) = entry.outcome, let finished else { continue }
            let folder = entry.folder
            let isBaseline = entry.file == baselineFile
            if let baselinePlan, !isBaseline, let comparison = PlanComparison(baseline: baselinePlan, scenario: plan) {
                try output.write(comparison.markdown(printed: (baselinePlan.printedTotals(), plan.printedTotals())), to: "\(folder)/comparison.md")
                try output.write(comparison.csv(dialect: configuration.csvDialect), to: "\(folder)/comparison.csv")
                try output.write(comparison.json().rendered(), to: "\(folder)/comparison.json")
                try output.write(comparison.html(), to: "\(folder)/comparison.html")
                try output.write(plan.html(comparison: comparison, sensitivity: sensitivity ? finished.analysis : nil), to: "\(folder)/appendix.html")
                if var workbook = finished.workbook {
                    workbook.sheets.append(comparison.workbookSheet())
                    try writeWorkbook(workbook, to: "\(folder)/appendix.xlsx", in: output)
                }
            }
            let page = ExecutiveSummary(plan: plan, sensitivity: finished.analysis, baseline: baselinePlan, isBaseline: isBaseline)
            try output.write(page.markdown(), to: "\(folder)/executive-summary.md")
            try output.write(page.html(), to: "\(folder)/executive-summary.html")
        }
        // Comparisons of the last run that this one did not write (no baseline plan now) are stale.
        for entry in reported where entry.outcome.isSolved { output.removeStale(under: entry.folder) }
        let summary = RunSummary(entries: reported, baselineFile: baselineFile, baselinePlan: baselinePlan,
                                 interrupted: cancellation.isCancelled, outputFolder: configuration.outputFolder)
        try writeSummary(summary.report, dialect: configuration.csvDialect, into: output)
        return summary
    }

    /// The run's summary files (replacing the in-progress ones), then the manifest.
    static func writeSummary(_ report: RunReport, dialect: CSVDialect, into output: OutputFolder) throws(RunError) {
        try output.write(report.markdown(), to: "summary.md")
        try output.write(report.json().rendered(), to: "summary.json")
        try output.write(report.csv(dialect: dialect), to: "summary.csv")
        try writeWorkbook(report.workbook(), to: "summary.xlsx", in: output)
        try output.saveManifest()
    }

    /// Until a run (or a merge) ends, the folder's summary is not one run's: it says so, so that
    /// a run killed half-way never leaves a summary that describes other plans.
    static func writeInProgressSummary(into output: OutputFolder) throws(RunError) {
        try output.write("# Run in progress\n\nA run is writing into this folder; until it ends, the reports may come from two runs. This file is replaced when the run ends.\n", to: "summary.md")
        try output.write("{\n  \"status\": \"in progress\"\n}\n", to: "summary.json")
        try output.write("status\r\nin progress\r\n", to: "summary.csv")
        try output.saveManifest()
    }

    private struct Job: Sendable {
        var file: String
        var folder: String
    }

    /// A scenario solved (or failed) by a worker, with its sensitivity for the reports written
    /// once every plan, the baseline's too, is known.
    private struct Finished: Sendable {
        var entry: RunEntry
        var analysis: PlanSensitivity?
        /// The plan's workbook as written (appendix.xlsx), to which the comparison is added once
        /// the baseline is solved.
        var workbook: Spreadsheet?
    }

    /// Every input file, folders expanded (their scenario files sorted by name), duplicates dropped.
    public static func scenarioFiles(_ inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
                throw RunError(message: "\(input): no such file or folder")
            }
            if isFolder.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: input)
                    .filter { ["yaml", "yml", "json"].contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
                    .sorted()
                if names.isEmpty { throw RunError(message: "\(input): the folder holds no scenario files (.yaml, .yml, .json)") }
                files += names.map { URL(fileURLWithPath: input).appendingPathComponent($0).path }
            } else {
                files.append(input)
            }
        }
        var seen = Set<String>()
        return files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// One output folder per scenario, named after its file; repeats get `-2`, `-3`.
    static func folderNames(_ files: [String]) -> [String] {
        var used: [String: Int] = [:]
        return files.map { file in
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let count = used[stem, default: 0] + 1
            used[stem] = count
            return count == 1 ? stem : "\(stem)-\(count)"
        }
    }

    /// The scenario's what-if page; where the scenario's recipe has no exact page (an objective
    /// in stages) or the page would be too large, `what-if.md` says why instead.
    static func writeWhatIfPage(_ source: ScenarioSource, limits: [WhatIfMapBuilder.Request], solver: some MultiParametricSolver, to folder: String,
                                in output: OutputFolder) throws(RunError) {
        let map: WhatIfMap
        do {
            map = try WhatIfMapBuilder.build(source, limits: limits, with: solver)
        } catch {
            switch error {
            case .notForRecipe, .invalidRequest:
                try output.write("# No what-if page for \(URL(fileURLWithPath: source.file).lastPathComponent)\n\n\(error)\n", to: "\(folder)/what-if.md")
                return
            default:
                throw RunError(message: "what-if page: \(error)")
            }
        }
        try output.write(map.html(), to: "\(folder)/what-if.html")
    }

    /// The files a run writes at the top of its output folder.
    static let summaryFiles = ["summary.md", "summary.json", "summary.csv", "summary.xlsx"]
    /// The files a run writes in a scenario's folder whatever the plan (tables and the
    /// sensitivity files vary with the scenario and are checked as they are written).
    static let reportFiles = ["appendix.md", "appendix.html", "appendix.xlsx", "plan.json", "allocations.csv", "envelopes.csv", "FAILED.md",
                              "comparison.md", "comparison.csv", "comparison.json", "comparison.html", "sensitivity.json",
                              "executive-summary.md", "executive-summary.html", "what-if.html", "what-if.md"]

    private static func solveAndWrite(_ job: Job, solver: some WarmStartSolver & ExactCertifyingSolver & MultiParametricSolver, root: URL?, output: OutputFolder, sensitivity: Bool, certify: Bool,
                                      dialect: CSVDialect, whatIf: [WhatIfMapBuilder.Request] = []) -> Finished {
        let url = URL(fileURLWithPath: job.file)
        do {
            // Read once: the plan comes from it, and the fields' prices move its numbers.
            let source: ScenarioSource
            let loaded: (scenario: Scenario, warnings: [Diagnostic])
            do {
                source = try ScenarioSource(url, root: root)
                loaded = try source.scenario()
            } catch {
                throw RunError(message: error.description)
            }
            // Always with the LP's ranges: the workbook's Sensitivity sheet is Excel Solver's.
            let solved = certify ? try ScenarioDriver.solveCertified(loaded.scenario, with: solver, sensitivity: true)
                : try ScenarioDriver.solve(loaded.scenario, with: solver, sensitivity: true)
            // The executive summary needs the prices and unfunded lines whatever the run reports
            // (a third of a second on the ITU baseline); only --sensitivity fails on them.
            let analysis = sensitivity ? try SensitivityAnalyzer.analyze(solved, source: source, with: solver)
                : job.folder.isEmpty ? nil : try? SensitivityAnalyzer.analyze(solved, with: solver, scope: .committee)
            let plan = solved.plan
            let workbook = plan.workbook(solverReports: solved.solverStyleReports(), sensitivity: sensitivity ? analysis : nil)
            if !job.folder.isEmpty {
                try writeReports(plan, sensitivity: sensitivity ? analysis : nil, warnings: loaded.warnings, dialect: dialect, to: job.folder, in: output)
                try writeWorkbook(workbook, to: "\(job.folder)/appendix.xlsx", in: output)
                if !whatIf.isEmpty { try writeWhatIfPage(source, limits: whatIf, solver: solver, to: job.folder, in: output) }
                try output.saveManifest()
            }
            return Finished(entry: RunEntry(file: job.file, folder: job.folder, outcome: .solved(plan, warnings: loaded.warnings)), analysis: analysis, workbook: workbook)
        } catch {
            // The last good reports stay where they are, marked by the note: a failure never
            // deletes them silently.
            if !job.folder.isEmpty {
                let note = "# \(url.lastPathComponent) failed\n\n\(error)\n\nAny other report in this folder is from an earlier run, not from the scenario as it is now.\n"
                try? output.write(note, to: "\(job.folder)/FAILED.md")
                try? output.saveManifest()
            }
            return Finished(entry: RunEntry(file: job.file, folder: job.folder, outcome: .failed("\(error)")), analysis: nil, workbook: nil)
        }
    }

    static func writeWorkbook(_ workbook: Spreadsheet, to relative: String, in output: OutputFolder) throws(RunError) {
        let data: Data
        do { data = try XLSXFile.data(workbook) } catch { throw RunError(message: "\(relative): \(error)") }
        try output.write(data: data, to: relative)
    }

    static func writeReports(_ plan: AllocationPlan, sensitivity: PlanSensitivity?, warnings: [Diagnostic], dialect: CSVDialect,
                             to folder: String, in output: OutputFolder) throws {
        try output.write(plan.markdown() + (sensitivity.map { "\n" + $0.markdown() } ?? ""), to: "\(folder)/appendix.md")
        try output.write(plan.html(sensitivity: sensitivity), to: "\(folder)/appendix.html")
        if let sensitivity {
            try output.write(sensitivity.json().rendered(), to: "\(folder)/sensitivity.json")
            for file in sensitivity.csvFiles(dialect: dialect) {
                try output.write(file.text, to: "\(folder)/tables/\(file.name)")
            }
        }
        try output.write(plan.json(warnings: warnings).rendered(), to: "\(folder)/plan.json")
        try output.write(plan.allocationsCSV(dialect: dialect), to: "\(folder)/allocations.csv")
        try output.write(plan.envelopesCSV(dialect: dialect), to: "\(folder)/envelopes.csv")
        for table in plan.appendixTables() {
            try output.write(table.csv(dialect: dialect), to: "\(folder)/tables/\(table.id).csv")
        }
    }
}

/// Why a run could not start or finish: no scenario files, or reports that cannot be written.
/// A scenario that is invalid or infeasible is an entry of the summary, not an error.
public struct RunError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
