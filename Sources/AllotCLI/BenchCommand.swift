import Runner
import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Compare allocation strategies on scenarios.",
        subcommands: [StrategiesCommand.self])
}

struct StrategiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategies",
        abstract: "LP optimum, maximin, lexicographic and five budgeting heuristics, side by side.")

    @Argument(help: "Scenario files.")
    var scenarios: [String]

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "Perturbed samples for the expected regret.")
    var samples: Int = 20

    @Option(help: "Seed of the perturbations.")
    var seed: UInt64 = 1

    @Option(help: "Samples solved at once.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Folder for strategies-NAME.md, .csv and .html.")
    var out: String?

    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("name at least one scenario") }
        guard (0...10_000).contains(samples) else { throw ValidationError("--samples must be between 0 and 10000") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let progress = CommandProgress.start("benchmarking strategies", options: progressOptions)
        defer { progress.finish() }
        var unsolved = false
        for path in scenarios {
            let (scenario, _) = try scenarioOptions.load(path)
            progress.set(phase: "benchmarking strategies on \(path)")
            let results: [StrategyResult]
            do {
                results = try StrategyBench.run(scenario, samples: samples, seed: seed, jobs: jobs, with: GLPKSolver(), progress: progress.counter("heuristic samples"))
            } catch {
                throw AllotFailure("\(path): \(error)")
            }
            // Like allot solve: no optimiser plan (infeasible, a limit) still prints, and exits 1.
            // Only a strategy without a plan has no weighted impact.
            if results.contains(where: { $0.weightedImpact.isNaN }) { unsolved = true }
            let report = StrategyReport(scenarioName: scenario.name, organisation: scenario.organisation, results: results, wholePosts: scenario.staff.wholePosts)
            let markdown = report.table().markdown(level: 2)
            progress.finish()
            print(markdown)
            if let out {
                let folder = URL(fileURLWithPath: out)
                let stem = "strategies-" + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                do {
                    try OutputFolder.writeReports([("\(stem).md", markdown), ("\(stem).csv", report.csv(dialect: csvOptions.dialect)), ("\(stem).html", report.html())], into: folder)
                } catch {
                    throw AllotFailure("\(error)")
                }
            }
        }
        if unsolved { throw ExitCode(AllotExitCode.noSolution.rawValue) }
    }
}
