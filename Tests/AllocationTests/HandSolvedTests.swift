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
