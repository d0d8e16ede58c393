import Foundation

/// How every report file reaches the disk.
public enum ReportFile {
    /// Writes `text` as UTF-8 to a temporary file renamed into place, so that a reader never sees
    /// half a report. CSV files start with a UTF-8 byte order mark, which is how Excel recognises
    /// UTF-8.
    public static func write(_ text: String, to url: URL) throws {
        let mark = url.pathExtension == "csv" ? "\u{FEFF}" : ""
        try Data((mark + text).utf8).write(to: url, options: .atomic)
    }
}
