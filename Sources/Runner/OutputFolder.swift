import AllocationReports
import Foundation

/// The output folder of a run, written only where Allot owns the files. Allot owns a file when
/// it is listed in the folder's manifest (`.allot-manifest`, one path per line, relative to the
/// folder): the files an earlier run wrote. A run replaces owned files, removes owned files it
/// no longer writes, never deletes a folder, and refuses to overwrite a file it does not own.
///
/// `@unchecked Sendable`: scenarios are written from several threads; every access to the
/// bookkeeping goes through `lock`.
public final class OutputFolder: @unchecked Sendable {
    static let manifestName = ".allot-manifest"

    let root: URL
    private let lock = NSLock()
    /// Files an earlier run wrote (from the manifest), less those this run removed.
    private var owned: Set<String>
    /// Files this run wrote.
    private var written: Set<String> = []

    /// Creates the folder if needed and checks that it can be written (by writing the manifest)
    /// before anything is solved.
    init(_ root: URL) throws(RunError) {
        self.root = root
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw RunError(message: "cannot create the output folder \(root.lastPathComponent): \(Self.reason(error))")
        }
        let manifest = root.appendingPathComponent(Self.manifestName)
        let listed = (try? String(contentsOf: manifest, encoding: .utf8)) ?? ""
        owned = Set(listed.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("/") && !$0.contains("..") })
        try saveManifest()
    }

    /// Paths among `relatives` that exist and that Allot did not write: writing them would
    /// destroy someone else's file.
    func foreign(_ relatives: [String]) -> [String] {
        lock.withLock {
            relatives.filter { !owned.contains($0) && !written.contains($0) && FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
        }
    }

    /// Writes a report, creating its folder; refuses a file Allot does not own.
    func write(_ text: String, to relative: String) throws(RunError) {
        try write(relative) { url throws(ReportFileError) in try ReportFile.write(text, to: url) }
    }

    /// Writes a binary report (a workbook) under the same rules.
    func write(data: Data, to relative: String) throws(RunError) {
        try write(relative) { url throws(ReportFileError) in try ReportFile.write(data: data, to: url) }
    }

    private func write(_ relative: String, _ body: (URL) throws(ReportFileError) -> Void) throws(RunError) {
        if let clash = foreign([relative]).first {
            throw RunError(message: "refusing to overwrite \(clash) in the output folder: Allot did not write it (it is not in \(Self.manifestName)); move it or choose another --out")
        }
        let url = root.appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try body(url)
        } catch let error as ReportFileError {
            throw RunError(message: "cannot write \(relative) in the output folder: \(error.reason)")
        } catch {
            throw RunError(message: "cannot create the folder of \(relative) in the output folder: \(Self.reason(error))")
        }
        lock.withLock { _ = written.insert(relative) }
    }

    /// Removes the files under `prefix` that an earlier run wrote and this run has not: stale
    /// reports of a scenario (a table that no longer exists). Folders and foreign files stay.
    func removeStale(under prefix: String) {
        lock.withLock {
            for path in owned where path.hasPrefix(prefix + "/") && !written.contains(path) {
                try? FileManager.default.removeItem(at: root.appendingPathComponent(path))
                owned.remove(path)
            }
        }
    }

    /// Records what Allot owns now, so that a later run (or this one, killed) knows.
    func saveManifest() throws(RunError) {
        let text = lock.withLock { owned.union(written).sorted().joined(separator: "\n") + "\n" }
        do {
            try Data(text.utf8).write(to: root.appendingPathComponent(Self.manifestName), options: .atomic)
        } catch {
            throw RunError(message: "the output folder \(root.lastPathComponent) cannot be written: \(Self.reason(error))")
        }
    }

    /// Writes a command's report files (name, text) into `folder` under the same rules: all are
    /// checked before any is written, so a refusal leaves the folder as it was.
    public static func writeReports(_ files: [(name: String, text: String)], into folder: URL) throws(RunError) {
        let output = try OutputFolder(folder)
        let clashes = output.foreign(files.map(\.name))
        if !clashes.isEmpty {
            throw RunError(message: "refusing to overwrite \(clashes.joined(separator: ", ")) in \(folder.lastPathComponent): Allot did not write \(clashes.count == 1 ? "it" : "them") (not in \(manifestName)); move \(clashes.count == 1 ? "it" : "them") or choose another --out")
        }
        for file in files { try output.write(file.text, to: file.name) }
        try output.saveManifest()
    }

    /// The system's reason without the absolute paths it likes to quote.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let posix = (nsError.userInfo[NSUnderlyingErrorKey] as? NSError), posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        switch nsError.code {
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
        case NSFileWriteOutOfSpaceError: return "no space left on the device"
        case NSFileWriteVolumeReadOnlyError: return "read-only file system"
        default: return "the system refused (error \(nsError.code))"
        }
    }
}
