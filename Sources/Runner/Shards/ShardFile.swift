import Allocation
import Foundation
import LinearModel

/// Which slice of a job one process does: shard `index` of `count`. The job's units (samples,
/// sweep points, scenarios, …) are numbered 0, 1, …; unit i belongs to shard i mod count, so
/// every shard gets a share of the early and of the late units and no unit is in two shards.
public struct ShardSlice: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// The units of a job of `total` units that belong to this shard, ascending.
    public func units(of total: Int) -> [Int] { Array(stride(from: index, to: total, by: count)) }

    public func owns(_ unit: Int) -> Bool { unit % count == index }

    public var description: String { "\(index)/\(count)" }

    /// `robust-shard-03-of-64.json`: zero-padded so that a folder listing is in shard order.
    public func fileName(command: String) -> String {
        let width = String(count - 1).count
        let number = String(index)
        return "\(command)-shard-\(String(repeating: "0", count: max(0, width - number.count)) + number)-of-\(count).json"
    }
}

/// Why a shard could not be written or shards could not be merged; one line, naming the file.
public struct ShardError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One shard's results: the inputs they were computed from (the command, its arguments and
/// a digest of every scenario file read), the slice, and the raw per-unit results a merge sums
/// up exactly as a single run does. JSON; numbers are written in their shortest form that
/// reads back to the same double, so a merged report has the bytes of a single run's.
public struct ShardFile: Codable, Sendable {
    public static let kindName = "allot-shard"
    public static let formatVersion = 1

    public struct Input: Codable, Sendable, Hashable {
        /// As the scenario loader shows it (relative to the scenarios root).
        public var path: String
        public var sha256: String
    }

    public var kind = ShardFile.kindName
    public var version = ShardFile.formatVersion
    /// The Allot release that computed it: another release may compute other figures.
    public var allot: String
    /// `robust`, `sweep`, `bench strategies` or `run`.
    public var command: String
    /// The command's arguments, canonical (every option that changes a figure, spelled one
    /// way): what the merge parses to write the reports.
    public var arguments: [String]
    public var inputs: [Input]
    /// SHA-256 of the release, command, arguments and inputs: shards with the same digest are
    /// slices of one job.
    public var digest: String
    public var shard: Int
    public var shards: Int
    /// Units of the whole job.
    public var units: Int
    public var robust: [RobustUnit]?
    public var sweep: [SweepUnit]?
    public var bench: [BenchUnit]?
    public var run: RunPart?

    public init(allot: String, command: String, arguments: [String], inputs: [ScenarioInputFile], slice: ShardSlice, units: Int) {
        self.allot = allot
        self.command = command
        self.arguments = arguments
        self.inputs = inputs.map { Input(path: $0.path, sha256: SHA256.hex($0.contents)) }
        digest = Self.digest(allot: allot, command: command, arguments: arguments, inputs: self.inputs)
        shard = slice.index
        shards = slice.count
        self.units = units
    }

    static func digest(allot: String, command: String, arguments: [String], inputs: [Input]) -> String {
        var hash = SHA256()
        hash.update("\(kindName) \(formatVersion)\nallot \(allot)\ncommand \(command)\n")
        for argument in arguments { hash.update("argument \(argument.utf8.count) \(argument)\n") }
        for input in inputs { hash.update("input \(input.sha256) \(input.path.utf8.count) \(input.path)\n") }
        return hash.hexDigest()
    }

    public var slice: ShardSlice? { ShardSlice(index: shard, count: shards) }

    /// The command as shard file names spell it: `bench-strategies`.
    private var fileCommand: String { command.replacingOccurrences(of: " ", with: "-") }

    // MARK: Writing and reading

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    public func encoded() throws(ShardError) -> Data {
        do { return try Self.encoder.encode(self) + Data("\n".utf8) } catch { throw ShardError("cannot encode the shard: \(error)") }
    }

    /// Writes the shard into `folder` (created if needed) under its own name, whole (temporary
    /// file, then rename); refuses to replace a file that is not a shard. Returns the file.
    @discardableResult
    public func write(into folder: URL) throws(ShardError) -> URL {
        guard let slice else { throw ShardError("shard \(shard) of \(shards) is not a slice") }
        let file = folder.appendingPathComponent(slice.fileName(command: fileCommand))
        let data = try encoded()
        if FileManager.default.fileExists(atPath: file.path), (try? Self.read(file)) == nil {
            throw ShardError("refusing to overwrite \(file.path): it is not an Allot shard file; move it or choose another --out")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: file, options: .atomic)
        } catch {
            throw ShardError("cannot write \(file.path): \(OutputFolder.reason(error))")
        }
        return file
    }

    public static func read(_ file: URL) throws(ShardError) -> ShardFile {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ShardError("\(file.path): cannot read the file (missing or not readable)")
        }
        struct Header: Decodable { var kind: String?; var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.kind == kindName else {
            throw ShardError("\(file.path): not an Allot shard file (written by --shard K/N)")
        }
        guard header.version == formatVersion else {
            throw ShardError("\(file.path): a shard of format \(header.version.map(String.init) ?? "?"); this Allot reads format \(formatVersion): merge with the Allot release that wrote it")
        }
        let shard: ShardFile
        do {
            shard = try decoder.decode(ShardFile.self, from: data)
        } catch {
            throw ShardError("\(file.path): the shard file is damaged (\(Self.reason(error)))")
        }
        guard shard.slice != nil, shard.shards <= 100_000 else {
            throw ShardError("\(file.path): the shard file is damaged (shard \(shard.shard) of \(shard.shards) is not a slice of 1 to 100000 shards)")
        }
        guard (0...100_000_000).contains(shard.units) else {
            throw ShardError("\(file.path): the shard file is damaged (a job of \(shard.units) units)")
        }
        guard digest(allot: shard.allot, command: shard.command, arguments: shard.arguments, inputs: shard.inputs) == shard.digest else {
            throw ShardError("\(file.path): the shard file is damaged (its digest is not that of its release, command, arguments and inputs)")
        }
        return shard
    }

    private static func reason(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: "no \(key.stringValue) at \(path(context))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            "\(context.debugDescription) at \(path(context))"
        default: "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? "the top" : path
    }

    /// The shards of one job, in shard order: every file read, all of the same job (release,
    /// command, arguments, inputs, count), each shard exactly once. Errors name the file.
    public static func complete(_ files: [URL]) throws(ShardError) -> [ShardFile] {
        guard !files.isEmpty else { throw ShardError("name the shard files to merge") }
        var shards: [(file: URL, shard: ShardFile)] = []
        for file in files { shards.append((file, try read(file))) }
        let first = shards[0]
        for (file, shard) in shards.dropFirst() {
            var differences: [String] = []
            if shard.command != first.shard.command { differences.append("command \(shard.command), not \(first.shard.command)") }
            if shard.allot != first.shard.allot { differences.append("Allot \(shard.allot), not \(first.shard.allot)") }
            if shard.arguments != first.shard.arguments { differences.append("arguments \(shard.arguments.joined(separator: " ")), not \(first.shard.arguments.joined(separator: " "))") }
            if shard.inputs != first.shard.inputs {
                let changed = shard.inputs.filter { !first.shard.inputs.contains($0) }.map(\.path)
                differences.append("other scenario files (\(changed.isEmpty ? "fewer files" : changed.joined(separator: ", ")) differ)")
            }
            if shard.shards != first.shard.shards { differences.append("one of \(shard.shards) shards, not \(first.shard.shards)") }
            if shard.units != first.shard.units { differences.append("a job of \(shard.units) units, not \(first.shard.units)") }
            if differences.isEmpty, shard.digest != first.shard.digest { differences.append("digest \(shard.digest), not \(first.shard.digest)") }
            if !differences.isEmpty {
                throw ShardError("\(file.path) is a shard of another job than \(first.file.path): \(differences.joined(separator: "; "))")
            }
        }
        let count = first.shard.shards
        var byIndex: [Int: URL] = [:]
        for (file, shard) in shards {
            if let other = byIndex[shard.shard] {
                throw ShardError("shard \(shard.shard) of \(count) is given twice: \(other.path) and \(file.path)")
            }
            byIndex[shard.shard] = file
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let names = missing.prefix(5).map { ShardSlice(index: $0, count: count)!.fileName(command: first.shard.fileCommand) }
            throw ShardError("\(missing.count == 1 ? "shard" : "shards") \(missing.prefix(5).map(String.init).joined(separator: ", "))\(missing.count > 5 ? " and \(missing.count - 5) more" : "") of \(count) \(missing.count == 1 ? "is" : "are") missing (\(names.joined(separator: ", "))\(missing.count > 5 ? ", …" : "")): no report is written until every shard is there")
        }
        return shards.map(\.shard).sorted { $0.shard < $1.shard }
    }

    /// Checks that the scenario files the merge has just read are those the shards were computed
    /// from, byte for byte.
    public func checkInputs(_ files: [ScenarioInputFile]) throws(ShardError) {
        let now = files.map { Input(path: $0.path, sha256: SHA256.hex($0.contents)) }
        guard now != inputs else { return }
        let changed = Set(inputs.map(\.path)).union(now.map(\.path)).sorted().filter { path in
            inputs.first { $0.path == path }?.sha256 != now.first { $0.path == path }?.sha256
        }
        throw ShardError("the scenario files are not those the shards were computed from: \(changed.joined(separator: ", ")) changed since (the merge re-reads them for the reports); run the shards again, or merge with the files as they were")
    }
}

// MARK: Per-command results

extension ShardFile {
    /// A Monte Carlo sample's outcome (nil where the sample has no optimal plan).
    public struct RobustUnit: Codable, Sendable, Hashable {
        public var sample: Int
        public var outcome: RobustnessSample?

        public init(sample: Int, outcome: RobustnessSample?) {
            self.sample = sample
            self.outcome = outcome
        }
    }

    /// A block of consecutive sweep points (``ScenarioSweep/blocks(steps:)``), as the sweep computed them.
    public struct SweepUnit: Codable, Sendable {
        public var block: Int
        public var points: [SweepPoint]

        public init(block: Int, points: [SweepPoint]) {
            self.block = block
            self.points = points
        }
    }

    /// Part of a strategy bench: one scenario's plans (its first unit) or one sample's optimum.
    public struct BenchUnit: Codable, Sendable {
        public var unit: Int
        public var plans: [StrategyPlan]?
        public var sample: Int?
        public var optimum: Double?

        public init(unit: Int, plans: [StrategyPlan]? = nil, sample: Int? = nil, optimum: Double? = nil) {
            self.unit = unit
            self.plans = plans
            self.sample = sample
            self.optimum = optimum
        }
    }

    /// The units of every shard of a job, in unit order; an error where one is missing or given
    /// twice (a damaged shard).
    public static func units<Unit>(_ shards: [ShardFile], _ part: (ShardFile) -> [Unit]?, number: (Unit) -> Int) throws(ShardError) -> [Unit] {
        guard let total = shards.first?.units else { return [] }
        var units: [Unit?] = Array(repeating: nil, count: total)
        for shard in shards {
            for unit in part(shard) ?? [] {
                let index = number(unit)
                guard units.indices.contains(index), units[index] == nil, shard.slice?.owns(index) == true else {
                    throw ShardError("shard \(shard.shard) of \(shard.shards) holds unit \(index), which is not its own or given twice: the shard file is damaged")
                }
                units[index] = unit
            }
        }
        if let missing = units.firstIndex(where: { $0 == nil }) {
            throw ShardError("shard \(missing % shards[0].shards) of \(shards[0].shards) lacks unit \(missing): the shard file is damaged")
        }
        return units.map { $0! }
    }
}
