import Foundation

/// A report file that could not be written, with the file and the system's reason.
public struct ReportFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// How every report file reaches the disk.
public enum ReportFile {
    /// Writes `text` as UTF-8 to a temporary file renamed into place, so that a reader never sees
    /// half a report. CSV files start with a UTF-8 byte order mark, which is how Excel recognises
    /// UTF-8.
    public static func write(_ text: String, to url: URL) throws(ReportFileError) {
        let mark = url.pathExtension == "csv" ? "\u{FEFF}" : ""
        do {
            try Data((mark + text).utf8).write(to: url, options: .atomic)
        } catch {
            throw ReportFileError(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Writes bytes (a workbook) to a temporary file renamed into place.
    public static func write(data: Data, to url: URL) throws(ReportFileError) {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ReportFileError(path: url.path, reason: error.localizedDescription)
        }
    }
}
