@testable import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import Testing

@Suite("Strategy bench")
struct StrategyBenchTests {
    static func result(_ results: [StrategyResult], _ name: String) throws -> StrategyResult {
        try #require(results.first { $0.strategy == name })
    }

    /// The regret samples' optima solved warm are the cold solves' optima, to 1e-9.
    @Test func warmSampleOptimaAreTheColdOnes() throws {
        let scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario
        let warm = try StrategyBench.run(scenario, samples: 6, seed: 5, jobs: 2, with: GLPKSolver())
        let cold = try StrategyBench.run(scenario, samples: 6, seed: 5, jobs: 2, with: RobustnessTests.ColdGLPK())
        #expect(warm.map(\.strategy) == cold.map(\.strategy))
        for (a, b) in zip(warm, cold) {
            #expect(a.expectedRegret.isFinite && abs(a.expectedRegret - b.expectedRegret) <= 1e-9, "\(a.strategy): warm \(a.expectedRegret), cold \(b.expectedRegret)")
        }
    }

    @Test func tinyEqualSplitIsValuedByHand() throws {
        // 2025: 100 over 2 sectors and 2 offerings: 25 a line. 2026: the 35 commitment on B-P2-O2
        // first, the other 65 equally: 16.25 a line, B-P2-O2 51.25 (30 at full effect, 21.25 at 0.4).
        // T1 = 25 + 0.45·25 + 16.25 + 0.45·16.25 = 59.8125, T2 = 36.25 + 16.25 + 0.45·(30 + 8.5) = 69.825;
        // impact = 100·59.8125/1000 + 100·69.825/500 = 19.94625. Staff: at most 2·1.25 FTE of 3;
        // no limit broken. The worst attainment is T1's, 59.8125/1000.
        let scenario = try Scenario.load(HandSolvedTests.tinyURL).scenario
        let results = try StrategyBench.run(scenario, samples: 4, seed: 1, jobs: 2, with: GLPKSolver())
        let equal = try Self.result(results, "equal split")
        #expect(abs(equal.weightedImpact - 19.94625) < 1e-9)
        #expect(equal.violations.isEmpty, "\(equal.violations)")
        #expect(abs(equal.worstAttainment - 0.0598125) < 1e-12)
    }

    @Test func heuristicsSpendEachEnvelopeAndHonourEveryCommitment() throws {
        for url in [HandSolvedTests.tinyURL, TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")] {
            let scenario = try Scenario.load(url).scenario
            let program = ScenarioDriver.compile(scenario)
            let previous = StrategyBench.previousPlan(scenario, program)
            let plans = ["incremental": StrategyBench.incremental(scenario, program, previous),
                         "proportional": StrategyBench.proportional(scenario, program, previous),
                         "equal": StrategyBench.equalSplit(scenario, program),
                         "greedy": StrategyBench.greedy(scenario, program),
                         "rank-and-fund": StrategyBench.rankAndFund(scenario, program)]
            for (name, costs) in plans {
                for year in scenario.years {
                    let spent = zip(program.activityOrder, costs).filter { $0.0.year == year }.reduce(0) { $0 + $1.1 }
                    let envelope = try #require(scenario.envelopes[year])
                    if name == "rank-and-fund" {
                        #expect(spent <= envelope * (1 + 1e-12), "\(name) \(year)")
                    } else {
                        #expect(abs(spent - envelope) <= 1e-9 * envelope, "\(name) \(year): \(spent) of \(envelope)")
                    }
                }
                for commitment in scenario.fixedCommitments {
                    let index = try #require(program.activityOrder.firstIndex {
                        $0.sector == commitment.sector && $0.line == commitment.line && $0.offering == commitment.offering && $0.year == commitment.year
                    })
                    #expect(costs[index] >= commitment.amount - 1e-9, "\(name) \(commitment.id)")
                }
            }
        }
    }

    @Test func theOptimumKeepsEveryLimitAndBeatsEveryPlanThatDoes() throws {
        for url in [HandSolvedTests.tinyURL, TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")] {
            let scenario = try Scenario.load(url).scenario
            let results = try StrategyBench.run(scenario, samples: 6, seed: 3, jobs: 2, with: GLPKSolver())
            #expect(results.count == 8)
            let optimum = try Self.result(results, "LP optimum (weighted)")
            let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver())
            #expect(abs(optimum.weightedImpact - solved.plan.objective!) <= 1e-7 * max(1, abs(solved.plan.objective!)))
            #expect(optimum.violations.isEmpty, "\(optimum.violations.prefix(3))")
            #expect(optimum.rank == 1)
            for other in results where other.violations.isEmpty {
                #expect(other.weightedImpact <= optimum.weightedImpact + 1e-9, "\(other.strategy)")
            }
            // The maximin plan's worst target is at least the weighted plan's.
            #expect(try Self.result(results, "maximin LP").worstAttainment >= optimum.worstAttainment - 1e-9)
            #expect(Set(results.map(\.rank)) == Set(1...8))
        }
    }

    /// Greedy ignores staff: on the ITU baseline its amounts need more staff than the ceilings
    /// allow. The repair brings every rule's plan within the hard limits (staff ceilings,
    /// commitments, input mixes, envelopes) and says how much money it moved; what is left
    /// broken are policy limits, named, and such plans rank below every plan that keeps all.
    @Test func heuristicsAreRepairedToTheHardLimitsAndTheRestIsNamed() throws {
        let scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario
        let program = ScenarioDriver.compile(scenario)
        let results = try StrategyBench.run(scenario, samples: 0, seed: 1, jobs: 1, with: GLPKSolver())
        let hard = Set(program.rows.filter { StrategyBench.hardLimits.contains($0.meaning.kind) && $0.meaning.kind != .definition }.map(\.meaning.description))
        for result in results {
            #expect(!result.violations.contains { violation in hard.contains { violation.hasPrefix($0 + " (") } }, "\(result.strategy): \(result.violations.prefix(3))")
            #expect(result.repairFailure == nil, "\(result.strategy)")
        }
        let greedy = try Self.result(results, "greedy by marginal impact")
        #expect((greedy.repairMoved ?? 0) > 1_000, "greedy's staffing needed repair: \(String(describing: greedy.repairMoved))")
        #expect(try Self.result(results, "LP optimum (weighted)").repairMoved == nil)
        #expect(greedy.expectedRegret.isNaN, "no samples, no regret")
        #expect(results.filter { !$0.violations.isEmpty }.allSatisfy { $0.rank > results.filter { $0.violations.isEmpty }.count })
    }

    /// The repair moves as little money as the hard limits allow: a plan that already keeps
    /// them is left as it is, and the moved amount is the least absolute adjustment.
    @Test func theRepairLeavesAPlanThatKeepsTheHardLimitsAlone() throws {
        let scenario = try Scenario.load(HandSolvedTests.tinyURL).scenario
        let program = ScenarioDriver.compile(scenario)
        let equal = StrategyBench.equalSplit(scenario, program)
        let repaired = try StrategyBench.repair(equal, program, with: GLPKSolver()).get()
        for (key, amount) in zip(program.activityOrder, equal) {
            #expect(abs(UnitConverter.stated(repaired[program.activities[key]!.cost.index]) - amount) < 1e-6, "\(key)")
        }
        // Tiny's staff ceiling (3 FTE a year, CHF 10k each) holds at most CHF 60k of O1 (half
        // staff): all 100k of a year on A.P1.O1 must move 40k elsewhere.
        var heavy = program.activityOrder.map { _ in 0.0 }
        for (index, key) in program.activityOrder.enumerated() where key.sector == "A" && key.offering == "O1" { heavy[index] = 100 }
        for (index, key) in program.activityOrder.enumerated() where key.sector == "B" && key.offering == "O2" && key.year == 2026 { heavy[index] = 35 }
        for (index, key) in program.activityOrder.enumerated() where key.sector == "A" && key.offering == "O1" && key.year == 2026 { heavy[index] = 65 }
        let fixed = try StrategyBench.repair(heavy, program, with: GLPKSolver()).get()
        let moved = zip(program.activityOrder, heavy).reduce(0) { $0 + abs(UnitConverter.stated(fixed[program.activities[$1.0]!.cost.index]) - $1.1) }
        // 2025: 40k off A.O1 and 40k onto another line; 2026: 5k off (65 → 60) and 5k on.
        #expect(abs(moved - 90) < 1e-6, "\(moved)")
    }

    @Test func sameSeedSameTableWhateverTheJobs() throws {
        let scenario = try Scenario.load(HandSolvedTests.tinyURL).scenario
        let serial = try StrategyBench.run(scenario, samples: 8, seed: 5, jobs: 1, with: GLPKSolver())
        let parallel = try StrategyBench.run(scenario, samples: 8, seed: 5, jobs: 2, with: GLPKSolver())
        let render = { (results: [StrategyResult]) in StrategyReport(scenarioName: scenario.name, organisation: scenario.organisation, results: results).csv() }
        #expect(render(serial) == render(parallel))
        #expect(try Self.result(serial, "LP optimum (weighted)").expectedRegret >= 0)
    }
}

@Suite("Strategy bench reports")
struct StrategyReportTests {
    /// The baseline has no previous_plan: no distance is invented, and the chart's 100 % is the
    /// best plan within every limit, never a plan that breaks them.
    @Test func noInventedDistanceAndNoLimitBreakingBest() throws {
        let scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario
        #expect(scenario.previousPlan == nil)
        let results = try StrategyBench.run(scenario, samples: 0, seed: 1, jobs: 1, with: GLPKSolver())
        #expect(results.allSatisfy { $0.distanceFromPrevious == nil })
        let report = StrategyReport(scenarioName: scenario.name, organisation: scenario.organisation, results: results)
        #expect(!report.table().headers.contains("Distance from previous plan"))
        #expect(report.table().note?.contains("no previous_plan") == true)
        #expect(!report.csv().contains("distance_from_previous"))
        let html = report.html()
        let lp = try #require(results.first { $0.strategy == "LP optimum (weighted)" })
        #expect(lp.violations.isEmpty)
        #expect(html.contains("\(Figures.number(lp.weightedImpact)) (100 % of the best)"), "the LP optimum within every limit is the reference")
        #expect(html.contains("(breaks "), "limit-breaking plans say so in the chart")
        // The chart is in the table's unit: each bar prints the table's weighted impact.
        let chart = try #require(DrawnText.charts(in: html).first)
        let printed = Set(DrawnText.all(in: chart).compactMap { $0.lines.first?.components(separatedBy: " (").first })
        let column = try #require(report.table().headers.firstIndex(of: "Weighted impact"))
        #expect(report.table().rows.allSatisfy { printed.contains($0[column]) }, "\(printed)")
        #expect(!chart.contains("attainment"), "the legend says what the bars are")
    }
}
