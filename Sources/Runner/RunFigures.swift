import Allocation
import AllocationReports
import Foundation

/// What a run's summary says of one scenario, taken from its plan (and the baseline's) once:
/// the summary files are written from these figures alone, so a run split into shards, each
/// carrying its scenarios' figures, writes the summary a single run writes.
public struct RunEntryFigures: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case solved, failed, notRun }

    public var file: String
    public var folder: String
    public var kind: Kind
    /// Why a scenario failed (invalid scenario, solver error), one problem a line.
    public var message: String?
    public var plan: PlanFigures?

    /// True when the scenario counts as failed for the exit code: invalid, infeasible, unbounded or stopped.
    public var failed: Bool {
        switch kind {
        case .solved: plan.map { $0.status != "optimal" && $0.status != "feasible" } ?? true
        case .failed: true
        case .notRun: false
        }
    }
}

/// A solved scenario's figures in a run summary.
public struct PlanFigures: Codable, Sendable, Hashable {
    public struct Comparison: Codable, Sendable, Hashable {
        public var impactAtBaselineWeights: Double
        public var baselineImpactAtBaselineWeights: Double
        public var objectiveChange: Double
        public var changeAtBaselineWeights: Double
        public var objectiveDifferences: [String]
    }

    public struct Target: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var attainment: Double
    }

    /// A Sector's spending and staff over the plan: exact, and as its own reports print them.
    public struct Sector: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var cost: Double?
        public var staff: Double?
        public var printedCost: Double?
        public var printedFTEYears: Double?
    }

    public struct Year: Codable, Sendable, Hashable {
        public var year: Int
        public var cost: Double?
        public var staff: Double?
        public var unspent: Double?
        public var printedCost: Double?
        public var printedFTE: Double?
        public var printedUnspent: Double?
    }

    public var name: String
    public var status: String
    public var objective: Double?
    /// Against the run's baseline plan; nil without one (or where they cannot be compared).
    public var comparison: Comparison?
    public var money: MoneyWords
    public var targets: [Target]
    public var sectors: [Sector]
    public var years: [Year]
    /// Money left unspent, in sentences (warnings of `allot run`).
    public var unspentSentences: [String]

    public init(_ plan: AllocationPlan, baseline: AllocationPlan?) {
        name = plan.scenario.name
        status = plan.termination.status
        objective = plan.objective
        comparison = baseline.flatMap { PlanComparison(baseline: $0, scenario: plan) }.map {
            Comparison(impactAtBaselineWeights: $0.impactAtBaselineWeights, baselineImpactAtBaselineWeights: $0.baselineImpactAtBaselineWeights,
                       objectiveChange: $0.objectiveChange, changeAtBaselineWeights: $0.changeAtBaselineWeights, objectiveDifferences: $0.objectiveDifferences)
        }
        money = plan.scenario.organisation.money
        targets = plan.targets.map { Target(id: $0.id, name: $0.name, attainment: $0.attainment) }
        let printed = plan.printedTotals()
        let bySector = Dictionary(uniqueKeysWithValues: plan.totalsBySector.map { ($0.key, $0) })
        sectors = plan.scenario.sectors.map { sector in
            Sector(id: sector.id, name: sector.name, cost: bySector[sector.id]?.cost, staff: bySector[sector.id]?.staff,
                   printedCost: printed?.moneyBySector[sector.id], printedFTEYears: printed?.fteYearsBySector[sector.id])
        }
        let byYear = Dictionary(uniqueKeysWithValues: plan.totalsByYear.map { ($0.key, $0) })
        let envelopes = Dictionary(uniqueKeysWithValues: plan.envelopeUse.map { ($0.year, $0) })
        years = plan.scenario.years.map { year in
            Year(year: year, cost: byYear[String(year)]?.cost, staff: byYear[String(year)]?.staff, unspent: envelopes[year]?.unspent,
                 printedCost: printed?.moneyByYear[year], printedFTE: printed?.fteByYear[year],
                 printedUnspent: envelopes[year].flatMap { use in printed?.unspent(use) })
        }
        unspentSentences = plan.unspentSentences()
    }
}

/// A run's summary as figures: what summary.md, .json, .csv and .xlsx and the printed summary
/// are written from.
public struct RunReport: Codable, Sendable {
    public var entries: [RunEntryFigures]
    public var baselineFile: String?
    /// The baseline's own figures, when it solved: its targets, Sectors and years come first.
    public var baseline: PlanFigures?
    public var interrupted: Bool

    public init(entries: [RunEntryFigures], baselineFile: String?, baseline: PlanFigures?, interrupted: Bool) {
        self.entries = entries
        self.baselineFile = baselineFile
        self.baseline = baseline
        self.interrupted = interrupted
    }
}

extension RunEntry {
    func figures(baseline: AllocationPlan?) -> RunEntryFigures {
        switch outcome {
        case .solved(let plan, _): RunEntryFigures(file: file, folder: folder, kind: .solved, plan: PlanFigures(plan, baseline: baseline))
        case .failed(let message): RunEntryFigures(file: file, folder: folder, kind: .failed, message: message)
        case .notRun: RunEntryFigures(file: file, folder: folder, kind: .notRun)
        }
    }
}
