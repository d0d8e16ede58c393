import CGLPK
import LinearModel

/// Owns one `glp_prob` and is the only code that calls GLPK's problem API.
///
/// Every index is checked here and converted from Allot's 0-based positions to GLPK's 1-based
/// ones, so no GLPK abort (index out of range, analysis on the wrong basis status, no
/// factorization) is reachable from the public API.
///
/// Deliberately not `Sendable`: GLPK aborts when a problem is deleted on a thread other than the
/// one that created it. Instances are created, used and released inside one synchronous call
/// (no `await` in between), so `deinit` runs on the creating thread.
final class GLPKProblem {
    private let handle: OpaquePointer

    init() {
        GLPKTerminal.silence()
        handle = glp_create_prob()
    }

    deinit {
        glp_delete_prob(handle)
    }

    var rowCount: Int { Int(glp_get_num_rows(handle)) }
    var columnCount: Int { Int(glp_get_num_cols(handle)) }

    // MARK: Building

    /// Loads a validated model; the caller has run ``Model/validate()``.
    func load(_ model: Model) {
        glp_set_prob_name(handle, model.name)
        glp_set_obj_name(handle, model.objective.name)
        glp_set_obj_dir(handle, model.objective.sense == .maximize ? GLP_MAX : GLP_MIN)
        if !model.constraints.isEmpty { glp_add_rows(handle, Int32(model.constraints.count)) }
        if !model.variables.isEmpty { glp_add_cols(handle, Int32(model.variables.count)) }

        var rowIndices: [Int32] = [0]
        var columnIndices: [Int32] = [0]
        var values: [Double] = [0]
        for (offset, row) in model.constraints.enumerated() {
            let i = Int32(offset + 1)
            glp_set_row_name(handle, i, row.name)
            let (type, lower, upper) = Self.boundType(lower: row.bounds.lower, upper: row.bounds.upper)
            glp_set_row_bnds(handle, i, type, lower, upper)
            for term in row.terms {
                rowIndices.append(i)
                columnIndices.append(Int32(term.variable.index + 1))
                values.append(term.coefficient)
            }
        }
        for (offset, variable) in model.variables.enumerated() {
            let j = Int32(offset + 1)
            glp_set_col_name(handle, j, variable.name)
            let (type, lower, upper) = Self.boundType(lower: variable.lowerBound, upper: variable.upperBound)
            glp_set_col_bnds(handle, j, type, lower, upper)
            glp_set_obj_coef(handle, j, model.objective.coefficient(of: Variable(index: offset)))
        }
        glp_set_obj_coef(handle, 0, model.objective.expression.constant)
        glp_load_matrix(handle, Int32(values.count - 1), rowIndices, columnIndices, values)
    }

    /// GLPK's automatic scaling (geometric mean and equilibration, as glpsol does by default).
    func scale() {
        glp_scale_prob(handle, GLP_SF_AUTO)
    }

    /// Sets integrality; only called for a MIP solve.
    func setKinds(_ model: Model) {
        for (offset, variable) in model.variables.enumerated() {
            let kind = switch variable.kind {
            case .continuous: GLP_CV
            case .integer: GLP_IV
            case .binary: GLP_BV
            }
            glp_set_col_kind(handle, Int32(offset + 1), kind)
        }
    }

    /// Changes the limits of row `index` (0-based); the caller has validated them.
    func setRowBounds(_ index: Int, lower: Double, upper: Double) {
        let (type, low, high) = Self.boundType(lower: lower, upper: upper)
        glp_set_row_bnds(handle, row(index), type, low, high)
    }

    /// Changes the bounds of column `index` (0-based); the caller has validated them.
    func setColumnBounds(_ index: Int, lower: Double, upper: Double) {
        let (type, low, high) = Self.boundType(lower: lower, upper: upper)
        glp_set_col_bnds(handle, column(index), type, low, high)
    }

    func setObjectiveCoefficient(_ index: Int, _ value: Double) {
        glp_set_obj_coef(handle, column(index), value)
    }

    /// The basis statuses of every row and column, to come back to after an excursion.
    struct BasisSnapshot {
        fileprivate var rows: [Int32]
        fileprivate var columns: [Int32]
    }

    func basisSnapshot() -> BasisSnapshot {
        BasisSnapshot(rows: (0..<rowCount).map { glp_get_row_stat(handle, row($0)) },
                      columns: (0..<columnCount).map { glp_get_col_stat(handle, column($0)) })
    }

    /// Restores a basis taken from this problem and recomputes its solution; false when GLPK
    /// cannot factorize it (the basis is then left as GLPK's warm-up found it).
    func restore(_ snapshot: BasisSnapshot) -> Bool {
        precondition(snapshot.rows.count == rowCount && snapshot.columns.count == columnCount)
        for (index, status) in snapshot.rows.enumerated() { glp_set_row_stat(handle, Int32(index + 1), status) }
        for (index, status) in snapshot.columns.enumerated() { glp_set_col_stat(handle, Int32(index + 1), status) }
        return glp_warm_up(handle) == 0
    }

    /// Makes the given statuses the basis and recomputes its solution; false when the counts do
    /// not match, the number of basic variables is not the number of rows, or GLPK cannot
    /// factorize it.
    func setBasis(rows: [BasisStatus], columns: [BasisStatus]) -> Bool {
        guard rows.count == rowCount, columns.count == columnCount,
              rows.count(where: { $0 == .basic }) + columns.count(where: { $0 == .basic }) == rowCount else { return false }
        for (index, status) in rows.enumerated() { glp_set_row_stat(handle, Int32(index + 1), status.glpk) }
        for (index, status) in columns.enumerated() { glp_set_col_stat(handle, Int32(index + 1), status.glpk) }
        return glp_warm_up(handle) == 0
    }

    /// Fixes column `index` (0-based) at `value` and makes it continuous.
    func fixColumn(_ index: Int, at value: Double) {
        precondition((0..<columnCount).contains(index))
        glp_set_col_kind(handle, Int32(index + 1), GLP_CV)
        glp_set_col_bnds(handle, Int32(index + 1), GLP_FX, value, value)
    }

    static func boundType(lower: Double, upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (GLP_FR, 0, 0)
        case (true, false): (GLP_LO, lower, 0)
        case (false, true): (GLP_UP, 0, upper)
        case (true, true): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    // MARK: Solving

    /// `tight` narrows GLPK's primal and dual feasibility tolerances (1e-7 by default) to 1e-9,
    /// for solves whose prices are compared with each other.
    func simplex(_ options: SolveOptions, presolve: Bool, tight: Bool = false) -> GLPKReturnCode {
        GLPKTerminal.silence()
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        if tight {
            parameters.tol_bnd = 1e-9
            parameters.tol_dj = 1e-9
        }
        parameters.msg_lev = GLP_MSG_OFF
        parameters.meth = options.method == .primal ? GLP_PRIMAL : GLP_DUALP
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        // Every simplex has a budget: the caller's, or the default, so that no input (a cycling
        // degenerate LP, numbers at the edge of the safe range) can make a solve run forever.
        parameters.it_lim = Int32(clamping: options.iterationLimit ?? SolveOptions.defaultIterationLimit(rows: rowCount, columns: columnCount))
        if let seconds = options.timeLimit { parameters.tm_lim = Int32((seconds * 1000).rounded(.up)) }
        return GLPKReturnCode(glp_simplex(handle, &parameters))
    }

    /// The exact (rational) simplex from the basis given by GLPK status codes; GLPK's return code.
    func exact(rowStatuses: [Int32], columnStatuses: [Int32], timeLimit: Double) -> Int32 {
        GLPKTerminal.silence()
        precondition(rowStatuses.count == rowCount && columnStatuses.count == columnCount)
        for (index, status) in rowStatuses.enumerated() { glp_set_row_stat(handle, Int32(index + 1), status) }
        for (index, status) in columnStatuses.enumerated() { glp_set_col_stat(handle, Int32(index + 1), status) }
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.it_lim = Int32(clamping: SolveOptions.defaultIterationLimit(rows: rowCount, columns: columnCount))
        parameters.tm_lim = Int32((min(timeLimit, Double(Int32.max) / 1000) * 1000).rounded(.up))
        return glp_exact(handle, &parameters)
    }

    var statusCode: Int32 { glp_get_status(handle) }
    func rowStatusCode(_ index: Int) -> Int32 { glp_get_row_stat(handle, row(index)) }
    func columnStatusCode(_ index: Int) -> Int32 { glp_get_col_stat(handle, column(index)) }

    func statusName(_ code: Int32) -> String {
        if code == GLP_EITLIM || code == GLP_ETMLIM { return "limit" }
        if code != 0 { return "failed (GLPK code \(code))" }
        switch glp_get_status(handle) {
        case GLP_OPT: return "optimal"
        case GLP_NOFEAS, GLP_INFEAS: return "infeasible"
        case GLP_UNBND: return "unbounded"
        default: return "undefined"
        }
    }

    /// Branch-and-cut. With `presolve` off, the LP relaxation must already be solved to optimality.
    func branchAndCut(_ options: SolveOptions, presolve: Bool, progress: MIPProgress) -> GLPKReturnCode {
        GLPKTerminal.silence()
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        parameters.mip_gap = options.mipRelativeGap
        parameters.tm_lim = Int32((min(options.timeLimit ?? SolveOptions.defaultMIPTimeLimit, Double(Int32.max) / 1000) * 1000).rounded(.up))
        if options.mipHeuristics {
            parameters.fp_heur = GLP_ON
            parameters.mir_cuts = GLP_ON
            parameters.gmi_cuts = GLP_ON
        }
        if let start = options.mipStart {
            if presolve {
                progress.startOutcome = .notOffered("the search runs on GLPK's presolved problem, whose columns are not the model's")
            } else if start.count != columnCount || !start.allSatisfy(\.isFinite) {
                progress.startOutcome = .notOffered("it has \(start.count) values for \(columnCount) columns, or a value that is not finite")
            } else {
                progress.start = [0] + start
            }
        }
        parameters.cb_func = observeBranchAndCut
        let unmanaged = Unmanaged.passRetained(progress)
        defer { unmanaged.release() }
        parameters.cb_info = unmanaged.toOpaque()
        return GLPKReturnCode(glp_intopt(handle, &parameters))
    }

    var simplexIterations: Int { Int(glp_get_it_cnt(handle)) }

    // MARK: LP solution

    var status: GLPKSolutionStatus { GLPKSolutionStatus(glp_get_status(handle)) }
    var primalStatus: GLPKSolutionStatus { GLPKSolutionStatus(glp_get_prim_stat(handle)) }
    var dualStatus: GLPKSolutionStatus { GLPKSolutionStatus(glp_get_dual_stat(handle)) }
    var primalIsFeasible: Bool { glp_get_prim_stat(handle) == GLP_FEAS }
    var dualIsFeasible: Bool { glp_get_dual_stat(handle) == GLP_FEAS }
    var objectiveValue: Double { glp_get_obj_val(handle) }

    func columnValue(_ index: Int) -> Double { glp_get_col_prim(handle, column(index)) }
    func columnReducedCost(_ index: Int) -> Double { glp_get_col_dual(handle, column(index)) }
    func columnStatus(_ index: Int) -> BasisStatus? { BasisStatus(glpk: glp_get_col_stat(handle, column(index))) }
    func rowActivity(_ index: Int) -> Double { glp_get_row_prim(handle, row(index)) }
    func rowDual(_ index: Int) -> Double { glp_get_row_dual(handle, row(index)) }
    func rowStatus(_ index: Int) -> BasisStatus? { BasisStatus(glpk: glp_get_row_stat(handle, row(index))) }

    // MARK: MIP solution

    var mipStatus: GLPKSolutionStatus { GLPKSolutionStatus(glp_mip_status(handle)) }
    var mipObjectiveValue: Double { glp_mip_obj_val(handle) }
    func mipColumnValue(_ index: Int) -> Double { glp_mip_col_val(handle, column(index)) }
    func mipRowActivity(_ index: Int) -> Double { glp_mip_row_val(handle, row(index)) }

    // MARK: Post-optimal analysis

    /// Makes sure a factorization of the optimal basis exists (presolve leaves none).
    /// Returns nil when ready, or the reason analysis is impossible.
    func prepareAnalysis() -> String? {
        guard status == .optimal, primalIsFeasible, dualIsFeasible else {
            return "the basis is not optimal"
        }
        if rowCount == 0 || glp_bf_exists(handle) != 0 { return nil }
        let code = glp_factorize(handle)
        return code == 0 ? nil : "the optimal basis could not be factorized (code \(code))"
    }

    /// Ranging of the active bound of non-basic row `index` (0-based); requires ``prepareAnalysis()``.
    func analyzeRowBound(_ index: Int) -> (lower: Double, lowerLimiting: Int?, upper: Double, upperLimiting: Int?) {
        precondition(rowStatus(index) != .basic, "bound analysis needs a non-basic row")
        var lower = 0.0, upper = 0.0
        var lowerVar: Int32 = 0, upperVar: Int32 = 0
        glp_analyze_bound(handle, row(index), &lower, &lowerVar, &upper, &upperVar)
        return (Self.unbounded(lower), position(lowerVar), Self.unbounded(upper), position(upperVar))
    }

    /// Ranging of the objective coefficient of basic column `index` (0-based); requires ``prepareAnalysis()``.
    func analyzeColumnCoefficient(_ index: Int) -> (lower: Double, lowerLimiting: Int?, upper: Double, upperLimiting: Int?) {
        precondition(columnStatus(index) == .basic, "coefficient analysis needs a basic column")
        var lower = 0.0, upper = 0.0, lowerValue = 0.0, upperValue = 0.0
        var lowerVar: Int32 = 0, upperVar: Int32 = 0
        glp_analyze_coef(handle, Int32(rowCount) + column(index), &lower, &lowerVar, &lowerValue, &upper, &upperVar, &upperValue)
        return (Self.unbounded(lower), position(lowerVar), Self.unbounded(upper), position(upperVar))
    }

    /// How far the right-hand sides may move along `shift` (row index -> change of every finite
    /// limit of that row per unit of the parameter) with the current basis staying primal
    /// feasible: a ratio test on the basic variables' rates, B⁻¹ applied to the shift of the
    /// non-basic rows through FTRAN. Requires ``prepareAnalysis()``.
    func maximumStep(along shift: [Int: Double]) -> Double {
        maximumStep(lower: shift, upper: shift)
    }

    /// How far a parameter may rise with the current basis staying primal feasible when each
    /// row's lower and upper limits move by their own rates (a ranged row can widen: its lower
    /// limit down, its upper up). A non-basic row moves with its active limit; a basic row's
    /// activity must stay between its moving limits. Requires ``prepareAnalysis()``.
    func maximumStep(lower: [Int: Double], upper: [Int: Double]) -> Double {
        let m = rowCount
        guard m > 0 else { return .infinity }
        var active: [Int: Double] = [:]
        for row in Set(lower.keys).union(upper.keys) {
            switch rowStatus(row) {
            case .atLowerBound?, .fixed?: active[row] = lower[row] ?? 0
            case .atUpperBound?: active[row] = upper[row] ?? 0
            default: break
            }
        }
        let rates = basicRates(along: active)
        var step = Double.infinity
        for (k, head) in basisHeads().enumerated() {
            let isRow = head < m
            let index = isRow ? head : head - m
            let value = isRow ? rowActivity(index) : columnValue(index)
            let (low, high) = isRow ? rowBounds(index) : columnBounds(index)
            let rate = rates[k]
            // Each limit of a basic row moves at its own rate.
            let towardsHigh = rate - (isRow ? upper[index] ?? 0 : 0)
            let towardsLow = rate - (isRow ? lower[index] ?? 0 : 0)
            if towardsHigh > 1e-12, high.isFinite { step = min(step, max(0, (high - value) / towardsHigh)) }
            if towardsLow < -1e-12, low.isFinite { step = min(step, max(0, (value - low) / -towardsLow)) }
        }
        return step
    }

    /// How far non-basic column `index` (0-based) can move off its bound in `direction` (+1 up,
    /// -1 down) with the basis staying primal feasible: a ratio test on its column of the simplex
    /// tableau. Requires ``prepareAnalysis()`` and a non-basic column (GLPK aborts otherwise).
    func columnMoveStep(_ index: Int, direction: Double) -> Double {
        precondition(columnStatus(index) != .basic, "the tableau column of a basic variable does not exist")
        let m = rowCount, n = columnCount
        var indices = [Int32](repeating: 0, count: m + n + 1)
        var values = [Double](repeating: 0, count: m + n + 1)
        let length = Int(glp_eval_tab_col(handle, Int32(m) + column(index), &indices, &values))
        let own = columnBounds(index)
        let value = columnValue(index)
        var step = direction > 0 ? own.upper - value : value - own.lower
        if step.isNaN { step = .infinity }
        for position in stride(from: 1, through: length, by: 1) {
            let k = Int(indices[position])
            let rate = values[position] * direction
            let isRow = k <= m
            let basic = isRow ? k - 1 : k - m - 1
            let current = isRow ? rowActivity(basic) : columnValue(basic)
            let (low, high) = isRow ? rowBounds(basic) : columnBounds(basic)
            if rate > 1e-12, high.isFinite { step = min(step, max(0, (high - current) / rate)) }
            if rate < -1e-12, low.isFinite { step = min(step, max(0, (current - low) / -rate)) }
        }
        return step
    }

    /// How fast each column's value moves per unit of the parameter when the right-hand sides
    /// move along `shift` (as in ``maximumStep(along:)``) and the basis stays the same; 0 for
    /// non-basic columns. Requires ``prepareAnalysis()``.
    func columnRates(along shift: [Int: Double]) -> [Double] {
        let m = rowCount
        var result = [Double](repeating: 0, count: columnCount)
        guard m > 0 else { return result }
        let rates = basicRates(along: shift)
        for (k, head) in basisHeads().enumerated() where head >= m { result[head - m] = rates[k] }
        return result
    }

    /// The rate of the k-th basic variable (k = 0..<m) per unit of the parameter:
    /// x_B = -B⁻¹ N x_N, so with the non-basic rows' limits moving by `shift`, FTRAN of the shift
    /// gives minus the rates.
    private func basicRates(along shift: [Int: Double]) -> [Double] {
        let m = rowCount
        var rates = [Double](repeating: 0, count: m + 1)
        for (row, change) in shift where rowStatus(row) != .basic { rates[row + 1] = change }
        glp_ftran(handle, &rates)
        return rates.dropFirst().map { -$0 }
    }

    /// The rate of each basic variable (by basis position) per unit of non-basic row `row`'s
    /// active limit. Requires ``prepareAnalysis()``.
    func basicRatesAlong(row: Int) -> [Double] { basicRates(along: [row: 1]) }

    /// Which variable is basic at each basis position: rows as 0..<m, columns as m..<m+n.
    func basisHeads() -> [Int] {
        let m = rowCount
        return m > 0 ? (1...m).map { Int(glp_get_bhead(handle, Int32($0))) - 1 } : []
    }

    /// BTRAN: solves Bᵀv = b for b given by basis position; v by row. Requires ``prepareAnalysis()``.
    func backwardTransformation(_ right: [Double]) -> [Double] {
        precondition(right.count == rowCount, "BTRAN needs one value per basis position")
        guard !right.isEmpty else { return [] }
        var values = [0] + right
        glp_btran(handle, &values)
        return Array(values.dropFirst())
    }

    var maximizes: Bool { glp_get_obj_dir(handle) == GLP_MAX }

    /// Replaces row `index`'s coefficients (0-based columns, each once, finite, non-zero); the
    /// caller has validated them. The factorization is invalid afterwards.
    func setRowCoefficients(_ index: Int, _ entries: [(column: Int, value: Double)]) {
        let indices = [Int32(0)] + entries.map { column($0.column) }
        let values = [0] + entries.map(\.value)
        glp_set_mat_row(handle, row(index), Int32(entries.count), indices, values)
    }

    /// GLPK's `±DBL_MAX` means "no limit"; Allot says infinity.
    private static func unbounded(_ value: Double) -> Double {
        abs(value) >= Double.greatestFiniteMagnitude ? (value < 0 ? -.infinity : .infinity) : value
    }

    /// GLPK numbers rows 1...m and columns m+1...m+n in one sequence; 0 means none.
    /// Returns rows as 0..<m and columns as m..<m+n (0-based).
    private func position(_ ordinal: Int32) -> Int? {
        ordinal >= 1 ? Int(ordinal) - 1 : nil
    }

    private func row(_ index: Int) -> Int32 {
        precondition((0..<rowCount).contains(index), "row \(index) out of range")
        return Int32(index + 1)
    }

    private func column(_ index: Int) -> Int32 {
        precondition((0..<columnCount).contains(index), "column \(index) out of range")
        return Int32(index + 1)
    }

    // MARK: Files

    func writeCPLEXLP(to path: String) -> Int32 { glp_write_lp(handle, nil, path) }
    func writeFreeMPS(to path: String) -> Int32 { glp_write_mps(handle, GLP_MPS_FILE, nil, path) }
    func readCPLEXLP(from path: String) -> Int32 { glp_read_lp(handle, nil, path) }
    func readFreeMPS(from path: String) -> Int32 { glp_read_mps(handle, GLP_MPS_FILE, nil, path) }

    // MARK: Reading a problem back

    var problemName: String? { string(glp_get_prob_name(handle)) }
    var objectiveName: String? { string(glp_get_obj_name(handle)) }
    var isMaximization: Bool { glp_get_obj_dir(handle) == GLP_MAX }
    func objectiveCoefficient(_ index: Int?) -> Double {
        glp_get_obj_coef(handle, index.map(column) ?? 0)
    }
    func rowName(_ index: Int) -> String? { string(glp_get_row_name(handle, row(index))) }
    func columnName(_ index: Int) -> String? { string(glp_get_col_name(handle, column(index))) }

    func rowBounds(_ index: Int) -> (lower: Double, upper: Double) {
        Self.bounds(type: glp_get_row_type(handle, row(index)),
                    lower: glp_get_row_lb(handle, row(index)), upper: glp_get_row_ub(handle, row(index)))
    }

    func columnBounds(_ index: Int) -> (lower: Double, upper: Double) {
        Self.bounds(type: glp_get_col_type(handle, column(index)),
                    lower: glp_get_col_lb(handle, column(index)), upper: glp_get_col_ub(handle, column(index)))
    }

    func columnKind(_ index: Int) -> VariableKind {
        switch glp_get_col_kind(handle, column(index)) {
        case GLP_BV: .binary
        case GLP_IV: .integer
        default: .continuous
        }
    }

    /// The non-zeros of row `index` as (0-based column, coefficient).
    func rowEntries(_ index: Int) -> [(column: Int, value: Double)] {
        var columns = [Int32](repeating: 0, count: columnCount + 1)
        var values = [Double](repeating: 0, count: columnCount + 1)
        let count = Int(glp_get_mat_row(handle, row(index), &columns, &values))
        return (1...max(count, 1)).prefix(count).map { (Int(columns[$0]) - 1, values[$0]) }
    }

    private static func bounds(type: Int32, lower: Double, upper: Double) -> (lower: Double, upper: Double) {
        switch type {
        case GLP_FR: (-.infinity, .infinity)
        case GLP_LO: (lower, .infinity)
        case GLP_UP: (-.infinity, upper)
        default: (lower, upper)
        }
    }

    /// GLPK returns NULL for an unnamed row or column; `String(cString:)` on it would crash.
    private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// What branch-and-cut reports through its callback; read after `glp_intopt` returns.
/// Only touched on the solving thread.
final class MIPProgress {
    let nodeLimit: Int?
    var bestBound: Double?
    var nodes = 0
    /// A starting solution, 1-based as GLPK wants it (index 0 unused); offered once.
    var start: [Double]?
    var startOutcome = MIPStartOutcome.notOffered("the search found no moment to take it")
    var startOffered = false

    init(nodeLimit: Int?) {
        self.nodeLimit = nodeLimit
    }
}

/// A free function, not a closure: GLPK calls it as a C function pointer on the solving thread.
private func observeBranchAndCut(_ tree: OpaquePointer?, _ info: UnsafeMutableRawPointer?) {
    guard let tree, let info else { return }
    let progress = Unmanaged<MIPProgress>.fromOpaque(info).takeUnretainedValue()
    var active: Int32 = 0, current: Int32 = 0, total: Int32 = 0
    glp_ios_tree_size(tree, &active, &current, &total)
    progress.nodes = Int(total)
    let best = glp_ios_best_node(tree)
    // A node not yet solved has GLPK's "no bound", ±DBL_MAX: that is no bound at all.
    if best != 0, case let bound = glp_ios_node_bound(tree, best), abs(bound) < 1e300 { progress.bestBound = bound }
    // The tree's problem must be the model itself: values of other columns would plant a point
    // GLPK does not check against the rows. GLPK returns 0 when it takes the point as incumbent.
    if glp_ios_reason(tree) == GLP_IHEUR, !progress.startOffered, let start = progress.start {
        progress.startOffered = true
        if Int(glp_get_num_cols(glp_ios_get_prob(tree))) != start.count - 1 {
            progress.startOutcome = .notOffered("the search runs on a problem whose columns are not the model's")
        } else {
            let code = start.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
            progress.startOutcome = code == 0 ? .accepted : .declined
        }
    }
    if let limit = progress.nodeLimit, Int(total) >= limit {
        glp_ios_terminate(tree)
    }
}

// MARK: Parametric analysis

extension GLPKProblem {
    /// Re-solves warm (presolve off, which would drop the basis) and readies an optimal basis for
    /// analysis; nil when it is optimal and factorized, else why not. The dual simplex may stop
    /// without settling the status; the primal one then does.
    func reoptimized(_ options: SolveOptions, tight: Bool) -> Termination? {
        if simplex(options, presolve: false, tight: tight) != .success || status != .optimal {
            var primal = options
            primal.method = .primal
            _ = simplex(primal, presolve: false, tight: tight)
        }
        guard status == .optimal, prepareAnalysis() == nil else {
            return status == .infeasible ? .infeasible : status == .unbounded ? .unbounded : .numericalFailure("no optimal basis")
        }
        return nil
    }

    /// Holds `next`'s columns and rows of `model` at their values instead of `current`'s (those
    /// get the model's own bounds back); only what differs is set.
    func hold(_ next: OptimalFace, insteadOf current: OptimalFace, of model: Model) {
        for column in current.fixedColumns.keys where next.fixedColumns[column] == nil {
            setColumnBounds(column, lower: model.variables[column].lowerBound, upper: model.variables[column].upperBound)
        }
        for row in current.fixedRows.keys where next.fixedRows[row] == nil {
            setRowBounds(row, lower: model.constraints[row].bounds.lower, upper: model.constraints[row].bounds.upper)
        }
        for (column, value) in next.fixedColumns where current.fixedColumns[column] != value { setColumnBounds(column, lower: value, upper: value) }
        for (row, value) in next.fixedRows where current.fixedRows[row] != value { setRowBounds(row, lower: value, upper: value) }
    }
}
