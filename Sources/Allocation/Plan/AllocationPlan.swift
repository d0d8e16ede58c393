import LinearModel

/// One budget line of the plan: an activity in a year. Money in CHF thousands, staff in FTE.
public struct PlanLine: Sendable, Hashable {
    public var sector: String
    /// The funding line (`Applications`, or `Applications.Cyber` under the cross-cutting option).
    public var line: String
    public var priority: String
    public var offering: String
    public var year: Int
    public var isCybersecurity: Bool
    /// Non-staff budget.
    public var budget: Double
    /// FTE by staff category id.
    public var staff: [String: Double]
    /// Standard cost of the staff.
    public var staffCost: Double
    /// Budget plus staff cost.
    public var cost: Double
    /// Part of the cost that is a fixed commitment.
    public var committed: Double
    /// The line's share attributed to each target (summing to 1), in proportion to its
    /// contributions to the targets' attainment; empty when the line moves no target.
    public var targetShares: [String: Double]

    public var totalStaff: Double { staff.values.reduce(0, +) }
}

/// How far a target moved.
public struct TargetOutcome: Sendable, Hashable {
    public var id: String
    public var goal: String
    public var name: String
    public var weight: Double
    public var scale: Double
    /// Impact points over the plan period.
    public var impact: Double
    public var impactByYear: [Int: Double]
    /// impact / scale: 1 means the gap is closed. Spending can carry it past 1; only
    /// ``countedAttainment`` earns anything in the objective.
    public var attainment: Double
    /// Spending attributed to the target, CHF thousands: each line's cost split in proportion to
    /// its contributions to the targets' attainment (impact / scale).
    public var attributedCost: Double
    /// The indicator's level the plan implies: the baseline moved by the impact in the target's
    /// direction (DTP3 86 % and 4.5 points of impact: 90.5 %); nil without a baseline.
    public var impliedLevel: Double? = nil

    /// The attainment the objective counts: impact past closing the gap earns nothing.
    public var countedAttainment: Double { min(attainment, 1) }

    /// The plan closes the target's gap (to 1e-9 of attainment, the solver's tolerance).
    public var isReached: Bool { attainment >= 1 - 1e-9 }
}

/// A constraint that limits the plan, in words, with its price.
public struct BindingConstraint: Sendable, Hashable {
    /// The LP row name.
    public var constraint: String
    public var meaning: ConstraintMeaning
    /// Change of the objective per unit of the LP row's right-hand side (per CHF million or per
    /// FTE; for a share limit, per unit of the row's own terms).
    public var shadowPrice: Double
    /// Change of the objective per unit of the limit as the scenario states it: per CHF thousand,
    /// per FTE, per whole share (1.0 = 100 percentage points) for share limits, per unit of
    /// attainment for target floors and held stages.
    public var price: Price
    public var activity: Double
}

/// One stage of a two-stage (or multi-stage) objective.
public struct ObjectiveStage: Sendable, Hashable {
    public var name: String
    public var objective: Double?
    public var termination: Termination
}

/// The LP's size, for reports.
public struct ModelSize: Sendable, Hashable {
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
}

/// A solved scenario, in the words of the Strategic Plan.
public struct AllocationPlan: Sendable {
    public var scenario: Scenario
    public var termination: Termination
    /// Weighted impact Σ weight·impact/scale; nil without a solution.
    public var objective: Double?
    public var solverName: String
    public var modelSize: ModelSize
    /// In plan order: sector, line, offering as declared, then year. Empty without a solution.
    public var lines: [PlanLine]
    public var targets: [TargetOutcome]
    /// Spending on lines that move no target, CHF thousands.
    public var unattributedCost: Double
    /// Policy rows with a non-zero shadow price, in row order.
    public var bindingConstraints: [BindingConstraint]
    /// The stages of a multi-stage objective in solving order, the last being ``objective``'s;
    /// one stage for the weighted objective.
    public var stages: [ObjectiveStage] = []
    /// Attainment short of each target floor (goal programming), by target id.
    public var shortfalls: [String: Double] = [:]
    /// Why there is no plan, when the scenario is infeasible.
    public var infeasibility: InfeasibilityReport?
    /// Branch-and-cut figures when staff is in whole posts (a MIP), with what became of the
    /// starting plan.
    public var mip: MIPStatistics?
    /// The optimality conditions of the LP the plan comes from, checked from the model (nil
    /// without a plan or without prices).
    public var certificate: OptimalityCertificate?
    /// False when the LP has several optimal plans and the engine could not apply the tie-break
    /// every command agrees on (COIN-OR never does): the plan is an optimal one, but its lines
    /// may differ from the default plan's. Nil when ties were settled or not asked for (MIPs).
    public var tiesSettled: Bool?
    /// The exact-arithmetic check of the final basis, when it was asked for (`--certify`).
    public var exactCertification: ExactCertification?
    /// The independent check of a MIP plan against the model's every bound, row and
    /// integrality; nil for an LP plan. A plan that fails it is never reported.
    public var check: PlanCheck?
    /// True when the MIP search was stopped by its time limit: the plan then depends on the
    /// machine's speed and is not reproducible.
    public var stoppedByTime: Bool {
        termination == .limitReached(.time)
    }

    /// Spending on each activity over all years, CHF thousands.
    public var spendingByActivity: [ActivityKey: Double] {
        lines.reduce(into: [:]) { $0[ActivityKey(sector: $1.sector, line: $1.line, offering: $1.offering), default: 0] += $1.cost }
    }

    /// Total spending, CHF thousands.
    public var totalCost: Double { lines.reduce(0) { $0 + $1.cost } }

    /// Total spending on cybersecurity (its priority under Option 1, its lines under Option 2).
    public var cybersecurityCost: Double { lines.filter(\.isCybersecurity).reduce(0) { $0 + $1.cost } }

    /// Σ weight × attainment over every target, less each floor's penalty times its shortfall:
    /// the weighted objective, whatever objective the plan was solved for (a lexicographic
    /// plan's last stage counts only its last goal).
    public var weightedImpact: Double {
        scenario.weightedImpact(attainment: Dictionary(uniqueKeysWithValues: targets.map { ($0.id, $0.attainment) }))
    }

    /// Cost attributed to each goal: the sum over its targets.
    public func attributedCost(goal: String) -> Double {
        targets.filter { $0.goal == goal }.reduce(0) { $0 + $1.attributedCost }
    }
}

