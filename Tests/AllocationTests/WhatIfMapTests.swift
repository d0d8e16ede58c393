import Allocation
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Testing

/// The what-if map in the domain's words: checked against the exact curve (an independent walk)
/// and against full solves; refusals and what the page cannot show.
@Suite("What-if maps")
struct WhatIfMapTests {
    static let source = { try! ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")) }()

    /// One limit: the regions tile the range end to end, the weighted impact at every region
    /// end is the exact curve's (the curve is walked by another route: ratio tests on the
    /// model's own basis), and every region was checked at its centre by the map itself.
    @Test func theMoneyMapAgreesWithTheExactCurve() throws {
        let map = try WhatIfMapBuilder.build(Self.source, limits: [.init(path: "envelopes.2026", from: 150_000, to: 180_000)], with: GLPKSolver())
        #expect(map.checkedPoints == map.regions.count && map.largestDifference <= 1e-6)
        #expect(map.gaps.isEmpty && map.notes.isEmpty)
        let curve = try BudgetCurveBuilder.run(Self.source, path: "envelopes.2026", from: 150_000, to: 180_000, with: GLPKSolver())
        let impact = try #require(map.figures.firstIndex { $0.id == "impact" })
        #expect(abs(map.regions.first!.vertices[0].first - 150_000) < 1e-6 && abs(map.regions.last!.vertices[1].first - 180_000) < 1e-6)
        for (left, right) in zip(map.regions, map.regions.dropFirst()) {
            #expect(abs(left.vertices[1].first - right.vertices[0].first) < 1e-3, "a gap or overlap at \(left.vertices[1].first)")
        }
        for region in map.regions {
            for end in [region.vertices[0], region.vertices[1]] {
                let traced = try #require(curve.objective(at: end.first))
                #expect(abs(map.value(impact, in: region, at: end) - traced) <= 1e-7 * abs(traced), "at \(end.first)")
            }
        }
        // Every curve breakpoint where the price moves by more than a millionth is a region
        // edge (the map has more edges: the plan can change where the impact's slope does not),
        // to the curve's own precision: it joins slivers under a millionth of the range.
        let edges = map.regions.dropFirst().map { $0.vertices[0].first }
        for (left, right) in zip(curve.pieces, curve.pieces.dropFirst()) where abs(right.price - left.price) > 1e-6 * abs(left.price) {
            #expect(edges.contains { abs($0 - right.from) <= 2e-6 * 30_000 }, "breakpoint \(right.from) (price \(left.price) to \(right.price)) is not an edge")
        }
        // The baseline figures are allot solve's plan.
        let plan = try ScenarioDriver.solve(try Self.source.scenario().scenario, with: GLPKSolver()).plan
        #expect(abs(map.figures[impact].baseline - (plan.objective ?? 0)) < 1e-12)
        let itur = try #require(map.figures.first { $0.id == "fte.ITUR" })
        #expect(abs(itur.baseline - plan.lines.filter { $0.sector == "ITUR" }.reduce(0) { $0 + $1.totalStaff } / 4) < 1e-9)
    }

    /// Moving the 2026 envelope and the 2026 staff ceiling together: the map covers the whole
    /// rectangle (areas add up), and random points match full solves of the scenario.
    @Test func aTwoLimitMapMatchesSolvesAtRandomPoints() throws {
        let map = try WhatIfMapBuilder.build(Self.source, limits: [.init(path: "envelopes.2026", from: 160_000, to: 170_000),
                                                                   .init(path: "staff.ceiling.2026", from: 440, to: 456)], with: GLPKSolver())
        let area = map.regions.reduce(0) { $0 + ParameterPolygon(vertices: $1.vertices).area }
        #expect(abs(area - 10_000 * 16) <= 1e-6 * 10_000 * 16, "the regions cover \(area) of 160,000")
        #expect(map.checkedPoints == map.regions.count)
        let base = try Self.source.scenario().scenario
        var generator = SeededGenerator(seed: 16)
        for _ in 0..<8 {
            let point = ParameterPoint(Double.random(in: 160_000...170_000, using: &generator), Double.random(in: 440...456, using: &generator))
            let region = try #require(map.region(at: point))
            let overrides = [ScenarioOverride(path: "envelopes.2026", value: point.first), ScenarioOverride(path: "staff.ceiling.2026", value: point.second)]
            let plan = try ScenarioDriver.solve(try Self.source.scenario(overrides: overrides).scenario, with: GLPKSolver()).plan
            for (index, figure) in map.figures.enumerated() {
                let expected: Double
                switch figure.group {
                case .impact: expected = plan.objective ?? .nan
                case .sectorPriority:
                    let ids = figure.id.split(separator: ".").map(String.init)
                    expected = plan.lines.filter { $0.sector == ids[1] && $0.priority == ids[2] }.reduce(0) { $0 + $1.cost }
                case .attainment: expected = plan.targets.first { "attainment.\($0.id)" == figure.id }?.attainment ?? .nan
                default: continue
                }
                #expect(abs(map.value(index, in: region, at: point) - expected) <= 1e-6 * max(1, abs(expected)), "\(figure.id) at \(point)")
            }
            _ = base
        }
    }

    @Test func whatThePageCannotShowIsRefusedOrSaid() throws {
        let maximin = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent("itu-maximin.yaml"))
        #expect(throws: AnalysisError.self) {
            try WhatIfMapBuilder.build(maximin, limits: [.init(path: "envelopes.total", from: 90, to: 110, inPercent: true)], with: GLPKSolver())
        }
        let posts = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent("itu-whole-posts.yaml"))
        let map = try WhatIfMapBuilder.build(posts, limits: [.init(path: "envelopes.2026", from: 160_000, to: 170_000)], with: GLPKSolver())
        #expect(map.notes.contains { $0.contains("whole posts") } && map.checkedPoints == 0)
        // A staff ceiling cut below what the commitments and floors need leaves no plan: the
        // map says where, with the infeasibility explanation.
        let cut = try WhatIfMapBuilder.build(Self.source, limits: [.init(path: "staff.ceiling.2026", from: 50, to: 450)], with: GLPKSolver())
        #expect(!cut.gaps.isEmpty && cut.gaps.allSatisfy { $0.point.first < 450 && !$0.explanation.isEmpty })
        #expect(cut.region(at: ParameterPoint(50, 0)) == nil && cut.region(at: ParameterPoint(449, 0)) != nil)
        #expect(throws: AnalysisError.self) {
            try WhatIfMapBuilder.build(Self.source, limits: [.init(path: "envelopes.total", from: 2, to: 1)], with: GLPKSolver())
        }
        #expect(throws: AnalysisError.self) {
            try WhatIfMapBuilder.build(Self.source, limits: [.init(path: "envelopes.total", from: 1, to: 2), .init(path: "envelopes.total", from: 1, to: 2)], with: GLPKSolver())
        }
        #expect(throws: AnalysisError.self) {
            try WhatIfMapBuilder.build(Self.source, limits: [.init(path: "envelopes.2026", from: 160_000, to: 170_000)], with: GLPKSolver(), maximumRegions: 2)
        }
    }
}
