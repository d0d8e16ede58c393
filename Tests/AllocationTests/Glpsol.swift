import Foundation
import GLPKBackend
import LinearModel

/// Solves a model with `glpsol` on its exported CPLEX LP file: an independent route.
enum Glpsol {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `relaxation`: solve the LP relaxation of a MIP (`--nomip`).
    static func objective(of model: Model, relaxation: Bool = false) throws -> Double {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-glpsol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lp = folder.appendingPathComponent("model.lp").path
        let solution = folder.appendingPathComponent("model.sol").path
        try ModelFile.write(model, to: lp, format: .cplexLP)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
        process.arguments = ["--lp", lp, "-o", solution] + (relaxation ? ["--nomip"] : [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = try String(contentsOfFile: solution, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let equals = line.firstIndex(of: "="),
              let value = Double(line[line.index(after: equals)...].split(separator: " ").first ?? "")
        else { throw Failure(description: "no objective in glpsol's solution for \(model.name)") }
        return value
    }
}
