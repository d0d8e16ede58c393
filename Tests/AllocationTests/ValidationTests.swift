import Allocation
import AllotTestSupport
import Foundation
import Testing

/// Every validation error, with its exact message. Each broken scenario extends the valid
/// `tiny.yaml` and breaks one thing.
@Suite("Scenario validation")
struct ScenarioValidationTests {
    /// Writes `files` (name -> YAML) beside a copy of tiny.yaml and loads `main`; returns the
    /// diagnostics as `file:line: error: path: message` lines.
    static func diagnostics(_ files: [String: String], main: String = "broken.yaml", root: URL? = nil) throws -> [String] {
        let scratch = try TemporaryDirectory()
        let folder = scratch.url
        try FileManager.default.copyItem(at: HandSolvedTests.tinyURL, to: folder.appendingPathComponent("tiny.yaml"))
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        do {
            _ = try Scenario.load(folder.appendingPathComponent(main), root: root ?? folder)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    static func broken(_ yaml: String) throws -> [String] {
        try diagnostics(["broken.yaml": "extends: tiny.yaml\n" + yaml])
    }

    @Test func theTinyScenarioIsValid() throws {
        #expect(try Self.diagnostics([:], main: "tiny.yaml").isEmpty)
    }

    @Test func unknownField() throws {
        #expect(try Self.broken("budget: 5") == [
            "broken.yaml:2: error: budget: unknown field; expected one of: name, organisation, description, objective, years, biennia, envelopes, goals, targets, sectors, priorities, cybersecurity, offerings, staff, mandate, fixed_commitments, impact_curve, change_limits, previous_plan, objective_tolerance, mip",
        ])
        #expect(try Self.broken("sectors:\n  A: {name: A, floor: 3}") == [
            "broken.yaml:3: error: sectors.A.floor: unknown field; expected one of: name, staff_ceiling, impact_factor, min_share, max_share, min_amount, max_amount",
        ])
    }

    @Test func unknownNamesInTheMandate() throws {
        #expect(try Self.broken("mandate:\n  C: {P1: [O1]}\n  A: {P9: [O1], P1: [O7, O1, O1]}") == [
            "broken.yaml:4: error: mandate.A.P1[0]: unknown offering 'O7'",
            "broken.yaml:4: error: mandate.A.P1[2]: O1 is listed twice",
            "broken.yaml:4: error: mandate.A.P9: unknown priority 'P9'",
            "broken.yaml:3: error: mandate.C: unknown sector 'C'; sectors are A, B",
        ])
    }

    @Test func cellOutsideTheMandateAndYearOutsideThePlan() throws {
        #expect(try Self.broken("""
        fixed_commitments:
          X: {sector: A, priority: P2, offering: O1, year: 2025, amount: 5}
          Y: {sector: A, priority: P1, offering: O1, year: 2031, amount: 5}
        """) == [
            "broken.yaml:3: error: fixed_commitments.X: cell (A, P2, O1) is outside the mandate: that sector may not fund that priority through that offering",
            "broken.yaml:4: error: fixed_commitments.Y.year: 2031 is not one of the scenario's years",
        ])
    }

    @Test func negativeNonFiniteAndOutOfRangeNumbers() throws {
        #expect(try Self.broken("envelopes: {2025: -5, 2026: .inf}\nsectors:\n  A: {min_share: 1.5}\n  B: {min_share: 0.6, max_share: 0.4}") == [
            "broken.yaml:2: error: envelopes.2025: must be an amount in CHF thousands >= 0, found -5",
            "broken.yaml:2: error: envelopes.2026: must be an amount in CHF thousands >= 0, found '.inf'",
            "broken.yaml:4: error: sectors.A.min_share: must be a share between 0 and 1, found 1.5",
            "broken.yaml:5: error: sectors.B.min_share: floor 0.6 is above ceiling max_share 0.4",
        ])
        #expect(try Self.broken("staff:\n  categories:\n    S: {standard_cost: 0}") == [
            "broken.yaml:4: error: staff.categories.S.standard_cost.2025: must be more than 0 CHF thousands per FTE",
            "broken.yaml:4: error: staff.categories.S.standard_cost.2026: must be more than 0 CHF thousands per FTE",
        ])
        #expect(try Self.broken("targets:\n  T1: {scale: 0}") == [
            "broken.yaml:3: error: targets.T1.scale: must be a number of impact points > 0, found 0",
        ])
    }

    @Test func floorsAboveTheEnvelope() throws {
        #expect(try Self.broken("sectors:\n  A: {min_amount: 80}\n  B: {min_amount: 30}") == [
            "broken.yaml:3: error: sectors: the sectors' min_amount for 2025 add up to CHF 110k, above the 2025 envelope of CHF 100k",
            "broken.yaml:3: error: sectors: the sectors' min_amount for 2026 add up to CHF 110k, above the 2026 envelope of CHF 100k",
        ])
        #expect(try Self.broken("sectors:\n  A: {min_share: 0.7}\n  B: {min_share: 0.5}") == [
            "broken.yaml:3: error: sectors: the sectors' min_share add up to 1.2, more than the whole budget (1)",
        ])
        #expect(try Self.broken("fixed_commitments:\n  C26: {amount: 135}") == [
            "broken.yaml:3: error: fixed_commitments: the fixed commitments for 2026 add up to CHF 135k, above the 2026 envelope of CHF 100k",
        ])
    }

    @Test func duplicateKeys() throws {
        #expect(try Self.broken("name: a\nname: b") == [
            "broken.yaml:2: error: not valid YAML or JSON: duplicate key 'name' in one map",
        ])
    }

    @Test func wrongTypes() throws {
        #expect(try Self.broken("years: 2025\ntargets:\n  T1: {weight: heavy}") == [
            "broken.yaml:2: error: years: must be a list, found '2025'",
            "broken.yaml:4: error: targets.T1.weight: must be a number >= 0, found 'heavy'",
        ])
        #expect(try Self.broken("biennia:\n  B1: {years: [2025, 2026], transfers: maybe}") == [
            "broken.yaml:3: error: biennia.B1.transfers: must be true or false, found 'maybe'",
        ])
        #expect(try Self.broken("cybersecurity: {option: both, priority: P1}") == [
            "broken.yaml:2: error: cybersecurity.option: must be one of standalone, cross_cutting, found 'both'",
        ])
    }

    @Test func unknownTargetAndGoal() throws {
        #expect(try Self.broken("priorities:\n  P1: {impact_per_chf_million: {T9: 1}}\ntargets:\n  T2: {goal: H}") == [
            "broken.yaml:5: error: targets.T2.goal: unknown goal 'H'; goals are G",
            "broken.yaml:3: error: priorities.P1.impact_per_chf_million.T9: unknown target 'T9'",
        ])
    }

    @Test func extendsProblems() throws {
        #expect(try Self.diagnostics(["broken.yaml": "extends: other.yaml\nname: x", "other.yaml": "extends: broken.yaml\n"]) == [
            "other.yaml:1: error: extends: extends itself in a cycle: broken.yaml -> other.yaml -> broken.yaml",
        ])
        let missing = try Self.diagnostics(["broken.yaml": "extends: nothere.yaml"])
        #expect(missing.count == 1 && missing[0].hasPrefix("broken.yaml:1: error: extends: 'nothere.yaml' does not exist (looked for nothere.yaml in the scenarios root /"), "\(missing)")
        #expect(try Self.diagnostics(["sub/broken.yaml": "extends: ../tiny.yaml"], main: "sub/broken.yaml").isEmpty)
        let outside = try Self.diagnostics(["sub/broken.yaml": "extends: ../tiny.yaml"], main: "sub/broken.yaml", root: nil)
        #expect(outside.isEmpty, "the root defaults to the folder given, here the temporary folder")
    }

    @Test func extendsTakesAnAbsolutePathInsideTheRoot() throws {
        let scratch = try TemporaryDirectory()
        let folder = scratch.url.standardizedFileURL.resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("what-ifs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: HandSolvedTests.tinyURL, to: folder.appendingPathComponent("tiny.yaml"))
        let file = folder.appendingPathComponent("what-ifs/cut.yaml")
        try "extends: \(folder.path)/tiny.yaml\nname: cut\n".write(to: file, atomically: true, encoding: .utf8)
        let scenario = try Scenario.load(file, root: folder).scenario
        #expect(scenario.name == "cut")
        #expect(scenario.sectors == (try Scenario.load(folder.appendingPathComponent("tiny.yaml")).scenario.sectors))
        // With the file system's root as the scenarios root, paths are shown whole.
        try "extends: \(folder.path)/none.yaml\n".write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try Scenario.load(file, root: URL(fileURLWithPath: "/"))
            Issue.record("a missing parent is an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(file.path):1: error: extends: '\(folder.path)/none.yaml' does not exist (looked for \(folder.path)/none.yaml)",
            ])
        }
    }

    @Test func extendsMayNotLeaveTheRoot() throws {
        let scratch = try TemporaryDirectory()
        let folder = scratch.url
        let inner = folder.appendingPathComponent("inner")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: HandSolvedTests.tinyURL, to: folder.appendingPathComponent("tiny.yaml"))
        try "extends: ../tiny.yaml\n".write(to: inner.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError.self) { try Scenario.load(inner.appendingPathComponent("broken.yaml")) }
        do {
            _ = try Scenario.load(inner.appendingPathComponent("broken.yaml"))
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "broken.yaml:1: error: extends: '../tiny.yaml' is outside the scenarios root \(inner.standardizedFileURL.resolvingSymlinksInPath().path) (a scenario extends only files inside it; set it with --root, default: the folder of the scenario given)",
            ])
        }
    }

    @Test func concaveCurveAndUsableIds() throws {
        #expect(try Self.broken("impact_curve:\n  - {up_to: 30, factor: 0.5}\n  - {up_to: 20, factor: 0.8}") == [
            "broken.yaml:4: error: impact_curve[1].up_to: must be above the previous segment's up_to 30.0",
            "broken.yaml:4: error: impact_curve[1].factor: 0.8 is above the previous segment's 0.5: the curve must be concave (factors not increasing)",
        ])
        #expect(try Self.broken("sectors:\n  ITU/R: {name: x}") == [
            "broken.yaml:3: error: sectors.ITU/R: 'ITU/R' is not a usable id: use letters, digits, '-' and '_' (at most 64), starting with a letter",
        ])
    }

    @Test func missingSectionsAreEachReportedOnce() throws {
        #expect(try Self.diagnostics(["broken.yaml": "years: [2025]"]) == [
            "name", "envelopes", "goals", "targets", "sectors", "priorities", "offerings", "staff", "mandate", "impact_curve",
        ].map { "broken.yaml:1: error: \($0): is missing" })
    }

    @Test func malformedYAML() throws {
        #expect(try Self.diagnostics(["broken.yaml": "name: [unclosed"]) == [
            "broken.yaml:2: error: not valid YAML or JSON: did not find expected ',' or ']'",
        ])
        #expect(try Self.diagnostics(["broken.yaml": "- a list\n- not a map\n"]) == [
            "broken.yaml:1: error: a scenario must be a map of fields, found a list",
        ])
    }

    @Test func jsonScenariosWork() throws {
        let json = #"{"extends": "tiny.yaml", "envelopes": {"2025": 90, "2026": -1}}"#
        #expect(try Self.diagnostics(["broken.json": json], main: "broken.json") == [
            "broken.json:1: error: envelopes.2026: must be an amount in CHF thousands >= 0, found -1",
        ])
    }
}

@Suite("Targets that could pass 100 %")
struct ReachableAttainmentTests {
    /// Tiny with narrow gaps, by hand: per year CHF 100k on T1's best segments: 30 at 1.0 (A, P1,
    /// O1), 30 at 0.45 (O2), 40 at 0.4 (O1 past the knee) = 59.5 points; two years 119 of a scale
    /// of 10: 1,190 %.
    @Test func theDataCheckWarnsWithTheReachableAttainment() throws {
        let (_, warnings) = try Scenario.load(TestPaths.testScenarios.appendingPathComponent("tiny-reachable.yaml"))
        let texts = warnings.map(\.description)
        #expect(texts.contains { $0.contains("targets.T1: its effects could carry it to 1,190 % attainment") })
        #expect(texts.contains { $0.contains("targets.T2: its effects could carry it to 2,380 % attainment") })
    }

    @Test func theShippedScenariosCannotPassTheirTargets() throws {
        for file in ShippedScenarioTests.files + ["examples/public-health-agency.yaml"] {
            let (_, warnings) = try Scenario.load(TestPaths.shippedScenarios.appendingPathComponent(file))
            #expect(!warnings.contains { $0.description.contains("could carry it") }, "\(file)")
        }
    }
}
