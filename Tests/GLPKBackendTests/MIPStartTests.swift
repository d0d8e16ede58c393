import Foundation
import GLPKBackend
import LinearModel
import Testing

/// A starting plan reaches GLPK only on the model's own columns and only when it is feasible;
/// whatever is offered, the point reported meets every limit of the model.
@Suite("MIP starting plans")
struct MIPStartTests {
    /// max 5a + 4b + 3c + 2d with a + b <= 1 and 2a + 3b + 2c + 2d <= 7, each integer in 0...3:
    /// the relaxation is fractional (c = 2.5), so branch-and-cut runs and can take a start.
    static func model() -> Model {
        var model = Model(name: "start")
        let a = model.addVariable("a", upperBound: 3, kind: .integer)
        let b = model.addVariable("b", upperBound: 3, kind: .integer)
        let c = model.addVariable("c", upperBound: 3, kind: .integer)
        let d = model.addVariable("d", upperBound: 3, kind: .integer)
        model.addConstraint(a + b <= 1, name: "pick")
        model.addConstraint(2 * a + 3 * b + 2 * c + 2 * d <= 7, name: "budget")
        model.maximize(5 * a + 4 * b + 3 * c + 2 * d)
        return model
    }

    static func options(start: [Double]?, presolve: Bool) -> SolveOptions {
        var options = SolveOptions()
        options.presolve = presolve
        options.mipStart = start
        return options
    }

    @Test(arguments: [true, false])
    func aFeasibleStartIsTakenOnTheModelsColumns(presolve: Bool) throws {
        let model = Self.model()
        // a = 1, c = 2 is the optimum, 11 (a = 0 allows c = 3: 9; b = 1 allows c = 2: 10).
        let solution = try GLPKSolver().solve(model, options: Self.options(start: [1, 0, 2, 0], presolve: presolve))
        #expect(solution.termination == .optimal)
        #expect(solution.objectiveValue == 11)
        #expect(model.violations(at: solution.variables.map(\.value)).isEmpty)
        let start = try #require(solution.mip?.start)
        #expect(start == .accepted || start == .declined, "\(start)")
    }

    @Test(arguments: [true, false])
    func aPermutedStartIsNeverOfferedAndNeverReported(presolve: Bool) throws {
        let model = Self.model()
        // The feasible start [1, 0, 2, 0] in the wrong column order: [2, 0, 1, 0] breaks the rows.
        let solution = try GLPKSolver().solve(model, options: Self.options(start: [2, 0, 1, 0], presolve: presolve))
        guard case .notOffered(let reason)? = solution.mip?.start else {
            Issue.record("a start that breaks the model was offered: \(String(describing: solution.mip?.start))")
            return
        }
        #expect(reason.contains("breaks the model"))
        #expect(solution.termination == .optimal)
        #expect(model.violations(at: solution.variables.map(\.value)).isEmpty)
        let reference = try GLPKSolver().solve(model, options: Self.options(start: nil, presolve: presolve))
        #expect(solution.objectiveValue == reference.objectiveValue)
        #expect(reference.mip?.start == .notGiven)
    }

    @Test func violationsNameWhatIsBrokenAndByHowMuch() {
        let model = Self.model()
        let found = model.violations(at: [3, 1, 1.5, 0])
        #expect(found.contains { $0.name == "pick" && $0.amount == 3 })
        #expect(found.contains { $0.name == "budget" && $0.amount == 5 })
        #expect(found.contains { $0.name == "c" && $0.element == .integrality(Variable(index: 2)) && $0.amount == 0.5 })
        #expect(model.violations(at: [1, 0, 2, 0]).isEmpty)
        #expect(model.violations(at: [1, 0, 2, 1e-9]).isEmpty, "within the tolerance")
    }
}
