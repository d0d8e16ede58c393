import ArgumentParser
import Foundation
import GLPKBackend
import LinearModel
import LPReports

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

struct LPSolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve an LP or MIP from a CPLEX LP or free MPS file and print the answer and its sensitivity.",
        discussion: """
        Text mirrors Excel Solver's answer and sensitivity reports. Shadow price = change of the \
        optimal objective per unit increase of the right-hand side; reduced cost = change of the \
        objective per unit increase of the variable from its bound.
        """
    )

    @Argument(help: "Model file: .lp (CPLEX LP) or .mps (free MPS).")
    var file: String

    @Option(help: "Output format: text, json or csv.")
    var format: ReportFormat = .text

    @Flag(help: "Print allowable increases and decreases (Excel's sensitivity report) in text and csv.")
    var ranges = false

    @OptionGroup var csvOptions: CSVOptions

    @Option(name: .customLong("input-format"), help: "Model file format when the extension does not say: lp or mps.")
    var inputFormat: String?

    @Option(help: "Objective sense for MPS files, which carry none: min or max.")
    var sense: String?

    @OptionGroup var solverOptions: SolverOptions

    @Option(name: .customLong("method"), help: "Simplex method: primal or dual (default: dual; on COIN-OR primal once rows plus columns reach 5,000, where it is CLP's faster).")
    var method: String?

    @Flag(name: .customLong("no-presolve"), help: "Solve without the solver's presolver.")
    var noPresolve = false

    @Option(name: .customLong("mip-gap"), help: "MIP: stop at this relative gap (0 proves optimality).")
    var mipGap: Double = 0

    @Option(name: .customLong("node-limit"), help: "MIP: stop after this many branch-and-bound nodes.")
    var nodeLimit: Int?

    @Option(name: .customLong("iteration-limit"), help: "LP: stop after this many simplex iterations.")
    var iterationLimit: Int?

    @Option(name: .customLong("time-limit"), help: "Stop after this many seconds (a safety net; the answer is then not reproducible).")
    var timeLimit: Double?

    func validate() throws {
        if modelFormat == nil {
            throw ValidationError("cannot tell the format of '\(file)': name it .lp or .mps, or pass --input-format lp|mps")
        }
        if let sense, ObjectiveSense(cliName: sense) == nil {
            throw ValidationError("--sense must be min or max, not '\(sense)'")
        }
        if let method, SimplexMethod(rawValue: method) == nil {
            throw ValidationError("--method must be primal or dual, not '\(method)'")
        }
        if let problem = options.problem() { throw ValidationError(problem) }
    }

    private var modelFormat: ModelFileFormat? {
        if let inputFormat { return ModelFileFormat(rawValue: inputFormat) }
        return ModelFileFormat(pathExtension: URL(fileURLWithPath: file).pathExtension)
    }

    private var options: SolveOptions {
        var options = SolveOptions()
        options.method = method.flatMap(SimplexMethod.init(rawValue:)) ?? .dual
        options.presolve = !noPresolve
        options.mipRelativeGap = mipGap
        options.mipNodeLimit = nodeLimit
        options.iterationLimit = iterationLimit
        options.timeLimit = timeLimit
        options.computeSensitivity = ranges || format == .json
        return options
    }

    func run() throws {
        let model: Model
        do {
            model = try ModelFile.read(from: file, format: modelFormat!, sense: sense.flatMap(ObjectiveSense.init(cliName:)))
        } catch {
            throw AllotFailure("\(error)".replacingOccurrences(of: "\n", with: " "))
        }
        let solver = solverOptions.choice.solver
        var options = self.options
        // CLP's primal simplex after its presolve was the faster from 3x the ITU model up (3x:
        // 45 ms against 95 ms; 10x: 0.24 s against 0.65 s), its dual below (ITU: 6 against 11 ms).
        if method == nil, solverOptions.choice == .coin, model.variables.count + model.constraints.count >= 5_000 { options.method = .primal }
        let solution: Solution
        do {
            solution = try solver.solve(model, options: options)
        } catch {
            throw AllotFailure("\(file): \(error)".replacingOccurrences(of: "\n", with: " "))
        }
        let report = SolutionReport(model: model, solution: solution, solverName: solver.solverName)
        switch format {
        case .text: print(report.text(includeRanges: ranges), terminator: "")
        case .json: print(report.json().rendered(), terminator: "")
        case .csv: print(report.csv(dialect: csvOptions.dialect), terminator: "")
        }
        let code = AllotExitCode(solution.termination)
        if code != .success { throw ExitCode(code.rawValue) }
    }
}

extension ObjectiveSense {
    init?(cliName: String) {
        switch cliName.lowercased() {
        case "min", "minimize": self = .minimize
        case "max", "maximize": self = .maximize
        default: return nil
        }
    }
}

extension AllotExitCode {
    /// The exit code a solve's termination maps to.
    init(_ termination: Termination) {
        switch termination {
        case .optimal, .feasible: self = .success
        case .infeasible, .unbounded, .infeasibleOrUnbounded: self = .noSolution
        case .limitReached, .numericalFailure: self = .limitOrFailure
        }
    }
}
