import Runner
import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend

struct CurveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curve",
        abstract: "The exact optimal weighted impact against one limit, every breakpoint found.",
        discussion: """
        PATH: envelopes.total (all annual envelopes scaled together), envelopes.YEAR, \
        staff.ceiling.YEAR, sectors.ID.staff_ceiling.YEAR, fixed_commitments.ID.amount and other \
        limits set by one number. The weighted LP only (not whole posts or two-stage objectives). \
        Without --out, prints the breakpoints in Markdown; with it, writes curve.csv, curve.md and curve.html.
        """)

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "The limit to vary, as a dotted path.")
    var vary: String

    @Option(help: "Lowest value.")
    var from: Double

    @Option(help: "Highest value.")
    var to: Double

    @Option(help: "Folder for curve.csv, curve.md and curve.html.")
    var out: String?

    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        guard from.isFinite, to.isFinite, from < to else { throw ValidationError("--from and --to must be finite, with --from below --to") }
    }

    func run() throws {
        let progress = CommandProgress.start("walking the exact curve of \(vary)", options: progressOptions)
        defer { progress.finish() }
        let source = try scenarioOptions.source(scenario)
        let curve: BudgetCurve
        do {
            curve = try BudgetCurveBuilder.run(source, path: vary, from: from, to: to, with: GLPKSolver())
        } catch {
            throw AllotFailure(analysisError: error)
        }
        progress.finish()
        let markdown = curve.table().markdown(level: 2)
        guard let out else {
            print(markdown, terminator: "")
            return
        }
        let folder = URL(fileURLWithPath: out)
        do {
            try OutputFolder.writeReports([("curve.csv", curve.csv(dialect: csvOptions.dialect)), ("curve.md", markdown), ("curve.html", curve.html())], into: folder)
        } catch {
            throw AllotFailure("\(error)")
        }
        print("Exact curve of \(vary): \(curve.pieces.count) pieces, \(curve.breakpoints.count) breakpoints; written to \(out)/curve.csv, curve.md, curve.html")
    }
}
