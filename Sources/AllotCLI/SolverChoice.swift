import ArgumentParser
#if canImport(COINBackend)
import COINBackend
#endif
import GLPKBackend
import LinearModel

/// Which engine solves: GLPK (the default, with ranges and settled ties) or COIN-OR (CLP for
/// LPs, CBC for whole posts: tighter MIP bounds, faster on large LPs, no ranges). A build
/// without COIN-OR (`ALLOT_WITHOUT_COIN=1`) refuses `coin` with the reason.
enum SolverChoice: String, ExpressibleByArgument, CaseIterable {
    case glpk, coin

    static var isCOINBuiltIn: Bool {
        #if canImport(COINBackend)
        true
        #else
        false
        #endif
    }

    var solver: any LPSolver {
        switch self {
        case .glpk: return GLPKSolver()
        case .coin:
            #if canImport(COINBackend)
            return COINSolver()
            #else
            return GLPKSolver()
            #endif
        }
    }
}

struct SolverOptions: ParsableArguments {
    @Option(name: .customLong("solver"), help: """
        Engine: glpk (default) or coin (COIN-OR: CLP for LPs, CBC for MIPs such as whole posts; \
        no ranges, ties not settled).
        """)
    var choice: SolverChoice = .glpk

    func validate() throws {
        if choice == .coin && !SolverChoice.isCOINBuiltIn {
            throw ValidationError("--solver coin: this allot was built without COIN-OR (ALLOT_WITHOUT_COIN); rebuild without that variable, with coinor-libcbc-dev and coinor-libclp-dev installed")
        }
    }
}
