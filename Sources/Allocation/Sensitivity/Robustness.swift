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

/// What one Monte Carlo sample's optimal plan gives: the raw figures a run's result is summed
/// from, kept per sample so that slices of a run solved apart can be put together.
public struct RobustnessSample: Sendable, Hashable, Codable {
    /// Spending per line over all years, in the order of the scenario's activities.
    public var amounts: [Double]
    /// Attainment per target, in the scenario's order.
    public var attainment: [Double]
    /// The sample's optimum less the baseline plan valued with the sample's effects.
    public var regret: Double

    public init(amounts: [Double], attainment: [Double], regret: Double) {
        self.amounts = amounts
        self.attainment = attainment
        self.regret = regret
    }
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
        let base = try solveBase(scenario, samples: samples, spread: spread, with: solver)
        let outcomes = self.samples(Array(0..<samples), of: base, spread: spread, seed: seed, jobs: jobs, with: solver, progress: progress)
        return result(base, samples: outcomes, spread: spread, seed: seed)
    }

    /// The scenario's own plan, which every sample is measured against; an error where it has
    /// none (or the options are out of range).
    public static func solveBase(_ scenario: Scenario, samples: Int, spread: Double, with solver: some LPSolver) throws(SolverError) -> SolvedScenario {
        guard samples >= 1, spread >= 0, spread < 1, spread.isFinite else {
            throw .invalidOptions("samples must be at least 1 and the spread in [0, 1)")
        }
        let base = try ScenarioDriver.solve(scenario, with: solver)
        guard base.plan.termination == .optimal, base.plan.objective != nil else {
            throw .invalidOptions("the scenario itself has no optimal plan (\(base.plan.termination.status))")
        }
        return base
    }

    /// The outcomes of the samples numbered `indices` (in that order; nil where a sample has no
    /// optimal plan). A sample's outcome depends only on its index, never on which samples are
    /// solved with it: a run split into slices gives the outcomes of the whole run.
    public static func samples(
        _ indices: [Int], of base: SolvedScenario, spread: Double, seed: UInt64, jobs: Int, with solver: some LPSolver,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> [RobustnessSample?] {
        let scenario = base.compiled.scenario
        let activities = scenario.activities.map(\.key)
        /// A sample compiled and solved cold, as `allot solve` would solve the perturbed scenario.
        @Sendable func cold(_ perturbed: Scenario) -> RobustnessSample? {
            guard let solved = try? ScenarioDriver.solve(perturbed, with: solver), solved.plan.termination == .optimal,
                  let optimum = solved.plan.objective else { return nil }
            let cells = solved.plan.spendingByActivity
            return RobustnessSample(amounts: activities.map { cells[$0] ?? 0 }, attainment: solved.plan.targets.map(\.attainment),
                                    regret: optimum - value(of: base, under: perturbed))
        }
        return solveSamples(indices, base: base, jobs: jobs, with: solver, progress: progress,
                            sample: { perturbed(scenario, seed: seed, index: $0, spread: spread) },
                            warm: { perturbed, solution, model in
                                let (cells, attainment) = model.figures(at: solution.variables.map(\.value), under: perturbed)
                                return RobustnessSample(amounts: activities.map { cells[$0] ?? 0 }, attainment: attainment,
                                                        regret: (solution.objectiveValue ?? .nan) - value(of: base, under: perturbed))
                            }, cold: cold)
    }

    /// The result of a run whose samples, in sample order, had `outcomes`.
    public static func result(_ base: SolvedScenario, samples outcomes: [RobustnessSample?], spread: Double, seed: UInt64) -> RobustnessResult {
        let scenario = base.compiled.scenario
        let basePlan = base.plan
        let solved = outcomes.compactMap { $0 }
        let baselineCells = basePlan.spendingByActivity
        let lines = scenario.activities.enumerated().map { position, activity -> RobustnessResult.Line in
            let amounts = solved.map { $0.amounts[position] }
            return RobustnessResult.Line(
                sector: activity.sector, line: activity.line, offering: activity.offering,
                fundedProbability: solved.isEmpty ? 0 : Double(amounts.filter { $0 > 1e-6 }.count) / Double(solved.count),
                amount: RobustnessResult.Distribution(amounts), baselineAmount: baselineCells[activity.key] ?? 0)
        }
        let targets = scenario.targets.enumerated().map { index, target in
            RobustnessResult.TargetAttainment(id: target.id, name: target.name, attainment: RobustnessResult.Distribution(solved.map { $0.attainment[index] }),
                                              baseline: basePlan.targets[index].attainment)
        }
        return RobustnessResult(scenarioName: scenario.name, organisation: scenario.organisation, samples: outcomes.count, spread: spread, seed: seed,
                                failedSamples: outcomes.count - solved.count, lines: lines, targets: targets,
                                regret: RobustnessResult.Distribution(solved.map { max(0, $0.regret) }), baselineObjective: basePlan.objective ?? .nan)
    }

    /// The outcome of each sample of `indices`, in that order: `sample` gives the perturbed
    /// scenario of an index; `warm` reads the outcome from an optimal solution of `base`'s LP
    /// rewritten for it (``WarmSamples``), `cold` from a cold compile and solve where a sample
    /// cannot be solved warm (its effects cap other targets, the warm solve does not end optimal
    /// with a plan that passes its optimality check, or the solver keeps no sessions). Nil where
    /// a sample has no outcome.
    static func solveSamples<Output: Sendable>(
        _ indices: [Int], base: SolvedScenario, jobs: Int, with solver: some LPSolver,
        progress: (@Sendable (Int, Int) -> Void)?,
        sample: @escaping @Sendable (_ index: Int) -> Scenario,
        warm: @escaping @Sendable (_ perturbed: Scenario, _ solution: Solution, _ model: WarmSamples) -> Output,
        cold: @escaping @Sendable (_ perturbed: Scenario) -> Output?
    ) -> [Output?] {
        let counter = ProgressCounter()
        let samples = indices.count
        guard let warmSolver = solver as? any WarmStartSolver, let model = WarmSamples(base) else {
            return WorkerPool.map(indices, jobs: jobs, threadExit: solver.releaseThreadResources) { index -> Output? in
                defer { progress?(counter.increment(), samples) }
                return cold(sample(index))
            }
        }
        // One more nil where a worker took an index it never stored (none do).
        let stored: [Output??] = WorkerPool.mapPerThread(count: samples, jobs: jobs, threadExit: solver.releaseThreadResources) { (next: () -> Int?, store: (Int, Output?) -> Void) in
            var left: Int? = next()
            do {
                try warmSolver.withSession(model.base.compiled.model, options: model.sampleOptions) { session in
                    _ = session.solve()
                    session.rememberBasis()
                    while let index = left {
                        defer { progress?(counter.increment(), samples); left = next() }
                        let perturbed = sample(indices[index])
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
                    store(index, cold(sample(indices[index])))
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


    /// The weighted objective of a solved plan's spending if the effects were those of
    /// `perturbed`: impact recomputed from its spending on each curve segment.
    static func value(of solved: SolvedScenario, under perturbed: Scenario) -> Double {
        let values = solved.solution.variables.map(\.value)
        return perturbed.weightedImpact(attainment: solved.compiled.attainment(at: values, effects: perturbed))
    }
}
