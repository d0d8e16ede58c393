import Runner
import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Solve a scenario along one parameter, re-solving warm from step to step.",
        discussion: """
        PATH addresses a number of the scenario with dots: envelopes.2026, staff.ceiling.2025, \
        targets.2.1.weight, sectors.ITUR.min_share, fixed_commitments.WRC_27.amount; \
        envelopes.total is the total of all annual envelopes (each scaled by one factor). \
        Without --out, prints the table in Markdown; with --out, writes sweep.csv, sweep.md and \
        sweep.html there.
        """)

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "The number to vary, as a dotted path.")
    var vary: String

    @Option(help: "First value.")
    var from: Double

    @Option(help: "Last value.")
    var to: Double

    @Option(help: "Number of values from --from to --to, both included.")
    var steps: Int = 11

    @Option(help: "Folder for sweep.csv, sweep.md and sweep.html.")
    var out: String?

    @OptionGroup var csvOptions: CSVOptions

    @Flag(help: "Take the weighted impact from the exact curve (every breakpoint found) and list the breakpoints.")
    var exact = false

    func validate() throws {
        guard from.isFinite, to.isFinite else { throw ValidationError("--from and --to must be finite numbers") }
        guard (1...10_000).contains(steps) else { throw ValidationError("--steps must be between 1 and 10000, not \(steps)") }
    }

    @OptionGroup var shardOptions: ShardOptions

    /// Every option that changes what the command writes, spelled one way: what a shard records
    /// and `allot merge` parses back.
    var canonicalArguments: [String] {
        // `--from=-5.0`: a negative number after a space would read as an option.
        [scenario, "--vary", vary, "--from=\(from)", "--to=\(to)", "--steps", String(steps), "--csv", csvOptions.dialect.rawValue]
            + (exact ? ["--exact"] : []) + (scenarioOptions.root.map { ["--root", $0] } ?? [])
    }

    func run() throws {
        let slice = try shardOptions.slice()
        if slice != nil, out == nil { throw AllotFailure("--shard needs --out: the folder the shard file is written into") }
        let progress = CommandProgress.start("sweeping \(vary)", options: progressOptions)
        defer { progress.finish() }
        let source = try scenarioOptions.source(scenario)
        let blocks = ScenarioSweep.blocks(steps: steps)
        let chosen = slice?.units(of: blocks.count) ?? Array(blocks.indices)
        let points: [SweepPoint]
        do {
            points = try ScenarioSweep.points(source, path: vary, from: from, to: to, steps: steps, blocks: chosen, with: GLPKSolver(), progress: progress.counter("points"))
        } catch {
            throw AllotFailure(analysisError: error)
        }
        if let slice, let out {
            var shard = ShardFile(allot: AllotVersion.number, command: "sweep", arguments: canonicalArguments, inputs: source.inputFiles, slice: slice, units: blocks.count)
            var remaining = points[...]
            shard.sweep = chosen.map { block in
                let mine = remaining.prefix(blocks[block].count)
                remaining = remaining.dropFirst(mine.count)
                return ShardFile.SweepUnit(block: block, points: Array(mine))
            }
            do {
                let file = try shard.write(into: URL(fileURLWithPath: out))
                progress.finish()
                print("Shard \(slice) of sweep: \(points.count) of \(steps) points (\(chosen.count) of \(blocks.count) blocks); written to \(file.path)")
            } catch {
                throw AllotFailure(error.message)
            }
            return
        }
        try write(points, source: source, progress: progress)
    }

    /// The shards' points put together: what `run()` writes for the whole sweep, with `out` as
    /// the folder (an exact curve, one walk that cannot be split, is walked here).
    func merge(_ shards: [ShardFile], progress: CommandProgress) throws {
        let source = try scenarioOptions.source(scenario)
        let blocks = ScenarioSweep.blocks(steps: steps)
        let points: [SweepPoint]
        do {
            try shards[0].checkInputs(source.inputFiles)
            let units = try ShardFile.units(shards, \.sweep, number: \.block)
            points = units.flatMap(\.points)
            let values = ScenarioSweep.values(from: from, to: to, steps: steps)
            guard units.count == blocks.count, zip(units, blocks).allSatisfy({ $0.points.count == $1.count }),
                  points.map(\.value) == values else {
                throw ShardError("the shards' blocks do not hold the sweep's \(steps) points: a shard file is damaged")
            }
        } catch {
            throw AllotFailure("\(error)")
        }
        try write(points, source: source, progress: progress)
    }

    private func write(_ points: [SweepPoint], source: ScenarioSource, progress: CommandProgress) throws {
        var result: SweepResult
        do {
            result = try ScenarioSweep.result(source, path: vary, points: points)
        } catch {
            throw AllotFailure(analysisError: error)
        }
        var markdown = ""
        if exact {
            do {
                progress.set(phase: "walking the exact curve of \(vary)")
                let curve = try BudgetCurveBuilder.run(source, path: vary, from: min(from, to), to: max(from, to), with: GLPKSolver())
                for index in result.points.indices {
                    result.points[index].objective = curve.objective(at: result.points[index].value)
                }
                markdown = curve.table().markdown(level: 2) + "\n"
            } catch {
                throw AllotFailure("\(error)")
            }
        }
        progress.finish()
        markdown = result.table().markdown(level: 2) + (markdown.isEmpty ? "" : "\n" + markdown)
        if let out {
            let folder = URL(fileURLWithPath: out)
            do {
                try OutputFolder.writeReports([("sweep.csv", result.csv(dialect: csvOptions.dialect)), ("sweep.md", markdown), ("sweep.html", result.html())], into: folder)
            } catch {
                throw AllotFailure("\(error)")
            }
            print("Sweep of \(vary): \(result.points.count) points; written to \(out)/sweep.csv, sweep.md, sweep.html")
        } else {
            print(markdown, terminator: "")
        }
        if result.points.contains(where: { $0.objective == nil }) { throw ExitCode(AllotExitCode.noSolution.rawValue) }
    }
}
