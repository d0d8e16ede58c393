import Foundation
import LinearModel

/// Solves ``Model`` values with COIN-OR: CLP's simplex for LPs, CBC's branch-and-cut for MIPs.
/// The second backend behind ``LPSolver``, chosen with `--solver coin`: CBC's cuts prove bounds
/// GLPK's branch-and-cut does not reach (the ITU whole-posts model: 1.8376 at the root against
/// GLPK's 1.846 after a minute), and CLP solves large LPs faster (see benchmarks/RESULTS.md).
///
/// What it does not do (GLPK does): Excel-style ranges (CLP's ranging is C++ only; a solve that
/// asks for them gets the reason instead of a report), and settling ties (``Solution/tiesSettled``
/// is false when asked: the plan is an optimal one CLP found, not necessarily the one
/// ``OptimalFace`` picks).
///
/// Time limits: CBC's counts wall-clock seconds; CLP's C interface offers only a limit on the
/// process's CPU time, so an LP solved while other threads work may stop sooner than asked.
///
/// `Sendable` because it holds no state: each solve builds and deletes its own CLP or CBC model
/// inside one synchronous call. CBC's driver keeps state in statics, so MIP solves are taken one
/// at a time in a process; LP solves run side by side. The libraries are loaded at the first
/// solve (see ``COINLibrary``); without them a solve throws, saying what to install.
public struct COINSolver: LPSolver {
    public init() {}

    /// Why COIN-OR cannot be used here, or nil when it can.
    public static var unavailableReason: String? {
        if case .failure(let error) = COINLibrary.shared { return error.description }
        return nil
    }

    public var solverName: String {
        guard let coin = try? COINLibrary.shared.get() else { return "COIN-OR (not installed)" }
        return "COIN-OR CLP \(coin.clpVersion().map { String(cString: $0) } ?? "?") / CBC \(coin.cbcVersion().map { String(cString: $0) } ?? "?")"
    }

    private static let mipLock = NSLock()

    public func solve(_ model: Model, options: SolveOptions) throws(SolverError) -> Solution {
        do { try model.validate() } catch { throw .invalidModel(error) }
        if let problem = options.problem() { throw .invalidOptions(problem) }
        let coin = try COINLibrary.shared.get()
        let clock = ContinuousClock()
        let start = clock.now
        let matrix = ColumnMatrix(model)
        var solution = model.isMixedInteger
            ? Self.mipLock.withLock { solveMIP(model, matrix: matrix, options: options, coin) }
            : solveLP(model, matrix: matrix, options: options, coin)
        let elapsed = clock.now - start
        solution.solveSeconds = elapsed.inSeconds
        if options.computeSensitivity, solution.sensitivity == nil, solution.sensitivityUnavailableReason == nil, solution.dualSource != nil {
            solution.sensitivityUnavailableReason = "ranges (allowable increases and decreases) need the GLPK backend: CLP computes them only through its C++ interface"
        }
        return solution
    }

    // MARK: LP

    private func solveLP(_ model: Model, matrix: ColumnMatrix, options: SolveOptions, _ coin: COINLibrary) -> Solution {
        guard let clp = coin.clpNew() else { return Self.empty(.numericalFailure("CLP could not create a model"), iterations: 0) }
        defer { coin.clpDelete(clp) }
        coin.clpSetLogLevel(clp, 0)
        matrix.withArrays { starts, rows, values, columnLower, columnUpper, objective, rowLower, rowUpper in
            coin.clpLoad(clp, Int32(matrix.columns), Int32(matrix.rows), starts, rows, values,
                            columnLower, columnUpper, objective, rowLower, rowUpper)
        }
        coin.clpSetObjSense(clp, model.objective.sense == .maximize ? -1 : 1)
        coin.clpScaling(clp, options.scaling ? 3 : 0)
        if options.tightTolerances {
            coin.clpSetPrimalTolerance(clp, 1e-9)
            coin.clpSetDualTolerance(clp, 1e-9)
        }
        let iterationLimit = options.iterationLimit
            ?? SolveOptions.defaultIterationLimit(rows: model.constraints.count, columns: model.variables.count)
        coin.clpSetMaximumIterations(clp, Int32(iterationLimit))
        if let seconds = options.timeLimit { coin.clpSetMaximumSeconds(clp, seconds) }
        switch (options.presolve, options.method) {
        case (true, .dual): _ = coin.clpInitialDualSolve(clp)
        case (true, .primal): _ = coin.clpInitialPrimalSolve(clp)
        case (false, .dual): _ = coin.clpDual(clp, 0)
        case (false, .primal): _ = coin.clpPrimal(clp, 0)
        }
        // "Dual infeasible" proves unboundedness only with a feasible point; where presolve said
        // it without one, the primal simplex on the whole model tells which (as on GLPK).
        if coin.clpStatus(clp) == 2, coin.clpPrimalFeasible(clp) == 0 { _ = coin.clpPrimal(clp, 0) }
        let iterations = Int(coin.clpIterations(clp))
        let primalFeasible = coin.clpPrimalFeasible(clp) != 0
        let termination: Termination = switch coin.clpStatus(clp) {
        case 0: .optimal
        case 1: .infeasible
        case 2: primalFeasible ? .unbounded : .infeasibleOrUnbounded
        // Status 3 is either limit (CLP's own isIterationLimitReached is true for both): its
        // secondary status 9 says time, and so does stopping short of the iteration budget.
        case 3: coin.clpSecondaryStatus(clp) == 9 || iterations < iterationLimit ? .limitReached(.time) : .limitReached(.iterations)
        default: .numericalFailure("CLP stopped with status \(coin.clpStatus(clp)) (numerical difficulties)")
        }
        var solution = Self.empty(termination, iterations: iterations)
        guard termination == .optimal || (termination.isLimit && primalFeasible) else { return solution }

        let withDuals = termination == .optimal
        let n = matrix.columns, m = matrix.rows
        let values = Array(UnsafeBufferPointer(start: coin.clpColumnValues(clp), count: n))
        let activities = Array(UnsafeBufferPointer(start: coin.clpRowActivities(clp), count: m))
        let reducedCosts = Array(UnsafeBufferPointer(start: coin.clpReducedCosts(clp), count: n))
        let prices = Array(UnsafeBufferPointer(start: coin.clpRowPrices(clp), count: m))
        solution.objectiveValue = coin.clpObjective(clp) + model.objective.expression.constant
        solution.dualSource = withDuals ? .lp : nil
        solution.variables = model.variables.indices.map { j in
            VariableResult(name: model.variables[j].name, value: values[j],
                           reducedCost: withDuals ? reducedCosts[j] : nil,
                           basisStatus: Self.basisStatus(coin.clpColumnStatus(clp, Int32(j)),
                                                         fixed: model.variables[j].lowerBound == model.variables[j].upperBound))
        }
        solution.constraints = model.constraints.indices.map { i in
            let bounds = model.constraints[i].bounds
            return ConstraintResult(name: model.constraints[i].name, activity: activities[i],
                                    slack: bounds.slack(at: activities[i]),
                                    shadowPrice: withDuals ? prices[i] : nil,
                                    basisStatus: Self.basisStatus(coin.clpRowStatus(clp, Int32(i)), fixed: bounds.lower == bounds.upper))
        }
        if withDuals {
            solution.markDegeneracy(of: model)
            if options.settleTies { solution.tiesSettled = false }
        }
        return solution
    }

    // MARK: MIP

    private func solveMIP(_ model: Model, matrix: ColumnMatrix, options: SolveOptions, _ coin: COINLibrary) -> Solution {
        guard let cbc = coin.cbcNew() else { return Self.empty(.numericalFailure("CBC could not create a model"), iterations: 0) }
        defer { coin.cbcDelete(cbc) }
        let clock = ContinuousClock()
        let began = clock.now
        matrix.withArrays { starts, rows, values, columnLower, columnUpper, objective, rowLower, rowUpper in
            coin.cbcLoad(cbc, Int32(matrix.columns), Int32(matrix.rows), starts, rows, values,
                            columnLower, columnUpper, objective, rowLower, rowUpper)
        }
        coin.cbcSetObjSense(cbc, model.objective.sense == .maximize ? -1 : 1)
        for (j, variable) in model.variables.enumerated() where variable.kind != .continuous { coin.cbcSetInteger(cbc, Int32(j)) }
        coin.cbcSetLogLevel(cbc, 0)
        coin.cbcSetAllowableFractionGap(cbc, options.mipRelativeGap)
        if let nodes = options.mipNodeLimit { coin.cbcSetMaximumNodes(cbc, Int32(clamping: nodes)) }
        coin.cbcSetMaximumSeconds(cbc, options.timeLimit ?? SolveOptions.defaultMIPTimeLimit)
        // Wall-clock seconds, as SolveOptions counts them (CBC counts CPU time by default).
        coin.cbcSetParameter(cbc, "timeMode", "elapsed")
        if !options.mipHeuristics {
            coin.cbcSetParameter(cbc, "heuristicsOnOff", "off")
            coin.cbcSetParameter(cbc, "cutsOnOff", "off")
        }
        if !options.presolve {
            coin.cbcSetParameter(cbc, "preprocess", "off")
            coin.cbcSetParameter(cbc, "presolve", "off")
        }
        var startOutcome = MIPStartOutcome.notGiven
        var startPlan: (values: [Double], objective: Double)?
        if let start = options.mipStart {
            // Offered only when it meets every row: CBC then has a feasible plan with these
            // integers and takes it as its first incumbent (it has none of its own yet). Values
            // a rounding error outside their bounds are put on them (CBC would warn and do so).
            if let broken = model.violations(at: start, tolerance: 1e-7).first {
                startOutcome = .notOffered("it breaks the model: \(broken)")
            } else {
                let exact = zip(start, model.variables).map { value, variable in
                    variable.kind == .continuous ? min(max(value, variable.lowerBound), variable.upperBound) : value.rounded()
                }
                let indices = (0..<Int32(model.variables.count)).map { $0 }
                coin.cbcSetMIPStart(cbc, Int32(indices.count), indices, exact)
                startOutcome = .accepted
                startPlan = (exact, model.objectiveValue(at: exact))
            }
        }
        _ = coin.cbcSolve(cbc)
        let secondary = coin.cbcSecondaryStatus(cbc)
        let nodes = Int(coin.cbcNodes(cbc))
        let constant = model.objective.expression.constant
        let found = coin.cbcBestSolution(cbc).map { Array(UnsafeBufferPointer(start: $0, count: matrix.columns)) }
        var termination: Termination
        if coin.cbcIsAbandoned(cbc) != 0 {
            termination = .numericalFailure("CBC abandoned the search (numerical difficulties)")
        } else if coin.cbcIsContinuousUnbounded(cbc) != 0 || secondary == 7 {
            termination = .infeasibleOrUnbounded
        } else if coin.cbcIsProvenInfeasible(cbc) != 0 || (secondary == 1 && found == nil) {
            termination = .infeasible
        } else {
            switch secondary {
            // 1 with a plan: the relaxation could not beat the plan's cutoff, so the plan is optimal.
            case 0, 1: termination = .optimal
            case 2: termination = .feasible(relativeGap: options.mipRelativeGap)
            case 3: termination = .limitReached(.nodes)
            case 4: termination = .limitReached(.time)
            case 8: termination = .limitReached(.iterations)
            default: termination = .numericalFailure("CBC stopped with status \(coin.cbcStatus(cbc))/\(secondary)")
            }
        }
        guard var values = found ?? startPlan?.values, ![.infeasible, .unbounded, .infeasibleOrUnbounded].contains(termination) else {
            return Self.empty(termination, iterations: 0)
        }
        var objective = found == nil ? startPlan!.objective : coin.cbcObjective(cbc) + constant
        // The search never ends on a plan worse than the one it was given (CBC's preprocessing
        // re-derives a start's continuous values and can lose some of its worth: the ITU start,
        // 1.7853, became 1.7635).
        let direction = model.objective.sense == .maximize ? -1.0 : 1.0
        if let startPlan, direction * (startPlan.objective - objective) < -1e-9 * max(1, abs(objective)) {
            values = startPlan.values
            objective = startPlan.objective
        }
        // CBC reports min(bound, plan) even where it proved no bound (stopped before its root
        // was solved), and ±DBL_MAX without a plan: neither is a bound.
        let rawBound = coin.cbcBestBound(cbc)
        let bound: Double? = abs(rawBound) >= 1e300 || (termination.isLimit && rawBound + constant == objective) ? nil : rawBound + constant
        let gap = bound.map { model.objective.sense == .maximize ? max(0, $0 - objective) : max(0, objective - $0) }
        let relativeGap = gap.map { $0 / (abs(objective) + Double.ulpOfOne) } ?? .infinity
        // CBC's "optimal" allows its own tolerances (1e-10 absolute, its allowable gap): a plan
        // short of the bound by more than rounding is reported with its gap.
        if termination == .optimal, relativeGap > 1e-9 { termination = .feasible(relativeGap: relativeGap) }

        // Prices of a MIP are those of its LP with every integer fixed at its value, solved by CLP.
        let fixed = model.fixingIntegers(at: values)
        values = zip(values, model.variables).map { $1.kind == .continuous ? $0 : $0.rounded() }
        var fixedOptions = options
        fixedOptions.presolve = false
        fixedOptions.settleTies = false
        fixedOptions.computeSensitivity = false
        fixedOptions.iterationLimit = nil
        if let limit = options.timeLimit {
            fixedOptions.timeLimit = max(0.001, limit - (clock.now - began).inSeconds)
        }
        let fixedLP = solveLP(fixed, matrix: ColumnMatrix(fixed), options: fixedOptions, coin)
        let fixedSolved = fixedLP.termination == .optimal
        var solution = Self.empty(termination, iterations: 0)
        if fixedSolved {
            // One point and its prices from one basis; at least as good as CBC's plan, which is
            // feasible for the fixed LP.
            values = fixedLP.variables.map(\.value)
            objective = fixedLP.objectiveValue ?? objective
            solution.variables = fixedLP.variables
            solution.constraints = fixedLP.constraints
            solution.dualSource = .lpWithIntegersFixed
            solution.simplexIterations = fixedLP.simplexIterations
        } else {
            solution.variables = model.variables.indices.map {
                VariableResult(name: model.variables[$0].name, value: values[$0], reducedCost: nil, basisStatus: nil)
            }
            solution.constraints = model.constraints.map { row in
                let activity = row.activity(at: values)
                return ConstraintResult(name: row.name, activity: activity, slack: row.bounds.slack(at: activity), shadowPrice: nil, basisStatus: nil)
            }
            if options.computeSensitivity {
                solution.sensitivityUnavailableReason = "the LP with integer variables fixed could not be solved to optimality"
            }
        }
        solution.objectiveValue = objective
        let reportedBound = termination == .optimal ? objective : bound
        solution.mip = MIPStatistics(
            bestBound: reportedBound, relativeGap: reportedBound.map { abs(objective - $0) / (abs(objective) + Double.ulpOfOne) },
            nodes: nodes, start: startOutcome)
        if case .feasible = termination { solution.termination = .feasible(relativeGap: solution.mip?.relativeGap ?? 0) }
        return solution
    }

    // MARK: Shared

    private static func empty(_ termination: Termination, iterations: Int) -> Solution {
        Solution(termination: termination, objectiveValue: nil, variables: [], constraints: [], dualSource: nil, mip: nil,
                 simplexIterations: iterations, solveSeconds: 0, sensitivity: nil, sensitivityUnavailableReason: nil)
    }

    /// CLP's status codes (ClpSimplex.hpp): 0 free, 1 basic, 2 at upper, 3 at lower,
    /// 4 superbasic, 5 fixed.
    private static func basisStatus(_ code: Int32, fixed: Bool) -> BasisStatus? {
        switch code {
        case 1: .basic
        case 2: fixed ? .fixed : .atUpperBound
        case 3: fixed ? .fixed : .atLowerBound
        case 5: .fixed
        case 0, 4: .free
        default: nil
        }
    }

}

/// A model in the column-major arrays CLP and CBC load, infinite bounds as COIN's DBL_MAX.
struct ColumnMatrix {
    let columns: Int
    let rows: Int
    var starts: [Int32]
    var rowIndices: [Int32]
    var values: [Double]
    var columnLower: [Double]
    var columnUpper: [Double]
    var objective: [Double]
    var rowLower: [Double]
    var rowUpper: [Double]

    init(_ model: Model) {
        columns = model.variables.count
        rows = model.constraints.count
        starts = [0]
        rowIndices = []
        values = []
        for column in model.entriesByColumn() {
            for entry in column {
                rowIndices.append(Int32(entry.row))
                values.append(entry.coefficient)
            }
            starts.append(Int32(rowIndices.count))
        }
        func coin(_ bound: Double) -> Double { bound.isInfinite ? (bound < 0 ? -Double.greatestFiniteMagnitude : .greatestFiniteMagnitude) : bound }
        columnLower = model.variables.map { coin($0.lowerBound) }
        columnUpper = model.variables.map { coin($0.upperBound) }
        objective = (0..<columns).map { model.objective.coefficient(of: Variable(index: $0)) }
        rowLower = model.constraints.map { coin($0.bounds.lower) }
        rowUpper = model.constraints.map { coin($0.bounds.upper) }
    }

    func withArrays<R>(_ body: (UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Double>, UnsafePointer<Double>,
                                UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>) -> R) -> R {
        // Empty arrays still need a valid address for the C side.
        func some<T: Numeric>(_ array: [T]) -> [T] { array.isEmpty ? [0] : array }
        return starts.withUnsafeBufferPointer { s in
            some(rowIndices).withUnsafeBufferPointer { r in
                some(values).withUnsafeBufferPointer { v in
                    some(columnLower).withUnsafeBufferPointer { cl in
                        some(columnUpper).withUnsafeBufferPointer { cu in
                            some(objective).withUnsafeBufferPointer { o in
                                some(rowLower).withUnsafeBufferPointer { rl in
                                    some(rowUpper).withUnsafeBufferPointer { ru in
                                        body(s.baseAddress!, r.baseAddress!, v.baseAddress!, cl.baseAddress!,
                                             cu.baseAddress!, o.baseAddress!, rl.baseAddress!, ru.baseAddress!)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

