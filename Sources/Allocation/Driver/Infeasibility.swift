import LinearModel

/// Why a scenario has no plan, in the committee's words.
public struct InfeasibilityReport: Sendable, Hashable {
    /// One limit to move, and by how much.
    public struct Relaxation: Sendable, Hashable {
        public var constraint: String
        public var description: String
        /// `raise` (an upper limit) or `lower` (a lower limit).
        public var direction: String
        /// In the limit's own unit: CHF thousands, FTE, or CHF thousands of spending for shares.
        public var amount: Double
        public var unit: Unit
        public var path: String?
        /// What kind of limit it is (envelope, staff ceiling, a line's staff-cost share...).
        public var kind: ConstraintMeaning.Kind
        /// For a share limit: the move in percentage points of the share, at the relaxed plan's
        /// spending (``amount`` is then the CHF thousands of spending it frees).
        public var percentagePoints: Double?
    }

    /// The smallest relaxation (least weighted total of the moves) that makes the scenario feasible.
    public var relaxations: [Relaxation]
    /// An irreducible set of limits that cannot all hold together: drop any one and, with the
    /// other limits unchanged, the rest can.
    public var conflict: [(constraint: String, description: String)]
    public var summary: String

    public static func == (lhs: InfeasibilityReport, rhs: InfeasibilityReport) -> Bool {
        lhs.relaxations == rhs.relaxations && lhs.summary == rhs.summary && lhs.conflict.map(\.constraint) == rhs.conflict.map(\.constraint)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(summary)
    }
}

/// Explains infeasibility: an elastic LP (each policy limit given a penalised slack in its own
/// unit: CHF millions for money and shares, and, for staff limits, FTE weighted at the average
/// standard cost so that one FTE counts as much as it costs) finds the smallest relaxation; a
/// deletion filter over the limits the elastic solution involves (active slack or non-zero
/// price) then finds a conflicting set that is irreducible among the committee's limits, the
/// input-mix limits of single lines held in the background.
public enum InfeasibilityAnalyzer {
    /// How many limits the deletion filter examines (one LP solve each).
    public static let maximumCandidates = 150

    static func explain(_ program: CompiledScenario, with solver: some LPSolver) throws(SolverError) -> InfeasibilityReport {
        // The explanation is of the LP: with whole posts every trial would be a MIP (150 of them,
        // each without end in the worst case). Where the LP has a plan, whole posts alone stop it.
        var model = program.model
        for variable in model.variables.indices where model.variables[variable].kind != .continuous {
            model.setKind(of: Variable(index: variable), to: .continuous)
        }
        if program.model.isMixedInteger {
            var check = model
            check.minimize(LinearExpression())
            if try solver.solve(check, options: SolveOptions()).termination == .optimal {
                return InfeasibilityReport(relaxations: [], conflict: [], summary: "Every limit can be met with staff in fractions of a post; with whole posts they cannot all be met at once. Relax a staff ceiling or a grade share by a post, or solve without whole posts to see the fractional plan.")
            }
        }
        let policy = model.constraints.indices.filter { ![.definition, .targetFloor].contains(program.meaning(of: ConstraintRef(index: $0)).kind) }
        let costPerFTE = UnitConverter.lp(averageStandardCost(program.scenario))
        var elastic = model
        var slacks: [(row: Int, variable: Variable, raisesUpper: Bool)] = []
        var penalty = LinearExpression()
        for row in policy {
            let bounds = model.constraints[row].bounds
            let weight = program.meaning(of: ConstraintRef(index: row)).unit == .fte ? costPerFTE : 1
            if bounds.upper.isFinite {
                let slack = elastic.addVariable("relax_up_\(row + 1)")
                elastic.addTerm(-1, slack, to: ConstraintRef(index: row))
                slacks.append((row, slack, true))
                penalty.add(weight, slack)
            }
            if bounds.lower.isFinite {
                let slack = elastic.addVariable("relax_down_\(row + 1)")
                elastic.addTerm(1, slack, to: ConstraintRef(index: row))
                slacks.append((row, slack, false))
                penalty.add(weight, slack)
            }
        }
        elastic.minimize(penalty)
        let relaxed = try solver.solve(elastic, options: SolveOptions())
        guard relaxed.termination == .optimal else {
            return InfeasibilityReport(relaxations: [], conflict: [], summary: "Even with every limit relaxed, no plan exists (\(relaxed.termination.explanation)).")
        }
        let relaxations = slacks.compactMap { slack -> InfeasibilityReport.Relaxation? in
            let value = relaxed.value(of: slack.variable)
            guard value > 1e-7 else { return nil }
            let meaning = program.meaning(of: ConstraintRef(index: slack.row))
            let isFTE = meaning.unit == .fte
            // A share limit `part - share·base >= 0` relaxed by s: the share moves by s / base.
            let base = meaning.shareOf.map { program.value(of: $0, at: relaxed) }
            return InfeasibilityReport.Relaxation(
                constraint: model.constraints[slack.row].name, description: meaning.description,
                direction: slack.raisesUpper ? "raise" : "lower", amount: isFTE ? value : UnitConverter.stated(value),
                unit: isFTE ? .fte : .money, path: meaning.path, kind: meaning.kind,
                percentagePoints: base.flatMap { $0 > 1e-12 ? UnitConverter.convert(value / $0, from: .share, to: .percentagePoint) : nil })
        }
        // Candidates: the limits a committee sets (the input mix of single lines stays in the
        // background), those the elastic optimum relaxes first, then those it prices, then the
        // rest; the filter examines at most `maximumCandidates`.
        let mix: Set<ConstraintMeaning.Kind> = [.staffCostShare, .staffCategoryShare]
        let committee = policy.filter { !mix.contains(program.meaning(of: ConstraintRef(index: $0)).kind) }
        let active = Set(slacks.filter { relaxed.value(of: $0.variable) > 1e-7 }.map(\.row)).intersection(committee)
        let price = { (row: Int) in abs(relaxed.constraints[row].shadowPrice ?? 0) }
        let others = committee.filter { !active.contains($0) }.sorted { price($0) != price($1) ? price($0) > price($1) : $0 < $1 }
        let candidates = Array((active.sorted() + others).prefix(maximumCandidates))
        var removed = Set<Int>()
        for candidate in candidates {
            var trial = model
            trial.removeConstraints(at: removed.union([candidate]))
            trial.minimize(LinearExpression())
            if try solver.solve(trial, options: SolveOptions()).termination == .infeasible {
                removed.insert(candidate)
            }
        }
        let conflict = candidates.filter { !removed.contains($0) }.sorted().map { (model.constraints[$0].name, program.meaning(of: ConstraintRef(index: $0)).description) }
        return InfeasibilityReport(relaxations: relaxations, conflict: conflict, summary: summary(relaxations, conflict.map(\.1), money: program.scenario.organisation.money))
    }

    private static func averageStandardCost(_ scenario: Scenario) -> Double {
        let costs = scenario.staff.categories.flatMap { $0.standardCost.values }
        return costs.isEmpty ? 1 : costs.reduce(0, +) / Double(costs.count)
    }

    private static func summary(_ relaxations: [InfeasibilityReport.Relaxation], _ conflict: [String], money words: MoneyWords) -> String {
        var sentences: [String] = []
        if !relaxations.isEmpty {
            sentences.append("The smallest change that makes the scenario feasible: " + relaxations.map { relaxation in
                let money = words.text(relaxation.amount.rounded())
                let amount = relaxation.unit == .fte ? "\(ScenarioDecoder.amount(relaxation.amount)) FTE"
                    : relaxation.percentagePoints.map { "\(ScenarioDecoder.amount(($0 * 100).rounded() / 100)) percentage points (\(money) of spending)" } ?? money
                return "\(relaxation.direction) the limit \"\(relaxation.description)\" by \(amount)"
            }.joined(separator: "; ") + ".")
        }
        if !conflict.isEmpty {
            sentences.append("These limits cannot all hold together; relax at least one of them: " + conflict.map { "\"\($0)\"" }.joined(separator: "; ") + ".")
        }
        return sentences.joined(separator: " ")
    }
}
