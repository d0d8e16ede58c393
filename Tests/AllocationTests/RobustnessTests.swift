import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import Testing

@Suite("Robustness and simultaneous changes")
struct RobustnessTests {
    static let baseline = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")

    @Test func sameSeedSameOutputWhateverTheJobs() throws {
        let scenario = try Scenario.load(Self.baseline).scenario
        let serial = try RobustnessAnalyzer.run(scenario, samples: 12, spread: 0.2, seed: 7, jobs: 1, with: GLPKSolver())
        let parallel = try RobustnessAnalyzer.run(scenario, samples: 12, spread: 0.2, seed: 7, jobs: 2, with: GLPKSolver())
        #expect(serial.json().rendered() == parallel.json().rendered())
        #expect(serial.markdown(scenario: scenario) == parallel.markdown(scenario: scenario))
        let other = try RobustnessAnalyzer.run(scenario, samples: 12, spread: 0.2, seed: 8, jobs: 2, with: GLPKSolver())
        #expect(other.json().rendered() != serial.json().rendered(), "another seed, other draws")
    }

    @Test func noSpreadMeansNoRegretAndTheBaselinePlan() throws {
        let scenario = try Scenario.load(HandSolvedTests.tinyURL).scenario
        let result = try RobustnessAnalyzer.run(scenario, samples: 3, spread: 0, seed: 1, jobs: 2, with: GLPKSolver())
        #expect(abs(result.regret.mean) < 1e-9 && abs(result.regret.p95) < 1e-9)
        for line in result.lines {
            #expect(abs(line.amount.mean - line.baselineAmount) < 1e-6)
            #expect(line.fundedProbability == (line.baselineAmount > 1e-6 ? 1 : 0))
        }
    }

    @Test func regretIsNeverNegativeAndFactorsStayWithinTheSpread() throws {
        let scenario = try Scenario.load(HandSolvedTests.tinyURL).scenario
        let result = try RobustnessAnalyzer.run(scenario, samples: 30, spread: 0.3, seed: 3, jobs: 2, with: GLPKSolver())
        #expect(result.regret.p5 >= 0 && result.regret.mean > 0)
        #expect(result.failedSamples == 0)
        #expect(result.targets.allSatisfy { $0.attainment.p5 <= $0.attainment.p50 && $0.attainment.p50 <= $0.attainment.p95 })
    }

    @Test func aSmallChangeKeepsThePricesABigOneDoesNot() throws {
        let source = try ScenarioSource(Self.baseline)
        let small = try SimultaneousChanges.assess(source, changes: [ScenarioOverride(path: "envelopes.2024", value: 164_600)], with: GLPKSolver())
        #expect(small.hundredPercentSum <= 1 && small.basisStillOptimal)
        #expect(abs((small.actualObjective ?? 0) - small.predictedObjective) < 1e-9)
        let big = try SimultaneousChanges.assess(source, changes: [ScenarioOverride(path: "envelopes.total", value: 627_950),
                                                                   ScenarioOverride(path: "staff.ceiling.2025", value: 430)], with: GLPKSolver())
        #expect(big.hundredPercentSum > 1 && !big.basisStillOptimal)
        // Concave in the limits: today's prices overstate what is left after a cut.
        #expect((big.actualObjective ?? .infinity) < big.predictedObjective)
        #expect(big.verdict.contains("re-solved"))
    }
}
