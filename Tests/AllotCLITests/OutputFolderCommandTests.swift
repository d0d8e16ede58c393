import AllotTestSupport
import Foundation
import Testing

/// Every command that writes into a folder (`run`, `curve`, `sweep`, `robust`, `bench
/// strategies`) leaves a foreign file there untouched, and refuses with exit 2, before writing
/// anything, when one of its reports would overwrite a file it did not write.
@Suite("Output folders of every command")
struct OutputFolderCommandTests {
    static let tiny = TestPaths.testScenarios.appendingPathComponent("tiny.yaml").path

    static let commands: [(name: String, arguments: [String], report: String)] = [
        ("run", ["run", tiny], "summary.md"),
        ("curve", ["curve", tiny, "--vary", "envelopes.total", "--from", "150", "--to", "250"], "curve.md"),
        ("sweep", ["sweep", tiny, "--vary", "envelopes.2025", "--from", "80", "--to", "120", "--steps", "3"], "sweep.md"),
        ("robust", ["robust", tiny, "--samples", "4"], "robust.md"),
        ("bench", ["bench", "strategies", tiny, "--samples", "2"], "strategies-tiny.md"),
    ]

    @Test(arguments: commands.map(\.name))
    func aForeignFileSurvivesAndAForeignReportPathIsRefused(command name: String) throws {
        let command = try #require(Self.commands.first { $0.name == name })
        let folder = try TemporaryDirectory()
        let notes = folder.url.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: notes)
        for _ in 0..<2 {
            let result = try AllotProcess.run(command.arguments + ["--out", folder.url.path])
            #expect(result.exitCode == 0, "\(name): \(result.standardError)")
            #expect(try String(contentsOf: notes, encoding: .utf8) == "mine", "\(name)")
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(command.report).path), "\(name)")
        }
        let other = try TemporaryDirectory()
        let clash = other.url.appendingPathComponent(command.report)
        try Data("mine".utf8).write(to: clash)
        let refused = try AllotProcess.run(command.arguments + ["--out", other.url.path])
        #expect(refused.exitCode == 2, "\(name): \(refused.standardError)")
        #expect(refused.standardError.contains("refusing to overwrite \(command.report)"), "\(name): \(refused.standardError)")
        #expect(try String(contentsOf: clash, encoding: .utf8) == "mine", "\(name)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.url.path).filter { !$0.hasPrefix(".") } == [command.report], "\(name): nothing else written")
    }
}
