import LinearModel

/// How the plan's value moves along a share (a share limit `part − share·base`): a share moves
/// the matrix, not a right-hand side, so the plan's proportions move with it and the price is
/// not constant even while the same limits bind and the same lines are funded. The range is
/// where that holds (the plan's basis stays optimal, carried on through basis changes that do
/// not change the price), with the price at the value and at each edge.
struct ShareMove {
    /// Change of the weighted impact per unit of share (1.0 = 100 %) at the value; where the
    /// basis allows no move one way, the price that way is ``left`` or ``right``.
    var price: Double
    var left: Double?
    var right: Double?
    /// How far the share may rise or fall (in share units), up to 100 % and down to 0.
    var increase: Double
    var decrease: Double
    /// The price just inside each edge.
    var priceAtIncrease: Double
    var priceAtDecrease: Double
    var limitingIncrease: ModelElement?
    var limitingDecrease: ModelElement?

    /// A share (or a move of it) in percentage points, as the report states shares.
    static func points(_ share: Double) -> Double { UnitConverter.convert(share, from: .share, to: .percentagePoint) }
    /// A price per unit of share as the report states it: per percentage point, 0 below noise.
    static func perPoint(_ price: Double) -> Double { withoutSolverNoise(Price(price, per: .share).per(.percentagePoint).value) }
}

extension SensitivityAnalyzer {
    /// The smallest jump of a share's price that ends its range: 1 part in 10,000. A basis
    /// change that moves the price by less (the ITU models have many, from near-ties between
    /// lines) is carried through, so an edge is where the price visibly changes.
    static let priceStep = 1e-4

    /// Moves of shares (each row's base: its coefficients become a − t·base), all from the
    /// plan's basis, which the session has remembered; the session's model and basis are put
    /// back. Every move's first range is read off the plan's basis before any re-solve (one
    /// reading of the basis for all); then each finite edge is re-solved just past, to carry the
    /// range through basis changes that keep the price.
    static func shareMoves(
        _ items: [(moves: [ConstraintRef: LinearExpression], share: Double)], session: inout SolverSession
    ) throws(SolverError) -> [ShareMove?] {
        session.restoreRememberedBasis()
        let start = session.solve()
        guard start.termination == .optimal, let z0 = start.objectiveValue else { return items.map { _ in nil } }
        func limits(_ share: Double) -> (increase: Double, decrease: Double) { (max(0, 1 - share), max(0, share)) }
        var firsts: [CoefficientRange?] = []
        for item in items {
            let limit = limits(item.share)
            firsts.append(try session.coefficientRange(moving: item.moves, increaseLimit: limit.increase, decreaseLimit: limit.decrease))
        }
        var results: [ShareMove?] = []
        for (item, first) in zip(items, firsts) {
            guard let first else { results.append(nil); continue }
            results.append(try extended(first, item.moves, limits: limits(item.share), z0: z0, session: &session))
        }
        return results
    }

    /// The first range carried on each way past edges where the price does not jump.
    private static func extended(
        _ first: CoefficientRange, _ moves: [ConstraintRef: LinearExpression], limits: (increase: Double, decrease: Double), z0: Double,
        session: inout SolverSession
    ) throws(SolverError) -> ShareMove {
        let original = Dictionary(uniqueKeysWithValues: moves.keys.map { ($0, session.model.constraints[$0.index].terms) })
        func setShare(_ t: Double) throws(SolverError) {
            for (row, base) in moves {
                var expression = LinearExpression(Dictionary(uniqueKeysWithValues: original[row]!.map { ($0.variable, $0.coefficient) }))
                expression.add(base, scaledBy: -t)
                // A part that is all of its base at 100 % leaves 1 − 1 = 0, up to rounding.
                try session.setTerms(of: row, to: expression.terms.filter { abs($0.coefficient) > 1e-12 })
            }
        }
        func putBack() throws(SolverError) {
            for (row, terms) in original { try session.setTerms(of: row, to: terms) }
            session.restoreRememberedBasis()
        }
        /// dz/dt in a solved basis: its duals on the moved rows times their bases.
        func rate(_ solution: Solution) -> Double {
            moves.keys.sorted { $0.index < $1.index }.reduce(0) { total, row in
                let base = moves[row]!.terms.reduce(0) { $0 + $1.coefficient * solution.variables[$1.variable.index].value }
                return total + (solution.constraints[row.index].shadowPrice ?? 0) * base
            }
        }
        /// One side: the price that way (the next basis's where this one allows no move), how far
        /// it reaches, through degenerate basis changes, the price at its edge and what stops it.
        func side(_ direction: Double) throws(SolverError) -> (price: Double, reach: Double, atEdge: Double, limiting: ModelElement?) {
            let limit = direction > 0 ? limits.increase : limits.decrease
            var reach = direction > 0 ? first.allowableIncrease : first.allowableDecrease
            var atEdge = direction > 0 ? first.rateAtIncrease : first.rateAtDecrease
            var limiting = direction > 0 ? first.limitingIncrease : first.limitingDecrease
            var price = first.rate
            var objectiveAtEdge = z0 + (direction > 0 ? first.changeAtIncrease : first.changeAtDecrease)
            // Past an edge by less than the solver's feasibility tolerance, a warm solve keeps the
            // old basis; the step past grows until the basis changes.
            var nudge = 1e-7
            var steps = 0
            var moved = false
            while steps < 20, reach + nudge < limit, limiting != nil {
                steps += 1
                try setShare(direction * (reach + nudge))
                moved = true
                let solution = session.solve()
                guard solution.termination == .optimal, let z = solution.objectiveValue else { break }
                if solution.simplexIterations == 0 {
                    // Still the old basis, past its edge within the solver's tolerance.
                    guard nudge < 1e-4 else { break }
                    nudge *= 10
                    continue
                }
                // A share can make the plan jump, not only bend: past a maximum share that falls
                // below its minimum, say, a line's only plan is to be empty.
                guard abs(z - (objectiveAtEdge + direction * atEdge * nudge)) <= 1e-9 * max(1, abs(z)) + abs(atEdge) * nudge else { break }
                let next = rate(solution)
                if reach <= 1e-9 {
                    // No room at the value: the price this way is the next basis's.
                    price = next
                } else if abs(next - atEdge) > Self.priceStep * max(1e-9, abs(atEdge), abs(next)) {
                    break
                }
                let room = limit - reach - nudge
                guard let range = try session.coefficientRange(moving: moves, increaseLimit: direction > 0 ? room : 0, decreaseLimit: direction > 0 ? 0 : room) else { break }
                reach += nudge + (direction > 0 ? range.allowableIncrease : range.allowableDecrease)
                objectiveAtEdge = z + (direction > 0 ? range.changeAtIncrease : range.changeAtDecrease)
                atEdge = direction > 0 ? range.rateAtIncrease : range.rateAtDecrease
                limiting = direction > 0 ? range.limitingIncrease : range.limitingDecrease
                nudge = 1e-7
            }
            if moved { try putBack() }
            return (price, min(reach, limit), atEdge, reach >= limit ? nil : limiting)
        }
        let up = try side(1)
        let down = try side(-1)
        var move = ShareMove(price: first.rate, left: nil, right: nil, increase: up.reach, decrease: down.reach,
                             priceAtIncrease: up.atEdge, priceAtDecrease: down.atEdge,
                             limitingIncrease: up.limiting, limitingDecrease: down.limiting)
        if abs(up.price - down.price) > 1e-9 * max(1e-9, abs(up.price), abs(down.price)) {
            move.left = down.price
            move.right = up.price
        }
        return move
    }
}

extension SensitivityAnalyzer {
    /// Each listed share limit's range along its own share (this line's or this year's share
    /// alone), replacing the range of its right-hand side, which held the base fixed while the
    /// share moves it. Runs on the session with the plan's basis remembered.
    static func attachShareRanges(to prices: inout [LimitPrice], _ solved: SolvedScenario, session: inout SolverSession) throws(SolverError) {
        let program = solved.compiled
        let shareRows: [(index: Int, row: ConstraintRef, base: ShareBase, share: Double)] = prices.indices.compactMap { index in
            guard let row = program.row(prices[index].key) else { return nil }
            let meaning = program.meaning(of: row)
            guard let base = meaning.shareOf, let share = meaning.share else { return nil }
            return (index, row, base, share)
        }
        let moves = try shareMoves(shareRows.map { ([$0.row: program.expression(of: $0.base)], $0.share) }, session: &session)
        for (item, found) in zip(shareRows, moves) {
            guard let move = found else { continue }
            let (index, share) = (item.index, item.share)
            let (points, perPoint) = (ShareMove.points, ShareMove.perPoint)
            let stated = points(share)
            var price = prices[index]
            price.price = Price(perPoint(move.price), per: .percentagePoint)
            price.allowableIncrease = points(move.increase)
            price.allowableDecrease = points(move.decrease)
            price.limitingIncrease = move.limitingIncrease.map(program.describe)
            price.limitingDecrease = move.limitingDecrease.map(program.describe)
            price.priceAtIncreaseEdge = perPoint(move.priceAtIncrease)
            price.priceAtDecreaseEdge = perPoint(move.priceAtDecrease)
            if let left = move.left, let right = move.right {
                price.left = OneSidedPrice(price: perPoint(left), from: stated - points(move.decrease), to: stated)
                price.right = OneSidedPrice(price: perPoint(right), from: stated, to: stated + points(move.increase))
            } else {
                price.left = nil
                price.right = nil
            }
            prices[index] = price
        }
    }
}
