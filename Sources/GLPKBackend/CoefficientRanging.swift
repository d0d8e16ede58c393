import CGLPK
import LinearModel

/// Ranging of a move of the constraint matrix: rows whose coefficients change with one
/// parameter t, row r becoming a_r − t·w_r (a share limit `part − s·base`, with the share s
/// moving, is such a row with w_r = base). Unlike a right-hand side or an objective
/// coefficient, such a move changes the basis matrix itself, so the basis's primal values, its
/// duals and the objective are rational functions of t, not linear ones.
///
/// Within one basis the move is exactly a move of the moved rows' limits by δ_r = t·base_r(x),
/// where base_r = w_r·x follows the plan along the move: with K the rates of the bases per unit
/// of each binding row's limit (FTRAN), δ(t) = t·(I − tK)⁻¹·base(0); the duals become
/// ŷ(t) = (I − tKᵀ)⁻¹·y, a non-basic variable's reduced cost d_k + t·ŷ(t)·β_k (β_k: the bases'
/// rates when that variable moves, by BTRAN), and the objective's rate dz/dt = ŷ(t)·base(t).
/// Checking primal and dual feasibility at any t is then a small dense solve, without
/// touching GLPK's problem.
struct CoefficientMoveBasis {
    /// What stops the basis at t.
    enum Obstacle {
        /// Basic variable at this position (rows 0..<m, columns m..<m+n) leaves its bounds.
        case primal(Int)
        /// The reduced cost of this non-basic variable changes sign.
        case dual(Int)
        /// I − tK is singular: the move makes the basis matrix singular.
        case singular
    }

    private let m: Int
    /// Moved rows, their weights and current bases.
    private let moved: [Int]
    private let bases: [Double]
    /// Positions in `moved` of the rows that are non-basic (binding): only they move the plan.
    private let binding: [Int]
    private let duals: [Double]
    /// rates[q][k]: rate of the k-th basic variable per unit of binding row q's limit.
    private let rates: [[Double]]
    /// baseRates[r][q]: rate of moved row r's base per unit of binding row q's limit.
    private let baseRates: [[Double]]
    /// Rate of moved row r's activity (a_r·x, old coefficients) per unit of binding row q's
    /// limit, for basic moved rows.
    private let activityRates: [Int: [Double]]
    /// Basic variables: value, bounds, tolerance. A variable the solver left outside its bounds
    /// (within its own tolerance) may stay as far out, not further: a violation that grows with
    /// t is an edge at once, as in the one-row ratio test.
    private let basic: [(position: Int, value: Double, lower: Double, upper: Double, tolerance: Double, isMovedRow: Bool)]
    /// Non-basic variables: position, reduced cost, and the sign rule (`sign · d` must stay at
    /// most the tolerance; a free one's d at 0; a fixed one, sign 0, is never in the way).
    private let nonbasic: [(position: Int, reducedCost: Double, sign: Double, free: Bool, tolerance: Double)]
    private let betas: [[Double]]
    /// Basic moved rows (by position in `moved`), in order: their activities with the new coefficients.
    private let rowActivities: [(r: Int, value: Double, lower: Double, upper: Double, tolerance: Double)]

    /// Prepared from `problem`'s current optimal, factorized basis.
    /// `model`: the problem as loaded (its rows give Aᵀv).
    init(_ problem: GLPKProblem, moves: [Int: [Int: Double]], model: Model) {
        let m = problem.rowCount, n = problem.columnCount
        let moved = moves.keys.sorted()
        let movedSet = Set(moved)
        let columnValues = (0..<n).map(problem.columnValue)
        // Sums in column order, so that the figures are the same bytes on every run.
        let sortedWeights = moved.map { moves[$0]!.sorted { $0.key < $1.key } }
        let bases = sortedWeights.map { weights in weights.reduce(0) { $0 + $1.value * columnValues[$1.key] } }
        let status = moved.map(problem.rowStatus)
        let binding = moved.indices.filter { status[$0] != .basic }
        let heads = problem.basisHeads()
        let rates = binding.map { problem.basicRatesAlong(row: moved[$0]) }
        var positionOfColumn: [Int: Int] = [:]
        for (k, head) in heads.enumerated() where head >= m { positionOfColumn[head - m] = k }
        let baseRates: [[Double]] = sortedWeights.map { sorted in
            let weights = sorted.compactMap { column, weight in positionOfColumn[column].map { ($0, weight) } }
            return rates.map { rate in weights.reduce(0) { $0 + $1.1 * rate[$1.0] } }
        }
        var activityRates: [Int: [Double]] = [:]
        var rowActivities: [(r: Int, value: Double, lower: Double, upper: Double, tolerance: Double)] = []
        for (r, row) in moved.enumerated() where status[r] == .basic {
            guard let k = heads.firstIndex(of: row) else { continue }
            activityRates[r] = rates.map { $0[k] }
            let (lower, upper) = problem.rowBounds(row)
            let activity = problem.rowActivity(row)
            rowActivities.append((r, activity, lower, upper, Self.primalTolerance(lower, upper) + Self.violation(activity, lower, upper)))
        }
        let basic = heads.map { head in
            let isRow = head < m
            let value = isRow ? problem.rowActivity(head) : columnValues[head - m]
            let (lower, upper) = isRow ? problem.rowBounds(head) : problem.columnBounds(head - m)
            return (position: head, value: value, lower: lower, upper: upper,
                    tolerance: Self.primalTolerance(lower, upper) + Self.violation(value, lower, upper), isMovedRow: movedSet.contains(head))
        }
        // β of every non-basic variable for each binding row: BTRAN of the row's weights on
        // the basic columns gives v; a non-basic row i moves the base by -v_i, a non-basic
        // column j by w_j + v·A_j.
        let isBasic = Set(heads)
        let nonbasicPositions = (0..<(m + n)).filter { !isBasic.contains($0) }
        let betas: [[Double]] = binding.map { q in
            let weights = moves[moved[q]]!
            let v = problem.backwardTransformation(heads.map { $0 >= m ? weights[$0 - m] ?? 0 : 0 })
            // Aᵀv, row by row over the rows where v is not zero.
            var transposed = [Double](repeating: 0, count: n)
            for (i, value) in v.enumerated() where value != 0 {
                for term in model.constraints[i].terms { transposed[term.variable.index] += value * term.coefficient }
            }
            return nonbasicPositions.map { position in
                position < m ? -v[position] : (weights[position - m] ?? 0) + transposed[position - m]
            }
        }
        let duals = binding.map { problem.rowDual(moved[$0]) }
        let reduced = nonbasicPositions.map { $0 < m ? problem.rowDual($0) : problem.columnReducedCost($0 - m) }
        let largest = max(duals.map(abs).max() ?? 0, reduced.map(abs).max() ?? 0)
        let dualScale = 1e-13 * max(1e-9, largest)
        let maximize = problem.maximizes
        let nonbasic = zip(nonbasicPositions, reduced).map { position, d in
            let code = position < m ? problem.rowStatusCode(position) : problem.columnStatusCode(position - m)
            // Maximising, a variable at its lower bound must keep d ≤ 0, at its upper d ≥ 0.
            let sign: Double = code == GLP_NS ? 0 : (code == GLP_NL ? 1 : -1) * (maximize ? 1 : -1)
            let free = code == GLP_NF
            let initial = free ? abs(d) : max(0, sign * d)
            return (position: position, reducedCost: d, sign: sign, free: free, tolerance: dualScale + initial)
        }
        self.m = m
        self.moved = moved
        self.bases = bases
        self.binding = binding
        self.duals = duals
        self.rates = rates
        self.baseRates = baseRates
        self.activityRates = activityRates
        self.rowActivities = rowActivities
        self.basic = basic
        self.nonbasic = nonbasic
        self.betas = betas
    }

    private static func violation(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        max(0, lower - value, value - upper)
    }

    private static func primalTolerance(_ lower: Double, _ upper: Double) -> Double {
        let scale = [lower, upper].filter(\.isFinite).map(abs).max() ?? 0
        return 1e-12 * max(1, scale)
    }

    /// The objective's rate dz/dt at t in this basis, and what (if anything) makes the basis
    /// infeasible or non-optimal there.
    func evaluate(at t: Double) -> (rate: Double, change: Double, obstacle: Obstacle?) {
        let p = binding.count
        guard p > 0 else {
            // No binding moved row: the plan does not move; only basic moved rows' activities do.
            for row in rowActivities {
                let r = row.r
                let activity = row.value - t * bases[r]
                if Self.violation(activity, row.lower, row.upper) > row.tolerance { return (0, 0, .primal(moved[r])) }
            }
            return (0, 0, nil)
        }
        // M = I − tK over the binding rows.
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for a in 0..<p { for b in 0..<p { matrix[a][b] = (a == b ? 1 : 0) - t * baseRates[binding[a]][b] } }
        let base0 = binding.map { bases[$0] }
        guard let scaledBase = Self.solve(matrix, base0), let hatDuals = Self.solve(Self.transposed(matrix), duals) else {
            return (0, 0, .singular)
        }
        let delta = scaledBase.map { $0 * t }
        let change = zip(duals, delta).reduce(0) { $0 + $1.0 * $1.1 }
        let rate = zip(hatDuals, scaledBase).reduce(0) { $0 + $1.0 * $1.1 }
        for (k, variable) in basic.enumerated() {
            var value = variable.value
            // A basic moved row is checked below, with its new coefficients.
            if variable.isMovedRow { continue }
            for q in 0..<p { value += rates[q][k] * delta[q] }
            if Self.violation(value, variable.lower, variable.upper) > variable.tolerance { return (rate, change, .primal(variable.position)) }
        }
        for row in rowActivities {
            let r = row.r
            guard let rowRates = activityRates[r] else { continue }
            var activity = row.value
            var base = bases[r]
            for q in 0..<p {
                activity += rowRates[q] * delta[q]
                base += baseRates[r][q] * delta[q]
            }
            if Self.violation(activity - t * base, row.lower, row.upper) > row.tolerance { return (rate, change, .primal(moved[r])) }
        }
        let scaledDuals = hatDuals.map { $0 * t }
        for (index, variable) in nonbasic.enumerated() where variable.sign != 0 || variable.free {
            var d = variable.reducedCost
            for q in 0..<p { d += scaledDuals[q] * betas[q][index] }
            let violated = variable.free ? abs(d) > variable.tolerance : variable.sign * d > variable.tolerance
            if violated { return (rate, change, .dual(variable.position)) }
        }
        return (rate, change, nil)
    }

    /// How far t may move in `direction` (+1, -1), up to `limit` (> 0), with the basis
    /// feasible and optimal: a scan for the first t where it is not, then bisection.
    func step(_ direction: Double, limit: Double) -> (step: Double, obstacle: Obstacle?) {
        guard limit > 0 else { return (0, nil) }
        if moved.count == 1 || binding.isEmpty, let exact = exactStep(direction, limit: limit) { return exact }
        if evaluate(at: direction * limit).obstacle == nil, scanClear(direction, limit) { return (limit, nil) }
        var good = 0.0
        var bad = limit
        var obstacle: Obstacle?
        // Geometric then even samples: edges near the value are common (degenerate bases), and
        // feasibility along a rational path need not fail monotonically.
        for sample in Self.fractions.map({ $0 * limit }) {
            let result = evaluate(at: direction * sample)
            if let found = result.obstacle { bad = sample; obstacle = found; break }
            good = sample
        }
        for _ in 0..<60 where bad - good > 1e-12 * max(1, limit) {
            let middle = (good + bad) / 2
            if let found = evaluate(at: direction * middle).obstacle { bad = middle; obstacle = found } else { good = middle }
        }
        return (good, obstacle)
    }

    /// One moved row: every figure of the basis is linear in τ = t / (1 − κt) (κ: the rate of
    /// the row's base per unit of its own limit), so the edges are two ratio tests in τ,
    /// mapped back through t = τ / (1 + κτ). With no binding row only the moved rows' own
    /// activities move, linearly in t. Nil otherwise (several rows, one of them binding).
    private func exactStep(_ direction: Double, limit: Double) -> (step: Double, obstacle: Obstacle?)? {
        if binding.isEmpty {
            // Only basic moved rows' activities move: value − t·base.
            var best = (step: limit, obstacle: Obstacle?.none)
            for row in rowActivities {
                let r = row.r
                let rate = -direction * bases[r]
                let room = rate > 0 ? row.upper - row.value : rate < 0 ? row.value - row.lower : .infinity
                let step = max(0, room) / abs(rate)
                if step < best.step { best = (step, .primal(moved[r])) }
            }
            return best
        }
        guard moved.count == 1, binding.count == 1 else { return nil }
        let kappa = baseRates[binding[0]][0]
        let base0 = bases[binding[0]], y = duals[0]
        // r = |τ| in the direction of the move; |t| = r / (1 + c·r) with c = direction·κ.
        let c = direction * kappa
        var reach = Double.infinity
        var obstacle: Obstacle?
        for (k, variable) in basic.enumerated() {
            let rate = direction * rates[0][k] * base0
            let room = rate > 0 ? variable.upper - variable.value : rate < 0 ? variable.value - variable.lower : .infinity
            guard room.isFinite else { continue }
            let step = max(0, room) / abs(rate)
            if step < reach { reach = step; obstacle = .primal(variable.position) }
        }
        for (index, variable) in nonbasic.enumerated() where variable.sign != 0 || variable.free {
            // sign·d must stay ≤ 0 (a free variable's d at 0); d moves by y·β per unit of τ.
            let rate = direction * y * betas[0][index]
            let step: Double
            if variable.free {
                guard abs(rate) > 1e-15 else { continue }
                step = 0
            } else {
                let signed = variable.sign * rate
                guard signed > 0 else { continue }
                step = max(0, -variable.sign * variable.reducedCost) / signed
            }
            if step < reach { reach = step; obstacle = .dual(variable.position) }
        }
        let t: Double
        if !reach.isFinite {
            // τ without end: t tends to 1/c, where the basis matrix becomes singular.
            t = c > 0 ? 1 / c : .infinity
            obstacle = c > 0 ? .singular : nil
        } else if c < 0 && reach >= 1 / -c {
            t = .infinity
        } else {
            t = reach / (1 + c * reach)
        }
        return t >= limit ? (limit, nil) : (t, obstacle)
    }

    private func scanClear(_ direction: Double, _ limit: Double) -> Bool {
        Self.fractions.allSatisfy { evaluate(at: direction * limit * $0).obstacle == nil }
    }

    /// Where the scan looks, as fractions of the limit: 2⁻²⁴ … 2⁻¹, then 1/32 … 1.
    private static let fractions: [Double] = (1...24).reversed().map { 1 / Double(1 << $0) } + (1...32).map { Double($0) / 32 }

    private static func transposed(_ matrix: [[Double]]) -> [[Double]] {
        guard let width = matrix.first?.count else { return matrix }
        return (0..<width).map { column in matrix.map { $0[column] } }
    }

    /// Gaussian elimination with partial pivoting; nil when (numerically) singular.
    private static func solve(_ matrix: [[Double]], _ right: [Double]) -> [Double]? {
        var a = matrix
        var b = right
        let size = b.count
        for column in 0..<size {
            guard let pivot = (column..<size).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }), abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<size where a[row][column] != 0 {
                let factor = a[row][column] / a[column][column]
                for k in column..<size { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: size)
        for row in stride(from: size - 1, through: 0, by: -1) {
            var total = b[row]
            for k in (row + 1)..<size { total -= a[row][k] * x[k] }
            x[row] = total / a[row][row]
        }
        return x
    }
}
