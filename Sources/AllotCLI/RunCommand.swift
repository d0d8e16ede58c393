import ArgumentParser
import Foundation
import GLPKBackend
import Allocation
import Runner

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Solve many scenarios in parallel and write their appendix reports (Appendix A for the ITU), with comparisons against a baseline.",
        discussion: """
        For each scenario, writes into --out a folder with executive-summary.md/.html (the plan \
        on one page), appendix.md/.html/.xlsx (the organisation's appendix; the workbook adds Excel Solver's \
        Answer, Sensitivity and Limits reports), plan.json, allocations.csv, envelopes.csv, \
        tables/*.csv (one per table) and comparison.md/.csv/.json/.html against the baseline; and \
        summary.md/.json/.csv/.xlsx for the run. Every CSV file holds one table and starts with a \
        UTF-8 byte order mark; --csv european writes semicolons and decimal commas. Exit 1 if any \
        scenario is invalid or infeasible; the others still finish.
        """)

    @Argument(help: "Scenario files, or folders of them.")
    var inputs: [String]

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "The scenario the others are compared with (default: the first scenario).")
    var baseline: String?

    @Option(help: "Folder for the reports.")
    var out: String = "reports"

    @Option(help: "Scenarios solved at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Scenarios root: files named by 'extends' must lie inside it (default: each scenario's folder).")
    var root: String?

    @Flag(help: "Re-solve every plan's LP in exact rational arithmetic from its final basis and report the check in each appendix (see allot solve --certify).")
    var certify = false

    @Flag(help: "Add the sensitivity (Appendix A — sensitivity for the ITU: prices, unfunded lines, weight ranges) to every appendix (Markdown and HTML), with sensitivity.json and tables/sensitivity-*.csv.")
    var sensitivity = false

    @OptionGroup var csvOptions: CSVOptions

    @Option(name: .customLong("what-if"), help: "Also write each scenario's what-if page (what-if.html) with a slider for this limit, PATH=FROM..TO (values or percentages of the scenario's own value: envelopes.total=85%..115%); once or twice.")
    var whatIf: [String] = []

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("name at least one scenario file or folder") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        _ = try whatIfRequests()
    }

    /// `--what-if PATH=FROM..TO`, as the page's requests.
    func whatIfRequests() throws -> [WhatIfMapBuilder.Request] {
        guard whatIf.count <= 2 else { throw ValidationError("--what-if can be given once or twice (one or two limits), not \(whatIf.count) times") }
        return try whatIf.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let range = parts.count == 2 ? parts[1].components(separatedBy: "..") : []
            guard parts.count == 2, !parts[0].isEmpty, range.count == 2 else {
                throw ValidationError("--what-if '\(text)' must read PATH=FROM..TO, e.g. envelopes.total=85%..115%")
            }
            let low = try ExploreCommand.bound(range[0], option: "--what-if"), high = try ExploreCommand.bound(range[1], option: "--what-if")
            guard low.percent == high.percent else { throw ValidationError("--what-if '\(text)': FROM and TO must both be percentages or both be values") }
            guard low.value < high.value else { throw ValidationError("--what-if '\(text)': FROM must be below TO") }
            return WhatIfMapBuilder.Request(path: parts[0], from: low.value, to: high.value, inPercent: low.percent)
        }
    }

    @OptionGroup var shardOptions: ShardOptions

    /// Every option that changes what the command writes, spelled one way: what a shard records
    /// and `allot merge` parses back.
    var canonicalArguments: [String] {
        inputs + (baseline.map { ["--baseline", $0] } ?? []) + (root.map { ["--root", $0] } ?? [])
            + (certify ? ["--certify"] : []) + (sensitivity ? ["--sensitivity"] : []) + ["--csv", csvOptions.dialect.rawValue]
            + whatIf.flatMap { ["--what-if", $0] }
    }

    func run() throws {
        let slice = try shardOptions.slice()
        let progress = CommandProgress.start("solving scenarios", options: progressOptions)
        defer { progress.finish() }
        let cancellation = CancellationFlag()
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler {
            cancellation.cancel()
            FileHandle.standardError.write(Data("\nallot: interrupted; finishing the scenarios already started, keeping their reports\n".utf8))
        }
        interrupt.resume()
        defer { interrupt.cancel() }

        var configuration = RunConfiguration(
            inputs: inputs, baseline: baseline, outputFolder: URL(fileURLWithPath: out), jobs: jobs,
            root: root.map { URL(fileURLWithPath: $0) }, sensitivity: sensitivity)
        configuration.certify = certify
        configuration.csvDialect = csvOptions.dialect
        configuration.whatIf = try whatIfRequests()
        if let slice {
            configuration.slice = slice
            do {
                // The digest covers every scenario of the run, read as the run reads them.
                let inputFiles = try ScenarioRunner.scenarioFiles(inputs).flatMap { file in
                    (try? ScenarioSource(URL(fileURLWithPath: file), root: root.map { URL(fileURLWithPath: $0) }))?.inputFiles
                        ?? [ScenarioInputFile(path: file, contents: FileManager.default.contents(atPath: file) ?? Data())]
                }
                let (part, scenarios, _) = try ScenarioRunner.runShard(configuration, solver: GLPKSolver(), cancellation: cancellation,
                                                                       progress: progress.counter("scenarios"))
                var shard = ShardFile(allot: AllotVersion.number, command: "run", arguments: canonicalArguments, inputs: inputFiles, slice: slice, units: scenarios)
                shard.run = part
                let file = try shard.write(into: URL(fileURLWithPath: out))
                progress.finish()
                print("Shard \(slice) of run: \(part.scenarios.count) of \(scenarios) scenarios; written to \(file.path)")
            } catch let error as RunError {
                throw AllotFailure(error.message)
            } catch let error as ShardError {
                throw AllotFailure(error.message)
            }
            return
        }
        let summary: RunSummary
        do {
            summary = try ScenarioRunner.run(configuration, solver: GLPKSolver(), cancellation: cancellation,
                                             progress: progress.counter("scenarios"))
        } catch {
            throw AllotFailure("\(error)")
        }
        progress.finish()
        try finish(summary.report)
    }

    /// The shards' reports and the run's summary written into `out`, as a single run writes them.
    func merge(_ shards: [ShardFile], progress: CommandProgress) throws {
        let report: RunReport
        do {
            report = try ScenarioRunner.merge(shards, into: URL(fileURLWithPath: out), csvDialect: csvOptions.dialect)
        } catch {
            throw AllotFailure(error.message)
        }
        progress.finish()
        try finish(report)
    }

    private func finish(_ report: RunReport) throws {
        for entry in report.entries {
            guard entry.kind == .solved, let plan = entry.plan else { continue }
            for sentence in plan.unspentSentences {
                AllotMain.printError("warning: \(URL(fileURLWithPath: entry.file).lastPathComponent): \(sentence)")
            }
        }
        print(report.text(outputName: out), terminator: "")
        if report.interrupted { throw ExitCode(130) }
        if report.failedCount > 0 { throw ExitCode(AllotExitCode.noSolution.rawValue) }
    }
}
