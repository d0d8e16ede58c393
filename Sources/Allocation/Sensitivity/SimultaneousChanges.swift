import Foundation
import LinearModel

/// Several limits changed at once (e.g. envelopes -5 % and staff -20 FTE): do today's prices
/// still tell the result?
public struct SimultaneousChangeReport: Sendable {
    public struct Change: Sendable, Hashable {
        public var path: String
        public var from: Double
        public var to: Double
        /// Today's price of the limit (per ``priceUnit``: CHF 1 million or one FTE), summed over its rows.
        public var price: Double
        /// What ``price`` is per (the LP's unit of the limit: CHF millions or FTE).
        public var priceUnit: Unit
        /// The unit of ``from`` and ``to`` (as the scenario states the limit: CHF thousands or FTE).
        public var valueUnit: Unit
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
    /// Defined for the single-stage weighted LP only (prices of one basis); other recipes are
    /// refused with ``AnalysisError/notForRecipe(_:)``.
    public static func assess(_ source: ScenarioSource, changes: [ScenarioOverride], with solver: some ParametricSolver & WarmStartSolver) throws(AnalysisError) -> SimultaneousChangeReport {
        try AnalysisError.wrapping { try assessing(source, changes: changes, with: solver) }
    }

    private static func assessing(_ source: ScenarioSource, changes: [ScenarioOverride], with solver: some ParametricSolver & WarmStartSolver) throws -> SimultaneousChangeReport {
        let base = try source.scenario().scenario
        let program = ScenarioDriver.compile(base)
        guard SolveRecipe(for: program).isSingleStageLP else {
            throw AnalysisError.notForRecipe("simultaneous changes need the single-stage weighted LP (not whole posts or a staged objective)")
        }
        let solved = try ScenarioDriver.solve(program, with: solver, sensitivity: true)
        guard let baseObjective = solved.plan.objective, solved.termination == .optimal else {
            throw AnalysisError.invalidRequest("the scenario has no optimal plan")
        }
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
            var priceUnit = Unit.lpMoney
            for override in expanded {
                let current = source.number(at: override.path) ?? 0
                let rowDelta = override.value - current
                let rows = program.rows(settingField: override.path)
                guard !rows.isEmpty else {
                    throw AnalysisError.invalidRequest("'\(change.path)' sets no limit's right-hand side (it changes coefficients): use allot sweep")
                }
                for row in rows {
                    let unit = program.meaning(of: row).unit
                    priceUnit = unit
                    // The change in the LP's units (CHF millions or FTE); prices are per LP unit.
                    let lpDelta = UnitConverter.convert(rowDelta, from: UnitConverter.statedUnit(of: unit), to: unit)
                    direction[row] = lpDelta
                    // A limit that does not bind has no price: nothing it can block.
                    let limit = solved.solution.sensitivity.flatMap { solved.listedPrice(row, $0, at: solved.solution) }
                    let rowPrice = limit?.shadowPrice ?? 0
                    predictedChange += rowPrice * lpDelta
                    price += rowPrice * (delta != 0 ? rowDelta / delta : 0)
                    let allowable = rowDelta >= 0 ? (limit?.allowableIncrease ?? .infinity) : (limit?.allowableDecrease ?? .infinity)
                    share += allowable.isInfinite ? 0 : (allowable > 0 ? abs(rowDelta) / allowable : (rowDelta == 0 ? 0 : .infinity))
                }
            }
            items.append(.init(path: change.path, from: from, to: change.value, price: price, priceUnit: priceUnit,
                               valueUnit: UnitConverter.statedUnit(of: priceUnit), shareOfAllowable: share))
        }
        let predicted = baseObjective + predictedChange
        // The exact test: how far the current basis carries along the combined direction.
        let curve = try solver.rightHandSideCurve(program.model, direction: direction, from: 0, to: 1)
        let stillOptimal = curve.endsAt == nil && curve.segments.count == 1
        let actual = try ScenarioDriver.solve(try source.scenario(overrides: overrides).scenario, with: solver).plan.objective
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
