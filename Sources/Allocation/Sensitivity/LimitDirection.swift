import LinearModel

/// One limit of a scenario as a direction of right-hand-side change of its LP: which rows move,
/// and by how much per unit of the limit as the scenario states it (CHF thousands, FTE). Shared
/// by the exact curves and the what-if maps, so both move the same rows for the same path.
///
/// Two paths stand for several numbers scaled by one factor: `envelopes.total` (every annual
/// envelope, the parameter being their total) and `staff.ceiling.total` (every annual staff
/// ceiling, the parameter being their total, FTE-years).
public struct LimitDirection: Sendable {
    public var path: String
    /// The limit's value in the scenario as it is.
    public var base: Double
    /// The unit of the moved rows (LP money, FTE, attainment).
    public var unit: Unit
    /// Row -> change of its finite limits per unit of the limit.
    public var rows: [ConstraintRef: Double]

    public static let totals = ["envelopes.total", "staff.ceiling.total"]

    public static func of(_ path: String, in program: CompiledScenario, source: ScenarioSource) throws(AnalysisError) -> LimitDirection {
        let scenario = program.scenario
        switch path {
        case "envelopes.total":
            let base = scenario.years.reduce(0) { $0 + (scenario.envelopes[$1] ?? 0) }
            guard base > 0 else { throw .invalidRequest("envelopes.total: the annual envelopes add up to 0") }
            var rows: [ConstraintRef: Double] = [:]
            for (row, meaning) in program.rows where [.annualEnvelope, .biennialEnvelope].contains(meaning.kind) {
                // Every envelope scales by the same factor: each moves in proportion to its size,
                // per CHF thousand of the total.
                rows[row] = program.model.constraints[row.index].bounds.upper / base
            }
            return LimitDirection(path: path, base: base, unit: .lpMoney, rows: rows)
        case "staff.ceiling.total":
            let base = scenario.years.reduce(0) { $0 + (scenario.staff.ceiling[$1] ?? 0) }
            var rows: [ConstraintRef: Double] = [:]
            for (row, meaning) in program.rows where meaning.kind == .staffCeiling {
                rows[row] = program.model.constraints[row.index].bounds.upper / base
            }
            guard base > 0, !rows.isEmpty else { throw .invalidRequest("staff.ceiling.total: the scenario sets no annual staff ceiling") }
            return LimitDirection(path: path, base: base, unit: .fte, rows: rows)
        default:
            guard let value = source.number(at: path) else {
                throw .invalidRequest("'\(path)' does not address a number in \(source.file); nearest valid paths: \(ScenarioPath.nearest(path, in: source.document).joined(separator: ", ")) (or \(totals.joined(separator: ", ")))")
            }
            let moved = program.rows(settingField: path)
            guard !moved.isEmpty else {
                throw .invalidRequest("'\(path)' sets no limit's right-hand side (it changes the model's coefficients, or binds nothing): use allot sweep")
            }
            var unit = Unit.lpMoney
            var rows: [ConstraintRef: Double] = [:]
            for row in moved {
                unit = program.meaning(of: row).unit
                // The parameter is in the scenario's unit (CHF thousands for money).
                rows[row] = UnitConverter.convert(1, from: UnitConverter.statedUnit(of: unit), to: unit)
            }
            return LimitDirection(path: path, base: value, unit: unit, rows: rows)
        }
    }

    /// The overrides that set the limit to `value` (for a total, one per year, each scaled).
    public static func overrides(path: String, value: Double, base scenario: Scenario, source: ScenarioSource) throws(AnalysisError) -> [ScenarioOverride] {
        switch path {
        case "envelopes.total":
            let total = scenario.years.reduce(0) { $0 + (scenario.envelopes[$1] ?? 0) }
            guard total > 0 else { throw .invalidRequest("envelopes.total: the annual envelopes add up to 0 and cannot be scaled") }
            return scenario.years.map { ScenarioOverride(path: "envelopes.\($0)", value: (scenario.envelopes[$0] ?? 0) * value / total) }
        case "staff.ceiling.total":
            let total = scenario.years.reduce(0) { $0 + (scenario.staff.ceiling[$1] ?? 0) }
            guard total > 0 else { throw .invalidRequest("staff.ceiling.total: the scenario sets no annual staff ceiling") }
            return scenario.years.compactMap { year in
                scenario.staff.ceiling[year].map { ScenarioOverride(path: "staff.ceiling.\(year)", value: $0 * value / total) }
            }
        default:
            guard source.number(at: path) != nil else {
                let nearest = ScenarioPath.nearest(path, in: source.document)
                throw .invalidRequest("'\(path)' does not address a number in \(source.file); nearest valid paths: \(nearest.joined(separator: ", ")) (or \(totals.joined(separator: ", ")))")
            }
            return [ScenarioOverride(path: path, value: value)]
        }
    }

    /// True when every moved row is an envelope: raising it can carry targets past their gap.
    func movesOnlyEnvelopes(in program: CompiledScenario) -> Bool {
        rows.keys.allSatisfy { [.annualEnvelope, .biennialEnvelope].contains(program.meaning(of: $0).kind) }
    }
}
