import Allocation
import Foundation
import LinearModel
import LPReports

extension ShardFile {
    /// A slice of `allot run`: each of its scenarios' report files as written, and the figures
    /// the run's summary takes from them.
    public struct RunPart: Codable, Sendable {
        public var scenarios: [RunUnit]
        public var baselineFile: String?
        /// The baseline's figures (every shard solves the baseline for its comparisons).
        public var baseline: PlanFigures?
    }

    public struct RunUnit: Codable, Sendable {
        public var unit: Int
        public var entry: RunEntryFigures
        /// Every file written under the scenario's folder, paths relative to the output folder.
        public var files: [PackedFile]
    }

    /// A report file: text where its bytes are UTF-8 (kept byte for byte), else base64.
    public struct PackedFile: Codable, Sendable {
        public var path: String
        public var text: String?
        public var base64: String?

        init(path: String, contents: Data) {
            self.path = path
            if let text = String(data: contents, encoding: .utf8), Data(text.utf8) == contents {
                self.text = text
            } else {
                base64 = contents.base64EncodedString()
            }
        }

        func contents() throws(ShardError) -> Data {
            if let text { return Data(text.utf8) }
            guard let base64, let data = Data(base64Encoded: base64) else { throw ShardError("\(path): the packed file is damaged") }
            return data
        }
    }
}

extension ScenarioRunner {
    /// Solves the configuration's slice of scenarios (`configuration.slice`) in a scratch
    /// folder and packs what the run wrote for them, with their summary figures.
    public static func runShard(
        _ configuration: RunConfiguration, solver: some WarmStartSolver & ExactCertifyingSolver & MultiParametricSolver, cancellation: CancellationFlag = CancellationFlag(),
        progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)? = nil
    ) throws(RunError) -> (part: ShardFile.RunPart, scenarios: Int, summary: RunSummary) {
        let total: Int
        do { total = try scenarioFiles(configuration.inputs).count } catch let error as RunError { throw error } catch { throw RunError(message: "\(error)") }
        let units = configuration.slice?.units(of: total) ?? Array(0..<total)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("allot-shard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var sliced = configuration
        sliced.outputFolder = scratch
        let summary = try run(sliced, solver: solver, cancellation: cancellation, progress: progress)
        if summary.interrupted { throw RunError(message: "interrupted: no shard file written (the shard's scenarios are not all solved)") }
        let report = summary.report
        var scenarios: [ShardFile.RunUnit] = []
        for (position, entry) in report.entries.enumerated() {
            let folder = scratch.appendingPathComponent(entry.folder)
            var files: [ShardFile.PackedFile] = []
            for case let relative as String in FileManager.default.enumerator(atPath: folder.path)?.allObjects ?? [] {
                let url = folder.appendingPathComponent(relative)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw RunError(message: "cannot read back \(relative) of \(entry.folder) from the scratch folder")
                }
                files.append(ShardFile.PackedFile(path: entry.folder + "/" + relative, contents: data))
            }
            scenarios.append(ShardFile.RunUnit(unit: units[position], entry: entry, files: files.sorted { $0.path < $1.path }))
        }
        return (ShardFile.RunPart(scenarios: scenarios, baselineFile: report.baselineFile, baseline: report.baseline), total, summary)
    }

    /// Writes the shards' report files and the run's summary into `folder`: what a single run of
    /// the same scenarios writes there. Every shard must hold its scenarios (``ShardFile/units``).
    public static func merge(_ shards: [ShardFile], into folder: URL, csvDialect: CSVDialect) throws(RunError) -> RunReport {
        let parts = shards.compactMap(\.run)
        guard parts.count == shards.count else { throw RunError(message: "a shard holds no run: the shard file is damaged") }
        if parts.contains(where: { $0.baseline != parts[0].baseline || $0.baselineFile != parts[0].baselineFile }) {
            throw RunError(message: "the shards solved the baseline to different plans (another machine's arithmetic?): merge shards computed by the same Allot build")
        }
        let units: [ShardFile.RunUnit]
        // Every file decoded and every path checked before anything is written: a damaged
        // shard leaves the output folder as it was.
        var contents: [(path: String, data: Data)] = []
        do {
            units = try ShardFile.units(shards, { $0.run?.scenarios }, number: \.unit)
            var folders = Set<String>()
            for unit in units {
                let folder = unit.entry.folder
                guard !folder.isEmpty, !folder.contains("/"), folder != ".", folder != "..", folders.insert(folder).inserted else {
                    throw ShardError("scenario \(unit.unit)'s folder '\(folder)' is not a folder of its own in the output folder: a shard file is damaged")
                }
                for file in unit.files {
                    let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
                    guard parts.count >= 2, parts[0] == folder, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                        throw ShardError("'\(file.path)' is not a file of the folder \(folder): a shard file is damaged")
                    }
                    contents.append((file.path, try file.contents()))
                }
            }
        } catch {
            throw RunError(message: (error as? ShardError)?.message ?? "\(error)")
        }
        let output = try OutputFolder(folder)
        let planned = summaryFiles + units.flatMap { $0.files.map(\.path) }
        let clashes = output.foreign(planned)
        if !clashes.isEmpty {
            throw RunError(message: "refusing to overwrite \(clashes.prefix(5).joined(separator: ", "))\(clashes.count > 5 ? " and \(clashes.count - 5) more" : "") in the output folder: Allot did not write \(clashes.count == 1 ? "it" : "them") (not in \(OutputFolder.manifestName)); move \(clashes.count == 1 ? "it" : "them") or choose another --out")
        }
        try writeInProgressSummary(into: output)
        for file in contents { try output.write(data: file.data, to: file.path) }
        for unit in units where unit.entry.kind == .solved { output.removeStale(under: unit.entry.folder) }
        let report = RunReport(entries: units.map(\.entry), baselineFile: parts[0].baselineFile, baseline: parts[0].baseline, interrupted: false)
        try writeSummary(report, dialect: csvDialect, into: output)
        return report
    }
}
