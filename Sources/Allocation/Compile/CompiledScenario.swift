import LinearModel

/// An allowed activity: a (sector, funding line, offering) cell of the mandate, whatever the year.
public struct ActivityKey: Hashable, Sendable {
    public var sector: String
    public var line: String
    public var offering: String

    public init(sector: String, line: String, offering: String) {
        self.sector = sector
        self.line = line
        self.offering = offering
    }
}

/// The key of an activity in a year: what one budget line of the plan is about.
public struct ActivityYear: Hashable, Sendable {
    public var sector: String
    public var line: String
    public var offering: String
    public var year: Int

    public init(sector: String, line: String, offering: String, year: Int) {
        self.sector = sector
        self.line = line
        self.offering = offering
        self.year = year
    }

    public init(_ activity: ActivityKey, year: Int) {
        self.init(sector: activity.sector, line: activity.line, offering: activity.offering, year: year)
    }

    /// The cell, whatever the year.
    public var activity: ActivityKey { ActivityKey(sector: sector, line: line, offering: offering) }
}

extension Activity {
    public var key: ActivityKey { ActivityKey(sector: sector, line: line, offering: offering) }
}

extension FixedCommitment {
    public var key: ActivityYear { ActivityYear(sector: sector, line: line, offering: offering, year: year) }
}

/// The LP columns of one activity in one year.
public struct ActivityColumns: Sendable {
    /// Non-staff budget, in LP money (``UnitConverter/lpMoney``).
    public var budget: Variable
    /// FTE by staff category, in the order of ``StaffPolicy/categories``.
    public var staff: [Variable]
    /// Total cost (budget + standard cost of staff), in LP money.
    public var cost: Variable
    /// Cost on each impact-curve segment, in LP money.
    public var segments: [Variable]
}

/// Which side of a two-sided limit a row is.
public enum LimitSide: String, Sendable, Hashable {
    case atLeast
    case atMost
}

/// A row of the allocation LP by what it is about, in the scenario's terms: the way code finds
/// a row (`.envelope(year: 2026)`, `.sectorStaffCeiling(sector: "ITUD", year: 2025)`).
public enum RowKey: Hashable, Sendable {
    // Definitions
    case costDefinition(ActivityYear)
    case curve(ActivityYear)
    case impact(target: String, year: Int)
    case impactTotal(target: String)
    case worstAttainment(target: String)
    // Input mix
    case staffCostShare(ActivityYear, LimitSide)
    case staffCategoryShare(ActivityYear, category: String, LimitSide)
    // Money
    case envelope(year: Int)
    case biennialEnvelope(biennium: String)
    case fixedCommitment(ActivityYear)
    case offeringMinimum(offering: String, year: Int)
    // Staff
    case staffCeiling(year: Int)
    case sectorStaffCeiling(sector: String, year: Int)
    case staffMobility(sector: String, year: Int)
    // Sectors and priorities
    case sectorShare(sector: String, year: Int, LimitSide)
    case sectorAmount(sector: String, year: Int, LimitSide)
    case priorityShare(priority: String, year: Int, LimitSide)
    case priorityAmount(priority: String, year: Int, LimitSide)
    case cybersecurityShare(year: Int)
    case sectorChange(sector: String, year: Int, LimitSide)
    case priorityChange(priority: String, year: Int, LimitSide)
    case sectorDeviation(sector: String, year: Int)
    case priorityDeviation(priority: String, year: Int)
    // Goals
    case targetFloor(target: String)
    /// An earlier stage of a multi-stage objective (1 for the first), held in the later ones.
    case objectiveStage(Int)
    // Analyses
    /// A target's attainment held at a level asked (`allot cost`).
    case targetLevel(target: String)
    /// The other targets' weighted impact kept at today's (`allot cost`).
    case otherTargetsHeld
}

extension RowKey {
    /// The year the row is about; nil for rows over the whole plan (a biennium, a target's floor,
    /// a held stage, the total impact).
    public var year: Int? {
        switch self {
        case .costDefinition(let key), .curve(let key), .staffCostShare(let key, _), .staffCategoryShare(let key, _, _), .fixedCommitment(let key):
            key.year
        case .impact(_, let year), .envelope(let year), .offeringMinimum(_, let year), .staffCeiling(let year),
             .sectorStaffCeiling(_, let year), .staffMobility(_, let year), .sectorShare(_, let year, _), .sectorAmount(_, let year, _),
             .priorityShare(_, let year, _), .priorityAmount(_, let year, _), .cybersecurityShare(let year), .sectorChange(_, let year, _),
             .priorityChange(_, let year, _), .sectorDeviation(_, let year), .priorityDeviation(_, let year):
            year
        case .impactTotal, .worstAttainment, .biennialEnvelope, .targetFloor, .objectiveStage, .targetLevel, .otherTargetsHeld:
            nil
        }
    }
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

    public var key: RowKey
    public var kind: Kind
    /// A sentence, e.g. "Annual envelope 2026 (CHF 165,000k)".
    public var description: String
    /// The unit of the LP row's right-hand side: LP money, FTE, share, attainment or objective.
    public var unit: Unit
    /// The scenario field that sets the right-hand side, usable with `allot sweep --vary`; nil for definitions.
    public var path: String?
    /// For a share limit written `part - share·base >= 0`: what the share is of. One more unit
    /// of share moves the row's right-hand side by the base's value.
    public var shareOf: ShareBase?
    /// For a share limit, the share itself (0.14 for 14 %).
    public var share: Double?

    public init(key: RowKey, kind: Kind, description: String, unit: Unit, path: String?, shareOf: ShareBase? = nil, share: Double? = nil) {
        self.key = key
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

/// A scenario compiled into a linear program, with the index from domain keys to its rows and
/// columns: the first stage of ``ScenarioDriver``. Rows are added only with their meaning, so
/// the two cannot drift apart.
public struct CompiledScenario: Sendable {
    public let scenario: Scenario
    public private(set) var model: Model
    public internal(set) var activities: [ActivityYear: ActivityColumns] = [:]
    /// Activity-years in plan order: sector, line, offering as declared, then year.
    public internal(set) var activityOrder: [ActivityYear] = []
    /// Impact points on each target in each year.
    public internal(set) var impactByYear: [String: [Int: Variable]] = [:]
    /// Impact points on each target over the plan period.
    public internal(set) var impactTotal: [String: Variable] = [:]
    /// Attainment short of each target floor (goal programming).
    public internal(set) var shortfall: [String: Variable] = [:]
    /// The worst attainment among weighted targets (maximin objective only).
    public internal(set) var worstAttainment: Variable?
    private var meanings: [ConstraintMeaning] = []
    private var rowIndex: [RowKey: ConstraintRef] = [:]
    private var columnMeanings: [String] = []

    init(scenario: Scenario) {
        self.scenario = scenario
        model = Model(name: "allot")
    }

    // MARK: Finding rows

    /// The row with this key, if the scenario has that limit.
    public func row(_ key: RowKey) -> ConstraintRef? { rowIndex[key] }

    /// What a row of ``model`` means.
    public func meaning(of row: ConstraintRef) -> ConstraintMeaning { meanings[row.index] }

    /// Every row with its meaning, in row order.
    public var rows: [(row: ConstraintRef, meaning: ConstraintMeaning)] {
        meanings.enumerated().map { (ConstraintRef(index: $0.offset), $0.element) }
    }

    /// The limits whose right-hand side the scenario field `path` sets alone (share limits,
    /// which move the matrix, excluded).
    public func rows(settingField path: String) -> [ConstraintRef] {
        rows.filter { $0.meaning.path == path && $0.meaning.shareOf == nil }.map(\.row)
    }

    /// A variable or constraint of the LP in the committee's words.
    public func describe(_ element: ModelElement) -> String {
        switch element {
        case .variable(let variable, _): columnMeanings[variable.index]
        case .constraint(let row, _): meanings[row.index].description
        }
    }

    // MARK: Building (the compiler and the driver only)

    mutating func addColumn(_ name: String, _ description: String, upperBound: Double = .infinity, kind: VariableKind = .continuous) -> Variable {
        columnMeanings.append(description)
        return model.addVariable(name, upperBound: upperBound, kind: kind)
    }

    @discardableResult
    mutating func addRow(_ spec: ConstraintSpec, name: String, _ meaning: ConstraintMeaning) -> ConstraintRef {
        record(model.addConstraint(spec, name: name), meaning)
    }

    @discardableResult
    mutating func addRow(_ expression: LinearExpression, lowerBound: Double, upperBound: Double, name: String, _ meaning: ConstraintMeaning) -> ConstraintRef {
        record(model.addConstraint(expression, lowerBound: lowerBound, upperBound: upperBound, name: name), meaning)
    }

    private mutating func record(_ row: ConstraintRef, _ meaning: ConstraintMeaning) -> ConstraintRef {
        precondition(row.index == meanings.count && rowIndex[meaning.key] == nil, "one meaning per row, one row per key")
        meanings.append(meaning)
        rowIndex[meaning.key] = row
        return row
    }

    /// An analysis moves a row it added.
    mutating func setRowBounds(_ row: ConstraintRef, lower: Double, upper: Double) {
        model.setBounds(of: row, lower.isFinite && upper.isFinite ? .ranged(lower: lower, upper: upper)
                        : lower.isFinite ? .greaterOrEqual(lower) : .lessOrEqual(upper))
    }

    /// A column added by an analysis enters a row that already has its meaning.
    mutating func addTerm(_ coefficient: Double, _ variable: Variable, to row: ConstraintRef) {
        model.addTerm(coefficient, variable, to: row)
    }

    mutating func minimize(_ expression: LinearExpression) {
        model.minimize(expression)
    }

    mutating func maximize(_ expression: LinearExpression, name: String) {
        model.maximize(expression)
        model.objective.name = name
    }
}
