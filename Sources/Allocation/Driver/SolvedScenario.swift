import LinearModel

/// The independent check of a plan against its model: every bound, row limit and integrality
/// requirement, to a relative tolerance.
public struct PlanCheck: Sendable, Hashable {
    /// What the plan breaks; empty when it passes.
    public var violations: [Violation]
    /// Relative to the size of each limit (absolute below 1).
    public var tolerance: Double

    public var passed: Bool { violations.isEmpty }
}

/// A scenario solved by its recipe: the driver's result, from which every report and analysis
/// starts, so that none of them answers for a different plan from `allot solve`.
public struct SolvedScenario: Sendable {
    /// The compiled scenario as solved last: earlier stages held by rows, the final stage's objective.
    public let compiled: CompiledScenario
    public let recipe: SolveRecipe
    /// The final stage's solution, in ``compiled``'s columns and rows.
    public let solution: Solution
    public internal(set) var plan: AllocationPlan

    public var scenario: Scenario { compiled.scenario }
    public var termination: Termination { plan.termination }
    /// The stages of the objective, in solving order, the last being the plan's objective.
    public var stages: [ObjectiveStage] { plan.stages }

    /// The linear program the sensitivity analyses work on: the final stage's LP as solved; for
    /// whole posts, that LP with every integer column fixed at the plan's value. Its optimum is
    /// the plan's objective. Nil without a plan.
    public var analysisModel: Model? {
        guard solution.hasSolution else { return nil }
        return Self.fixingIntegers(of: compiled.model, at: solution)
    }

    /// `model` with every integer column fixed at its value in `solution`: the LP a MIP plan's
    /// prices come from; `model` itself when it has no integer column.
    static func fixingIntegers(of model: Model, at solution: Solution) -> Model {
        model.fixingIntegers(at: solution.variables.map(\.value))
    }

    /// What the plan's prices and ranges are of, in words; nil for the plain weighted LP.
    public var analysisSubject: String? { recipe.analysisSubject }
}
