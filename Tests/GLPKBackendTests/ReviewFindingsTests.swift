import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Testing

/// Inputs that used to reach a GLPK abort, a Swift trap or a wrong answer.
@Suite("Hostile inputs")
struct HostileInputTests {
    private func issues(_ model: Model) -> [String] {
        model.validationIssues().map(\.description)
    }

    @Test func controlCharacterInModelNameIsRejected() throws {
        var model = Model(name: "my\tplan")
        let x = model.addVariable("x")
        model.addConstraint(x <= 1, name: "c")
        #expect(issues(model) == ["model: name must be at most 255 bytes without control characters"])
        #expect(throws: SolverError.self) { try GLPKSolver().solve(model, options: SolveOptions()) }
    }

    @Test func controlCharacterInFileNameDoesNotReachGLPK() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("my\tplan.lp")
        try "Maximize\n obj: x\nSubject To\n c: x <= 1\nEnd\n".write(toFile: path, atomically: true, encoding: .utf8)
        let model = try ModelFile.read(from: path, format: .cplexLP)
        #expect(model.name == "myplan")
        #expect(try GLPKSolver().solve(model, options: SolveOptions()).objectiveValue == 1)
    }

    @Test func modelsWithoutRowsOrColumnsAreNotWritten() throws {
        var model = Model(name: "bare")
        model.addVariable("x")
        let directory = try TemporaryDirectory()
        for format in ModelFileFormat.allCases {
            let error = try #require(throws: ModelFileError.self) {
                try ModelFile.write(model, to: directory.path("bare.\(format.rawValue)"), format: format)
            }
            #expect(error.message == "a model needs at least one constraint and one variable to be written by GLPK")
        }
    }

    @Test func negligibleNumbersAreRejected() throws {
        var model = Model(name: "tiny")
        let x = model.addVariable("x", lowerBound: -1e-100)
        model.addConstraint(-1e-100 * x + x <= 1, name: "c")
        #expect(issues(model) == [
            "variable 'x' (column 1): lower bound -1e-100 is below 1e-30 in magnitude; write 0",
        ])
        var other = Model(name: "tiny")
        let y = other.addVariable("y")
        other.addConstraint(LinearExpression([y: -1e-100]) <= 1, name: "c")
        #expect(issues(other) == ["constraint 'c' (row 1): coefficient of 'y' is -1e-100, below 1e-30 in magnitude; write 0"])
    }

    @Test func dollarNamesAreRejected() {
        var model = Model(name: "m")
        model.addVariable("$x")
        #expect(issues(model) == ["variable '$x' (column 1): name starts with '$'; a name may not start with a digit, a period or '$' (a comment in MPS files)"])
    }

    @Test func fractionalBoundsOnIntegersAreRejected() {
        var model = Model(name: "m")
        model.addVariable("n", lowerBound: 0.5, upperBound: 3.5, kind: .integer)
        #expect(issues(model) == ["variable 'n' (column 1): an integer variable needs whole-number bounds, not [0.5, 3.5]"])
    }

    @Test func oddlySpelledRangeSlacksAreOrdinaryColumns() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("slacks.lp")
        try """
        Minimize
         obj: x
        Subject To
         c1: x - ~r_1 - ~r_01 = 1
        Bounds
         0 <= ~r_1 <= 2
         0 <= ~r_01 <= 3
        End

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: ModelFileError.self) { try ModelFile.read(from: path, format: .cplexLP) }
        // `~r_1` is GLPK's slack of row 1 and folds into a range; `~r_01` is a column whose name is reserved.
        #expect(error.message.contains("variable '~r_01' (column 2): name starts with '~r_'"), "\(error)")
    }

    @Test func basicEqualityRowHasNoRoomEitherWay() throws {
        var model = Model(name: "twin")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint(x + y == 2, name: "c1")
        model.addConstraint(x + y == 2, name: "c2")
        model.minimize(x + 2 * y)
        var options = SolveOptions()
        options.computeSensitivity = true
        let sensitivity = try #require(try GLPKSolver().solve(model, options: options).sensitivity)
        for row in sensitivity.constraints where row.basisStatus == .basic {
            #expect(row.allowableIncrease == 0 && row.allowableDecrease == 0, "\(row.name)")
        }
    }

    @Test(arguments: [true, false])
    func unboundedRelaxationWithoutIntegerSolution(presolve: Bool) throws {
        var model = Model(name: "parity")
        let x = model.addVariable("x", kind: .integer)
        let z = model.addVariable("z", kind: .integer)
        let y = model.addVariable("y")
        model.addConstraint(2 * x - 2 * z == 1, name: "odd")
        model.minimize(-y)
        var options = SolveOptions()
        options.presolve = presolve
        let solution = try GLPKSolver().solve(model, options: options)
        #expect(solution.termination == .infeasibleOrUnbounded)
        #expect(!solution.hasSolution)
    }
}
