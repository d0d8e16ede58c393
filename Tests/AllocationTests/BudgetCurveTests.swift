import Allocation
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import LPConformance
import Testing

@Suite("Exact budget curves")
struct BudgetCurveTests {
    static let source = { try! ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")) }()

    /// Independent cold solves over the range (200 for the total envelope): the curve gives each
    /// objective to 1e-7.
    @Test(arguments: [("envelopes.total", 560_000.0, 760_000.0, 200), ("envelopes.2026", 150_000, 180_000, 60), ("staff.ceiling.2025", 400, 520, 60)])
    func curveMatchesIndependentSolves(path: String, from: Double, to: Double, points: Int) throws {
        let curve = try BudgetCurveBuilder.run(Self.source, path: path, from: from, to: to, with: GLPKSolver())
        #expect(curve.endsAt == nil, "\(path): \(String(describing: curve.endReason))")
        #expect(curve.pieces.count >= 3, "\(path) has only \(curve.pieces.count) pieces")
        #expect(abs(curve.pieces.first!.from - from) < 1e-6 && abs(curve.pieces.last!.to - to) < 1e-6)
        // No sliver: every piece is at least a millionth of the range wide (the walk's own steps
        // past each edge are joined to their neighbours).
        #expect(curve.pieces.allSatisfy { $0.to - $0.from >= 1e-6 * (to - from) }, "\(path): \(curve.pieces.map { $0.to - $0.from }.min() ?? 0)")
        let base = try Self.source.scenario().scenario
        for step in 0..<points {
            let value = from + (to - from) * Double(step) / Double(points - 1)
            let overrides = try ScenarioSweep.overrides(path: path, value: value, base: base, source: Self.source)
            let solved = try #require(try ScenarioDriver.solve(try Self.source.scenario(overrides: overrides).scenario, with: GLPKSolver()).plan.objective)
            let traced = try #require(curve.objective(at: value), "\(path) at \(value)")
            #expect(abs(traced - solved) <= 1e-7 * abs(solved), "\(path) at \(value): curve \(traced), solve \(solved)")
        }
        // Concave: prices fall as the limit rises.
        for (left, right) in zip(curve.pieces, curve.pieces.dropFirst()) {
            #expect(right.price <= left.price + 1e-9 * max(1, abs(left.price)), "\(path): price rises at \(right.from)")
        }
    }

    /// A target floor on the ITU baseline, 0 to 30 % on target 2.4 (reachable up to about
    /// 10.5 %): the walk crosses the degenerate stretch where the floor starts to bind without
    /// crawling, runs to the end of the range, and past what money can reach pays the penalty
    /// (1000 per unit of attainment, 10 per point). Every point agrees with a cold solve.
    @Test func targetFloorCurveRunsToTheEndOfItsRange() throws {
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("floor.yaml")
        let baseline = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml").path
        try Data("extends: \(baseline)\nname: ITU with a floor on 2.4\ntargets:\n  \"2.4\":\n    floor: {attainment: 0.05, penalty: 1000}\n".utf8).write(to: file)
        let source = try ScenarioSource(file, root: URL(fileURLWithPath: "/"))
        let path = "targets.2.4.floor.attainment"
        let curve = try BudgetCurveBuilder.run(source, path: path, from: 0, to: 0.3, with: GLPKSolver())
        #expect(curve.endsAt == nil, "\(String(describing: curve.endReason)) at \(String(describing: curve.endsAt))")
        #expect(curve.unit == .attainment)
        #expect(abs(try #require(curve.pieces.last).price - -1000) < 1e-6)
        #expect(curve.pieces.count < 200, "\(curve.pieces.count) pieces")
        let base = try source.scenario().scenario
        for step in 0...30 {
            let value = 0.3 * Double(step) / 30
            let overrides = try ScenarioSweep.overrides(path: path, value: value, base: base, source: source)
            let solved = try #require(try ScenarioDriver.solve(try source.scenario(overrides: overrides).scenario, with: GLPKSolver()).plan.objective)
            let traced = try #require(curve.objective(at: value), "at \(value)")
            #expect(abs(traced - solved) <= 1e-6 * max(1, abs(solved)), "at \(value): curve \(traced), solve \(solved)")
        }
        // Read in percent, priced per attainment point.
        let table = curve.table()
        #expect(table.headers.last == "Price (per attainment point)")
        #expect(table.rows.last?.first?.hasSuffix(" %") == true && table.rows.last?[1] == "30.00 %" && table.rows.last?.last == "-10")
    }

    /// Tiny's gaps (1000 and 500 points) are out of reach with CHF 200k, in reach with CHF 20 million:
    /// the curve caps them before its walk, and still agrees with cold solves, which cap them at
    /// their own envelopes; past the point where both gaps close, more money is worth nothing.
    @Test func curveThatCarriesTargetsPastTheirGapsMatchesColdSolves() throws {
        let source = try ScenarioSource(HandSolvedTests.tinyURL)
        let curve = try BudgetCurveBuilder.run(source, path: "envelopes.total", from: 200, to: 20_000, with: GLPKSolver())
        #expect(curve.endsAt == nil)
        let base = try source.scenario().scenario
        for step in 0..<40 {
            let value = 200 + 19_800 * Double(step) / 39
            let overrides = try ScenarioSweep.overrides(path: "envelopes.total", value: value, base: base, source: source)
            let plan = try ScenarioDriver.solve(try source.scenario(overrides: overrides).scenario, with: GLPKSolver()).plan
            let solved = try #require(plan.objective)
            let traced = try #require(curve.objective(at: value))
            #expect(abs(traced - solved) <= 1e-7 * abs(solved), "at \(value): curve \(traced), solve \(solved)")
            #expect(plan.targets.allSatisfy { $0.countedAttainment <= 1 })
        }
        #expect(abs(try #require(curve.objective(at: 20_000)) - 200) < 1e-7, "both gaps closed: weight 100 each")
        #expect(abs(try #require(curve.pieces.last).price) < 1e-12)
    }

    /// The sweep moves only the limits when they are proportional to the parameter, and falls
    /// back to compiling each point otherwise (a share changes the matrix): both agree with
    /// independent cold solves, spending by sector included.
    @Test(arguments: [("envelopes.total", 560_000.0, 760_000.0), ("staff.ceiling.2025", 400, 520), ("sectors.ITUR.min_share", 0.15, 0.3), ("targets.2.1.weight", 0.5, 3)])
    func sweepMatchesIndependentSolves(path: String, from: Double, to: Double) throws {
        let sweep = try ScenarioSweep.run(Self.source, path: path, from: from, to: to, steps: 9, with: GLPKSolver())
        let base = try Self.source.scenario().scenario
        #expect(sweep.points.count == 9)
        for point in sweep.points {
            let overrides = try ScenarioSweep.overrides(path: path, value: point.value, base: base, source: Self.source)
            let solved = try ScenarioDriver.solve(try Self.source.scenario(overrides: overrides).scenario, with: GLPKSolver()).plan
            let objective = try #require(solved.objective)
            #expect(abs(try #require(point.objective) - objective) <= 1e-7 * abs(objective), "\(path) at \(point.value)")
            let total = solved.lines.reduce(0) { $0 + $1.cost }
            #expect(abs(point.spendingBySector.values.reduce(0, +) - total) <= 1e-6 * total, "\(path) at \(point.value)")
        }
    }

    /// Random LPs: the traced curve of one row equals cold solves at 50 points.
    @Test(arguments: Array(UInt64(1)...30))
    func curveOfRandomLPsMatchesColdSolves(seed: UInt64) throws {
        let model = RandomModels.boundedLP(seed: seed)
        let row = ConstraintRef(index: 0)
        let curve = try GLPKSolver().rightHandSideCurve(model, direction: [row: 1], from: -10, to: 30)
        for step in 0..<50 {
            let t = -10 + 40 * Double(step) / 49
            var moved = model
            let bounds = model.constraints[0].bounds
            moved.setBounds(of: row, .lessOrEqual(bounds.upper + t))
            let solution = try GLPKSolver().solve(moved, options: SolveOptions())
            if let start = curve.startsAt, t < start - 1e-6 {
                #expect(solution.termination != .optimal, "seed \(seed): the curve starts at \(start) but \(t) solves")
                continue
            }
            if let end = curve.endsAt, t > end + 1e-9 {
                #expect(solution.termination != .optimal, "seed \(seed): the curve ends at \(end) but \(t) solves")
                continue
            }
            guard solution.termination == .optimal else {
                Issue.record("seed \(seed): \(t) does not solve but the curve goes on")
                continue
            }
            let traced = try #require(curve.objective(at: t), "seed \(seed) at \(t)")
            #expect(abs(traced - solution.objectiveValue!) <= 1e-7 * max(1, abs(solution.objectiveValue!)), "seed \(seed) at \(t)")
        }
    }

    @Test func someRandomCurvesStartLate() throws {
        let late = try (UInt64(1)...30).filter { seed in
            try GLPKSolver().rightHandSideCurve(RandomModels.boundedLP(seed: seed), direction: [ConstraintRef(index: 0): 1], from: -10, to: 30).startsAt != nil
        }
        #expect(!late.isEmpty, "the infeasible-start case is exercised")
    }

    @Test func limitsThatChangeTheMatrixAreRefused() throws {
        #expect(throws: AnalysisError.self) { try BudgetCurveBuilder.run(Self.source, path: "sectors.ITUR.min_share", from: 0.1, to: 0.3, with: GLPKSolver()) }
        let maximin = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent("itu-maximin.yaml"))
        #expect(throws: AnalysisError.self) { try BudgetCurveBuilder.run(maximin, path: "envelopes.total", from: 600_000, to: 700_000, with: GLPKSolver()) }
    }
}
