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

    @OptionGroup var shardOptions: ShardOptions

    /// Every option that changes what the command writes, spelled one way: what a shard records
    /// and `allot merge` parses back.
    var canonicalArguments: [String] {
        scenarios + ["--samples", String(samples), "--seed", String(seed), "--csv", csvOptions.dialect.rawValue]
            + (scenarioOptions.root.map { ["--root", $0] } ?? [])
    }

    /// A scenario's units: its strategies' plans, then one per perturbed sample.
    private var unitsPerScenario: Int { samples + 1 }

    func run() throws {
        let slice = try shardOptions.slice()
        if slice != nil, out == nil { throw AllotFailure("--shard needs --out: the folder the shard file is written into") }
        let progress = CommandProgress.start("benchmarking strategies", options: progressOptions)
        defer { progress.finish() }
        if let slice, let out {
            // Every scenario is read (the shard's digest covers them all); only this shard's units are solved.
            let sources = try scenarios.map { try scenarioOptions.source($0) }
            var units: [ShardFile.BenchUnit] = []
            for (position, (path, source)) in zip(scenarios, sources).enumerated() {
                let first = position * unitsPerScenario
                let owned = Array(first..<(first + unitsPerScenario)).filter(slice.owns)
                guard !owned.isEmpty else { continue }
                let (scenario, _) = try scenarioOptions.load(source)
                progress.set(phase: "benchmarking strategies on \(path)")
                do {
                    if owned.first == first {
                        units.append(ShardFile.BenchUnit(unit: first, plans: try StrategyBench.plans(scenario, with: GLPKSolver())))
                    }
                    let indices = owned.filter { $0 != first }.map { $0 - first - 1 }
                    let optima = try StrategyBench.sampleOptima(scenario, indices: indices, seed: seed, jobs: jobs, with: GLPKSolver(),
                                                                progress: progress.counter("heuristic samples"))
                    units += zip(indices, optima).map { ShardFile.BenchUnit(unit: first + 1 + $0, sample: $0, optimum: $1) }
                } catch {
                    throw AllotFailure("\(path): \(error)")
                }
            }
            var shard = ShardFile(allot: AllotVersion.number, command: "bench strategies", arguments: canonicalArguments,
                                  inputs: sources.flatMap(\.inputFiles), slice: slice, units: scenarios.count * unitsPerScenario)
            shard.bench = units
            do {
                let file = try shard.write(into: URL(fileURLWithPath: out))
                progress.finish()
                print("Shard \(slice) of bench strategies: \(units.count) of \(shard.units) units (each scenario's plans, then its samples); written to \(file.path)")
            } catch {
                throw AllotFailure(error.message)
            }
            return
        }
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
            progress.finish()
            if try write(results, of: scenario, path: path) { unsolved = true }
        }
        if unsolved { throw ExitCode(AllotExitCode.noSolution.rawValue) }
    }

    /// The shards' plans and sample optima put together: what `run()` writes for the whole
    /// bench, with `out` as the folder.
    func merge(_ shards: [ShardFile], progress: CommandProgress) throws {
        let sources = try scenarios.map { try scenarioOptions.source($0) }
        let units: [ShardFile.BenchUnit]
        do {
            try shards[0].checkInputs(sources.flatMap(\.inputFiles))
            units = try ShardFile.units(shards, \.bench, number: \.unit)
            guard units.count == scenarios.count * unitsPerScenario else { throw ShardError("the shards hold \(units.count) units, not \(scenarios.count * unitsPerScenario)") }
        } catch {
            throw AllotFailure("\(error)")
        }
        var unsolved = false
        for (position, (path, source)) in zip(scenarios, sources).enumerated() {
            let (scenario, _) = try scenarioOptions.load(source)
            let mine = units[(position * unitsPerScenario)..<((position + 1) * unitsPerScenario)]
            guard let plans = mine.first?.plans, StrategyBench.fit(plans, scenario),
                  mine.dropFirst().enumerated().allSatisfy({ $0.element.sample == $0.offset }) else {
                throw AllotFailure("the shards' units of \(path) are not its plans and samples: a shard file is damaged")
            }
            let results = StrategyBench.results(scenario, plans: plans, optima: mine.dropFirst().map(\.optimum), seed: seed)
            progress.finish()
            if try write(results, of: scenario, path: path) { unsolved = true }
        }
        if unsolved { throw ExitCode(AllotExitCode.noSolution.rawValue) }
    }

    /// Prints and writes one scenario's table; true where a strategy has no plan.
    private func write(_ results: [StrategyResult], of scenario: Scenario, path: String) throws -> Bool {
        let report = StrategyReport(scenarioName: scenario.name, organisation: scenario.organisation, results: results, wholePosts: scenario.staff.wholePosts)
        let markdown = report.table().markdown(level: 2)
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
        // Like allot solve: no optimiser plan (infeasible, a limit) still prints, and exits 1.
        // Only a strategy without a plan has no weighted impact.
        return results.contains(where: { $0.weightedImpact.isNaN })
    }
}
