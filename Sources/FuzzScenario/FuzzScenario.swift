import Allocation
import AllocationReports
import Foundation
import GLPKBackend

/// libFuzzer target for the scenario reader and everything after it: the bytes are a scenario
/// file (next to copies of the shipped scenarios, so that `extends` resolves); a valid one is
/// compiled, solved by its recipe and rendered in every format. Built with
/// `-sanitize=fuzzer -D FUZZING` by `.ci/fuzz`; without `FUZZING` it is a replay tool that runs
/// the files it is given through the same function (a crash is a failure either way).
enum ScenarioFuzzing {
    /// A scratch root with the shipped scenarios and the tiny test ones, made once per process.
    static let root: URL = {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("allot-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["scenarios", "Tests/AllocationTests/Scenarios"] {
            let from = source.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: from.path)) ?? [] where name.hasSuffix(".yaml") {
                try? FileManager.default.copyItem(at: from.appendingPathComponent(name), to: root.appendingPathComponent(name))
            }
        }
        return root
    }()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        let file = root.appendingPathComponent("fuzz-input.yaml")
        guard (try? Data(bytes).write(to: file)) != nil else { return }
        guard var scenario = try? Scenario.load(file).scenario else { return }
        // A short search: the fuzzer is after crashes, not good plans.
        scenario.mip.timeLimit = min(scenario.mip.timeLimit, 2)
        guard let plan = try? ScenarioDriver.solve(scenario, with: GLPKSolver()).plan else { return }
        let json = plan.json().rendered()
        if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil { fatalError("plan.json is not JSON: \(json.prefix(200))") }
        _ = plan.markdown()
        _ = plan.text()
        _ = plan.html()
        _ = plan.allocationsCSV()
        _ = plan.appendixTables().map { $0.csv() }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    ScenarioFuzzing.run(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}

#if FUZZING
// SwiftPM links an executable's entry point as `FuzzScenario_main`; under the fuzzer it hands over to
// libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> CInt

@_cdecl("FuzzScenario_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzScenario)
}
#else
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            data.withUnsafeBytes { ScenarioFuzzing.run($0) }
        }
    }
}
#endif
