/// A validated scenario: the organisation's structure, its financial plan and the policy
/// limits, in the units the README states. Amounts are in the organisation's stated money
/// (``Organisation/money``: CHF thousands for the ITU), staff is FTE, shares are fractions 0–1,
/// impact is in the target indicator's own points.
public struct Scenario: Sendable {
    public var name: String
    /// Whose plan it is, and the words and currency its reports use.
    public var organisation: Organisation
    public var description: String
    /// The scenario file as given, relative to the scenarios root.
    public var file: String
    public var years: [Int]
    public var biennia: [Biennium]
    /// Annual envelope per year, CHF thousands.
    public var envelopes: [Int: Double]
    public var goals: [Goal]
    public var targets: [Target]
    public var sectors: [Sector]
    /// The thematic priorities in force under the chosen cybersecurity option.
    public var priorities: [Priority]
    /// What money is assigned to: one line per priority, plus cybersecurity lines inside host
    /// priorities under the cross-cutting option.
    public var lines: [FundingLine]
    public var offerings: [Offering]
    public var staff: StaffPolicy
    /// The (sector, line, offering) cells the mandate allows, in a stable order.
    public var activities: [Activity]
    public var fixedCommitments: [FixedCommitment]
    /// Concave impact curve shared by every activity and year.
    public var impactCurve: [CurveSegment]
    /// The ITU's open choice on cybersecurity; nil when the scenario has no `cybersecurity:`
    /// section, and then no report mentions it.
    public var cybersecurity: CybersecurityOption?
    /// Least share of each year's spending on cybersecurity, under either option.
    public var cybersecurityMinShare: Double?
    /// Year-on-year limits on discretionary spending (fixed commitments excluded).
    public var changeLimits: ChangeLimits
    /// The previous plan and how far this one may deviate from it.
    public var previousPlan: PreviousPlan?
    /// Tolerance kept on earlier stages of a two-stage objective (relative, e.g. 0.001).
    public var objectiveTolerance: Double
    /// Search settings when staff is counted in whole posts.
    public var mip: MIPSettings
    public var objective: ObjectiveKind

    /// "ITU-D (BDT), Applications, Capacity development": an activity in the Strategic Plan's words.
    public func label(_ activity: Activity) -> String {
        label(sector: activity.sector, line: activity.line, offering: activity.offering)
    }

    public func label(sector: String, line: String, offering: String) -> String {
        [self.sector(sector)?.name ?? sector, self.line(line)?.name ?? line, self.offering(offering)?.name ?? offering].joined(separator: ", ")
    }

    public func sector(_ id: String) -> Sector? { sectors.first { $0.id == id } }
    public func line(_ id: String) -> FundingLine? { lines.first { $0.id == id } }
    public func priority(_ id: String) -> Priority? { priorities.first { $0.id == id } }
    public func offering(_ id: String) -> Offering? { offerings.first { $0.id == id } }
    public func target(_ id: String) -> Target? { targets.first { $0.id == id } }
    public func goal(_ id: String) -> Goal? { goals.first { $0.id == id } }
}

/// Cybersecurity in the Strategic Plan, which leaves the choice open.
public enum CybersecurityOption: String, Sendable, Hashable {
    /// Option 1: a thematic priority of its own.
    case standalone
    /// Option 2: identifiable cybersecurity lines inside Infrastructure and services,
    /// Applications and Enabling environment.
    case crossCutting = "cross_cutting"
}

/// What the plan maximises.
public enum ObjectiveKind: String, Sendable, Hashable {
    /// Σ weight_k · impact_k / scale_k.
    case weighted
    /// First the worst attainment among weighted targets, then the weighted sum with that worst
    /// attainment held (within the objective tolerance).
    case maximin
    /// The goals in their declared order: Goal 1's weighted sum first, then, with it held
    /// (within the objective tolerance), Goal 2's, and so on.
    case lexicographic
}

/// Year-on-year change limits, as shares of the previous year's discretionary spending.
public struct ChangeLimits: Sendable, Hashable {
    public var sector: Double?
    public var priority: Double?
}

/// The previous plan's spending per sector and per priority and year (CHF thousands).
public struct PreviousPlan: Sendable, Hashable {
    /// How far (as a share of the previous amount) each may move.
    public var maxDeviation: Double
    public var sectors: [String: [Int: Double]]
    public var priorities: [String: [Int: Double]]
}

/// When staff is in whole posts, the plan is a MIP: the search stops at `relativeGap` or
/// `nodeLimit`, whichever comes first; `timeLimit` (seconds) is only a safety net.
public struct MIPSettings: Sendable, Hashable {
    public var relativeGap: Double = 0.005
    public var nodeLimit: Int = 20_000
    public var timeLimit: Double = 120
}

/// A floor on a target's attainment, softened by a penalised shortfall (goal programming).
public struct TargetFloor: Sendable, Hashable {
    /// Attainment (impact / scale) the plan should reach.
    public var attainment: Double
    /// Objective units lost per unit of attainment short of the floor.
    public var penalty: Double

    public init(attainment: Double, penalty: Double) {
        self.attainment = attainment
        self.penalty = penalty
    }
}

public struct Biennium: Sendable, Hashable {
    public var id: String
    public var years: [Int]
    /// When true, money may move between the biennium's years: only the biennial envelope binds.
    public var transfers: Bool
    /// CHF thousands; defaults to the sum of the annual envelopes of its years.
    public var envelope: Double
}

public struct Goal: Sendable, Hashable {
    public var id: String
    public var name: String
}

/// Whether a target's indicator should go up or down.
public enum TargetDirection: String, Sendable, Hashable {
    case higher
    case lower
}

/// A target the plan works towards (the ITU's Connect 2030 targets). Impact on it is counted in
/// the indicator's points; `scale` points close the gap between baseline and target value
/// (attainment 100 %).
public struct Target: Sendable, Hashable {
    public var id: String
    public var goal: String
    public var name: String
    public var indicator: String
    public var direction: TargetDirection
    public var baseline: Double?
    /// The indicator's value the organisation aims for, in ``targetYear``.
    public var targetValue: Double?
    /// The year of ``targetValue``: the target's own, else the organisation's.
    public var targetYear: Int?
    /// Impact points that count as closing the target's gap.
    public var scale: Double
    /// Weight in the weighted objective (>= 0).
    public var weight: Double
    /// True when baseline, target value or scale are assumptions rather than published figures.
    public var illustrative: Bool
    public var source: String
    public var floor: TargetFloor?
}

/// Limits on a sector's or priority's spending in each year.
public struct SpendingLimits: Sendable, Hashable {
    /// Fractions of the year's total spending.
    public var minShare: Double?
    public var maxShare: Double?
    /// CHF thousands per year.
    public var minAmount: [Int: Double] = [:]
    public var maxAmount: [Int: Double] = [:]

    public static let none = SpendingLimits()
}

public struct Sector: Sendable, Hashable {
    /// Short code used in LP names, e.g. `ITUD`.
    public var id: String
    /// Display name, e.g. `ITU-D (BDT)`.
    public var name: String
    public var limits: SpendingLimits
    /// FTE per year; absent years are unlimited.
    public var staffCeiling: [Int: Double]
    /// Multiplies the impact of this sector's activities (default 1).
    public var impactFactor: Double
}

public struct Priority: Sendable, Hashable {
    public var id: String
    public var name: String
    public var outcomes: [String]
    public var limits: SpendingLimits
    /// True for the standalone Cybersecurity priority (Option 1).
    public var isCybersecurity: Bool
}

/// A line of work money is assigned to, inside one priority.
public struct FundingLine: Sendable, Hashable {
    /// `Applications`, or `Applications.Cyber` for a cross-cutting cybersecurity line.
    public var id: String
    public var priority: String
    public var name: String
    public var isCybersecurity: Bool
    public var outcomes: [String]
    /// Target points per CHF million at the first (steepest) segment of the impact curve.
    public var impactPerMillion: [String: Double]
}

public struct Offering: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Staff cost as a fraction of the activity's cost, between these limits.
    public var staffCostShare: ClosedRange<Double>
    /// Multiplies the impact of activities delivered through this offering (default 1).
    public var impactFactor: Double
    /// Minimum spending per year (CHF thousands), across sectors and lines.
    public var minAmount: [Int: Double]
}

public struct StaffCategory: Sendable, Hashable {
    public var id: String
    public var name: String
    /// CHF thousands per FTE and year.
    public var standardCost: [Int: Double]
    /// Fraction of each activity's FTE in this category, when limited.
    public var minShare: Double?
    public var maxShare: Double?
}

public struct StaffPolicy: Sendable, Hashable {
    public var categories: [StaffCategory]
    /// Total FTE per year.
    public var ceiling: [Int: Double]
    /// Most FTE a sector's staff may change from one year to the next; nil for no limit.
    public var mobility: Double?
    /// Staff in whole posts (integer FTE): the plan becomes a MIP.
    public var wholePosts: Bool = false
}

/// One cell of the mandate: a sector funding a line through an offering.
public struct Activity: Sendable, Hashable {
    public var sector: String
    public var line: String
    public var offering: String
    /// Target points per CHF thousand at the first segment, after offering and sector factors.
    public var impactPerThousand: [String: Double]
}

/// Mandatory spending: a statutory conference or other commitment in one cell and year.
public struct FixedCommitment: Sendable, Hashable {
    public var id: String
    public var name: String
    public var sector: String
    public var line: String
    public var offering: String
    public var year: Int
    /// CHF thousands.
    public var amount: Double
}

/// One segment of the concave impact curve: cost up to `upTo` (CHF thousands per activity and
/// year; nil for no limit) earns `factor` × the activity's first-segment impact per CHF.
public struct CurveSegment: Sendable, Hashable {
    public var upTo: Double?
    public var factor: Double
}
