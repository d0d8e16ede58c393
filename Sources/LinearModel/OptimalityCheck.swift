/// The optimality conditions of an LP answer, checked from the model and the answer alone (not
/// from the solver's own status): primal feasibility, dual feasibility, complementary slackness
/// and the agreement of the primal and dual objectives. A wrong price is worse than none: an
/// answer that fails is not reported as optimal.
///
/// Residuals are absolute, in the model's own units (a row's unit for primal residuals, the
/// objective's per unit of a column or row for dual ones); the test against `tolerance` scales
/// each by the size of what it is measured against (at least 1), as the solver's tolerances do.
public struct OptimalityCertificate: Sendable, Hashable {
    /// Largest amount by which a value breaks its bounds or a row its limits, and where.
    public var primalResidual: Double
    public var primalElement: String?
    /// Largest dual residual, and where: a reduced cost that differs from c_j − Σ_i a_ij·y_i, or
    /// a reduced cost or price of the wrong sign for the bound or limit it sits at.
    public var dualResidual: Double
    public var dualElement: String?
    /// Largest product of a price (or reduced cost) and the distance of its row (or column) from
    /// the limit the price belongs to: zero at an exact optimum.
    public var complementarity: Double
    public var complementarityElement: String?
    /// |c·x − dual objective| / max(1, |c·x|); tested against the largest term of the dual
    /// objective too (large prices from large penalties make large terms that cancel).
    public var relativeDualityGap: Double
    /// The primal tolerance; the dual side (reduced costs, complementarity, gap) is held to ten
    /// times it.
    public var tolerance: Double
    /// Every residual within the tolerance (each scaled as above).
    public var passed: Bool

    /// One line for a report: "optimality checked: largest primal residual 3 × 10⁻¹², dual 1 × 10⁻¹⁵, …"
    /// (powers of ten written out, not in a program's e-notation).
    public var summary: String {
        func figure(_ value: Double) -> String { Self.powerOfTen(value) }
        let verdict = passed ? "optimality checked" : "optimality check FAILED"
        return "\(verdict): largest primal residual \(figure(primalResidual)), dual \(figure(dualResidual)), "
            + "complementarity \(figure(complementarity)), duality gap \(figure(relativeDualityGap)) (relative); tolerances \(figure(tolerance)) primal, \(figure(10 * tolerance)) dual"
    }
}

extension OptimalityCertificate {
    /// One significant digit times a power of ten, with the exponent in superscript digits:
    /// 2e-13 is "2 × 10⁻¹³"; 0 is "0"; values from 0.001 to 1000 are plain.
    static func powerOfTen(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "undefined" : "unlimited" }
        guard value != 0 else { return "0" }
        let text = String(format: "%.0e", value)
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        if (-3...3).contains(exponent) { return String(format: "%g", Double(text) ?? value) }
        let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return "\(text[..<e]) × 10" + String(String(exponent).map { superscripts[$0] ?? $0 })
    }
}

extension Model {
    /// The optimality certificate of `solution`, an answer of this model with its duals; nil when
    /// the answer carries no values or no duals (a MIP answer without its fixed LP).
    public func optimalityCertificate(of solution: Solution, tolerance: Double = 1e-6) -> OptimalityCertificate? {
        guard solution.hasSolution, solution.variables.count == variables.count, solution.constraints.count == constraints.count,
              solution.variables.allSatisfy({ $0.reducedCost != nil }), solution.constraints.allSatisfy({ $0.shadowPrice != nil })
        else { return nil }
        let maximize = objective.sense == .maximize
        let values = solution.variables.map(\.value)
        var certificate = OptimalityCertificate(primalResidual: 0, dualResidual: 0, complementarity: 0, relativeDualityGap: 0,
                                                tolerance: tolerance, passed: true)
        // Names are built only for a new worst element: building one per row and column made
        // the check a sixth of a warm re-solve's time.
        func primal(_ amount: Double, scale: Double, _ name: @autoclosure () -> String) {
            if amount > certificate.primalResidual { certificate.primalResidual = amount; certificate.primalElement = name() }
            if amount > tolerance * max(1, scale) { certificate.passed = false }
        }
        // GLPK accepts reduced costs within 1e-7 of the *scaled* problem; unscaled, that is up to
        // a few 1e-6 (measured: 2e-6 per CHF million on a curve segment of the ITU model with a
        // penalised floor). The dual side is held to ten times the primal tolerance.
        let dualTolerance = 10 * tolerance
        func dual(_ amount: Double, scale: Double, _ name: @autoclosure () -> String) {
            if amount > certificate.dualResidual { certificate.dualResidual = amount; certificate.dualElement = name() }
            if amount > dualTolerance * max(1, scale) { certificate.passed = false }
        }
        func complementary(_ amount: Double, scale: Double, _ name: @autoclosure () -> String) {
            if amount > certificate.complementarity { certificate.complementarity = amount; certificate.complementarityElement = name() }
            if amount > dualTolerance * max(1, scale) { certificate.passed = false }
        }
        // A price "improves" the objective when its limit moves outwards: for a maximisation a
        // price at an upper limit is >= 0 and at a lower limit <= 0; a minimisation mirrors it.
        func signResidual(_ price: Double, atLower: Bool, atUpper: Bool) -> Double {
            let direction = maximize ? 1.0 : -1.0
            let outwardsUpper = direction * price, outwardsLower = -direction * price
            switch (atLower, atUpper) {
            case (true, true): return 0
            case (false, true): return max(0, -outwardsUpper)
            case (true, false): return max(0, -outwardsLower)
            case (false, false): return abs(price)
            }
        }
        // Σ_i a_ij·y_i per column, from the rows.
        var priced = [Double](repeating: 0, count: variables.count)
        var dualObjective = objective.expression.constant
        // The largest term of the dual objective: a gap is small or not against the sums it comes from.
        var dualTerms = 0.0
        for (index, row) in constraints.enumerated() {
            let y = solution.constraints[index].shadowPrice ?? 0
            for term in row.terms { priced[term.variable.index] += term.coefficient * y }
            let activity = row.activity(at: values)
            let lower = row.bounds.lower, upper = row.bounds.upper
            primal(max(0, lower - activity, activity - upper), scale: max(abs(lower.isFinite ? lower : 0), abs(upper.isFinite ? upper : 0)), "row \(row.name)")
            // The limit the price belongs to, by its sign; the distance to it is the slack that must vanish.
            let limit = Self.limit(of: y, lower: lower, upper: upper, maximize: maximize)
            dual(signResidual(y, atLower: lower.isFinite && limit == lower, atUpper: upper.isFinite && limit == upper), scale: 1, "price of row \(row.name)")
            // The distance that must vanish is measured on the limit's scale; the product is
            // reported, tested as distance (a price of 10^6, from a large penalty, multiplies it).
            if y != 0, let limit { complementary(abs(y) * abs(activity - limit), scale: abs(limit) * max(1, abs(y)), "row \(row.name)") }
            if let limit { dualObjective += y * limit; dualTerms = max(dualTerms, abs(y * limit)) }
        }
        var primalObjective = objective.expression.constant
        for (index, variable) in variables.enumerated() {
            let x = values[index], d = solution.variables[index].reducedCost ?? 0
            let c = objective.coefficient(of: Variable(index: index))
            primalObjective += c * x
            primal(max(0, variable.lowerBound - x, x - variable.upperBound), scale: max(abs(variable.lowerBound.isFinite ? variable.lowerBound : 0),
                                                                                         abs(variable.upperBound.isFinite ? variable.upperBound : 0)), "column \(variable.name)")
            dual(abs(c - priced[index] - d), scale: abs(c), "reduced cost of column \(variable.name)")
            let limit = Self.limit(of: d, lower: variable.lowerBound, upper: variable.upperBound, maximize: maximize)
            dual(signResidual(d, atLower: variable.lowerBound.isFinite && limit == variable.lowerBound,
                              atUpper: variable.upperBound.isFinite && limit == variable.upperBound), scale: abs(c), "reduced cost of column \(variable.name)")
            if d != 0, let limit { complementary(abs(d) * abs(x - limit), scale: abs(limit) * max(1, abs(d)), "column \(variable.name)") }
            if let limit { dualObjective += d * limit; dualTerms = max(dualTerms, abs(d * limit)) }
        }
        certificate.relativeDualityGap = abs(primalObjective - dualObjective) / max(1, abs(primalObjective))
        if abs(primalObjective - dualObjective) > dualTolerance * max(1, abs(primalObjective), dualTerms) { certificate.passed = false }
        return certificate
    }

    /// The limit a price of this sign belongs to: upper for an outward (improving) price, lower
    /// for the other sign; nil when that side has no finite limit (the price is then a residual).
    private static func limit(of price: Double, lower: Double, upper: Double, maximize: Bool) -> Double? {
        if lower == upper { return lower }
        let towardsUpper = maximize ? price > 0 : price < 0
        if price == 0 { return upper.isFinite ? upper : lower.isFinite ? lower : nil }
        let limit = towardsUpper ? upper : lower
        return limit.isFinite ? limit : nil
    }
}
