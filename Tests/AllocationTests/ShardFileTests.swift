import Allocation
import AllotTestSupport
import Foundation
import LinearModel
@testable import Runner
import Testing

/// The pieces a merge's byte-identity rests on: the digest, the slices, and numbers that read
/// back from a shard file as the very doubles written.
@Suite("Shard files")
struct ShardFileTests {
    @Test func sha256MatchesTheStandardsVectorsAndSha256sum() throws {
        func hex(_ text: String) -> String { SHA256.hex(Data(text.utf8)) }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // 55, 56 and 64 bytes: the padding's edge cases; and a file, against sha256sum.
        let file = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")
        var cases = [String(repeating: "a", count: 55), String(repeating: "a", count: 56), String(repeating: "a", count: 64)].map { Data($0.utf8) }
        cases.append(try Data(contentsOf: file))
        for data in cases {
            let directory = try TemporaryDirectory()
            let path = directory.url.appendingPathComponent("input")
            try data.write(to: path)
            let (status, output) = try ChildProcess.run("/usr/bin/sha256sum", [path.path])
            #expect(status == 0)
            #expect(output.hasPrefix(SHA256.hex(data) + " "), "\(data.count) bytes")
        }
    }

    @Test func slicesCoverEveryUnitOnce() throws {
        for count in [1, 2, 3, 7, 64] {
            for total in [0, 1, 5, 23, 130] {
                let slices = (0..<count).map { ShardSlice(index: $0, count: count)! }
                let units = slices.flatMap { $0.units(of: total) }.sorted()
                #expect(units == Array(0..<total))
                for slice in slices { #expect(slice.units(of: total).allSatisfy(slice.owns)) }
            }
        }
        #expect(ShardSlice(index: 3, count: 3) == nil)
        #expect(ShardSlice(index: -1, count: 3) == nil)
        #expect(ShardSlice(index: 0, count: 0) == nil)
        #expect(ShardSlice(index: 3, count: 64)!.fileName(command: "robust") == "robust-shard-03-of-64.json")
        #expect(ShardSlice(index: 0, count: 1)!.fileName(command: "run") == "run-shard-0-of-1.json")
        #expect(ShardSlice(index: 99, count: 100)!.fileName(command: "sweep") == "sweep-shard-99-of-100.json")
    }

    /// A sweep's blocks: consecutive, covering every point once, at most 64, fixed by the steps.
    @Test func sweepBlocksCoverEveryPointOnce() {
        for steps in [1, 2, 11, 63, 64, 65, 130, 1000, 10_000] {
            let blocks = ScenarioSweep.blocks(steps: steps)
            #expect(blocks.flatMap { Array($0) } == Array(0..<steps))
            #expect(blocks.count <= ScenarioSweep.maximumBlocks)
            #expect(Set(blocks.dropLast().map(\.count)).count <= 1)
            #expect(blocks.allSatisfy { !$0.isEmpty })
        }
        #expect(ScenarioSweep.blocks(steps: 64).allSatisfy { $0.count == 1 })
        #expect(ScenarioSweep.blocks(steps: 130).count == 44)
        #expect(ScenarioSweep.blocks(steps: 1000).first == 0..<16)
    }

    /// Every double, the awkward ones too, reads back from a shard file bit for bit.
    @Test func numbersReadBackBitForBit() throws {
        var random = SeededGenerator(seed: 42)
        var values: [Double] = [0, -0.0, 0.1, 1.0 / 3, Double.leastNormalMagnitude / 3, -2.5e-308, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123_456_789.012_345_68,
                                .nan, .infinity, -.infinity, 1.8704139, 6436.000000001]
        for _ in 0..<2000 { values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random))) }
        for _ in 0..<2000 { values.append(Double.random(in: -1e6...1e6, using: &random)) }
        let slice = ShardSlice(index: 0, count: 1)!
        var shard = ShardFile(allot: "test", command: "robust", arguments: ["x"], inputs: [], slice: slice, units: 1)
        shard.robust = [ShardFile.RobustUnit(sample: 0, outcome: RobustnessSample(amounts: values, attainment: values.reversed(), regret: values[3]))]
        let directory = try TemporaryDirectory()
        let file = try shard.write(into: directory.url)
        let read = try ShardFile.read(file)
        let outcome = try #require(read.robust?.first?.outcome)
        #expect(outcome.amounts.map(\.bitPattern) == values.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern })
        #expect(outcome.attainment.count == values.count)
        #expect(read.digest == shard.digest)
        #expect(try read.encoded() == shard.encoded())
    }

    @Test func theDigestCoversReleaseArgumentsAndEveryInputByte() throws {
        let slice = ShardSlice(index: 0, count: 2)!
        let input = ScenarioInputFile(path: "a.yaml", contents: Data("envelopes: {2025: 100}\n".utf8))
        let base = ShardFile(allot: "1", command: "robust", arguments: ["a.yaml", "--seed", "1"], inputs: [input], slice: slice, units: 4)
        let variants = [
            ShardFile(allot: "2", command: "robust", arguments: ["a.yaml", "--seed", "1"], inputs: [input], slice: slice, units: 4),
            ShardFile(allot: "1", command: "sweep", arguments: ["a.yaml", "--seed", "1"], inputs: [input], slice: slice, units: 4),
            ShardFile(allot: "1", command: "robust", arguments: ["a.yaml", "--seed", "2"], inputs: [input], slice: slice, units: 4),
            // Arguments are length-prefixed: ["ab", "c"] and ["a", "bc"] differ.
            ShardFile(allot: "1", command: "robust", arguments: ["a.yaml", "--seed1"], inputs: [input], slice: slice, units: 4),
            ShardFile(allot: "1", command: "robust", arguments: ["a.yaml", "--seed", "1"],
                      inputs: [ScenarioInputFile(path: "a.yaml", contents: Data("envelopes: {2025: 101}\n".utf8))], slice: slice, units: 4),
            ShardFile(allot: "1", command: "robust", arguments: ["a.yaml", "--seed", "1"], inputs: [input, input], slice: slice, units: 4),
        ]
        for variant in variants { #expect(variant.digest != base.digest) }
        // The slice is not part of the job: every shard of it has the same digest.
        #expect(ShardFile(allot: "1", command: "robust", arguments: ["a.yaml", "--seed", "1"], inputs: [input], slice: ShardSlice(index: 1, count: 2)!, units: 4).digest == base.digest)
        #expect(base.inputs == [ShardFile.Input(path: "a.yaml", sha256: SHA256.hex(input.contents))])
    }

    @Test func everyTerminationReadsBack() throws {
        let all: [Termination] = [.optimal, .feasible(relativeGap: 0.0131476), .infeasible, .unbounded, .infeasibleOrUnbounded,
                                  .limitReached(.time), .limitReached(.nodes), .numericalFailure("singular basis")]
        let data = try JSONEncoder().encode(all)
        #expect(try JSONDecoder().decode([Termination].self, from: data) == all)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Termination.self, from: Data(#"{"status":"solved"}"#.utf8)) }
    }

    @Test func aFileThatIsNotAShardIsNeverOverwritten() throws {
        let directory = try TemporaryDirectory()
        let slice = ShardSlice(index: 0, count: 1)!
        let name = directory.url.appendingPathComponent(slice.fileName(command: "robust"))
        try Data("my notes\n".utf8).write(to: name)
        let shard = ShardFile(allot: "1", command: "robust", arguments: [], inputs: [], slice: slice, units: 0)
        #expect(throws: ShardError.self) { try shard.write(into: directory.url) }
        #expect(try String(contentsOf: name, encoding: .utf8) == "my notes\n")
        try FileManager.default.removeItem(at: name)
        try shard.write(into: directory.url)
        try shard.write(into: directory.url)  // a shard replaces an earlier one of its own name
    }
}
