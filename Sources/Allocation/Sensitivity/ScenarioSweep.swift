import LinearModel

/// One point of a parameter sweep.
public struct SweepPoint: Sendable {
    /// The parameter's value (CHF thousands for `envelopes.total`).
    public var value: Double
    public var termination: Termination
    public var objective: Double?
    /// Spending by sector id, CHF thousands, all years.
    public var spendingBySector: [String: Double]
    /// True when the point was re-solved warm from the previous point's basis.
    public var warm: Bool
}

/// A scenario solved along a parameter, the rest unchanged.
public struct SweepResult: Sendable {
    public var scenarioName: String
    public var path: String
    /// What the parameter is, e.g. "envelopes.2026 (CHF thousands)".
    public var parameter: String
    public var sectors: [(id: String, name: String)]
    public var points: [SweepPoint]
}

/// Sweeps a number of a scenario (addressed by its path) over a range, re-solving each step
/// warm from the previous basis when only right-hand sides, bounds or objective coefficients
/// change (envelopes, ceilings, amounts, weights), and cold when the matrix changes (shares,
/// standard costs, impacts).
///
/// `envelopes.total` is the total of all annual envelopes: each is scaled by one factor.
public enum ScenarioSweep {
    public static func run(
        _ source: ScenarioSource, path: String, from: Double, to: Double, steps: Int, with solver: some WarmStartSolver
    ) throws -> SweepResult {
        let base = try source.scenario().scenario
        let values = steps <= 1 ? [from] : (0..<steps).map { from + (to - from) * Double($0) / Double(steps - 1) }
        let overrides = try values.map { value in try Self.overrides(path: path, value: value, base: base, source: source) }
        let unit = path == "envelopes.total" || path.hasPrefix("envelopes.") || path.hasSuffix("amount") || path.contains("min_amount") || path.contains("max_amount") ? " (CHF thousands)"
            : path.contains("ceiling") ? " (FTE)" : ""
        var points: [SweepPoint] = []
        let programs = try overrides.map { try AllocationCompiler.compile(source.scenario(overrides: $0).scenario) }
        let first = programs[0]
        try solver.withSession(first.model, options: SolveOptions()) { session in
            for (index, program) in programs.enumerated() {
                var warm = false
                let solution: Solution
                if index > 0, let changes = Self.changes(from: session.model, to: program.model) {
                    for change in changes {
                        switch change {
                        case .constraintBounds(let row, let bounds): try session.setBounds(of: row, to: bounds)
                        case .variableBounds(let column, let lower, let upper): try session.setBounds(of: column, lower: lower, upper: upper)
                        case .objectiveCoefficient(let column, let value): try session.setObjectiveCoefficient(of: column, to: value)
                        }
                    }
                    solution = session.solve()
                    warm = true
                } else if index == 0 {
                    solution = session.solve()
                } else {
                    solution = try solver.solve(program.model, options: SolveOptions())
                }
                let plan = program.plan(from: solution, solverName: solver.solverName)
                let bySector = Dictionary(uniqueKeysWithValues: base.sectors.map { sector in
                    (sector.id, plan.lines.filter { $0.sector == sector.id }.reduce(0) { $0 + $1.cost })
                })
                points.append(SweepPoint(value: values[index], termination: solution.termination, objective: solution.objectiveValue,
                                         spendingBySector: bySector, warm: warm))
            }
        }
        return SweepResult(scenarioName: base.name, path: path, parameter: path + unit,
                           sectors: base.sectors.map { ($0.id, $0.name) }, points: points)
    }

    /// The overrides that set `path` to `value` (for `envelopes.total`, one per annual envelope).
    public static func overrides(path: String, value: Double, base: Scenario, source: ScenarioSource) throws -> [ScenarioOverride] {
        if path == "envelopes.total" {
            let total = base.years.reduce(0) { $0 + (base.envelopes[$1] ?? 0) }
            guard total > 0 else { throw SweepError(message: "envelopes.total: the annual envelopes add up to 0 and cannot be scaled") }
            return base.years.map { ScenarioOverride(path: "envelopes.\($0)", value: (base.envelopes[$0] ?? 0) * value / total) }
        }
        guard source.number(at: path) != nil else {
            let nearest = ScenarioPath.nearest(path, in: source.document)
            throw SweepError(message: "'\(path)' does not address a number in \(source.file); nearest valid paths: \(nearest.joined(separator: ", ")) (or envelopes.total)")
        }
        return [ScenarioOverride(path: path, value: value)]
    }

    /// The changes that turn `old` into `new` when only limits, bounds or objective coefficients
    /// differ; nil when the structure (names, matrix, kinds) differs.
    static func changes(from old: Model, to new: Model) -> [SessionChange]? {
        guard old.variables.count == new.variables.count, old.constraints.count == new.constraints.count else { return nil }
        var changes: [SessionChange] = []
        for (index, (a, b)) in zip(old.variables, new.variables).enumerated() {
            guard a.name == b.name, a.kind == b.kind else { return nil }
            if a.lowerBound != b.lowerBound || a.upperBound != b.upperBound {
                changes.append(.variableBounds(Variable(index: index), lower: b.lowerBound, upper: b.upperBound))
            }
            let variable = Variable(index: index)
            if old.objective.coefficient(of: variable) != new.objective.coefficient(of: variable) {
                changes.append(.objectiveCoefficient(variable, new.objective.coefficient(of: variable)))
            }
        }
        guard old.objective.sense == new.objective.sense, old.objective.expression.constant == new.objective.expression.constant else { return nil }
        for (index, (a, b)) in zip(old.constraints, new.constraints).enumerated() {
            guard a.name == b.name, a.terms == b.terms else { return nil }
            if a.bounds != b.bounds { changes.append(.constraintBounds(ConstraintRef(index: index), b.bounds)) }
        }
        return changes
    }
}

public struct SweepError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
