import Allocation
import Benchmark
import Foundation
import GLPKBackend
import LinearModel

/// The shipped ITU baseline (about 1,400 rows x 1,500 columns), compiled once.
private let program: AllocationProgram = {
    let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/itu-2024-2027.yaml")
    do {
        return AllocationCompiler.compile(try Scenario.load(file).scenario)
    } catch {
        fatalError("cannot load the ITU baseline for benchmarking: \(error)")
    }
}()

private let envelope2026 = program.model.constraint(named: "envelope(2026)")!

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal], maxDuration: .seconds(5), maxIterations: 200)

    Benchmark("ITU model build (scenario to LP)") { benchmark in
        let scenario = program.scenario
        for _ in benchmark.scaledIterations {
            blackHole(AllocationCompiler.compile(scenario))
        }
    }

    Benchmark("ITU cold solve") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try GLPKSolver().solve(program.model, options: SolveOptions()))
        }
    }

    // The same RHS change as the warm benchmark, solved from scratch each time.
    Benchmark("ITU cold solve after a 0.1 % envelope change") { benchmark in
        var model = program.model
        for iteration in benchmark.scaledIterations {
            model.setBounds(of: envelope2026, .lessOrEqual(165 * (1 + (iteration % 2 == 0 ? 0.001 : -0.001))))
            blackHole(try GLPKSolver().solve(model, options: SolveOptions()))
        }
    }

    // Loading and the first (cold) solve are outside the measurement.
    Benchmark("ITU warm re-solve after a 0.1 % envelope change") { benchmark in
        try GLPKSolver().withSession(program.model, options: SolveOptions()) { session in
            _ = session.solve()
            benchmark.startMeasurement()
            defer { benchmark.stopMeasurement() }
            for iteration in benchmark.scaledIterations {
                try session.setBounds(of: envelope2026, to: .lessOrEqual(165 * (1 + (iteration % 2 == 0 ? 0.001 : -0.001))))
                blackHole(session.solve())
            }
        }
    }

    // A 5 % swing moves the optimal basis: the dual simplex does real pivots from the old one.
    Benchmark("ITU warm re-solve after a 5 % envelope change") { benchmark in
        try GLPKSolver().withSession(program.model, options: SolveOptions()) { session in
            _ = session.solve()
            benchmark.startMeasurement()
            defer { benchmark.stopMeasurement() }
            for iteration in benchmark.scaledIterations {
                try session.setBounds(of: envelope2026, to: .lessOrEqual(165 * (1 + (iteration % 2 == 0 ? 0.05 : -0.05))))
                blackHole(session.solve())
            }
        }
    }

    Benchmark("ITU solve with full sensitivity") { benchmark in
        var options = SolveOptions()
        options.computeSensitivity = true
        for _ in benchmark.scaledIterations {
            blackHole(try GLPKSolver().solve(program.model, options: options))
        }
    }

    Benchmark("ITU solve with sensitivity, without one-sided prices") { benchmark in
        var options = SolveOptions()
        options.computeSensitivity = true
        options.computeOneSidedPrices = false
        for _ in benchmark.scaledIterations {
            blackHole(try GLPKSolver().solve(program.model, options: options))
        }
    }
}
