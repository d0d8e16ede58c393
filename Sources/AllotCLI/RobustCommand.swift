import Runner
import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend
import LinearModel

struct RobustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robust",
        abstract: "Monte Carlo over the impact estimates: funding probabilities, attainment spreads, regret.",
        discussion: "Seeded and reproducible: the same seed gives the same output whatever --jobs.")

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "Number of samples.")
    var samples: Int = 200

    @Option(help: "Each effect is scaled by a factor drawn uniformly from [1 - spread, 1 + spread].")
    var spread: Double = 0.2

    @Option(help: "Seed of the random draws.")
    var seed: UInt64 = 1

    @Option(help: "Samples solved at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Output format: text, markdown or json.")
    var format: RobustFormat = .text

    /// No CSV: the samples' summary is prose and one table, printed as text, Markdown or JSON.
    enum RobustFormat: String, ExpressibleByArgument { case text, markdown, json }

    @Option(help: "Folder for robust.md, robust.json, robust.html (with the tornado chart of the weight ranges) and executive-summary.md/.html (the plan on one page, with the robustness verdict).")
    var out: String?

    func validate() throws {
        guard (1...100_000).contains(samples) else { throw ValidationError("--samples must be between 1 and 100000, not \(samples)") }
        guard spread >= 0, spread < 1 else { throw ValidationError("--spread must be at least 0 and below 1, not \(spread)") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }

    @OptionGroup var shardOptions: ShardOptions

    /// Every option that changes what the command writes, spelled one way: what a shard records
    /// and `allot merge` parses back.
    var canonicalArguments: [String] {
        [scenario, "--samples", String(samples), "--spread", "\(spread)", "--seed", String(seed), "--format", format.rawValue]
            + (scenarioOptions.root.map { ["--root", $0] } ?? [])
    }

    func run() throws {
        let slice = try shardOptions.slice()
        if slice != nil, out == nil { throw AllotFailure("--shard needs --out: the folder the shard file is written into") }
        let progress = CommandProgress.start("sampling impact estimates", options: progressOptions)
        defer { progress.finish() }
        let source = try scenarioOptions.source(self.scenario)
        let (scenario, _) = try scenarioOptions.load(source)
        do {
            let base = try RobustnessAnalyzer.solveBase(scenario, samples: samples, spread: spread, with: GLPKSolver())
            if let slice, let out {
                let outcomes = RobustnessAnalyzer.samples(slice.units(of: samples), of: base, spread: spread, seed: seed, jobs: jobs, with: GLPKSolver(),
                                                          progress: progress.counter("samples"))
                var shard = ShardFile(allot: AllotVersion.number, command: "robust", arguments: canonicalArguments, inputs: source.inputFiles, slice: slice, units: samples)
                shard.robust = zip(slice.units(of: samples), outcomes).map { ShardFile.RobustUnit(sample: $0, outcome: $1) }
                let file = try shard.write(into: URL(fileURLWithPath: out))
                progress.finish()
                print("Shard \(slice) of robust: \(outcomes.count) of \(samples) samples; written to \(file.path)")
                return
            }
            let outcomes = RobustnessAnalyzer.samples(Array(0..<samples), of: base, spread: spread, seed: seed, jobs: jobs, with: GLPKSolver(),
                                                      progress: progress.counter("samples"))
            progress.finish()
            try write(RobustnessAnalyzer.result(base, samples: outcomes, spread: spread, seed: seed), scenario: scenario)
        } catch let error as SolverError {
            throw AllotFailure("\(self.scenario): \(error)")
        } catch let error as ShardError {
            throw AllotFailure(error.message)
        }
    }

    /// The shards' samples put together: what `run()` writes for the whole job, with `out` as
    /// the folder.
    func merge(_ shards: [ShardFile], progress: CommandProgress) throws {
        let source = try scenarioOptions.source(self.scenario)
        let (scenario, _) = try scenarioOptions.load(source)
        do {
            try shards[0].checkInputs(source.inputFiles)
            let outcomes = try ShardFile.units(shards, \.robust, number: \.sample).map(\.outcome)
            guard outcomes.count == samples else { throw ShardError("the shards hold \(outcomes.count) samples, not \(samples)") }
            if let sample = outcomes.firstIndex(where: { $0.map { $0.amounts.count != scenario.activities.count || $0.attainment.count != scenario.targets.count } ?? false }) {
                throw ShardError("sample \(sample) in the shards is not one of \(self.scenario)'s (its figures do not match the scenario's lines and targets): a shard file is damaged")
            }
            let base = try RobustnessAnalyzer.solveBase(scenario, samples: samples, spread: spread, with: GLPKSolver())
            progress.finish()
            try write(RobustnessAnalyzer.result(base, samples: outcomes, spread: spread, seed: seed), scenario: scenario)
        } catch let error as SolverError {
            throw AllotFailure("\(self.scenario): \(error)")
        } catch let error as ShardError {
            throw AllotFailure(error.message)
        }
    }

    private func write(_ result: RobustnessResult, scenario: Scenario) throws {
        if let out {
            let folder = URL(fileURLWithPath: out)
            do {
                let solver = GLPKSolver()
                let solved = try ScenarioDriver.solve(scenario, with: solver, sensitivity: true)
                let sensitivity = try? SensitivityAnalyzer.analyze(solved, with: solver, scope: .committee)
                let page = ExecutiveSummary(plan: solved.plan, sensitivity: sensitivity, robustness: result)
                try OutputFolder.writeReports([("robust.md", result.markdown(scenario: scenario)), ("robust.json", result.json().rendered()),
                                               ("robust.html", result.html(scenario: scenario, weights: sensitivity?.weights ?? [])),
                                               ("executive-summary.md", page.markdown()), ("executive-summary.html", page.html())], into: folder)
            } catch {
                throw AllotFailure("\(error)")
            }
        }
        switch format {
        case .text: print(result.text(scenario: scenario), terminator: "")
        case .markdown: print(result.markdown(scenario: scenario), terminator: "")
        case .json: print(result.json().rendered(), terminator: "")
        }
    }
}
