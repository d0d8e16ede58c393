import LinearModel

/// One part of what CHF 1 million in an unfunded line would bring or use, at the plan's prices.
public struct UnfundedLinePart: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        /// Impact on a target: what the money would buy.
        case value
        /// A limit the money would use or tighten (a negative effect) or ease (positive).
        case limit
        /// The line's own staff-mix limits, all at zero activity while it has no money: their
        /// prices are one choice among many (the basis is degenerate there), so they are shown
        /// together, not as reasons.
        case ownMix = "own_mix"
    }

    public var role: Role
    /// The target (for ``Role/value``) or the limit, in the appendix's words.
    public var description: String
    /// For a value: the target's id; for a limit: nil.
    public var target: String?
    /// How much of the limit CHF 1 million in the line uses, in ``unit`` (CHF thousands, FTE);
    /// for a value, the target's attainment gained (a fraction). Nil for share limits, where the
    /// money moves the base the share is taken of.
    public var amount: Double?
    public var unit: Unit?
    /// Change of the weighted impact per CHF 1 million in the line from this part: positive for
    /// values, negative for limits that make the line lose.
    public var effect: Double
}

extension SolvedScenario {
    /// What CHF 1 million in line `key` would bring and use at the plan's prices: its first
    /// segment of impact on each target (the value), and every priced limit it would use or
    /// tighten (the costs), with the staff mix the line's own limits allow that loses least.
    /// The parts sum to the line's reduced cost at the plan's prices (the basis's duals), the
    /// reduced cost written as the sum of its parts.
    func unfundedLineParts(_ key: ActivityYear, model: Model, duals: [Double], rowsOfColumn: [[(row: Int, coefficient: Double)]]) -> [UnfundedLinePart] {
        guard let columns = compiled.activities[key], let firstSegment = columns.segments.first,
              let offering = compiled.scenario.offering(key.offering) else { return [] }
        let categories = compiled.scenario.staff.categories
        let costs = categories.map { UnitConverter.lp($0.standardCost[key.year] ?? 0) }
        var best: [UnfundedLinePart]?
        var bestNet = -Double.infinity
        for staffShare in Set([offering.staffCostShare.lowerBound, offering.staffCostShare.upperBound]).sorted() {
            for mix in Self.staffMixes(categories.map { ($0.minShare ?? 0, $0.maxShare ?? 1) }) {
                let costPerFTE = zip(mix, costs).reduce(0) { $0 + $1.0 * $1.1 }
                guard staffShare == 0 || costPerFTE > 0 else { continue }
                // The bundle: CHF 1 million (one LP money unit) of cost, on the first segment of
                // the impact curve, with `staffShare` of it staff in the `mix` of grades.
                var direction: [Int: Double] = [columns.cost.index: 1, firstSegment.index: 1, columns.budget.index: 1 - staffShare]
                for (variable, share) in zip(columns.staff, mix) where staffShare > 0 {
                    direction[variable.index, default: 0] += staffShare * share / costPerFTE
                }
                let parts = parts(of: direction, line: key, model: model, duals: duals, rowsOfColumn: rowsOfColumn)
                let net = parts.reduce(0) { $0 + $1.effect }
                if net > bestNet + 1e-12 { bestNet = net; best = parts }
            }
        }
        return best ?? []
    }

    /// The corners of the grade mix the categories' FTE shares allow: each category in turn
    /// takes what the others' minimums leave, up to its maximum.
    static func staffMixes(_ limits: [(min: Double, max: Double)]) -> [[Double]] {
        guard !limits.isEmpty else { return [[]] }
        var mixes: [[Double]] = []
        for favoured in limits.indices {
            var mix = limits.map(\.min)
            var left = 1 - mix.reduce(0, +)
            for index in [favoured] + limits.indices.filter({ $0 != favoured }) where left > 1e-12 {
                let room = min(left, limits[index].max - mix[index])
                mix[index] += max(0, room)
                left -= max(0, room)
            }
            if abs(left) <= 1e-9, !mixes.contains(mix) { mixes.append(mix) }
        }
        return mixes
    }

    private func parts(of direction: [Int: Double], line: ActivityYear, model: Model, duals: [Double], rowsOfColumn: [[(row: Int, coefficient: Double)]]) -> [UnfundedLinePart] {
        var usage: [Int: Double] = [:]
        var direct = 0.0
        // In column and row order: sums over a dictionary's order would differ in their last
        // digits from one run to the next.
        for (column, amount) in direction.sorted(by: { $0.key < $1.key }) {
            direct += model.objective.coefficient(of: Variable(index: column)) * amount
            for entry in rowsOfColumn[column] { usage[entry.row, default: 0] += entry.coefficient * amount }
        }
        var values: [String: (effect: Double, attainment: Double)] = [:]
        var limits: [UnfundedLinePart] = []
        var ownMix = 0.0
        for (row, used) in usage.sorted(by: { $0.key < $1.key }) where abs(used) > 1e-12 {
            let effect = -duals[row] * used
            let meaning = compiled.meaning(of: ConstraintRef(index: row))
            if case .impact(let target, _) = meaning.key {
                let scale = compiled.scenario.targets.first { $0.id == target }?.scale ?? 1
                values[target, default: (0, 0)].effect += effect
                values[target, default: (0, 0)].attainment += -used / scale
                continue
            }
            switch meaning.key {
            case .staffCostShare(let owner, _), .staffCategoryShare(let owner, _, _):
                if owner == line { ownMix += effect; continue }
            default: break
            }
            // Rows that define the cost and its spread balance to zero in the bundle; the only
            // other definitions are the line's own, at a zero price.
            guard abs(effect) > 1e-12, meaning.kind != .definition else { continue }
            let unit = meaning.shareOf == nil ? UnitConverter.statedUnit(of: meaning.unit) : nil
            limits.append(UnfundedLinePart(
                role: .limit, description: meaning.description, target: nil,
                amount: unit.map { UnitConverter.convert(used, from: meaning.unit, to: $0) }, unit: unit, effect: effect))
        }
        let targets = compiled.scenario.targets
        var parts = targets.compactMap { target -> UnfundedLinePart? in
            guard let value = values[target.id], abs(value.attainment) > 1e-12 else { return nil }
            return UnfundedLinePart(role: .value, description: "\(target.id) \(target.name)", target: target.id,
                                    amount: value.attainment, unit: .attainment, effect: value.effect)
        }
        if abs(direct) > 1e-12 {
            parts.append(UnfundedLinePart(role: .value, description: "the objective's own weight on the line", target: nil, amount: nil, unit: nil, effect: direct))
        }
        if abs(ownMix) > 1e-12 {
            limits.append(UnfundedLinePart(role: .ownMix, description: "its own staff-mix limits", target: nil, amount: nil, unit: nil, effect: ownMix))
        }
        return parts.sorted { $0.effect > $1.effect } + limits.sorted { $0.effect < $1.effect }
    }
}
