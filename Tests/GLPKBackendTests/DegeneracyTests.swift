import GLPKBackend
import LinearModel
import LPConformance
import Testing

@Suite("Degenerate optima and one-sided prices")
struct DegeneracyTests {
    private func solve(_ model: Model) throws -> Solution {
        var options = SolveOptions()
        options.computeSensitivity = true
        return try GLPKSolver().solve(model, options: options)
    }

    /// The objective at a right-hand side, solved cold: the independent check of a price.
    private func objective(_ model: Model, _ row: Int, at value: Double) throws -> Double {
        var moved = model
        let bounds: ConstraintBounds = switch model.constraints[row].bounds {
        case .lessOrEqual: .lessOrEqual(value)
        case .greaterOrEqual: .greaterOrEqual(value)
        case .equal: .equal(value)
        case .ranged(let lower, _): .ranged(lower: lower, upper: value)
        }
        moved.setBounds(of: ConstraintRef(index: row), bounds)
        return try #require(try GLPKSolver().solve(moved, options: SolveOptions()).objectiveValue)
    }

    /// max x + y with x <= 1, y <= 1, x + y <= 2: three limits meet at (1, 1). Loosening any one
    /// gains nothing (right price 0); tightening any one costs 1 per unit (left price 1).
    @Test func threeLimitsThroughOneVertex() throws {
        var model = Model(name: "vertex")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint(x <= 1, name: "cap_x")
        model.addConstraint(y <= 1, name: "cap_y")
        model.addConstraint(x + y <= 2, name: "cap_sum")
        model.maximize(x + y)
        let solution = try solve(model)
        #expect(solution.objectiveValue == 2)
        #expect(solution.constraints.contains { $0.isDegenerate })
        let rows = try #require(solution.sensitivity?.constraints)
        #expect(rows.allSatisfy { $0.isDegenerate })
        for row in rows {
            let left = try #require(row.leftPrice, "\(row.name) has no left price")
            let right = try #require(row.rightPrice, "\(row.name) has no right price")
            #expect(abs(left.price - 1) < 1e-9, "\(row.name) left \(left.price)")
            #expect(abs(right.price) < 1e-9, "\(row.name) right \(right.price)")
            #expect(left.to == row.rightHandSide && left.from < row.rightHandSide)
            #expect(right.from == row.rightHandSide && right.to > row.rightHandSide)
            #expect([left.price, right.price].contains { abs($0 - row.shadowPrice) < 1e-9 }, "the current basis's price is one of the two")
        }
    }

    /// Random degenerate LPs: wherever left and right prices are reported, they agree with
    /// finite differences of cold solves on their side, and the range each claims is real.
    @Test(arguments: Array(UInt64(1)...80))
    func oneSidedPricesMatchFiniteDifferences(seed: UInt64) throws {
        let model = degenerate(seed: seed)
        let solution = try solve(model)
        guard solution.termination == .optimal, let rows = solution.sensitivity?.constraints else { return }
        let base = try #require(solution.objectiveValue)
        for (index, row) in rows.enumerated() {
            guard let left = row.leftPrice, let right = row.rightPrice else { continue }
            // GLPK's tolerances leave about 1e-8 of noise in an optimal objective: steps of at
            // least 1e-2 keep the difference quotient's noise near 1e-6.
            let rightStep = min(0.01, (right.to - right.from) / 2)
            if rightStep >= 0.01 {
                let slope = (try objective(model, index, at: row.rightHandSide + rightStep) - base) / rightStep
                #expect(abs(slope - right.price) < 1e-5 * max(1, abs(right.price)), "seed \(seed) \(row.name): right \(right.price), slope \(slope)")
            }
            let leftStep = min(0.01, (left.to - left.from) / 2)
            if leftStep >= 0.01 {
                let slope = (base - (try objective(model, index, at: row.rightHandSide - leftStep))) / leftStep
                #expect(abs(slope - left.price) < 1e-5 * max(1, abs(left.price)), "seed \(seed) \(row.name): left \(left.price), slope \(slope)")
            }
        }
    }

    @Test func someRandomModelsHaveOneSidedPrices() throws {
        let count = try (UInt64(1)...80).filter { seed in
            try solve(degenerate(seed: seed)).sensitivity?.constraints.contains { $0.leftPrice != nil } ?? false
        }.count
        #expect(count >= 10, "only \(count) of 80 degenerate models had one-sided prices")
    }

    /// A bounded random LP plus a row through its optimal vertex (the sum of the variables that
    /// are positive there, capped at its value), which makes that vertex degenerate.
    private func degenerate(seed: UInt64) -> Model {
        var model = RandomModels.boundedLP(seed: seed)
        guard let solution = try? GLPKSolver().solve(model, options: SolveOptions()) else { return model }
        let values = solution.variables.map(\.value)
        var sum = LinearExpression()
        for variable in model.variables.indices.map(Variable.init(index:)) where values[variable.index] > 1e-9 {
            sum.add(1, variable)
        }
        model.addConstraint(sum <= sum.value(at: values), name: "through_vertex")
        return model
    }
}

@Suite("Allowable ranges, confirmed by re-solving")
struct RangeConfirmationTests {
    private func basis(_ solution: Solution) -> [BasisStatus?] {
        solution.variables.map(\.basisStatus) + solution.constraints.map(\.basisStatus)
    }

    @Test(arguments: Array(UInt64(1)...60))
    func insideKeepsTheBasisOutsideChangesIt(seed: UInt64) throws {
        let model = RandomModels.boundedLP(seed: seed)
        var options = SolveOptions()
        options.computeSensitivity = true
        let solution = try GLPKSolver().solve(model, options: options)
        let degenerate = solution.variables.contains { $0.isDegenerate } || solution.constraints.contains { $0.isDegenerate }
        guard solution.termination == .optimal, !degenerate, let sensitivity = solution.sensitivity else { return }
        let original = basis(solution)
        for (index, row) in sensitivity.constraints.enumerated() where row.basisStatus != .basic {
            for (distance, sign) in [(row.allowableIncrease, 1.0), (row.allowableDecrease, -1.0)] where distance.isFinite && distance > 1e-6 {
                for (fraction, keeps) in [(0.999, true), (1.001, false)] {
                    let value = row.rightHandSide + sign * (distance * fraction + (keeps ? 0 : 1e-6))
                    var moved = model
                    moved.setBounds(of: ConstraintRef(index: index), .lessOrEqual(value))
                    let resolved = try GLPKSolver().solve(moved, options: SolveOptions())
                    if keeps {
                        #expect(basis(resolved) == original, "seed \(seed) \(row.name) at \(value): basis changed inside the range")
                    } else if resolved.termination == .optimal {
                        #expect(basis(resolved) != original, "seed \(seed) \(row.name) at \(value): basis kept outside the range")
                    }
                }
            }
        }
        for (index, column) in sensitivity.variables.enumerated() where column.basisStatus == .basic {
            for (distance, sign) in [(column.allowableIncrease, 1.0), (column.allowableDecrease, -1.0)] where distance.isFinite && distance > 1e-6 {
                for (fraction, keeps) in [(0.999, true), (1.001, false)] {
                    var moved = model
                    moved.setObjectiveCoefficient(of: Variable(index: index), to: column.objectiveCoefficient + sign * (distance * fraction + (keeps ? 0 : 1e-6)))
                    let resolved = try GLPKSolver().solve(moved, options: SolveOptions())
                    if keeps {
                        #expect(basis(resolved) == original, "seed \(seed) \(column.name): basis changed inside the coefficient range")
                    } else {
                        #expect(basis(resolved) != original, "seed \(seed) \(column.name): basis kept outside the coefficient range")
                    }
                }
            }
        }
    }
}
