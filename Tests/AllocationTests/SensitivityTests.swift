import Allocation
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Runner
import Testing

/// Prices, ranges and reduced costs of the tiny organisation, derived by hand (see
/// HandSolvedTests for the plan): in CHF 1 million, one more million in a year is worth the
/// marginal line's 0.045 per CHF thousand = 45.
@Suite("Appendix A sensitivity")
struct SensitivityTests {
    private func analyze(_ name: String) throws -> PlanSensitivity {
        let url = TestPaths.testScenarios.appendingPathComponent(name)
        return try SensitivityAnalyzer.analyze(ScenarioDriver.solve(try Scenario.load(url).scenario, with: GLPKSolver(), sensitivity: true), with: GLPKSolver())
    }

    private func price(_ sensitivity: PlanSensitivity, _ row: String) throws -> LimitPrice {
        try #require(sensitivity.prices.first { $0.constraint == row }, "no price for \(row)")
    }

    @Test func envelopePricesAndRanges() throws {
        let sensitivity = try analyze("tiny.yaml")
        let envelope2025 = try price(sensitivity, "envelope(2025)")
        #expect(envelope2025.unit == .moneyMillions)
        #expect(abs(envelope2025.shadowPrice - 45) < 1e-9)
        // A.O2 absorbs the change: 10 of its first 30 thousand are used.
        #expect(abs(envelope2025.allowableIncrease - 20) < 1e-6)
        #expect(abs(envelope2025.allowableDecrease - 10) < 1e-6)
        #expect(envelope2025.path == "envelopes.2025")
        let envelope2026 = try price(sensitivity, "envelope(2026)")
        #expect(abs(envelope2026.shadowPrice - 45) < 1e-9)
        #expect(abs(envelope2026.allowableIncrease - 25) < 1e-6)
        #expect(abs(envelope2026.allowableDecrease - 5) < 1e-6)
    }

    /// The staff ceiling sits on a breakpoint: the 60 thousand of O1 it carries fill B.O1 and A.O1
    /// exactly to the end of their first segments. One FTE less takes 20 thousand from A.O1
    /// (0.1) to A.O2 (0.045): 1.1. One FTE more moves 20 thousand from A.O2 to B.O1's second
    /// segment (0.08): 0.7.
    @Test func staffCeilingHasLeftAndRightPrices() throws {
        let sensitivity = try analyze("tiny.yaml")
        for (year, leftFloor, rightCeiling) in [(2025, 2.0, 3.5), (2026, 1.75, 3.25)] {
            let ceiling = try price(sensitivity, "staffceiling(\(year))")
            #expect(ceiling.unit == .fte)
            #expect(ceiling.degenerate)
            let left = try #require(ceiling.left, "\(year) has no left price")
            let right = try #require(ceiling.right, "\(year) has no right price")
            #expect(abs(left.price - 1.1) < 1e-9, "\(year) left \(left.price)")
            #expect(abs(right.price - 0.7) < 1e-9, "\(year) right \(right.price)")
            #expect(abs(left.to - 3) < 1e-9 && left.from >= leftFloor - 1e-9 && left.from < 3)
            #expect(abs(right.from - 3) < 1e-9 && right.to <= rightCeiling + 1e-9 && right.to > 3)
        }
    }

    /// The conference forces B.O2 to 35: 5 thousand on its second segment (0.036) instead of A.O2 (0.045).
    @Test func commitmentPriceAndRange() throws {
        let commitment = try price(try analyze("tiny.yaml"), "commitment(B,P2,O2,2026)")
        #expect(abs(commitment.shadowPrice - -9) < 1e-9)
        #expect(abs(commitment.allowableIncrease - 5) < 1e-6)
        #expect(abs(commitment.allowableDecrease - 5) < 1e-6)
        #expect(commitment.path == "fixed_commitments.C26.amount")
    }

    @Test func unfundedLineNeedsItsEffectivenessRaisedFortyFourfold() throws {
        let sensitivity = try analyze("tiny-unfunded.yaml")
        #expect(sensitivity.unfunded.map(\.offering) == ["O3", "O3"])
        for line in sensitivity.unfunded {
            #expect(abs(line.grossValue - 1) < 1e-9)
            #expect(abs(line.reducedCost - -44) < 1e-9)
            #expect(abs((line.requiredRise ?? .nan) - 44) < 1e-9)
        }
    }

    @Test func weightEdgesAreConfirmedByResolving() throws {
        let sensitivity = try analyze("tiny.yaml")
        #expect(sensitivity.weights.count == 2)
        for range in sensitivity.weights {
            #expect(range.lower <= range.weight && range.weight <= range.upper)
            #expect(range.lowerConfirmed != false && range.upperConfirmed != false, "\(range.target): \(range)")
            #expect(range.upper.isFinite ? range.upperConfirmed == true : range.upperConfirmed == nil, "\(range.target)")
        }
    }

    @Test func unknownOverridePathNamesTheNearestValidPaths() throws {
        do {
            _ = try Scenario.load(HandSolvedTests.tinyURL, overrides: [ScenarioOverride(path: "envelope.2025", value: 1)])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "tiny.yaml: error: envelope.2025: 'envelope.2025' does not address a number in the scenario; nearest valid paths: envelopes.2025, envelopes.2026, staff.ceiling.2025",
            ])
        }
        let scenario = try Scenario.load(HandSolvedTests.tinyURL, overrides: [ScenarioOverride(path: "staff.ceiling.2026", value: 4)]).scenario
        #expect(scenario.staff.ceiling == [2025: 3, 2026: 4])
    }
}

/// On the shipped baseline: prices agree with re-solves of the scenario one CHF thousand (or a
/// hundredth of an FTE) away, and range edges hold when re-solved.
@Suite("Sensitivity of the shipped baseline")
struct BaselineSensitivityTests {
    static let file = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")

    @Test func pricesEqualFiniteDifferencesAtTheirPaths() throws {
        let scenario = try Scenario.load(Self.file).scenario
        let sensitivity = try SensitivityAnalyzer.analyze(ScenarioDriver.solve(scenario, with: GLPKSolver(), sensitivity: true), with: GLPKSolver())
        let base = try #require(sensitivity.plan.objective)
        let checked = sensitivity.prices.filter {
            !$0.degenerate && [.annualEnvelope, .fixedCommitment, .staffCeiling].contains($0.kind) && $0.path != nil
        }
        #expect(checked.count >= 10)
        for price in checked {
            let path = price.path!
            let current = try #require(value(at: path, in: scenario))
            let step = price.unit == .fte ? 0.01 : 1.0
            let perUnit = price.unit == .fte ? 1.0 : 1000.0
            for direction in [1.0, -1.0] where (direction > 0 ? price.allowableIncrease : price.allowableDecrease) > 2 * step {
                let moved = try Scenario.load(Self.file, overrides: [ScenarioOverride(path: path, value: current + direction * step)]).scenario
                let objective = try #require(try ScenarioDriver.solve(moved, with: GLPKSolver()).plan.objective)
                let slope = (objective - base) / (direction * step) * perUnit
                #expect(abs(slope - price.shadowPrice) <= 1e-6 * max(1e-3, abs(price.shadowPrice)), "\(price.constraint) \(direction > 0 ? "+" : "-"): slope \(slope), price \(price.shadowPrice)")
            }
        }
    }

    @Test func rangeEdgesKeepTheBasisInsideAndChangeItOutside() throws {
        let scenario = try Scenario.load(Self.file).scenario
        let program = ScenarioDriver.compile(scenario)
        var options = SolveOptions()
        options.computeSensitivity = true
        let solution = try GLPKSolver().solve(program.model, options: options)
        let report = try #require(solution.sensitivity)
        let basis = { (solution: Solution) in solution.variables.map(\.basisStatus) + solution.constraints.map(\.basisStatus) }
        let original = basis(solution)
        let committee: Set<ConstraintMeaning.Kind> = [.annualEnvelope, .staffCeiling, .sectorStaffCeiling, .fixedCommitment]
        var confirmed = 0
        for (index, row) in report.constraints.enumerated() where committee.contains(program.meaning(of: ConstraintRef(index: index)).kind) && !row.isDegenerate && row.basisStatus != .basic {
            for (distance, sign) in [(row.allowableIncrease, 1.0), (row.allowableDecrease, -1.0)] where distance.isFinite && distance > 1e-6 {
                try GLPKSolver().withSession(program.model, options: SolveOptions()) { session in
                    _ = session.solve()
                    let bounds = program.model.constraints[index].bounds
                    func moved(_ value: Double) -> ConstraintBounds {
                        switch bounds {
                        case .greaterOrEqual: .greaterOrEqual(value)
                        case .equal: .equal(value)
                        default: .lessOrEqual(value)
                        }
                    }
                    try session.setBounds(of: ConstraintRef(index: index), to: moved(row.rightHandSide + sign * distance * 0.99))
                    #expect(basis(session.solve()) == original, "\(row.name): basis changed inside the range")
                    try session.setBounds(of: ConstraintRef(index: index), to: moved(row.rightHandSide + sign * (distance * 1.01 + 1e-6)))
                    let outside = session.solve()
                    if outside.termination == .optimal {
                        #expect(basis(outside) != original, "\(row.name): basis kept outside the range")
                    }
                }
                confirmed += 1
            }
        }
        #expect(confirmed >= 20)
    }

    private func value(at path: String, in scenario: Scenario) -> Double? {
        let parts = path.split(separator: ".").map(String.init)
        switch parts.first {
        case "envelopes": return Int(parts[1]).flatMap { scenario.envelopes[$0] }
        case "staff": return Int(parts[2]).flatMap { scenario.staff.ceiling[$0] }
        case "fixed_commitments": return scenario.fixedCommitments.first { $0.id == parts[1] }?.amount
        default: return nil
        }
    }
}

extension BaselineSensitivityTests {
    @Test func everyWeightEdgeOfTheBaselineIsConfirmed() throws {
        let sensitivity = try SensitivityAnalyzer.analyze(ScenarioDriver.solve(try Scenario.load(Self.file).scenario, with: GLPKSolver(), sensitivity: true), with: GLPKSolver())
        #expect(sensitivity.weights.count == 10)
        for range in sensitivity.weights {
            #expect(range.lower < range.weight && range.weight < range.upper, "\(range.target)")
            #expect(range.lowerConfirmed == true && range.upperConfirmed == true, "\(range.target): \(range)")
        }
    }

    @Test func runWithSensitivityAddsTheSection() throws {
        let workspace = try RunnerTests.Workspace()
        let summary = try ScenarioRunner.run(
            RunConfiguration(inputs: [workspace.scenarios.appendingPathComponent("itu-2024-2027.yaml").path], outputFolder: workspace.output("reports"), jobs: 1, sensitivity: true),
            solver: GLPKSolver())
        #expect(summary.solvedCount == 1)
        let folder = workspace.output("reports").appendingPathComponent("itu-2024-2027")
        let appendix = try String(contentsOf: folder.appendingPathComponent("appendix.md"), encoding: .utf8)
        #expect(appendix.contains("# Appendix A — sensitivity"))
        #expect(appendix.contains("## What is one more franc worth?"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("sensitivity.json"))) as? [String: Any])
        let prices = try #require(json["prices"] as? [[String: Any]])
        let envelope = try #require(prices.first { $0["constraint"] as? String == "envelope(2026)" })
        for key in ["constraint", "description", "path", "unit", "shadowPrice", "allowableIncrease", "allowableDecrease", "limiting"] {
            #expect(envelope[key] != nil, "price key \(key)")
        }
        #expect(envelope["path"] as? String == "envelopes.2026")
        #expect(json["unfundedLines"] is [[String: Any]] && json["weightRanges"] is [[String: Any]])
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tables/sensitivity-prices.csv").path))
    }
}

/// The sensitivity report in the order a committee acts on it: money, people, commitments, then
/// policy limits; input-mix limits of single lines at a zero price in an annex. Nothing is lost.
@Suite("Sensitivity report order")
struct SensitivityOrderTests {
    @Test func envelopesAndCeilingsComeFirstAndTheAnnexHoldsOnlyZeroPriceInputMix() throws {
        let solved = try ScenarioDriver.solve(try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario,
                                              with: GLPKSolver(), sensitivity: true)
        let sensitivity = try SensitivityAnalyzer.analyze(solved, with: GLPKSolver())
        let main = sensitivity.priceTable(), annex = sensitivity.annexTable()
        #expect(main.rows.count + annex.rows.count == sensitivity.prices.count, "every price is in one of the two tables")
        let kinds = Dictionary(sensitivity.prices.map { ($0.description, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let order: [ConstraintMeaning.Kind] = [.annualEnvelope, .staffCeiling, .sectorStaffCeiling, .fixedCommitment]
        let firstKinds = main.rows.prefix(20).compactMap { kinds[$0[0].replacingOccurrences(of: " *", with: "")] }
        #expect(firstKinds.first == .annualEnvelope, "\(firstKinds.prefix(3))")
        let ranks = firstKinds.compactMap { order.firstIndex(of: $0) }
        #expect(ranks == ranks.sorted(), "money, then people, then commitments: \(firstKinds)")
        #expect(annex.rows.allSatisfy { row in
            let kind = kinds[row[0].replacingOccurrences(of: " *", with: "")]
            return (kind == .staffCostShare || kind == .staffCategoryShare) && Double(row[1]) == 0
        })
        #expect(!annex.rows.isEmpty)
        let text = sensitivity.text()
        let envelope = try #require(text.range(of: "Annual envelope 2026"))
        let unfunded = try #require(text.range(of: "Why are these lines unfunded?"))
        let annexTitle = try #require(text.range(of: "Annex: input mix of single lines at a zero price"))
        #expect(envelope.lowerBound < unfunded.lowerBound && unfunded.lowerBound < annexTitle.lowerBound)
    }
}
