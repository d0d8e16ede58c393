import GLPKBackend
import LinearModel
import LPConformance
import Testing

/// Ranging of a matrix move (a share limit's share): hand-solved problems where the objective is
/// linear and curved along the share, one stopped by a price (a reduced cost changing sign),
/// and seeded random LPs where every edge is checked by warm and cold re-solves.
@Suite("Coefficient ranging")
struct CoefficientRangeTests {
    /// A share limit `x − s·(x + y) ≤ 0` and the move of its share: a(t) = a − t·(x + y).
    private struct ShareProblem {
        var model = Model(name: "share")
        var x: Variable
        var y: Variable
        var share: ConstraintRef
        var base: LinearExpression { LinearExpression(x) + LinearExpression(y) }

        init(objective: (x: Double, y: Double), budget: (x: Double, y: Double), share s: Double, alternative: Double? = nil) {
            x = model.addVariable("x")
            y = model.addVariable("y")
            var spend = budget.x * x + budget.y * y
            var value = objective.x * x + objective.y * y
            if let alternative {
                let w = model.addVariable("w")
                spend = spend + LinearExpression(w)
                value = value + alternative * w
            }
            model.addConstraint(spend <= 10, name: "budget")
            share = model.addConstraint(LinearExpression(x) - s * (LinearExpression(x) + LinearExpression(y)) <= 0, name: "share")
            model.maximize(value)
        }

        func range(limits: Double = 1) throws -> (CoefficientRange, Double) {
            try GLPKSolver().withSession(model, options: SolveOptions()) { session in
                let solution = session.solve()
                let range = try #require(try session.coefficientRange(moving: [share: base], increaseLimit: limits, decreaseLimit: limits))
                return (range, try #require(solution.objectiveValue))
            }
        }
    }

    private static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-7) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    /// max 3x + 2y, x + y ≤ 10, x ≤ s(x + y), s = 0.6: x = 10s, y = 10(1 − s), z = 20 + 10s,
    /// for s from 0 (x = 0) to 1 (y = 0): the share may rise 0.4 and fall 0.6 at 10 per unit.
    @Test func aShareOfAFixedTotalMovesTheObjectiveInAStraightLine() throws {
        let problem = ShareProblem(objective: (3, 2), budget: (1, 1), share: 0.6)
        let (range, objective) = try problem.range()
        #expect(Self.close(objective, 26))
        #expect(Self.close(range.allowableIncrease, 0.4) && Self.close(range.allowableDecrease, 0.6), "\(range)")
        #expect(Self.close(range.rate, 10) && Self.close(range.rateAtIncrease, 10) && Self.close(range.rateAtDecrease, 10))
        #expect(Self.close(range.changeAtIncrease, 4) && Self.close(range.changeAtDecrease, -6))
        #expect(range.limitingIncrease?.name == "y" && range.limitingDecrease?.name == "x")
    }

    /// max 4x + y, 2x + y ≤ 10, x ≤ s(x + y), s = 0.5: x = 10s/(1 + s), y = 10(1 − s)/(1 + s),
    /// z = (10 + 30s)/(1 + s), dz/ds = 20/(1 + s)²: 8.889 at 0.5, 5 at s = 1, 20 at s = 0. A
    /// range read off the budget row with the total held fixed would be wrong: the total moves.
    @Test func aShareOfAMovingTotalCurvesTheObjective() throws {
        let problem = ShareProblem(objective: (4, 1), budget: (2, 1), share: 0.5)
        let (range, objective) = try problem.range()
        #expect(Self.close(objective, 50.0 / 3))
        #expect(Self.close(range.allowableIncrease, 0.5, 1e-9) && Self.close(range.allowableDecrease, 0.5, 1e-9), "\(range)")
        #expect(Self.close(range.rate, 20 / 2.25))
        #expect(Self.close(range.rateAtIncrease, 5, 1e-6) && Self.close(range.rateAtDecrease, 20, 1e-6))
        #expect(Self.close(range.changeAtIncrease, 20 - 50.0 / 3, 1e-6) && Self.close(range.changeAtDecrease, 10 - 50.0 / 3, 1e-6))
    }

    /// The same with a third use of the budget, w at 1.5 per unit: the x–y mix is worth
    /// (1 + 3s)/(1 + s) per unit of budget, less than w's 1.5 below s = 1/3. Going down, the
    /// basis stops at s = 1/3 because w's reduced cost reaches 0, not because a value hits a bound.
    @Test func aPriceChangingSignStopsTheRange() throws {
        let problem = ShareProblem(objective: (4, 1), budget: (2, 1), share: 0.5, alternative: 1.5)
        let (range, _) = try problem.range()
        #expect(Self.close(range.allowableDecrease, 0.5 - 1.0 / 3, 1e-8), "\(range)")
        #expect(range.limitingDecrease?.name == "w")
        #expect(Self.close(range.allowableIncrease, 0.5, 1e-9))
    }

    /// The limit asked for caps the range: shares stop at 0 and 100 %.
    @Test func theRangeStopsAtTheLimitAsked() throws {
        let problem = ShareProblem(objective: (3, 2), budget: (1, 1), share: 0.6)
        let (range, _) = try problem.range(limits: 0.25)
        #expect(range.allowableIncrease == 0.25 && range.allowableDecrease == 0.25)
        #expect(range.limitingIncrease == nil && range.limitingDecrease == nil)
    }

    /// Seeded random LPs, one row's coefficients moved along a random subset of its columns
    /// (and one more column): halfway to each edge a warm re-solve from the plan's basis needs no
    /// pivot and a cold solve agrees; at the edge the objective is the one the range predicts;
    /// past a finite edge the statuses change (a pivot or a bound flip) or there is no plan.
    @Test(arguments: Array(UInt64(1)...300))
    func everyEdgeIsWhereTheBasisStopsBeingOptimal(seed: UInt64) throws {
        try checkEdges(seed: seed, rows: 1)
    }

    /// The same with two or three rows moved together (a share field sets one limit per year):
    /// the general path, a small dense solve per point instead of the one-row closed form.
    @Test(arguments: Array(UInt64(1)...200))
    func edgesOfSeveralRowsMovedTogether(seed: UInt64) throws {
        try checkEdges(seed: seed &+ 10_000, rows: seed % 2 == 0 ? 2 : 3)
    }

    private func checkEdges(seed: UInt64, rows count: Int) throws {
        let model = RandomModels.mixedLP(seed: seed)
        guard model.constraints.count >= count else { return }
        var random = SeededGenerator(seed: seed &* 104_729)
        let rows = Array(model.constraints.indices.shuffled(using: &random).prefix(count)).map(ConstraintRef.init(index:))
        var moves: [ConstraintRef: LinearExpression] = [:]
        for row in rows {
            var weights = LinearExpression()
            for term in model.constraints[row.index].terms where Bool.random(using: &random) { weights.add(1, term.variable) }
            weights.add(Double.random(in: 0.5...2, using: &random).rounded(toPlaces: 2), Variable(index: Int.random(in: 0..<model.variables.count, using: &random)))
            moves[row] = weights
        }
        func setTerms(at t: Double, _ session: inout SolverSession) throws {
            for (row, weights) in moves {
                var expression = LinearExpression(Dictionary(model.constraints[row.index].terms.map { ($0.variable, $0.coefficient) }, uniquingKeysWith: +))
                expression.add(weights, scaledBy: -t)
                try session.setTerms(of: row, to: expression.terms.filter { abs($0.coefficient) > 1e-12 })
            }
        }
        try GLPKSolver().withSession(model, options: SolveOptions()) { session in
            let start = session.solve()
            guard start.termination == .optimal, let z0 = start.objectiveValue else { return }
            session.rememberBasis()
            let range = try #require(try session.coefficientRange(moving: moves, increaseLimit: 1, decreaseLimit: 1))
            for (direction, reach, change, limiting) in [(1.0, range.allowableIncrease, range.changeAtIncrease, range.limitingIncrease),
                                                         (-1.0, range.allowableDecrease, range.changeAtDecrease, range.limitingDecrease)] {
                guard reach > 1e-6 else { continue }
                // Halfway: the plan's basis, with no pivot, is optimal; a cold solve agrees.
                session.restoreRememberedBasis()
                try setTerms(at: direction * reach / 2, &session)
                let halfway = session.solve()
                #expect(halfway.termination == .optimal && halfway.simplexIterations == 0, "seed \(seed) \(direction): \(halfway.simplexIterations) pivots halfway to \(reach)")
                let cold = try GLPKSolver().solve(session.model, options: SolveOptions())
                #expect(cold.objectiveValue.map { Self.close($0, halfway.objectiveValue ?? .nan, 1e-6) } ?? false, "seed \(seed): cold \(String(describing: cold.objectiveValue))")
                // At the edge: the objective the range predicts. (GLPK may find no plan within
                // 1e-7 of an edge where the feasible set shrinks to a point: its tolerance.)
                session.restoreRememberedBasis()
                try setTerms(at: direction * reach * (1 - 1e-9), &session)
                let edge = session.solve()
                if let value = edge.objectiveValue, edge.termination == .optimal {
                    #expect(Self.close(value, z0 + change, 1e-6), "seed \(seed) \(direction): \(value) vs \(z0 + change) \(range) rows \(rows.map { ($0.index, start.constraints[$0.index].basisStatus, start.constraints[$0.index].shadowPrice) }) moves \(moves.mapValues(\.terms))")
                }
                // Past a finite edge: the basis is no longer optimal there.
                if reach < 1, limiting != nil {
                    let past = reach + max(1e-3, reach * 1e-2)
                    guard past < 1 else { continue }
                    session.restoreRememberedBasis()
                    try setTerms(at: direction * past, &session)
                    let outside = session.solve()
                    // A bound flip of a boxed variable (no pivot) changes the basis's statuses too.
                    let statuses = { (solution: Solution) in solution.variables.map(\.basisStatus) + solution.constraints.map(\.basisStatus) }
                    #expect(outside.termination != .optimal || statuses(outside) != statuses(start), "seed \(seed) \(direction): basis still optimal past \(reach)")
                }
            }
            session.restoreRememberedBasis()
            try setTerms(at: 0, &session)
        }
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = [1.0, 10, 100, 1000][places]
        return (self * scale).rounded() / scale
    }
}
