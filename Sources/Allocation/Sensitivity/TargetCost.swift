import LinearModel

/// What one target's attainment level costs, answered three ways, each exact:
/// 1. with today's money, what the other targets give up: the trade-off curve of the target's
///    attainment against the rest of the weighted impact, every breakpoint;
/// 2. the extra envelope that reaches the level without giving anything up, spread over the
///    years as the scenario's envelopes are;
/// 3. when money alone cannot reach it, which limits stop it and the smallest relaxation.
public struct TargetCost: Sendable {
    /// One piece of the trade-off: on it, the weighted impact of the other targets falls by
    /// `restSlope` per unit of the target's attainment (1 = 100 percentage points).
    public struct Piece: Sendable, Hashable {
        public var from: Double
        public var to: Double
        public var restAtStart: Double
        public var restSlope: Double

        public func rest(at attainment: Double) -> Double { restAtStart + restSlope * (attainment - from) }
    }

    public var scenarioName: String
    /// The words and currency of the scenario's organisation.
    public var organisation: Organisation
    public var target: String
    public var targetName: String
    public var weight: Double
    /// The plan's attainment of the target today (counted: at most 1).
    public var current: Double
    public var requested: Double
    /// The weighted impact of every other target today (less floor penalties): the objective
    /// less this target's weight × attainment.
    public var restToday: Double
    /// (1) The trade-off with today's money, from today's attainment on.
    public var pieces: [Piece]
    /// The most today's money reaches, when it is below the level asked.
    public var reachableWithTodaysMoney: Double?
    /// The other targets' weighted impact with the target at the level asked (or at the most
    /// today's money reaches), from a direct solve.
    public var restAtLevel: Double = 0
    /// Where the trade-off's breakpoints were traced to, when short of the level (the walk's
    /// step budget); ``restAtLevel`` is exact all the same.
    public var curveTracedTo: Double?
    /// (2) CHF thousands more, in total and per year, that reach the level with every other
    /// target's weighted impact kept; nil when no amount of money reaches it.
    public var extraEnvelope: Double?
    public var extraByYear: [Int: Double]
    /// (3) Why no amount of money reaches it: the limits in the way and the smallest relaxation.
    public var blocked: InfeasibilityReport?

    /// What the others give up for the level with today's money (weighted impact), when reachable.
    public var restGivenUp: Double? {
        reachableWithTodaysMoney == nil ? restToday - restAtLevel : nil
    }
}

/// Builds ``TargetCost`` for the single-stage weighted LP.
public enum TargetCostAnalysis {
    public static func run(_ source: ScenarioSource, target id: String, attainment level: Double,
                           with solver: some ParametricSolver) throws(AnalysisError) -> TargetCost {
        try AnalysisError.wrapping { try analysing(source, target: id, attainment: level, with: solver) }
    }

    private static func analysing(_ source: ScenarioSource, target id: String, attainment level: Double,
                                  with solver: some ParametricSolver) throws -> TargetCost {
        let scenario = try source.scenario().scenario
        guard let target = scenario.targets.first(where: { $0.id == id }) else {
            throw AnalysisError.invalidRequest("no target '\(id)'; targets are \(scenario.targets.map(\.id).joined(separator: ", "))")
        }
        guard level.isFinite, level > 0, level <= 1 else {
            throw AnalysisError.invalidRequest("--attainment must be between 0 and 1 (0.30 is 30 % of the gap to the target value closed), found \(level)")
        }
        let program = ScenarioDriver.compile(scenario)
        guard SolveRecipe(for: program).isSingleStageLP else {
            throw AnalysisError.notForRecipe("the cost of a target level needs the single-stage weighted LP (not whole posts or a staged objective)")
        }
        let solved = try ScenarioDriver.solve(program, with: solver)
        guard solved.termination == .optimal, let objective = solved.plan.objective,
              let today = solved.plan.targets.first(where: { $0.id == id })?.countedAttainment else {
            throw AnalysisError.invalidRequest("the scenario has no optimal plan to start from (\(solved.termination.explanation))")
        }
        let impact = program.impactTotal[id]!
        let restToday = objective - target.weight * today
        var cost = TargetCost(scenarioName: scenario.name, organisation: scenario.organisation, target: id, targetName: target.name, weight: target.weight, current: today,
                              requested: level, restToday: restToday, pieces: [], reachableWithTodaysMoney: nil,
                              extraEnvelope: 0, extraByYear: [:], blocked: nil)
        guard level > today + 1e-12 else { return cost }

        // The most today's money reaches: the target's attainment maximised within every limit.
        var highest = program
        highest.maximize((1 / target.scale) * LinearExpression(impact), name: "target_attainment")
        let reach = try solver.solve(highest.model, options: SolveOptions())
        let reachable = reach.termination == .optimal ? min(1, reach.objectiveValue ?? today) : today
        if level > reachable + 1e-9 { cost.reachableWithTodaysMoney = reachable }
        let walkTo = min(level, reachable)

        // (1) The target held at a level that rises from today's: every other term of the
        // objective is what the rest gives up.
        var held = program
        let levelRow = held.addRow((1 / target.scale) * LinearExpression(impact) >= today, name: "targetlevel(T\(id))",
                                   ConstraintMeaning(key: .targetLevel(target: id), kind: .targetFloor,
                                                     description: "Target \(id) attainment held at the level asked", unit: .attainment, path: nil))
        let curve = try solver.rightHandSideCurve(held.model, direction: [levelRow: 1], from: 0, to: max(0, walkTo - today), maximumPieces: 3_000)
        cost.pieces = curve.segments.map { segment in
            TargetCost.Piece(from: today + segment.start, to: today + segment.end,
                             restAtStart: segment.objectiveAtStart - target.weight * (today + segment.start),
                             restSlope: segment.slope - target.weight)
        }
        // The end of the trade-off, solved directly: exact whether or not the walk got there (a
        // degenerate stretch can take it thousands of steps).
        held.setRowBounds(levelRow, lower: walkTo, upper: .infinity)
        let atLevel = try solver.solve(held.model, options: SolveOptions())
        guard atLevel.termination == .optimal, let best = atLevel.objectiveValue else {
            throw AnalysisError.invalidRequest("no plan holds target \(id) at \(walkTo) (\(atLevel.termination.explanation))")
        }
        cost.restAtLevel = best - target.weight * walkTo
        if let end = curve.endsAt, today + end < walkTo - 1e-9 { cost.curveTracedTo = today + end }

        // (2) The least extra money, spread as the envelopes are, that reaches the level with the
        // other targets' weighted impact kept at today's.
        var funded = program
        _ = funded.addRow((1 / target.scale) * LinearExpression(impact) >= level, name: "targetlevel(T\(id))",
                          ConstraintMeaning(key: .targetLevel(target: id), kind: .targetFloor,
                                            description: "Target \(id) attainment at least \(level)", unit: .attainment, path: nil))
        var rest = program.model.objective.expression
        rest.add(-target.weight / target.scale, impact)
        _ = funded.addRow(rest >= restToday - 1e-9 * max(1, abs(restToday)), name: "otherstargets",
                          ConstraintMeaning(key: .otherTargetsHeld, kind: .targetFloor,
                                            description: "The other targets' weighted impact kept at today's", unit: .objective, path: nil))
        let total = scenario.years.reduce(0) { $0 + (scenario.envelopes[$1] ?? 0) }
        let extra = funded.addColumn("extra_envelope", "extra money, spread over the years as the envelopes are")
        // Each envelope row (annual or biennial) takes its years' share of the extra money.
        for (row, meaning) in funded.rows where total > 0 {
            let years: [Int] = switch meaning.key {
            case .envelope(let year): [year]
            case .biennialEnvelope(let id): scenario.biennia.first { $0.id == id }?.years ?? []
            default: []
            }
            guard !years.isEmpty else { continue }
            funded.addTerm(-years.reduce(0) { $0 + (scenario.envelopes[$1] ?? 0) } / total, extra, to: row)
        }
        funded.minimize(LinearExpression(extra))
        let least = try solver.solve(funded.model, options: SolveOptions())
        if least.termination == .optimal {
            let thousands = UnitConverter.stated(least.value(of: extra))
            cost.extraEnvelope = thousands
            cost.extraByYear = Dictionary(uniqueKeysWithValues: scenario.years.map { ($0, thousands * (scenario.envelopes[$0] ?? 0) / max(total, 1e-300)) })
        } else {
            // (3) Money alone cannot: the limits in the way, with the extra money still free.
            cost.extraEnvelope = nil
            cost.blocked = try InfeasibilityAnalyzer.explain(funded, with: solver)
        }
        return cost
    }
}
