import Foundation
import GLPKBackend
import LinearModel
import LPReports

/// libFuzzer target for the LP and MPS readers and the solve after them: the bytes are read as
/// a CPLEX LP file and as a free MPS file; a model that reads is solved with its sensitivity
/// report and rendered as JSON. See `FuzzScenario` for how it is built and replayed.
enum ModelFuzzing {
    static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-fuzz-model-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        for format in [ModelFileFormat.cplexLP, .freeMPS] {
            let file = folder.appendingPathComponent("fuzz-input.\(format.rawValue)")
            guard (try? Data(bytes).write(to: file)) != nil,
                  let model = try? ModelFile.read(from: file.path, format: format) else { continue }
            var options = SolveOptions()
            options.computeSensitivity = true
            options.timeLimit = 2
            guard let solution = try? GLPKSolver().solve(model, options: options) else { continue }
            let json = SolutionReport(model: model, solution: solution, solverName: "GLPK").json().rendered()
            if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil { fatalError("solution JSON is not JSON: \(json.prefix(200))") }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFile(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    ModelFuzzing.run(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}

#if FUZZING
// SwiftPM links an executable's entry point as `FuzzModelFile_main`; under the fuzzer it hands over to
// libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> CInt

@_cdecl("FuzzModelFile_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzModelFile)
}
#else
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            data.withUnsafeBytes { ModelFuzzing.run($0) }
        }
    }
}
#endif
