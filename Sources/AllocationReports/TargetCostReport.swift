import Allocation
import LinearModel
import LPReports

extension TargetCost {
    /// Attainment with two decimals: the trade-off's breakpoints lie hundredths of a point apart.
    private var money: MoneyWords { organisation.money }

    private func points(_ attainment: Double) -> String { Figures.decimal(attainment * 100, places: 2) + " %" }

    /// The answer in sentences: what Council asks, in its words.
    public func sentences() -> [String] {
        var lines = ["Today the plan reaches \(points(current)); the other targets' weighted impact is \(Figures.number(restToday))."]
        guard requested > current + 1e-12 else {
            lines.append("The plan already reaches \(points(requested)): it costs nothing more.")
            return lines
        }
        if let reachable = reachableWithTodaysMoney {
            lines.append("1. With today's money the target reaches at most \(points(reachable)), and there the other targets' weighted impact is "
                + "\(Figures.number(restAtLevel)) (\(Figures.number(restToday - restAtLevel)) given up, \(Figures.percent(share(of: restToday - restAtLevel))) of theirs); "
                + "past that no plan keeps every limit.")
        } else if let givenUp = restGivenUp {
            lines.append("1. With today's money the other targets give up \(Figures.number(givenUp)) of weighted impact (\(Figures.percent(share(of: givenUp))) of theirs): "
                + "\(Figures.number(restToday)) → \(Figures.number(restToday - givenUp)).")
        }
        if let extra = extraEnvelope {
            let years = extraByYear.sorted { $0.key < $1.key }.map { "\($0.key): \(money.printed($0.value))" }.joined(separator: ", ")
            lines.append("2. With more money and nothing given up: \(money.printed(extra)) more in total, spread as the envelopes are (\(years)).")
        } else if let blocked {
            lines.append("2. No amount of money alone reaches \(points(requested)).")
            let groups = relaxationGroups(blocked)
            if !groups.isEmpty {
                lines.append("3. What stands in the way, and the smallest change of the limits that reaches it (with the extra money free): " + groups.joined(separator: "; ") + ".")
            }
            if !blocked.conflict.isEmpty {
                lines.append("These limits cannot all hold together at \(points(requested)); relax at least one of them: "
                    + blocked.conflict.map(\.description).joined(separator: "; ") + ".")
            }
        }
        return lines
    }

    private func share(of givenUp: Double) -> Double { restToday != 0 ? givenUp / restToday : 0 }

    /// The smallest relaxation grouped by kind of limit, the largest group first: "raise the
    /// staff ceilings by 72 FTE in all (4 limits)".
    public func relaxationGroups(_ report: InfeasibilityReport) -> [String] {
        let groups = Dictionary(grouping: report.relaxations) { "\($0.kind.rawValue) \($0.direction)" }
        return groups.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0].description < $1[0].description }.map { items in
            let first = items[0]
            let count = items.count == 1 ? "" : " (\(items.count) limits)"
            let name = items.count == 1 ? "\"\(first.description)\"" : Self.kindName(first.kind, organisation)
            if first.unit == .fte {
                return "\(first.direction) \(name) by \(Figures.fte(items.reduce(0) { $0 + $1.amount })) FTE\(items.count == 1 ? "" : " in all")\(count)"
            }
            let pp = items.compactMap(\.percentagePoints)
            if pp.count == items.count, let low = pp.min(), let high = pp.max() {
                let range = abs(high - low) < 0.005 ? Figures.decimal(low, places: 2) : "\(Figures.decimal(low, places: 2)) to \(Figures.decimal(high, places: 2))"
                return "\(first.direction) \(name) by \(range) percentage points\(count)"
            }
            return "\(first.direction) \(name) by \(money.printed(items.reduce(0) { $0 + $1.amount }))\(items.count == 1 ? "" : " in all")\(count)"
        }
    }

    static func kindName(_ kind: ConstraintMeaning.Kind, _ words: Organisation) -> String {
        switch kind {
        case .annualEnvelope: "the annual envelopes"
        case .biennialEnvelope: "the biennial envelopes"
        case .fixedCommitment: "the fixed commitments"
        case .staffCeiling: "the staff ceilings"
        case .sectorStaffCeiling: "the \(words.sector.plural)' staff ceilings"
        case .sectorFloor: "the \(words.sector.singular) floors"
        case .sectorCeiling: "the \(words.sector.singular) ceilings"
        case .priorityFloor: "the \(words.priority.singular) floors"
        case .priorityCeiling: "the \(words.priority.singular) ceilings"
        case .offeringFloor: "the \(words.offering.singular) minimums"
        case .staffCostShare: "the staff-cost shares of single lines"
        case .staffCategoryShare: "the grade shares of single lines"
        case .sectorChange, .priorityChange: "the limits on change from the previous plan"
        case .sectorDeviation, .priorityDeviation: "the limits on deviation"
        case .staffMobility: "the staff mobility limits"
        case .targetFloor: "the target floors"
        case .objectiveStage: "the held objective stages"
        case .definition: "definitions"
        }
    }

    public func text() -> String {
        var lines = ["Cost of target \(target) (\(targetName)) at \(points(requested)) attainment: \(scenarioName)", ""]
        lines += sentences()
        guard requested > current + 1e-12 else { return lines.joined(separator: "\n") + "\n" }
        lines.append("")
        lines.append(table().text())
        if let blocked, !blocked.relaxations.isEmpty { lines.append(relaxationTable(blocked).text()) }
        if let traced = curveTracedTo {
            lines.append("The breakpoints are traced to \(points(traced)) (the walk's step budget); the figures at the level are from a direct solve.")
        }
        return lines.joined(separator: "\n")
    }

    public func markdown() -> String {
        var parts = ["# Cost of target \(target) at \(points(requested)) attainment\n",
                     "\(targetName). Scenario: \(scenarioName).\n",
                     sentences().map { $0.first?.isNumber == true ? $0 : "- " + $0 }.joined(separator: "\n") + "\n"]
        guard requested > current + 1e-12 else { return parts.joined(separator: "\n") }
        parts.append(table().markdown(level: 2))
        if let blocked, !blocked.relaxations.isEmpty { parts.append(relaxationTable(blocked).markdown(level: 2)) }
        if let traced = curveTracedTo {
            parts.append("The breakpoints are traced to \(points(traced)) (the walk's step budget); the figures at the level are from a direct solve.\n")
        }
        return parts.joined(separator: "\n")
    }

    /// One page: the answer, the trade-off drawn (the other targets' weighted impact against the
    /// target's attainment, exact between breakpoints), then the tables.
    public func html() -> String {
        var page = HTMLPage(title: "Cost of target \(target) at \(points(requested)): \(scenarioName)")
        page.body.append(HTMLPage.heading("Cost of target \(target) at \(points(requested)) attainment", level: 1))
        page.body.append(HTMLPage.paragraph("\(targetName). Scenario: \(scenarioName)."))
        var cards: [(label: String, value: String)] = [("Attainment today", points(current)), ("Asked", points(requested))]
        if let reachable = reachableWithTodaysMoney { cards.append(("Most with today's money", points(reachable))) }
        if let givenUp = restGivenUp { cards.append(("Given up with today's money", Figures.number(givenUp))) }
        cards.append(("Extra money, nothing given up", extraEnvelope.map { money.printed($0) } ?? "none reaches it"))
        page.body.append(HTMLPage.cards(cards))
        for sentence in sentences() { page.body.append(HTMLPage.paragraph(sentence)) }
        guard requested > current + 1e-12 else { return page.rendered() }
        if !pieces.isEmpty {
            let curve = pieces.map { ($0.from * 100, $0.restAtStart) } + (pieces.last.map { [($0.to * 100, $0.rest(at: $0.to))] } ?? [])
            page.body.append(SVGChart.lineChart(
                title: "What the other targets give up as target \(target) rises (today's money)",
                xLabel: "Attainment of target \(target) (%)", yLabel: "Other targets' weighted impact",
                series: [("other targets' weighted impact (exact)", curve)], fromZero: false))
        }
        page.body.append(HTMLPage.table(table()))
        if let blocked, !blocked.relaxations.isEmpty { page.body.append(HTMLPage.table(relaxationTable(blocked))) }
        return page.rendered()
    }

    public func table() -> ReportTable {
        ReportTable(
            title: "Trade-off with today's money",
            headers: ["Attainment from", "to", "Other targets' weighted impact at start", "Given up per attainment point"],
            rows: pieces.map { [points($0.from), points($0.to), Figures.number($0.restAtStart), Figures.number(-$0.restSlope / 100)] },
            numericColumns: [0, 1, 2, 3],
            note: "Exact: the optimal plan with the target held at each level, piece by piece (the weighted impact is linear between breakpoints). Weighted impact of the other targets: Σ weight × attainment over them, less floor penalties.")
    }

    /// Every limit of the smallest relaxation, in its own unit.
    public func relaxationTable(_ report: InfeasibilityReport) -> ReportTable {
        ReportTable(
            title: "What stands in the way: the smallest change of the limits",
            headers: ["Limit", "Change", "Scenario field"],
            rows: report.relaxations.map { relaxation in
                let amount = relaxation.unit == .fte ? "\(Figures.fte(relaxation.amount)) FTE"
                    : relaxation.percentagePoints.map { "\(Figures.decimal($0, places: 2)) percentage points (\(money.printed(relaxation.amount)) of spending)" }
                    ?? money.printed(relaxation.amount)
                return [relaxation.description, "\(relaxation.direction) by \(amount)", relaxation.path ?? "-"]
            },
            numericColumns: [],
            note: "With the extra money free: the least change of the limits (FTE weighted at their standard cost) that lets the target reach the level with every other target's weighted impact kept.")
    }

    public func json() -> JSONValue {
        .object([
            "scenario": .string(scenarioName), "target": .string(target), "name": .string(targetName), "weight": .number(weight),
            "current": .number(current), "requested": .number(requested), "restToday": .number(restToday),
            "restGivenUp": .finite(restGivenUp), "reachableWithTodaysMoney": .finite(reachableWithTodaysMoney),
            "restAtLevel": .number(restAtLevel), "curveTracedTo": .finite(curveTracedTo),
            "extraEnvelope": .finite(extraEnvelope),
            "extraByYear": .object(Dictionary(uniqueKeysWithValues: extraByYear.map { (String($0.key), JSONValue.number($0.value)) })),
            "blocked": blocked.map { report in
                .object([
                    "summary": .string(report.summary),
                    "relaxations": .array(report.relaxations.map { relaxation in
                        .object(["constraint": .string(relaxation.constraint), "description": .string(relaxation.description),
                                 "kind": .string(relaxation.kind.rawValue), "direction": .string(relaxation.direction),
                                 "amount": .number(relaxation.amount), "unit": .string(relaxation.unit.name(money)),
                                 "percentagePoints": .finite(relaxation.percentagePoints), "path": relaxation.path.map { .string($0) } ?? .null])
                    }),
                    "conflict": .array(report.conflict.map { .object(["constraint": .string($0.constraint), "description": .string($0.description)]) }),
                ])
            } ?? .null,
            "pieces": .array(pieces.map { .object(["from": .number($0.from), "to": .number($0.to), "restAtStart": .number($0.restAtStart), "restSlope": .number($0.restSlope)]) }),
            "units": .object(["attainment": .string("share of the gap closed (1 = 100 %)"), "money": .string(money.unitName)]),
        ])
    }
}
