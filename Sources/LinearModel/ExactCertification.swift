import Foundation

/// What solving again in exact rational arithmetic (GLPK's `glp_exact`) from the final basis of
/// a floating-point answer says about it: whether that basis is optimal exactly, and how far the
/// printed floating-point figures are from the exact ones.
public struct ExactCertification: Sendable, Hashable {
    /// The exact simplex stopped at an optimum without leaving the basis it was given: every
    /// figure of the answer is that basis's, exactly.
    public var basisOptimal: Bool
    /// The exact solve's own verdict, e.g. "optimal", "infeasible", "limit".
    public var exactStatus: String
    /// Largest relative differences, |floating − exact| / max(1, |exact|).
    public var objectiveDifference: Double
    public var valueDifference: Double
    public var priceDifference: Double
    public var reducedCostDifference: Double
    public var seconds: Double

    public init(basisOptimal: Bool, exactStatus: String, objectiveDifference: Double, valueDifference: Double,
                priceDifference: Double, reducedCostDifference: Double, seconds: Double) {
        self.basisOptimal = basisOptimal
        self.exactStatus = exactStatus
        self.objectiveDifference = objectiveDifference
        self.valueDifference = valueDifference
        self.priceDifference = priceDifference
        self.reducedCostDifference = reducedCostDifference
        self.seconds = seconds
    }

    public var summary: String {
        func figure(_ value: Double) -> String { value == 0 ? "0" : String(format: "%.1g", value) }
        let verdict = basisOptimal ? "the final basis is optimal in exact rational arithmetic"
            : "the final basis is NOT optimal in exact rational arithmetic (exact solve: \(exactStatus))"
        return "\(verdict); largest relative difference of the printed figures from the exact ones: objective \(figure(objectiveDifference)), "
            + "values \(figure(valueDifference)), prices \(figure(priceDifference)), reduced costs \(figure(reducedCostDifference)) "
            + "(exact solve \(String(format: "%.2f", seconds)) s)"
    }
}

/// A solver that can re-solve an LP in exact arithmetic from a given basis.
public protocol ExactCertifyingSolver: LPSolver {
    func certifyExactly(_ model: Model, _ solution: Solution, timeLimit: Double) throws(SolverError) -> ExactCertification
}
