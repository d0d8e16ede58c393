import CGLPK
import Foundation
import LinearModel

extension GLPKSolver: ExactCertifyingSolver {
    /// Re-solves `model` in exact arithmetic from the basis of `solution` (an optimal LP answer
    /// of this model with its basis statuses) and compares. Defined for LPs: a MIP plan is
    /// certified through its LP with the integers fixed.
    public func certifyExactly(_ model: Model, _ solution: Solution, timeLimit: Double = 600) throws(SolverError) -> ExactCertification {
        do { try model.validate() } catch { throw .invalidModel(error) }
        guard !model.isMixedInteger else { throw .invalidOptions("exact certification is of an LP; fix the integer columns first") }
        guard solution.variables.count == model.variables.count, solution.constraints.count == model.constraints.count,
              solution.variables.allSatisfy({ $0.basisStatus != nil }), solution.constraints.allSatisfy({ $0.basisStatus != nil })
        else { throw .invalidOptions("the answer has no complete basis to certify") }
        let problem = GLPKProblem()
        problem.load(model)
        let given = solution.constraints.map { $0.basisStatus!.glpk } + solution.variables.map { $0.basisStatus!.glpk }
        let clock = ContinuousClock(), start = clock.now
        let code = problem.exact(rowStatuses: Array(given.prefix(model.constraints.count)), columnStatuses: Array(given.dropFirst(model.constraints.count)),
                                 timeLimit: timeLimit)
        let seconds = (clock.now - start).inSeconds
        let kept = (0..<model.constraints.count).map { problem.rowStatusCode($0) } + (0..<model.variables.count).map { problem.columnStatusCode($0) }
        let optimal = code == 0 && glp_status(problem) == GLP_OPT
        func relative(_ float: Double, _ exact: Double) -> Double { abs(float - exact) / max(1, abs(exact)) }
        var values = 0.0, prices = 0.0, reduced = 0.0
        if optimal {
            for index in model.variables.indices {
                values = max(values, relative(solution.variables[index].value, problem.columnValue(index)))
                reduced = max(reduced, relative(solution.variables[index].reducedCost ?? 0, problem.columnReducedCost(index)))
            }
            for index in model.constraints.indices {
                prices = max(prices, relative(solution.constraints[index].shadowPrice ?? 0, problem.rowDual(index)))
            }
        }
        let objective = optimal ? relative(solution.objectiveValue ?? .nan, problem.objectiveValue) : .nan
        return ExactCertification(basisOptimal: optimal && kept == given, exactStatus: optimal ? "optimal" : problem.statusName(code),
                                  objectiveDifference: objective, valueDifference: optimal ? values : .nan,
                                  priceDifference: optimal ? prices : .nan, reducedCostDifference: optimal ? reduced : .nan, seconds: seconds)
    }
}

private func glp_status(_ problem: GLPKProblem) -> Int32 { problem.statusCode }
