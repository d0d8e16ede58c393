import LinearModel

/// Left and right shadow prices for rows whose right-hand side sits on a breakpoint of the
/// optimal objective, where one basis's price is not the whole truth.
///
/// For each side whose allowable change is zero, the active limit is moved across the edge and
/// the LP re-solved from the current optimal basis (dual simplex, no presolve). The new basis's
/// price holds over a range; if that range does not reach back to the current right-hand side,
/// another breakpoint lies in between, and the step is halved until it does. The price read is
/// a basis dual, never a difference quotient of objective values.
struct OneSidedPrices {
    let problem: GLPKProblem
    let model: Model
    let options: SolveOptions

    private var warmOptions: SolveOptions {
        var warm = options
        warm.presolve = false
        warm.iterationLimit = nil
        warm.method = .dual
        return warm
    }

    func attach(to constraints: inout [ConstraintSensitivity]) {
        let snapshot = problem.basisSnapshot()
        defer { _ = problem.restore(snapshot) }
        for index in constraints.indices {
            let entry = constraints[index]
            let edge = 1e-9 * max(1, abs(entry.rightHandSide))
            let rightOpen = entry.allowableIncrease <= edge
            let leftOpen = entry.allowableDecrease <= edge
            guard rightOpen || leftOpen else { continue }
            let current = { (from: Double, to: Double) in OneSidedPrice(price: entry.shadowPrice, from: from, to: to) }
            let right = rightOpen
                ? explore(index, entry, direction: 1, snapshot: snapshot)
                : current(entry.rightHandSide, entry.rightHandSide + entry.allowableIncrease)
            let left = leftOpen
                ? explore(index, entry, direction: -1, snapshot: snapshot)
                : current(entry.rightHandSide - entry.allowableDecrease, entry.rightHandSide)
            guard let left, let right,
                  abs(left.price - right.price) > 1e-9 * max(1, abs(left.price), abs(right.price)) else { continue }
            constraints[index].leftPrice = left
            constraints[index].rightPrice = right
            constraints[index].isDegenerate = true
        }
    }

    /// The price of the optimal basis adjacent to the right-hand side on one side; nil when no
    /// optimal basis exists there (the LP becomes infeasible) or the search does not settle.
    private func explore(_ index: Int, _ entry: ConstraintSensitivity, direction: Double, snapshot: GLPKProblem.BasisSnapshot) -> OneSidedPrice? {
        let original = model.constraints[index].bounds
        defer {
            problem.setRowBounds(index, lower: original.lower, upper: original.upper)
            _ = problem.restore(snapshot)
        }
        let rhs = entry.rightHandSide
        let scale = max(1, abs(rhs))
        var step = 1e-3 * scale
        for _ in 0..<40 where step >= 1e-7 * scale {
            let value = rhs + direction * step
            guard let moved = Self.move(original, status: entry.basisStatus, from: rhs, to: value) else { return nil }
            _ = problem.restore(snapshot)
            problem.setRowBounds(index, lower: moved.lower, upper: moved.upper)
            guard problem.simplex(warmOptions, presolve: false, tight: true) == .success, problem.status == .optimal,
                  problem.prepareAnalysis() == nil else { return nil }
            let range = SensitivityAnalysis.rowRange(
                problem, row: index, name: entry.name, bounds: moved, objective: problem.objectiveValue, element: { _ in nil })
            let low = range.rhs - range.decrease
            let high = range.rhs + range.increase
            let tolerance = 1e-9 * scale
            if direction > 0 {
                if low <= rhs + tolerance { return OneSidedPrice(price: range.price, from: rhs, to: high) }
                step = (low - rhs) / 2
            } else {
                if high >= rhs - tolerance { return OneSidedPrice(price: range.price, from: low, to: rhs) }
                step = (rhs - high) / 2
            }
        }
        return nil
    }

    /// Non-basic columns whose basis allows no move off their bound: the rate when moved anyway,
    /// from the basis a warm re-solve with the bound moved a little reaches (its reduced cost,
    /// a basis dual; 0 when the column turns basic, the move then being free).
    func attachColumns(to variables: inout [VariableSensitivity]) {
        let snapshot = problem.basisSnapshot()
        defer { _ = problem.restore(snapshot) }
        for index in variables.indices {
            let entry = variables[index]
            guard entry.basisStatus == .atLowerBound || entry.basisStatus == .atUpperBound,
                  problem.columnStatus(index) == entry.basisStatus else { continue }
            let direction: Double = entry.basisStatus == .atLowerBound ? 1 : -1
            guard problem.prepareAnalysis() == nil else { return }
            let (lower, upper) = problem.columnBounds(index)
            guard problem.columnMoveStep(index, direction: direction) <= 1e-9 * max(1, abs(entry.value)) else { continue }
            let nudge = 1e-6 * max(1, abs(entry.value))
            if direction > 0 { problem.setColumnBounds(index, lower: lower + nudge, upper: upper) } else { problem.setColumnBounds(index, lower: lower, upper: upper - nudge) }
            var moved: Double?
            if problem.simplex(warmOptions, presolve: false, tight: true) == .success, problem.status == .optimal {
                let status = problem.columnStatus(index)
                moved = status == entry.basisStatus ? problem.columnReducedCost(index) : 0
            }
            problem.setColumnBounds(index, lower: lower, upper: upper)
            _ = problem.restore(snapshot)
            guard let moved, abs(moved - entry.reducedCost) > 1e-9 * max(1e-6, abs(moved), abs(entry.reducedCost)) else { continue }
            variables[index].reducedCostWhenMoved = moved
            variables[index].isDegenerate = true
        }
    }

    /// The row's limits with its active limit at `value`; nil when that would cross the other limit.
    static func move(_ bounds: ConstraintBounds, status: BasisStatus, from rhs: Double, to value: Double) -> ConstraintBounds? {
        switch bounds {
        case .equal: return .equal(value)
        case .lessOrEqual: return .lessOrEqual(value)
        case .greaterOrEqual: return .greaterOrEqual(value)
        case .ranged(let lower, let upper):
            let movesUpper = status == .atUpperBound || (status == .basic && rhs == upper)
            if movesUpper { return value > lower ? .ranged(lower: lower, upper: value) : nil }
            return value < upper ? .ranged(lower: value, upper: upper) : nil
        }
    }
}
