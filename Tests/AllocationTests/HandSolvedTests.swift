import Allocation
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Testing

/// The tiny organisation of `Scenarios/tiny.yaml`, solved on paper.
///
/// Objective weights w/scale: T1 0.1, T2 0.2 per point. Impact per CHF thousand on the first
/// segment: (A,P1,O1) 1 point of T1 -> 0.1; (A,P1,O2) 0.45 of T1 -> 0.045; (B,P2,O1) 1 of T2 -> 0.2;
/// (B,P2,O2) 0.45 of T2 -> 0.09; beyond CHF 30k each earns 0.4 of that.
/// O1 needs staff cost >= 50 % of cost, at CHF 10k per FTE: 1 FTE carries CHF 20k of O1 cost,
/// so the 3-FTE ceiling allows CHF 60k of O1 a year.
///
/// 2025: B.O1 30 (0.2), A.O1 30 (0.1) fill O1; B.O2 30 (0.09); the last CHF 10k goes to A.O2 (0.045).
///   Envelope price 0.045 per CHF k (A.O2 takes the next franc). Staff price: one FTE moves
///   CHF 20k from A.O2 (0.045) to B.O1's second segment (0.08): 20 x 0.035 = 0.7.
/// 2026: the conference needs B.O2 >= 35, so 5 more on B.O2's second segment (0.036) come from
///   A.O2 (0.045), which keeps 5: commitment price 0.036 - 0.045 = -0.009; envelope 0.045, staff 0.7.
/// Objective: 2025: 6 + 3 + 2.7 + 0.45 = 12.15; 2026: 6 + 3 + 2.7 + 0.18 + 0.225 = 12.105; 24.255.
@Suite("Hand-solved allocation")
struct HandSolvedTests {
    static let tinyURL = TestPaths.testScenarios.appendingPathComponent("tiny.yaml")

    @Test func optimumAllocationAndPrices() throws {
        let scenario = try Scenario.load(Self.tinyURL).scenario
        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver())
        let (program, plan, solution) = (solved.compiled, solved.plan, solved.solution)
        #expect(plan.termination == .optimal)
        #expect(abs((plan.objective ?? 0) - 24.255) < 1e-9)

        func cost(_ sector: String, _ line: String, _ offering: String, _ year: Int) -> Double? {
            plan.lines.first { $0.sector == sector && $0.line == line && $0.offering == offering && $0.year == year }?.cost
        }
        let expected: [(String, String, String, Int, Double)] = [
            ("A", "P1", "O1", 2025, 30), ("A", "P1", "O2", 2025, 10), ("B", "P2", "O1", 2025, 30), ("B", "P2", "O2", 2025, 30),
            ("A", "P1", "O1", 2026, 30), ("A", "P1", "O2", 2026, 5), ("B", "P2", "O1", 2026, 30), ("B", "P2", "O2", 2026, 35),
        ]
        for (sector, line, offering, year, amount) in expected {
            let actual = try #require(cost(sector, line, offering, year))
            #expect(abs(actual - amount) < 1e-9, "\(sector) \(line) \(offering) \(year): \(actual)")
        }
        let staff = plan.lines.filter { $0.offering == "O1" }.map { $0.staff["S"] ?? 0 }
        #expect(staff.allSatisfy { abs($0 - 1.5) < 1e-9 }, "\(staff)")
        #expect(plan.lines.filter { $0.offering == "O2" }.allSatisfy { ($0.staff["S"] ?? 0) < 1e-12 })

        let impact = Dictionary(uniqueKeysWithValues: plan.targets.map { ($0.id, $0.impact) })
        #expect(abs(impact["T1"]! - 66.75) < 1e-9)
        #expect(abs(impact["T2"]! - 87.9) < 1e-9)

        func price(_ row: String) -> Double? {
            program.model.constraint(named: row).map { solution.constraints[$0.index].shadowPrice ?? .nan }
        }
        // The LP counts money in CHF millions: 0.045 per CHF thousand is 45 per CHF million.
        for year in [2025, 2026] {
            #expect(abs(try #require(price("envelope(\(year))")) - 45) < 1e-9)
            #expect(abs(try #require(price("staffceiling(\(year))")) - 0.7) < 1e-9)
        }
        #expect(abs(try #require(price("commitment(B,P2,O2,2026)")) - -9) < 1e-9)
        let perThousand = Dictionary(uniqueKeysWithValues: plan.bindingConstraints.map { ($0.constraint, $0.price.value) })
        #expect(abs(perThousand["envelope(2026)"]! - 0.045) < 1e-12)
        #expect(abs(perThousand["commitment(B,P2,O2,2026)"]! - -0.009) < 1e-12)

        let binding = Set(plan.bindingConstraints.map(\.constraint))
        #expect(binding.isSuperset(of: ["envelope(2025)", "envelope(2026)", "staffceiling(2025)", "staffceiling(2026)", "commitment(B,P2,O2,2026)"]))
        let envelope = try #require(plan.bindingConstraints.first { $0.constraint == "envelope(2025)" })
        #expect(envelope.meaning.description == "Annual envelope 2025 (CHF 100k)")
        #expect(envelope.meaning.path == "envelopes.2025")
    }

    @Test func attributionFollowsImpactContributions() throws {
        let scenario = try Scenario.load(Self.tinyURL).scenario
        let plan = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        // Sector A only moves T1 and sector B only T2: each target gets its sector's spending.
        let byTarget = Dictionary(uniqueKeysWithValues: plan.targets.map { ($0.id, $0.attributedCost) })
        #expect(abs(byTarget["T1"]! - 75) < 1e-9)
        #expect(abs(byTarget["T2"]! - 125) < 1e-9)
        #expect(abs(plan.attributedCost(goal: "G") - 200) < 1e-9)
        #expect(plan.unattributedCost == 0)
    }

    @Test func exportedLPGivesTheSameObjectiveInGlpsol() throws {
        let scenario = try Scenario.load(Self.tinyURL).scenario
        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver())
        let (program, plan, _) = (solved.compiled, solved.plan, solved.solution)
        let objective = try #require(plan.objective)
        let glpsol = try Glpsol.objective(of: program.model)
        #expect(abs(glpsol - objective) <= 1e-6 * max(1, abs(objective)))
    }
}

/// Impact past a target's gap earns nothing: the LP counts each target's impact up to its scale.
///
/// `tiny-one-gap-closes.yaml`: T1's gap is 10 points (0.1 a point), T2 as in tiny (0.2 a point).
/// Without T1, each year's CHF 100k goes to B: O1's first segment 30 (0.2 a k, 1.5 FTE), O2's
/// first 30 (0.09), O1's second 30 with the last 1.5 FTE (0.08), O2's second 10 (0.036):
/// 6 + 2.7 + 2.4 + 0.36 = 11.46 a year. Money's next use is B.O2's second segment (0.036 a k);
/// an FTE moves CHF 20k from there to B.O1's second segment: 20 × (0.08 − 0.036) = 0.88.
/// T1's 10 points cost 10k and 0.5 FTE on A.O1 (0.36 + 0.44) or 22.2k on A.O2 (0.8): 0.8 of B's
/// objective for 1.0 of T1's, so the plan closes T1's gap and stops there.
/// Objective: 2 × 11.46 − 0.8 + 1 = 23.12; T2: (23.12 − 1) / 0.2 = 110.6 points.
///
/// `tiny-reachable.yaml`: both gaps narrow (10 and 5 points, weight 1). The 2026 conference alone
/// puts 35k on B.O2: 0.45 × (30 + 0.4 × 5) = 14.4 points of T2, 288 %. The objective is 2, its
/// most, and money is worth nothing more.
@Suite("Attainment cap, hand-solved")
struct AttainmentCapTests {
    static func solve(_ file: String) throws -> SolvedScenario {
        try ScenarioDriver.solve(Scenario.load(TestPaths.testScenarios.appendingPathComponent(file)).scenario, with: GLPKSolver())
    }

    @Test func aGapWithinReachIsClosedAndNotPassed() throws {
        let solved = try Self.solve("tiny-one-gap-closes.yaml")
        let plan = solved.plan
        #expect(plan.termination == .optimal)
        #expect(abs((plan.objective ?? 0) - 23.12) < 1e-9)
        let t1 = try #require(plan.targets.first { $0.id == "T1" }), t2 = try #require(plan.targets.first { $0.id == "T2" })
        #expect(abs(t1.attainment - 1) < 1e-9, "money past the gap would be wasted: \(t1.attainment)")
        #expect(t1.isReached && !t2.isReached)
        #expect(abs(t2.impact - 110.6) < 1e-9)
        #expect(abs(plan.weightedImpact - 23.12) < 1e-9, "the plan's own valuation counts T1 at 100 %")
        #expect(plan.envelopeUse.allSatisfy { ($0.unspent ?? 1) == 0 })
        let prices = Dictionary(uniqueKeysWithValues: plan.bindingConstraints.map { ($0.constraint, $0.price.value) })
        for year in [2025, 2026] {
            let envelope = try #require(prices["envelope(\(year))"]), staff = try #require(prices["staffceiling(\(year))"])
            #expect(abs(envelope - 0.036) < 1e-12)
            #expect(abs(staff - 0.88) < 1e-12)
        }
    }

    @Test func aCommitmentCarriesATargetPastItsGapAndTheReportSaysSo() throws {
        let plan = try Self.solve("tiny-reachable.yaml").plan
        #expect(abs((plan.objective ?? 0) - 2) < 1e-9)
        #expect(abs(plan.weightedImpact - 2) < 1e-9)
        let t2 = try #require(plan.targets.first { $0.id == "T2" })
        // Spending on the curve in order, whatever split of segments the LP left past the gap.
        #expect(t2.attainment >= 2.88 - 1e-9, "\(t2.attainment)")
        #expect(t2.countedAttainment == 1)
        #expect(plan.targets.allSatisfy { $0.isReached })
        #expect(plan.unspentMoney.count == 2)
        #expect(plan.unspentMoney.allSatisfy { $0.cause == .targetsReached && $0.blockingLimits.isEmpty })
        #expect(!plan.bindingConstraints.contains { $0.meaning.kind == .annualEnvelope }, "more money is worth nothing")
    }
}
