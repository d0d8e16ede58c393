import LinearModel

/// The key of an activity in a year: what one budget line of the plan is about.
public struct ActivityYear: Hashable, Sendable {
    public var sector: String
    public var line: String
    public var offering: String
    public var year: Int
}

/// The LP columns of one activity in one year.
public struct ActivityColumns: Sendable {
    /// Non-staff budget, in LP money units (CHF millions; see ``AllocationCompiler/thousandsPerUnit``).
    public var budget: Variable
    /// FTE by staff category, in the order of ``StaffPolicy/categories``.
    public var staff: [Variable]
    /// Total cost (budget + standard cost of staff), in LP money units.
    public var cost: Variable
    /// Cost on each impact-curve segment, in LP money units.
    public var segments: [Variable]
}

/// What a constraint row means, in the finance committee's words.
public struct ConstraintMeaning: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case annualEnvelope = "annual_envelope"
        case biennialEnvelope = "biennial_envelope"
        case fixedCommitment = "fixed_commitment"
        case staffCeiling = "staff_ceiling"
        case sectorStaffCeiling = "sector_staff_ceiling"
        case sectorFloor = "sector_floor"
        case sectorCeiling = "sector_ceiling"
        case priorityFloor = "priority_floor"
        case priorityCeiling = "priority_ceiling"
        case offeringFloor = "offering_floor"
        case staffCostShare = "staff_cost_share"
        case staffCategoryShare = "staff_category_share"
        case sectorChange = "sector_change"
        case priorityChange = "priority_change"
        case sectorDeviation = "sector_deviation"
        case priorityDeviation = "priority_deviation"
        case staffMobility = "staff_mobility"
        /// A target floor (goal programming); never infeasible, thanks to its shortfall.
        case targetFloor = "target_floor"
        /// An earlier stage of a two-stage objective, held in the later one.
        case objectiveStage = "objective_stage"
        /// Rows that only define costs, curves and impacts; never a policy.
        case definition
    }

    public var kind: Kind
    /// A sentence, e.g. "Annual envelope 2026 (CHF 165,000k)".
    public var description: String
    /// The unit of the LP row's right-hand side: `CHF millions` (``AllocationCompiler/moneyUnit``), `FTE` or `share`.
    public var unit: String
    /// The scenario field that sets the right-hand side, usable with `allot sweep --vary`; nil for definitions.
    public var path: String?
    /// For a share limit written `part - share·base >= 0`: what the share is of. One more unit
    /// of share moves the row's right-hand side by the base's value.
    public var shareOf: ShareBase?
    /// For a share limit, the share itself (0.14 for 14 %).
    public var share: Double?

    public init(kind: Kind, description: String, unit: String, path: String?, shareOf: ShareBase? = nil, share: Double? = nil) {
        self.kind = kind
        self.description = description
        self.unit = unit
        self.path = path
        self.shareOf = shareOf
        self.share = share
    }
}

/// The quantity a share limit is a share of.
public enum ShareBase: Sendable, Hashable {
    /// Total spending in a year.
    case spending(year: Int)
    /// Cost of one activity in one year.
    case activityCost(ActivityYear)
    /// FTE of one activity in one year.
    case activityStaff(ActivityYear)
}

/// A scenario compiled into a linear program, with the index from domain keys to LP elements.
public struct AllocationProgram: Sendable {
    public var scenario: Scenario
    public var model: Model
    public var activities: [ActivityYear: ActivityColumns]
    /// Activity-years in plan order: sector, line, offering as declared, then year.
    public var activityOrder: [ActivityYear]
    /// Impact points on each target in each year.
    public var impactByYear: [String: [Int: Variable]]
    /// Impact points on each target over the plan period.
    public var impactTotal: [String: Variable]
    /// Attainment short of each target floor (goal programming).
    public var shortfall: [String: Variable]
    /// The worst attainment among weighted targets (maximin objective only).
    public var worstAttainment: Variable?
    /// One entry per constraint row, in row order.
    public var meanings: [ConstraintMeaning]
    /// What each column is, in words, in column order.
    public var columnMeanings: [String]

    /// A variable or constraint of the LP in the committee's words.
    public func describe(_ element: ModelElement) -> String {
        switch element {
        case .variable(let name):
            return model.variable(named: name).map { columnMeanings[$0.index] } ?? name
        case .constraint(let name):
            return model.constraint(named: name).map { meanings[$0.index].description } ?? name
        }
    }
}
