import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Testing

/// The `organisation:` section, ids in any script, money in thousands or millions, targets with
/// their own year, and cybersecurity as the ITU's option only.
@Suite("Any organisation")
struct OrganisationTests {
    static let agencyURL = TestPaths.shippedScenarios.appendingPathComponent("examples/public-health-agency.yaml")
    static var agencyText: String { get throws { try String(contentsOf: agencyURL, encoding: .utf8) } }

    /// Loads `text` as a scenario file of its own.
    static func load(_ text: String) throws(ScenarioError) -> Scenario {
        let scratch = try! TemporaryDirectory()
        let file = scratch.url.appendingPathComponent("scenario.yaml")
        try! text.write(to: file, atomically: true, encoding: .utf8)
        return try Scenario.load(file).scenario
    }

    static func errors(_ yaml: String) throws -> [String] {
        try ScenarioValidationTests.broken(yaml).map { $0.replacingOccurrences(of: "broken.yaml:", with: "") }
    }

    @Test func theSectionGivesTheReportsTheirWords() throws {
        let agency = try Scenario.load(Self.agencyURL).scenario.organisation
        #expect(agency.name == "National Public Health Agency")
        #expect(agency.money == MoneyWords(currency: "EUR", scale: .thousands))
        #expect(agency.money.amount("12,345") == "EUR 12,345k" && agency.money.unitName == "EUR thousands" && agency.money.lpOne == "EUR 1 million")
        #expect(agency.sector == Term("division") && agency.sector.title == "Division" && agency.sector.plural == "divisions")
        #expect(agency.priority.plural == "programmes" && agency.offering.title == "Service")
        #expect(agency.targets == "national health targets" && agency.targetYear == 2030 && agency.targetValueName == "2030 target")
        #expect(agency.appendixTitle == "Annex 2. Resource allocation 2025-2027" && agency.sectionNumber(3) == "2.3")
        #expect(agency.appendixPart("sensitivity") == "Annex 2 — sensitivity")

        let itu = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario
        #expect(itu.organisation.sector == Term("Sector", plural: "Sectors") && itu.organisation.priority.title == "Thematic priority")
        #expect(itu.organisation.sectionNumber(1) == "A.1" && itu.organisation.appendixPart("sensitivity") == "Appendix A — sensitivity")
        #expect(itu.cybersecurity == .standalone)

        // Without the section: the scenario file's own words, no currency, no appendix number.
        let tinyText = try String(contentsOf: HandSolvedTests.tinyURL, encoding: .utf8)
        #expect(tinyText.contains("organisation: {currency: CHF}\n"))
        let tiny = try Self.load(tinyText.replacingOccurrences(of: "organisation: {currency: CHF}\n", with: ""))
        #expect(tiny.organisation == Organisation.plain)
        #expect(tiny.organisation.money.amount("100") == "100k" && tiny.organisation.money.unitName == "thousands")
        #expect(tiny.organisation.sectionNumber(1) == "1." && tiny.organisation.appendixPart("sensitivity") == "Allocation report — sensitivity")
        #expect(tiny.cybersecurity == nil, "no cybersecurity section: no cybersecurity option at all")
        #expect(tiny.organisation.targetValueName == "target value")
    }

    @Test func aBadSectionIsNamedFieldByField() throws {
        #expect(try Self.errors("organisation: {currency: Swiss francs of 1850, money_unit: hundreds, colour: blue}") == [
            "2: error: organisation.colour: unknown field; expected one of: name, currency, money_unit, words, target_year, appendix",
            "2: error: organisation.currency: must be a currency code or symbol of 1 to 12 characters on one line (e.g. CHF, EUR, US$), found 'Swiss francs of 1850'",
            "2: error: organisation.money_unit: must be one of thousands, millions, found 'hundreds'",
        ])
        #expect(try Self.errors("organisation:\n  words: {sectors: Faculties, offering: ''}\n  target_year: 2030.5") == [
            "3: error: organisation.words.sectors: is given without organisation.words.sector",
            "3: error: organisation.words.offering: must be a word or phrase on one line, found ''",
            "4: error: organisation.target_year: must be a whole number, found '2030.5'",
        ])
        #expect(try Self.errors("targets:\n  T1: {goal: G, name: x, direction: higher, scale: 1, weight: 1, target_2030: 5, target_value: 6}") == [
            "3: error: targets.T1.target_2030: is given with target_value or target_year; target_2030 is the same as target_value with target_year 2030, so give one or the other",
        ])
        #expect(try Self.errors("priorities:\n  P1: {name: x, impact_per_chf_million: {T1: 1}, impact_per_million: {T1: 2}}") == [
            "3: error: priorities.P1.impact_per_chf_million: is given with impact_per_million, which is the same field; keep one",
        ])
        #expect(try Self.errors("priorities:\n  P3: {name: x}").contains(
            "3: error: priorities.P3.impact_per_million: is missing (target points per million of spending; impact_per_chf_million is accepted too)"))
    }

    @Test func targetsCarryTheirOwnYear() throws {
        var text = try Self.agencyText
        text = text.replacingOccurrences(of: "  target_year: 2030\n", with: "")
        text = text.replacingOccurrences(of: "    target_value: 80\n", with: "    target_value: 80\n    target_year: 2028\n")
        let scenario = try Self.load(text)
        #expect(scenario.targets.map(\.targetYear) == [nil, nil, nil, 2028], "only B2 states a year; no organisation year for the others")
        #expect(scenario.organisation.targetYear == nil)
        let plan = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        let indicators = try #require(plan.tables().first { $0.title == "Where the indicators stand" })
        #expect(indicators.headers == ["Target", "Indicator", "Baseline", "Plan's level", "Target value", "Year", "Attainment"])
        #expect(indicators.rows.map { $0[5] } == ["-", "-", "-", "2028"])
        // The ITU spelling still reads: target_2030 is a value for 2030.
        let itu = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")).scenario
        #expect(itu.targets.allSatisfy { $0.targetValue == nil || $0.targetYear == 2030 } && itu.targets.first?.targetValue == 100)
    }

    /// The same agency with ids in other scripts and with hyphens: the same plan, LP names in
    /// ASCII that GLPK keeps, and an exported model that says which id each name stands for.
    @Test func idsInAnyScriptSolveAsTheSamePlan() throws {
        let renames = [("SURV", "Santé-publique"), ("IMMU", "Иммунизация"), ("PROM", "D-CP"), ("EarlyWarning", "早期警報"), ("Campaigns", "Kampagnen_ä")]
        var text = try Self.agencyText
        for (old, new) in renames {
            text = text.replacingOccurrences(of: "\(old):", with: "\"\(new)\":").replacingOccurrences(of: "sector: \(old)", with: "sector: \"\(new)\"")
                .replacingOccurrences(of: "priority: \(old)", with: "priority: \"\(new)\"").replacingOccurrences(of: "offering: \(old)", with: "offering: \"\(new)\"")
                .replacingOccurrences(of: "[\(old),", with: "[\"\(new)\",").replacingOccurrences(of: " \(old)]", with: " \"\(new)\"]")
                .replacingOccurrences(of: " \(old),", with: " \"\(new)\",").replacingOccurrences(of: "[\(old)]", with: "[\"\(new)\"]")
        }
        let original = try ScenarioDriver.solve(try Scenario.load(Self.agencyURL).scenario, with: GLPKSolver())
        let scenario = try Self.load(text)
        #expect(scenario.sectors.map(\.id) == ["Santé-publique", "Иммунизация", "D-CP"])
        let renamed = try ScenarioDriver.solve(scenario, with: GLPKSolver())
        let objective = try #require(original.plan.objective), again = try #require(renamed.plan.objective)
        #expect(abs(objective - again) <= 1e-9 * abs(objective))
        #expect(renamed.plan.lines.count == original.plan.lines.count)
        for name in renamed.compiled.model.constraints.map(\.name) + renamed.compiled.model.variables.map(\.name) {
            #expect(NameRules.problem(with: name) == nil, "\(name)")
        }
        #expect(renamed.compiled.model.variables.contains { $0.name.hasPrefix("budget(Sant{e9}~publique,") })

        let key = AllocationCompiler.idKey(scenario)
        #expect(key.contains("Sant{e9}~publique is the sector Santé-publique") && key.contains("D~CP is the sector D-CP"))
        #expect(key.contains("Kampagnen_{e4} is the offering Kampagnen_ä"))
        #expect(AllocationCompiler.idKey(try Scenario.load(Self.agencyURL).scenario).isEmpty, "ASCII ids need no key")
        // glpsol reads the exported LP, its comments included, to the same optimum; the free MPS
        // file (which has no objective sense) reads back to the same model and optimum.
        let folder = try TemporaryDirectory()
        let lp = folder.path("model.lp"), mps = folder.path("model.mps")
        try ModelFile.write(renamed.compiled.model, to: lp, format: .cplexLP, comments: key)
        try ModelFile.write(renamed.compiled.model, to: mps, format: .freeMPS, comments: key)
        #expect(try String(contentsOfFile: lp, encoding: .utf8).hasPrefix("\\ Scenario Public-health agency 2025-2027: names write"))
        #expect(try String(contentsOfFile: mps, encoding: .utf8).hasPrefix("* Scenario Public-health agency 2025-2027: names write"))
        let solved = try Glpsol.objective(for: lp, format: "lp")
        #expect(abs(solved - again) <= 1e-6 * abs(again), "glpsol \(solved), Allot \(again)")
        let readBack = try ModelFile.read(from: mps, format: .freeMPS, sense: .maximize)
        #expect(readBack.constraints.map(\.name) == renamed.compiled.model.constraints.map(\.name))
        let fromMPS = try GLPKSolver().solve(readBack, options: SolveOptions()).objectiveValue
        #expect(abs((fromMPS ?? .nan) - again) <= 1e-9 * abs(again))
    }

    @Test func lpTokensAreASCIIUniqueAndShort() {
        #expect(AllocationCompiler.lpToken("ITUR") == "ITUR" && AllocationCompiler.lpToken("1.1") == "1.1")
        #expect(AllocationCompiler.lpToken("D-CP") == "D~CP" && AllocationCompiler.lpToken("D_CP") == "D_CP")
        // Canonically equal spellings are one id and one token.
        #expect(AllocationCompiler.lpToken("Sante\u{301}") == AllocationCompiler.lpToken("Santé"))
        let long = String(repeating: "Ж", count: 64)
        let name = AllocationCompiler.name("grademax", [long, long, long, "P", 2026])
        #expect(NameRules.problem(with: name) == nil && name.utf8.count <= 255)
        #expect(name != AllocationCompiler.name("grademax", [long, long, long, "P", 2027]), "the digest keeps names apart")
    }

    /// A scenario in EUR millions is the same plan as in EUR thousands, every amount 1,000 times
    /// smaller; impact stays per million of the currency.
    @Test func moneyInMillionsIsTheSamePlan() throws {
        var text = try Self.agencyText
        let thousands = try Scenario.load(Self.agencyURL).scenario
        text = text.replacingOccurrences(of: "money_unit: thousands", with: "money_unit: millions")
            .replacingOccurrences(of: "envelopes: {2025: 48000, 2026: 49000, 2027: 50000}", with: "envelopes: {2025: 48, 2026: 49, 2027: 50}")
            .replacingOccurrences(of: "amount: 2500}", with: "amount: 2.5}")
            .replacingOccurrences(of: "up_to: 1500,", with: "up_to: 1.5,").replacingOccurrences(of: "up_to: 5000,", with: "up_to: 5,")
        for category in thousands.staff.categories {
            let costs = category.standardCost.sorted { $0.key < $1.key }
            let old = "{" + costs.map { "\($0.key): \(Int($0.value))" }.joined(separator: ", ") + "}"
            let new = "{" + costs.map { "\($0.key): \($0.value / 1000)" }.joined(separator: ", ") + "}"
            #expect(text.contains(old))
            text = text.replacingOccurrences(of: old, with: new)
        }
        let millions = try Self.load(text)
        #expect(millions.organisation.money.scale == .millions && millions.envelopes[2025] == 48)
        let a = try ScenarioDriver.solve(thousands, with: GLPKSolver()).plan, b = try ScenarioDriver.solve(millions, with: GLPKSolver()).plan
        let objective = try #require(a.objective)
        #expect(abs(objective - (b.objective ?? .nan)) <= 1e-7 * objective)
        #expect(abs(a.totalCost / 1000 - b.totalCost) <= 1e-6 * b.totalCost)
        #expect(b.markdown().contains("Amounts in EUR millions") && b.markdown().contains("Total spending: EUR 140m"))
        #expect(millions.organisation.money.lpOne == "EUR 1 billion")
    }
}
