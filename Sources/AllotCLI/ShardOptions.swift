import ArgumentParser
import Foundation
import Runner

/// `--shard K/N` on the commands whose work splits into independent units (samples, sweep
/// points, scenarios): the process does the K-th of N slices and writes a shard file for
/// `allot merge`. `--shard auto/N` takes K from the batch scheduler's array index; N is always
/// given, never guessed from the environment.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Do shard K of N (K from 0) of the work and write it as a shard file into --out for 'allot merge'. auto/N: K from the scheduler (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX). none: the whole work here, even inside an array job.",
        valueName: "K/N"))
    var shard: String?

    /// The slice to do; nil for the whole job. Without `--shard`, refuses to run inside an
    /// array job, where every task would otherwise do the whole work.
    func slice(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ShardSlice? {
        guard let shard else {
            if let found = SchedulerIndex.variables(in: environment).first {
                throw AllotFailure("\(found.name)=\(found.value) is set (\(found.scheduler)), but --shard is not given: every task of the array would do the whole work. Give --shard auto/N (N: the number of tasks) to do this task's share, or --shard none to do the whole work here")
            }
            return nil
        }
        if shard == "none" { return nil }
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let count = Int(parts[1]), count >= 1, count <= 100_000 else {
            throw AllotFailure("--shard must be K/N (shard K of N, K from 0 to N-1, N from 1 to 100000), auto/N or none, not '\(shard)'")
        }
        let index: Int
        if parts[0] == "auto" {
            index = try SchedulerIndex.index(in: environment, count: count)
        } else {
            guard let given = Int(parts[0]) else { throw AllotFailure("--shard must be K/N, auto/N or none, not '\(shard)'") }
            index = given
        }
        guard let slice = ShardSlice(index: index, count: count) else {
            throw AllotFailure("--shard \(shard): shard \(index) does not exist; shards of \(count) are numbered 0 to \(count - 1)")
        }
        return slice
    }
}

/// The array index a batch scheduler gives each task, as documented by each scheduler:
/// Kubernetes Indexed Jobs set `JOB_COMPLETION_INDEX` (0 to completions − 1); Slurm job arrays
/// `SLURM_ARRAY_TASK_ID` (the shard is the id less `SLURM_ARRAY_TASK_MIN`, so `--array=1-64`
/// works as `0-63` does; the step must be 1, and `SLURM_ARRAY_TASK_COUNT`, where set, must be
/// N); AWS Batch array jobs `AWS_BATCH_JOB_ARRAY_INDEX` (0 to size − 1).
enum SchedulerIndex {
    struct Found {
        var name: String
        var value: String
        var scheduler: String
    }

    static let known = [("JOB_COMPLETION_INDEX", "a Kubernetes Indexed Job"), ("SLURM_ARRAY_TASK_ID", "a Slurm job array"),
                        ("AWS_BATCH_JOB_ARRAY_INDEX", "an AWS Batch array job")]

    static func variables(in environment: [String: String]) -> [Found] {
        known.compactMap { name, scheduler in
            environment[name].map { Found(name: name, value: $0, scheduler: scheduler) }
        }
    }

    static func index(in environment: [String: String], count: Int) throws -> Int {
        let found = variables(in: environment)
        guard !found.isEmpty else {
            throw AllotFailure("--shard auto/\(count): no scheduler index is set (\(known.map(\.0).joined(separator: ", "))); outside an array job give --shard K/\(count)")
        }
        var indices: [(Found, Int)] = []
        for variable in found {
            guard let value = Int(variable.value.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw AllotFailure("\(variable.name)=\(variable.value) is not a whole number ≥ 0")
            }
            var index = value
            if variable.name == "SLURM_ARRAY_TASK_ID" {
                if let step = environment["SLURM_ARRAY_TASK_STEP"], Int(step) != 1 {
                    throw AllotFailure("SLURM_ARRAY_TASK_STEP=\(step): the array's task ids must follow each other (--array=0-\(count - 1) or 1-\(count), no step) for --shard auto/\(count)")
                }
                if let tasks = environment["SLURM_ARRAY_TASK_COUNT"], Int(tasks) != count {
                    throw AllotFailure("SLURM_ARRAY_TASK_COUNT=\(tasks), but --shard auto/\(count) asks for \(count) shards: make them the same")
                }
                if let minimum = environment["SLURM_ARRAY_TASK_MIN"] {
                    guard let low = Int(minimum), low <= value else { throw AllotFailure("SLURM_ARRAY_TASK_MIN=\(minimum) is not a whole number ≤ SLURM_ARRAY_TASK_ID") }
                    index = value - low
                }
            }
            indices.append((variable, index))
        }
        if let other = indices.first(where: { $0.1 != indices[0].1 }) {
            throw AllotFailure("\(indices[0].0.name)=\(indices[0].0.value) and \(other.0.name)=\(other.0.value) give different shards; give --shard K/\(count)")
        }
        guard indices[0].1 < count else {
            throw AllotFailure("\(indices[0].0.name)=\(indices[0].0.value) is shard \(indices[0].1), but --shard auto/\(count) has shards 0 to \(count - 1): the array has more tasks than shards")
        }
        return indices[0].1
    }
}
