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

    /// What every move ranged at one basis shares: the basis's heads, values and reduced costs.
    struct BasisFigures {
        let m: Int
        let n: Int
        let heads: [Int]
        let positionOfHead: [Int: Int]
        let columnValues: [Double]
        /// Basic variables: value, bounds, tolerance. A variable the solver left outside its
        /// bounds (within its own tolerance) may stay as far out, not further: a violation that
        /// grows with t is an edge at once, as in the one-row ratio test.
        let basic: [(position: Int, value: Double, lower: Double, upper: Double, tolerance: Double)]
        /// Non-basic variables: position, reduced cost, and the sign rule (`sign · d` must stay
        /// at most the tolerance; a free one's d at 0; a fixed one, sign 0, is never in the way).
        let nonbasic: [(position: Int, reducedCost: Double, sign: Double, free: Bool, tolerance: Double)]

        /// Read from `problem`'s current optimal, factorized basis.
        init(_ problem: GLPKProblem) {
            m = problem.rowCount
            n = problem.columnCount
            let m = self.m, n = self.n
            heads = problem.basisHeads()
            positionOfHead = Dictionary(uniqueKeysWithValues: heads.enumerated().map { ($1, $0) })
            let columnValues = (0..<n).map(problem.columnValue)
            self.columnValues = columnValues
            basic = heads.map { head in
                let isRow = head < m
                let value = isRow ? problem.rowActivity(head) : columnValues[head - m]
                let (lower, upper) = isRow ? problem.rowBounds(head) : problem.columnBounds(head - m)
                return (position: head, value: value, lower: lower, upper: upper,
                        tolerance: CoefficientMoveBasis.primalTolerance(lower, upper) + CoefficientMoveBasis.violation(value, lower, upper))
            }
            let positionOfHead = self.positionOfHead
            let nonbasicPositions = (0..<(m + n)).filter { positionOfHead[$0] == nil }
            let reduced = nonbasicPositions.map { $0 < m ? problem.rowDual($0) : problem.columnReducedCost($0 - m) }
            let dualScale = 1e-13 * max(1e-9, reduced.map(abs).max() ?? 0)
            let maximize = problem.maximizes
            nonbasic = zip(nonbasicPositions, reduced).map { position, d in
                let code = position < m ? problem.rowStatusCode(position) : problem.columnStatusCode(position - m)
                // Maximising, a variable at its lower bound must keep d ≤ 0, at its upper d ≥ 0.
                let sign: Double = code == GLP_NS ? 0 : (code == GLP_NL ? 1 : -1) * (maximize ? 1 : -1)
                let free = code == GLP_NF
                let initial = free ? abs(d) : max(0, sign * d)
                return (position: position, reducedCost: d, sign: sign, free: free, tolerance: dualScale + initial)
            }
        }
    }

    private let m: Int
    private let figures: BasisFigures
    private var basic: [(position: Int, value: Double, lower: Double, upper: Double, tolerance: Double)] { figures.basic }
    private var nonbasic: [(position: Int, reducedCost: Double, sign: Double, free: Bool, tolerance: Double)] { figures.nonbasic }
    /// Moved rows, their weights and current bases.
    private let moved: [Int]
    private let movedSet: Set<Int>
    private let bases: [Double]
    /// Positions in `moved` of the rows that are non-basic (binding): only they move the plan.
    private let binding: [Int]
    private let duals: [Double]
    /// rates[q][k]: rate of the k-th basic variable per unit of binding row q's limit.
    private let rates: [[Double]]
    /// baseRates[r][q]: rate of moved row r's base per unit of binding row q's limit.
    private let baseRates: [[Double]]
    /// betas[q][i]: the rate of binding row q's base when the i-th non-basic variable moves.
    private let betas: [[Double]]
    /// Basic moved rows (by position in `moved`), in order, checked with their new coefficients:
    /// activity (a_r·x, old coefficients), limits, tolerance, and the activity's rate per unit of
    /// each binding row's limit.
    private let rowActivities: [(r: Int, value: Double, lower: Double, upper: Double, tolerance: Double, rates: [Double])]

    /// Prepared from `problem`'s current optimal, factorized basis, read into `figures`.
    /// `model`: the problem as loaded (its rows give Aᵀv).
    init(_ figures: BasisFigures, _ problem: GLPKProblem, moves: [Int: [Int: Double]], model: Model) {
        let m = figures.m, n = figures.n
        let heads = figures.heads
        let moved = moves.keys.sorted()
        let columnValues = figures.columnValues
        // Sums in column order, so that the figures are the same bytes on every run.
        let sortedWeights = moved.map { moves[$0]!.sorted { $0.key < $1.key } }
        let bases = sortedWeights.map { weights in weights.reduce(0) { $0 + $1.value * columnValues[$1.key] } }
        let binding = moved.indices.filter { figures.positionOfHead[moved[$0]] == nil }
        let rates = binding.map { problem.basicRatesAlong(row: moved[$0]) }
        let baseRates: [[Double]] = sortedWeights.map { sorted in
            let weights = sorted.compactMap { column, weight in figures.positionOfHead[m + column].map { ($0, weight) } }
            return rates.map { rate in weights.reduce(0) { $0 + $1.1 * rate[$1.0] } }
        }
        let rowActivities = moved.enumerated().compactMap { r, row -> (r: Int, value: Double, lower: Double, upper: Double, tolerance: Double, rates: [Double])? in
            guard let k = figures.positionOfHead[row] else { return nil }
            let (lower, upper) = problem.rowBounds(row)
            let activity = problem.rowActivity(row)
            return (r, activity, lower, upper, Self.primalTolerance(lower, upper) + Self.violation(activity, lower, upper), rates.map { $0[k] })
        }
        // β of every non-basic variable for each binding row: BTRAN of the row's weights on
        // the basic columns gives v; a non-basic row i moves the base by -v_i, a non-basic
        // column j by w_j + v·A_j.
        let betas: [[Double]] = binding.map { q in
            let weights = moves[moved[q]]!
            let v = problem.backwardTransformation(heads.map { $0 >= m ? weights[$0 - m] ?? 0 : 0 })
            // Aᵀv, row by row over the rows where v is not zero.
            var transposed = [Double](repeating: 0, count: n)
            for (i, value) in v.enumerated() where value != 0 {
                for term in model.constraints[i].terms { transposed[term.variable.index] += value * term.coefficient }
            }
            return figures.nonbasic.map { variable in
                let position = variable.position
                return position < m ? -v[position] : (weights[position - m] ?? 0) + transposed[position - m]
            }
        }
        self.m = m
        self.figures = figures
        self.moved = moved
        self.movedSet = Set(moved)
        self.bases = bases
        self.binding = binding
        self.duals = binding.map { problem.rowDual(moved[$0]) }
        self.rates = rates
        self.baseRates = baseRates
        self.rowActivities = rowActivities
        self.betas = betas
    }

    static func violation(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        max(0, lower - value, value - upper)
    }

    static func primalTolerance(_ lower: Double, _ upper: Double) -> Double {
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
        guard let factors = LUFactors(matrix) else {
            return (0, 0, .singular)
        }
        let scaledBase = factors.solve(base0)
        let hatDuals = factors.solveTransposed(duals)
        let delta = scaledBase.map { $0 * t }
        let change = zip(duals, delta).reduce(0) { $0 + $1.0 * $1.1 }
        let rate = zip(hatDuals, scaledBase).reduce(0) { $0 + $1.0 * $1.1 }
        for (k, variable) in basic.enumerated() {
            var value = variable.value
            // A basic moved row is checked below, with its new coefficients.
            if variable.position < m, movedSet.contains(variable.position) { continue }
            for q in 0..<p { value += rates[q][k] * delta[q] }
            if Self.violation(value, variable.lower, variable.upper) > variable.tolerance { return (rate, change, .primal(variable.position)) }
        }
        for row in rowActivities {
            let r = row.r
            var activity = row.value
            var base = bases[r]
            for q in 0..<p {
                activity += row.rates[q] * delta[q]
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
        guard obstacle != nil else { return (limit, nil) }
        for _ in 0..<60 where bad - good > 1e-10 * max(1, limit) {
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
                let step = max(0, room + row.tolerance) / abs(rate)
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
            // The tolerance as the solver's: a rate at rounding noise moves nothing.
            let step = max(0, room + variable.tolerance) / abs(rate)
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
                step = max(0, variable.tolerance - variable.sign * variable.reducedCost) / signed
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

    /// Where the scan looks, in order, as fractions of the limit: 2⁻²⁰ … 2⁻⁵, then 2/32 … 1.
    private static let fractions: [Double] = (5...20).reversed().map { 1 / Double(1 << $0) } + (2...32).map { Double($0) / 32 }

}

/// LU factors of a small dense matrix with partial pivoting (PA = LU), for solving with the
/// matrix and with its transpose from one factorization.
private struct LUFactors {
    private var lu: [[Double]]
    private var order: [Int]

    /// Nil when the matrix is (numerically) singular.
    init?(_ matrix: [[Double]]) {
        lu = matrix
        order = Array(matrix.indices)
        let size = matrix.count
        for column in 0..<size {
            var pivot = column
            for row in column..<size where abs(lu[row][column]) > abs(lu[pivot][column]) { pivot = row }
            guard abs(lu[pivot][column]) > 1e-12 else { return nil }
            lu.swapAt(column, pivot)
            order.swapAt(column, pivot)
            for row in (column + 1)..<size where lu[row][column] != 0 {
                let factor = lu[row][column] / lu[column][column]
                lu[row][column] = factor
                for k in (column + 1)..<size { lu[row][k] -= factor * lu[column][k] }
            }
        }
    }

    /// x with A x = b.
    func solve(_ right: [Double]) -> [Double] {
        let size = right.count
        var y = order.map { right[$0] }
        for row in 0..<size { for k in 0..<row { y[row] -= lu[row][k] * y[k] } }
        for row in stride(from: size - 1, through: 0, by: -1) {
            for k in (row + 1)..<size { y[row] -= lu[row][k] * y[k] }
            y[row] /= lu[row][row]
        }
        return y
    }

    /// x with Aᵀ x = b: Uᵀ z = b, Lᵀ w = z, x = Pᵀ w.
    func solveTransposed(_ right: [Double]) -> [Double] {
        let size = right.count
        var z = right
        for row in 0..<size {
            for k in 0..<row { z[row] -= lu[k][row] * z[k] }
            z[row] /= lu[row][row]
        }
        for row in stride(from: size - 1, through: 0, by: -1) { for k in (row + 1)..<size { z[row] -= lu[k][row] * z[k] } }
        var x = [Double](repeating: 0, count: size)
        for (position, original) in order.enumerated() { x[original] = z[position] }
        return x
    }
}
