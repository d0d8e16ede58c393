import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Testing

/// "What does 30 % on target 2.4 cost?" checked against independent solves: the scenario with a
/// floor on 2.4 whose penalty no plan would pay (so the floor holds whenever it can), and with
/// the envelopes raised by the extra money found.
@Suite("The cost of a target level")
struct TargetCostTests {
    static let file = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")
    static let envelopes: [Int: Double] = [2024: 164_500, 2025: 165_500, 2026: 165_000, 2027: 166_000]

    /// The plan of the baseline with target 2.4 floored at `level` (penalty 10^6 a unit) and the
    /// envelopes raised by `extra` thousands in proportion.
    static func floored(at level: Double, extra: Double = 0, weight: Double = 1) throws -> AllocationPlan {
        let total = envelopes.values.reduce(0, +)
        var overrides = [ScenarioOverride(path: "targets.2.4.floor.attainment", value: level), ScenarioOverride(path: "targets.2.4.floor.penalty", value: 1e6),
                         ScenarioOverride(path: "targets.2.4.weight", value: weight)]
        for (year, envelope) in envelopes { overrides.append(ScenarioOverride(path: "envelopes.\(year)", value: envelope + extra * envelope / total)) }
        let text = try String(contentsOf: file, encoding: .utf8)
        let folder = try TemporaryDirectory()
        // The baseline has no floor on 2.4: one is added, then the overrides set it.
        let withFloor = text.replacingOccurrences(of: "  \"2.4\":\n", with: "  \"2.4\":\n    floor: {attainment: 0, penalty: 0}\n")
        #expect(withFloor != text, "the baseline's target 2.4 is where the test expects it")
        let copy = folder.url.appendingPathComponent("itu-2024-2027.yaml")
        try withFloor.write(to: copy, atomically: true, encoding: .utf8)
        return try ScenarioDriver.solve(try Scenario.load(copy, overrides: overrides).scenario, with: GLPKSolver()).plan
    }

    static func cost(_ level: Double) throws -> TargetCost {
        try TargetCostAnalysis.run(try ScenarioSource(file), target: "2.4", attainment: level, with: GLPKSolver())
    }

    @Test func thirtyPercentIsOutOfReachAndTheAnswerSaysHowFarAndWhy() throws {
        let cost = try Self.cost(0.30)
        let reachable = try #require(cost.reachableWithTodaysMoney)
        // Independently: with the floor at 30 % and a penalty no plan would pay, the plan gets as
        // far as any plan can.
        let plan = try Self.floored(at: 0.30)
        let attained = try #require(plan.targets.first { $0.id == "2.4" }).attainment
        #expect(abs(reachable - attained) < 1e-7, "cost: \(reachable), floored plan: \(attained)")
        #expect(cost.extraEnvelope == nil && cost.blocked != nil, "money alone does not reach 30 %")
        #expect(cost.text().contains("reaches at most 10.46 %"))
        // The trade-off is traced to the end of what today's money reaches, without a step budget.
        #expect(cost.curveTracedTo == nil)
        #expect(abs((cost.pieces.last?.to ?? 0) - reachable) < 1e-9)
        #expect(abs((cost.pieces.last.map { $0.rest(at: $0.to) } ?? .nan) - cost.restAtLevel) < 1e-6)
        // What stands in the way, grouped by kind, in FTE and percentage points: the groups add
        // up to the relaxation's own figures.
        let blocked = try #require(cost.blocked)
        let ceilings = blocked.relaxations.filter { $0.kind == .staffCeiling }
        #expect(!ceilings.isEmpty && ceilings.allSatisfy { $0.unit == .fte && $0.direction == "raise" })
        let groups = cost.relaxationGroups(blocked)
        #expect(groups.contains("raise the staff ceilings by \(Figures.fte(ceilings.reduce(0) { $0 + $1.amount })) FTE in all (\(ceilings.count) limits)"), "\(groups)")
        let shares = blocked.relaxations.filter { $0.kind == .staffCostShare }
        #expect(shares.allSatisfy { ($0.percentagePoints ?? -1) > 0 && ($0.percentagePoints ?? 101) <= 100 })
        // Every format says it; the page draws the trade-off.
        #expect(cost.markdown().contains("## What stands in the way: the smallest change of the limits"))
        let html = cost.html()
        #expect(html.contains("<svg") && html.contains("What the other targets give up as target 2.4 rises"))
        #expect(cost.text().range(of: #"[0-9]e-[0-9]"#, options: .regularExpression) == nil)
    }

    @Test func withTodaysMoneyTheOthersGiveUpWhatAFlooredPlanShows() throws {
        let cost = try Self.cost(0.10)
        let givenUp = try #require(cost.restGivenUp)
        let plan = try Self.floored(at: 0.10)
        #expect((plan.shortfalls["2.4"] ?? 1) < 1e-9)
        // Objective = others' weighted impact + 1 × 0.10 (no penalty paid).
        let rest = try #require(plan.objective) - 0.10
        #expect(abs(cost.restAtLevel - rest) <= 1e-7 * abs(rest), "cost: \(cost.restAtLevel), floored plan: \(rest)")
        #expect(abs(givenUp - (cost.restToday - rest)) < 1e-7)
        // The traced trade-off agrees with the direct solve wherever it reached.
        for piece in cost.pieces.prefix(5) {
            let plan = try Self.floored(at: piece.to)
            #expect(abs(piece.rest(at: piece.to) - (try #require(plan.objective) - piece.to)) <= 1e-6, "at \(piece.to)")
        }
    }

    @Test func theExtraEnvelopeIsTheLeastThatKeepsEveryOtherTarget() throws {
        let cost = try Self.cost(0.09)
        let extra = try #require(cost.extraEnvelope)
        #expect(extra > 0)
        #expect(abs(cost.extraByYear.values.reduce(0, +) - extra) < 1e-6)
        // With 2.4's own weight at 0 the objective is the others' weighted impact alone, so the
        // floored plan maximises exactly what must be kept: with that money it keeps today's,
        // with 10 % less it cannot.
        let enough = try Self.floored(at: 0.09, extra: extra, weight: 0)
        #expect((enough.shortfalls["2.4"] ?? 1) < 1e-9)
        let kept = try #require(enough.objective)
        // To GLPK's feasibility tolerance: 2e-6 relative in the kept impact, about CHF 2k of money.
        #expect(kept >= cost.restToday * (1 - 1e-5), "kept \(kept), today \(cost.restToday), extra \(extra)")
        let short = try Self.floored(at: 0.09, extra: extra * 0.9, weight: 0)
        let lost = try #require(short.objective)
        #expect(lost < cost.restToday * (1 - 1e-5), "\(lost) against \(cost.restToday): 10 % less money (CHF \(extra / 10)k) must lose more than the tolerance")
    }
}
