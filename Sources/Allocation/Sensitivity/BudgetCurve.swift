import LinearModel

/// The optimal weighted impact as an exact function of one limit (an envelope, the total of the
/// envelopes, a staff ceiling, a commitment), piece by piece, in the scenario's units.
public struct BudgetCurve: Sendable {
    public struct Piece: Sendable, Hashable {
        /// The limit's values, in CHF thousands or FTE.
        public var from: Double
        public var to: Double
        public var objectiveAtStart: Double
        /// Weighted impact per unit of the limit on this piece: per CHF 1 million for money, per FTE.
        public var price: Double
        public var perUnit: Double

        public func objective(at value: Double) -> Double { objectiveAtStart + price / perUnit * (value - from) }
    }

    public var scenarioName: String
    /// The scenario's words and currency.
    public var organisation: Organisation
    public var path: String
    /// What the pieces' prices are per: LP money (CHF 1 million), FTE, attainment.
    public var unit: Unit
    public var baseValue: Double
    public var pieces: [Piece]
    /// The value past which there is no plan, if inside the range, and why.
    public var endsAt: Double?
    public var endReason: Termination?

    public var breakpoints: [Double] { pieces.dropFirst().map(\.from) }

    public func objective(at value: Double) -> Double? {
        pieces.first { value >= $0.from - 1e-9 * max(1, abs($0.from)) && value <= $0.to + 1e-9 * max(1, abs($0.to)) }?.objective(at: value)
    }
}

/// Builds ``BudgetCurve``s with a `ParametricSolver`. Defined for the single-stage weighted LP
/// only: with whole posts (a MIP) or a staged objective the optimum is not piecewise linear in a
/// limit, and such scenarios are refused (use `allot sweep`, which solves them by their recipe).
public enum BudgetCurveBuilder {
    public static func run(_ source: ScenarioSource, path: String, from: Double, to: Double, with solver: some ParametricSolver) throws(AnalysisError) -> BudgetCurve {
        let scenario: Scenario
        do { scenario = try source.scenario().scenario } catch { throw .scenario(error) }
        var program = ScenarioDriver.compile(scenario)
        guard SolveRecipe(for: program).isSingleStageLP else {
            throw .notForRecipe("an exact curve needs the single-stage weighted LP; this scenario uses \(scenario.staff.wholePosts ? "whole posts (a MIP)" : "the \(scenario.objective.rawValue) objective in stages"): use allot sweep")
        }
        guard from < to else { throw .invalidRequest("--from must be below --to") }
        let limit = try LimitDirection.of(path, in: program, source: source)
        let base = limit.base
        let direction = limit.rows
        let unit = limit.unit
        // Raising an envelope inside one LP can carry a target past its gap where the scenario's
        // money could not: such targets get their cap before the walk (same rows and columns).
        if to > base, limit.movesOnlyEnvelopes(in: program) {
            program = ScenarioDriver.compile(scenario, capping: TargetCap(moneyFactor: to / base))
        }
        let curve: ParametricCurve
        do { curve = try solver.rightHandSideCurve(program.model, direction: direction, from: from - base, to: to - base) } catch { throw .solver(error) }
        // Slopes come per CHF thousand (the parameter's unit); pieces quote them per LP unit.
        let perUnit = unit == Unit.lpMoney ? UnitConverter.convert(1, from: Unit.lpMoney, to: .money) : 1
        return BudgetCurve(
            scenarioName: scenario.name, organisation: scenario.organisation, path: path, unit: unit, baseValue: base,
            pieces: curve.segments.map { BudgetCurve.Piece(from: $0.start + base, to: $0.end + base, objectiveAtStart: $0.objectiveAtStart, price: $0.slope * perUnit, perUnit: perUnit) },
            endsAt: curve.endsAt.map { $0 + base }, endReason: curve.endReason)
    }
}
