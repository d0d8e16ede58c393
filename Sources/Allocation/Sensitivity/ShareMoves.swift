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
}

extension SensitivityAnalyzer {
    /// The move of `moves` (each row's base: its coefficients become a − t·base) from the plan's
    /// basis, which the session has remembered; the session's model and basis are put back.
    static func shareMove(
        _ moves: [ConstraintRef: LinearExpression], share: Double, session: inout SolverSession
    ) throws(SolverError) -> ShareMove? {
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
        session.restoreRememberedBasis()
        let start = session.solve()
        let limits = (increase: max(0, 1 - share), decrease: max(0, share))
        guard start.termination == .optimal,
              let first = try session.coefficientRange(moving: moves, increaseLimit: limits.increase, decreaseLimit: limits.decrease) else {
            try putBack()
            return nil
        }
        /// One side: the price that way (the next basis's where this one allows no move), how far
        /// it reaches, through degenerate basis changes, the price at its edge and what stops it.
        func side(_ direction: Double) throws(SolverError) -> (price: Double, reach: Double, atEdge: Double, limiting: ModelElement?) {
            let limit = direction > 0 ? limits.increase : limits.decrease
            var reach = direction > 0 ? first.allowableIncrease : first.allowableDecrease
            var atEdge = direction > 0 ? first.rateAtIncrease : first.rateAtDecrease
            var limiting = direction > 0 ? first.limitingIncrease : first.limitingDecrease
            var price = first.rate
            guard let z0 = start.objectiveValue else { return (price, 0, atEdge, limiting) }
            var objectiveAtEdge = z0 + (direction > 0 ? first.changeAtIncrease : first.changeAtDecrease)
            // Past an edge by less than the solver's feasibility tolerance, a warm solve keeps the
            // old basis; the step past grows until the basis changes.
            var nudge = 1e-7
            var steps = 0
            while steps < 20, reach + nudge < limit, limiting != nil {
                steps += 1
                try setShare(direction * (reach + nudge))
                let moved = session.solve()
                let room = limit - reach - nudge
                guard moved.termination == .optimal,
                      let next = try session.coefficientRange(moving: moves, increaseLimit: direction > 0 ? room : 0, decreaseLimit: direction > 0 ? 0 : room) else { break }
                let further = direction > 0 ? next.allowableIncrease : next.allowableDecrease
                if moved.simplexIterations == 0, further <= 1e-12 {
                    // Still the old basis, past its edge within the solver's tolerance.
                    guard nudge < 1e-4 else { break }
                    nudge *= 10
                    continue
                }
                // A share can make the plan jump, not only bend: past a maximum share that falls
                // below its minimum, say, a line's only plan is to be empty.
                guard let z = moved.objectiveValue,
                      abs(z - (objectiveAtEdge + direction * atEdge * nudge)) <= 1e-9 * max(1, abs(z)) + abs(atEdge) * nudge else { break }
                if reach <= 1e-9 {
                    // No room at the value: the price this way is the next basis's.
                    price = next.rate
                } else if abs(next.rate - atEdge) > 1e-6 * max(1e-9, abs(atEdge), abs(next.rate)) {
                    break
                }
                reach += nudge + further
                objectiveAtEdge = z + (direction > 0 ? next.changeAtIncrease : next.changeAtDecrease)
                atEdge = direction > 0 ? next.rateAtIncrease : next.rateAtDecrease
                limiting = direction > 0 ? next.limitingIncrease : next.limitingDecrease
                nudge = 1e-7
            }
            try putBack()
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
        for index in prices.indices {
            guard let row = program.row(prices[index].key) else { continue }
            let meaning = program.meaning(of: row)
            guard let base = meaning.shareOf, let share = meaning.share,
                  let move = try shareMove([row: program.expression(of: base)], share: share, session: &session) else { continue }
            let stated = UnitConverter.convert(share, from: .share, to: .percentagePoint)
            func points(_ value: Double) -> Double { UnitConverter.convert(value, from: .share, to: .percentagePoint) }
            func perPoint(_ value: Double) -> Double { withoutSolverNoise(Price(value, per: .share).per(.percentagePoint).value) }
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
