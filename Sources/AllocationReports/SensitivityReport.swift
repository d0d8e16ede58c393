import Allocation
import LinearModel
import LPReports

extension PlanSensitivity {
    /// Limits a committee sets directly; input-mix limits of single lines are in the tables only.
    static let committeeKinds: [ConstraintMeaning.Kind] = [
        .annualEnvelope, .biennialEnvelope, .staffCeiling, .sectorStaffCeiling, .fixedCommitment,
        .sectorFloor, .sectorCeiling, .priorityFloor, .priorityCeiling, .offeringFloor,
    ]

    /// Past this many units (CHF thousands, FTE, percentage points) a range is a ratio test's
    /// division by a pivot at rounding noise, no limit a committee could reach: it reads as
    /// unlimited (and never in scientific notation, as 1.870e+16 percentage points did).
    static let unlimitedRange = 1e15

    /// The scenario's currency and scale, which every amount and "per" is said in.
    var money: MoneyWords { plan.scenario.organisation.money }
    var words: Organisation { plan.scenario.organisation }

    /// The heading over the prices of the limits a committee sets.
    static let pricesHeading = "What are more money and more staff worth?"

    func amount(_ value: Double, _ unit: Unit) -> String {
        guard value.isFinite, abs(value) < Self.unlimitedRange else { return "unlimited" }
        switch unit {
        case .money: return money.printed(value)
        case .fte: return "\(Figures.fte(value)) FTE"
        case .percentagePoint: return "\(Figures.number(value)) percentage points"
        default: return "\(Figures.number(value)) (\(unit.name(money)))"
        }
    }

    func limitValue(_ value: Double, _ unit: Unit) -> String {
        // A one-sided price can hold without end (the limit may fall to minus infinity).
        guard value.isFinite, abs(value) < Self.unlimitedRange else { return "any value" }
        return switch unit {
        case .money: money.printed(value)
        case .fte: "\(Figures.fte(value)) FTE"
        case .percentagePoint: "\(Figures.number(value)) %"
        default: "\(Figures.number(value)) (\(unit.name(money)))"
        }
    }

    /// The price in target terms: the targets whose attainment moves most per one more unit of
    /// the limit, in percentage points of attainment; nil when no target moves.
    func targetTerms(_ price: LimitPrice, largest count: Int = 3) -> String? {
        guard !price.attainmentChanges.isEmpty else { return nil }
        let shown = price.attainmentChanges.prefix(count).map { change in
            "\(change.target) \(Self.signed(change.perUnit * 100)) points"
        }
        let more = price.attainmentChanges.count - shown.count
        return shown.joined(separator: ", ") + (more > 0 ? " (and \(more) more target\(more == 1 ? "" : "s") by less)" : "")
    }

    static func signed(_ value: Double) -> String {
        let text = Figures.number(value)
        return value > 0 && text != "0" ? "+" + text : text
    }

    /// One paragraph per committee limit: what one more unit is worth, how far that holds, and
    /// what changes at the edge.
    public func sentences() -> [String] {
        orderedPrices.filter { Self.committeeKinds.contains($0.kind) }.map { price in
            var text = "\(price.description): "
            if let left = price.left, let right = price.right {
                text += "the price is not unique here. One \(price.unit.one(money)) less would cost \(Figures.number(left.price)) of weighted impact (this holds down to \(limitValue(left.from, price.rangeUnit))); one \(price.unit.one(money)) more would add \(Figures.number(right.price)) (up to \(limitValue(right.to, price.rangeUnit)))."
                return text
            }
            let verb = price.shadowPrice >= 0 ? "adds" : "costs"
            text += "one more \(price.unit.one(money)) \(verb) \(Figures.number(abs(price.shadowPrice))) of weighted impact"
            if let terms = targetTerms(price) { text += " (attainment: \(terms))" }
            text += "; this holds for an increase of up to \(amount(price.allowableIncrease, price.rangeUnit)) and a decrease of up to \(amount(price.allowableDecrease, price.rangeUnit))."
            if let up = price.priceAtIncreaseEdge, let down = price.priceAtDecreaseEdge, Figures.number(up) != Figures.number(price.shadowPrice) || Figures.number(down) != Figures.number(price.shadowPrice) {
                text += " Moving a share moves the plan's proportions with it, so the price changes along the way: \(Figures.number(up)) at the increase's end, \(Figures.number(down)) at the decrease's."
            }
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

    /// The input mix of single lines (staff-cost and grade shares): hundreds of rows, one per
    /// line and year, that no committee sets one by one; kept in an annex (and in JSON and CSV).
    private func isAnnex(_ price: LimitPrice) -> Bool {
        [.staffCostShare, .staffCategoryShare].contains(price.kind)
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
        priceTable(title: "Constraints: prices of money, people and limits", orderedPrices.filter { !isAnnex($0) }, targetTerms: true,
                   note: "Shadow price: change of the weighted impact per one more unit of the limit (Excel's convention). "
                       + "In target terms: how the attainment of the targets that move most changes per one more unit, in percentage points, while the price holds. "
                       + "* degenerate: the price holds on one side only; see left / right. "
                       + "In the order a committee acts on them: envelopes, staff ceilings, fixed commitments, then policy floors and ceilings, each by size of price. "
                       + "A share limit (a \(words.priority.singular)'s or \(words.sector.singular)'s share of a year's spending) is ranged along that year's share alone; its price changes gradually along the range (the JSON gives it at each edge). "
                       + "The input mix of single lines (staff-cost and grade shares) is in the annex.")
    }

    /// The annex: input-mix limits of single lines, priced ones first.
    public func annexTable() -> ReportTable {
        let annex = prices.enumerated().filter { isAnnex($0.element) }.sorted { a, b in
            abs(a.element.shadowPrice) != abs(b.element.shadowPrice) ? abs(a.element.shadowPrice) > abs(b.element.shadowPrice) : a.offset < b.offset
        }.map(\.element)
        let zero = annex.count { $0.shadowPrice == 0 && $0.left == nil }
        return priceTable(title: "Annex: input mix of single lines", annex, targetTerms: false,
                          note: "Staff-cost and grade shares of single lines, one row per line and year, largest price first. "
                              + "\(annex.count - zero) have a price: moving the share by one percentage point changes the weighted impact by that much. "
                              + "\(zero) have a zero price: moving one of them alone, within its range, changes nothing in the plan's value. "
                              + "Each is ranged along that line's share alone: the range ends where the same limits stop binding or the same lines stop being funded.")
    }

    private func priceTable(title: String, _ prices: [LimitPrice], targetTerms withTerms: Bool, note: String) -> ReportTable {
        ReportTable(
            title: title,
            headers: ["Constraint", "Shadow price", "Per"] + (withTerms ? ["In target terms (attainment points)"] : [])
                + ["Left / right price", "Allowable increase", "Allowable decrease", "Limiting (increase / decrease)", "Scenario field"],
            rows: prices.map { price in
                let sides = price.left.flatMap { left in price.right.map { "\(Figures.number(left.price)) / \(Figures.number($0.price))" } } ?? ""
                let limiting = [price.limitingIncrease ?? "-", price.limitingDecrease ?? "-"].joined(separator: " / ")
                return [price.description + (price.degenerate ? " *" : ""), Figures.number(price.shadowPrice), price.unit.one(money)]
                    + (withTerms ? [targetTerms(price) ?? "-"] : [])
                    + [sides, amount(price.allowableIncrease, price.rangeUnit), amount(price.allowableDecrease, price.rangeUnit), limiting,
                       price.path.map { price.pathRows > 1 ? "\($0) (sets \(price.pathRows) limits: this row's price only)" : $0 } ?? "-"]
            },
            numericColumns: [1],
            note: note)
    }

    /// Why each unfunded line loses, in words: what its first \(money.lpOne) would bring, which
    /// limits it would use at what price, and the net, which is its reduced cost.
    public func unfundedSentences() -> [String] {
        unfunded.map { line in
            let label = plan.scenario.label(sector: line.sector, line: line.line, offering: line.offering) + ", \(line.year)"
            guard !line.parts.isEmpty else {
                return "\(label): reduced cost \(line.reducedCost.isFinite ? Figures.number(line.reducedCost) : "none (forcing money in breaks a limit)") per \(money.lpOne)."
            }
            let values = line.parts.filter { $0.role == .value }
            let blocking = line.parts.filter { $0.role == .limit && $0.effect < 0 }
            let easing = line.parts.filter { $0.role == .limit && $0.effect > 0 }
            let gained = values.reduce(0) { $0 + $1.effect }
            var text = "\(label): its first \(money.lpOne) would add \(Figures.number(gained)) of weighted impact"
            let targets = values.compactMap { part in part.target.map { "\($0) \(Self.signed((part.amount ?? 0) * 100)) points" } }
            if !targets.isEmpty { text += " (" + targets.prefix(4).joined(separator: ", ") + (targets.count > 4 ? ", …" : "") + ")" }
            func listed(_ parts: [UnfundedLinePart], _ count: Int) -> String {
                var items = parts.prefix(count).map { part in
                    let amount: String
                    switch part.unit {
                    case .money?: amount = ", \(money.printed(abs(part.amount ?? 0)))"
                    case .fte?: amount = ", \(Figures.fte(abs(part.amount ?? 0))) FTE"
                    default: amount = ""
                    }
                    return "\(part.description)\(amount) (\(Self.signed(part.effect)))"
                }
                if parts.count > count {
                    items.append("\(parts.count - count) more (\(Self.signed(parts.dropFirst(count).reduce(0) { $0 + $1.effect })) together)")
                }
                return items.joined(separator: "; ")
            }
            text += blocking.isEmpty ? ". No priced limit stands in its way" : ". It loses on: " + listed(blocking, 4)
            if !easing.isEmpty { text += ". It would ease: " + listed(easing, 2) }
            if let own = line.parts.first(where: { $0.role == .ownMix }) {
                text += ". Its own staff-mix limits, at a price that is not unique while it has no money: \(Self.signed(own.effect))"
            }
            text += ". Net: \(Figures.number(line.netAtPlanPrices)) per \(money.lpOne) at the plan's prices"
            if line.reducedCost.isFinite, abs(line.reducedCost - line.netAtPlanPrices) > 1e-6 * max(1e-3, abs(line.reducedCost)) {
                text += "; forcing the money in gives \(Figures.number(line.reducedCost)), because the plan's prices are not unique here and the forced plan prices its limits differently"
            } else if !line.reducedCost.isFinite {
                text += "; forcing the money in breaks a limit"
            }
            return text + "."
        }
    }

    public func unfundedTable() -> ReportTable {
        ReportTable(
            title: "Why are these lines unfunded?",
            headers: ["Line", "Year", "Reduced cost (per \(money.lpOne))", "Value of its first \(money.lpOne)", "Effectiveness must rise by", "Blocking limits (largest first)"],
            rows: unfunded.map { line in
                [plan.scenario.label(sector: line.sector, line: line.line, offering: line.offering) + (line.degenerate ? " *" : ""), String(line.year),
                 line.reducedCost.isFinite ? Figures.number(line.reducedCost) : "no plan", Figures.number(line.grossValue),
                 line.requiredRise.map { Figures.percent($0) }
                    ?? (line.reducedCost.isFinite ? "no rise helps: it moves no weighted target" : "no rise helps: forcing money in breaks a limit"),
                 line.parts.filter { $0.role == .limit }.prefix(3).map { "\($0.description) (\(Figures.number($0.effect)))" }.joined(separator: "; ")]
            },
            numericColumns: [2, 3, 4],
            note: "Reduced cost: change of the weighted impact per \(money.lpOne) forced into the line. A line is funded once its effectiveness rises by more than the percentage shown. "
                + "Blocking limits: the priced limits its money would use, with what each costs per \(money.lpOne) at the plan's prices.")
    }

    /// The price of each scenario field along that field: what a user who edits the number gets.
    public func pathTable() -> ReportTable {
        ReportTable(
            title: "Prices of the scenario's fields, along each field",
            headers: ["Scenario field", "Value", "Price", "Per", "Left / right price", "Allowable increase", "Allowable decrease",
                      "Price at the edges (decrease / increase)", "Rows it moves", "First of them"],
            rows: pathPrices.map { field in
                let sides = field.left.flatMap { left in field.right.map { "\(Figures.number(left)) / \(Figures.number($0))" } } ?? ""
                let edges = field.priceAtDecreaseEdge.flatMap { down in field.priceAtIncreaseEdge.map { "\(Figures.number(down)) / \(Figures.number($0))" } } ?? "same"
                // A share is stated as a percentage (4 %), moved by percentage points.
                let value = field.valueUnit == .percentagePoint ? limitValue(field.value, .percentagePoint) : amount(field.value, field.valueUnit)
                return [field.path, value, Figures.number(field.price), field.priceUnit.one(money), sides,
                        amount(field.allowableIncrease, field.valueUnit), amount(field.allowableDecrease, field.valueUnit), edges,
                        String(field.rowsMoved), field.description]
            },
            numericColumns: [1, 2, 5, 6, 8],
            note: "The change of the weighted impact per one more unit of the number as the scenario file states it, with every limit the field moves moved together "
                + "(a commitment enters its own row and any change limit; the mobility limit widens its range both ways; a share moves one limit per line or year), "
                + "and how far it holds along that field (a ratio test on the plan's basis). Where the price is not the same both ways, left / right give both. "
                + "A share moves the plan's own proportions, so its price changes gradually along the range: the price at each edge shows by how much. "
                + "Its range ends where the same limits stop binding or the same lines stop being funded, and the price jumps (by 0.01 % or more).")
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
            return "# \(words.appendixPart("sensitivity"))\n\nNo sensitivity: the plan is \(plan.termination.status) (\(plan.termination.explanation)).\n"
        }
        var parts = ["# \(words.appendixPart("sensitivity"))\n", "Scenario: \(plan.scenario.name). Weighted impact \(plan.objective.map(Figures.number) ?? "-").\n"]
        if let subject { parts.append(subject + "\n") }
        parts.append("## \(Self.pricesHeading)\n")
        parts.append(sentences().map { "- \($0)" }.joined(separator: "\n") + "\n")
        parts.append(priceTable().markdown(level: 3))
        parts.append("## Why is this line unfunded?\n")
        if unfunded.isEmpty {
            parts.append("Every allowed line receives money.\n")
        } else {
            parts.append(unfundedSentences().map { "- \($0)" }.joined(separator: "\n") + "\n")
            parts.append(unfundedTable().markdown(level: 3))
        }
        if !pathPrices.isEmpty {
            parts.append("## What does each number of the scenario file buy?\n")
            parts.append(pathTable().markdown(level: 3))
        }
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
        var parts = ["\(words.appendixPart("sensitivity")): \(plan.scenario.name)\n"] + (subject.map { [$0 + "\n"] } ?? []) + [Self.pricesHeading]
        parts.append(sentences().map { "  \($0)" }.joined(separator: "\n") + "\n")
        parts.append(priceTable().text())
        if unfunded.isEmpty {
            parts.append("Every allowed line receives money.\n")
        } else {
            parts.append("Why are these lines unfunded?\n" + unfundedSentences().map { "  \($0)" }.joined(separator: "\n") + "\n")
            parts.append(unfundedTable().text())
        }
        if !pathPrices.isEmpty { parts.append(pathTable().text()) }
        parts.append(weightTable().text())
        let annex = annexTable()
        if !annex.rows.isEmpty { parts.append(annex.text()) }
        return parts.joined(separator: "\n")
    }

    /// Three CSV files, one table each (Excel opens one table per file): `sensitivity-prices.csv`,
    /// `sensitivity-unfunded.csv` and `sensitivity-weights.csv`, in that order.
    public func csvFiles(dialect: CSVDialect = .standard) -> [(name: String, text: String)] {
        func yesNo(_ value: Bool?) -> CSVCell { .text(value.map { $0 ? "yes" : "no" } ?? "") }
        let prices = self.prices.map { price -> [CSVCell] in
            [.text(price.constraint), .text(price.description), .text(price.path ?? ""), .text(price.unit.one(money)), .number(price.shadowPrice),
             .number(price.left?.price), .number(price.right?.price), .number(price.allowableIncrease), .number(price.allowableDecrease),
             .text(price.limitingIncrease ?? ""), .text(price.limitingDecrease ?? ""), yesNo(price.degenerate)]
        }
        let unfunded = self.unfunded.map { line -> [CSVCell] in
            [.text(line.sector), .text(line.line), .text(line.offering), .integer(line.year), .number(line.reducedCost), .number(line.grossValue),
             .number(line.requiredRise.map { UnitConverter.convert($0, from: .share, to: .percentagePoint) }), yesNo(line.degenerate)]
        }
        let weights = self.weights.map { range -> [CSVCell] in
            [.text(range.target), .text(range.name), .number(range.weight), .number(range.lower), .number(range.upper),
             yesNo(range.lowerConfirmed), yesNo(range.upperConfirmed)]
        }
        return [
            ("sensitivity-prices.csv", CSV.table(header: ["constraint", "description", "path", "unit", "shadow_price", "shadow_price_left", "shadow_price_right",
                                                          "allowable_increase", "allowable_decrease", "limiting_increase", "limiting_decrease", "degenerate"],
                                                 rows: prices, dialect: dialect)),
            ("sensitivity-unfunded.csv", CSV.table(header: ["sector", "line", "offering", "year", "reduced_cost_per_chf_million", "gross_value_per_chf_million",
                                                            "required_rise_percent", "degenerate"],
                                                   rows: unfunded, dialect: dialect)),
            ("sensitivity-weights.csv", CSV.table(header: ["target", "name", "weight", "lowest_weight", "highest_weight", "lower_confirmed", "upper_confirmed"],
                                                  rows: weights, dialect: dialect)),
        ]
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
                    "path": price.path.map { .string($0) } ?? .null, "pathRows": .integer(price.pathRows), "unit": .string(price.unit.one(money)),
                    "shadowPrice": .number(price.shadowPrice),
                    "allowableIncrease": .finite(price.allowableIncrease), "allowableDecrease": .finite(price.allowableDecrease),
                    "limiting": .object(["increase": price.limitingIncrease.map { .string($0) } ?? .null,
                                         "decrease": price.limitingDecrease.map { .string($0) } ?? .null]),
                    "degenerate": .bool(price.degenerate),
                    "attainmentChanges": .array(price.attainmentChanges.map { change in
                        .object(["target": .string(change.target), "perUnit": .number(change.perUnit)])
                    }),
                ]
                if let up = price.priceAtIncreaseEdge, let down = price.priceAtDecreaseEdge {
                    entry["shadowPriceAtIncreaseEdge"] = .number(up)
                    entry["shadowPriceAtDecreaseEdge"] = .number(down)
                }
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
                         "requiredRise": .finite(line.requiredRise), "degenerate": .bool(line.degenerate),
                         "netAtPlanPrices": .finite(line.netAtPlanPrices),
                         "parts": .array(line.parts.map { part in
                             .object(["role": .string(part.role.rawValue), "description": .string(part.description),
                                      "target": part.target.map { .string($0) } ?? .null, "amount": .finite(part.amount),
                                      "unit": part.unit.map { .string($0.name(money)) } ?? .null, "effect": .number(part.effect)])
                         })])
            }),
            "fieldPrices": .array(pathPrices.map { field in
                .object(["path": .string(field.path), "value": .number(field.value), "valueUnit": .string(field.valueUnit.name(money)),
                         "price": .number(field.price), "per": .string(field.priceUnit.one(money)),
                         "priceLeft": .finite(field.left), "priceRight": .finite(field.right),
                         "allowableIncrease": .finite(field.allowableIncrease < Self.unlimitedRange ? field.allowableIncrease : .infinity),
                         "allowableDecrease": .finite(field.allowableDecrease < Self.unlimitedRange ? field.allowableDecrease : .infinity),
                         "priceAtIncreaseEdge": .finite(field.priceAtIncreaseEdge), "priceAtDecreaseEdge": .finite(field.priceAtDecreaseEdge),
                         "rowsMoved": .integer(field.rowsMoved)])
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
