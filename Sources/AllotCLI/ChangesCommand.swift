import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Several limits changed at once: the 100 % rule, the exact basis test, and the re-solved answer.",
        discussion: "Example: allot changes scenarios/itu-2024-2027.yaml --set envelopes.total=627950 --set staff.ceiling.2025=430")

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var progressOptions: ProgressOptions

    @Option(name: .customLong("set"), help: "PATH=VALUE, a limit and its new value; repeat for each change.")
    var changes: [String] = []

    func validate() throws {
        if changes.isEmpty { throw ValidationError("give at least one --set PATH=VALUE") }
        for change in changes where parse(change) == nil { throw ValidationError("--set '\(change)' must be PATH=NUMBER") }
    }

    private func parse(_ text: String) -> ScenarioOverride? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let value = Double(parts[1]), value.isFinite else { return nil }
        return ScenarioOverride(path: parts[0], value: value)
    }

    func run() throws {
        let progress = CommandProgress.start("assessing the changes", options: progressOptions)
        defer { progress.finish() }
        let source = try scenarioOptions.source(scenario)
        let report: SimultaneousChangeReport
        let money: MoneyWords
        do {
            money = try source.scenario().scenario.organisation.money
            report = try SimultaneousChanges.assess(source, changes: changes.compactMap(parse), with: GLPKSolver())
        } catch {
            throw AllotFailure(analysisError: error)
        }
        progress.finish()
        for change in report.changes {
            func value(_ number: Double) -> String {
                change.valueUnit == .money ? money.printed(number) : "\(Figures.fte(number)) \(change.valueUnit.name(money))"
            }
            print("\(change.path): \(value(change.from)) -> \(value(change.to)); today's price \(Figures.number(change.price)) of weighted impact per \(change.priceUnit.one(money)); "
                + String(format: "%.1f %% of its allowable change", change.shareOfAllowable * 100))
        }
        print(String(format: "100 %% rule: %.1f %% in all. Exact test: the current basis %@.", report.hundredPercentSum * 100, report.basisStillOptimal ? "stays optimal" : "does not stay optimal"))
        print(String(format: "Weighted impact: today %.6f; predicted with today's prices %.6f; re-solved %@.", report.baseObjective, report.predictedObjective,
                     report.actualObjective.map { String(format: "%.6f", $0) } ?? "no plan"))
        print(report.verdict)
    }
}
