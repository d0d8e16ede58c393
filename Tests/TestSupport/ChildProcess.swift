import Foundation

/// Runs an external program the tests check Allot against (glpsol, Python with HiGHS).
public enum ChildProcess {
    /// Runs `executable` with `arguments`; its exit status and its standard output and error
    /// together.
    /// `environment` is added to the test's own.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

/// The Python the independent checks run with (HiGHS, openpyxl).
public enum TestPython {
    /// A python3 that can import `module`: `ALLOT_PYTHON`, the virtual environment `.ci/run`
    /// makes (`.build-venv`), `/usr/bin/python3`, then every python3 on the PATH; nil when none can.
    public static func interpreter(importing module: String) -> String? {
        var candidates = [TestPaths.packageRoot.appendingPathComponent(".build-venv/bin/python3").path, "/usr/bin/python3"]
        if let given = ProcessInfo.processInfo.environment["ALLOT_PYTHON"] { candidates.insert(given, at: 0) }
        if let path = ProcessInfo.processInfo.environment["PATH"] {
            candidates += path.split(separator: ":").map { "\($0)/python3" }
        }
        return candidates.first { candidate in
            guard FileManager.default.isExecutableFile(atPath: candidate) else { return false }
            return (try? ChildProcess.run(candidate, ["-c", "import \(module)"]).status) == 0
        }
    }
}
