import LinearModel

/// A price as the plan reports it: GLPK leaves prices of 1e-20 where the exact value is 0.
func withoutSolverNoise(_ price: Double) -> Double { abs(price) < 1e-12 ? 0 : price }

extension SolvedScenario {
    /// The price of one limit of the plan, found by what it is about
    /// (`solved.price(of: .envelope(year: 2026))`), with its unit and range; nil when the
    /// scenario has no such limit or was solved without sensitivity
    /// (``ScenarioDriver/solve(_:with:sensitivity:)-(Scenario,_,_)`` with `sensitivity: true`).
    public func price(of key: RowKey) -> LimitPrice? {
        guard let row = compiled.row(key), let report = solution.sensitivity else { return nil }
        return limitPrice(row, report, at: solution)
    }

    /// The row's line in the appendix's price list: a policy limit that is non-basic, degenerate
    /// or priced; nil for definitions and for limits with room to spare (no price, unlimited).
    func listedPrice(_ row: ConstraintRef, _ report: SensitivityReport, at solution: Solution) -> LimitPrice? {
        let range = report.constraints[row.index]
        guard compiled.meaning(of: row).kind != .definition,
              range.basisStatus != .basic || range.isDegenerate || abs(range.shadowPrice) > 1e-12 else { return nil }
        return limitPrice(row, report, at: solution)
    }

    /// A row's Excel-style line in the scenario's units. Money rows are priced per CHF 1 million
    /// (the LP's money) and ranged in CHF thousands; a share limit `part - share·base >= 0`
    /// moves its right-hand side by the base's value per unit of share, so its price per
    /// percentage point is dual × base / 100 and an LP change d is d / base of share.
    func limitPrice(_ row: ConstraintRef, _ report: SensitivityReport, at solution: Solution) -> LimitPrice {
        let meaning = compiled.meaning(of: row)
        let range = report.constraints[row.index]
        let rangeUnit: Unit
        let price: (Double) -> Double
        let limit: (Double) -> Double
        let change: (Double) -> Double
        if let measured = meaning.shareOf.map({ compiled.value(of: $0, at: solution) }) {
            // A share of spending below CHF 1 thousand (a line the plan leaves empty, up to the
            // solver's noise) is a share of nothing: moving it changes nothing, either way.
            let base = measured > UnitConverter.lp(1) ? measured : 0
            rangeUnit = .percentagePoint
            price = { Price($0 * base, per: .share).per(.percentagePoint).value }
            change = { base > 0 ? UnitConverter.convert($0 / base, from: .share, to: .percentagePoint) : .infinity }
            let stated = UnitConverter.convert(meaning.share ?? 0, from: .share, to: .percentagePoint)
            limit = { stated + change($0 - range.rightHandSide) }
        } else {
            rangeUnit = UnitConverter.statedUnit(of: meaning.unit)
            price = { $0 }
            change = { UnitConverter.convert($0, from: meaning.unit, to: rangeUnit) }
            limit = change
        }
        func converted(_ side: OneSidedPrice?) -> OneSidedPrice? {
            side.map { OneSidedPrice(price: price($0.price), from: limit($0.from), to: limit($0.to)) }
        }
        let dual = withoutSolverNoise(range.shadowPrice)
        let per: Unit = meaning.shareOf != nil ? .percentagePoint : meaning.unit
        let perMillion: Double?
        if meaning.shareOf != nil || meaning.unit == Unit.lpMoney {
            // A share row is in CHF millions of spending (part - share x base): its dual is already so.
            perMillion = dual
        } else if meaning.unit == .fte {
            let categories = compiled.scenario.staff.categories
            let costs = categories.compactMap { category in meaning.key.year.flatMap { category.standardCost[$0] } ?? category.standardCost.values.max() }
            let average = costs.isEmpty ? 0 : UnitConverter.lp(costs.reduce(0, +) / Double(costs.count))
            perMillion = average > 0 ? dual / average : nil
        } else {
            perMillion = nil
        }
        var result = LimitPrice(
            constraint: range.name, key: meaning.key, kind: meaning.kind, description: meaning.description, path: meaning.path,
            price: Price(price(dual), per: per), left: converted(range.leftPrice), right: converted(range.rightPrice),
            rangeUnit: rangeUnit, allowableIncrease: change(range.allowableIncrease), allowableDecrease: change(range.allowableDecrease),
            limitingIncrease: range.increaseEdge.limitingElement.map(compiled.describe),
            limitingDecrease: range.decreaseEdge.limitingElement.map(compiled.describe),
            degenerate: range.isDegenerate)
        result.pricePerMillion = perMillion
        return result
    }

    /// One unit of the limit as the appendix states it, in the LP row's right-hand-side units:
    /// CHF 1 million and FTE are the LP's own; a percentage point of a share limit
    /// `part - share·base >= 0` moves its right-hand side by base / 100.
    func rightHandSidePerStatedUnit(_ row: ConstraintRef, at solution: Solution) -> Double {
        let meaning = compiled.meaning(of: row)
        guard let base = meaning.shareOf.map({ compiled.value(of: $0, at: solution) }) else { return 1 }
        return UnitConverter.convert(base, from: .percentagePoint, to: .share)
    }

    /// Each target's attainment change per one more unit of `row`'s limit, from the rates of
    /// the LP's columns along the limit (``SolverSession/primalRates(alongLimitOf:)``).
    func attainmentChanges(_ row: ConstraintRef, rates: [Double], at solution: Solution) -> [AttainmentChange] {
        let perUnit = rightHandSidePerStatedUnit(row, at: solution)
        return compiled.scenario.targets.compactMap { target -> AttainmentChange? in
            // Years in order, so that the sum is the same in every run.
            let produced = compiled.impactByYear[target.id]?.sorted { $0.key < $1.key }.reduce(0) { $0 + rates[$1.value.index] } ?? 0
            let change = produced * perUnit / target.scale
            // Rates below 1e-9 of attainment per unit are the factorization's noise.
            guard abs(change) > 1e-9 else { return nil }
            return AttainmentChange(target: target.id, name: target.name, perUnit: change)
        }.sorted { abs($0.perUnit) != abs($1.perUnit) ? abs($0.perUnit) > abs($1.perUnit) : $0.target < $1.target }
    }
}
