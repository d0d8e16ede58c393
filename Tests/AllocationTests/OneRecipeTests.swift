import Allocation
import AllotTestSupport
import AllocationReports
import Foundation
import GLPKBackend
import LinearModel
import Runner
import Testing

/// Every entry point answers for the plan `allot solve` prints: the driver's recipe decides the
/// plan once, and solve, sensitivity, the runner and a sweep at the scenario's own value agree.
@Suite("One solve recipe")
struct OneRecipeTests {
    static func load(_ file: String) throws -> Scenario {
        try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent(file)).scenario
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    static func samePlan(_ a: AllocationPlan, _ b: AllocationPlan) -> Bool {
        guard let x = a.objective, let y = b.objective, close(x, y), a.lines.count == b.lines.count else { return false }
        return zip(a.lines, b.lines).allSatisfy { $0.sector == $1.sector && $0.line == $1.line && $0.offering == $1.offering && $0.year == $1.year
            && close($0.cost, $1.cost) && close($0.totalStaff, $1.totalStaff) }
    }

    @Test(arguments: ShippedScenarioTests.files)
    func solveSensitivityAndSweepAnswerForOnePlan(file: String) throws {
        let scenario = try Self.load(file)
        let solver = GLPKSolver()
        let plain = try ScenarioDriver.solve(scenario, with: solver)
        let withSensitivity = try ScenarioDriver.solve(scenario, with: solver, sensitivity: true)
        #expect(Self.samePlan(plain.plan, withSensitivity.plan), "\(file): asking for sensitivity changed the plan")

        // The LP the analyses work on has the plan's objective as its optimum.
        let analysisModel = try #require(withSensitivity.analysisModel)
        #expect(!analysisModel.isMixedInteger)
        let reSolved = try solver.solve(analysisModel, options: SolveOptions())
        #expect(reSolved.termination == .optimal)
        #expect(Self.close(try #require(reSolved.objectiveValue), try #require(plain.plan.objective), 1e-7), "\(file)")
        let sensitivity = try SensitivityAnalyzer.analyze(withSensitivity, with: solver)
        #expect(Self.samePlan(sensitivity.plan, plain.plan))
        #expect((sensitivity.subject != nil) == (scenario.objective != .weighted || scenario.staff.wholePosts), "\(file): \(sensitivity.subject ?? "no subject")")

        // A sweep of one point at the scenario's own 2026 envelope.
        let source = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent(file))
        let own = try #require(scenario.envelopes[2026])
        let sweep = try ScenarioSweep.run(source, path: "envelopes.2026", from: own, to: own, steps: 1, with: solver)
        let point = try #require(sweep.points.first)
        #expect(Self.close(try #require(point.objective), try #require(plain.plan.objective)), "\(file)")
        var bySector: [String: Double] = [:]
        for line in plain.plan.lines { bySector[line.sector, default: 0] += line.cost }
        for (sector, amount) in bySector { #expect(Self.close(point.spendingBySector[sector] ?? .nan, amount), "\(file) \(sector)") }
    }

    @Test func theRunnerWithSensitivityWritesThePlanOfSolve() throws {
        let files = ShippedScenarioTests.files
        let scratch = try TemporaryDirectory()
        let output = scratch.url
        let inputs = files.map { TestPaths.shippedScenarios.appendingPathComponent($0).path }
        let summary = try ScenarioRunner.run(RunConfiguration(inputs: inputs, outputFolder: output, jobs: 2, sensitivity: true), solver: GLPKSolver())
        #expect(summary.failedCount == 0)
        for file in files {
            let plan = try ScenarioDriver.solve(try Self.load(file), with: GLPKSolver()).plan
            let folder = output.appendingPathComponent(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
            let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("plan.json"))) as? [String: Any])
            #expect(Self.close(try #require(written["objective"] as? Double), try #require(plan.objective)), "\(file)")
            let allocations = try #require(written["allocations"] as? [[String: Any]])
            #expect(allocations.count == plan.lines.count)
            for (entry, line) in zip(allocations, plan.lines) {
                #expect(Self.close(try #require(entry["cost"] as? Double), line.cost), "\(file) \(line.sector) \(line.line) \(line.year)")
            }
            let sensitivity = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("sensitivity.json"))) as? [String: Any])
            #expect(Self.close(try #require(sensitivity["objective"] as? Double), try #require(plan.objective)), "\(file)")
        }
    }

    @Test func maximinSensitivityIsOfTheLastStageWithTheFirstHeld() throws {
        let solved = try ScenarioDriver.solve(try Self.load("itu-maximin.yaml"), with: GLPKSolver(), sensitivity: true)
        #expect(solved.stages.count == 2)
        let held = try #require(solved.price(of: .objectiveStage(1)))
        #expect(held.unit == .attainment && held.rangeUnit == .attainment)
        let sensitivity = try SensitivityAnalyzer.analyze(solved, with: GLPKSolver())
        #expect(sensitivity.subject?.contains("worst attainment") == true)
        #expect(sensitivity.prices.contains { $0.key == .objectiveStage(1) })
    }

    @Test func lexicographicWeightsAreThoseOfTheLastGoal() throws {
        let scenario = try Scenario.load(TestPaths.testScenarios.appendingPathComponent("tiny-lexicographic.yaml")).scenario
        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver(), sensitivity: true)
        let sensitivity = try SensitivityAnalyzer.analyze(solved, with: GLPKSolver())
        let lastGoal = try #require(scenario.goals.last?.id)
        let weighted = Set(scenario.targets.filter { $0.goal == lastGoal || $0.weight == 0 }.map(\.id))
        #expect(!sensitivity.weights.isEmpty)
        #expect(Set(sensitivity.weights.map(\.target)).isSubset(of: weighted))
        #expect(sensitivity.subject?.contains("held") == true)
    }

    @Test func wholePostsStartFromTheRoundedPlanAndPassTheCheck() throws {
        let solved = try ScenarioDriver.solve(try Self.load("itu-whole-posts.yaml"), with: GLPKSolver())
        let mip = try #require(solved.plan.mip)
        #expect(mip.start == .accepted)
        let check = try #require(solved.plan.check)
        #expect(check.passed)
        // The check is real: the plan's own values meet the model, a nudged post does not.
        var values = solved.solution.variables.map(\.value)
        #expect(solved.compiled.model.violations(at: values).isEmpty)
        let post = try #require(solved.compiled.activities.values.first?.staff.first)
        values[post.index] += 0.5
        #expect(solved.compiled.model.violations(at: values).contains { $0.element == .integrality(post) })
        let json = solved.plan.json()
        guard case .object(let document) = json, case .object(let entry)? = document["mip"], case .object(let start)? = entry["start"] else {
            Issue.record("plan JSON has no mip.start")
            return
        }
        #expect(start["used"] == .bool(true))
        #expect(start["status"] == .string("accepted"))
    }

    @Test func aPriceIsFoundByWhatItIsAbout() throws {
        let solved = try ScenarioDriver.solve(try Self.load("itu-2024-2027.yaml"), with: GLPKSolver(), sensitivity: true)
        let envelope = try #require(solved.price(of: .envelope(year: 2026)))
        #expect(envelope.unit == .lpMoney && envelope.rangeUnit == .money)
        #expect(envelope.description.hasPrefix("Annual envelope 2026"))
        var listed = try #require(try SensitivityAnalyzer.analyze(solved, with: GLPKSolver()).prices.first { $0.key == .envelope(year: 2026) })
        // The appendix adds the price in target terms (from a session on the plan's basis).
        #expect(!listed.attainmentChanges.isEmpty)
        listed.attainmentChanges = []
        #expect(listed == envelope)
        // A rise within the allowable increase, re-solved: the price (the right-hand one where the
        // limit sits on a breakpoint) tells the new optimum.
        let room = envelope.right.map { $0.to - solved.scenario.envelopes[2026]! } ?? envelope.allowableIncrease
        let rise = min(1000, room / 2)
        // Through the file, as a user would: a biennium's envelope follows its years' envelopes.
        let file = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")
        let richer = try Scenario.load(file, overrides: [ScenarioOverride(path: "envelopes.2026", value: solved.scenario.envelopes[2026]! + rise)]).scenario
        let moved = try #require(try ScenarioDriver.solve(richer, with: GLPKSolver()).plan.objective)
        let price = envelope.right?.price ?? envelope.shadowPrice
        let step = UnitConverter.convert(rise, from: .money, to: .lpMoney)
        #expect(Self.close(moved, try #require(solved.plan.objective) + price * step, 1e-7), "rise \(rise), price \(price), moved \(moved), base \(solved.plan.objective ?? 0), allowable \(envelope.allowableIncrease)")
        #expect(solved.price(of: .envelope(year: 1999)) == nil)
        let plain = try ScenarioDriver.solve(solved.scenario, with: GLPKSolver())
        #expect(plain.price(of: .envelope(year: 2026)) == nil, "without sensitivity there is no price to read")
    }

    @Test func unitsConvertInOnePlace() {
        #expect(UnitConverter.lp(165_000) == 165)
        #expect(UnitConverter.stated(165) == 165_000)
        #expect(UnitConverter.convert(0.14, from: .share, to: .percentagePoint) == 14.000000000000002)
        #expect(Price(2e-6, per: .money).per(.lpMoney) == Price(2e-3, per: .lpMoney))
        #expect(Price(0.5, per: .share).per(.percentagePoint) == Price(0.005, per: .percentagePoint))
        #expect(Price(3, per: .fte).per(.fte) == Price(3, per: .fte))
    }
}

/// Every plan carries the optimality conditions of the LP it comes from, checked from the model;
/// one that fails them is a numerical failure, never an optimum.
@Suite("Optimality certificate of every plan")
struct PlanCertificateTests {
    /// GLPK with one price of the final answer turned round: what a wrong dual would look like.
    struct TamperingSolver: LPSolver {
        var solverName: String { "GLPK 5.0, tampered" }
        func solve(_ model: Model, options: SolveOptions) throws(SolverError) -> Solution {
            var solution = try GLPKSolver().solve(model, options: options)
            if let row = solution.constraints.indices.first(where: { abs(solution.constraints[$0].shadowPrice ?? 0) > 1e-6 }) {
                solution.constraints[row].shadowPrice = -(solution.constraints[row].shadowPrice ?? 0)
            }
            return solution
        }
    }

    @Test(arguments: ShippedScenarioTests.files + ["examples/public-health-agency.yaml"])
    func everyShippedPlanPassesItsCertificate(file: String) throws {
        let plan = try ScenarioDriver.solve(try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent(file)).scenario, with: GLPKSolver()).plan
        let certificate = try #require(plan.certificate, "\(file)")
        #expect(certificate.passed, "\(file): \(certificate.summary)")
        #expect(certificate.primalResidual < 1e-9 && certificate.dualResidual < 1e-9 && certificate.relativeDualityGap < 1e-9, "\(file): \(certificate.summary)")
        #expect(plan.text().contains("Optimality checked: largest primal residual"))
        #expect(plan.json().rendered().contains("\"certificate\""))
    }

    @Test func aPlanWithAWrongPriceIsANumericalFailure() throws {
        let scenario = try Scenario.load(HandSolvedTests.tinyURL).scenario
        let plan = try ScenarioDriver.solve(scenario, with: TamperingSolver()).plan
        guard case .numericalFailure(let reason) = plan.termination else {
            Issue.record("a plan with a flipped price was reported as \(plan.termination.status)"); return
        }
        #expect(reason.contains("fails its optimality check"))
        #expect(plan.objective == nil && plan.lines.isEmpty)
    }
}

/// `--certify`: the plan's LP re-solved in exact rational arithmetic from its final basis.
@Suite("Exact certification")
struct ExactCertificationTests {
    @Test(arguments: ["itu-2024-2027.yaml", "itu-maximin.yaml", "itu-tight-staff-freeze.yaml", "itu-whole-posts.yaml", "examples/public-health-agency.yaml"])
    func theShippedPlansAreOptimalInExactArithmetic(file: String) throws {
        let solved = try ScenarioDriver.solveCertified(try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent(file)).scenario, with: GLPKSolver())
        let exact = try #require(solved.plan.exactCertification, "\(file)")
        #expect(exact.basisOptimal, "\(file): \(exact.summary)")
        #expect(exact.objectiveDifference < 1e-9 && exact.priceDifference < 1e-9 && exact.reducedCostDifference < 1e-9, "\(file): \(exact.summary)")
        #expect(exact.valueDifference < 1e-6, "\(file): \(exact.summary)")
        #expect(solved.plan.json().rendered().contains("\"basisOptimal\": true"))
    }

    /// A basis that is not the optimum's: the exact simplex leaves it, and the check says so.
    @Test func aBasisThatIsNotOptimalIsNotConfirmed() throws {
        let model = try ScenarioDriver.compile(Scenario.load(HandSolvedTests.tinyURL).scenario).model
        var solution = try GLPKSolver().solve(model, options: SolveOptions())
        // Every row basic, every column at a bound: a valid basis (the slack basis), not optimal.
        for index in solution.constraints.indices { solution.constraints[index].basisStatus = .basic }
        for index in solution.variables.indices {
            let variable = model.variables[index]
            solution.variables[index].basisStatus = variable.lowerBound == variable.upperBound ? .fixed : variable.lowerBound.isFinite ? .atLowerBound : .free
        }
        let exact = try GLPKSolver().certifyExactly(model, solution, timeLimit: 60)
        #expect(!exact.basisOptimal)
        #expect(exact.exactStatus == "optimal", "the exact simplex still finds the optimum from there")
    }
}
