import Foundation
import LinearModel

/// The one way a scenario becomes a plan: compiled once, solved by the recipe decided from the
/// scenario. Every command, report and analysis goes through here.
public enum ScenarioDriver {
    /// A scenario's linear program with the index from domain keys to its rows and columns.
    public static func compile(_ scenario: Scenario, capping cap: TargetCap = .scenarioMoney) -> CompiledScenario {
        AllocationCompiler.compile(scenario, capping: cap)
    }

    /// Solves by the recipe, then re-solves the LP the plan comes from (for whole posts, with the
    /// posts fixed) in exact rational arithmetic from its final basis: the plan says whether that
    /// basis is optimal exactly and how far its printed figures are from the exact ones.
    public static func solveCertified(_ scenario: Scenario, with solver: some ExactCertifyingSolver, sensitivity: Bool = false) throws(SolverError) -> SolvedScenario {
        var solved = try solve(compile(scenario), with: solver, sensitivity: sensitivity)
        if let model = solved.analysisModel, solved.solution.hasSolution {
            solved.plan.exactCertification = try solver.certifyExactly(model, solved.solution, timeLimit: 600)
        }
        return solved
    }

    /// Compiles and solves; see ``solve(_:with:sensitivity:)-(CompiledScenario,_,_)``.
    public static func solve(_ scenario: Scenario, with solver: some LPSolver, sensitivity: Bool = false) throws(SolverError) -> SolvedScenario {
        try solve(compile(scenario), with: solver, sensitivity: sensitivity)
    }

    /// Solves by the scenario's recipe. Stages are solved in turn, each earlier optimum held
    /// within the scenario's `objective_tolerance` (relative) by a row added to the LP. Whole
    /// posts start from the rounded LP plan where the recipe says so, and a MIP plan is checked
    /// against the model before it is reported: one that fails is withdrawn, with the reason.
    /// With `sensitivity`, the final solve also computes the sensitivity report of the
    /// ``SolvedScenario/analysisModel``.
    public static func solve(_ compiled: CompiledScenario, with solver: some LPSolver, sensitivity: Bool = false) throws(SolverError) -> SolvedScenario {
        let recipe = SolveRecipe(for: compiled)
        var compiled = compiled
        var options = recipe.options
        if recipe.startingPlan == .roundedLP { options.mipStart = try WholePosts.startingPlan(compiled, with: solver) }
        var stages: [ObjectiveStage] = []
        for (number, stage) in recipe.heldStages.enumerated() {
            var model = compiled.model
            model.maximize(stage.expression)
            let solution = try solver.solve(model, options: options)
            stages.append(ObjectiveStage(name: stage.name, objective: solution.objectiveValue, termination: solution.termination))
            guard solution.termination == .optimal, let best = solution.objectiveValue else {
                return try finish(compiled, recipe: recipe, solution: solution, stages: stages, check: nil, with: solver)
            }
            let floor = best - recipe.stageTolerance * max(1, abs(best))
            compiled.addRow(stage.expression >= floor, name: "stage\(number + 1)", ConstraintMeaning(
                key: .objectiveStage(number + 1), kind: .objectiveStage,
                description: "Stage \(number + 1) (\(stage.name)) held at \(String(format: "%.6g", floor)) or more (optimum \(String(format: "%.6g", best)) less the objective tolerance)",
                unit: stage.unit, path: "objective_tolerance"))
        }
        compiled.maximize(recipe.finalStage.expression, name: recipe.objectiveName)
        var finalOptions = options
        finalOptions.computeSensitivity = sensitivity
        var solution = try solver.solve(compiled.model, options: finalOptions)
        stages.append(ObjectiveStage(name: recipe.finalStage.name, objective: solution.objectiveValue, termination: solution.termination))
        var check: PlanCheck?
        if compiled.model.isMixedInteger, solution.hasSolution {
            let tolerance = 1e-6
            let result = PlanCheck(violations: compiled.model.violations(at: solution.variables.map(\.value), tolerance: tolerance), tolerance: tolerance)
            check = result
            if !result.passed { solution = withdrawn(solution, failing: result) }
        }
        // The optimality conditions of the LP the plan's figures and prices come from (for whole
        // posts, the LP with the posts fixed): a plan that fails them is a numerical failure,
        // never reported as optimal.
        var certificate: OptimalityCertificate?
        if solution.hasSolution, let checked = SolvedScenario.fixingIntegers(of: compiled.model, at: solution).optimalityCertificate(of: solution) {
            certificate = checked
            if !checked.passed {
                solution = withdrawn(solution, because: "the plan fails its optimality check (\(checked.summary); worst at \(checked.primalElement ?? checked.dualElement ?? checked.complementarityElement ?? "the duality gap")); it is not reported")
            }
        }
        var solved = try finish(compiled, recipe: recipe, solution: solution, stages: stages, check: check, with: solver)
        solved.plan.certificate = certificate
        if recipe.options.settleTies, solution.tiesSettled == false { solved.plan.tiesSettled = false }
        return solved
    }

    private static func finish(
        _ compiled: CompiledScenario, recipe: SolveRecipe, solution: Solution, stages: [ObjectiveStage], check: PlanCheck?, with solver: some LPSolver
    ) throws(SolverError) -> SolvedScenario {
        var plan = compiled.plan(from: solution, solverName: solver.solverName)
        plan.stages = stages
        plan.mip = solution.mip
        plan.check = check
        if solution.termination == .infeasible { plan.infeasibility = try InfeasibilityAnalyzer.explain(compiled, with: solver) }
        return SolvedScenario(compiled: compiled, recipe: recipe, solution: solution, plan: plan)
    }

    /// A MIP answer whose point breaks the model: no plan, and the reason instead.
    private static func withdrawn(_ solution: Solution, failing check: PlanCheck) -> Solution {
        let shown = check.violations.prefix(3).map(\.description).joined(separator: "; ")
        let more = check.violations.count > 3 ? " and \(check.violations.count - 3) more" : ""
        return withdrawn(solution, because: "the integer plan found fails the check against the model (\(shown)\(more)); it is not reported")
    }

    private static func withdrawn(_ solution: Solution, because reason: String) -> Solution {
        Solution(
            termination: .numericalFailure(reason),
            objectiveValue: nil, variables: [], constraints: [], dualSource: nil, mip: solution.mip,
            simplexIterations: solution.simplexIterations, solveSeconds: solution.solveSeconds,
            sensitivity: nil, sensitivityUnavailableReason: "no plan")
    }
}
