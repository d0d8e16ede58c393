@testable import AllotCLI
import AllotTestSupport
import Foundation
import Testing
import Yams

/// `--shard K/N` and `allot merge`: every sharded command, split into 1, 3 and 7 shards run as
/// separate processes and merged, writes the files and prints the lines of the same command
/// run whole, byte for byte; shards that do not make one job are refused.
@Suite("Shards and allot merge")
struct ShardCommandTests {
    static let scenarios = TestPaths.testScenarios
    static let tiny = scenarios.appendingPathComponent("tiny.yaml").path
    static let itu = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml").path

    struct Outcome: Equatable {
        var exitCode: Int32
        var standardOutput: String
        var standardError: String
        /// Every file under the output folder (the manifest too), path → bytes.
        var files: [String: Data]
    }

    static func files(under folder: URL) -> [String: Data] {
        let root = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var files: [String: Data] = [:]
        for case let url as URL in enumerator?.allObjects ?? [] where !url.hasDirectoryPath {
            files[String(url.standardizedFileURL.path.dropFirst(root.count + 1))] = FileManager.default.contents(atPath: url.path)
        }
        return files
    }

    /// `command` run whole with `--out FOLDER`, then in `shards` shards (each its own process)
    /// merged with `--out FOLDER` (the same path, emptied first): both outcomes.
    static func wholeAndMerged(_ command: [String], shards: Int, in directory: TemporaryDirectory) throws -> (whole: Outcome, merged: Outcome) {
        let out = directory.url.appendingPathComponent("out")
        let whole = try AllotProcess.run(command + ["--out", out.path, "--quiet"])
        let wholeOutcome = Outcome(exitCode: whole.exitCode, standardOutput: whole.standardOutput, standardError: whole.standardError, files: files(under: out))
        try FileManager.default.removeItem(at: out)
        let shardFolder = directory.url.appendingPathComponent("shards-\(shards)")
        for index in 0..<shards {
            let shard = try AllotProcess.run(command + ["--shard", "\(index)/\(shards)", "--out", shardFolder.path, "--quiet"])
            #expect(shard.exitCode == 0, "shard \(index)/\(shards) of \(command.joined(separator: " ")): \(shard.standardError)")
        }
        let shardFiles = try FileManager.default.contentsOfDirectory(atPath: shardFolder.path).sorted()
        #expect(shardFiles.count == shards)
        let merged = try AllotProcess.run(["merge"] + shardFiles.map { shardFolder.appendingPathComponent($0).path } + ["--out", out.path, "--quiet"])
        let mergedOutcome = Outcome(exitCode: merged.exitCode, standardOutput: merged.standardOutput, standardError: merged.standardError, files: files(under: out))
        try FileManager.default.removeItem(at: out)
        return (wholeOutcome, mergedOutcome)
    }

    static func expectSame(_ command: [String], shards: Int, exitCode: Int32 = 0, minimumFiles: Int) throws {
        let directory = try TemporaryDirectory()
        let (whole, merged) = try wholeAndMerged(command, shards: shards, in: directory)
        #expect(whole.exitCode == exitCode, "\(whole.standardError)")
        #expect(whole.files.count >= minimumFiles, "\(whole.files.keys.sorted())")
        #expect(merged.exitCode == whole.exitCode, "\(merged.standardError)")
        #expect(merged.standardOutput == whole.standardOutput)
        #expect(merged.standardError == whole.standardError)
        #expect(merged.files.keys.sorted() == whole.files.keys.sorted())
        for (path, bytes) in whole.files.sorted(by: { $0.key < $1.key }) {
            #expect(merged.files[path] == bytes, "\(path) differs after merging \(shards) shards")
        }
    }

    @Test(arguments: [1, 3, 7])
    func robustShardsMergeToTheWholeRunsBytes(shards: Int) throws {
        try Self.expectSame(["robust", Self.tiny, "--samples", "23", "--seed", "5", "--format", "json"], shards: shards, minimumFiles: 6)
    }

    /// The ITU's LP, whose samples are solved warm from the base basis in each process.
    @Test func robustShardsOfTheITUMergeToTheWholeRunsBytes() throws {
        try Self.expectSame(["robust", Self.itu, "--samples", "10", "--spread", "0.3"], shards: 3, minimumFiles: 6)
    }

    @Test(arguments: [1, 3, 7])
    func sweepShardsMergeToTheWholeSweepsBytes(shards: Int) throws {
        // Limits only (one model re-solved warm), with the exact curve walked by the merge.
        try Self.expectSame(["sweep", Self.tiny, "--vary", "envelopes.total", "--from", "80", "--to", "400", "--steps", "15", "--exact"],
                            shards: shards, minimumFiles: 4)
        // Past 64 steps the points go in blocks (here 44 of 3 points, the last of 1), each block
        // warm from point to point: a shard holds whole blocks.
        try Self.expectSame(["sweep", Self.tiny, "--vary", "staff.ceiling", "--from", "0.5", "--to", "6", "--steps", "130"], shards: shards, minimumFiles: 4)
        // A share moves the matrix: every point compiled again.
        try Self.expectSame(["sweep", Self.tiny, "--vary", "offerings.O1.staff_cost_share.min", "--from", "0", "--to", "1", "--steps", "8", "--csv", "european"],
                            shards: shards, minimumFiles: 4)
    }

    /// The ITU baseline has equally good plans along its envelope: each point's plan must not
    /// depend on which points its process solved before it.
    @Test func sweepShardsOfTheITUMergeToTheWholeSweepsBytes() throws {
        try Self.expectSame(["sweep", Self.itu, "--vary", "envelopes.total", "--from", "560000", "--to", "700000", "--steps", "9"], shards: 3, minimumFiles: 4)
    }

    @Test(arguments: [1, 3, 7])
    func benchShardsMergeToTheWholeBenchsBytes(shards: Int) throws {
        try Self.expectSame(["bench", "strategies", Self.tiny, Self.scenarios.appendingPathComponent("tiny-previous-plan.yaml").path, "--samples", "6", "--seed", "3"],
                            shards: shards, minimumFiles: 7)
    }

    /// A folder with an invalid and an infeasible scenario and a baseline that is not the first:
    /// shards that do not hold the baseline still compare with it, failures land in the summary.
    @Test(arguments: [1, 3, 7])
    func runShardsMergeToTheWholeRunsBytes(shards: Int) throws {
        try Self.expectSame(["run", Self.scenarios.path, "--baseline", Self.tiny, "--sensitivity"], shards: shards, exitCode: 1, minimumFiles: 100)
    }

    // MARK: Refusals

    /// Three shards of a robust run of `scenario` in `folder`, their paths in shard order.
    static func robustShards(_ scenario: String, into folder: URL, seed: Int = 1) throws -> [String] {
        try (0..<3).map { index in
            let result = try AllotProcess.run(["robust", scenario, "--samples", "9", "--seed", String(seed), "--shard", "\(index)/3", "--out", folder.path, "--quiet"])
            #expect(result.exitCode == 0, "\(result.standardError)")
            return folder.appendingPathComponent("robust-shard-\(index)-of-3.json").path
        }
    }

    static func expectRefused(_ shards: [String], out: URL, saying words: [String]) throws {
        let result = try AllotProcess.run(["merge"] + shards + ["--out", out.path])
        #expect(result.exitCode == 2, "\(result.standardOutput)")
        for word in words { #expect(result.standardError.contains(word), "\(result.standardError)") }
        #expect(result.standardOutput.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path), "no report is written")
    }

    @Test func aMissingARepeatedOrAForeignShardIsRefused() throws {
        let directory = try TemporaryDirectory()
        let shards = try Self.robustShards(Self.tiny, into: directory.url.appendingPathComponent("a"))
        let foreign = try Self.robustShards(Self.tiny, into: directory.url.appendingPathComponent("b"), seed: 2)
        let out = directory.url.appendingPathComponent("reports")
        try Self.expectRefused([shards[0], shards[2]], out: out, saying: ["shard 1 of 3 is missing", "robust-shard-1-of-3.json", "no report is written"])
        try Self.expectRefused([shards[0], shards[1], shards[1], shards[2]], out: out, saying: ["shard 1 of 3 is given twice"])
        try Self.expectRefused([shards[0], foreign[1], shards[2]], out: out, saying: [foreign[1], "another job", "--seed 2"])
        let other = try AllotProcess.run(["robust", Self.tiny, "--samples", "9", "--shard", "1/4", "--out", directory.url.appendingPathComponent("c").path, "--quiet"])
        #expect(other.exitCode == 0)
        try Self.expectRefused([shards[0], directory.url.appendingPathComponent("c/robust-shard-1-of-4.json").path, shards[2]], out: out, saying: ["one of 4 shards, not 3"])
        // Not a shard, a damaged one, one that is not there.
        try Self.expectRefused([shards[0], Self.tiny, shards[2]], out: out, saying: ["tiny.yaml: not an Allot shard file"])
        let damaged = directory.url.appendingPathComponent("damaged.json")
        let text = try String(contentsOfFile: shards[1], encoding: .utf8)
        try text.replacingOccurrences(of: "\"regret\":", with: "\"regrets\":").write(to: damaged, atomically: true, encoding: .utf8)
        try Self.expectRefused([shards[0], damaged.path, shards[2]], out: out, saying: ["damaged.json: the shard file is damaged", "regret"])
        try Self.expectRefused([shards[0], shards[1], directory.url.appendingPathComponent("nowhere.json").path], out: out, saying: ["nowhere.json: cannot read the file"])
        // The three together merge.
        let merged = try AllotProcess.run(["merge"] + shards + ["--out", out.path])
        #expect(merged.exitCode == 0, "\(merged.standardError)")
    }

    /// Shards edited by hand or cut short: a clear refusal, never a crash or a half-written folder.
    @Test func anEditedShardIsRefused() throws {
        let directory = try TemporaryDirectory()
        let shards = try Self.robustShards(Self.tiny, into: directory.url.appendingPathComponent("a"))
        let out = directory.url.appendingPathComponent("reports")
        func edited(_ index: Int, _ name: String, _ change: (String) -> String) throws -> String {
            let file = directory.url.appendingPathComponent(name)
            try change(try String(contentsOfFile: shards[index], encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        // Other options written into the file: its digest no longer matches them.
        let seed = try edited(1, "seed.json") { $0.replacingOccurrences(of: "\"--seed\",\"1\"", with: "\"--seed\",\"7\"") }
        try Self.expectRefused([shards[0], seed, shards[2]], out: out, saying: ["seed.json: the shard file is damaged (its digest"])
        // Another job size, in one shard or in all.
        let units = try edited(1, "units.json") { $0.replacingOccurrences(of: "\"units\":9", with: "\"units\":12") }
        try Self.expectRefused([shards[0], units, shards[2]], out: out, saying: ["a job of 12 units, not 9"])
        let negative = try edited(1, "negative.json") { $0.replacingOccurrences(of: "\"units\":9", with: "\"units\":-4") }
        try Self.expectRefused([shards[0], negative, shards[2]], out: out, saying: ["negative.json: the shard file is damaged (a job of -4 units)"])
        let count = try edited(1, "count.json") { $0.replacingOccurrences(of: "\"shards\":3", with: "\"shards\":0") }
        try Self.expectRefused([shards[0], count, shards[2]], out: out, saying: ["count.json: the shard file is damaged (shard 1 of 0"])
        // A sample cut short: its figures are not one per line and target.
        let short = try edited(1, "short.json") { text in
            text.replacingOccurrences(of: #""amounts":\[[-0-9.e,]*?,"#, with: #""amounts":["#, options: .regularExpression)
        }
        try Self.expectRefused([shards[0], short, shards[2]], out: out, saying: ["is not one of", "a shard file is damaged"])
    }

    /// A run shard whose files point outside the output folder is refused before anything is written.
    @Test func aRunShardWritingOutsideItsFolderIsRefused() throws {
        let directory = try TemporaryDirectory()
        let shardFolder = directory.url.appendingPathComponent("shards")
        for index in 0..<2 {
            let result = try AllotProcess.run(["run", Self.tiny, Self.scenarios.appendingPathComponent("tiny-reachable.yaml").path,
                                               "--shard", "\(index)/2", "--out", shardFolder.path, "--quiet"])
            #expect(result.exitCode == 0, "\(result.standardError)")
        }
        let second = shardFolder.appendingPathComponent("run-shard-1-of-2.json")
        let text = try String(contentsOf: second, encoding: .utf8)
        // JSONEncoder writes a slash as \/.
        #expect(text.contains(#""path":"tiny-reachable\/plan.json""#))
        try text.replacingOccurrences(of: #""path":"tiny-reachable\/plan.json""#, with: #""path":"tiny-reachable\/..\/..\/escaped.json""#)
            .write(to: second, atomically: true, encoding: .utf8)
        try Self.expectRefused([shardFolder.appendingPathComponent("run-shard-0-of-2.json").path, second.path], out: directory.url.appendingPathComponent("reports"),
                               saying: ["is not a file of the folder tiny-reachable", "a shard file is damaged"])
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("escaped.json").path))
    }

    /// What a shard records reads back as the same command, negative numbers included.
    @Test func canonicalArgumentsParseBackToTheSameOptions() throws {
        let sweep = try SweepCommand.parse(["a.yaml", "--vary", "targets.T1.weight", "--from=-5.5", "--to=-0.25", "--steps", "7", "--exact", "--csv", "european"])
        let again = try SweepCommand.parse(sweep.canonicalArguments)
        #expect(again.from == -5.5 && again.to == -0.25 && again.steps == 7 && again.exact && again.csvOptions.dialect == .european)
        #expect(again.canonicalArguments == sweep.canonicalArguments)
        let robust = try RobustCommand.parse(["a.yaml", "--samples", "12", "--spread", "0.35", "--seed", "9", "--format", "markdown", "--root", "/r"])
        let robustAgain = try RobustCommand.parse(robust.canonicalArguments)
        #expect(robustAgain.samples == 12 && robustAgain.spread == 0.35 && robustAgain.seed == 9 && robustAgain.format == .markdown && robustAgain.scenarioOptions.root == "/r")
        let run = try RunCommand.parse(["f", "g", "--baseline", "g", "--certify", "--sensitivity", "--csv", "european", "--jobs", "1"])
        #expect(try RunCommand.parse(run.canonicalArguments).canonicalArguments == run.canonicalArguments)
        let bench = try StrategiesCommand.parse(["f", "--samples", "4", "--seed", "2"])
        #expect(try StrategiesCommand.parse(bench.canonicalArguments).canonicalArguments == bench.canonicalArguments)
    }

    @Test func aScenarioChangedSinceTheShardsRanIsRefused() throws {
        let directory = try TemporaryDirectory()
        let scenario = directory.url.appendingPathComponent("tiny.yaml")
        try FileManager.default.copyItem(atPath: Self.tiny, toPath: scenario.path)
        let shards = try Self.robustShards(scenario.path, into: directory.url.appendingPathComponent("shards"))
        let text = try String(contentsOf: scenario, encoding: .utf8)
        try text.replacingOccurrences(of: "envelopes: {2025: 100, 2026: 100}", with: "envelopes: {2025: 100, 2026: 110}").write(to: scenario, atomically: true, encoding: .utf8)
        try Self.expectRefused(shards, out: directory.url.appendingPathComponent("reports"), saying: ["tiny.yaml changed since", "run the shards again"])
    }

    @Test func aShardNeedsAFolderAndAValidSlice() throws {
        for (arguments, words) in [
            (["robust", Self.tiny, "--shard", "0/2"], "--shard needs --out"),
            (["robust", Self.tiny, "--shard", "2/2", "--out", "x"], "shard 2 does not exist; shards of 2 are numbered 0 to 1"),
            (["robust", Self.tiny, "--shard", "1", "--out", "x"], "--shard must be K/N"),
            (["sweep", Self.tiny, "--vary", "envelopes.2025", "--from", "1", "--to", "2", "--shard=-1/3", "--out", "x"], "shard -1 does not exist"),
            (["run", Self.tiny, "--shard", "0/0"], "--shard must be K/N"),
        ] {
            let result = try AllotProcess.run(arguments)
            #expect(result.exitCode == 2, "\(arguments)")
            #expect(result.standardError.contains(words), "\(result.standardError)")
        }
    }

    // MARK: Schedulers

    /// `--shard auto/N` reads each scheduler's index as its documentation says, and no command
    /// runs whole inside an array job unless told to.
    @Test func schedulerIndicesAreReadAsDocumented() throws {
        let directory = try TemporaryDirectory()
        func shardFile(_ environment: [String: String], count: Int = 3) throws -> (Int32, String, [String]) {
            let folder = directory.url.appendingPathComponent(UUID().uuidString)
            let result = try AllotProcess.run(["robust", Self.tiny, "--samples", "6", "--shard", "auto/\(count)", "--out", folder.path, "--quiet"], environment: environment)
            let written = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return (result.exitCode, result.standardError, written)
        }
        #expect(try shardFile(["JOB_COMPLETION_INDEX": "2"]).2 == ["robust-shard-2-of-3.json"])
        #expect(try shardFile(["AWS_BATCH_JOB_ARRAY_INDEX": "0"]).2 == ["robust-shard-0-of-3.json"])
        #expect(try shardFile(["SLURM_ARRAY_TASK_ID": "1"]).2 == ["robust-shard-1-of-3.json"])
        // --array=1-3: task ids from 1, shards from 0.
        #expect(try shardFile(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3"]).2 == ["robust-shard-2-of-3.json"])
        #expect(try shardFile(["JOB_COMPLETION_INDEX": "12"], count: 64).2 == ["robust-shard-12-of-64.json"])
        for (environment, words) in [
            ([:], "no scheduler index is set"),
            (["JOB_COMPLETION_INDEX": "3"], "JOB_COMPLETION_INDEX=3 is shard 3, but --shard auto/3 has shards 0 to 2"),
            (["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "4"], "SLURM_ARRAY_TASK_COUNT=4, but --shard auto/3"),
            (["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_STEP": "2"], "SLURM_ARRAY_TASK_STEP=2"),
            (["JOB_COMPLETION_INDEX": "x"], "JOB_COMPLETION_INDEX=x is not a whole number"),
            (["JOB_COMPLETION_INDEX": "1", "SLURM_ARRAY_TASK_ID": "2"], "give different shards"),
        ] as [([String: String], String)] {
            let (code, message, written) = try shardFile(environment)
            #expect(code == 2 && written.isEmpty, "\(environment)")
            #expect(message.contains(words), "\(environment): \(message)")
        }
        // Inside an array job without --shard: refused, naming the variable; --shard none runs whole.
        for command in [["robust", Self.tiny, "--samples", "4"], ["sweep", Self.tiny, "--vary", "envelopes.2025", "--from", "50", "--to", "60", "--steps", "2"],
                        ["bench", "strategies", Self.tiny, "--samples", "1"], ["run", Self.tiny, "--out", directory.url.appendingPathComponent("run").path]] {
            let refused = try AllotProcess.run(command + ["--quiet"], environment: ["SLURM_ARRAY_TASK_ID": "4"])
            #expect(refused.exitCode == 2, "\(command)")
            #expect(refused.standardError.contains("SLURM_ARRAY_TASK_ID=4 is set (a Slurm job array), but --shard is not given"), "\(refused.standardError)")
            #expect(refused.standardError.contains("--shard auto/N") && refused.standardError.contains("--shard none"))
            let whole = try AllotProcess.run(command + ["--quiet", "--shard", "none"], environment: ["SLURM_ARRAY_TASK_ID": "4"])
            #expect(whole.exitCode == 0, "\(command): \(whole.standardError)")
        }
        // An explicit K/N is the shard whatever the environment says.
        let folder = directory.url.appendingPathComponent("explicit")
        let explicit = try AllotProcess.run(["robust", Self.tiny, "--samples", "6", "--shard", "1/3", "--out", folder.path, "--quiet"], environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(explicit.exitCode == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["robust-shard-1-of-3.json"])
    }

    // MARK: Deployment files

    static let deploy = TestPaths.packageRoot.appendingPathComponent("deploy")

    @Test func theKubernetesManifestsAreAnIndexedJobAndItsMerge() throws {
        let text = try String(contentsOf: Self.deploy.appendingPathComponent("kubernetes/robust-indexed-job.yaml"), encoding: .utf8)
        let job = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(job["apiVersion"] as? String == "batch/v1")
        #expect(job["kind"] as? String == "Job")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect((spec["parallelism"] as? Int).map { $0 >= 1 && $0 <= completions } == true)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(pod["restartPolicy"] as? String == "Never")
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let arguments = try #require(container["args"] as? [String])
        #expect(arguments.first == "robust")
        // The shard count is the Job's: one slice per completion index.
        let shard = try #require(arguments.firstIndex(of: "--shard").map { arguments[$0 + 1] })
        #expect(shard == "auto/\(completions)")
        #expect(arguments.contains("--out"))
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        #expect(mounts.contains { $0["mountPath"] as? String == "/data" })

        let mergeText = try String(contentsOf: Self.deploy.appendingPathComponent("kubernetes/robust-merge-job.yaml"), encoding: .utf8)
        let merge = try #require(try Yams.load(yaml: mergeText) as? [String: Any])
        #expect(merge["kind"] as? String == "Job")
        let mergeContainer = try #require((((merge["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])?["containers"] as? [[String: Any]])
        let command = ((mergeContainer.first?["command"] as? [String]) ?? []) + ((mergeContainer.first?["args"] as? [String]) ?? [])
        #expect(command.joined(separator: " ").contains("allot merge /data/shards/robust/robust-shard-*-of-\(completions).json"))
    }

    @Test func theShellScriptsParse() throws {
        for script in ["slurm/robust-array.sh", "slurm/robust-merge.sh", "local/robust-parallel.sh"] {
            let (status, output) = try ChildProcess.run("/bin/bash", ["-n", Self.deploy.appendingPathComponent(script).path])
            #expect(status == 0, "\(script): \(output)")
        }
        let array = try String(contentsOf: Self.deploy.appendingPathComponent("slurm/robust-array.sh"), encoding: .utf8)
        #expect(array.contains("#SBATCH --array=0-63"))
        #expect(array.contains("--shard") && array.contains("auto/"))
    }

    /// The one-machine script, run for real: N processes and the merge give the reports of one `allot robust`.
    @Test func theOneMachineScriptWritesTheWholeRunsReports() throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("robust")
        let whole = try AllotProcess.run(["robust", Self.tiny, "--samples", "14", "--out", out.path, "--quiet"])
        #expect(whole.exitCode == 0)
        let expected = Self.files(under: out)
        try FileManager.default.removeItem(at: out)
        let (status, output) = try ChildProcess.run("/bin/bash", [Self.deploy.appendingPathComponent("local/robust-parallel.sh").path], environment: [
            "ALLOT": AllotProcess.executable.path, "SCENARIO": Self.tiny, "SAMPLES": "14", "SEED": "1", "SHARDS": "3", "PROCS": "2", "OUT": out.path,
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains(whole.standardOutput))
        #expect(Self.files(under: out) == expected)
    }
}
