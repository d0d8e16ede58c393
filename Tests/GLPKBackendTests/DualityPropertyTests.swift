import GLPKBackend
import LinearModel
import LPConformance
import Testing

/// Seeded random LPs (a failure names its seed): every optimal answer is primal and dual
/// feasible, satisfies complementary slackness and strong duality, and a warm re-solve after
/// random changes matches a cold solve.
@Suite("LP duality properties")
struct DualityPropertyTests {
    static let seeds = Array(UInt64(1)...520)
    static let tolerance = 1e-7

    private static func close(_ a: Double, _ b: Double, scale: Double = 1) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b), scale)
    }

    /// Checks one optimal solution; returns the failures as sentences.
    static func certificateFailures(_ model: Model, _ solution: Solution) -> [String] {
        var failures: [String] = []
        let maximize = model.objective.sense == .maximize
        let values = solution.variables.map(\.value)
        var dualObjective = model.objective.expression.constant
        for (index, result) in solution.variables.enumerated() {
            let definition = model.variables[index]
            let d = result.reducedCost ?? .nan
            let scale = max(1, abs(model.objective.coefficient(of: Variable(index: index))))
            if result.value < definition.lowerBound - tolerance * max(1, abs(definition.lowerBound))
                || result.value > definition.upperBound + tolerance * max(1, abs(definition.upperBound)) {
                failures.append("\(definition.name) = \(result.value) outside its bounds")
            }
            switch result.basisStatus {
            case .basic?: if abs(d) > tolerance * scale { failures.append("basic \(definition.name) has reduced cost \(d)") }
            case .atLowerBound?:
                if (maximize ? d > tolerance * scale : d < -tolerance * scale) { failures.append("\(definition.name) at lower with reduced cost \(d)") }
                if !close(result.value, definition.lowerBound) { failures.append("\(definition.name) marked at lower but is \(result.value)") }
                dualObjective += d * definition.lowerBound
            case .atUpperBound?:
                if (maximize ? d < -tolerance * scale : d > tolerance * scale) { failures.append("\(definition.name) at upper with reduced cost \(d)") }
                if !close(result.value, definition.upperBound) { failures.append("\(definition.name) marked at upper but is \(result.value)") }
                dualObjective += d * definition.upperBound
            case .fixed?: dualObjective += d * definition.lowerBound
            case .free?: if abs(d) > tolerance * scale { failures.append("free \(definition.name) has reduced cost \(d)") }
            case nil: failures.append("\(definition.name) has no basis status")
            }
        }
        for (index, result) in solution.constraints.enumerated() {
            let row = model.constraints[index]
            let activity = row.activity(at: values)
            let y = result.shadowPrice ?? .nan
            if activity < row.bounds.lower - tolerance * max(1, abs(row.bounds.lower))
                || activity > row.bounds.upper + tolerance * max(1, abs(row.bounds.upper)) {
                failures.append("\(row.name) activity \(activity) outside its limits")
            }
            switch result.basisStatus {
            case .basic?: if abs(y) > tolerance { failures.append("basic row \(row.name) has price \(y)") }
            case .atLowerBound?:
                if (maximize ? y > tolerance : y < -tolerance) { failures.append("\(row.name) at lower limit with price \(y)") }
                if !close(activity, row.bounds.lower) { failures.append("\(row.name) marked at lower but is \(activity)") }
                dualObjective += y * row.bounds.lower
            case .atUpperBound?:
                if (maximize ? y < -tolerance : y > tolerance) { failures.append("\(row.name) at upper limit with price \(y)") }
                if !close(activity, row.bounds.upper) { failures.append("\(row.name) marked at upper but is \(activity)") }
                dualObjective += y * row.bounds.upper
            case .fixed?: dualObjective += y * row.bounds.lower
            case .free?, nil: failures.append("\(row.name) has basis status \(String(describing: result.basisStatus))")
            }
        }
        let objective = solution.objectiveValue ?? .nan
        if !close(objective, model.objectiveValue(at: values)) { failures.append("objective \(objective) is not c·x") }
        if !close(objective, dualObjective) { failures.append("strong duality: primal \(objective), dual \(dualObjective)") }
        return failures
    }

    @Test(arguments: seeds)
    func optimalAnswersCarryAValidCertificate(seed: UInt64) throws {
        let model = RandomModels.mixedLP(seed: seed)
        let solution = try GLPKSolver().solve(model, options: SolveOptions())
        #expect(solution.termination == .optimal, "seed \(seed)")
        let failures = Self.certificateFailures(model, solution)
        #expect(failures.isEmpty, "seed \(seed): \(failures.joined(separator: "; "))")
    }

    /// The library's certificate (what every plan carries) agrees with this test's own check on
    /// the same answers, and catches an answer that is not optimal: a price with its sign
    /// flipped, a value moved off its bound, a reduced cost that does not match the prices.
    @Test(arguments: seeds.prefix(200))
    func theLibraryCertificatePassesOptimaAndCatchesTamperedAnswers(seed: UInt64) throws {
        let model = RandomModels.mixedLP(seed: seed)
        let solution = try GLPKSolver().solve(model, options: SolveOptions())
        guard solution.termination == .optimal else { return }
        let certificate = try #require(model.optimalityCertificate(of: solution))
        #expect(certificate.passed, "seed \(seed): \(certificate.summary) at \(String(describing: certificate.dualElement))")
        #expect(certificate.primalResidual < 1e-6 && certificate.relativeDualityGap < 1e-6)
        if let row = solution.constraints.indices.first(where: { abs(solution.constraints[$0].shadowPrice ?? 0) > 1e-3 }) {
            var tampered = solution
            tampered.constraints[row].shadowPrice = -(tampered.constraints[row].shadowPrice ?? 0)
            #expect(model.optimalityCertificate(of: tampered)?.passed == false, "seed \(seed): a flipped price")
        }
        if let column = solution.variables.indices.first(where: { abs(solution.variables[$0].reducedCost ?? 0) > 1e-3 }) {
            var tampered = solution
            tampered.variables[column].reducedCost = (tampered.variables[column].reducedCost ?? 0) * 1.5
            #expect(model.optimalityCertificate(of: tampered)?.passed == false, "seed \(seed): a reduced cost off its prices")
            var moved = solution
            moved.variables[column].value += 0.5
            #expect(model.optimalityCertificate(of: moved)?.passed == false, "seed \(seed): a value off its bound")
        }
    }

    @Test(arguments: seeds.prefix(200))
    func warmResolveAfterRandomChangesEqualsColdSolve(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed &* 7919)
        let model = RandomModels.mixedLP(seed: seed)
        try GLPKSolver().withSession(model, options: SolveOptions()) { session in
            _ = session.solve()
            for round in 0..<3 {
                let row = ConstraintRef(index: Int.random(in: 0..<model.constraints.count, using: &random))
                let shift = (Double.random(in: -2...2, using: &random) * 100).rounded() / 100
                let bounds: ConstraintBounds = switch session.model.constraints[row.index].bounds {
                case .lessOrEqual(let value): .lessOrEqual(value + abs(shift))
                case .greaterOrEqual(let value): .greaterOrEqual(value - abs(shift))
                case .equal(let value): .equal(value)
                case .ranged(let lower, let upper): .ranged(lower: lower - abs(shift), upper: upper + abs(shift))
                }
                try session.setBounds(of: row, to: bounds)
                let column = Variable(index: Int.random(in: 0..<model.variables.count, using: &random))
                try session.setObjectiveCoefficient(of: column, to: (Double.random(in: -6...12, using: &random) * 100).rounded() / 100)
                let warm = session.solve()
                let cold = try GLPKSolver().solve(session.model, options: SolveOptions())
                #expect(warm.termination == cold.termination, "seed \(seed) round \(round)")
                if let a = warm.objectiveValue, let b = cold.objectiveValue {
                    #expect(Self.close(a, b), "seed \(seed) round \(round): warm \(a), cold \(b)")
                }
                let degenerate = warm.variables.contains(where: \.isDegenerate) || warm.constraints.contains(where: \.isDegenerate)
                if !degenerate, warm.termination == .optimal {
                    for (a, b) in zip(warm.variables, cold.variables) {
                        #expect(Self.close(a.value, b.value), "seed \(seed) round \(round): \(a.name) warm \(a.value), cold \(b.value)")
                    }
                }
                #expect(Self.certificateFailures(session.model, warm).isEmpty, "seed \(seed) round \(round)")
            }
        }
    }

    @Test func aThousandConcurrentSolvesEqualSerial() throws {
        let models = (1...1000).map { RandomModels.mixedLP(seed: UInt64($0)) }
        let serial = GLPKSolver().solveAll(models, options: SolveOptions(), jobs: 1)
        let parallel = GLPKSolver().solveAll(models, options: SolveOptions(), jobs: 2)
        for (index, (a, b)) in zip(serial, parallel).enumerated() {
            let left = try a.get(), right = try b.get()
            #expect(left.objectiveValue == right.objectiveValue, "model \(index + 1)")
            #expect(left.variables.map(\.value) == right.variables.map(\.value), "model \(index + 1)")
            #expect(left.constraints.map(\.shadowPrice) == right.constraints.map(\.shadowPrice), "model \(index + 1)")
        }
    }
}
