import Allocation
import AllocationReports
import ArgumentParser
import Foundation
import GLPKBackend
import LinearModel
import Runner

struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Write the what-if page: sliders for one or two limits, the optimal plan at every position, exactly.",
        discussion: """
        PATH: envelopes.total (all annual envelopes scaled together), staff.ceiling.total (all \
        annual staff ceilings scaled together), envelopes.YEAR, staff.ceiling.YEAR, \
        sectors.ID.staff_ceiling.YEAR, fixed_commitments.ID.amount and other limits set by one \
        number. Give --vary, --from and --to once per limit (one or two); a range in percent of \
        the scenario's value is written 85% and 115%. The page is one HTML file that needs \
        nothing else (no network, no server); the URL fragment sets the sliders, e.g. \
        what-if.html#envelopes.total=640000&staff.ceiling.total=1700. \
        Example: allot explore scenarios/itu-2024-2027.yaml --vary envelopes.total --from 85% --to 115% \
        --vary staff.ceiling.total --from 85% --to 105% --out what-if.html
        """)

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "A limit to vary, as a dotted path (once or twice).")
    var vary: [String] = []

    @Option(help: "Lowest value of each limit, in order (a number, or a percentage such as 85%).")
    var from: [String] = []

    @Option(help: "Highest value of each limit, in order.")
    var to: [String] = []

    @Option(help: "The HTML file to write.")
    var out: String

    @Option(help: "Most regions the page may hold before it is refused as too large.")
    var maximumRegions: Int = WhatIfMapBuilder.defaultMaximumRegions

    func validate() throws {
        guard (1...2).contains(vary.count) else { throw ValidationError("give --vary once or twice (one or two limits), not \(vary.count) times") }
        guard from.count == vary.count, to.count == vary.count else {
            throw ValidationError("give one --from and one --to for each --vary (\(vary.count) limits, \(from.count) --from, \(to.count) --to)")
        }
        _ = try requests()
        guard maximumRegions >= 1 else { throw ValidationError("--maximum-regions must be at least 1") }
        guard out.hasSuffix(".html") else { throw ValidationError("--out must name an .html file, not '\(out)'") }
    }

    static func bound(_ text: String, option: String) throws -> (value: Double, percent: Bool) {
        let percent = text.hasSuffix("%")
        let number = percent ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text
        guard let value = Double(number), value.isFinite else { throw ValidationError("\(option) '\(text)' is not a number or a percentage such as 85%") }
        return (value, percent)
    }

    func requests() throws -> [WhatIfMapBuilder.Request] {
        try vary.indices.map { index in
            let low = try Self.bound(from[index], option: "--from"), high = try Self.bound(to[index], option: "--to")
            guard low.percent == high.percent else { throw ValidationError("--from and --to of \(vary[index]) must both be percentages or both be values") }
            guard low.value < high.value else { throw ValidationError("--from must be below --to for \(vary[index])") }
            return WhatIfMapBuilder.Request(path: vary[index], from: low.value, to: high.value, inPercent: low.percent)
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let progress = CommandProgress.start("mapping the plan over \(vary.joined(separator: " and "))", options: progressOptions)
        defer { progress.finish() }
        let source = try scenarioOptions.source(scenario)
        let map: WhatIfMap
        do {
            map = try WhatIfMapBuilder.build(source, limits: try requests(), with: GLPKSolver(), maximumRegions: maximumRegions,
                                             progress: progress.counter("regions checked"))
        } catch {
            throw AllotFailure(analysisError: error)
        }
        progress.finish()
        let html = map.html()
        do {
            try ReportFile.write(html, to: URL(fileURLWithPath: out))
        } catch {
            throw AllotFailure("\(error)")
        }
        let seconds = (clock.now - start).inSeconds
        let ranges: String = map.limits.map { "\($0.path) \(WhatIfMap.number($0.from))–\(WhatIfMap.number($0.to)) \($0.unitName)" }.joined(separator: " × ")
        let check: String = map.checkedPoints > 0
            ? "every region checked against a solve at its centre (largest difference \(String(format: "%.1e", map.largestDifference)))"
            : "regions not checked: whole posts (LP plan shown)"
        let gaps: String = map.gaps.isEmpty ? "" : "; no plan in part of the range"
        let size: Int = html.utf8.count / 1024
        print("What-if page of \(map.scenarioName) written to \(out): \(map.regions.count) regions from \(map.bases) optimal bases over \(ranges); \(size) KB; \(check)\(gaps)" + String(format: "; %.1f s", seconds))
    }
}
