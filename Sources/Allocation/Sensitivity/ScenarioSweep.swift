import LinearModel

/// One point of a parameter sweep.
public struct SweepPoint: Sendable, Codable {
    /// The parameter's value (CHF thousands for `envelopes.total`).
    public var value: Double
    public var termination: Termination
    public var objective: Double?
    /// Spending by sector id, CHF thousands, all years.
    public var spendingBySector: [String: Double]
    /// True when the point was re-solved warm: from the previous point's basis, or the first
    /// point's at the start of a block.
    public var warm: Bool

    public init(value: Double, termination: Termination, objective: Double?, spendingBySector: [String: Double], warm: Bool) {
        self.value = value
        self.termination = termination
        self.objective = objective
        self.spendingBySector = spendingBySector
        self.warm = warm
    }
}

/// A scenario solved along a parameter, the rest unchanged.
public struct SweepResult: Sendable {
    public var scenarioName: String
    /// The words and currency of the swept scenario's organisation.
    public var organisation: Organisation
    public var path: String
    /// What the parameter is, e.g. "envelopes.2026 (CHF thousands)".
    public var parameter: String
    public var sectors: [(id: String, name: String)]
    public var points: [SweepPoint]
}

/// Sweeps a number of a scenario (addressed by its path) over a range. Each point is the plan
/// `allot solve` would print for the scenario with that value: a single-stage LP is re-solved
/// warm from the previous point's optimal basis when only right-hand sides, bounds or objective
/// coefficients change (envelopes, ceilings, amounts, weights), and cold when the matrix changes
/// (shares, standard costs, impacts); stages and whole posts are solved by their full recipe at
/// every point.
///
/// The points fall into at most ``maximumBlocks`` blocks of consecutive points, fixed by the
/// number of steps alone; the first point of each block starts from the first point's basis,
/// not from the previous point's, and within a block every point starts from its neighbour's
/// basis, a few pivots away. Ties are settled at every point (``OptimalFace``), so a point's
/// plan is `allot solve`'s whatever basis it started from, and a sweep solved block by block on
/// several machines gives the points of the whole sweep.
///
/// `envelopes.total` is the total of all annual envelopes: each is scaled by one factor.
public enum ScenarioSweep {
    public static func run(
        _ source: ScenarioSource, path: String, from: Double, to: Double, steps: Int, with solver: some WarmStartSolver,
        progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)? = nil
    ) throws(AnalysisError) -> SweepResult {
        let points = try points(source, path: path, from: from, to: to, steps: steps, blocks: Array(blocks(steps: steps).indices), with: solver, progress: progress)
        return try result(source, path: path, points: points)
    }

    /// Blocks of a sweep: what a slice of it is made of.
    public static let maximumBlocks = 64

    /// The blocks of consecutive point numbers of a sweep of `steps` points (the last may be shorter).
    public static func blocks(steps: Int) -> [Range<Int>] {
        let count = max(1, steps)
        let size = (count + maximumBlocks - 1) / maximumBlocks
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    /// The points of the blocks numbered `blocks` (ascending) of the sweep, in point order.
    public static func points(
        _ source: ScenarioSource, path: String, from: Double, to: Double, steps: Int, blocks: [Int], with solver: some WarmStartSolver,
        progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)? = nil
    ) throws(AnalysisError) -> [SweepPoint] {
        try AnalysisError.wrapping {
            try sweep(source, path: path, from: from, to: to, steps: steps, blocks: blocks, with: solver, progress: progress)
        }
    }

    /// The sweep of `path` made of `points` (every point, in order).
    public static func result(_ source: ScenarioSource, path: String, points: [SweepPoint]) throws(AnalysisError) -> SweepResult {
        let base = try AnalysisError.wrapping { try source.scenario().scenario }
        let unit = path == "envelopes.total" || path.hasPrefix("envelopes.") || path.hasSuffix("amount") || path.contains("min_amount") || path.contains("max_amount") ? " (\(base.organisation.money.unitName))"
            : path.contains("ceiling") ? " (FTE)" : ""
        return SweepResult(scenarioName: base.name, organisation: base.organisation, path: path, parameter: path + unit,
                           sectors: base.sectors.map { ($0.id, $0.name) }, points: points)
    }

    /// The values of a sweep's points.
    public static func values(from: Double, to: Double, steps: Int) -> [Double] {
        steps <= 1 ? [from] : (0..<steps).map { from + (to - from) * Double($0) / Double(steps - 1) }
    }

    private static func sweep(
        _ source: ScenarioSource, path: String, from: Double, to: Double, steps: Int, blocks chosen: [Int], with solver: some WarmStartSolver,
        progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> [SweepPoint] {
        let base = try source.scenario().scenario
        let values = values(from: from, to: to, steps: steps)
        let blocks = blocks(steps: steps)
        precondition(chosen.allSatisfy(blocks.indices.contains) && chosen == chosen.sorted(), "sweep blocks out of range or out of order")
        let indices = chosen.flatMap { blocks[$0] }
        let blockStarts = Set(blocks.map(\.lowerBound))
        // Every point's overrides, so that a path that addresses nothing fails the whole sweep alike.
        let overrides = try values.map { value in try Self.overrides(path: path, value: value, base: base, source: source) }
        var points: [SweepPoint] = []
        func record(_ index: Int, _ plan: AllocationPlan, warm: Bool) {
            var bySector = Dictionary(uniqueKeysWithValues: base.sectors.map { ($0.id, 0.0) })
            for line in plan.lines { bySector[line.sector, default: 0] += line.cost }
            points.append(SweepPoint(value: values[index], termination: plan.termination, objective: plan.objective,
                                     spendingBySector: bySector, warm: warm))
            progress?(points.count, indices.count)
        }
        let compile = { (index: Int) throws -> CompiledScenario in
            try ScenarioDriver.compile(source.scenario(overrides: overrides[index]).scenario)
        }
        let first = try compile(0)
        let recipe = SolveRecipe(for: first)
        if !recipe.isSingleStageLP {
            // Stages and whole posts have no warm path: each point is its own full solve.
            for index in indices {
                record(index, try ScenarioDriver.solve(index == 0 ? first : compile(index), with: solver).plan, warm: false)
            }
        } else if let affine = try AffineChange(first, values: values, compile: compile) {
            // Only limits move, in proportion to the parameter: no re-compilation per point.
            try solver.withSession(first.model, options: recipe.options) { session in
                let start = session.solve()
                session.rememberBasis()
                for index in indices {
                    if index == 0 { record(index, first.plan(from: start, solverName: solver.solverName), warm: false); continue }
                    for change in affine.changes(at: values[index]) { try session.apply(change) }
                    if blockStarts.contains(index) { _ = session.restoreRememberedBasis() }
                    record(index, first.plan(from: session.solve(), solverName: solver.solverName), warm: true)
                }
            }
        } else {
            try solver.withSession(first.model, options: recipe.options) { session in
                let start = session.solve()
                session.rememberBasis()
                for index in indices {
                    if index == 0 { record(index, first.plan(from: start, solverName: solver.solverName), warm: false); continue }
                    let program = try compile(index)
                    // Restored whether or not this point is solved warm: the next point of the
                    // block then starts from the same basis in any process.
                    if blockStarts.contains(index) { _ = session.restoreRememberedBasis() }
                    if let changes = Self.changes(from: session.model, to: program.model) {
                        for change in changes { try session.apply(change) }
                        record(index, program.plan(from: session.solve(), solverName: solver.solverName), warm: true)
                    } else {
                        record(index, try ScenarioDriver.solve(program, with: solver).plan, warm: false)
                    }
                }
            }
        }
        return points
    }

    /// The overrides that set `path` to `value` (for a total, one per year).
    public static func overrides(path: String, value: Double, base: Scenario, source: ScenarioSource) throws(AnalysisError) -> [ScenarioOverride] {
        try LimitDirection.overrides(path: path, value: value, base: base, source: source)
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

/// How the model moves along a sweep when the parameter only shifts limits, bounds or objective
/// coefficients, each in proportion to it: found from the compiled models at the first and last
/// values and confirmed at two values in between (any mismatch, a kink or a structural change,
/// and the sweep compiles every point instead).
struct AffineChange {
    private var from: Double
    private var to: Double
    private var start: Model
    private var end: [SessionChange]

    init?(_ first: CompiledScenario, values: [Double], compile: (Int) throws -> CompiledScenario) throws {
        guard values.count >= 4, let last = values.indices.last else { return nil }
        guard let end = ScenarioSweep.changes(from: first.model, to: try compile(last).model) else { return nil }
        from = values[0]
        to = values[last]
        start = first.model
        self.end = end
        for probe in [last / 3, 2 * last / 3] where probe > 0 && probe < last {
            guard let actual = ScenarioSweep.changes(from: first.model, to: try compile(probe).model),
                  Self.same(actual, changes(at: values[probe]))
            else { return nil }
        }
    }

    /// The changes from the first value's model to the model at `value`.
    func changes(at value: Double) -> [SessionChange] {
        let t = (value - from) / (to - from)
        func between(_ a: Double, _ b: Double) -> Double { a == b ? a : a + (b - a) * t }
        return end.map { change in
            switch change {
            case .constraintBounds(let row, let bounds):
                let old = start.constraints[row.index].bounds
                let lower = between(old.lower, bounds.lower), upper = between(old.upper, bounds.upper)
                let moved: ConstraintBounds = switch bounds {
                case .lessOrEqual: .lessOrEqual(upper)
                case .greaterOrEqual: .greaterOrEqual(lower)
                case .equal: .equal(lower)
                case .ranged: .ranged(lower: lower, upper: upper)
                }
                return .constraintBounds(row, moved)
            case .variableBounds(let column, let lower, let upper):
                let old = start.variables[column.index]
                return .variableBounds(column, lower: between(old.lowerBound, lower), upper: between(old.upperBound, upper))
            case .objectiveCoefficient(let column, let value):
                return .objectiveCoefficient(column, between(start.objective.coefficient(of: column), value))
            case .constraintTerms:
                // `changes(from:to:)` gives none: a sweep moving the matrix compiles every point.
                return change
            }
        }
    }

    /// Same changes to 1e-9 relative (a probe's own list leaves out entries equal to the start).
    private static func same(_ actual: [SessionChange], _ predicted: [SessionChange]) -> Bool {
        func numbers(_ change: SessionChange) -> (String, [Double]) {
            switch change {
            case .constraintBounds(let row, let bounds): ("r\(row.index)", [bounds.lower, bounds.upper])
            case .variableBounds(let column, let lower, let upper): ("b\(column.index)", [lower, upper])
            case .objectiveCoefficient(let column, let value): ("c\(column.index)", [value])
            case .constraintTerms(let row, let terms): ("t\(row.index)", terms.flatMap { [Double($0.variable.index), $0.coefficient] })
            }
        }
        let expected = Dictionary(uniqueKeysWithValues: predicted.map(numbers))
        let found = Dictionary(uniqueKeysWithValues: actual.map(numbers))
        guard Set(found.keys).isSubset(of: Set(expected.keys)) else { return false }
        return expected.allSatisfy { key, values in
            guard let other = found[key] else { return false }
            guard other.count == values.count else { return false }
            return zip(values, other).allSatisfy { a, b in
                a == b || (a.isFinite && b.isFinite && abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)))
            }
        }
    }
}
