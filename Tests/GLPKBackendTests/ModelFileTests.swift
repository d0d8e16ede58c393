import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import LPConformance
import Testing

@Suite("Model files")
struct ModelFileTests {
    static let models: [TestModel] =
        ConformanceSuite.problems
            .filter { $0.expectation.status == "optimal" }
            .map { TestModel($0.model, $0.name) }
        + (1...10).map { TestModel(RandomModels.boundedLP(seed: UInt64(100 + $0)), "random LP, seed \(100 + $0)") }

    @Test(arguments: models)
    func cplexLPRoundTripKeepsModelAndOptimum(_ test: TestModel) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("model.lp")
        try ModelFile.write(test.model, to: path, format: .cplexLP)
        let reread = try ModelFile.read(from: path, format: .cplexLP)
        #expect(reread.variables.map(\.name) == test.model.variables.map(\.name))
        #expect(reread.constraints.map(\.name) == test.model.constraints.map(\.name))
        #expect(reread.variables.map(\.kind) == test.model.variables.map(\.kind))
        #expect(reread.objective.sense == test.model.objective.sense)
        let original = try GLPKSolver().solve(test.model, options: SolveOptions())
        let roundTrip = try GLPKSolver().solve(reread, options: SolveOptions())
        let expected = try #require(original.objectiveValue)
        let actual = try #require(roundTrip.objectiveValue)
        #expect(ConformanceProblem.isClose(actual, expected, tolerance: 1e-9))
        // glpsol, an independent reader and solver, agrees on the exported file.
        let glpsol = try Glpsol.objective(for: path, format: "lp")
        #expect(abs(glpsol - expected) <= 1e-5 * max(1, abs(expected)))
    }

    @Test(arguments: models)
    func freeMPSRoundTripKeepsOptimumWhenSenseIsGiven(_ test: TestModel) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("model.mps")
        try ModelFile.write(test.model, to: path, format: .freeMPS)
        let reread = try ModelFile.read(from: path, format: .freeMPS, sense: test.model.objective.sense)
        let original = try #require(try GLPKSolver().solve(test.model, options: SolveOptions()).objectiveValue)
        let roundTrip = try #require(try GLPKSolver().solve(reread, options: SolveOptions()).objectiveValue)
        #expect(abs(roundTrip - original) <= 1e-9 * max(1, abs(original)))
    }

    @Test func namesWithEveryAllowedPunctuationSurviveTheLPWriter() throws {
        var model = Model(name: "names")
        let name = "budget(ITUD,Applications,CapacityDevelopment,2026)!\"#$%&/;?@_`'{}|~."
        let x = model.addVariable(name, upperBound: 3)
        model.addConstraint(2 * x <= 5, name: "cap{a|b}~2026")
        model.maximize(LinearExpression(x))
        let directory = try TemporaryDirectory()
        let path = directory.path("names.lp")
        try ModelFile.write(model, to: path, format: .cplexLP)
        let reread = try ModelFile.read(from: path, format: .cplexLP)
        #expect(reread.variables.map(\.name) == [name])
        #expect(reread.constraints.map(\.name) == ["cap{a|b}~2026"])
    }

    @Test func objectiveConstantSurvivesTheLPWriter() throws {
        var model = Model(name: "constant")
        let x = model.addVariable("x", upperBound: 2)
        model.addConstraint(x <= 1.5, name: "cap")
        model.maximize(3 * x + 10)
        let directory = try TemporaryDirectory()
        let path = directory.path("constant.lp")
        try ModelFile.write(model, to: path, format: .cplexLP)
        let solution = try GLPKSolver().solve(ModelFile.read(from: path, format: .cplexLP), options: SolveOptions())
        #expect(solution.objectiveValue == 14.5)
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("broken.lp")
        try "Maximize\n obj: 3 x + \nSubject To\n c1: x <= \nEnd\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: ModelFileError.self) { try ModelFile.read(from: path, format: .cplexLP) }
        #expect(error.path == path)
        #expect(error.description == "\(path):3: missing variable name", "\(error)")
    }

    @Test func missingFileIsAClearError() throws {
        let error = try #require(throws: ModelFileError.self) {
            try ModelFile.read(from: "/nonexistent/model.lp", format: .cplexLP)
        }
        #expect(error.description == "/nonexistent/model.lp: no readable file at this path")
    }

    @Test func unwritablePathIsAClearError() throws {
        var model = Model(name: "m")
        let x = model.addVariable("x")
        model.addConstraint(x <= 1, name: "c")
        let error = try #require(throws: ModelFileError.self) {
            try ModelFile.write(model, to: "/nonexistent/dir/m.lp", format: .cplexLP)
        }
        #expect(error.path == "/nonexistent/dir/m.lp")
        #expect(error.message.contains("Unable to create"), "\(error)")
    }

    @Test func mpsNamesOutsideTheLPAlphabetAreRejectedWithTheName() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("dash.mps")
        let mps = """
        NAME dash
        ROWS
         N obj
         L row-1
        COLUMNS
         x obj 1 row-1 1
        RHS
         RHS row-1 4
        ENDATA

        """
        try mps.write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: ModelFileError.self) { try ModelFile.read(from: path, format: .freeMPS) }
        #expect(error.description.contains("constraint 'row-1' (row 1): name contains '-'"), "\(error)")
    }
}
