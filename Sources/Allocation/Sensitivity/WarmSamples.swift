import LinearModel

/// Monte Carlo samples of the effects solved in one loaded model per thread: a sample changes
/// only the coefficients of the impact-definition rows, so each is the base LP with those rows
/// rewritten and re-solved from the base plan's optimal basis, instead of a scenario compiled
/// and solved cold.
///
/// Every sample starts from the same basis (the base plan's), never from the previous sample's:
/// which samples a thread solved before must not change a sample's plan, so that the same seed
/// gives the same report for any number of jobs.
struct WarmSamples: Sendable {
    let base: SolvedScenario
    /// The impact-definition rows, one per (target, year), with their terms in the base model.
    private let rows: [(target: String, row: ConstraintRef, terms: [LinearTerm])]
    /// For each impact-curve segment column (by index): the activity (position in the scenario's
    /// activities) and the segment.
    private let segmentOf: [Int: (activity: Int, segment: Int)]
    /// Which targets the base LP caps at their gap: a sample whose effects cap others has
    /// another model, and is compiled and solved cold.
    private let caps: [Bool]

    /// Nil where a sample is more than the base LP with other coefficients: whole posts (a MIP)
    /// or an objective in stages.
    init?(_ base: SolvedScenario) {
        let compiled = base.compiled
        guard base.recipe.heldStages.isEmpty, !compiled.model.isMixedInteger, base.solution.termination == .optimal else { return nil }
        self.base = base
        let scenario = compiled.scenario
        var rows: [(target: String, row: ConstraintRef, terms: [LinearTerm])] = []
        for target in scenario.targets {
            for year in scenario.years {
                guard let row = compiled.row(.impact(target: target.id, year: year)) else { return nil }
                rows.append((target.id, row, compiled.model.constraints[row.index].terms))
            }
        }
        var segmentOf: [Int: (activity: Int, segment: Int)] = [:]
        for (position, activity) in scenario.activities.enumerated() {
            for year in scenario.years {
                guard let columns = compiled.activities[ActivityYear(activity.key, year: year)] else { continue }
                for (segment, variable) in columns.segments.enumerated() { segmentOf[variable.index] = (position, segment) }
            }
        }
        self.rows = rows
        self.segmentOf = segmentOf
        caps = scenario.targets.map { TargetCap.scenarioMoney.caps($0, in: scenario) }
    }

    /// How samples are solved from the base basis: the recipe's options with the primal
    /// simplex. A sample moves only coefficients of the impact-definition rows, whose impact
    /// columns are basic: the base basis mostly stays primal feasible and loses only its
    /// optimality, which the primal simplex restores directly (the dual simplex would first
    /// have to regain dual feasibility). With ties settled both end on the same plan.
    var sampleOptions: SolveOptions {
        var options = base.recipe.options
        options.method = .primal
        return options
    }

    /// Whether `perturbed` compiles to the base LP's structure (the same targets capped).
    func fits(_ perturbed: Scenario) -> Bool {
        perturbed.targets.map { TargetCap.scenarioMoney.caps($0, in: perturbed) } == caps
    }

    /// Each impact-definition row's terms with `perturbed`'s effects: the coefficients the
    /// compiler writes for them, in the base row's order and signs.
    func rewrittenRows(for perturbed: Scenario) -> [(row: ConstraintRef, terms: [LinearTerm])] {
        rows.map { entry in
            let terms = entry.terms.map { term -> LinearTerm in
                guard let place = segmentOf[term.variable.index],
                      let effect = perturbed.activities[place.activity].impactPerThousand[entry.target] else { return term }
                let magnitude = perturbed.segmentEffects(effect)[place.segment]
                return LinearTerm(variable: term.variable, coefficient: term.coefficient < 0 ? -magnitude : magnitude)
            }
            return (entry.row, terms)
        }
    }

    /// A sample's plan figures at an optimal point of the base LP rewritten for `perturbed`:
    /// each activity's spending over the years (stated money) and each target's attainment, as
    /// the plan read back from a cold solve states them.
    func figures(at values: [Double], under perturbed: Scenario) -> (cellAmounts: [ActivityKey: Double], attainment: [Double]) {
        let compiled = base.compiled
        var amounts: [ActivityKey: Double] = [:]
        for key in compiled.activityOrder {
            amounts[key.activity, default: 0] += UnitConverter.stated(CompiledScenario.planValue(values[compiled.activities[key]!.cost.index]))
        }
        let attainment = compiled.attainment(at: values, effects: perturbed)
        return (amounts, perturbed.targets.map { attainment[$0.id] ?? 0 })
    }
}
