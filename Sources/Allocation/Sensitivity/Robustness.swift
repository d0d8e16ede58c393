import Foundation
import LinearModel

/// How the plan holds up when the impact estimates are uncertain: Monte Carlo over the
/// effectiveness of every (line, target) pair.
public struct RobustnessResult: Sendable {
    public struct Distribution: Sendable, Hashable {
        public var mean: Double
        public var p5: Double
        public var p50: Double
        public var p95: Double

        init(_ values: [Double]) {
            let sorted = values.sorted()
            func quantile(_ q: Double) -> Double {
                guard !sorted.isEmpty else { return .nan }
                let position = q * Double(sorted.count - 1)
                let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
                return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
            }
            mean = sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count)
            p5 = quantile(0.05)
            p50 = quantile(0.5)
            p95 = quantile(0.95)
        }
    }

    public struct Line: Sendable, Hashable {
        public var sector: String
        public var line: String
        public var offering: String
        /// Share of the samples in which the line receives money.
        public var fundedProbability: Double
        /// Its spending over all years, CHF thousands.
        public var amount: Distribution
        public var baselineAmount: Double
    }

    public struct TargetAttainment: Sendable, Hashable {
        public var id: String
        public var name: String
        public var attainment: Distribution
        public var baseline: Double
    }

    public var scenarioName: String
    /// The scenario's words and currency.
    public var organisation: Organisation
    public var samples: Int
    /// Each effect is scaled by a factor drawn uniformly from [1 - spread, 1 + spread].
    public var spread: Double
    public var seed: UInt64
    /// Samples without an optimal plan (none, when the scenario solves).
    public var failedSamples: Int
    public var lines: [Line]
    public var targets: [TargetAttainment]
    /// Weighted impact each sample's optimum gains over the baseline plan evaluated with the
    /// sample's effects: what planning on the central estimates costs.
    public var regret: Distribution
    public var baselineObjective: Double
}

public enum RobustnessAnalyzer {
    /// The effect factors of sample `index`: one per (line, target) pair with an effect,
    /// drawn from its own seed so the result does not depend on which thread solves it.
    static func factors(for scenario: Scenario, seed: UInt64, index: Int, spread: Double) -> [[String: Double]] {
        var random = SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1))
        return scenario.activities.map { activity in
            Dictionary(uniqueKeysWithValues: activity.impactPerThousand.keys.sorted().map { target in
                (target, 1 + spread * (2 * Double.random(in: 0...1, using: &random) - 1))
            })
        }
    }

    /// The scenario with sample `index`'s effects: each (line, target) effect times its factor.
    static func perturbed(_ scenario: Scenario, seed: UInt64, index: Int, spread: Double) -> Scenario {
        var perturbed = scenario
        for (position, factor) in factors(for: scenario, seed: seed, index: index, spread: spread).enumerated() {
            for (target, value) in factor { perturbed.activities[position].impactPerThousand[target]! *= value }
        }
        return perturbed
    }

    public static func run(
        _ scenario: Scenario, samples: Int, spread: Double, seed: UInt64, jobs: Int, with solver: some LPSolver,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(SolverError) -> RobustnessResult {
        guard samples >= 1, spread >= 0, spread < 1, spread.isFinite else {
            throw .invalidOptions("samples must be at least 1 and the spread in [0, 1)")
        }
        let base = try ScenarioDriver.solve(scenario, with: solver)
        let basePlan = base.plan
        guard basePlan.termination == .optimal, let baseObjective = basePlan.objective else {
            throw .invalidOptions("the scenario itself has no optimal plan (\(basePlan.termination.status))")
        }
        /// A sample compiled and solved cold, as `allot solve` would solve the perturbed scenario.
        @Sendable func cold(_ perturbed: Scenario) -> Sample? {
            guard let solved = try? ScenarioDriver.solve(perturbed, with: solver), solved.plan.termination == .optimal,
                  let optimum = solved.plan.objective else { return nil }
            return Sample(cellAmounts: solved.plan.spendingByActivity, attainment: solved.plan.targets.map(\.attainment),
                          regret: optimum - value(of: base, under: perturbed))
        }
        let outcomes = solveSamples(samples, base: base, jobs: jobs, with: solver, progress: progress,
                                    sample: { perturbed(scenario, seed: seed, index: $0, spread: spread) },
                                    warm: { perturbed, solution, model in
                                        let (amounts, attainment) = model.figures(at: solution.variables.map(\.value), under: perturbed)
                                        return Sample(cellAmounts: amounts, attainment: attainment,
                                                      regret: (solution.objectiveValue ?? .nan) - value(of: base, under: perturbed))
                                    }, cold: cold)
        let solved = outcomes.compactMap { $0 }
        let baselineCells = basePlan.spendingByActivity
        let lines = scenario.activities.map { activity -> RobustnessResult.Line in
            let amounts = solved.map { $0.cellAmounts[activity.key] ?? 0 }
            return RobustnessResult.Line(
                sector: activity.sector, line: activity.line, offering: activity.offering,
                fundedProbability: solved.isEmpty ? 0 : Double(amounts.filter { $0 > 1e-6 }.count) / Double(solved.count),
                amount: RobustnessResult.Distribution(amounts), baselineAmount: baselineCells[activity.key] ?? 0)
        }
        let targets = scenario.targets.enumerated().map { index, target in
            RobustnessResult.TargetAttainment(id: target.id, name: target.name, attainment: RobustnessResult.Distribution(solved.map { $0.attainment[index] }),
                                              baseline: basePlan.targets[index].attainment)
        }
        return RobustnessResult(scenarioName: scenario.name, organisation: scenario.organisation, samples: samples, spread: spread, seed: seed,
                                failedSamples: samples - solved.count, lines: lines, targets: targets,
                                regret: RobustnessResult.Distribution(solved.map { max(0, $0.regret) }), baselineObjective: baseObjective)
    }

    /// Each of `samples` samples' outcome, in sample order: `sample` gives the perturbed
    /// scenario of an index; `warm` reads the outcome from an optimal solution of `base`'s LP
    /// rewritten for it (``WarmSamples``), `cold` from a cold compile and solve where a sample
    /// cannot be solved warm (its effects cap other targets, the warm solve does not end optimal
    /// with a plan that passes its optimality check, or the solver keeps no sessions). Nil where
    /// a sample has no outcome.
    static func solveSamples<Output: Sendable>(
        _ samples: Int, base: SolvedScenario, jobs: Int, with solver: some LPSolver,
        progress: (@Sendable (Int, Int) -> Void)?,
        sample: @escaping @Sendable (_ index: Int) -> Scenario,
        warm: @escaping @Sendable (_ perturbed: Scenario, _ solution: Solution, _ model: WarmSamples) -> Output,
        cold: @escaping @Sendable (_ perturbed: Scenario) -> Output?
    ) -> [Output?] {
        let counter = ProgressCounter()
        guard let warmSolver = solver as? any WarmStartSolver, let model = WarmSamples(base) else {
            return WorkerPool.map(Array(0..<samples), jobs: jobs, threadExit: solver.releaseThreadResources) { index -> Output? in
                defer { progress?(counter.increment(), samples) }
                return cold(sample(index))
            }
        }
        // One more nil where a worker took an index it never stored (none do).
        let stored: [Output??] = WorkerPool.mapPerThread(count: samples, jobs: jobs, threadExit: solver.releaseThreadResources) { (next: () -> Int?, store: (Int, Output?) -> Void) in
            var left: Int? = next()
            do {
                try warmSolver.withSession(model.base.compiled.model, options: model.base.recipe.options) { session in
                    _ = session.solve()
                    session.rememberBasis()
                    while let index = left {
                        defer { progress?(counter.increment(), samples); left = next() }
                        let perturbed = sample(index)
                        if let solution = warmSolve(perturbed, model: model, session: &session) {
                            store(index, warm(perturbed, solution, model))
                        } else {
                            store(index, cold(perturbed))
                        }
                    }
                }
            } catch {
                // The model could not be loaded in a session: the samples left are solved cold.
                while let index = left {
                    store(index, cold(sample(index)))
                    progress?(counter.increment(), samples)
                    left = next()
                }
            }
        }
        return stored.map { $0 ?? nil }
    }

    /// `perturbed` solved in `session` (the base LP, its base basis remembered) with its
    /// coefficients, from the base basis; nil where it must be solved cold instead.
    private static func warmSolve(_ perturbed: Scenario, model: WarmSamples, session: inout SolverSession) -> Solution? {
        guard model.fits(perturbed) else { return nil }
        do {
            for (row, terms) in model.rewrittenRows(for: perturbed) { try session.setTerms(of: row, to: terms) }
        } catch {
            return nil
        }
        _ = session.restoreRememberedBasis()
        let solution = session.solve()
        guard solution.termination == .optimal, solution.objectiveValue != nil,
              session.model.optimalityCertificate(of: solution)?.passed == true else { return nil }
        return solution
    }

    private struct Sample: Sendable {
        var cellAmounts: [ActivityKey: Double]
        var attainment: [Double]
        var regret: Double
    }

    /// The weighted objective of a solved plan's spending if the effects were those of
    /// `perturbed`: impact recomputed from its spending on each curve segment.
    static func value(of solved: SolvedScenario, under perturbed: Scenario) -> Double {
        let values = solved.solution.variables.map(\.value)
        return perturbed.weightedImpact(attainment: solved.compiled.attainment(at: values, effects: perturbed))
    }
}
