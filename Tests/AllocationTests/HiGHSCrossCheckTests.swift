import Allocation
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import LPConformance
import Testing

/// Allot against an independent solver: HiGHS (Python package `highspy`, installed by `.ci/run`)
/// on the shipped scenarios' LPs and 100 seeded random LPs, exported as free MPS. Objectives to
/// 1e-7 relative; where the optimum is not degenerate, every row price and reduced cost to 1e-7
/// and the ranges of binding rows and basic columns to 1e-6; a degenerate row's HiGHS price must
/// lie between Allot's left and right prices. `Tests/HiGHS/compare.py` does the comparing and
/// prints its counts. Without `highspy` the test is skipped with a message, unless
/// `ALLOT_REQUIRE_HIGHS=1` (CI) makes that a failure.
@Suite("Cross-check with HiGHS")
struct HiGHSCrossCheckTests {
    static let packageRoot = TestPaths.packageRoot

    /// The Python that has `highspy` (see ``TestPython``).
    static func python() -> String? { TestPython.interpreter(importing: "highspy") }

    /// One case for the script: the model's file and Allot's answer.
    static func describe(_ name: String, _ model: Model, _ solution: Solution, file: String) throws -> [String: Any] {
        let report = try #require(solution.sensitivity, "\(name): no sensitivity report")
        let rows: [[String: Any]] = report.constraints.map { row in
            var entry: [String: Any] = ["name": row.name, "price": row.shadowPrice, "degenerate": row.isDegenerate, "basic": row.basisStatus == .basic,
                                        "rhs": row.rightHandSide, "increase": finite(row.allowableIncrease), "decrease": finite(row.allowableDecrease)]
            if let left = row.leftPrice { entry["left"] = left.price }
            if let right = row.rightPrice { entry["right"] = right.price }
            return entry
        }
        let columns: [[String: Any]] = report.variables.map { column in
            ["name": column.name, "value": column.value, "reducedCost": column.reducedCost, "degenerate": column.isDegenerate,
             "basic": column.basisStatus == .basic, "cost": column.objectiveCoefficient,
             "increase": finite(column.allowableIncrease), "decrease": finite(column.allowableDecrease)]
        }
        return ["name": name, "model": file, "sense": model.objective.sense == .maximize ? "max" : "min",
                "objective": (solution.objectiveValue ?? .nan) - model.objective.expression.constant, "rows": rows, "columns": columns]
    }

    /// JSON has no infinity: the script reads 1e300 as "no limit".
    static func finite(_ value: Double) -> Double { value.isFinite ? value : 1e300 }

    @Test func allotAgreesWithHiGHS() throws {
        guard let python = Self.python() else {
            if ProcessInfo.processInfo.environment["ALLOT_REQUIRE_HIGHS"] == "1" { Issue.record("highspy is required (ALLOT_REQUIRE_HIGHS=1) and not found") }
            else { print("HiGHS cross-check skipped: no python3 with highspy (pip install highspy, or run .ci/run)") }
            return
        }
        let folder = try TemporaryDirectory()
        var cases: [[String: Any]] = []
        var options = SolveOptions()
        options.computeSensitivity = true
        func add(_ name: String, _ model: Model) throws {
            let solution = try GLPKSolver().solve(model, options: options)
            guard solution.termination == .optimal else { return }
            let file = folder.url.appendingPathComponent("\(cases.count).mps").path
            try ModelFile.write(model, to: file, format: .freeMPS)
            cases.append(try Self.describe(name, model, solution, file: file))
        }
        for file in ShippedScenarioTests.files + ["examples/public-health-agency.yaml"] {
            let scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent(file)).scenario
            // The LP a plan's prices come from: the weighted LP (whole posts: its LP relaxation).
            var model = ScenarioDriver.compile(scenario).model
            for index in model.variables.indices { model.setKind(of: Variable(index: index), to: .continuous) }
            try add(file, model)
        }
        // Random allocation LPs: generated organisations (2–4 sectors, 2–4 years), compiled as
        // the weighted LP; and random LPs of every row and bound type.
        for seed in UInt64(1)...100 {
            let generator = ScenarioGenerator(sectors: 2 + Int(seed % 3), priorities: 3, offerings: 3, years: 2 + Int(seed % 3), targets: 4, seed: seed)
            let file = folder.url.appendingPathComponent("generated-\(seed).yaml")
            try generator.yaml().write(to: file, atomically: true, encoding: .utf8)
            var model = ScenarioDriver.compile(try Scenario.load(file).scenario).model
            for index in model.variables.indices { model.setKind(of: Variable(index: index), to: .continuous) }
            try add("random allocation LP \(seed)", model)
        }
        for seed in UInt64(1)...100 { try add("random LP \(seed)", RandomModels.mixedLP(seed: seed)) }
        #expect(cases.count >= 200)
        let input = folder.url.appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: cases).write(to: input)
        let script = Self.packageRoot.appendingPathComponent("Tests/HiGHS/compare.py").path
        let (status, output) = try ChildProcess.run(python, [script, input.path])
        print(output, terminator: "")
        #expect(status == 0, "\(output)")
    }
}
