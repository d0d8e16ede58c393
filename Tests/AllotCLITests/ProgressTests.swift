import AllotTestSupport
import Foundation
import Testing

/// Long commands show one progress line on a terminal's stderr, never in a pipe, and not with
/// --quiet. The 2 s threshold is set to 0 here (ALLOT_PROGRESS_AFTER) so that the test does not
/// depend on how fast this machine is; the line is drawn every 0.2 s.
@Suite("Progress on the terminal")
struct ProgressTests {
    static let baseline = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml").path
    static let sweep = ["sweep", baseline, "--vary", "envelopes.total", "--from", "560000", "--to", "760000", "--steps", "40"]

    @Test func nothingIsWrittenIntoAPipe() throws {
        let result = try AllotProcess.run(Self.sweep, environment: ["ALLOT_PROGRESS_AFTER": "0"])
        #expect(result.exitCode == 0)
        #expect(!result.standardError.contains("\r"))
        #expect(!result.standardError.contains("sweeping"))
        #expect(result.standardOutput.contains("| 760,000"))
    }

    /// `script` gives the command a terminal; its stdout goes to /dev/null, so what `script`
    /// records is the command's stderr.
    private func onATerminal(_ arguments: [String]) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return nil }
        let command = (["ALLOT_PROGRESS_AFTER=0", AllotProcess.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
            .replacingOccurrences(of: "'ALLOT_PROGRESS_AFTER=0'", with: "ALLOT_PROGRESS_AFTER=0")
        let result = try ChildProcess.run("/usr/bin/script", ["-qec", command + " > /dev/null", "/dev/null"])
        #expect(result.status == 0, "\(result.output)")
        return result.output
    }

    @Test func aTerminalSeesWhatTheCommandDoesAndHowFarItIs() throws {
        guard let output = try onATerminal(Self.sweep) else {
            print("skipped: /usr/bin/script (util-linux) is not installed")
            return
        }
        #expect(output.contains("\rallot: sweeping envelopes.total: "), "\(output.prefix(300))")
        #expect(output.range(of: #"[0-9]+ of 40 points \([0-9]+ s\)"#, options: .regularExpression) != nil, "\(output.prefix(300))")
        // The line is cleared before the command ends.
        #expect(output.hasSuffix("\r\u{1B}[K") || output.hasSuffix("\r\u{1B}[K\r\n"), "\(output.suffix(80).debugDescription)")
    }

    @Test func quietKeepsTheTerminalClear() throws {
        guard let output = try onATerminal(Self.sweep + ["--quiet"]) else { return }
        #expect(!output.contains("allot: sweeping"), "\(output.prefix(300))")
    }
}
