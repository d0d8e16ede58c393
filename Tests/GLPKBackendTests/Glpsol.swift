import Foundation

/// Runs `glpsol` and reads its sensitivity report (`--ranges`).
enum Glpsol {
    struct Pair: Equatable {
        var lower: Double
        var upper: Double
    }

    struct RowLine {
        var activityRange: Pair
        var objectiveAtBreak: Pair
        var limiting: (lower: String?, upper: String?)
    }

    struct ColumnLine {
        var coefficientRange: Pair
        var objectiveAtBreak: Pair
        var limiting: (lower: String?, upper: String?)
    }

    struct RangesReport {
        var objective: Double
        var rows: [String: RowLine] = [:]
        var columns: [String: ColumnLine] = [:]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let executable = "/usr/bin/glpsol"

    /// Runs glpsol with `arguments`; returns its standard output.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Failure(description: "glpsol is not installed (apt-get install glpk-utils)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "glpsol \(arguments.joined(separator: " ")) failed: \(output)")
        }
        return output
    }

    /// Solves an LP file and parses the sensitivity report.
    static func rangesReport(for lpPath: String) throws -> RangesReport {
        let reportPath = lpPath + ".ranges"
        // Never "-o /dev/null": glpsol run as root replaced the device with a regular file.
        try run(["--lp", lpPath, "--ranges", reportPath, "-o", lpPath + ".sol"])
        return try parse(String(contentsOfFile: reportPath, encoding: .utf8))
    }

    /// Solves an LP or MPS file; returns the objective glpsol prints in its solution file.
    static func objective(for path: String, format: String) throws -> Double? {
        let solutionPath = path + ".sol"
        try run(["--\(format)", path, "-o", solutionPath])
        let text = try String(contentsOfFile: solutionPath, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let equals = line.firstIndex(of: "=") else { return nil }
        return Double(line[line.index(after: equals)...].split(separator: " ").first ?? "")
    }

    static func parse(_ text: String) throws -> RangesReport {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let objectiveLine = lines.first(where: { $0.hasPrefix("Objective:") }),
              let equals = objectiveLine.firstIndex(of: "="),
              let objective = Double(objectiveLine[objectiveLine.index(after: equals)...].split(separator: " ").first ?? "")
        else { throw Failure(description: "no objective in glpsol report") }
        var report = RangesReport(objective: objective)
        var inColumns = false
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.contains("Column name") { inColumns = true }
            var fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 2, Int(fields[0]) != nil, !line.hasPrefix(" ") || line.hasPrefix("   ") else {
                index += 1
                continue
            }
            guard line.first == " ", let _ = Int(fields[0]) else { index += 1; continue }
            // A long name sits alone on its line; the figures follow on the next one.
            if fields.count == 2 {
                index += 1
                fields += lines[index].split(separator: " ").map(String.init)
            }
            let second = lines[index + 1].split(separator: " ").map(String.init)
            index += 2
            // fields: no, name, st, activity, slack|coef, lower, range1, coefRange1, objAt1, [limiting]
            // second: marginal, upper, range2, coefRange2, objAt2, [limiting]
            guard fields.count >= 9, second.count >= 5 else { continue }
            let name = fields[1]
            let lowerLimiting = fields.count > 9 ? fields[9] : nil
            let upperLimiting = second.count > 5 ? second[5] : nil
            if inColumns {
                report.columns[name] = ColumnLine(
                    coefficientRange: Pair(lower: number(fields[7]), upper: number(second[3])),
                    objectiveAtBreak: Pair(lower: number(fields[8]), upper: number(second[4])),
                    limiting: (lowerLimiting, upperLimiting))
            } else {
                report.rows[name] = RowLine(
                    activityRange: Pair(lower: number(fields[6]), upper: number(second[2])),
                    objectiveAtBreak: Pair(lower: number(fields[8]), upper: number(second[4])),
                    limiting: (lowerLimiting, upperLimiting))
            }
        }
        return report
    }

    private static func number(_ token: String) -> Double {
        switch token {
        case ".": 0
        case "+Inf": .infinity
        case "-Inf": -.infinity
        default: Double(token) ?? .nan
        }
    }
}

/// A scratch folder removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("allot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }
}
