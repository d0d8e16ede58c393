/// What a backend provides to keep one model loaded between solves. Implemented by backends;
/// used only through ``SolverSession``, never held directly.
public protocol SessionEngine: AnyObject {
    func solve(_ model: Model, changes: [SessionChange]) -> Solution
    /// The objective-coefficient range of `variable` in the basis of the last solve; nil when
    /// that solve did not end optimal.
    func objectiveRange(of variable: Variable, in model: Model) -> VariableSensitivity?
    /// Rates of every variable per unit increase of `constraint`'s active limit in the last
    /// solve's basis; nil when that solve did not end optimal.
    func primalRates(alongLimitOf constraint: ConstraintRef, in model: Model) -> [Double]?
    /// How far the limits may move along (lower, upper) per unit with the last solve's basis
    /// staying primal feasible; nil when that solve did not end optimal.
    func maximumStep(lower: [Int: Double], upper: [Int: Double]) -> Double?
    /// How far a parameter t may move each way (up to the limits given) with the last solve's
    /// basis staying optimal when row r's coefficients become a_r − t·w_r (`moves`: row index ->
    /// column index -> w); nil when that solve did not end optimal.
    func coefficientRange(moves: [Int: [Int: Double]], increaseLimit: Double, decreaseLimit: Double, in model: Model) -> CoefficientRange?
    /// Makes `solution`'s basis the start of the next solve; false when it cannot.
    func startFromBasis(of solution: Solution) -> Bool
    /// Keeps the basis of the last solve, to start a later solve from.
    func rememberBasis()
    /// Makes the remembered basis the start of the next solve; false when there is none or it
    /// cannot be used.
    func restoreRememberedBasis() -> Bool
}

/// One change to a loaded model, applied before the next solve.
public enum SessionChange: Sendable, Hashable {
    case constraintBounds(ConstraintRef, ConstraintBounds)
    case variableBounds(Variable, lower: Double, upper: Double)
    case objectiveCoefficient(Variable, Double)
    /// A row's coefficients replaced (every term of the row).
    case constraintTerms(ConstraintRef, [LinearTerm])
}

/// How far a parameter t may move, with one optimal basis, when rows' coefficients move with it
/// (row r becoming a_r − t·w_r: a share limit `part − s·base` with its share moving). Within the
/// basis the objective is not linear in t (the basis matrix itself moves), so its rate is given
/// at t = 0 and just inside each edge.
public struct CoefficientRange: Sendable, Hashable {
    /// How far t may rise and fall with the basis optimal; the limit asked for when the basis
    /// holds all the way.
    public var allowableIncrease: Double
    public var allowableDecrease: Double
    /// d objective / dt at t = 0: Σ dual × w_r·x over the moved rows.
    public var rate: Double
    /// d objective / dt at each edge, in the same basis.
    public var rateAtIncrease: Double
    public var rateAtDecrease: Double
    /// The objective's change from t = 0 to each edge.
    public var changeAtIncrease: Double
    public var changeAtDecrease: Double
    /// What stops the basis at each edge (a variable reaching a bound or a reduced cost changing
    /// sign); nil where the limit asked for was reached first.
    public var limitingIncrease: ModelElement?
    public var limitingDecrease: ModelElement?

    public init(allowableIncrease: Double, allowableDecrease: Double, rate: Double, rateAtIncrease: Double, rateAtDecrease: Double,
                changeAtIncrease: Double, changeAtDecrease: Double, limitingIncrease: ModelElement?, limitingDecrease: ModelElement?) {
        self.allowableIncrease = allowableIncrease
        self.allowableDecrease = allowableDecrease
        self.rate = rate
        self.rateAtIncrease = rateAtIncrease
        self.rateAtDecrease = rateAtDecrease
        self.changeAtIncrease = changeAtIncrease
        self.changeAtDecrease = changeAtDecrease
        self.limitingIncrease = limitingIncrease
        self.limitingDecrease = limitingDecrease
    }
}

/// A model kept loaded in a solver between solves, so that a solve after a small change starts
/// from the previous optimal basis (a warm start) instead of from scratch.
///
/// A session exists only inside the synchronous closure passed to
/// ``WarmStartSolver/withSession(_:options:_:)``. It is non-copyable and lent `inout`, so it
/// cannot be stored, returned or captured, and the closure cannot `await`: the solver's state
/// (GLPK's problem object) is therefore created, used and freed on one thread, as GLPK requires.
public struct SolverSession: ~Copyable {
    private let engine: any SessionEngine
    /// The model as last changed; solutions refer to it.
    public private(set) var model: Model
    private var pending: [SessionChange] = []

    package init(engine: any SessionEngine, model: Model) {
        self.engine = engine
        self.model = model
    }

    /// Solves the model with the changes made since the last solve.
    public mutating func solve() -> Solution {
        let changes = pending
        pending = []
        return engine.solve(model, changes: changes)
    }

    /// How far `variable`'s objective coefficient may move with the last solve's basis staying
    /// optimal (one column's ranging, without the whole sensitivity report); nil when the last
    /// solve did not end optimal or nothing was solved yet.
    public func objectiveRange(of variable: Variable) throws(SolverError) -> VariableSensitivity? {
        guard model.variables.indices.contains(variable.index) else {
            throw .invalidOptions("variable #\(variable.index) is not in model '\(model.name)'")
        }
        return engine.objectiveRange(of: variable, in: model)
    }

    /// How fast each variable's value moves per unit increase of `constraint`'s active limit
    /// while the last solve's basis stays optimal (within the limit's allowable range): the
    /// basis's direction, B⁻¹ applied to the limit's column. All zero when the constraint is not
    /// binding. Nil when the last solve did not end optimal or nothing was solved yet.
    public func primalRates(alongLimitOf constraint: ConstraintRef) throws(SolverError) -> [Double]? {
        guard model.constraints.indices.contains(constraint.index) else {
            throw .invalidOptions("constraint #\(constraint.index) is not in model '\(model.name)'")
        }
        return engine.primalRates(alongLimitOf: constraint, in: model)
    }

    /// How far a parameter may rise while the last solve's basis stays optimal, when each row's
    /// lower and upper limits move by the given amounts per unit of it (a ratio test on B⁻¹
    /// applied to the moving limits: the limits a scenario field sets move together, a ranged
    /// row's two sides each their own way). For a fall, negate the rates. Nil when the last solve
    /// did not end optimal. The basis's duals price the move: Σ dual × the active limit's rate.
    public func maximumStep(lower: [ConstraintRef: Double], upper: [ConstraintRef: Double]) throws(SolverError) -> Double? {
        for row in Array(lower.keys) + Array(upper.keys) where !model.constraints.indices.contains(row.index) {
            throw .invalidOptions("constraint #\(row.index) is not in model '\(model.name)'")
        }
        guard (Array(lower.values) + Array(upper.values)).allSatisfy(\.isFinite) else { throw .invalidOptions("a rate of a moving limit is not finite") }
        return engine.maximumStep(lower: Dictionary(uniqueKeysWithValues: lower.map { ($0.key.index, $0.value) }),
                                  upper: Dictionary(uniqueKeysWithValues: upper.map { ($0.key.index, $0.value) }))
    }

    /// How far a parameter t may move each way, up to `increaseLimit` and `decreaseLimit`, with
    /// the last solve's basis staying optimal, when each row in `moves` has its coefficients
    /// moved as a_r − t·w_r (a share limit with its share moving); with the objective's rate
    /// along the move (``CoefficientRange``). Nil when the last solve did not end optimal.
    public func coefficientRange(
        moving moves: [ConstraintRef: LinearExpression], increaseLimit: Double, decreaseLimit: Double
    ) throws(SolverError) -> CoefficientRange? {
        // The ranging is about the loaded problem's basis: changes not yet solved are not in it.
        guard pending.isEmpty else { throw .invalidOptions("the session has changes that were not solved yet; solve before ranging") }
        var rows: [Int: [Int: Double]] = [:]
        for (row, weights) in moves {
            guard model.constraints.indices.contains(row.index) else {
                throw .invalidOptions("constraint #\(row.index) is not in model '\(model.name)'")
            }
            if let issue = model.rowTermIssues(weights.terms, location: "the move of constraint '\(model.constraints[row.index].name)'").first {
                throw .invalidOptions(issue.description)
            }
            rows[row.index] = Dictionary(uniqueKeysWithValues: weights.terms.map { ($0.variable.index, $0.coefficient) })
        }
        guard increaseLimit >= 0, decreaseLimit >= 0, !increaseLimit.isNaN, !decreaseLimit.isNaN else {
            throw .invalidOptions("the limits of a coefficient range must be 0 or more")
        }
        return engine.coefficientRange(moves: rows, increaseLimit: increaseLimit, decreaseLimit: decreaseLimit, in: model)
    }

    /// Makes the basis of `solution` (a solve of this session's model) the start of the next
    /// solve, so that the session's figures are about that very basis; on a degenerate LP a
    /// fresh solve may end at another optimal basis. False when the solution carries no
    /// complete basis or the backend cannot use it.
    @discardableResult
    public func startFromBasis(of solution: Solution) -> Bool { engine.startFromBasis(of: solution) }

    /// Keeps the basis of the last solve, so that a series of what-ifs can each start from it
    /// (on a degenerate LP, which optimal plan a warm solve lands on depends on where it starts).
    public func rememberBasis() { engine.rememberBasis() }

    /// Makes the basis kept by ``rememberBasis()`` the start of the next solve; false when none
    /// was kept or the backend could not use it (the next solve then starts from the last basis).
    @discardableResult
    public func restoreRememberedBasis() -> Bool { engine.restoreRememberedBasis() }

    /// Makes one change, whichever kind it is.
    public mutating func apply(_ change: SessionChange) throws(SolverError) {
        switch change {
        case .constraintBounds(let row, let bounds): try setBounds(of: row, to: bounds)
        case .variableBounds(let column, let lower, let upper): try setBounds(of: column, lower: lower, upper: upper)
        case .objectiveCoefficient(let column, let value): try setObjectiveCoefficient(of: column, to: value)
        case .constraintTerms(let row, let terms): try setTerms(of: row, to: terms)
        }
    }

    /// Changes a constraint's limits (its right-hand side). Checked like ``Model/validate()``.
    public mutating func setBounds(of constraint: ConstraintRef, to bounds: ConstraintBounds) throws(SolverError) {
        guard model.constraints.indices.contains(constraint.index) else {
            throw .invalidOptions("constraint #\(constraint.index) is not in model '\(model.name)'")
        }
        if let problem = bounds.problems().first {
            throw .invalidOptions("constraint '\(model.constraints[constraint.index].name)': \(problem)")
        }
        model.setBounds(of: constraint, bounds)
        pending.append(.constraintBounds(constraint, bounds))
    }

    /// Replaces a constraint's coefficients. Checked like ``Model/validate()``.
    public mutating func setTerms(of constraint: ConstraintRef, to terms: [LinearTerm]) throws(SolverError) {
        guard model.constraints.indices.contains(constraint.index) else {
            throw .invalidOptions("constraint #\(constraint.index) is not in model '\(model.name)'")
        }
        let terms = terms.filter { $0.coefficient != 0 }.sorted { $0.variable < $1.variable }
        if let issue = model.rowTermIssues(terms, location: "constraint '\(model.constraints[constraint.index].name)'").first {
            throw .invalidOptions(issue.description)
        }
        model.setTerms(of: constraint, terms)
        pending.append(.constraintTerms(constraint, terms))
    }

    /// Changes a variable's bounds. Checked like ``Model/validate()``.
    public mutating func setBounds(of variable: Variable, lower: Double, upper: Double) throws(SolverError) {
        guard model.variables.indices.contains(variable.index) else {
            throw .invalidOptions("variable #\(variable.index) is not in model '\(model.name)'")
        }
        var definition = model.variables[variable.index]
        definition.lowerBound = lower
        definition.upperBound = upper
        if let problem = definition.boundsProblems().first {
            throw .invalidOptions("variable '\(definition.name)': \(problem)")
        }
        model.setBounds(of: variable, lower: lower, upper: upper)
        pending.append(.variableBounds(variable, lower: lower, upper: upper))
    }

    /// Changes a variable's objective coefficient.
    public mutating func setObjectiveCoefficient(of variable: Variable, to value: Double) throws(SolverError) {
        guard model.variables.indices.contains(variable.index) else {
            throw .invalidOptions("variable #\(variable.index) is not in model '\(model.name)'")
        }
        guard value.isFinite, value == 0 || abs(value) >= 1e-30 else {
            throw .invalidOptions("objective coefficient \(value) of '\(model.variables[variable.index].name)' must be finite and 0 or at least 1e-30 in magnitude")
        }
        model.setObjectiveCoefficient(of: variable, to: value)
        pending.append(.objectiveCoefficient(variable, value))
    }
}

/// A solver that can keep a model loaded and re-solve it warm after changes.
public protocol WarmStartSolver: LPSolver {
    /// Loads `model` (validated first) and runs `body` with a session on it, on this thread.
    /// The first solve is cold; later ones start from the previous optimal basis.
    func withSession<T>(_ model: Model, options: SolveOptions, _ body: (inout SolverSession) throws -> T) throws -> T
}
