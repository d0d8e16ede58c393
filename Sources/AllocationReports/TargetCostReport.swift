import Allocation
import LinearModel
import LPReports

extension TargetCost {
    private func points(_ attainment: Double) -> String { Figures.percent(attainment) }

    /// The answer in sentences, then the trade-off table: what Council asks, in its words.
    public func text() -> String {
        var lines = ["Cost of target \(target) (\(targetName)) at \(points(requested)) attainment: \(scenarioName)", ""]
        lines.append("Today the plan reaches \(points(current)); the other targets' weighted impact is \(Figures.number(restToday)).")
        guard requested > current + 1e-12 else {
            lines.append("The plan already reaches \(points(requested)): it costs nothing more.")
            return lines.joined(separator: "\n") + "\n"
        }
        if let reachable = reachableWithTodaysMoney {
            lines.append("1. With today's money: the target reaches at most \(points(reachable)), and there the other targets' weighted impact is "
                + "\(Figures.number(restAtLevel)) (\(Figures.number(restToday - restAtLevel)) given up); past that no plan keeps every limit.")
        } else if let givenUp = restGivenUp {
            let share = restToday != 0 ? givenUp / restToday : 0
            lines.append("1. With today's money: the other targets give up \(Figures.number(givenUp)) of weighted impact (\(Figures.percent(share)) of theirs), "
                + "\(Figures.number(restToday)) → \(Figures.number(restToday - givenUp)).")
        }
        if let extra = extraEnvelope {
            let years = extraByYear.sorted { $0.key < $1.key }.map { "\($0.key): CHF \(Figures.money($0.value))k" }.joined(separator: ", ")
            lines.append("2. With more money, nothing given up: CHF \(Figures.money(extra))k more in total, spread as the envelopes are (\(years)).")
        } else if let blocked {
            lines.append("2. No amount of money alone reaches it. \(blocked.summary)")
        }
        lines.append("")
        lines.append(table().text())
        if let traced = curveTracedTo {
            lines.append("The breakpoints are traced to \(points(traced)) (the walk's step budget); the figures at the level are from a direct solve.")
        }
        return lines.joined(separator: "\n")
    }

    public func table() -> ReportTable {
        ReportTable(
            title: "Trade-off with today's money",
            headers: ["Attainment from", "to", "Other targets' weighted impact at start", "Given up per percentage point"],
            rows: pieces.map { [points($0.from), points($0.to), Figures.number($0.restAtStart), NumberText.format(-$0.restSlope / 100, significantDigits: 4)] },
            numericColumns: [0, 1, 2, 3],
            note: "Exact: the optimal plan with the target held at each level, piece by piece (the weighted impact is linear between breakpoints). Weighted impact of the other targets: Σ weight × attainment over them, less floor penalties.")
    }

    public func json() -> JSONValue {
        .object([
            "scenario": .string(scenarioName), "target": .string(target), "name": .string(targetName), "weight": .number(weight),
            "current": .number(current), "requested": .number(requested), "restToday": .number(restToday),
            "restGivenUp": .finite(restGivenUp), "reachableWithTodaysMoney": .finite(reachableWithTodaysMoney),
            "restAtLevel": .number(restAtLevel), "curveTracedTo": .finite(curveTracedTo),
            "extraEnvelope": .finite(extraEnvelope),
            "extraByYear": .object(Dictionary(uniqueKeysWithValues: extraByYear.map { (String($0.key), JSONValue.number($0.value)) })),
            "blocked": blocked.map { .string($0.summary) } ?? .null,
            "pieces": .array(pieces.map { .object(["from": .number($0.from), "to": .number($0.to), "restAtStart": .number($0.restAtStart), "restSlope": .number($0.restSlope)]) }),
            "units": .object(["attainment": .string("share of the gap closed (1 = 100 %)"), "money": .string("CHF thousands")]),
        ])
    }
}
