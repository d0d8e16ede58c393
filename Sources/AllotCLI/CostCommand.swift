import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend

struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "What a target's attainment level costs: what the other targets give up with today's money, the extra envelope that reaches it without giving anything up, or what stops it.",
        discussion: "Example: allot cost scenarios/itu-2024-2027.yaml --target 2.4 --attainment 0.30. The weighted LP only (not whole posts or two-stage objectives).")

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "The target's id, e.g. 2.4.")
    var target: String

    @Option(help: "The attainment asked, as a share of the gap to the target value (0.30 = 30 %).")
    var attainment: Double

    @Option(help: "Output format: text, markdown, json or html (one page with the trade-off drawn).")
    var format: CostFormat = .text

    enum CostFormat: String, ExpressibleByArgument { case text, markdown, json, html }

    func run() throws {
        let progress = CommandProgress.start("pricing \(target) at \(Figures.percent(attainment)) attainment", options: progressOptions)
        defer { progress.finish() }
        let source = try scenarioOptions.source(scenario)
        let cost: TargetCost
        do { cost = try TargetCostAnalysis.run(source, target: target, attainment: attainment, with: GLPKSolver()) } catch {
            throw AllotFailure(analysisError: error)
        }
        progress.finish()
        switch format {
        case .text: print(cost.text(), terminator: "")
        case .json: print(cost.json().rendered(), terminator: "")
        case .markdown: print(cost.markdown(), terminator: "")
        case .html: print(cost.html(), terminator: "")
        }
    }
}
