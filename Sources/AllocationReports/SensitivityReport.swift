import Allocation
import LinearModel
import LPReports

extension PlanSensitivity {
    /// Limits a committee sets directly; input-mix limits of single lines are in the tables only.
    private static let committeeKinds: [ConstraintMeaning.Kind] = [
        .annualEnvelope, .biennialEnvelope, .staffCeiling, .sectorStaffCeiling, .fixedCommitment,
        .sectorFloor, .sectorCeiling, .priorityFloor, .priorityCeiling, .offeringFloor,
    ]

    private func amount(_ value: Double, _ unit: Unit) -> String {
        guard value.isFinite else { return "unlimited" }
        switch unit {
        case .moneyThousands: return "CHF \(Figures.money(value))k"
        case .fte: return "\(Figures.fte(value)) FTE"
        case .percentagePoint: return "\(Figures.number(value)) percentage points"
        default: return "\(Figures.number(value)) (\(unit.rawValue))"
        }
    }

    private func limitValue(_ value: Double, _ unit: Unit) -> String {
        // A one-sided price can hold without end (the limit may fall to minus infinity).
        guard value.isFinite else { return "any value" }
        return switch unit {
        case .moneyThousands: "CHF \(Figures.money(value))k"
        case .fte: "\(Figures.fte(value)) FTE"
        case .percentagePoint: "\(Figures.number(value)) %"
        default: "\(Figures.number(value)) (\(unit.rawValue))"
        }
    }

    /// One paragraph per committee limit: what one more unit is worth, how far that holds, and
    /// what changes at the edge.
    public func sentences() -> [String] {
        orderedPrices.filter { Self.committeeKinds.contains($0.kind) }.map { price in
            var text = "\(price.description): "
            if let left = price.left, let right = price.right {
                text += "the price is not unique here. One \(price.unit.one) less would cost \(Figures.number(left.price)) of weighted impact (this holds down to \(limitValue(left.from, price.rangeUnit))); one \(price.unit.one) more would add \(Figures.number(right.price)) (up to \(limitValue(right.to, price.rangeUnit)))."
                return text
            }
            let verb = price.shadowPrice >= 0 ? "adds" : "costs"
            text += "one more \(price.unit.one) \(verb) \(Figures.number(abs(price.shadowPrice))) of weighted impact"
            text += "; this holds for an increase of up to \(amount(price.allowableIncrease, price.rangeUnit)) and a decrease of up to \(amount(price.allowableDecrease, price.rangeUnit))."
            if let limiting = price.limitingIncrease, price.allowableIncrease.isFinite { text += " Past the increase, the plan changes first at: \(limiting)." }
            if let limiting = price.limitingDecrease, price.allowableDecrease.isFinite { text += " Past the decrease, the plan changes first at: \(limiting)." }
            if price.degenerate { text += " (Degenerate: other optimal plans exist.)" }
            return text
        }
    }

    /// The order a committee acts in: money, then people, then fixed commitments, then the
    /// policy floors and ceilings it sets, then everything else; by size of price within a kind.
    private static let actionOrder: [ConstraintMeaning.Kind] = [
        .annualEnvelope, .biennialEnvelope, .staffCeiling, .sectorStaffCeiling, .staffMobility, .fixedCommitment,
        .sectorFloor, .sectorCeiling, .priorityFloor, .priorityCeiling, .offeringFloor, .sectorChange, .priorityChange,
        .sectorDeviation, .priorityDeviation, .targetFloor, .objectiveStage, .staffCostShare, .staffCategoryShare,
    ]

    /// The input mix of single lines (staff-cost and grade shares) at a zero price: hundreds of
    /// rows no committee acts on, kept in an annex (and in JSON and CSV).
    private func isAnnex(_ price: LimitPrice) -> Bool {
        [.staffCostShare, .staffCategoryShare].contains(price.kind) && price.shadowPrice == 0 && price.left == nil && price.right == nil
    }

    /// The prices in the order a committee acts on them.
    private var orderedPrices: [LimitPrice] {
        let rank = { (price: LimitPrice) in Self.actionOrder.firstIndex(of: price.kind) ?? Self.actionOrder.count }
        return prices.enumerated().sorted { a, b in
            rank(a.element) != rank(b.element) ? rank(a.element) < rank(b.element)
                : abs(a.element.shadowPrice) != abs(b.element.shadowPrice) ? abs(a.element.shadowPrice) > abs(b.element.shadowPrice) : a.offset < b.offset
        }.map(\.element)
    }

    public func priceTable() -> ReportTable {
        priceTable(title: "Constraints: prices of money, people and limits", orderedPrices.filter { !isAnnex($0) },
                   note: "Shadow price: change of the weighted impact per one more unit of the limit (Excel's convention). * degenerate: the price holds on one side only; see left / right. "
                       + "In the order a committee acts on them: envelopes, staff ceilings, fixed commitments, then policy floors and ceilings, each by size of price. "
                       + "Input-mix limits of single lines at a zero price are in the annex.")
    }

    /// The annex: input-mix limits of single lines whose price is zero.
    public func annexTable() -> ReportTable {
        priceTable(title: "Annex: input mix of single lines at a zero price", orderedPrices.filter(isAnnex),
                   note: "Staff-cost and grade shares of single lines whose price is zero: moving one of them alone changes nothing in the plan's value.")
    }

    private func priceTable(title: String, _ prices: [LimitPrice], note: String) -> ReportTable {
        ReportTable(
            title: title,
            headers: ["Constraint", "Shadow price", "Per", "Left / right price", "Allowable increase", "Allowable decrease", "Limiting (increase / decrease)", "Scenario field"],
            rows: prices.map { price in
                let sides = price.left.flatMap { left in price.right.map { "\(Figures.number(left.price)) / \(Figures.number($0.price))" } } ?? ""
                let limiting = [price.limitingIncrease ?? "-", price.limitingDecrease ?? "-"].joined(separator: " / ")
                return [price.description + (price.degenerate ? " *" : ""), Figures.number(price.shadowPrice), price.unit.one, sides,
                        amount(price.allowableIncrease, price.rangeUnit), amount(price.allowableDecrease, price.rangeUnit), limiting, price.path ?? "-"]
            },
            numericColumns: [1],
            note: note)
    }

    public func unfundedTable() -> ReportTable {
        ReportTable(
            title: "Why are these lines unfunded?",
            headers: ["Line", "Year", "Reduced cost (per CHF 1 million)", "Value of its first CHF 1 million", "Effectiveness must rise by"],
            rows: unfunded.map { line in
                [plan.scenario.label(sector: line.sector, line: line.line, offering: line.offering) + (line.degenerate ? " *" : ""), String(line.year),
                 line.reducedCost.isFinite ? Figures.number(line.reducedCost) : "no plan", Figures.number(line.grossValue),
                 line.requiredRise.map { Figures.percent($0) }
                    ?? (line.reducedCost.isFinite ? "no rise helps: it moves no weighted target" : "no rise helps: forcing money in breaks a limit")]
            },
            numericColumns: [2, 3, 4],
            note: "Reduced cost: change of the weighted impact per CHF 1 million forced into the line. A line is funded once its effectiveness rises by more than the percentage shown.")
    }

    public func weightTable() -> ReportTable {
        func confirmed(_ flag: Bool?) -> String { flag.map { $0 ? "confirmed" : "not confirmed" } ?? "-" }
        return ReportTable(
            title: "How stable is the plan to the weights?",
            headers: ["Target", "Weight", "Lowest weight", "Highest weight", "Re-solved at the edges", "Limiting (low / high)"],
            rows: weights.map { range in
                [range.target + " " + range.name, Figures.number(range.weight), Figures.number(range.lower),
                 range.upper.isFinite ? Figures.number(range.upper) : "unlimited",
                 "\(confirmed(range.lowerConfirmed)) / \(confirmed(range.upperConfirmed))",
                 [range.limitingLower ?? "-", range.limitingUpper ?? "-"].joined(separator: " / ")]
            },
            numericColumns: [1, 2, 3],
            note: "Within the range the optimal allocation stays the same. Each edge is re-solved just inside (same allocation) and just outside (another allocation).")
    }

    public func markdown() -> String {
        guard plan.objective != nil else {
            return "# Appendix A — sensitivity\n\nNo sensitivity: the plan is \(plan.termination.status) (\(plan.termination.explanation)).\n"
        }
        var parts = ["# Appendix A — sensitivity\n", "Scenario: \(plan.scenario.name). Weighted impact \(plan.objective.map(Figures.number) ?? "-").\n"]
        if let subject { parts.append(subject + "\n") }
        parts.append("## What is one more franc worth?\n")
        parts.append(sentences().map { "- \($0)" }.joined(separator: "\n") + "\n")
        parts.append(priceTable().markdown(level: 3))
        parts.append("## Why is this line unfunded?\n")
        parts.append(unfunded.isEmpty ? "Every allowed line receives money.\n" : unfundedTable().markdown(level: 3))
        parts.append("## How stable is the plan to the weights?\n")
        parts.append(weightTable().markdown(level: 3))
        let annex = annexTable()
        if !annex.rows.isEmpty {
            parts.append("## Annex: input mix of single lines\n")
            parts.append(annex.markdown(level: 3))
        }
        return parts.joined(separator: "\n")
    }

    public func text() -> String {
        var parts = ["Appendix A — sensitivity: \(plan.scenario.name)\n"] + (subject.map { [$0 + "\n"] } ?? []) + ["What is one more franc worth?"]
        parts.append(sentences().map { "  \($0)" }.joined(separator: "\n") + "\n")
        parts.append(priceTable().text())
        parts.append(unfunded.isEmpty ? "Every allowed line receives money.\n" : unfundedTable().text())
        parts.append(weightTable().text())
        let annex = annexTable()
        if !annex.rows.isEmpty { parts.append(annex.text()) }
        return parts.joined(separator: "\n")
    }

    /// Three CSV tables (prices, unfunded lines, weights), each with its own header, separated by a blank line.
    public func csv() -> [String: String] {
        func number(_ value: Double?) -> String { value.map(NumberText.exact) ?? "" }
        var prices = [CSV.row(["constraint", "description", "path", "unit", "shadow_price", "shadow_price_left", "shadow_price_right",
                               "allowable_increase", "allowable_decrease", "limiting_increase", "limiting_decrease", "degenerate"])]
        for price in self.prices {
            prices.append(CSV.row([price.constraint, price.description, price.path ?? "", price.unit.one, number(price.shadowPrice),
                                   number(price.left?.price), number(price.right?.price), number(price.allowableIncrease),
                                   number(price.allowableDecrease), price.limitingIncrease ?? "", price.limitingDecrease ?? "",
                                   price.degenerate ? "yes" : "no"]))
        }
        var lines = [CSV.row(["sector", "line", "offering", "year", "reduced_cost_per_chf_million", "gross_value_per_chf_million", "required_rise_percent", "degenerate"])]
        for line in unfunded {
            lines.append(CSV.row([line.sector, line.line, line.offering, String(line.year), number(line.reducedCost), number(line.grossValue),
                                  number(line.requiredRise.map { UnitConverter.convert($0, from: .share, to: .percentagePoint) }), line.degenerate ? "yes" : "no"]))
        }
        var weights = [CSV.row(["target", "name", "weight", "lowest_weight", "highest_weight", "lower_confirmed", "upper_confirmed"])]
        for range in self.weights {
            weights.append(CSV.row([range.target, range.name, number(range.weight), number(range.lower), number(range.upper),
                                    range.lowerConfirmed.map { $0 ? "yes" : "no" } ?? "", range.upperConfirmed.map { $0 ? "yes" : "no" } ?? ""]))
        }
        return ["prices": prices.joined(separator: "\r\n") + "\r\n", "unfunded": lines.joined(separator: "\r\n") + "\r\n",
                "weights": weights.joined(separator: "\r\n") + "\r\n"]
    }

    /// The JSON documented in the README: `prices`, `unfundedLines`, `weightRanges`.
    public func json() -> JSONValue {
        func side(_ price: OneSidedPrice?) -> JSONValue {
            price.map { .object(["price": .number($0.price), "from": .finite($0.from), "to": .finite($0.to)]) } ?? .null
        }
        var document: [String: JSONValue] = [
            "scenario": .string(plan.scenario.name),
            "status": .string(plan.termination.status),
            "objective": .finite(plan.objective),
            "prices": .array(prices.map { price in
                var entry: [String: JSONValue] = [
                    "constraint": .string(price.constraint), "description": .string(price.description), "kind": .string(price.kind.rawValue),
                    "path": price.path.map { .string($0) } ?? .null, "unit": .string(price.unit.one),
                    "shadowPrice": .number(price.shadowPrice),
                    "allowableIncrease": .finite(price.allowableIncrease), "allowableDecrease": .finite(price.allowableDecrease),
                    "limiting": .object(["increase": price.limitingIncrease.map { .string($0) } ?? .null,
                                         "decrease": price.limitingDecrease.map { .string($0) } ?? .null]),
                    "degenerate": .bool(price.degenerate),
                ]
                if price.left != nil || price.right != nil {
                    entry["shadowPriceLeft"] = .finite(price.left?.price)
                    entry["shadowPriceRight"] = .finite(price.right?.price)
                    entry["shadowPriceLeftRange"] = side(price.left)
                    entry["shadowPriceRightRange"] = side(price.right)
                }
                return .object(entry)
            }),
            "unfundedLines": .array(unfunded.map { line in
                .object(["sector": .string(line.sector), "line": .string(line.line), "offering": .string(line.offering), "year": .integer(line.year),
                         "reducedCost": .finite(line.reducedCost), "grossValue": .number(line.grossValue),
                         "requiredRise": .finite(line.requiredRise), "degenerate": .bool(line.degenerate)])
            }),
            "weightRanges": .array(weights.map { range in
                .object(["target": .string(range.target), "name": .string(range.name), "weight": .number(range.weight),
                         "lower": .number(range.lower), "upper": .finite(range.upper),
                         "lowerConfirmed": range.lowerConfirmed.map { .bool($0) } ?? .null,
                         "upperConfirmed": range.upperConfirmed.map { .bool($0) } ?? .null,
                         "limiting": .object(["lower": range.limitingLower.map { .string($0) } ?? .null,
                                              "upper": range.limitingUpper.map { .string($0) } ?? .null])])
            }),
        ]
        if let subject { document["subject"] = .string(subject) }
        return .object(document)
    }
}
