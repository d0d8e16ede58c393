import ArgumentParser
import Foundation
import Runner

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Put the shard files of a sharded robust, sweep, bench strategies or run together into the reports a single run writes.",
        discussion: """
        Every shard of the job must be given once (a shell pattern such as shards/robust-shard-*.json \
        does it), all computed from the same scenario files with the same options by the same Allot \
        release; a missing, repeated or foreign shard is refused and nothing is written. For robust, \
        sweep and bench strategies the merge reads the scenario files again, at the paths the shards \
        recorded, and refuses them if they changed. It writes into --out exactly the files, and \
        prints exactly the lines, of the same command run on one machine with --out set to that \
        folder.
        """)

    @Argument(help: "The shard files (written by --shard K/N).")
    var shards: [String]

    @Option(help: "Folder for the reports.")
    var out: String

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        if shards.isEmpty { throw ValidationError("name the shard files to merge") }
    }

    func run() throws {
        let progress = CommandProgress.start("merging shards", options: progressOptions)
        defer { progress.finish() }
        let files: [ShardFile]
        do {
            files = try ShardFile.complete(shards.map { URL(fileURLWithPath: $0) })
        } catch {
            throw AllotFailure(error.message)
        }
        let first = files[0]
        guard first.allot == AllotVersion.number else {
            throw AllotFailure("the shards were computed by Allot \(first.allot); this is Allot \(AllotVersion.number), whose figures may differ: merge with Allot \(first.allot)")
        }
        let arguments = first.arguments + ["--out", out, "--quiet"]
        func parsed<Command: ParsableCommand>(_ type: Command.Type) throws -> Command {
            do {
                return try Command.parse(arguments)
            } catch {
                throw AllotFailure("the shards' arguments (\(first.arguments.joined(separator: " "))) are not those of \(first.command): \(Command.message(for: error))")
            }
        }
        switch first.command {
        case "robust": try parsed(RobustCommand.self).merge(files, progress: progress)
        case "sweep": try parsed(SweepCommand.self).merge(files, progress: progress)
        case "bench strategies": try parsed(StrategiesCommand.self).merge(files, progress: progress)
        case "run": try parsed(RunCommand.self).merge(files, progress: progress)
        default: throw AllotFailure("\(shards[0]): a shard of '\(first.command)', which allot merge does not know")
        }
    }
}
