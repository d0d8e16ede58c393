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
        #expect(envelope2025.unit == .lpMoney)
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

    /// Prices in target terms, by hand. One more CHF 1 million in 2025 goes to A.O2: 1000 points
    /// per million x 0.45 on T1 (scale 1000) = 0.45 of attainment. One more million of the
    /// conference moves a million from A.O2 (T1 -0.45) to B.O2's second segment (1000 x 0.45 x
    /// 0.4 / 500 = T2 +0.36): 100 x 0.36 - 100 x 0.45 = -9, the price. One more FTE, in the
    /// basis GLPK ends at (the right price, 0.7), moves 20 thousand from A.O2 (T1 -0.009) to
    /// B.O1's second segment (T2 +0.016).
    @Test func pricesInTargetTermsOfTheTinyOrganisation() throws {
        let sensitivity = try analyze("tiny.yaml")
        func changes(_ row: String) throws -> [String: Double] {
            Dictionary(uniqueKeysWithValues: try price(sensitivity, row).attainmentChanges.map { ($0.target, $0.perUnit) })
        }
        let envelope = try changes("envelope(2025)")
        #expect(envelope.count == 1 && abs((envelope["T1"] ?? .nan) - 0.45) < 1e-9, "\(envelope)")
        let commitment = try changes("commitment(B,P2,O2,2026)")
        #expect(abs((commitment["T1"] ?? .nan) - -0.45) < 1e-9 && abs((commitment["T2"] ?? .nan) - 0.36) < 1e-9, "\(commitment)")
        let ceiling = try price(sensitivity, "staffceiling(2025)")
        let staff = try changes("staffceiling(2025)")
        #expect(abs(ceiling.shadowPrice - 0.7) < 1e-9)
        #expect(abs((staff["T1"] ?? .nan) - -0.009) < 1e-9 && abs((staff["T2"] ?? .nan) - 0.016) < 1e-9, "\(staff)")
        // The report says it in attainment points.
        #expect(sensitivity.text().contains("T1 +45 points"))
    }

    /// The unfunded line's reduced cost as the sum of its parts: its first CHF 1 million adds
    /// T1 +1 point (worth 1) and uses the year's envelope (price 45): net -44, the reduced cost.
    @Test func unfundedLineLosesOnTheEnvelope() throws {
        let sensitivity = try analyze("tiny-unfunded.yaml")
        for line in sensitivity.unfunded {
            #expect(line.parts.count == 2, "\(line.parts)")
            let value = try #require(line.parts.first { $0.role == .value })
            #expect(value.target == "T1" && abs((value.amount ?? .nan) - 0.01) < 1e-12 && abs(value.effect - 1) < 1e-9)
            let envelope = try #require(line.parts.first { $0.role == .limit })
            #expect(envelope.description == "Annual envelope \(line.year) (CHF 100k)")
            #expect(envelope.unit == .money && abs((envelope.amount ?? .nan) - 1000) < 1e-9 && abs(envelope.effect - -45) < 1e-9)
            #expect(abs(line.netAtPlanPrices - line.reducedCost) < 1e-9)
        }
        let sentences = sensitivity.unfundedSentences()
        #expect(sentences.first?.hasPrefix("Sector A, Priority one, Nearly useless offering, 2025: its first CHF 1 million would add 1 of weighted impact (T1 +1 points). It loses on: Annual envelope 2025 (CHF 100k), CHF 1,000k (-45). Net: -44 per CHF 1 million") == true,
                "\(sentences.first ?? "")")
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
        #expect(appendix.contains("## What are more money and more staff worth?"))
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
/// policy limits; the input mix of single lines in an annex, priced rows first. Nothing is lost.
@Suite("Sensitivity report order")
struct SensitivityOrderTests {
    @Test func envelopesAndCeilingsComeFirstAndTheAnnexHoldsTheInputMixPricedFirst() throws {
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
            return kind == .staffCostShare || kind == .staffCategoryShare
        })
        #expect(main.rows.allSatisfy { row in
            let kind = kinds[row[0].replacingOccurrences(of: " *", with: "")]
            return kind != .staffCostShare && kind != .staffCategoryShare
        })
        let annexPrices = annex.rows.map { abs(Double($0[1]) ?? .nan) }
        #expect(annexPrices == annexPrices.sorted(by: >), "priced input mix first")
        #expect(!annex.rows.isEmpty)
        let text = sensitivity.text()
        let envelope = try #require(text.range(of: "Annual envelope 2026"))
        let unfunded = try #require(text.range(of: "Why are these lines unfunded?"))
        let annexTitle = try #require(text.range(of: "Annex: input mix of single lines"))
        #expect(envelope.lowerBound < unfunded.lowerBound && unfunded.lowerBound < annexTitle.lowerBound)
        // No scientific notation anywhere in the report a committee reads.
        #expect(text.range(of: #"[0-9]e-[0-9]"#, options: .regularExpression) == nil)
    }

    /// On the ITU baseline: each price in target terms gives back the price (the weighted sum of
    /// the attainment changes), every unfunded line names the limits that block it, and its parts
    /// never add up to a gain (the plan is optimal at its prices).
    @Test func targetTermsAddUpToThePriceAndEveryUnfundedLineNamesItsBlockingLimits() throws {
        let solved = try ScenarioDriver.solve(try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario,
                                              with: GLPKSolver(), sensitivity: true)
        let sensitivity = try SensitivityAnalyzer.analyze(solved, with: GLPKSolver())
        let weights = Dictionary(uniqueKeysWithValues: solved.compiled.scenario.targets.map { ($0.id, $0.weight) })
        let committee = sensitivity.prices.filter { [.annualEnvelope, .staffCeiling, .sectorStaffCeiling, .fixedCommitment].contains($0.kind) }
        #expect(committee.count >= 15)
        for price in committee where price.shadowPrice != 0 {
            #expect(!price.attainmentChanges.isEmpty, "\(price.description) has no target terms")
            let weighted = price.attainmentChanges.reduce(0) { $0 + (weights[$1.target] ?? .nan) * $1.perUnit }
            #expect(abs(weighted - price.shadowPrice) <= 1e-6 * abs(price.shadowPrice), "\(price.description): \(weighted) against \(price.shadowPrice)")
        }
        #expect(sensitivity.unfunded.count == 9)
        for line in sensitivity.unfunded {
            let blocking = line.parts.filter { $0.role == .limit && $0.effect < 0 }
            #expect(blocking.contains { $0.description.hasPrefix("Annual envelope \(line.year)") }, "\(line.line) \(line.year)")
            #expect(blocking.contains { $0.description.contains("staff ceiling \(line.year)") || $0.description.hasPrefix("Staff ceiling \(line.year)") })
            #expect(line.netAtPlanPrices <= 1e-9 && line.reducedCost <= 1e-9)
        }
        // Where the plan's prices are unique along the line, the parts add up to the reduced cost
        // found by forcing the money in.
        #expect(sensitivity.unfunded.filter { abs($0.netAtPlanPrices - $0.reducedCost) <= 1e-9 }.count >= 5)
    }
}
