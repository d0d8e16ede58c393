import Allocation
import LinearModel
import LPReports

/// One page for the Council about one scenario's plan: the headline at the baseline's weights,
/// what changed against the baseline, the three tightest limits and what relaxing each buys,
/// the unfunded lines, unspent money and, when one was computed, how the plan holds up when the
/// impact estimates are off.
///
/// Every figure is the appendix's: amounts as Appendix A prints them (rounded once, see
/// ``PrintedTotals``), prices and target terms as "Appendix A — sensitivity" states them.
public struct ExecutiveSummary: Sendable {
    public var plan: AllocationPlan
    /// The prices and unfunded lines; nil when they could not be computed.
    public var sensitivity: PlanSensitivity?
    /// The plan against the run's baseline; nil for the baseline itself or without one.
    public var comparison: PlanComparison?
    /// The baseline's totals as its own appendix prints them, for the spending that moved.
    var baselinePrinted: PrintedTotals?
    /// The plan is the baseline the run compares every other scenario with.
    public var isBaseline: Bool
    public var robustness: RobustnessResult?

    /// `baseline`: the plan the run compares this one with; nil without one, or when `plan` is
    /// the baseline itself (`isBaseline`).
    public init(plan: AllocationPlan, sensitivity: PlanSensitivity?, baseline: AllocationPlan? = nil, isBaseline: Bool = false,
                robustness: RobustnessResult? = nil) {
        self.plan = plan
        self.sensitivity = sensitivity
        if let baseline, !isBaseline {
            comparison = PlanComparison(baseline: baseline, scenario: plan)
            baselinePrinted = baseline.printedTotals()
        }
        self.isBaseline = isBaseline
        self.robustness = robustness
    }

    /// How many limits the page names.
    static let limitCount = 3

    /// The three limits the committee sets (envelopes, staff ceilings, commitments, policy floors
    /// and ceilings; not the input mix of single lines) with the largest price per CHF 1 million
    /// of resources moved (``LimitPrice/pricePerMillion``); largest first, in the model's row
    /// order among equals.
    public var tightestLimits: [LimitPrice] {
        guard let sensitivity else { return [] }
        return sensitivity.prices.enumerated()
            .filter { PlanSensitivity.committeeKinds.contains($0.element.kind) && $0.element.shadowPrice != 0 }
            // Ranked by what CHF 1 million's worth of each limit buys: prices per percentage point or
            // per FTE are not comparable with prices per CHF 1 million as they stand.
            .sorted { (abs($1.element.pricePerMillion ?? 0), $0.offset) < (abs($0.element.pricePerMillion ?? 0), $1.offset) }
            .prefix(Self.limitCount).map(\.element)
    }

    /// A part of the page, rendered alike in Markdown and HTML.
    struct Section {
        var title: String
        var cards: [(label: String, value: String)] = []
        var paragraphs: [String] = []
        var items: [String] = []
    }

    var title: String { "Executive summary: \(plan.scenario.name)" }

    /// The scenario, its file and the plan's years.
    var introduction: String {
        let years = plan.scenario.years
        let span = years.count > 1 ? " for \(years.first!)–\(years.last!)" : years.first.map { " for \($0)" } ?? ""
        return "\(plan.scenario.name) (\(plan.scenario.file)): the plan\(span) on one page."
    }

    func sections() -> [Section] {
        let appendixTables = plan.appendixTables()
        let printed = plan.printedTotals(of: appendixTables)
        guard plan.objective != nil, printed != nil else {
            return [Section(title: "No plan", paragraphs: ["The scenario has no plan: \(plan.termination.status) (\(plan.termination.explanation))."]
                + (plan.infeasibility.map { ["Why: " + $0.summary + ($0.summary.hasSuffix(".") ? "" : ".")] } ?? []))]
        }
        return [headline(printed), againstBaseline(printed), limits(), unfundedLines(), unspent(printed), robustnessSection()]
    }

    private func headline(_ printed: PrintedTotals?) -> Section {
        var section = Section(title: "Headline")
        let appendix = plan.headlineCards(printed: printed)
        if let comparison {
            section.cards.append(("Impact at baseline weights", Figures.number(comparison.impactAtBaselineWeights)))
        } else if isBaseline, let own = PlanComparison(baseline: plan, scenario: plan) {
            section.cards.append(("Impact at baseline weights", Figures.number(own.impactAtBaselineWeights)))
        } else if let impact = appendix.first(where: { $0.label == "Weighted impact" }) {
            section.cards.append(impact)
        }
        if let comparison { section.cards.append(("Against the baseline", comparison.signed(comparison.changeAtBaselineWeights, Figures.number))) }
        section.cards += appendix.filter { ["Total spending", "Staff (average per year)"].contains($0.label) }
        if let unspent = totalUnspent(printed) { section.cards.append(("Unspent", money.amount(unspent.amount))) }
        if plan.termination != .optimal { section.cards.insert(("Status", plan.termination.status), at: 0) }
        var sentence = "Weighted impact: Σ over the targets of weight × attainment (impact / scale; 100 % closes the gap to the \(words.targetValueName))"
        sentence += comparison != nil || isBaseline ? ", with the baseline's weights." : ", with the scenario's own weights."
        let reached = plan.targets.filter(\.isReached).count
        sentence += reached == 0 ? " None of the \(plan.targets.count) targets is reached."
            : " \(reached) of the \(plan.targets.count) targets \(reached == 1 ? "is" : "are") reached."
        if let furthest = plan.targets.filter({ !$0.isReached }).min(by: { $0.attainment < $1.attainment }) {
            sentence += " Furthest from its target: \(furthest.id) \(furthest.name), at \(Figures.attainment(furthest))."
        }
        section.paragraphs.append(sentence)
        return section
    }

    /// At most this many spending totals and targets that moved, and unfunded lines: the page
    /// prints on one A4 sheet; the appendix lists them all.
    static let moverCount = 3
    static let unfundedCount = 5

    private var words: Organisation { plan.scenario.organisation }
    private var money: MoneyWords { words.money }

    private func againstBaseline(_ printed: PrintedTotals?) -> Section {
        var section = Section(title: "Against the baseline")
        guard let comparison else {
            section.paragraphs.append(isBaseline ? "This plan is the baseline: every other scenario of the run is compared with it."
                : "No baseline to compare with: allot run compares every scenario with its baseline.")
            return section
        }
        var sentence = "Impact at baseline weights \(comparison.impactChange) for \(comparison.baselineName)."
        if !comparison.objectiveDifferences.isEmpty {
            sentence += " The scenario's own objective (\(Figures.number(comparison.objective))) is not comparable: \(comparison.objectiveDifferences.joined(separator: "; "))."
        }
        section.paragraphs.append(sentence)
        // Spending moves by Sector, priority and offering: years and biennia repeat them in sum.
        let moves = comparison.movers.filter { ["sector", "priority", "offering"].contains($0.dimension) }.compactMap { mover -> String? in
            let (before, after) = comparison.printedSpending(mover, printed: (baselinePrinted, printed))
            guard after != before else { return nil }
            return "\(words.dimensionTitle(mover.dimension)) \(mover.name): \(money.printed(before)) to \(money.printed(after)) "
                + "(\(comparison.signed(after - before, Figures.money))\(money.suffix), \(comparison.percentText(mover.percent)))"
        }
        let targets = comparison.targets.enumerated()
            .filter { comparison.points($0.element.change) != "0" }
            .sorted { (abs($1.element.change), $0.offset) < (abs($0.element.change), $1.offset) }
            .map(\.element)
        section.items += moves.prefix(Self.moverCount)
        section.items += targets.prefix(Self.moverCount).map { target in
            "Target \(target.id) \(target.name): \(Figures.percent(target.baselineAttainment)) to \(Figures.percent(target.attainment)) attainment (\(comparison.points(target.change)) points)"
        }
        if moves.isEmpty && targets.isEmpty { section.paragraphs.append("No spending total and no target's attainment moves as printed.") }
        return section
    }

    private func limits() -> Section {
        var section = Section(title: "The three tightest limits")
        guard let sensitivity else {
            section.paragraphs.append("The prices of the limits could not be computed for this plan.")
            return section
        }
        let limits = tightestLimits
        guard !limits.isEmpty else {
            section.paragraphs.append("No limit the committee sets holds the plan back: each has a price of zero.")
            return section
        }
        section.paragraphs.append("The limits the committee sets where \(money.lpOne)'s worth of relaxation buys most (staff counted at their average standard cost, a share at the spending it moves), each said in its own unit: what relaxing it buys.")
        section.items = limits.map { relaxing($0, in: sensitivity) }
        return section
    }

    /// What relaxing a limit buys, in weighted impact and in the targets that move most: one
    /// more unit of a ceiling or envelope, one unit less of a floor or commitment.
    private func relaxing(_ price: LimitPrice, in sensitivity: PlanSensitivity) -> String {
        let raise = price.shadowPrice > 0
        let one = price.unit.one(money)
        let unit = raise ? "one more \(one)" : "\(price.unit == Unit.lpMoney ? one : "one \(one)") less"
        if let left = price.left, let right = price.right {
            let gain = raise ? right.price : -left.price
            let reach = raise ? "up to \(sensitivity.limitValue(right.to, price.rangeUnit))" : "down to \(sensitivity.limitValue(left.from, price.rangeUnit))"
            return "\(price.description): \(unit) adds \(Figures.number(gain)) of weighted impact; this rate holds \(reach) (the price is not the same both ways here)."
        }
        var text = "\(price.description): \(unit) adds \(Figures.number(abs(price.shadowPrice))) of weighted impact"
        var relaxed = price
        if !raise {
            // Target terms are per one more unit; relaxing a floor or commitment lowers it.
            relaxed.attainmentChanges = price.attainmentChanges.map { change in
                var lower = change
                lower.perUnit = -change.perUnit
                return lower
            }
        }
        if let terms = sensitivity.targetTerms(relaxed) { text += " (attainment: \(terms))" }
        let room = raise ? price.allowableIncrease : price.allowableDecrease
        text += room.isFinite ? "; this rate holds for the first \(sensitivity.amount(room, price.rangeUnit)) \(raise ? "more" : "less")" : "; this rate holds however far it moves"
        return text + "."
    }

    private func unfundedLines() -> Section {
        var section = Section(title: "Unfunded lines")
        guard let sensitivity else {
            section.paragraphs.append("The unfunded lines could not be computed for this plan.")
            return section
        }
        guard !sensitivity.unfunded.isEmpty else {
            section.paragraphs.append("Every allowed line receives money.")
            return section
        }
        // One item per line, its years together: the same line is unfunded in several years.
        var order: [String] = []
        var years: [String: [UnfundedLine]] = [:]
        for line in sensitivity.unfunded {
            let label = plan.scenario.label(sector: line.sector, line: line.line, offering: line.offering)
            if years[label] == nil { order.append(label) }
            years[label, default: []].append(line)
        }
        section.paragraphs.append("\(sensitivity.unfunded.count) allowed line-year\(sensitivity.unfunded.count == 1 ? "" : "s") receive\(sensitivity.unfunded.count == 1 ? "s" : "") no money; "
            + "each is funded once its effectiveness rises by the share shown (why each loses: \(words.appendixPart("sensitivity"))).")
        section.items = order.prefix(Self.unfundedCount).map { label in
            let lines = years[label]!
            let rises = lines.compactMap(\.requiredRise)
            let when = lines.map { String($0.year) }.joined(separator: ", ")
            let rise: String
            if let stuck = lines.first(where: { $0.requiredRise == nil }) {
                // The appendix's reasons: forcing money in breaks a limit, or the line moves no weighted target.
                let why = stuck.reducedCost.isFinite ? "it moves no weighted target" : "forcing money in breaks a limit"
                rise = "no rise in effectiveness funds it\(rises.isEmpty ? "" : " in every year"): \(why)"
            } else {
                let low = Figures.percent(rises.min()!), high = Figures.percent(rises.max()!)
                rise = low == high ? "funded once its effectiveness rises by \(low)" : "funded once its effectiveness rises by \(low) to \(high)"
            }
            return "\(label) (\(when)): \(rise)"
        }
        if order.count > Self.unfundedCount {
            section.items.append("\(order.count - Self.unfundedCount) more line\(order.count - Self.unfundedCount == 1 ? "" : "s"), in \(words.appendixPart("sensitivity"))")
        }
        return section
    }

    /// The total row of Appendix A's envelope table, as printed: unspent, envelopes, share.
    private func totalUnspent(_ printed: PrintedTotals?) -> (amount: String, envelopes: String, share: String)? {
        guard let total = plan.envelopeTable(printed: printed).rows.last, total.count == 5, total[1] != "-" else { return nil }
        return (total[3], total[1], total[4])
    }

    private func unspent(_ printed: PrintedTotals?) -> Section {
        var section = Section(title: "Unspent money")
        let years = plan.scenario.years
        let over = years.count > 1 ? " over \(years.first!)–\(years.last!)" : ""
        let total = totalUnspent(printed).map { "\(money.amount($0.amount)) of the \(money.amount($0.envelopes)) of envelopes is left unspent\(over) (\($0.share))" }
        let sentences = plan.unspentSentences(printed: printed, priced: false)
        if sentences.isEmpty {
            let threshold = Figures.number(UnitConverter.convert(AllocationPlan.unspentThreshold, from: .share, to: .percentagePoint))
            section.paragraphs.append("Every year spends its envelope to within \(threshold) %" + (total.map { ": \($0)." } ?? "."))
        } else {
            if let total { section.paragraphs.append(total.prefix(1).uppercased() + total.dropFirst() + ".") }
            section.items = sentences
        }
        return section
    }

    private func robustnessSection() -> Section {
        var section = Section(title: "Robustness")
        if let verdict = robustness?.verdict(scenario: plan.scenario) {
            section.paragraphs.append(verdict)
        } else {
            section.paragraphs.append("Not assessed for this page: allot robust --out writes it with how the plan holds up when impact estimates are off.")
        }
        return section
    }

    var footnote: String { "Figures as printed in \(words.appendixName) (amounts in \(money.unitName), staff in FTE, rounded once there). "
        + "A limit's price: the change of the weighted impact per one unit more or less of the limit, while the plan keeps its shape; "
        + "in attainment, percentage points of the targets that move most." }
}

extension ExecutiveSummary {
    /// The page in Markdown: the headline figures in a one-row table, each part a heading with
    /// its sentences and items.
    public func markdown() -> String {
        var parts = ["# \(title)\n", introduction + "\n"]
        for section in sections() {
            var text = "## \(section.title)\n\n"
            if !section.cards.isEmpty {
                func escape(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }
                text += "| " + section.cards.map { escape($0.label) }.joined(separator: " | ") + " |\n"
                text += "|" + String(repeating: " ---: |", count: section.cards.count) + "\n"
                text += "| " + section.cards.map { escape($0.value) }.joined(separator: " | ") + " |\n\n"
            }
            text += section.paragraphs.map { $0 + "\n\n" }.joined()
            if !section.items.isEmpty { text += section.items.map { "- \($0)" }.joined(separator: "\n") + "\n\n" }
            parts.append(String(text.dropLast()))
        }
        parts.append("---\n\n" + footnote + "\n")
        return parts.joined(separator: "\n")
    }
}
