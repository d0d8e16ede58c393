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
    /// weighted objective of a plan with these attainments (by target id).
    func weightedImpact(attainment: [String: Double]) -> Double {
        targets.reduce(0) { total, target in
            let reached = attainment[target.id] ?? 0
            let shortfall = target.floor.map { max(0, $0.attainment - reached) * $0.penalty } ?? 0
            return total + target.weight * reached - shortfall
        }
    }
}

extension CompiledScenario {
    /// Impact points on each target in each year of a point of this LP (one value per column),
    /// from its spending on each curve segment and the effects of `effects`: this scenario, or
    /// a copy with the same structure and other effects (a Monte Carlo sample).
    func impacts(at values: [Double], effects: Scenario) -> [String: [Int: Double]] {
        var impact: [String: [Int: Double]] = [:]
        for activity in effects.activities {
            for year in scenario.years {
                guard let segments = activities[ActivityYear(activity.key, year: year)]?.segments else { continue }
                for (target, effect) in activity.impactPerThousand {
                    let points = zip(effects.segmentEffects(effect), segments).reduce(0) { $0 + $1.0 * values[$1.1.index] }
                    impact[target, default: [:]][year, default: 0] += points
                }
            }
        }
        return impact
    }

    /// Attainment of each target (by id) at a point of this LP, with the effects of `effects`.
    func attainment(at values: [Double], effects: Scenario) -> [String: Double] {
        let impact = impacts(at: values, effects: effects)
        return Dictionary(uniqueKeysWithValues: effects.targets.map { target in
            (target.id, scenario.years.reduce(0) { $0 + (impact[target.id]?[$1] ?? 0) } / target.scale)
        })
    }
}
