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
    public var path: String
    /// "CHF 1 million" or "FTE".
    public var unit: String
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

/// Builds ``BudgetCurve``s with a ``ParametricSolver``. Applies to the weighted LP only: a MIP
/// (whole posts) or a multi-stage objective has no such curve.
public enum BudgetCurveBuilder {
    public static func run(_ source: ScenarioSource, path: String, from: Double, to: Double, with solver: some ParametricSolver) throws -> BudgetCurve {
        let scenario = try source.scenario().scenario
        guard scenario.objective == .weighted, !scenario.staff.wholePosts else {
            throw SweepError(message: "an exact curve needs the weighted LP; this scenario uses \(scenario.staff.wholePosts ? "whole posts (a MIP)" : "the \(scenario.objective.rawValue) objective in stages"): use allot sweep")
        }
        guard from < to else { throw SweepError(message: "--from must be below --to") }
        let program = AllocationCompiler.compile(scenario)
        let base: Double
        var direction: [ConstraintRef: Double] = [:]
        var unit = "CHF 1 million"
        if path == "envelopes.total" {
            base = scenario.years.reduce(0) { $0 + (scenario.envelopes[$1] ?? 0) }
            guard base > 0 else { throw SweepError(message: "envelopes.total: the annual envelopes add up to 0") }
            for (index, meaning) in program.meanings.enumerated() where [.annualEnvelope, .biennialEnvelope].contains(meaning.kind) {
                // Every envelope scales by the same factor: each moves in proportion to its size.
                let bounds = program.model.constraints[index].bounds
                direction[ConstraintRef(index: index)] = bounds.upper / (base / AllocationCompiler.thousandsPerUnit) / AllocationCompiler.thousandsPerUnit
            }
        } else {
            guard let value = source.number(at: path) else {
                throw SweepError(message: "'\(path)' does not address a number in \(source.file); nearest valid paths: \(ScenarioPath.nearest(path, in: source.document).joined(separator: ", ")) (or envelopes.total)")
            }
            base = value
            let rows = program.meanings.indices.filter { program.meanings[$0].path == path && program.meanings[$0].shareOf == nil }
            guard !rows.isEmpty else {
                throw SweepError(message: "'\(path)' sets no limit's right-hand side (it changes the model's coefficients, or binds nothing): use allot sweep")
            }
            for row in rows {
                let money = program.meanings[row].unit == AllocationCompiler.moneyUnit
                unit = money ? "CHF 1 million" : program.meanings[row].unit
                direction[ConstraintRef(index: row)] = money ? 1 / AllocationCompiler.thousandsPerUnit : 1
            }
        }
        let curve = try solver.rightHandSideCurve(program.model, direction: direction, from: from - base, to: to - base)
        let perUnit = unit == "CHF 1 million" ? AllocationCompiler.thousandsPerUnit : 1
        return BudgetCurve(
            scenarioName: scenario.name, path: path, unit: unit, baseValue: base,
            pieces: curve.segments.map { BudgetCurve.Piece(from: $0.start + base, to: $0.end + base, objectiveAtStart: $0.objectiveAtStart, price: $0.slope * perUnit, perUnit: perUnit) },
            endsAt: curve.endsAt.map { $0 + base }, endReason: curve.endReason)
    }
}
