import Allocation
import LinearModel
import LPReports

extension AllocationPlan {
    /// The JSON document of `allot solve --format json`, documented in the README. Keys sorted;
    /// arrays in plan order (sectors, lines, offerings as declared in the scenario, then years).
    public func json(warnings: [Diagnostic] = []) -> JSONValue {
        let words = scenario.organisation, money = words.money
        var scenarioFields: [String: JSONValue] = [
            "name": .string(scenario.name),
            "file": .string(scenario.file),
            "description": .string(scenario.description),
            "years": .array(scenario.years.map { .integer($0) }),
            "organisation": .object([
                "name": words.name.map(JSONValue.string) ?? .null, "currency": money.currency.map(JSONValue.string) ?? .null,
                "moneyUnit": .string(money.scale.rawValue), "targetYear": words.targetYear.map { .integer($0) } ?? .null,
            ]),
        ]
        // Each line's outcomes, so that an allocation can be traced to what it serves.
        scenarioFields["lines"] = .array(scenario.lines.map { line in
            .object(["line": .string(line.id), "priority": .string(line.priority), "name": .string(line.name), "outcomes": .array(line.outcomes.map(JSONValue.string))])
        })
        // The ITU's cybersecurity option, only where the scenario has one.
        if let option = scenario.cybersecurity { scenarioFields["cybersecurityOption"] = .string(option.rawValue) }
        var document: [String: JSONValue] = [
            "status": .string(termination.status),
            "termination": .string(termination.explanation),
            "objective": .finite(objective),
            "objectiveKind": .string(scenario.objective.rawValue),
            "solver": .string(solverName),
            "modelSize": .object([
                "rows": .integer(modelSize.rows), "columns": .integer(modelSize.columns), "nonzeros": .integer(modelSize.nonzeros),
            ]),
            "scenario": .object(scenarioFields),
            "units": .object(["money": .string(money.unitName), "staff": .string("FTE"), "impact": .string("target indicator points")]),
            "allocations": .array(lines.map { $0.json(cybersecurity: scenario.cybersecurity != nil) }),
            "targets": .array(targets.map { $0.json(scenario.target($0.id)) }),
            "bindingConstraints": .array(bindingConstraints.map { $0.json(money) }),
            "warnings": .array(warnings.map { .string($0.description) }),
            "stages": .array(stages.map { stage in
                .object(["name": .string(stage.name), "objective": .finite(stage.objective), "status": .string(stage.termination.status)])
            }),
            "shortfalls": .object(shortfalls.mapValues { .number($0) }),
            "envelopes": .array(envelopeUse.map { use in
                .object(["year": .integer(use.year), "envelope": .finite(use.envelope), "spending": .number(use.spending),
                         "unspent": .finite(use.unspent)])
            }),
            "unspent": .array(unspentMoney.map { money in
                .object(["year": .integer(money.use.year), "amount": .finite(money.use.unspent), "share": .finite(money.use.unspentShare),
                         "cause": .string(money.cause.jsonName),
                         "blockingLimits": .array(money.blockingLimits.map { .string($0.meaning.description) })])
            }),
        ]
        if let mip {
            var reason: JSONValue = .null
            if case .notOffered(let why) = mip.start { reason = .string(why) }
            var entry: [String: JSONValue] = [
                "bestBound": .finite(mip.bestBound), "relativeGap": .finite(mip.relativeGap), "nodes": .integer(mip.nodes),
                "reproducible": .bool(!stoppedByTime),
                "start": .object(["status": .string(mip.start.status), "used": .bool(mip.start.wasUsed), "reason": reason]),
            ]
            if let check {
                entry["check"] = .object([
                    "passed": .bool(check.passed), "tolerance": .number(check.tolerance),
                    "violations": .array(check.violations.map { .string($0.description) }),
                ])
            }
            document["mip"] = .object(entry)
        }
        if tiesSettled == false { document["tiesSettled"] = .bool(false) }
        if let certificate {
            let element = { (name: String?) in name.map(JSONValue.string) ?? .null }
            document["certificate"] = .object([
                "passed": .bool(certificate.passed), "tolerance": .number(certificate.tolerance),
                "primalResidual": .number(certificate.primalResidual), "primalWorst": element(certificate.primalElement),
                "dualResidual": .number(certificate.dualResidual), "dualWorst": element(certificate.dualElement),
                "complementarity": .number(certificate.complementarity), "complementarityWorst": element(certificate.complementarityElement),
                "relativeDualityGap": .number(certificate.relativeDualityGap),
                "checks": .string("primal and dual feasibility, complementary slackness and the duality gap of the LP the plan comes from, from the model (LP units: \(money.lpUnitName), FTE, attainment)"),
            ])
        }
        if let exact = exactCertification {
            document["exact"] = .object([
                "basisOptimal": .bool(exact.basisOptimal), "exactStatus": .string(exact.exactStatus),
                "objectiveDifference": .finite(exact.objectiveDifference), "valueDifference": .finite(exact.valueDifference),
                "priceDifference": .finite(exact.priceDifference), "reducedCostDifference": .finite(exact.reducedCostDifference),
                "seconds": .number((exact.seconds * 100).rounded() / 100),
            ])
        }
        if let infeasibility {
            document["infeasibility"] = .object([
                "summary": .string(infeasibility.summary),
                "relaxations": .array(infeasibility.relaxations.map { relaxation in
                    .object(["constraint": .string(relaxation.constraint), "description": .string(relaxation.description),
                             "direction": .string(relaxation.direction), "amount": .number(relaxation.amount), "unit": .string(relaxation.unit.name(money)),
                             "path": relaxation.path.map { .string($0) } ?? .null])
                }),
                "conflict": .array(infeasibility.conflict.map { .object(["constraint": .string($0.constraint), "description": .string($0.description)]) }),
            ])
        }
        if termination.status == "optimal" || termination.status == "feasible" {
            var totals: [String: JSONValue] = [
                "bySector": .array(totalsBySector.map(\.json)),
                "byPriority": .array(totalsByPriority.map(\.json)),
                "byOffering": .array(totalsByOffering.map(\.json)),
                "byYear": .array(totalsByYear.map(\.json)),
                "byBiennium": .array(totalsByBiennium.map(\.json)),
                "byGoal": .array(scenario.goals.map { goal in
                    .object(["goal": .string(goal.id), "name": .string(goal.name), "attributedCost": .number(attributedCost(goal: goal.id))])
                }),
                "unattributed": .number(unattributedCost),
                "total": .number(totalCost),
            ]
            if scenario.cybersecurity != nil { totals["cybersecurity"] = .number(cybersecurityCost) }
            document["totals"] = .object(totals)
        }
        return .object(document)
    }
}

extension PlanLine {
    /// `cybersecurity`: the scenario has the ITU's cybersecurity option, so each line says
    /// whether it is a cybersecurity line.
    func json(cybersecurity: Bool) -> JSONValue {
        var fields: [String: JSONValue] = [
            "sector": .string(sector), "priority": .string(priority), "line": .string(line), "offering": .string(offering),
            "year": .integer(year), "budget": .number(budget), "staff": .object(staff.mapValues { .number($0) }),
            "staffCost": .number(staffCost), "cost": .number(cost), "committed": .number(committed),
        ]
        if cybersecurity { fields["cybersecurity"] = .bool(isCybersecurity) }
        return .object(fields)
    }
}

extension TargetOutcome {
    /// With what the scenario says of the target: its indicator, baseline and target value and
    /// year, and whether those are assumptions (`illustrative`) and where they come from.
    func json(_ target: Target?) -> JSONValue {
        var fields: [String: JSONValue] = [
            "target": .string(id), "goal": .string(goal), "name": .string(name), "weight": .number(weight), "scale": .number(scale),
            "impact": .number(impact), "attainment": .number(attainment), "reached": .bool(isReached), "attributedCost": .number(attributedCost), "level": .finite(impliedLevel),
            "impactByYear": .object(Dictionary(uniqueKeysWithValues: impactByYear.map { (String($0.key), JSONValue.number($0.value)) })),
        ]
        if let target {
            fields["indicator"] = .string(target.indicator)
            fields["baseline"] = .finite(target.baseline)
            fields["targetValue"] = .finite(target.targetValue)
            fields["targetYear"] = target.targetYear.map { .integer($0) } ?? .null
            fields["illustrative"] = .bool(target.illustrative)
            fields["source"] = .string(target.source)
        }
        return .object(fields)
    }
}

extension BindingConstraint {
    func json(_ money: MoneyWords) -> JSONValue {
        .object([
            "constraint": .string(constraint), "kind": .string(meaning.kind.rawValue), "description": .string(meaning.description),
            "unit": .string(meaning.unit.name(money)), "path": meaning.path.map { .string($0) } ?? .null,
            "shadowPrice": .number(shadowPrice), "pricePerUnit": .number(price.value), "value": .number(activity),
        ])
    }
}

extension PlanTotal {
    var json: JSONValue {
        .object([
            "key": .string(key), "name": .string(name), "budget": .number(budget), "staffCost": .number(staffCost),
            "cost": .number(cost), "staff": .number(staff),
        ])
    }
}

extension UnspentMoney.Cause {
    var jsonName: String {
        switch self {
        case .limits: "limits"
        case .targetsReached: "targets_reached"
        case .wholePosts: "whole_posts"
        case .nothingToBuy: "nothing_to_buy"
        }
    }
}
