import Foundation
import LinearModel

/// One solve as reports see it: the model, its solution and who solved it.
public struct SolutionReport: Sendable {
    public var model: Model
    public var solution: Solution
    public var solverName: String

    public init(model: Model, solution: Solution, solverName: String) {
        self.model = model
        self.solution = solution
        self.solverName = solverName
    }
}

// MARK: - JSON

extension SolutionReport {
    /// The stable JSON document of `allot lp solve --format json`, documented in the README.
    public func json() -> JSONValue {
        var document: [String: JSONValue] = [
            "status": .string(solution.termination.status),
            "termination": .string(solution.termination.explanation),
            "objective": .finite(solution.objectiveValue),
            "sense": .string(model.objective.sense.rawValue),
            "model": .string(model.name),
            "solver": .string(solverName),
            "iterations": .integer(solution.simplexIterations),
            "dualSource": solution.dualSource.map { .string($0.rawValue) } ?? .null,
            "variables": .array(variableEntries()),
            "constraints": .array(constraintEntries()),
        ]
        if case .limitReached(let limit) = solution.termination { document["limit"] = .string(limit.rawValue) }
        if let mip = solution.mip {
            document["mip"] = .object([
                "bestBound": .finite(mip.bestBound),
                "relativeGap": .finite(mip.relativeGap),
                "nodes": .integer(mip.nodes),
            ])
        }
        if let reason = solution.sensitivityUnavailableReason {
            document["sensitivityUnavailable"] = .string(reason)
        }
        return .object(document)
    }

    private func variableEntries() -> [JSONValue] {
        solution.variables.enumerated().map { index, result in
            var entry: [String: JSONValue] = [
                "name": .string(result.name),
                "value": .number(result.value),
                "reducedCost": .finite(result.reducedCost),
                "objectiveCoefficient": .number(model.objective.coefficient(of: Variable(index: index))),
                "basisStatus": result.basisStatus.map { .string($0.rawValue) } ?? .null,
                "degenerate": .bool(result.isDegenerate),
            ]
            if let range = solution.sensitivity?.variables[index] {
                entry.merge(rangeEntries(range.allowableIncrease, range.allowableDecrease, range.increaseEdge, range.decreaseEdge)) { $1 }
                if let moved = range.reducedCostWhenMoved { entry["reducedCostWhenMoved"] = .number(moved) }
            }
            return .object(entry)
        }
    }

    private func constraintEntries() -> [JSONValue] {
        solution.constraints.enumerated().map { index, result in
            let row = model.constraints[index]
            var entry: [String: JSONValue] = [
                "name": .string(result.name),
                "value": .number(result.activity),
                "slack": .number(result.slack),
                "shadowPrice": .finite(result.shadowPrice),
                "sense": .string(row.bounds.symbol),
                "lowerLimit": .finite(row.bounds.lower),
                "upperLimit": .finite(row.bounds.upper),
                "basisStatus": result.basisStatus.map { .string($0.rawValue) } ?? .null,
            ]
            entry["degenerate"] = .bool(solution.sensitivity?.constraints[index].isDegenerate ?? result.isDegenerate)
            if let range = solution.sensitivity?.constraints[index] {
                entry["rhs"] = .number(range.rightHandSide)
                for (key, side) in [("shadowPriceLeft", range.leftPrice), ("shadowPriceRight", range.rightPrice)] {
                    guard let side else { continue }
                    entry[key] = .number(side.price)
                    entry[key + "Range"] = .array([.finite(side.from), .finite(side.to)])
                }
                entry.merge(rangeEntries(range.allowableIncrease, range.allowableDecrease, range.increaseEdge, range.decreaseEdge)) { $1 }
            }
            return .object(entry)
        }
    }

    private func rangeEntries(_ increase: Double, _ decrease: Double, _ up: RangeEdge, _ down: RangeEdge) -> [String: JSONValue] {
        func limiting(_ edge: RangeEdge) -> JSONValue {
            guard let element = edge.limitingElement else { return .null }
            return .object(["kind": .string(element.kind), "name": .string(element.name)])
        }
        return [
            "allowableIncrease": .finite(increase),
            "allowableDecrease": .finite(decrease),
            "increaseLimitedBy": limiting(up),
            "decreaseLimitedBy": limiting(down),
            "objectiveAtIncreaseLimit": .finite(up.objectiveAtEdge),
            "objectiveAtDecreaseLimit": .finite(down.objectiveAtEdge),
        ]
    }
}

// MARK: - Text

extension SolutionReport {
    /// A text report shaped like Excel Solver's answer and sensitivity reports.
    public func text(includeRanges: Bool) -> String {
        var lines: [String] = []
        lines.append("Model: \(model.name) (\(model.variables.count) variables, \(model.constraints.count) constraints)")
        lines.append("Solver: \(solverName)")
        lines.append("Status: \(solution.termination.status) (\(solution.termination.explanation))")
        if let objective = solution.objectiveValue {
            lines.append("Objective (\(model.objective.sense.rawValue)): \(NumberText.format(objective, significantDigits: 10))")
        }
        if let mip = solution.mip {
            let bound = mip.bestBound.map { NumberText.format($0, significantDigits: 10) } ?? "unknown"
            let gap = mip.relativeGap.map { NumberText.format($0) } ?? "unknown"
            lines.append("MIP: best bound \(bound), relative gap \(gap), \(mip.nodes) nodes")
        }
        lines.append("Simplex iterations: \(solution.simplexIterations)")
        guard solution.hasSolution else { return lines.joined(separator: "\n") + "\n" }

        if includeRanges, let sensitivity = solution.sensitivity {
            lines.append("")
            if sensitivity.source == .lpWithIntegersFixed {
                lines.append("Sensitivity of the LP with the integer variables fixed at their optimal values.")
            }
            lines.append("Variable Cells")
            // Where a variable's reduced cost does not hold for any move off its bound (a degenerate
            // optimum), the rate when it is moved gets its own column.
            let moved = sensitivity.variables.contains { $0.reducedCostWhenMoved != nil }
            var variables = TextTable(
                headers: ["Name", "Final Value", "Reduced Cost"] + (moved ? ["When Moved"] : []) + ["Objective Coefficient", "Allowable Increase",
                          "Allowable Decrease", "Increase limited by", "Decrease limited by"],
                numeric: moved ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5])
            for range in sensitivity.variables {
                variables.rows.append([
                    range.name + (range.isDegenerate ? " *" : ""), NumberText.format(range.value), NumberText.format(range.reducedCost)]
                    + (moved ? [range.reducedCostWhenMoved.map { NumberText.format($0) } ?? ""] : [])
                    + [NumberText.format(range.objectiveCoefficient), NumberText.format(range.allowableIncrease),
                    NumberText.format(range.allowableDecrease), edgeText(range.increaseEdge), edgeText(range.decreaseEdge),
                ])
            }
            lines.append(variables.rendered())
            lines.append("Constraints")
            var constraints = TextTable(
                headers: ["Name", "Final Value", "Shadow Price", "Left / Right Price", "Constraint R.H. Side", "Allowable Increase",
                          "Allowable Decrease", "Increase limited by", "Decrease limited by"],
                numeric: [1, 2, 3, 4, 5, 6])
            for range in sensitivity.constraints {
                let sides = range.leftPrice.flatMap { left in
                    range.rightPrice.map { "\(NumberText.format(left.price)) / \(NumberText.format($0.price))" }
                } ?? ""
                constraints.rows.append([
                    range.name + (range.isDegenerate ? " *" : ""), NumberText.format(range.value), NumberText.format(range.shadowPrice), sides,
                    NumberText.format(range.rightHandSide), NumberText.format(range.allowableIncrease),
                    NumberText.format(range.allowableDecrease), edgeText(range.increaseEdge), edgeText(range.decreaseEdge),
                ])
            }
            lines.append(constraints.rendered())
            lines.append("inf = no limit. Shadow price: change of the optimal objective per unit increase of the right-hand side.")
            lines.append("Reduced cost: change of the objective per unit increase of the variable from its bound.")
            lines.append("Limited by: what enters or leaves the optimal basis at the edge, and the objective there.")
            lines.append("* degenerate: a basic element at a limit, or a non-basic one at zero cost or price; other optimal plans or prices exist.")
            lines.append("Left / Right Price: where the right-hand side sits on a breakpoint, the prices just below and just above it.")
        } else {
            lines.append("")
            var variables = TextTable(headers: ["Variable", "Value", "Reduced Cost", "Status"], numeric: [1, 2])
            for result in solution.variables {
                variables.rows.append([
                    result.name + (result.isDegenerate ? " *" : ""), NumberText.format(result.value), result.reducedCost.map { NumberText.format($0) } ?? "-",
                    result.basisStatus?.rawValue ?? "-",
                ])
            }
            lines.append(variables.rendered())
            var constraints = TextTable(headers: ["Constraint", "Value", "Slack", "Shadow Price", "Status"], numeric: [1, 2, 3])
            for result in solution.constraints {
                constraints.rows.append([
                    result.name + (result.isDegenerate ? " *" : ""), NumberText.format(result.activity), NumberText.format(result.slack),
                    result.shadowPrice.map { NumberText.format($0) } ?? "-", result.basisStatus?.rawValue ?? "-",
                ])
            }
            lines.append(constraints.rendered())
            if solution.variables.contains(where: \.isDegenerate) || solution.constraints.contains(where: \.isDegenerate) {
                lines.append("* degenerate: a basic element at a limit, or a non-basic one at zero cost or price; other optimal plans or prices exist.")
            }
            if solution.dualSource == .lpWithIntegersFixed {
                lines.append("Reduced costs and shadow prices are those of the LP with the integer variables fixed at their optimal values.")
            }
            if let reason = solution.sensitivityUnavailableReason {
                lines.append("Ranges unavailable: \(reason).")
            }
        }
        return lines.joined(separator: "\n") + (lines.last?.hasSuffix("\n") == true ? "" : "\n")
    }

    private func edgeText(_ edge: RangeEdge) -> String {
        guard let element = edge.limitingElement else { return "-" }
        let objective = edge.objectiveAtEdge.map { " (objective \(NumberText.format($0)))" } ?? ""
        return "\(element.kind) \(element.name)\(objective)"
    }
}

// MARK: - CSV

extension SolutionReport {
    /// One CSV table of variables and constraints; an empty range cell means unlimited.
    public func csv(dialect: CSVDialect = .standard) -> String {
        var rows: [[CSVCell]] = []
        for (index, result) in solution.variables.enumerated() {
            let range = solution.sensitivity?.variables[index]
            rows.append([
                "variable", .text(result.name), .number(result.value), .number(result.reducedCost),
                .number(model.objective.coefficient(of: Variable(index: index))),
                .number(range?.allowableIncrease), .number(range?.allowableDecrease), .text(result.basisStatus?.rawValue ?? ""),
            ])
        }
        for (index, result) in solution.constraints.enumerated() {
            let range = solution.sensitivity?.constraints[index]
            rows.append([
                "constraint", .text(result.name), .number(result.activity), .number(result.shadowPrice),
                .number(range?.rightHandSide), .number(range?.allowableIncrease), .number(range?.allowableDecrease),
                .text(result.basisStatus?.rawValue ?? ""),
            ])
        }
        return CSV.table(header: ["element", "name", "value", "price", "coefficient_or_rhs", "allowable_increase", "allowable_decrease", "basis_status"],
                         rows: rows, dialect: dialect)
    }
}
