import ArgumentParser
import COINBackend
import GLPKBackend
import LinearModel

/// Which engine solves: GLPK (the default, with ranges and settled ties) or COIN-OR (CLP for
/// LPs, CBC for whole posts: tighter MIP bounds, faster on large LPs, no ranges), whose
/// libraries are loaded only when asked for.
enum SolverChoice: String, ExpressibleByArgument, CaseIterable {
    case glpk, coin

    var solver: any LPSolver {
        switch self {
        case .glpk: GLPKSolver()
        case .coin: COINSolver()
        }
    }
}

struct SolverOptions: ParsableArguments {
    @Option(name: .customLong("solver"), help: """
        Engine: glpk (default) or coin (COIN-OR: CLP for LPs, CBC for MIPs such as whole posts; \
        no ranges, ties not settled; needs Debian's coinor-libcbc3 and coinor-libclp1).
        """)
    var choice: SolverChoice = .glpk

    func validate() throws {
        if choice == .coin, let reason = COINSolver.unavailableReason { throw ValidationError("--solver coin: \(reason)") }
    }
}
