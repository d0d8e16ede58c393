import LinearModel

extension GLPKSolver: WarmStartSolver {
    /// Keeps `model` loaded in one GLPK problem for the duration of `body`, on this thread.
    ///
    /// The first solve is cold (with presolve if the options ask for it); later LP solves start
    /// from the previous basis with presolve off, since GLPK's presolver discards a given basis.
    /// MIP models are solved cold every time: branch-and-cut keeps no reusable basis.
    public func withSession<T>(_ model: Model, options: SolveOptions, _ body: (inout SolverSession) throws -> T) throws -> T {
        do { try model.validate() } catch { throw SolverError.invalidModel(error) }
        if let problem = options.problem() { throw SolverError.invalidOptions(problem) }
        var session = SolverSession(engine: GLPKSessionEngine(solver: self, model: model, options: options), model: model)
        return try body(&session)
    }
}

/// Not `Sendable`, and only reachable through a non-copyable ``SolverSession`` lent to a
/// synchronous closure: its GLPK problem never leaves the thread that created it.
final class GLPKSessionEngine: SessionEngine {
    private let solver: GLPKSolver
    private let options: SolveOptions
    private let problem: GLPKProblem
    private var solved = false
    private var lastWasLP = false
    private var remembered: GLPKProblem.BasisSnapshot?
    /// The last solve's basis as coefficient ranging reads it, shared by the moves ranged on it.
    private var basisFigures: CoefficientMoveBasis.BasisFigures?

    init(solver: GLPKSolver, model: Model, options: SolveOptions) {
        self.solver = solver
        self.options = options
        problem = solver.load(model, options: options)
    }

    func solve(_ model: Model, changes: [SessionChange]) -> Solution {
        basisFigures = nil
        if model.isMixedInteger {
            lastWasLP = false
            return solver.solveLoaded(solver.load(model, options: options), model: model, options: options)
        }
        for change in changes {
            switch change {
            case .constraintBounds(let row, let bounds):
                problem.setRowBounds(row.index, lower: bounds.lower, upper: bounds.upper)
            case .variableBounds(let column, let lower, let upper):
                problem.setColumnBounds(column.index, lower: lower, upper: upper)
            case .objectiveCoefficient(let column, let value):
                problem.setObjectiveCoefficient(column.index, value)
            case .constraintTerms(let row, let terms):
                problem.setRowCoefficients(row.index, terms.map { ($0.variable.index, $0.coefficient) })
            }
        }
        var warm = options
        if solved { warm.presolve = false }
        solved = true
        lastWasLP = true
        return solver.solveLoaded(problem, model: model, options: warm)
    }

    func primalRates(alongLimitOf constraint: ConstraintRef, in model: Model) -> [Double]? {
        guard lastWasLP, problem.prepareAnalysis() == nil else { return nil }
        return problem.columnRates(along: [constraint.index: 1])
    }

    func maximumStep(lower: [Int: Double], upper: [Int: Double]) -> Double? {
        guard lastWasLP, problem.prepareAnalysis() == nil else { return nil }
        return problem.maximumStep(lower: lower, upper: upper)
    }

    func coefficientRange(moves: [Int: [Int: Double]], increaseLimit: Double, decreaseLimit: Double, in model: Model) -> CoefficientRange? {
        guard lastWasLP, problem.prepareAnalysis() == nil else { return nil }
        let shared = basisFigures ?? CoefficientMoveBasis.BasisFigures(problem)
        basisFigures = shared
        let basis = CoefficientMoveBasis(shared, problem, moves: moves, model: model)
        let up = basis.step(1, limit: increaseLimit)
        let down = basis.step(-1, limit: decreaseLimit)
        // At a limit where the basis matrix turns singular (a share of 0 or 100 %), the figures
        // are those just inside it.
        func figures(at t: Double) -> (rate: Double, change: Double, obstacle: CoefficientMoveBasis.Obstacle?) {
            let result = basis.evaluate(at: t)
            if case .singular? = result.obstacle { return basis.evaluate(at: t * (1 - 1e-9)) }
            return result
        }
        let atUp = figures(at: up.step), atDown = figures(at: -down.step)
        func element(_ obstacle: CoefficientMoveBasis.Obstacle?) -> ModelElement? {
            switch obstacle {
            case .primal(let position)?, .dual(let position)?: SensitivityAnalysis.element(position, in: model)
            case .singular?, nil: nil
            }
        }
        return CoefficientRange(
            allowableIncrease: up.step, allowableDecrease: down.step, rate: basis.evaluate(at: 0).rate,
            rateAtIncrease: atUp.rate, rateAtDecrease: atDown.rate, changeAtIncrease: atUp.change, changeAtDecrease: atDown.change,
            limitingIncrease: element(up.obstacle), limitingDecrease: element(down.obstacle))
    }

    func startFromBasis(of solution: Solution) -> Bool {
        basisFigures = nil
        let rows = solution.constraints.compactMap(\.basisStatus)
        let columns = solution.variables.compactMap(\.basisStatus)
        guard rows.count == solution.constraints.count, columns.count == solution.variables.count,
              problem.setBasis(rows: rows, columns: columns) else { return false }
        // The next solve must start from this basis, which presolve would throw away.
        solved = true
        return true
    }

    func rememberBasis() {
        remembered = lastWasLP ? problem.basisSnapshot() : nil
    }

    func restoreRememberedBasis() -> Bool {
        basisFigures = nil
        guard let remembered else { return false }
        return problem.restore(remembered)
    }

    func objectiveRange(of variable: Variable, in model: Model) -> VariableSensitivity? {
        // A MIP session solves a fresh problem each time; this one holds no basis of it.
        guard lastWasLP, problem.prepareAnalysis() == nil else { return nil }
        return SensitivityAnalysis.columnRange(
            problem, column: variable.index, model: model, objective: problem.objectiveValue, isDegenerate: false,
            element: { SensitivityAnalysis.element($0, in: model) })
    }
}
