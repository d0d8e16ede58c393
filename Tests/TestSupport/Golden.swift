import Foundation
import Testing

/// Golden files: reports compared with a committed copy, re-recorded on purpose only.
public enum GoldenFiles {
    /// Set this environment variable to 1 to write every golden file from the actual text instead
    /// of comparing; review the diff before committing it.
    public static let recordVariable = "ALLOT_RECORD_GOLDENS"

    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment[recordVariable] == "1"
    }
}

/// Records an issue unless `actual` matches the golden file at `file`, as `firstGoldenDifference`
/// compares them: numbers within `relativeTolerance`, all other text exactly. The issue names the
/// first line that differs. With `ALLOT_RECORD_GOLDENS=1` it writes `actual` to `file` instead.
public func assertMatchesGolden(
    _ actual: String, file: URL, relativeTolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation
) {
    if GoldenFiles.isRecording {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            // Not an issue: recording is asked for, and an issue would fail the run that asked.
            FileHandle.standardError.write(Data("Re-recorded golden file \(file.path)\n".utf8))
        } catch {
            Issue.record(error, "could not record the golden file \(file.path)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: file.path) else {
        Issue.record("no golden file \(file.path); record it with \(GoldenFiles.recordVariable)=1", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if let difference = firstGoldenDifference(expected: expected, actual: actual, relativeTolerance: relativeTolerance) {
        Issue.record(
            "\(file.path): \(difference)\nre-record with \(GoldenFiles.recordVariable)=1 if the change is intended",
            sourceLocation: sourceLocation)
    }
}
