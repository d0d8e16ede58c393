import Foundation
import GLPKBackend
import LinearModel

/// GLPK's own command-line solver, an independent route to check Allot's answers: it reads the
/// exported model file and writes its own solution and sensitivity reports.
public enum Glpsol {
    public struct Pair: Equatable {
        public var lower: Double
        public var upper: Double
    }

    public struct RowLine {
        public var activityRange: Pair
        public var objectiveAtBreak: Pair
        public var limiting: (lower: String?, upper: String?)
    }

    public struct ColumnLine {
        public var coefficientRange: Pair
        public var objectiveAtBreak: Pair
        public var limiting: (lower: String?, upper: String?)
    }

    /// What `glpsol --ranges` reports, by row and column name.
    public struct RangesReport {
        public var objective: Double
        public var rows: [String: RowLine] = [:]
        public var columns: [String: ColumnLine] = [:]
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    static let executable = "/usr/bin/glpsol"

    /// Solves an LP file and parses the sensitivity report.
    public static func rangesReport(for lpPath: String) throws -> RangesReport {
        let reportPath = lpPath + ".ranges"
        // Never "-o /dev/null": glpsol run as root replaced the device with a regular file.
        try run(["--lp", lpPath, "--ranges", reportPath, "-o", lpPath + ".sol"])
        return try parse(String(contentsOfFile: reportPath, encoding: .utf8))
    }

    /// Solves a model file (`format`: glpsol's option without dashes, such as "lp" or "freemps");
    /// returns the objective of glpsol's solution. `relaxation`: solve the LP relaxation of a MIP.
    public static func objective(for path: String, format: String, relaxation: Bool = false) throws -> Double {
        let solutionPath = path + ".sol"
        try run(["--\(format)", path, "-o", solutionPath] + (relaxation ? ["--nomip"] : []))
        guard let objective = objective(in: try String(contentsOfFile: solutionPath, encoding: .utf8)) else {
            throw Failure(description: "no objective in glpsol's solution of \(path)")
        }
        return objective
    }

    /// Exports `model` as a CPLEX LP file and solves that file with glpsol.
    public static func objective(of model: Model, relaxation: Bool = false) throws -> Double {
        let directory = try TemporaryDirectory()
        let path = directory.path("model.lp")
        try ModelFile.write(model, to: path, format: .cplexLP)
        return try objective(for: path, format: "lp", relaxation: relaxation)
    }

    /// Runs glpsol with `arguments`; returns its standard output.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Failure(description: "glpsol is not installed (apt-get install glpk-utils)")
        }
        let (status, output) = try ChildProcess.run(executable, arguments)
        guard status == 0 else {
            throw Failure(description: "glpsol \(arguments.joined(separator: " ")) failed: \(output)")
        }
        return output
    }

    /// The value on the "Objective:  obj = 36 (MAXimum)" line of a solution or ranges report.
    private static func objective(in text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let equals = line.firstIndex(of: "=") else { return nil }
        return Double(line[line.index(after: equals)...].split(separator: " ").first ?? "")
    }

    static func parse(_ text: String) throws -> RangesReport {
        guard let objective = objective(in: text) else { throw Failure(description: "no objective in glpsol report") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
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
