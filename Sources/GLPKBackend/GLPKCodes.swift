import CGLPK
import LinearModel

/// The one table that says what each GLPK return code and solution status means for Allot.
enum GLPKReturnCode: Equatable {
    case success
    case limit(SolveLimit)
    /// `GLP_ENOPFS`: the presolver found no primal feasible solution.
    case presolveFoundNoPrimalFeasible
    /// `GLP_ENODFS`: the presolver found no dual feasible solution (unbounded or infeasible).
    case presolveFoundNoDualFeasible
    /// `GLP_EMIPGAP`: branch-and-cut stopped at the requested relative gap.
    case mipGapReached
    /// `GLP_ESTOP`: our callback stopped branch-and-cut (the node limit).
    case stoppedByCallback
    case failure(String)

    init(_ code: Int32) {
        self = switch code {
        case 0: .success
        case GLP_EITLIM: .limit(.iterations)
        case GLP_ETMLIM: .limit(.time)
        case GLP_ENOPFS: .presolveFoundNoPrimalFeasible
        case GLP_ENODFS: .presolveFoundNoDualFeasible
        case GLP_EMIPGAP: .mipGapReached
        case GLP_ESTOP: .stoppedByCallback
        case GLP_EBADB: .failure("the initial basis is invalid (GLP_EBADB)")
        case GLP_ESING: .failure("the basis matrix is singular (GLP_ESING)")
        case GLP_ECOND: .failure("the basis matrix is ill-conditioned (GLP_ECOND)")
        case GLP_EBOUND: .failure("a variable has incorrect bounds (GLP_EBOUND)")
        case GLP_EFAIL: .failure("the solver failed (GLP_EFAIL)")
        case GLP_EOBJLL, GLP_EOBJUL: .failure("an objective limit was reached (GLP_EOBJLL/GLP_EOBJUL)")
        case GLP_EROOT: .failure("no optimal basis for the root LP relaxation (GLP_EROOT)")
        default: .failure("GLPK returned code \(code)")
        }
    }
}

/// What a GLPK solution status (`glp_get_status`, `glp_mip_status`) says about the solve.
enum GLPKSolutionStatus: Equatable {
    case optimal
    case feasible
    case infeasible
    case unbounded
    case undefined

    init(_ status: Int32) {
        self = switch status {
        case GLP_OPT: .optimal
        case GLP_FEAS: .feasible
        case GLP_NOFEAS: .infeasible
        case GLP_UNBND: .unbounded
        default: .undefined // GLP_UNDEF, GLP_INFEAS: no usable solution
        }
    }
}

extension BasisStatus {
    init?(glpk status: Int32) {
        switch status {
        case GLP_BS: self = .basic
        case GLP_NL: self = .atLowerBound
        case GLP_NU: self = .atUpperBound
        case GLP_NF: self = .free
        case GLP_NS: self = .fixed
        default: return nil
        }
    }

    var glpk: Int32 {
        switch self {
        case .basic: GLP_BS
        case .atLowerBound: GLP_NL
        case .atUpperBound: GLP_NU
        case .free: GLP_NF
        case .fixed: GLP_NS
        }
    }
}
