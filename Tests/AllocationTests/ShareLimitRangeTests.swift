@testable import Allocation
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Testing

/// Every share `allot sensitivity` prices: each share limit of the appendix along its own share
/// (a line's staff-cost or grade share in one year, a priority's or Sector's share of one year's
/// spending) and each share field with all the limits it sets. Checked by re-solving the LP
/// with the rows' coefficients moved (row − t·base, what a share of t more does), warm from the
/// plan's basis with tight tolerances: an independent route from the ranging, which never
/// re-solves inside the range.
///
/// The checks: the slope next to the value
/// is the price each way (to 1e-3); at each edge the slope, extrapolated from two steps inside,
/// is the price the report gives at the edge (to 1e-3); just past a finite edge the slope leaves
/// the curve continued from the edge's price (by more than 1e-5, over a step of the edge's, a
/// tenth or a hundredth of it: the next piece can be short; the report ends a range where the
/// price jumps by 1e-4), or there is no plan. Steps: 1e-5 of share next to the value (at most a
/// hundredth of the range), 1e-3 at the edges (at most a quarter of it). Noise: 1e-13 of the
/// impact per point, over the step (warm solves from the plan's basis with tight tolerances are
/// that close to exact). At 0 or 100 % the edge is read 1e-6 of the range inside, where the
/// basis turns singular.
@Suite("Shares along the share")
struct ShareLimitRangeTests {
    /// One share's figures as the report gives them (per percentage point, ranges in points).
    struct Reported {
        var label: String
        var price: Double
        var left: Double?
        var right: Double?
        var increase: Double
        var decrease: Double
        var atIncreaseEdge: Double?
        var atDecreaseEdge: Double?
    }

    /// Checks both sides of one share move (`moves`: each row's base) against warm re-solves
    /// from the plan's basis with the rows' coefficients moved; returns the failures and the
    /// number of sides checked. The session has the plan's basis remembered.
    static func check(
        _ reported: Reported, moves: [ConstraintRef: LinearExpression], value: Double, model: Model, noise: Double,
        session: inout SolverSession
    ) throws -> (failures: [String], checked: Int) {
        var failures: [String] = []
        var checked = 0
        var lastFailure = ""
        func objective(at share: Double) throws -> Double? {
            for (row, base) in moves {
                var expression = LinearExpression(Dictionary(uniqueKeysWithValues: model.constraints[row.index].terms.map { ($0.variable, $0.coefficient) }))
                expression.add(base, scaledBy: -(share - value))
                try session.setTerms(of: row, to: expression.terms.filter { abs($0.coefficient) > 1e-12 })
            }
            session.restoreRememberedBasis()
            let solution = session.solve()
            if solution.termination != .optimal { lastFailure = "\(solution.termination) at \(share)" }
            return solution.termination == .optimal ? solution.objectiveValue : nil
        }
        defer {
            for row in moves.keys { try? session.setTerms(of: row, to: model.constraints[row.index].terms) }
            session.restoreRememberedBasis()
        }
        for side in [1.0, -1.0] {
            let reach = (side > 0 ? reported.increase : reported.decrease) / 100
            let room = side > 0 ? 1 - value : value
            let at = 100 * ((side > 0 ? reported.right : reported.left) ?? reported.price)
            let edge = 100 * ((side > 0 ? reported.atIncreaseEdge : reported.atDecreaseEdge) ?? reported.price)
            let label = "\(reported.label) \(side > 0 ? "up" : "down")"
            func slope(_ a: Double?, _ b: Double?, _ width: Double) -> Double? { a.flatMap { a in b.map { ($0 - a) / (side * width) } } }
            guard reach > 1e-9 else { continue }
            checked += 1
            let near = min(1e-5, reach / 100)
            if let measured = slope(try objective(at: value), try objective(at: value + side * near), near) {
                if abs(measured - at) > 1e-3 * max(abs(measured), abs(at)) + 2 * noise / near {
                    failures.append("\(label): at the value re-solves give \(measured / 100) per point, the report \(at / 100)")
                }
            } else {
                failures.append("\(label): no plan next to the value")
            }
            let w = min(1e-3, reach / 4)
            // At 0 or 100 % the plan's basis turns singular: the edge is read just inside.
            let end = reach < room - 1e-9 ? reach : reach * (1 - 1e-6)
            let z = try [end - 2 * w, end - w, end].map { try objective(at: value + side * $0) }
            guard let s1 = slope(z[0], z[1], w), let s2 = slope(z[1], z[2], w) else {
                failures.append("\(label): no plan inside the range (\(lastFailure), reach \(reach))")
                continue
            }
            let atEdge = s2 + (s2 - s1) / 2
            if abs(atEdge - edge) > 1e-3 * max(abs(atEdge), abs(edge)) + 4 * noise / w {
                failures.append("\(label): at the edge re-solves give \(atEdge / 100) per point, the report \(edge / 100)")
            }
            guard reach < room - 1e-9 else { continue }
            // Past the edge, over shrinking steps (the next piece can be short): the slope must
            // leave the curve inside, continued from the edge's price.
            // (A range shorter than a few steps is probed past its edge by fixed steps, without
            // the curvature read from steps inside it, which would be noise.)
            let curvature = w >= 1e-6 ? (s2 - s1) / w : 0
            var left = false
            var closest = ""
            for step in Array(Set([w, w / 10, w / 100, 1e-5, 1e-6])).sorted(by: >) where step >= 1e-7 {
                let step = min(step, room - reach)
                guard let past = slope(z[2], try objective(at: value + side * (reach + step)), step) else { left = true; break }
                let expected = edge + curvature * step / 2
                if abs(past - expected) > 1e-5 * max(abs(expected), abs(past)) + 2 * noise / step { left = true; break }
                closest = "\(past / 100) per point over \(step)"
            }
            if !left { failures.append("\(label): past the edge the slope carries on the curve inside (\(closest), edge \(edge / 100))") }
        }
        return (failures, checked)
    }

    /// Checks every share of `items` on one session at the plan's basis, tight tolerances.
    static func checkAll(
        _ items: [(reported: Reported, moves: [ConstraintRef: LinearExpression], value: Double)], solved: SolvedScenario, model: Model, objective: Double
    ) throws -> (failures: [String], checked: Int) {
        var tight = SolveOptions()
        tight.tightTolerances = true
        var failures: [String] = []
        var checked = 0
        try GLPKSolver().withSession(model, options: tight) { session in
            let adopted = session.startFromBasis(of: solved.solution)
            #expect(adopted)
            _ = session.solve()
            session.rememberBasis()
            for item in items {
                let result = try check(item.reported, moves: item.moves, value: item.value, model: model, noise: 1e-13 * abs(objective), session: &session)
                failures += result.failures
                checked += result.checked
            }
        }
        return (failures, checked)
    }

    static let scenarios = ["itu-2024-2027.yaml", "itu-tight-staff-freeze.yaml", "itu-conference-heavy-2026.yaml"]

    /// Every share limit of the appendix, along its own share.
    @Test(arguments: scenarios)
    func everyShareLimitHoldsAlongItsShare(file: String) throws {
        let source = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent(file))
        let solved = try ScenarioDriver.solve(try source.scenario().scenario, with: GLPKSolver(), sensitivity: true)
        let model = try #require(solved.analysisModel)
        let objective = try #require(solved.plan.objective)
        let sensitivity = try SensitivityAnalyzer.analyze(solved, with: GLPKSolver())
        let program = solved.compiled
        let shares = sensitivity.prices.compactMap { price -> (LimitPrice, ConstraintRef)? in
            guard let row = program.row(price.key), program.meaning(of: row).shareOf != nil else { return nil }
            return (price, row)
        }
        #expect(shares.count >= 20, "\(file): \(shares.count) share limits priced")
        let items = try shares.map { price, row in
            let meaning = program.meaning(of: row)
            return (Reported(label: "\(file) \(price.constraint)", price: price.shadowPrice, left: price.left?.price, right: price.right?.price,
                             increase: price.allowableIncrease, decrease: price.allowableDecrease,
                             atIncreaseEdge: price.priceAtIncreaseEdge, atDecreaseEdge: price.priceAtDecreaseEdge),
                    [row: program.expression(of: meaning.shareOf!)], try #require(meaning.share))
        }
        let (failures, checked) = try Self.checkAll(items, solved: solved, model: model, objective: objective)
        #expect(failures.isEmpty, Comment(rawValue: "\(file): \(failures.count) of \(checked) sides fail:\n" + failures.prefix(20).joined(separator: "\n")))
    }

    /// Every share field (all the limits one number sets), along the share. The field's move is
    /// first checked through the scenario file: compiled with the share 0.001 higher, exactly its
    /// rows change, each by −0.001 × its base; the re-solves then move those rows in the LP.
    @Test(arguments: scenarios)
    func everyShareFieldHoldsAlongItsShare(file: String) throws {
        let source = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent(file))
        let base = try source.scenario().scenario
        let solved = try ScenarioDriver.solve(base, with: GLPKSolver(), sensitivity: true)
        let model = try #require(solved.analysisModel)
        let objective = try #require(solved.plan.objective)
        let sensitivity = try SensitivityAnalyzer.analyze(solved, source: source, with: GLPKSolver())
        let program = solved.compiled
        let fields = sensitivity.pathPrices.filter { $0.valueUnit == .percentagePoint }
        #expect(fields.count >= 10, "\(file): \(fields.count) share fields priced")
        var moves: [String: [ConstraintRef: LinearExpression]] = [:]
        for field in fields {
            let rows = program.rows.filter { $0.meaning.path == field.path && $0.meaning.shareOf != nil }.map(\.row)
            #expect(rows.count == field.rowsMoved)
            let step = 1e-3
            let overrides = try ScenarioSweep.overrides(path: field.path, value: field.value / 100 + step, base: base, source: source)
            let moved = ScenarioDriver.compile(try source.scenario(overrides: overrides).scenario).model
            let changed = Set(model.constraints.indices.filter { model.constraints[$0].terms != moved.constraints[$0].terms })
            #expect(changed == Set(rows.map(\.index)), "\(file) \(field.path): the file moves other rows")
            var fieldMoves: [ConstraintRef: LinearExpression] = [:]
            for row in rows {
                let expression = program.expression(of: program.meaning(of: row).shareOf!)
                let before = Dictionary(uniqueKeysWithValues: model.constraints[row.index].terms.map { ($0.variable, $0.coefficient) })
                let after = Dictionary(uniqueKeysWithValues: moved.constraints[row.index].terms.map { ($0.variable, $0.coefficient) })
                for variable in Set(before.keys).union(after.keys) {
                    let expected = (before[variable] ?? 0) - step * expression.coefficients[variable, default: 0]
                    #expect(abs((after[variable] ?? 0) - expected) <= 1e-12, "\(file) \(field.path) row \(row.index)")
                }
                fieldMoves[row] = expression
            }
            moves[field.path] = fieldMoves
        }
        let items = fields.map { field in
            (Reported(label: "\(file) \(field.path)", price: field.price, left: field.left, right: field.right,
                      increase: field.allowableIncrease, decrease: field.allowableDecrease,
                      atIncreaseEdge: field.priceAtIncreaseEdge, atDecreaseEdge: field.priceAtDecreaseEdge),
             moves[field.path]!, field.value / 100)
        }
        let (failures, checked) = try Self.checkAll(items, solved: solved, model: model, objective: objective)
        #expect(failures.isEmpty, Comment(rawValue: "\(file): \(failures.count) of \(checked) sides fail:\n" + failures.prefix(20).joined(separator: "\n")))
    }
}
