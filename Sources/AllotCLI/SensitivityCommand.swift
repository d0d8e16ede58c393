import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend

enum SensitivityFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, csv, json
}

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Appendix A — sensitivity: prices of money and people, unfunded lines, stability to the weights.")

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "Output format: text, markdown, csv or json.")
    var format: SensitivityFormat = .text

    @Flag(help: "Also re-solve the plan's LP in exact rational arithmetic from its final basis (see allot solve --certify).")
    var certify = false

    func run() throws {
        let progress = CommandProgress.start("solving and analysing \(self.scenario)", options: progressOptions)
        defer { progress.finish() }
        let (scenario, warnings) = try scenarioOptions.load(self.scenario)
        let sensitivity: PlanSensitivity
        do {
            let solver = GLPKSolver()
            let solved = certify ? try ScenarioDriver.solveCertified(scenario, with: solver, sensitivity: true)
                : try ScenarioDriver.solve(scenario, with: solver, sensitivity: true)
            sensitivity = try SensitivityAnalyzer.analyze(solved, with: solver)
        } catch {
            throw AllotFailure("\(self.scenario): \(error)".replacingOccurrences(of: "\n", with: " "))
        }
        progress.finish()
        for warning in warnings { AllotMain.printError(warning.description) }
        switch format {
        case .text: print(sensitivity.text(), terminator: "")
        case .markdown: print(sensitivity.markdown(), terminator: "")
        case .json: print(sensitivity.json().rendered(), terminator: "")
        case .csv:
            let tables = sensitivity.csv()
            print(["prices", "unfunded", "weights"].compactMap { tables[$0] }.joined(separator: "\r\n"), terminator: "")
        }
        let code = AllotExitCode(sensitivity.plan.termination)
        if code != .success { throw ExitCode(code.rawValue) }
        if let exact = sensitivity.plan.exactCertification {
            AllotMain.printError("exact check: \(exact.summary)")
            if !exact.basisOptimal { throw ExitCode(AllotExitCode.limitOrFailure.rawValue) }
        }
    }
}
