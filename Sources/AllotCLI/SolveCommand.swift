import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend
import LinearModel
import XLSXWriter

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html, xlsx
}

/// Where scenario files live and how to read them; shared by every scenario command.
struct ScenarioOptions: ParsableArguments {
    @Option(help: "Scenarios root: files named by 'extends' must lie inside it (default: the scenario's folder).")
    var root: String?

    func load(_ path: String) throws -> (scenario: Scenario, warnings: [Diagnostic]) {
        try load(try source(path))
    }

    /// The scenario of a file already read: merged, decoded and checked.
    func load(_ source: ScenarioSource) throws -> (scenario: Scenario, warnings: [Diagnostic]) {
        do {
            return try source.scenario()
        } catch {
            throw AllotFailure(error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    /// The scenario file read and merged (its `extends` resolved under the root), for commands
    /// that move its numbers; every problem in one failure, as ``load(_:)`` reports them.
    func source(_ path: String) throws -> ScenarioSource {
        do {
            return try ScenarioSource(URL(fileURLWithPath: path), root: root.map { URL(fileURLWithPath: $0) })
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

    @OptionGroup var progressOptions: ProgressOptions

    @OptionGroup var solverOptions: SolverOptions

    @Option(help: "Output format: text, json, markdown, html or xlsx (a workbook: needs --out).")
    var format: PlanFormat = .text

    @Option(help: "The file to write the plan to (the workbook of --format xlsx); without it the plan goes to standard output.")
    var out: String?

    func validate() throws {
        if format == .xlsx && out == nil { throw ValidationError("--format xlsx writes a workbook: give --out FILE.xlsx") }
        if certify && solverOptions.choice != .glpk { throw ValidationError("--certify re-solves from GLPK's final basis: use it with --solver glpk") }
    }

    @Option(name: .customLong("export-lp"), help: "Also write the LP in CPLEX LP format to this file.")
    var exportLP: String?

    @Option(name: .customLong("export-mps"), help: "Also write the LP in free MPS format to this file.")
    var exportMPS: String?

    @Option(name: .customLong("executive-summary"), help: "Also write the plan on one page (the appendix's figures, the three tightest limits, unfunded lines, unspent money) to this file: HTML if it ends in .html, else Markdown.")
    var executiveSummary: String?

    @Flag(help: "Also re-solve the plan's LP in exact rational arithmetic from its final basis and report whether that basis is optimal exactly and how far the printed figures are from the exact ones.")
    var certify = false

    func run() throws {
        let progress = CommandProgress.start("solving \(self.scenario)", options: progressOptions)
        defer { progress.finish() }
        let (scenario, warnings) = try scenarioOptions.load(self.scenario)
        if scenario.staff.wholePosts { progress.set(phase: "solving \(self.scenario) in whole posts (branch and cut)") }
        let solver = solverOptions.choice.solver
        let result: SolvedScenario
        do {
            // A workbook carries Excel Solver's Sensitivity report: the solve computes the ranges.
            let ranges = format == .xlsx
            result = certify ? try ScenarioDriver.solveCertified(scenario, with: GLPKSolver(), sensitivity: ranges) : try ScenarioDriver.solve(scenario, with: solver, sensitivity: ranges)
        } catch {
            throw AllotFailure("\(self.scenario): \(error)".replacingOccurrences(of: "\n", with: " "))
        }
        do {
            let key = AllocationCompiler.idKey(scenario)
            if let exportLP { try ModelFile.write(result.compiled.model, to: exportLP, format: .cplexLP, comments: key) }
            if let exportMPS { try ModelFile.write(result.compiled.model, to: exportMPS, format: .freeMPS, comments: key) }
            if let executiveSummary {
                // Without prices the page says so; the plan itself is still printed. Ranges come
                // from GLPK whichever engine found the plan (they are of the plan's LP).
                let page = ExecutiveSummary(plan: result.plan, sensitivity: try? SensitivityAnalyzer.analyze(result, with: GLPKSolver(), scope: .committee))
                try ReportFile.write(executiveSummary.lowercased().hasSuffix(".html") ? page.html() : page.markdown(), to: URL(fileURLWithPath: executiveSummary))
            }
        } catch {
            throw AllotFailure("\(error)")
        }
        progress.finish()
        for warning in warnings { AllotMain.printError(warning.description) }
        for sentence in result.plan.unspentSentences() { AllotMain.printError("warning: \(sentence)") }
        let output: String
        switch format {
        case .text: output = result.plan.text()
        case .json: output = result.plan.json(warnings: warnings).rendered()
        case .markdown: output = result.plan.markdown()
        case .html: output = result.plan.html()
        case .xlsx:
            let workbook = result.plan.workbook(solverReports: result.solverStyleReports())
            do {
                try ReportFile.write(data: try XLSXFile.data(workbook), to: URL(fileURLWithPath: out ?? "plan.xlsx"))
            } catch {
                throw AllotFailure("\(error)")
            }
            output = ""
        }
        if let out, format != .xlsx {
            do { try ReportFile.write(output, to: URL(fileURLWithPath: out)) } catch { throw AllotFailure("\(error)") }
        } else {
            print(output, terminator: "")
        }
        let code = AllotExitCode(result.plan.termination)
        if code != .success { throw ExitCode(code.rawValue) }
        // A basis the exact check does not confirm: the figures are not what they claim.
        if let exact = result.plan.exactCertification, !exact.basisOptimal { throw ExitCode(AllotExitCode.limitOrFailure.rawValue) }
    }
}
