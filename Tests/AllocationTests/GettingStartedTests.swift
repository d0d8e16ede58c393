import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import Testing

/// The code of the DocC article "Getting started" (Allocation.docc/GettingStarted.md), run on the
/// shipped baseline, with the figures the article quotes.
@Suite("Getting started article")
struct GettingStartedTests {
    @Test func theArticlesCodeRunsAndPrintsItsFigures() throws {
        let file = TestPaths.shippedScenarios.appendingPathComponent("itu-2024-2027.yaml")
        let (scenario, warnings) = try Scenario.load(file)
        #expect(warnings.isEmpty)

        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver(), sensitivity: true)
        let plan = solved.plan
        #expect(plan.termination.status == "optimal")
        #expect(abs((plan.objective ?? .nan) - 1.8536575) < 1e-6)
        #expect(abs(plan.totalCost - 661_000) < 1e-6)

        let wrc = try #require(plan.lines.first {
            $0.sector == "ITUR" && $0.line == "Spectrum" && $0.offering == "Regulations" && $0.year == 2027
        })
        #expect(abs(wrc.cost - 8_500) < 1e-6 && abs(wrc.committed - 8_500) < 1e-9)
        #expect(abs(wrc.totalStaff - 30.527) < 1e-3)
        let internet = try #require(plan.targets.first { $0.id == "2.1" })
        #expect(abs(internet.attainment - 0.2615) < 1e-4)

        let envelope = try #require(solved.price(of: .envelope(year: 2026)))
        #expect(envelope.description.hasPrefix("Annual envelope 2026 (CHF 165,000k)"))
        #expect(abs(envelope.price.value - 0.0012979) < 1e-7 && envelope.unit.one(scenario.organisation.money) == "CHF 1 million")
        #expect(abs(envelope.allowableDecrease - 1365.27) < 0.01 && abs(envelope.allowableIncrease - 243.48) < 0.01)
        #expect(envelope.rangeUnit.name(scenario.organisation.money) == "CHF thousands")

        let sensitivity = try SensitivityAnalyzer.analyze(solved, with: GLPKSolver())
        #expect(sensitivity.subject == nil)
        #expect(sensitivity.prices.count == 468 && sensitivity.unfunded.count == 9 && sensitivity.weights.count == 10, "\(sensitivity.prices.count) \(sensitivity.unfunded.count) \(sensitivity.weights.count)")

        let scratch = try TemporaryDirectory()
        try ReportFile.write(plan.markdown(), to: scratch.url.appendingPathComponent("appendix.md"))
        try ReportFile.write(plan.html(), to: scratch.url.appendingPathComponent("appendix.html"))
        try ReportFile.write(sensitivity.markdown(), to: scratch.url.appendingPathComponent("sensitivity.md"))
        let written = try String(contentsOf: scratch.url.appendingPathComponent("appendix.md"), encoding: .utf8)
        #expect(written.hasPrefix("# Appendix A. Allocation of resources"))
    }
}
