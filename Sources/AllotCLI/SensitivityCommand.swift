import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend
import Runner

enum SensitivityFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, csv, json
}

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "The appendix's sensitivity (Appendix A — sensitivity for the ITU): prices of money and people, unfunded lines, stability to the weights.",
        discussion: """
        Prints text, Markdown or JSON. CSV holds three tables, and Excel reads one table per \
        file: --format csv --out FOLDER writes sensitivity-prices.csv, sensitivity-unfunded.csv \
        and sensitivity-weights.csv there, each with a UTF-8 byte order mark (allot run \
        --sensitivity writes the same files into each scenario's tables/).
        """)

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "Output format: text, markdown, csv (needs --out) or json.")
    var format: SensitivityFormat = .text

    @Option(help: "Folder for sensitivity-prices.csv, sensitivity-unfunded.csv and sensitivity-weights.csv (with --format csv).")
    var out: String?

    @OptionGroup var csvOptions: CSVOptions

    @Flag(help: "Also re-solve the plan's LP in exact rational arithmetic from its final basis (see allot solve --certify).")
    var certify = false

    func validate() throws {
        if format == .csv && out == nil {
            throw ValidationError("--format csv writes three tables, one file each (sensitivity-prices.csv, sensitivity-unfunded.csv, sensitivity-weights.csv): add --out FOLDER, or print one document with --format text, markdown or json")
        }
        if format != .csv && out != nil {
            throw ValidationError("--out writes the CSV tables: add --format csv, or leave out --out to print \(format.rawValue)")
        }
    }

    func run() throws {
        let progress = CommandProgress.start("solving and analysing \(self.scenario)", options: progressOptions)
        defer { progress.finish() }
        let source = try scenarioOptions.source(self.scenario)
        let (scenario, warnings) = try scenarioOptions.load(source)
        let sensitivity: PlanSensitivity
        do {
            let solver = GLPKSolver()
            let solved = certify ? try ScenarioDriver.solveCertified(scenario, with: solver, sensitivity: true)
                : try ScenarioDriver.solve(scenario, with: solver, sensitivity: true)
            sensitivity = try SensitivityAnalyzer.analyze(solved, source: source, with: solver)
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
            // validate() lets --format csv through only with --out.
            guard let out else { break }
            let files = sensitivity.csvFiles(dialect: csvOptions.dialect)
            do {
                try OutputFolder.writeReports(files, into: URL(fileURLWithPath: out))
            } catch {
                throw AllotFailure("\(error)")
            }
            print("Sensitivity of \(sensitivity.plan.scenario.name): written to \(out)/\(files.map(\.name).joined(separator: ", "))")
        }
        let code = AllotExitCode(sensitivity.plan.termination)
        if code != .success { throw ExitCode(code.rawValue) }
        if let exact = sensitivity.plan.exactCertification {
            AllotMain.printError("exact check: \(exact.summary)")
            if !exact.basisOptimal { throw ExitCode(AllotExitCode.limitOrFailure.rawValue) }
        }
    }
}
