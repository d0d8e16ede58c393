import Allocation
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Testing

/// Every field price `allot sensitivity` prints, checked by re-solving the scenario with the
/// field moved (finite differences through the scenario file, an independent route from the
/// basis): on the shipped baseline, the tight staff freeze (mobility limits, a ranged row per
/// Sector and year) and the conference-heavy year (commitments inside change limits).
///
/// Tolerances: inside the range (half-way and at 99 % of each allowable change) the re-solved
/// weighted impact lies on the price's line to 1e-7 of the impact. Past a finite edge (by 10 %
/// of the range, at least one unit) it lies below the line by more than 1e-9, or the scenario
/// has no plan there; where the basis changes at the edge without the objective bending (a
/// degenerate change, which the ratio test cannot tell), the next basis's price is the same and
/// the check is that the edge is not inside a piece of another slope.
@Suite("Field prices against re-solves")
struct FieldPriceTests {
    @Test(arguments: ["itu-2024-2027.yaml", "itu-tight-staff-freeze.yaml", "itu-conference-heavy-2026.yaml"])
    func everyFieldPriceHoldsAlongItsField(file: String) throws {
        let source = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent(file))
        let base = try source.scenario().scenario
        let solved = try ScenarioDriver.solve(base, with: GLPKSolver(), sensitivity: true)
        let objective = try #require(solved.plan.objective)
        let sensitivity = try SensitivityAnalyzer.analyze(solved, source: source, with: GLPKSolver())
        #expect(sensitivity.pathPrices.count >= 20, "\(file): \(sensitivity.pathPrices.count) fields priced")
        struct Check: Sendable { var path: String; var value: Double; var expected: Double?; var below: Double? }
        var checks: [Check] = []
        // Share fields curve along the share: ShareLimitRangeTests checks them.
        for field in sensitivity.pathPrices where field.valueUnit != .percentagePoint {
            // Price per unit of the field as stated (per CHF thousand for money).
            let perUnit = field.valueUnit == .money ? field.price / 1000 : field.price
            let right = (field.right.map { field.valueUnit == .money ? $0 / 1000 : $0 }) ?? perUnit
            let left = (field.left.map { field.valueUnit == .money ? $0 / 1000 : $0 }) ?? perUnit
            let unit = 1.0
            for (range, rate, sign) in [(field.allowableIncrease, right, 1.0), (field.allowableDecrease, left, -1.0)] {
                let reach = range.isFinite && range < 1e15 ? range : max(100, abs(field.value) * 0.01)
                guard reach > 1e-9 else { continue }
                for share in [0.5, 0.99] {
                    let moved = field.value + sign * reach * share
                    checks.append(Check(path: field.path, value: moved, expected: objective + rate * sign * reach * share, below: nil))
                }
                if range.isFinite && range < 1e15 {
                    let past = reach + max(unit, reach * 0.1)
                    checks.append(Check(path: field.path, value: field.value + sign * past, expected: nil, below: objective + rate * sign * past))
                }
            }
        }
        let results = WorkerPool.map(checks, jobs: 2, threadExit: GLPKSolver().releaseThreadResources) { check -> Double? in
            guard check.value >= 0, let overrides = try? ScenarioSweep.overrides(path: check.path, value: check.value, base: base, source: source),
                  let scenario = try? source.scenario(overrides: overrides).scenario,
                  let plan = try? ScenarioDriver.solve(scenario, with: GLPKSolver()).plan, plan.termination == .optimal else { return nil }
            return plan.objective
        }
        var pastEdges = 0, bent = 0
        for (check, result) in zip(checks, results) {
            if let expected = check.expected {
                guard check.value >= 0 else { continue }
                let solvedValue = try #require(result, "\(file) \(check.path) at \(check.value): no plan inside the range")
                #expect(abs(solvedValue - expected) <= 1e-7 * abs(objective), "\(file) \(check.path) at \(check.value): re-solved \(solvedValue), the price says \(expected)")
            } else if let line = check.below {
                pastEdges += 1
                // Past the edge the optimum bends below the price's line (or there is no plan).
                if let solvedValue = result { if solvedValue < line - 1e-9 * abs(objective) { bent += 1 } } else { bent += 1 }
                if let solvedValue = result { #expect(solvedValue <= line + 1e-7 * abs(objective), "\(file) \(check.path) at \(check.value): above the price's line past the edge") }
            }
        }
        // Every edge is where the price changes: just past it the objective leaves the line.
        #expect(bent == pastEdges, "\(file): \(pastEdges - bent) of \(pastEdges) edges keep the same price past them")
    }

    /// The mobility limit widens a ranged row both ways: its price is positive (more mobility
    /// helps), as raising `staff.mobility` shows, and commitments that enter change limits are
    /// priced with every row they move.
    @Test func mobilityAndCommitmentsArePricedAlongTheirFields() throws {
        let freeze = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent("itu-tight-staff-freeze.yaml"))
        let solved = try ScenarioDriver.solve(try freeze.scenario().scenario, with: GLPKSolver(), sensitivity: true)
        let mobility = try #require(try SensitivityAnalyzer.analyze(solved, source: freeze, with: GLPKSolver()).pathPrices.first { $0.path == "staff.mobility" })
        #expect(mobility.price > 0 && mobility.rowsMoved > 1 && abs(mobility.price - 0.0012535684681) < 1e-9, "\(mobility)")
        let conference = try ScenarioSource(TestPaths.shippedScenarios.appendingPathComponent("itu-conference-heavy-2026.yaml"))
        let heavy = try ScenarioDriver.solve(try conference.scenario().scenario, with: GLPKSolver(), sensitivity: true)
        let commitment = try #require(try SensitivityAnalyzer.analyze(heavy, source: conference, with: GLPKSolver()).pathPrices.first { $0.path == "fixed_commitments.PP_26.amount" })
        #expect(commitment.rowsMoved > 1, "the commitment enters its change limits too")
        let row = try #require(heavy.price(of: .fixedCommitment(ActivityYear(sector: "GS", line: "EnablingEnvironment", offering: "Convening", year: 2026))))
        #expect(abs(commitment.price - row.shadowPrice) > 1e-4, "the field's price is not its own row's: \(commitment.price) against \(row.shadowPrice)")
    }
}

/// A reduced cost that holds for no move at all (the basis is degenerate along the column) is
/// flagged with the rate when the column is moved: on the plan's basis of the ITU baseline,
/// `staff(ITUT,Cybersecurity,Standards,G,2025)` reads -0.000199 from the basis and -0.000243 when
/// raised (the issue found the 2024 one in the basis of the exported model: -0.000221 and
/// -0.000324). Checked by cold solves with the column's bound moved by CHF 100 (1e-4 in the LP).
@Suite("Reduced costs that depend on the direction")
struct DirectionalReducedCostTests {
    @Test func flaggedColumnsCarryTheRateWhenMoved() throws {
        let scenario = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario
        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver(), sensitivity: true)
        let model = solved.compiled.model
        let solution = solved.solution
        let objective = try #require(solution.objectiveValue)
        let report = try #require(solution.sensitivity)
        let flagged = report.variables.enumerated().filter { $0.element.reducedCostWhenMoved != nil }
        #expect(flagged.count >= 10 && flagged.count < 200, "\(flagged.count) flagged")
        #expect(flagged.allSatisfy { $0.element.isDegenerate })
        // The kind of column the issue found: the staff of an unfunded line (ITU-T, cybersecurity,
        // standards), whose basis says less than raising it costs.
        let staff = try #require(flagged.first { $0.element.name == "staff(ITUT,Cybersecurity,Standards,G,2025)" }?.element)
        #expect(abs(staff.reducedCost - -0.0001987) < 5e-7 && abs((staff.reducedCostWhenMoved ?? 0) - -0.0002426) < 5e-7, "\(staff)")
        let step = 1e-4
        let checks = flagged.map { ($0.offset, $0.element) }
        for (index, column) in checks {
            var moved = model
            let definition = model.variables[index]
            let direction: Double = column.basisStatus == .atLowerBound ? 1 : -1
            moved.setBounds(of: Variable(index: index), lower: direction > 0 ? definition.lowerBound + step : definition.lowerBound,
                            upper: direction > 0 ? definition.upperBound : definition.upperBound - step)
            let forced = try #require(try GLPKSolver().solve(moved, options: SolveOptions()).objectiveValue, "\(column.name)")
            let rate = (forced - objective) / (direction * step)
            let expected = try #require(column.reducedCostWhenMoved)
            #expect(abs(rate - expected) <= 1e-3 * abs(expected) + 1e-8, "\(column.name): cold solves give \(rate), moved \(expected), basis \(column.reducedCost)")
            #expect(abs(rate - column.reducedCost) > 1e-3 * abs(expected), "\(column.name): the basis's reduced cost was right after all")
        }
    }
}
