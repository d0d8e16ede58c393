import Allocation
import Benchmark
import Foundation
import GLPKBackend
import LinearModel

/// The shipped ITU baseline (about 1,400 rows x 1,500 columns), compiled once.
private let program: CompiledScenario = {
    let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/itu-2024-2027.yaml")
    do {
        return ScenarioDriver.compile(try Scenario.load(file).scenario)
    } catch {
        fatalError("cannot load the ITU baseline for benchmarking: \(error)")
    }
}()

private let envelope2026 = program.row(.envelope(year: 2026))!

private let baselineFile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios/itu-2024-2027.yaml")

/// A generated scenario (`allot generate` with these sizes), compiled once.
private func generated(_ generator: ScenarioGenerator) -> CompiledScenario {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("allot-bench-\(generator.sectors)x\(generator.priorities)x\(generator.offerings)x\(generator.years).yaml")
    do {
        try Data(generator.yaml().utf8).write(to: file)
        return ScenarioDriver.compile(try Scenario.load(file).scenario)
    } catch {
        fatalError("cannot generate a scenario for benchmarking: \(error)")
    }
}

private let threeTimes = generated(ScenarioGenerator(sectors: 6, priorities: 10, offerings: 10, years: 4, seed: 1))
private let tenTimes = generated(ScenarioGenerator(sectors: 8, priorities: 14, offerings: 12, years: 6, seed: 1))

/// The 10x scenario cut into one LP per year. Nothing links its years but the objective, which
/// is a sum over years (no biennia, change limits, floors or previous plan in generated
/// scenarios), so the years' optima add up to the whole optimum; checked before measuring.
private let tenTimesByYear: [CompiledScenario] = tenTimes.scenario.years.map { year in
    var single = tenTimes.scenario
    single.years = [year]
    single.envelopes = single.envelopes.filter { $0.key == year }
    single.fixedCommitments = single.fixedCommitments.filter { $0.year == year }
    return ScenarioDriver.compile(single)
}

private let yearByYearChecked: Bool = {
    do { try checkYearByYear() } catch { fatalError("cannot solve the 10x model: \(error)") }
    return true
}()

private func checkYearByYear() throws {
    let whole = try GLPKSolver().solve(tenTimes.model, options: SolveOptions()).objectiveValue ?? .nan
    let parts = try tenTimesByYear.reduce(0.0) { $0 + (try GLPKSolver().solve($1.model, options: SolveOptions()).objectiveValue ?? .nan) }
    guard abs(whole - parts) <= 1e-7 * abs(whole) else {
        fatalError("year-by-year optima add up to \(parts), the whole model's optimum is \(whole)")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal], maxDuration: .seconds(5), maxIterations: 200)

    Benchmark("ITU model build (scenario to LP)") { benchmark in
        let scenario = program.scenario
        for _ in benchmark.scaledIterations {
            blackHole(ScenarioDriver.compile(scenario))
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

    // What `allot sensitivity` does after loading the scenario: the plan with sensitivity, then
    // Appendix A's prices, prices in target terms, unfunded lines and weight ranges.
    Benchmark("ITU Appendix A sensitivity (allot sensitivity)") { benchmark in
        let scenario = program.scenario
        for _ in benchmark.scaledIterations {
            let solver = GLPKSolver()
            let solved = try ScenarioDriver.solve(scenario, with: solver, sensitivity: true)
            blackHole(try SensitivityAnalyzer.analyze(solved, with: solver))
        }
    }

    // As `allot sensitivity` runs it since the scenario's fields are priced along each field:
    // the scenario compiled once per field (spread over the cores).
    Benchmark("ITU Appendix A sensitivity with field prices (allot sensitivity)") { benchmark in
        let source = try ScenarioSource(baselineFile)
        let scenario = try source.scenario().scenario
        for _ in benchmark.scaledIterations {
            let solver = GLPKSolver()
            let solved = try ScenarioDriver.solve(scenario, with: solver, sensitivity: true)
            blackHole(try SensitivityAnalyzer.analyze(solved, source: source, with: solver))
        }
    }

    Benchmark("ITU exact curve of the total envelope, 85 % to 115 %") { benchmark in
        let source = try ScenarioSource(baselineFile)
        for _ in benchmark.scaledIterations {
            blackHole(try BudgetCurveBuilder.run(source, path: "envelopes.total", from: 562_250, to: 760_650, with: GLPKSolver()))
        }
    }

    Benchmark("3x model build") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(ScenarioDriver.compile(threeTimes.scenario)) }
    }

    Benchmark("3x cold solve") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try GLPKSolver().solve(threeTimes.model, options: SolveOptions())) }
    }

    Benchmark("3x solve with full sensitivity") { benchmark in
        var options = SolveOptions()
        options.computeSensitivity = true
        for _ in benchmark.scaledIterations { blackHole(try GLPKSolver().solve(threeTimes.model, options: options)) }
    }

    // What helps GLPK at 10x: each option against the default (dual simplex, presolve, scaling).
    for (label, method, presolve, scaling) in [("default: dual, presolve, scaling", SimplexMethod.dual, true, true),
                                               ("primal simplex", .primal, true, true),
                                               ("no presolve", .dual, false, true),
                                               ("no scaling", .dual, true, false)] {
        Benchmark("10x cold solve, \(label)", configuration: .init(maxDuration: .seconds(20), maxIterations: 5)) { benchmark in
            var options = SolveOptions()
            options.method = method
            options.presolve = presolve
            options.scaling = scaling
            for _ in benchmark.scaledIterations { blackHole(try GLPKSolver().solve(tenTimes.model, options: options)) }
        }
    }

    // The advanced starting basis: the previous optimum, after a 0.1 % change of one envelope.
    Benchmark("10x warm re-solve after a 0.1 % envelope change", configuration: .init(maxDuration: .seconds(20), maxIterations: 50)) { benchmark in
        let row = tenTimes.model.constraint(named: "envelope(2026)")!
        let upper = tenTimes.model.constraints[row.index].bounds.upper
        try GLPKSolver().withSession(tenTimes.model, options: SolveOptions()) { session in
            _ = session.solve()
            benchmark.startMeasurement()
            defer { benchmark.stopMeasurement() }
            for iteration in benchmark.scaledIterations {
                try session.setBounds(of: row, to: .lessOrEqual(upper * (1 + (iteration % 2 == 0 ? 0.001 : -0.001))))
                blackHole(session.solve())
            }
        }
    }

    // Structure: the same 10x optimum from one LP per year, serially and on 2 threads.
    Benchmark("10x solved year by year (6 LPs), one thread", configuration: .init(maxDuration: .seconds(20), maxIterations: 10)) { benchmark in
        blackHole(yearByYearChecked)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for program in tenTimesByYear { blackHole(try GLPKSolver().solve(program.model, options: SolveOptions())) }
        }
        benchmark.stopMeasurement()
    }

    Benchmark("10x solved year by year (6 LPs), 2 threads", configuration: .init(maxDuration: .seconds(20), maxIterations: 10)) { benchmark in
        let solver = GLPKSolver()
        for _ in benchmark.scaledIterations {
            blackHole(WorkerPool.map(tenTimesByYear, jobs: 2, threadExit: solver.releaseThreadResources) { program in
                (try? solver.solve(program.model, options: SolveOptions()))?.objectiveValue
            })
        }
    }
}
