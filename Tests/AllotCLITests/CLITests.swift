import AllotTestSupport
import Foundation
import Testing

/// Runs the real `allot` executable, as a user would.
enum AllotProcess {
    struct Result {
        var exitCode: Int32
        var standardOutput: String
        var standardError: String
    }

    static var executable: URL {
        // The test runner sits in the same products folder as the `allot` executable.
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("allot"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("allot"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("allot"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // A test runner inside an array job (CI on Kubernetes, Slurm) must not make every command
        // refuse to run without --shard: the scheduler's variables reach allot only when a test sets them.
        var inherited = ProcessInfo.processInfo.environment
        for name in schedulerVariables { inherited[name] = nil }
        process.environment = inherited.merging(environment) { $1 }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            exitCode: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }

    static let schedulerVariables = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
                                      "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_STEP", "AWS_BATCH_JOB_ARRAY_INDEX"]

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!.path
    }
}

@Suite("allot lp solve")
struct LPSolveCommandTests {
    @Test func textReportMatchesTheGoldenFile() throws {
        let result = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("wyndor.lp"), "--ranges"])
        #expect(result.exitCode == 0)
        #expect(result.standardError.isEmpty)
        assertMatchesGolden(result.standardOutput, file: TestPaths.golden("wyndor-ranges.txt", of: "AllotCLITests"))
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let result = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("wyndor.lp"), "--format", "json"])
        #expect(result.exitCode == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(document["status"] as? String == "optimal")
        #expect(document["objective"] as? Double == 36)
        let variables = try #require(document["variables"] as? [[String: Any]])
        let constraints = try #require(document["constraints"] as? [[String: Any]])
        #expect(variables.map { $0["name"] as? String } == ["x", "y"])
        let y = variables[1]
        for key in ["name", "value", "reducedCost", "objectiveCoefficient", "allowableIncrease", "allowableDecrease", "basisStatus"] {
            #expect(y.keys.contains(key), "variable key \(key)")
        }
        #expect(y["allowableIncrease"] is NSNull, "unlimited is null, never 1e30")
        #expect(y["allowableDecrease"] as? Double == 3)
        let plant2 = try #require(constraints.first { $0["name"] as? String == "plant2" })
        for key in ["name", "value", "shadowPrice", "rhs", "allowableIncrease", "allowableDecrease", "basisStatus"] {
            #expect(plant2.keys.contains(key), "constraint key \(key)")
        }
        #expect(plant2["shadowPrice"] as? Double == 1.5)
        #expect(plant2["rhs"] as? Double == 12)
        #expect(plant2["basisStatus"] as? String == "upper")
    }

    @Test func jsonIsByteStable() throws {
        let first = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("knapsack.lp"), "--format", "json"])
        let second = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("knapsack.lp"), "--format", "json"])
        #expect(first.standardOutput == second.standardOutput)
        #expect(first.standardOutput.contains("\"dualSource\": \"lp_with_integers_fixed\""))
    }

    @Test func csvHasAHeaderAndOneLinePerElement() throws {
        let result = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("wyndor.lp"), "--format", "csv", "--ranges"])
        let lines = result.standardOutput.split(separator: "\r\n")
        #expect(lines.first == "element,name,value,price,coefficient_or_rhs,allowable_increase,allowable_decrease,basis_status")
        #expect(lines.count == 1 + 2 + 3)
        #expect(lines.contains("constraint,plant2,12,1.5,12,6,6,upper"))
        #expect(lines.contains("variable,y,6,0,5,,3,basic"))
        let european = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("wyndor.lp"), "--format", "csv", "--ranges", "--csv", "european"])
        #expect(european.standardOutput.split(separator: "\r\n").contains("constraint;plant2;12;1,5;12;6;6;upper"))
    }

    @Test func mpsNeedsTheSenseToMaximise() throws {
        let maximised = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("wyndor.mps"), "--sense", "max", "--format", "json"])
        #expect(maximised.standardOutput.contains("\"objective\": 36"))
        let minimised = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("wyndor.mps"), "--format", "json"])
        #expect(minimised.standardOutput.contains("\"objective\": 0"))
    }

    @Test func infeasibleExitsOneAndStillPrintsTheAnswer() throws {
        let result = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("infeasible.lp")])
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("Status: infeasible"))
    }

    @Test func limitExitsThree() throws {
        let result = try AllotProcess.run([
            "lp", "solve", AllotProcess.fixture("wyndor.lp"), "--iteration-limit", "1", "--no-presolve", "--method", "primal",
        ])
        #expect(result.exitCode == 3)
        #expect(result.standardOutput.contains("Status: limit"))
    }

    /// The second engine gives Wyndor's answer and prices, names itself, and says why there are
    /// no ranges instead of printing none.
    @Test func theCOINEngineSolvesWyndorAndSaysWhyItHasNoRanges() throws {
        let result = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("wyndor.lp"), "--solver", "coin", "--ranges"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("Solver: COIN-OR CLP"))
        #expect(result.standardOutput.contains("Objective (maximize): 36"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("plant2         12      0           1.5  upper"))
        #expect(result.standardOutput.contains("Ranges unavailable: ranges (allowable increases and decreases) need the GLPK backend"))
        let knapsack = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("knapsack.lp"), "--solver", "coin", "--format", "json"])
        let glpk = try AllotProcess.run(["lp", "solve", AllotProcess.fixture("knapsack.lp"), "--format", "json"])
        func objective(_ json: String) -> String? { json.split(separator: "\n").first { $0.contains("\"objective\":") }.map(String.init) }
        #expect(objective(knapsack.standardOutput) != nil && objective(knapsack.standardOutput) == objective(glpk.standardOutput))
    }

    @Test(arguments: [
        (["lp", "solve", "/nonexistent/model.lp"], "allot: /nonexistent/model.lp: no readable file at this path\n"),
        (["lp", "solve", "m.lp", "--solver", "cplex"], "allot: The value 'cplex' is invalid for '--solver <solver>'. Please provide one of 'glpk' and 'coin'.\n"),
        (["solve", "s.yaml", "--solver", "coin", "--certify"], "allot: --certify re-solves from GLPK's final basis: use it with --solver glpk\n"),
        (["lp", "solve", "model.txt"], "allot: cannot tell the format of 'model.txt': name it .lp or .mps, or pass --input-format lp|mps\n"),
        (["lp", "solve", "m.lp", "--mip-gap=-1"], "allot: MIP relative gap -1.0 must be a finite number >= 0\n"),
        (["lp", "solve", "m.lp", "--method", "simplex"], "allot: --method must be primal or dual, not 'simplex'\n"),
        (["lp", "solve", "m.lp", "--format", "xml"], "allot: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'json' or 'csv'.\n"),
        (["lp", "frobnicate"], "allot: Unexpected argument 'frobnicate'\n"),
    ])
    func usageErrorsExitTwoWithOneLine(arguments: [String], message: String) throws {
        let result = try AllotProcess.run(arguments)
        #expect(result.exitCode == 2)
        #expect(result.standardError == message)
        #expect(result.standardOutput.isEmpty)
    }

    @Test func syntaxErrorInModelFileExitsTwoNamingTheLine() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.url.appendingPathComponent("broken.lp").path
        try "Maximize\n obj: x\nSubject To\n c1: x <=\nEnd\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try AllotProcess.run(["lp", "solve", path])
        #expect(result.exitCode == 2)
        #expect(result.standardError.hasPrefix("allot: \(path):5:"), "\(result.standardError)")
        #expect(result.standardError.filter { $0 == "\n" }.count == 1)
    }

    @Test func helpExitsZero() throws {
        let result = try AllotProcess.run(["lp", "solve", "--help"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("--ranges"))
    }
}
