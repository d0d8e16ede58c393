import LinearModel

/// How a scenario is solved, decided once from the scenario by ``ScenarioDriver``: the stages of
/// its objective, the solver options (whole posts with the scenario's gap, node and time
/// limits), and whether a starting plan is offered to the integer search.
public struct SolveRecipe: Sendable {
    /// One objective optimised in turn; every stage but the last is then held by a row.
    public struct Stage: Sendable {
        public var name: String
        public var expression: LinearExpression
        /// The unit of the stage's objective: attainment for maximin's worst attainment, the
        /// weighted impact otherwise; the held row's price is per one of it.
        public var unit: Unit
    }

    public enum StartingPlan: String, Sendable, Hashable {
        /// The search starts from nothing.
        case none
        /// The LP plan with each line's staff rounded to whole posts and budgets re-optimised
        /// (see the README); offered only where the search runs on the model's own columns.
        case roundedLP = "rounded_lp"
    }

    /// Stages held in the later ones, in solving order (empty for the weighted objective).
    public var heldStages: [Stage]
    /// The last stage: the plan maximises it with the earlier ones held.
    public var finalStage: Stage
    /// The LP objective's name in exported models.
    public var objectiveName: String
    /// Options of every stage's solve.
    public var options: SolveOptions
    public var startingPlan: StartingPlan
    /// Relative tolerance to which an earlier stage's optimum is held.
    public var stageTolerance: Double

    /// True when staff is in whole posts: the plan is a MIP's.
    public var isMixedInteger: Bool

    /// True for one LP solve: the recipe every exact analysis (curves, the 100 % rule) needs.
    public var isSingleStageLP: Bool { heldStages.isEmpty && !isMixedInteger }

    /// What the plan's prices, ranges and unfunded lines are of, in words; nil for the plain
    /// weighted LP, whose sensitivity needs no explanation.
    public var analysisSubject: String? {
        var parts: [String] = []
        if !heldStages.isEmpty {
            let held = heldStages.map(\.name).joined(separator: ", then ")
            parts.append("the last stage (\(finalStage.name)) with the earlier stage\(heldStages.count > 1 ? "s" : "") (\(held)) held at \(heldStages.count > 1 ? "their" : "its") optimum less the objective tolerance")
        }
        if isMixedInteger {
            parts.append("the LP with every line's staff fixed at its whole posts in the plan (a MIP has no prices of its own)")
        }
        return parts.isEmpty ? nil : "Sensitivity of " + parts.joined(separator: ", and of ") + "."
    }

    init(for compiled: CompiledScenario) {
        let scenario = compiled.scenario
        var options = SolveOptions()
        isMixedInteger = scenario.staff.wholePosts
        startingPlan = .none
        if scenario.staff.wholePosts {
            options.mipRelativeGap = scenario.mip.relativeGap
            options.mipNodeLimit = scenario.mip.nodeLimit
            options.timeLimit = scenario.mip.timeLimit
            options.mipHeuristics = true
            // The rounded plan is built from the weighted LP; a staged objective would need
            // one per stage.
            if scenario.objective == .weighted { startingPlan = .roundedLP }
        }
        // An LP plan is the one optimal plan the tie-break picks (see OptimalFace), so the same
        // scenario gets the same plan from every command and every solve path.
        options.settleTies = !scenario.staff.wholePosts
        self.options = options
        stageTolerance = scenario.objectiveTolerance
        let weighted = compiled.model.objective.expression
        let targetsWithoutWeights = scenario.targets.map { var target = $0; target.weight = 0; return target }
        let penalties = AllocationCompiler.objective(targets: targetsWithoutWeights, impactTotal: compiled.impactTotal, shortfall: compiled.shortfall)
        finalStage = Stage(name: "weighted impact", expression: weighted, unit: .objective)
        objectiveName = "weighted_impact"
        switch scenario.objective {
        case .weighted:
            heldStages = []
        case .maximin:
            heldStages = [Stage(name: "worst attainment", expression: LinearExpression(compiled.worstAttainment!) + penalties, unit: .attainment)]
        case .lexicographic:
            let goals = scenario.goals.map { goal in
                Stage(name: "Goal \(goal.id): \(goal.name)",
                      expression: AllocationCompiler.objective(targets: scenario.targets.filter { $0.goal == goal.id },
                                                               impactTotal: compiled.impactTotal, shortfall: compiled.shortfall),
                      unit: .objective)
            }
            heldStages = Array(goals.dropLast())
            if let last = goals.last { finalStage = last }
            objectiveName = "goal_stage"
        }
    }
}
