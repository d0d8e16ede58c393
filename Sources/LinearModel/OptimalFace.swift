/// The set of all optimal solutions of an LP, described from one optimal basis, and the rule
/// that picks one of them whatever path the solver took.
///
/// An LP can have many optimal solutions (money that does the same good on two lines, staff
/// that can sit in either of two units). Which vertex a simplex run ends on then depends on where
/// it started: a cold solve, a warm re-solve from a neighbouring problem and a parametric walk
/// can all end on different, equally good, plans. Reports compared across such runs would show
/// differences that mean nothing.
///
/// Complementary slackness gives the whole optimal set from any one optimal dual solution: a
/// feasible x is optimal exactly when every column with a non-zero reduced cost sits at the
/// bound it sits at in that solution, and every row with a non-zero price is held at its active
/// limit. That set does not depend on which optimal basis (or dual) it is read from, so the
/// point of it that maximises a fixed second objective — the tie-break — is the same for every
/// solve that reaches the optimum. The tie-break prefers, in this order of weight, using less
/// of every column and, between columns, the one earlier in the model (for an allocation model,
/// the order its scenario lists units, programmes, offerings and years).
public struct OptimalFace: Sendable, Hashable {
    /// Columns (by index) that every optimal solution has at this value.
    public var fixedColumns: [Int: Double]
    /// Rows (by index) that every optimal solution holds at this limit.
    public var fixedRows: [Int: Double]

    /// A reduced cost or price counts as non-zero above this (the model's objective is scaled
    /// to coefficients of order one; GLPK's own dual tolerance is 1e-7).
    public static let tolerance = 1e-9

    /// No column or row held: the whole feasible set.
    public static let unrestricted = OptimalFace(fixedColumns: [:], fixedRows: [:])

    public init(fixedColumns: [Int: Double], fixedRows: [Int: Double]) {
        self.fixedColumns = fixedColumns
        self.fixedRows = fixedRows
    }

    /// The face of `model` read from one optimal basic solution: each column's basis status and
    /// reduced cost, each row's status and price.
    public init(model: Model, columnStatus: [BasisStatus?], reducedCosts: [Double], rowStatus: [BasisStatus?], prices: [Double]) {
        fixedColumns = [:]
        fixedRows = [:]
        for (index, variable) in model.variables.enumerated() where abs(reducedCosts[index]) > Self.tolerance {
            switch columnStatus[index] {
            case .atLowerBound? where variable.lowerBound.isFinite: fixedColumns[index] = variable.lowerBound
            case .atUpperBound? where variable.upperBound.isFinite: fixedColumns[index] = variable.upperBound
            default: break
            }
        }
        for (index, constraint) in model.constraints.enumerated() where abs(prices[index]) > Self.tolerance {
            switch rowStatus[index] {
            case .atLowerBound? where constraint.bounds.lower.isFinite: fixedRows[index] = constraint.bounds.lower
            case .atUpperBound? where constraint.bounds.upper.isFinite: fixedRows[index] = constraint.bounds.upper
            default: break
            }
        }
    }

    /// The tie-break's objective coefficients, to maximise over the face: −(1 + j/n) for column
    /// j of n. Every column weighs at least 1, so using less comes first; the weights differ from
    /// column to column, so a move between two columns is never a tie.
    public static func tieBreakCoefficients(columns: Int) -> [Double] {
        (0..<columns).map { -(1 + Double($0) / Double(max(1, columns))) }
    }
}
