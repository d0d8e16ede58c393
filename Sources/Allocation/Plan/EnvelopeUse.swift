/// One year's envelope against the plan's spending, CHF thousands.
public struct EnvelopeUse: Sendable, Hashable {
    public var year: Int
    /// The annual envelope; nil when the scenario sets none for the year.
    public var envelope: Double?
    public var spending: Double
    /// Envelope less spending; negative where biennial transfers let a year spend more than its
    /// own envelope. Nil without an envelope.
    public var unspent: Double? {
        // Spending sums hundreds of lines: a difference within 1e-9 of the envelope is rounding.
        envelope.map { abs($0 - spending) <= 1e-9 * abs($0) ? 0 : $0 - spending }
    }
    /// The share of the envelope left unspent (0.01 = 1 %); nil without an envelope or when it is 0.
    public var unspentShare: Double? {
        guard let envelope, envelope > 0, let unspent else { return nil }
        return unspent / envelope
    }
}

/// Money left unspent in a year, and why it is not spent.
public struct UnspentMoney: Sendable, Hashable {
    public enum Cause: Sendable, Hashable {
        /// Limits a committee sets whose rise would add impact: what would have to move for the
        /// money to be spent (``UnspentMoney/blockingLimits``).
        case limits
        /// Every target the objective weighs is reached: more spending would earn nothing.
        case targetsReached
        /// Staff in whole posts: the plan's posts are fixed, and each line's input mix caps what
        /// it can spend around them.
        case wholePosts
        /// No limit with a price holds it back and targets are still open: the lines that could
        /// take more money move no open target (their effects, or their input mix, stop them).
        case nothingToBuy
    }

    public var use: EnvelopeUse
    public var cause: Cause
    /// The binding limits of that year (or of the whole plan) that a committee sets and whose rise
    /// would add impact, staff ceilings first; empty unless the cause is ``Cause/limits``.
    public var blockingLimits: [BindingConstraint]
}

extension AllocationPlan {
    /// Above this share of its envelope, money left unspent in a year is reported and warned about.
    public static let unspentThreshold = 0.0005

    /// Each year's envelope, spending and unspent money, in plan order; empty without a plan.
    public var envelopeUse: [EnvelopeUse] {
        guard !lines.isEmpty else { return [] }
        var spending: [Int: Double] = [:]
        for line in lines { spending[line.year, default: 0] += line.cost }
        return scenario.years.map { EnvelopeUse(year: $0, envelope: scenario.envelopes[$0], spending: spending[$0] ?? 0) }
    }

    /// The years that leave more than ``unspentThreshold`` of their envelope unspent, each with
    /// the limits that keep the money from being spent.
    public var unspentMoney: [UnspentMoney] {
        let inputMix: Set<ConstraintMeaning.Kind> = [.staffCostShare, .staffCategoryShare, .definition]
        return envelopeUse.compactMap { use in
            guard let share = use.unspentShare, share > Self.unspentThreshold else { return nil }
            let limits = bindingConstraints.filter { binding in
                !inputMix.contains(binding.meaning.kind) && binding.meaning.kind != .annualEnvelope
                    && (binding.meaning.key.year == nil || binding.meaning.key.year == use.year)
            }
            // A limit whose rise adds impact (a positive price) is one that holds spending back;
            // staff ceilings first, as the input mix ties money to staff. A limit with a negative
            // price (a floor) pulls money somewhere; it does not keep money from being spent.
            let raising = limits.filter { $0.shadowPrice > 0 }
            let order: [ConstraintMeaning.Kind] = [.staffCeiling, .sectorStaffCeiling, .staffMobility, .biennialEnvelope, .sectorCeiling,
                                                   .priorityCeiling, .sectorChange, .priorityChange, .sectorDeviation, .priorityDeviation]
            let rank = { (binding: BindingConstraint) in order.firstIndex(of: binding.meaning.kind) ?? order.count }
            let blocking = raising.sorted { a, b in rank(a) != rank(b) ? rank(a) < rank(b) : abs(a.shadowPrice) > abs(b.shadowPrice) }
            let weighed = targets.filter { $0.weight > 0 }
            let cause: UnspentMoney.Cause =
                !blocking.isEmpty ? .limits
                : scenario.staff.wholePosts ? .wholePosts
                : !weighed.isEmpty && weighed.allSatisfy(\.isReached) ? .targetsReached
                : .nothingToBuy
            return UnspentMoney(use: use, cause: cause, blockingLimits: blocking)
        }
    }
}
