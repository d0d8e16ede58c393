import AllotTestSupport
import Foundation
import Testing

/// `--csv european` reaches the files of every command that writes CSV, and the sensitivity's
/// three tables go to three files, never one stream.
@Suite("CSV from the commands")
struct CSVCommandTests {
    @Test func sensitivityWritesOneTablePerFileWithABOM() throws {
        let scratch = try TemporaryDirectory()
        let out = scratch.path("sensitivity")
        let refused = try AllotProcess.run(["sensitivity", SolveCommandTests.baseline, "--format", "csv"])
        #expect(refused.exitCode == 2)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.hasPrefix("allot: --format csv writes three tables, one file each"))
        #expect(refused.standardError.contains("add --out FOLDER"))
        let misplaced = try AllotProcess.run(["sensitivity", SolveCommandTests.baseline, "--out", out])
        #expect(misplaced.exitCode == 2 && misplaced.standardError.contains("add --format csv"))

        let result = try AllotProcess.run(["sensitivity", SolveCommandTests.baseline, "--format", "csv", "--out", out, "--csv", "european"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasSuffix("written to \(out)/sensitivity-prices.csv, sensitivity-unfunded.csv, sensitivity-weights.csv\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files == ["sensitivity-prices.csv", "sensitivity-unfunded.csv", "sensitivity-weights.csv"])
        let headers = ["sensitivity-prices.csv": "constraint;description;path;unit;shadow_price",
                       "sensitivity-unfunded.csv": "sector;line;offering;year;reduced_cost_per_chf_million",
                       "sensitivity-weights.csv": "target;name;weight;lowest_weight;highest_weight"]
        for (file, header) in headers {
            let text = try Self.read(out + "/" + file)
            #expect(text.hasPrefix("\u{FEFF}" + header), "\(file)")
            let rows = csvRows(String(text.dropFirst()), separator: ";")
            #expect(rows.count > 1 && rows.allSatisfy { $0.count == rows[0].count }, "\(file): one table")
        }
        let weights = csvRows(String(try Self.read(out + "/sensitivity-weights.csv").dropFirst()), separator: ";")
        #expect(weights.dropFirst().contains { $0[3].contains(",") && Double($0[3].replacingOccurrences(of: ",", with: ".")) != nil },
                "lowest weights with a decimal comma: \(weights.prefix(3))")
    }

    @Test func sweepWritesTheEuropeanDialect() throws {
        let scratch = try TemporaryDirectory()
        let out = scratch.path("sweep")
        let result = try AllotProcess.run(["sweep", SolveCommandTests.baseline, "--vary", "envelopes.total", "--from", "600000", "--to", "700000",
                                           "--steps", "3", "--out", out, "--csv", "european"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let text = try Self.read(out + "/sweep.csv")
        #expect(text.hasPrefix("\u{FEFF}value;status;objective;"))
        let rows = csvRows(String(text.dropFirst()), separator: ";")
        #expect(rows.count == 4 && rows.allSatisfy { $0.count == rows[0].count })
        #expect(rows.dropFirst().allSatisfy { $0[1] == "optimal" && $0[2].contains(",") && !$0[2].contains(".") }, "\(rows)")
    }

    /// The file's text with its byte order mark, which `String(contentsOfFile:)` drops.
    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test func unknownDialectAndCSVWhereThereIsNoneAreRefused() throws {
        let unknown = try AllotProcess.run(["run", SolveCommandTests.baseline, "--csv", "german"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.standardError.contains("'standard'") && unknown.standardError.contains("'european'"))
        let robust = try AllotProcess.run(["robust", SolveCommandTests.baseline, "--format", "csv", "--samples", "1"])
        #expect(robust.exitCode == 2, "robust has no CSV; it printed text for --format csv")
    }
}
