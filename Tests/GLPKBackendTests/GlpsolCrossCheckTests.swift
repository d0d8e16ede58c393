import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import LPConformance
import Testing

/// Compares Allot's sensitivity report with `glpsol --ranges` on the exported CPLEX LP file:
/// an independent route through GLPK's own command-line program.
@Suite("Cross-check with glpsol --ranges")
struct GlpsolCrossCheckTests {
    /// Ranged rows are left out: Allot caps their ranges at the row's other limit, glpsol does not.
    static let models: [TestModel] =
        ConformanceSuite.problems
            .filter { $0.expectation.status == "optimal" && !$0.model.isMixedInteger }
            .map { TestModel($0.model, $0.name) }
            .filter { test in !test.model.constraints.contains { if case .ranged = $0.bounds { true } else { false } } }
        + (1...60).map { TestModel(RandomModels.boundedLP(seed: UInt64($0)), "random LP, seed \($0)") }

    @Test func mostModelsHaveAUniqueBasis() throws {
        var options = SolveOptions()
        options.computeSensitivity = true
        let unique = try Self.models.filter { try !Self.isDegenerate(GLPKSolver().solve($0.model, options: options), $0.model) }
        #expect(unique.count >= 30, "only \(unique.count) of \(Self.models.count) models can be cross-checked")
    }

    @Test(arguments: models)
    func sensitivityMatchesGlpsol(_ test: TestModel) throws {
        let model = test.model
        var options = SolveOptions()
        options.computeSensitivity = true
        let solution = try GLPKSolver().solve(model, options: options)
        let sensitivity = try #require(solution.sensitivity)
        let directory = try TemporaryDirectory()
        let path = directory.path("model.lp")
        try ModelFile.write(model, to: path, format: .cplexLP)
        let report = try Glpsol.rangesReport(for: path)
        #expect(close(solution.objectiveValue ?? .nan, report.objective), "objective of \(model.name)")
        // With a degenerate or non-unique optimum the two routes may stop at different optimal
        // bases, whose ranges legitimately differ.
        guard !Self.isDegenerate(solution, model) else { return }

        for row in sensitivity.constraints where row.basisStatus != .basic {
            let reference = try #require(report.rows[row.name], "glpsol reports no row \(row.name)")
            #expect(close(row.rightHandSide - row.allowableDecrease, reference.activityRange.lower), "\(model.name) \(row.name) lower")
            #expect(close(row.rightHandSide + row.allowableIncrease, reference.activityRange.upper), "\(model.name) \(row.name) upper")
            if let objective = row.decreaseEdge.objectiveAtEdge {
                #expect(close(objective, reference.objectiveAtBreak.lower), "\(model.name) \(row.name) objective at lower")
            }
            if let objective = row.increaseEdge.objectiveAtEdge {
                #expect(close(objective, reference.objectiveAtBreak.upper), "\(model.name) \(row.name) objective at upper")
            }
            #expect(row.decreaseEdge.limitingElement?.name == reference.limiting.lower, "\(model.name) \(row.name) limiting lower")
            #expect(row.increaseEdge.limitingElement?.name == reference.limiting.upper, "\(model.name) \(row.name) limiting upper")
        }
        for column in sensitivity.variables where column.basisStatus == .basic {
            let reference = try #require(report.columns[column.name], "glpsol reports no column \(column.name)")
            #expect(close(column.objectiveCoefficient - column.allowableDecrease, reference.coefficientRange.lower), "\(model.name) \(column.name) lower")
            #expect(close(column.objectiveCoefficient + column.allowableIncrease, reference.coefficientRange.upper), "\(model.name) \(column.name) upper")
            #expect(column.decreaseEdge.limitingElement?.name == reference.limiting.lower, "\(model.name) \(column.name) limiting lower")
            #expect(column.increaseEdge.limitingElement?.name == reference.limiting.upper, "\(model.name) \(column.name) limiting upper")
        }
    }

    /// Primal degenerate (a basic variable or row at a limit) or dual degenerate (a non-basic
    /// one with zero reduced cost or price): the optimal basis is then not unique.
    static func isDegenerate(_ solution: Solution, _ model: Model) -> Bool {
        let tolerance = 1e-9
        let basicColumnAtBound = zip(solution.variables, model.variables).contains { result, definition in
            result.basisStatus == .basic
                && (abs(result.value - definition.lowerBound) < tolerance || abs(result.value - definition.upperBound) < tolerance)
        }
        let basicRowAtLimit = solution.constraints.contains { $0.basisStatus == .basic && abs($0.slack) < tolerance }
        let nonBasicColumnAtZeroCost = solution.variables.contains {
            $0.basisStatus != .basic && $0.basisStatus != .fixed && abs($0.reducedCost ?? 0) < tolerance
        }
        let nonBasicRowAtZeroPrice = solution.constraints.contains {
            $0.basisStatus != .basic && abs($0.shadowPrice ?? 0) < tolerance
        }
        return basicColumnAtBound || basicRowAtLimit || nonBasicColumnAtZeroCost || nonBasicRowAtZeroPrice
    }

    /// glpsol prints 6 significant digits.
    private func close(_ actual: Double, _ expected: Double) -> Bool {
        if actual.isInfinite || expected.isInfinite { return actual == expected }
        return abs(actual - expected) <= 1e-5 * max(1, abs(expected))
    }
}

/// A model with a short name for test listings.
struct TestModel: Sendable, CustomTestStringConvertible {
    var model: Model
    var name: String

    init(_ model: Model, _ name: String) {
        self.model = model
        self.name = name
    }

    var testDescription: String { name }
}
