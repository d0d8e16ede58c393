import LinearModel

/// Several limits changed at once (e.g. envelopes -5 % and staff -20 FTE): do today's prices
/// still tell the result?
public struct SimultaneousChangeReport: Sendable {
    public struct Change: Sendable, Hashable {
        public var path: String
        public var from: Double
        public var to: Double
        /// Today's price of the limit (per CHF 1 million or per FTE), summed over its rows.
        public var price: Double
        /// |change| over the allowable change in its direction (the 100 % rule's term).
        public var shareOfAllowable: Double
    }

    public var changes: [Change]
    /// Σ of the shares: at most 1 means the 100 % rule guarantees today's prices hold.
    public var hundredPercentSum: Double
    /// The exact test: is today's optimal basis still primal feasible with all changes made?
    public var basisStillOptimal: Bool
    public var baseObjective: Double
    /// Today's objective plus Σ price x change: exact when the basis stays optimal.
    public var predictedObjective: Double
    /// The objective re-solved with the changes; nil when they leave no plan.
    public var actualObjective: Double?
    public var verdict: String
}

public enum SimultaneousChanges {
    public static func assess(_ source: ScenarioSource, changes: [ScenarioOverride], with solver: some ParametricSolver & WarmStartSolver) throws -> SimultaneousChangeReport {
        let base = try source.scenario().scenario
        guard base.objective == .weighted, !base.staff.wholePosts else {
            throw SweepError(message: "simultaneous changes need the weighted LP (not whole posts or a two-stage objective)")
        }
        let program = AllocationCompiler.compile(base)
        let sensitivity = try SensitivityAnalyzer.analyze(base, with: solver)
        guard let baseObjective = sensitivity.plan.objective else { throw SweepError(message: "the scenario has no optimal plan") }
        let prices = Dictionary(uniqueKeysWithValues: sensitivity.prices.map { ($0.constraint, $0) })
        var direction: [ConstraintRef: Double] = [:]
        var items: [SimultaneousChangeReport.Change] = []
        var overrides: [ScenarioOverride] = []
        var predictedChange = 0.0
        for change in changes {
            let expanded = try ScenarioSweep.overrides(path: change.path, value: change.value, base: base, source: source)
            overrides += expanded
            let from = change.path == "envelopes.total" ? base.years.reduce(0) { $0 + (base.envelopes[$1] ?? 0) } : source.number(at: change.path) ?? 0
            let delta = change.value - from
            var price = 0.0
            var share = 0.0
            for override in expanded {
                let current = source.number(at: override.path) ?? 0
                let rowDelta = override.value - current
                let rows = program.meanings.indices.filter { program.meanings[$0].path == override.path && program.meanings[$0].shareOf == nil }
                guard !rows.isEmpty else {
                    throw SweepError(message: "'\(change.path)' sets no limit's right-hand side (it changes coefficients): use allot sweep")
                }
                for row in rows {
                    let money = program.meanings[row].unit == AllocationCompiler.moneyUnit
                    // LP units: CHF millions or FTE; the price is per LP unit (per CHF 1 million, per FTE).
                    let lpDelta = rowDelta / (money ? AllocationCompiler.thousandsPerUnit : 1)
                    direction[ConstraintRef(index: row)] = lpDelta
                    let limit = prices[program.model.constraints[row].name]
                    predictedChange += (limit?.shadowPrice ?? 0) * lpDelta
                    price += (limit?.shadowPrice ?? 0) * (delta != 0 ? rowDelta / delta : 0)
                    // A limit missing from the price list is not binding: nothing it can block.
                    let allowable = rowDelta >= 0 ? (limit?.allowableIncrease ?? .infinity) : (limit?.allowableDecrease ?? .infinity)
                    share += allowable.isInfinite ? 0 : (allowable > 0 ? abs(rowDelta) / allowable : (rowDelta == 0 ? 0 : .infinity))
                }
            }
            items.append(.init(path: change.path, from: from, to: change.value, price: price, shareOfAllowable: share))
        }
        let predicted = baseObjective + predictedChange
        // The exact test: how far the current basis carries along the combined direction.
        let curve = try solver.rightHandSideCurve(program.model, direction: direction, from: 0, to: 1)
        let stillOptimal = curve.endsAt == nil && curve.segments.count == 1
        let actual = try AllocationSolver.solve(try source.scenario(overrides: overrides).scenario, with: solver).plan.objective
        let sum = items.reduce(0) { $0 + $1.shareOfAllowable }
        let verdict: String
        if sum <= 1 + 1e-12 {
            verdict = "The 100 % rule holds (\(Self.percent(sum)) of the allowable changes): today's prices are still valid for these changes together."
        } else if stillOptimal {
            verdict = "The 100 % rule cannot tell (\(Self.percent(sum)) of the allowable changes), but the exact test shows today's optimal basis still holds: the prices are valid."
        } else {
            verdict = "The 100 % rule cannot tell (\(Self.percent(sum))) and the exact test shows the optimal basis changes: re-solved, the weighted impact is "
                + (actual.map { String(format: "%.6g, against %.6g predicted by today's prices", $0, predicted) } ?? "undefined: the changes leave no plan") + "."
        }
        return SimultaneousChangeReport(changes: items, hundredPercentSum: sum, basisStillOptimal: stillOptimal, baseObjective: baseObjective,
                                        predictedObjective: predicted, actualObjective: actual, verdict: verdict)
    }

    private static func percent(_ share: Double) -> String {
        share.isFinite ? String(format: "%.1f %%", share * 100) : "infinitely many %"
    }
}
