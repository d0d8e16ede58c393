import AllotTestSupport
import Foundation
import Testing

/// `allot solve` and `allot sensitivity` print the same plan whatever the recipe, and the
/// analyses defined for the single-stage LP only refuse the others with exit 2.
@Suite("Commands share one recipe")
struct RecipeCommandTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try AllotProcess.run(arguments + ["--format", "json"])
        #expect(result.exitCode == 0, "\(arguments): \(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test(arguments: ["itu-maximin.yaml", "itu-whole-posts.yaml"])
    func sensitivityReportsThePlanOfSolve(file: String) throws {
        let path = TestPaths.shippedScenarios.appendingPathComponent(file).path
        let plan = try Self.json(["solve", path])
        let sensitivity = try Self.json(["sensitivity", path])
        let planned = try #require(plan["objective"] as? Double)
        let analysed = try #require(sensitivity["objective"] as? Double)
        #expect(abs(planned - analysed) <= 1e-9 * abs(planned), "\(file): solve \(planned), sensitivity \(analysed)")
        let subject = try #require(sensitivity["subject"] as? String, "\(file): the report must say what it is the sensitivity of")
        #expect(subject.hasPrefix("Sensitivity of "))
        if file == "itu-whole-posts.yaml" {
            let mip = try #require(plan["mip"] as? [String: Any])
            let start = try #require(mip["start"] as? [String: Any])
            #expect(start["used"] as? Bool == true)
            let check = try #require(mip["check"] as? [String: Any])
            #expect(check["passed"] as? Bool == true)
        }
    }

    @Test func exactAnalysesRefuseOtherRecipesWithExitTwo() throws {
        let maximin = TestPaths.shippedScenarios.appendingPathComponent("itu-maximin.yaml").path
        let wholePosts = TestPaths.shippedScenarios.appendingPathComponent("itu-whole-posts.yaml").path
        let curve = try AllotProcess.run(["curve", maximin, "--vary", "envelopes.total", "--from", "600000", "--to", "700000"])
        #expect(curve.exitCode == 2)
        #expect(curve.standardError.contains("single-stage weighted LP") && curve.standardError.contains("allot sweep"))
        let changes = try AllotProcess.run(["changes", wholePosts, "--set", "envelopes.2026=160000"])
        #expect(changes.exitCode == 2)
        #expect(changes.standardError.contains("whole posts"))
    }
}

@Suite("Sensitivity at unbounded edges")
struct UnboundedEdgeTests {
    /// A one-sided price that holds without end once trapped converting minus infinity to CHF.
    @Test func aPriceThatHoldsWithoutEndIsWritten() throws {
        let path = TestPaths.testScenarios.appendingPathComponent("tiny-previous-plan.yaml").path
        let scratch = try TemporaryDirectory()
        for format in ["text", "markdown", "csv", "json"] {
            let result = try AllotProcess.run(["sensitivity", path, "--format", format] + (format == "csv" ? ["--out", scratch.path("csv")] : []))
            #expect(result.exitCode == 0, "\(format): \(result.standardError)")
        }
        let markdown = try AllotProcess.run(["sensitivity", path, "--format", "markdown"])
        #expect(markdown.standardOutput.contains("(this holds down to any value)"))
    }
}

@Suite("--certify")
struct CertifyCommandTests {
    @Test func solveAndSensitivityReportTheExactCheck() throws {
        let path = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml").path
        let plan = try RecipeCommandTests.json(["solve", path, "--certify"])
        let exact = try #require(plan["exact"] as? [String: Any])
        #expect(exact["basisOptimal"] as? Bool == true)
        let certificate = try #require(plan["certificate"] as? [String: Any])
        #expect(certificate["passed"] as? Bool == true)
        let text = try AllotProcess.run(["sensitivity", path, "--certify"])
        #expect(text.exitCode == 0)
        #expect(text.standardError.contains("exact check: the final basis is optimal in exact rational arithmetic"))
    }
}
