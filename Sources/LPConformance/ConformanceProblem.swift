import LinearModel

/// How far a coefficient or right-hand side may move; `.infinity` for unlimited.
public struct AllowableRange: Sendable, Hashable {
    public var increase: Double
    public var decrease: Double

    public init(increase: Double, decrease: Double) {
        self.increase = increase
        self.decrease = decrease
    }
}

/// The known answer to a conformance problem. Only what is listed is checked; prices and ranges
/// are listed only where they are unique (no degeneracy).
public struct Expectation: Sendable {
    /// ``Termination/status`` spelling: `optimal`, `infeasible`, ...
    public var status: String
    public var objective: Double?
    public var values: [String: Double] = [:]
    public var reducedCosts: [String: Double] = [:]
    public var shadowPrices: [String: Double] = [:]
    public var coefficientRanges: [String: AllowableRange] = [:]
    public var rightHandSideRanges: [String: AllowableRange] = [:]
    /// For a MIP: the dual source the prices must come from.
    public var dualSource: DualSource?

    public init(status: String, objective: Double? = nil) {
        self.status = status
        self.objective = objective
    }
}

/// A small problem with an answer derived by hand (the derivation is in ``reference``).
public struct ConformanceProblem: Sendable, CustomStringConvertible {
    public var name: String
    /// Where the answer comes from: a textbook, or the hand derivation in brief.
    public var reference: String
    public var model: Model
    public var options: SolveOptions
    public var expectation: Expectation

    public var description: String { name }

    /// The same problem without its ranges, for a backend that computes none: values, prices,
    /// status and objective are still checked.
    public var withoutRanges: ConformanceProblem {
        var copy = self
        copy.options.computeSensitivity = false
        copy.expectation.coefficientRanges = [:]
        copy.expectation.rightHandSideRanges = [:]
        return copy
    }

    /// Solves the problem with `solver` and lists every difference from the known answer,
    /// each as one sentence; empty when the backend conforms.
    public func check(with solver: some LPSolver, tolerance: Double = 1e-7) -> [String] {
        let solution: Solution
        do {
            solution = try solver.solve(model, options: options)
        } catch {
            return ["\(name): solve threw \(error)"]
        }
        var failures: [String] = []
        func expectClose(_ actual: Double?, _ expected: Double, _ what: String) {
            guard let actual else { return failures.append("\(name): \(what) missing, expected \(expected)") }
            if !Self.isClose(actual, expected, tolerance: tolerance) {
                failures.append("\(name): \(what) is \(actual), expected \(expected)")
            }
        }
        if solution.termination.status != expectation.status {
            failures.append("\(name): status is \(solution.termination.status), expected \(expectation.status)")
        }
        if let objective = expectation.objective { expectClose(solution.objectiveValue, objective, "objective") }
        if let source = expectation.dualSource, solution.dualSource != source {
            failures.append("\(name): dual source is \(String(describing: solution.dualSource)), expected \(source)")
        }
        let variables = Dictionary(uniqueKeysWithValues: solution.variables.map { ($0.name, $0) })
        let constraints = Dictionary(uniqueKeysWithValues: solution.constraints.map { ($0.name, $0) })
        for (key, value) in expectation.values.sorted(by: { $0.key < $1.key }) {
            expectClose(variables[key]?.value, value, "value of \(key)")
        }
        for (key, value) in expectation.reducedCosts.sorted(by: { $0.key < $1.key }) {
            expectClose(variables[key]?.reducedCost, value, "reduced cost of \(key)")
        }
        for (key, value) in expectation.shadowPrices.sorted(by: { $0.key < $1.key }) {
            expectClose(constraints[key]?.shadowPrice, value, "shadow price of \(key)")
        }
        let wantsRanges = !expectation.coefficientRanges.isEmpty || !expectation.rightHandSideRanges.isEmpty
        if wantsRanges && solution.sensitivity == nil {
            failures.append("\(name): no sensitivity report (\(solution.sensitivityUnavailableReason ?? "not computed"))")
        }
        if let sensitivity = solution.sensitivity {
            let columns = Dictionary(uniqueKeysWithValues: sensitivity.variables.map { ($0.name, $0) })
            let rows = Dictionary(uniqueKeysWithValues: sensitivity.constraints.map { ($0.name, $0) })
            for (key, range) in expectation.coefficientRanges.sorted(by: { $0.key < $1.key }) {
                expectClose(columns[key]?.allowableIncrease, range.increase, "allowable increase of \(key)'s coefficient")
                expectClose(columns[key]?.allowableDecrease, range.decrease, "allowable decrease of \(key)'s coefficient")
            }
            for (key, range) in expectation.rightHandSideRanges.sorted(by: { $0.key < $1.key }) {
                expectClose(rows[key]?.allowableIncrease, range.increase, "allowable increase of \(key)'s right-hand side")
                expectClose(rows[key]?.allowableDecrease, range.decrease, "allowable decrease of \(key)'s right-hand side")
            }
        }
        return failures
    }

    /// Equal within `tolerance`, relative to the larger magnitude (absolute below 1); infinities equal only themselves.
    public static func isClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
        if expected.isInfinite || actual.isInfinite { return actual == expected }
        return abs(actual - expected) <= tolerance * max(1, abs(actual), abs(expected))
    }
}
