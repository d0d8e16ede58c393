import Allocation

/// The totals a plan's reports print, each rounded once, in the Appendix A tables, and reused by
/// every other table, headline, sentence and summary that shows the same quantity: the Sector
/// total in the text report is the one in A.1, A.2 and A.4; a year's spending in the envelope
/// table is the one in A.3 and A.4. CHF thousands and FTE.
public struct PrintedTotals: Sendable, Hashable {
    public var money: Double
    public var moneyBySector: [String: Double]
    public var moneyByYear: [Int: Double]
    public var moneyByPriority: [String: Double]
    public var moneyByOffering: [String: Double]
    public var moneyByBiennium: [String: Double]
    /// Spending attributed to each target and goal (A.3).
    public var moneyByTarget: [String: Double]
    public var moneyByGoal: [String: Double]
    /// FTE-years over the plan, by Sector, and FTE in each year (A.4).
    public var fteYears: Double
    public var fteYearsBySector: [String: Double]
    public var fteByYear: [Int: Double]
    /// Average FTE per year over the plan (A.1, A.2).
    public var averageFTE: Double
    public var averageFTEBySector: [String: Double]

    /// Each year's envelope as printed (whole CHF thousands) less its spending as printed: the
    /// unspent figure every table and sentence shows. Nil without an envelope.
    public func unspent(_ use: EnvelopeUse) -> Double? {
        use.envelope.map { $0.rounded() - (moneyByYear[use.year] ?? use.spending.rounded()) }
    }
}

extension AllocationPlan {
    /// The printed totals; nil without a plan.
    public func printedTotals() -> PrintedTotals? {
        printedTotals(of: appendixTables())
    }

    /// The printed totals read from this plan's Appendix A tables, already rounded.
    func printedTotals(of appendix: [CrossTable]) -> PrintedTotals? {
        guard !lines.isEmpty else { return nil }
        let tables = Dictionary(uniqueKeysWithValues: appendix.map { ($0.id, $0.rounded) })
        func keyed<K: Hashable>(_ keys: [K], _ values: [Double]?) -> [K: Double] {
            Dictionary(uniqueKeysWithValues: zip(keys, values ?? []).map { ($0, $1) })
        }
        let sectors = scenario.sectors.map(\.id), years = scenario.years
        let money = tables["budget-by-sector-and-year"], staff = tables["fte-by-sector-and-year"], average = tables["fte-by-sector-and-priority"]
        return PrintedTotals(
            money: money?.total ?? 0,
            moneyBySector: keyed(sectors, money?.rowTotals),
            moneyByYear: keyed(years, money?.columnTotals),
            moneyByPriority: keyed(scenario.priorities.map(\.id), tables["budget-by-sector-and-priority"]?.columnTotals),
            moneyByOffering: keyed(scenario.offerings.map(\.id), tables["budget-by-sector-and-offering"]?.columnTotals),
            moneyByBiennium: keyed(scenario.biennia.map(\.id), tables["budget-by-sector-and-biennium"]?.columnTotals),
            moneyByTarget: keyed(scenario.targets.map(\.id), tables["budget-by-target-and-year"]?.rowTotals),
            moneyByGoal: keyed(scenario.goals.map(\.id), tables["budget-by-goal-and-year"]?.rowTotals),
            fteYears: staff?.total ?? 0,
            fteYearsBySector: keyed(sectors, staff?.rowTotals),
            fteByYear: keyed(years, staff?.columnTotals),
            averageFTE: average?.total ?? 0,
            averageFTEBySector: keyed(sectors, average?.rowTotals))
    }
}
