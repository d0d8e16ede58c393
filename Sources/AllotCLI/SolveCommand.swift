import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend
import LinearModel

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html
}

/// Where scenario files live and how to read them; shared by every scenario command.
struct ScenarioOptions: ParsableArguments {
    @Option(help: "Scenarios root: files named by 'extends' must lie inside it (default: the scenario's folder).")
    var root: String?

    func load(_ path: String) throws -> (scenario: Scenario, warnings: [Diagnostic]) {
        let url = URL(fileURLWithPath: path)
        do {
            return try Scenario.load(url, root: root.map { URL(fileURLWithPath: $0) })
        } catch {
            throw AllotFailure(error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }
}

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve one scenario and print its allocation plan.")

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions

    @Option(help: "Output format: text, json, markdown or html.")
    var format: PlanFormat = .text

    @Option(name: .customLong("export-lp"), help: "Also write the LP in CPLEX LP format to this file.")
    var exportLP: String?

    @Option(name: .customLong("export-mps"), help: "Also write the LP in free MPS format to this file.")
    var exportMPS: String?

    @Option(name: .customLong("executive-summary"), help: "Also write the plan on one page (Appendix A's figures, the three tightest limits, unfunded lines, unspent money) to this file: HTML if it ends in .html, else Markdown.")
    var executiveSummary: String?

    @Flag(help: "Also re-solve the plan's LP in exact rational arithmetic from its final basis and report whether that basis is optimal exactly and how far the printed figures are from the exact ones.")
    var certify = false

    func run() throws {
        let (scenario, warnings) = try scenarioOptions.load(self.scenario)
        let solver = GLPKSolver()
        let result: SolvedScenario
        do {
            result = certify ? try ScenarioDriver.solveCertified(scenario, with: solver) : try ScenarioDriver.solve(scenario, with: solver)
        } catch {
            throw AllotFailure("\(self.scenario): \(error)".replacingOccurrences(of: "\n", with: " "))
        }
        do {
            if let exportLP { try ModelFile.write(result.compiled.model, to: exportLP, format: .cplexLP) }
            if let exportMPS { try ModelFile.write(result.compiled.model, to: exportMPS, format: .freeMPS) }
            if let executiveSummary {
                // Without prices the page says so; the plan itself is still printed.
                let page = ExecutiveSummary(plan: result.plan, sensitivity: try? SensitivityAnalyzer.analyze(result, with: solver))
                try ReportFile.write(executiveSummary.lowercased().hasSuffix(".html") ? page.html() : page.markdown(), to: URL(fileURLWithPath: executiveSummary))
            }
        } catch {
            throw AllotFailure("\(error)")
        }
        for warning in warnings { AllotMain.printError(warning.description) }
        for sentence in result.plan.unspentSentences() { AllotMain.printError("warning: \(sentence)") }
        switch format {
        case .text: print(result.plan.text(), terminator: "")
        case .json: print(result.plan.json(warnings: warnings).rendered(), terminator: "")
        case .markdown: print(result.plan.markdown(), terminator: "")
        case .html: print(result.plan.html(), terminator: "")
        }
        let code = AllotExitCode(result.plan.termination)
        if code != .success { throw ExitCode(code.rawValue) }
        // A basis the exact check does not confirm: the figures are not what they claim.
        if let exact = result.plan.exactCertification, !exact.basisOptimal { throw ExitCode(AllotExitCode.limitOrFailure.rawValue) }
    }
}
