import Foundation
import LinearModel

/// The price of a scenario field: the change in the weighted impact per unit of the number a
/// user would edit (an envelope, a staff ceiling, a fixed commitment, the mobility limit...),
/// with how far it holds **along that field**. A field can move several rows at once (a
/// commitment enters its own row and the change limits; the mobility limit widens a ranged row
/// both ways): the price is the basis's duals applied to every limit the field moves, and the
/// range a ratio test along that combined move, not one row's range converted.
public struct PathPrice: Sendable, Hashable {
    public var path: String
    /// The field's value in the scenario, in ``valueUnit``.
    public var value: Double
    /// CHF thousands or FTE, as the scenario states the field.
    public var valueUnit: Unit
    /// Change of the weighted impact per one more ``priceUnit`` of the field (CHF 1 million,
    /// FTE) in the plan's basis; where the basis allows no move one way, the price is the one
    /// the other way and ``left``/``right`` give both.
    public var price: Double
    public var priceUnit: Unit
    /// How far the field may rise or fall (in ``valueUnit``) with the price the same; infinity
    /// when unlimited.
    public var allowableIncrease: Double
    public var allowableDecrease: Double
    /// The prices just below and just above the field's value where they differ (per ``priceUnit``).
    public var left: Double?
    public var right: Double?
    /// For a share field, the price just inside each edge (the price moves along a share's
    /// range; see ``LimitPrice/priceAtIncreaseEdge``); nil for fields that move limits only.
    public var priceAtIncreaseEdge: Double?
    public var priceAtDecreaseEdge: Double?
    /// How many LP rows the field moves.
    public var rowsMoved: Int
    /// The committee's words for the first row it moves.
    public var description: String
}

extension SensitivityAnalyzer {
    /// Every field that moves only limits (not the matrix: share limits are priced per row),
    /// found by compiling the scenario with the field moved and comparing the models.
    static func pathPrices(
        _ solved: SolvedScenario, _ model: Model, _ basis: Solution, source: ScenarioSource, session: inout SolverSession
    ) throws(SolverError) -> [PathPrice] {
        let program = solved.compiled
        guard basis.constraints.count == model.constraints.count else { return [] }
        let paths = Set(program.rows.compactMap { row in
            row.meaning.shareOf == nil && row.meaning.kind != .definition ? row.meaning.path : nil
        })
        var prices: [PathPrice] = []
        guard let base = try? source.scenario().scenario else { return [] }
        // Each field's move, from the scenario compiled with the field moved: pure work, spread
        // over the cores (the GLPK part below stays on this thread, in the session).
        let original = program.model
        let moves = WorkerPool.map(paths.sorted(), jobs: ProcessInfo.processInfo.activeProcessorCount) { path -> FieldMove? in
            guard let value = source.number(at: path), value.isFinite else { return nil }
            let step = max(1, abs(value) * 1e-3)
            guard let moved = try? movedModel(path, to: value + step, base: base, source: source),
                  let changes = ScenarioSweep.changes(from: original, to: moved), !changes.isEmpty else { return nil }
            var lower: [ConstraintRef: Double] = [:], upper: [ConstraintRef: Double] = [:]
            for change in changes {
                guard case .constraintBounds(let row, let bounds) = change else { return nil }
                let old = original.constraints[row.index].bounds
                if old.lower.isFinite && bounds.lower.isFinite { lower[row] = (bounds.lower - old.lower) / step }
                if old.upper.isFinite && bounds.upper.isFinite { upper[row] = (bounds.upper - old.upper) / step }
            }
            return lower.isEmpty && upper.isEmpty ? nil : FieldMove(path: path, value: value, lower: lower, upper: upper)
        }
        session.rememberBasis()
        for move in moves.compactMap({ $0 }) {
            let (path, value, lower, upper) = (move.path, move.value, move.lower, move.upper)
            // In row order: a sum over a Set would add in a different order in each process and
            // move the last digits of the price from one run to the next.
            let rows = Set(lower.keys).union(upper.keys).sorted { $0.index < $1.index }
            let isMoney = rows.contains { program.meaning(of: $0).unit == Unit.lpMoney }
            let valueUnit: Unit = isMoney ? .money : .fte
            let priceUnit: Unit = isMoney ? Unit.lpMoney : .fte
            // Rates are per unit of the field as stated; prices are quoted per CHF 1 million.
            let perPriceUnit = isMoney ? UnitConverter.convert(1, from: Unit.lpMoney, to: .money) : 1
            func price(_ solution: Solution) -> Double {
                rows.reduce(0) { total, row in
                    let result = solution.constraints[row.index]
                    let rate: Double = switch result.basisStatus {
                    case .atLowerBound?, .fixed?: lower[row] ?? 0
                    case .atUpperBound?: upper[row] ?? 0
                    default: 0
                    }
                    return total + (result.shadowPrice ?? 0) * rate
                } * perPriceUnit
            }
            /// How far the field can move up (direction 1) or down (-1) in the session's basis.
            func room(_ direction: Double) throws(SolverError) -> Double? {
                try session.maximumStep(lower: lower.mapValues { $0 * direction }, upper: upper.mapValues { $0 * direction })
            }
            session.restoreRememberedBasis()
            _ = session.solve()
            guard let increase = try room(1), let decrease = try room(-1) else { continue }
            var entry = PathPrice(
                path: path, value: value, valueUnit: valueUnit, price: withoutSolverNoise(price(basis)), priceUnit: priceUnit,
                allowableIncrease: increase, allowableDecrease: decrease, left: nil, right: nil, rowsMoved: rows.count,
                description: rows.map(\.index).min().map { program.meaning(of: ConstraintRef(index: $0)).description } ?? path)
            // On a breakpoint the basis allows no move one way: the price that way is the next
            // basis's, found by moving the field just past and re-solving warm.
            let edge = 1e-9 * max(1, abs(value))
            let nudge = 1e-6 * max(1, abs(value))
            /// The field moved by `offset` (in its own units) in the session, solved warm from the
            /// plan's basis, then put back.
            func solved(at offset: Double) throws(SolverError) -> Solution {
                for row in rows {
                    let bounds = model.constraints[row.index].bounds
                    try session.setBounds(of: row, to: .between(lower: bounds.lower + (lower[row] ?? 0) * offset, upper: bounds.upper + (upper[row] ?? 0) * offset))
                }
                return session.solve()
            }
            func putBack() throws(SolverError) {
                for row in rows { try session.setBounds(of: row, to: model.constraints[row.index].bounds) }
                session.restoreRememberedBasis()
            }
            /// The price just past the plan's value one way: the next basis's, where the plan's
            /// allows no move that way.
            func priceJustPast(_ direction: Double) throws(SolverError) -> Double? {
                let solution = try solved(at: direction * nudge)
                try putBack()
                return solution.termination == .optimal ? withoutSolverNoise(price(solution)) : nil
            }
            /// A degenerate basis change keeps the price: past such an edge, the next basis's
            /// range carries on, until the price changes (or 20 bases on).
            func extended(_ reach: Double, _ direction: Double, at rate: Double) throws(SolverError) -> Double {
                var reach = reach
                for _ in 0..<20 where reach.isFinite && reach < 1e15 {
                    let solution = try solved(at: direction * (reach + nudge))
                    guard solution.termination == .optimal,
                          abs(withoutSolverNoise(price(solution)) - rate) <= 1e-9 * max(1e-6, abs(rate)),
                          let more = try room(direction) else { break }
                    reach += nudge + more
                }
                try putBack()
                return reach
            }
            if increase <= edge || decrease <= edge {
                let right = increase <= edge ? try priceJustPast(1) : entry.price
                let left = decrease <= edge ? try priceJustPast(-1) : entry.price
                if let left, let right, abs(left - right) > 1e-9 * max(1e-6, abs(left), abs(right)) {
                    entry.left = left
                    entry.right = right
                }
            }
            // Each side's range is where its own price holds.
            if increase > edge || entry.right != nil {
                entry.allowableIncrease = try extended(increase, 1, at: entry.right ?? entry.price)
            }
            if decrease > edge || entry.left != nil {
                entry.allowableDecrease = try extended(decrease, -1, at: entry.left ?? entry.price)
            }
            prices.append(entry)
        }
        session.restoreRememberedBasis()
        return prices
    }

    /// Every share field (a grade share, a staff-cost share, a priority's or Sector's share of
    /// spending), all the limits it sets moved together along the share.
    static func sharePathPrices(_ solved: SolvedScenario, session: inout SolverSession) throws(SolverError) -> [PathPrice] {
        let program = solved.compiled
        var rowsOfPath: [String: [ConstraintRef]] = [:]
        for (row, meaning) in program.rows where meaning.shareOf != nil {
            if let path = meaning.path { rowsOfPath[path, default: []].append(row) }
        }
        var fields: [(path: String, rows: [ConstraintRef], share: Double)] = []
        for (path, rows) in rowsOfPath.sorted(by: { $0.key < $1.key }) {
            // One number moves every row of the field: each states the same share.
            let shares = Set(rows.compactMap { program.meaning(of: $0).share })
            guard shares.count == 1, let share = shares.first else { continue }
            fields.append((path, rows, share))
        }
        let moves = try shareMoves(fields.map { field in
            (Dictionary(uniqueKeysWithValues: field.rows.map { ($0, program.expression(of: program.meaning(of: $0).shareOf!)) }), field.share)
        }, session: &session)
        var prices: [PathPrice] = []
        for (field, found) in zip(fields, moves) {
            guard let move = found else { continue }
            let (path, rows, share) = (field.path, field.rows, field.share)
            let (points, perPoint) = (ShareMove.points, ShareMove.perPoint)
            let first = rows.min { $0.index < $1.index }!
            prices.append(PathPrice(
                path: path, value: points(share), valueUnit: .percentagePoint, price: perPoint(move.price), priceUnit: .percentagePoint,
                allowableIncrease: points(move.increase), allowableDecrease: points(move.decrease),
                left: move.left.map(perPoint), right: move.right.map(perPoint),
                priceAtIncreaseEdge: perPoint(move.priceAtIncrease), priceAtDecreaseEdge: perPoint(move.priceAtDecrease),
                rowsMoved: rows.count, description: program.meaning(of: first).description))
        }
        return prices
    }

    /// How one field moves the model's limits per unit of it.
    private struct FieldMove: Sendable {
        var path: String
        var value: Double
        var lower: [ConstraintRef: Double]
        var upper: [ConstraintRef: Double]
    }

    private static func movedModel(_ path: String, to value: Double, base: Scenario, source: ScenarioSource) throws -> Model {
        let overrides = try ScenarioSweep.overrides(path: path, value: value, base: base, source: source)
        return ScenarioDriver.compile(try source.scenario(overrides: overrides).scenario).model
    }
}
