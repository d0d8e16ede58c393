import LinearModel

/// The one impact model: how spending on the curve's segments becomes target points, and how
/// target points become the weighted impact. The compiler writes it into the LP's rows; the
/// robustness analysis and the strategy bench value plans with it outside the LP.
extension Scenario {
    /// Target points per LP money unit on each impact-curve segment, for an effect stated in
    /// points per CHF thousand of the first segment.
    func segmentEffects(_ effectPerThousand: Double) -> [Double] {
        impactCurve.map { UnitConverter.perLPMoney(effectPerThousand) * $0.factor }
    }

    /// Σ weight·attainment less each floor's penalty times the attainment short of it: the
    /// weighted objective of a plan with these attainments (by target id). Attainment past 1
    /// counts as 1, as in the LP.
    func weightedImpact(attainment: [String: Double]) -> Double {
        targets.reduce(0) { total, target in
            let reached = min(attainment[target.id] ?? 0, 1)
            let shortfall = target.floor.map { max(0, $0.attainment - reached) * $0.penalty } ?? 0
            return total + target.weight * reached - shortfall
        }
    }
}

extension Scenario {
    /// The most attainment a target could reach: each year's money (times `moneyFactor`) spent
    /// on the curve segments that move it most (every activity with an effect on it, segment by
    /// segment, best first), with no other limit in the way.
    func reachableAttainment(of target: Target, moneyFactor: Double = 1) -> Double {
        var segments: [(rate: Double, width: Double)] = []
        for activity in activities {
            guard let effect = activity.impactPerThousand[target.id], effect > 0 else { continue }
            var lower = 0.0
            for segment in impactCurve {
                segments.append((effect * segment.factor, segment.upTo.map { $0 - lower } ?? .infinity))
                lower = segment.upTo ?? lower
            }
        }
        segments.sort { $0.rate > $1.rate }
        var points = 0.0
        for year in years {
            var money = self.money(availableIn: year) * moneyFactor
            for segment in segments where money > 0 {
                let spent = min(money, segment.width)
                points += spent * segment.rate
                money -= spent
            }
        }
        return points / target.scale
    }

    /// What a year can spend, CHF thousands: its envelope, or its biennium's when transfers are
    /// allowed.
    func money(availableIn year: Int) -> Double {
        if let biennium = biennia.first(where: { $0.years.contains(year) && $0.transfers }) { return biennium.envelope }
        return envelopes[year] ?? 0
    }
}

/// Which targets the LP caps at closing their gap. The cap is the rule for every target; where
/// no plan could pass the gap it can never bind, and leaving it out keeps the LP as it was
/// (extra bounds and row senses move a degenerate optimum to another plan of the same value).
public struct TargetCap: Sendable, Hashable {
    /// Targets are capped when they could pass their gap with this many times the scenario's
    /// money: 1 for a solve; more for analyses that raise the envelopes inside one LP.
    public var moneyFactor: Double

    public static let scenarioMoney = TargetCap(moneyFactor: 1)

    func caps(_ target: Target, in scenario: Scenario) -> Bool {
        scenario.reachableAttainment(of: target, moneyFactor: moneyFactor) > 1
    }
}

extension CompiledScenario {
    /// Impact points on each target in each year of a point of this LP (one value per column),
    /// from each line's cost spread over the impact curve in order, and the effects of `effects`:
    /// this scenario, or a copy with the same structure and other effects (a Monte Carlo
    /// sample). In order, not as the LP's segment columns split it: past a target's gap the LP
    /// may put spending on any segment, and the money still works as the curve says.
    func impacts(at values: [Double], effects: Scenario) -> [String: [Int: Double]] {
        var impact: [String: [Int: Double]] = [:]
        for activity in effects.activities {
            for year in scenario.years {
                guard let columns = activities[ActivityYear(activity.key, year: year)] else { continue }
                let filled = segmentsFilledInOrder(columns, cost: values[columns.cost.index])
                for (target, effect) in activity.impactPerThousand {
                    let points = zip(effects.segmentEffects(effect), filled).reduce(0) { $0 + $1.0 * $1.1 }
                    impact[target, default: [:]][year, default: 0] += points
                }
            }
        }
        return impact
    }

    /// A line's cost (LP money) spread over its impact-curve segments in order: each segment
    /// full before the next takes anything, as the money works.
    func segmentsFilledInOrder(_ columns: ActivityColumns, cost: Double) -> [Double] {
        var rest = max(0, cost)
        return columns.segments.map { segment in
            let amount = min(rest, model.variables[segment.index].upperBound)
            rest -= amount
            return amount
        }
    }

    /// Attainment of each target (by id) at a point of this LP, with the effects of `effects`.
    func attainment(at values: [Double], effects: Scenario) -> [String: Double] {
        let impact = impacts(at: values, effects: effects)
        return Dictionary(uniqueKeysWithValues: effects.targets.map { target in
            (target.id, scenario.years.reduce(0) { $0 + (impact[target.id]?[$1] ?? 0) } / target.scale)
        })
    }
}
