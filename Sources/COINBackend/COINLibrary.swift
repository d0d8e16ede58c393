#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearModel

/// CLP's and CBC's C interfaces, loaded at run time the first time a COIN-OR solve is asked for.
///
/// Allot does not link COIN-OR: linking it cost every `allot` process about 5 ms of dynamic
/// loading (measured: `allot --version` 15.0 ms against 9.5 ms without it) for a backend most runs
/// never use, and its Eclipse Public License 1.0 does not mix with the GPL in one binary (see the
/// README). The signatures are those of `Clp_C_Interface.h` and `Cbc_C_Interface.h` (CLP 1.17,
/// CBC 2.10; `CoinBigIndex` is `int` in Debian's build).
struct COINLibrary: @unchecked Sendable {
    typealias Model = UnsafeMutableRawPointer
    typealias Doubles = UnsafePointer<Double>?
    typealias Load = @convention(c) (Model?, Int32, Int32, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Doubles, Doubles, Doubles, Doubles, Doubles, Doubles) -> Void

    // CLP
    let clpVersion: @convention(c) () -> UnsafePointer<CChar>?
    let clpNew: @convention(c) () -> Model?
    let clpDelete: @convention(c) (Model?) -> Void
    let clpSetLogLevel: @convention(c) (Model?, Int32) -> Void
    let clpLoad: Load
    let clpSetObjSense: @convention(c) (Model?, Double) -> Void
    let clpScaling: @convention(c) (Model?, Int32) -> Void
    let clpSetPrimalTolerance: @convention(c) (Model?, Double) -> Void
    let clpSetDualTolerance: @convention(c) (Model?, Double) -> Void
    let clpSetMaximumIterations: @convention(c) (Model?, Int32) -> Void
    let clpSetMaximumSeconds: @convention(c) (Model?, Double) -> Void
    let clpInitialDualSolve: @convention(c) (Model?) -> Int32
    let clpInitialPrimalSolve: @convention(c) (Model?) -> Int32
    let clpDual: @convention(c) (Model?, Int32) -> Int32
    let clpPrimal: @convention(c) (Model?, Int32) -> Int32
    let clpIterations: @convention(c) (Model?) -> Int32
    let clpStatus: @convention(c) (Model?) -> Int32
    let clpSecondaryStatus: @convention(c) (Model?) -> Int32
    let clpPrimalFeasible: @convention(c) (Model?) -> Int32
    let clpColumnValues: @convention(c) (Model?) -> Doubles
    let clpRowActivities: @convention(c) (Model?) -> Doubles
    let clpReducedCosts: @convention(c) (Model?) -> Doubles
    let clpRowPrices: @convention(c) (Model?) -> Doubles
    let clpObjective: @convention(c) (Model?) -> Double
    let clpColumnStatus: @convention(c) (Model?, Int32) -> Int32
    let clpRowStatus: @convention(c) (Model?, Int32) -> Int32

    // CBC
    let cbcVersion: @convention(c) () -> UnsafePointer<CChar>?
    let cbcNew: @convention(c) () -> Model?
    let cbcDelete: @convention(c) (Model?) -> Void
    let cbcLoad: Load
    let cbcSetObjSense: @convention(c) (Model?, Double) -> Void
    let cbcSetInteger: @convention(c) (Model?, Int32) -> Void
    let cbcSetLogLevel: @convention(c) (Model?, Int32) -> Void
    let cbcSetAllowableFractionGap: @convention(c) (Model?, Double) -> Void
    let cbcSetMaximumNodes: @convention(c) (Model?, Int32) -> Void
    let cbcSetMaximumSeconds: @convention(c) (Model?, Double) -> Void
    let cbcSetParameter: @convention(c) (Model?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void
    let cbcSetMIPStart: @convention(c) (Model?, Int32, UnsafePointer<Int32>?, Doubles) -> Void
    let cbcSolve: @convention(c) (Model?) -> Int32
    let cbcStatus: @convention(c) (Model?) -> Int32
    let cbcSecondaryStatus: @convention(c) (Model?) -> Int32
    let cbcNodes: @convention(c) (Model?) -> Int32
    let cbcBestSolution: @convention(c) (Model?) -> UnsafeMutablePointer<Double>?
    let cbcIsAbandoned: @convention(c) (Model?) -> Int32
    let cbcIsContinuousUnbounded: @convention(c) (Model?) -> Int32
    let cbcIsProvenInfeasible: @convention(c) (Model?) -> Int32
    let cbcObjective: @convention(c) (Model?) -> Double
    let cbcBestBound: @convention(c) (Model?) -> Double

    /// The libraries, loaded once per process; the failure says what to install.
    static let shared: Result<COINLibrary, SolverError> = load()

    /// Debian's runtime packages: coinor-libclp1 and coinor-libcbc3.
    static let installAdvice = "COIN-OR's libraries are not installed (Debian: apt-get install coinor-libcbc3 coinor-libclp1)"

    private static func load() -> Result<COINLibrary, SolverError> {
        // Versioned names only: another major version may keep the symbols and change the ABI.
        var loadErrors: [String] = []
        func open(_ names: [String]) -> UnsafeMutableRawPointer? {
            for name in names {
                if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return handle }
                if let error = dlerror() { loadErrors.append(String(cString: error)) }
            }
            return nil
        }
        guard let clp = open(["libClp.so.1", "libClp.1.dylib"]),
              let cbc = open(["libCbcSolver.so.3", "libCbcSolver.3.dylib"])
        else { return .failure(.backendFailure(installAdvice + (loadErrors.isEmpty ? "" : " (\(loadErrors.joined(separator: "; ")))"))) }
        var missing: [String] = []
        func symbol<T>(_ library: UnsafeMutableRawPointer, _ name: String, as type: T.Type) -> T? {
            guard let address = dlsym(library, name) else { missing.append(name); return nil }
            return unsafeBitCast(address, to: type)
        }
        typealias F0D = @convention(c) (Model?) -> Double
        typealias F0I = @convention(c) (Model?) -> Int32
        typealias FID = @convention(c) (Model?, Double) -> Void
        typealias FII = @convention(c) (Model?, Int32) -> Void
        typealias FV = @convention(c) () -> UnsafePointer<CChar>?
        typealias FN = @convention(c) () -> Model?
        typealias FDel = @convention(c) (Model?) -> Void
        typealias FArr = @convention(c) (Model?) -> Doubles
        typealias FStat = @convention(c) (Model?, Int32) -> Int32
        guard
            let clpVersion = symbol(clp, "Clp_Version", as: FV.self),
            let clpNew = symbol(clp, "Clp_newModel", as: FN.self),
            let clpDelete = symbol(clp, "Clp_deleteModel", as: FDel.self),
            let clpSetLogLevel = symbol(clp, "Clp_setLogLevel", as: FII.self),
            let clpLoad = symbol(clp, "Clp_loadProblem", as: Load.self),
            let clpSetObjSense = symbol(clp, "Clp_setObjSense", as: FID.self),
            let clpScaling = symbol(clp, "Clp_scaling", as: FII.self),
            let clpSetPrimalTolerance = symbol(clp, "Clp_setPrimalTolerance", as: FID.self),
            let clpSetDualTolerance = symbol(clp, "Clp_setDualTolerance", as: FID.self),
            let clpSetMaximumIterations = symbol(clp, "Clp_setMaximumIterations", as: FII.self),
            let clpSetMaximumSeconds = symbol(clp, "Clp_setMaximumSeconds", as: FID.self),
            let clpInitialDualSolve = symbol(clp, "Clp_initialDualSolve", as: F0I.self),
            let clpInitialPrimalSolve = symbol(clp, "Clp_initialPrimalSolve", as: F0I.self),
            let clpDual = symbol(clp, "Clp_dual", as: FStat.self),
            let clpPrimal = symbol(clp, "Clp_primal", as: FStat.self),
            let clpIterations = symbol(clp, "Clp_getIterationCount", as: F0I.self),
            let clpStatus = symbol(clp, "Clp_status", as: F0I.self),
            let clpSecondaryStatus = symbol(clp, "Clp_secondaryStatus", as: F0I.self),
            let clpPrimalFeasible = symbol(clp, "Clp_primalFeasible", as: F0I.self),
            let clpColumnValues = symbol(clp, "Clp_getColSolution", as: FArr.self),
            let clpRowActivities = symbol(clp, "Clp_getRowActivity", as: FArr.self),
            let clpReducedCosts = symbol(clp, "Clp_getReducedCost", as: FArr.self),
            let clpRowPrices = symbol(clp, "Clp_getRowPrice", as: FArr.self),
            let clpObjective = symbol(clp, "Clp_getObjValue", as: F0D.self),
            let clpColumnStatus = symbol(clp, "Clp_getColumnStatus", as: FStat.self),
            let clpRowStatus = symbol(clp, "Clp_getRowStatus", as: FStat.self),
            let cbcVersion = symbol(cbc, "Cbc_getVersion", as: FV.self),
            let cbcNew = symbol(cbc, "Cbc_newModel", as: FN.self),
            let cbcDelete = symbol(cbc, "Cbc_deleteModel", as: FDel.self),
            let cbcLoad = symbol(cbc, "Cbc_loadProblem", as: Load.self),
            let cbcSetObjSense = symbol(cbc, "Cbc_setObjSense", as: FID.self),
            let cbcSetInteger = symbol(cbc, "Cbc_setInteger", as: FII.self),
            let cbcSetLogLevel = symbol(cbc, "Cbc_setLogLevel", as: FII.self),
            let cbcSetAllowableFractionGap = symbol(cbc, "Cbc_setAllowableFractionGap", as: FID.self),
            let cbcSetMaximumNodes = symbol(cbc, "Cbc_setMaximumNodes", as: FII.self),
            let cbcSetMaximumSeconds = symbol(cbc, "Cbc_setMaximumSeconds", as: FID.self),
            let cbcSetParameter = symbol(cbc, "Cbc_setParameter",
                                         as: (@convention(c) (Model?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void).self),
            let cbcSetMIPStart = symbol(cbc, "Cbc_setMIPStartI",
                                        as: (@convention(c) (Model?, Int32, UnsafePointer<Int32>?, Doubles) -> Void).self),
            let cbcSolve = symbol(cbc, "Cbc_solve", as: F0I.self),
            let cbcStatus = symbol(cbc, "Cbc_status", as: F0I.self),
            let cbcSecondaryStatus = symbol(cbc, "Cbc_secondaryStatus", as: F0I.self),
            let cbcNodes = symbol(cbc, "Cbc_getNodeCount", as: F0I.self),
            let cbcBestSolution = symbol(cbc, "Cbc_bestSolution", as: (@convention(c) (Model?) -> UnsafeMutablePointer<Double>?).self),
            let cbcIsAbandoned = symbol(cbc, "Cbc_isAbandoned", as: F0I.self),
            let cbcIsContinuousUnbounded = symbol(cbc, "Cbc_isContinuousUnbounded", as: F0I.self),
            let cbcIsProvenInfeasible = symbol(cbc, "Cbc_isProvenInfeasible", as: F0I.self),
            let cbcObjective = symbol(cbc, "Cbc_getObjValue", as: F0D.self),
            let cbcBestBound = symbol(cbc, "Cbc_getBestPossibleObjValue", as: F0D.self)
        else {
            return .failure(.backendFailure("COIN-OR's libraries lack \(missing.joined(separator: ", ")): CLP 1.17 and CBC 2.10 or later are needed"))
        }
        return .success(COINLibrary(
            clpVersion: clpVersion, clpNew: clpNew, clpDelete: clpDelete, clpSetLogLevel: clpSetLogLevel, clpLoad: clpLoad,
            clpSetObjSense: clpSetObjSense, clpScaling: clpScaling, clpSetPrimalTolerance: clpSetPrimalTolerance,
            clpSetDualTolerance: clpSetDualTolerance, clpSetMaximumIterations: clpSetMaximumIterations,
            clpSetMaximumSeconds: clpSetMaximumSeconds, clpInitialDualSolve: clpInitialDualSolve,
            clpInitialPrimalSolve: clpInitialPrimalSolve, clpDual: clpDual, clpPrimal: clpPrimal, clpIterations: clpIterations,
            clpStatus: clpStatus, clpSecondaryStatus: clpSecondaryStatus, clpPrimalFeasible: clpPrimalFeasible,
            clpColumnValues: clpColumnValues, clpRowActivities: clpRowActivities, clpReducedCosts: clpReducedCosts,
            clpRowPrices: clpRowPrices, clpObjective: clpObjective, clpColumnStatus: clpColumnStatus, clpRowStatus: clpRowStatus,
            cbcVersion: cbcVersion, cbcNew: cbcNew, cbcDelete: cbcDelete, cbcLoad: cbcLoad, cbcSetObjSense: cbcSetObjSense,
            cbcSetInteger: cbcSetInteger, cbcSetLogLevel: cbcSetLogLevel, cbcSetAllowableFractionGap: cbcSetAllowableFractionGap,
            cbcSetMaximumNodes: cbcSetMaximumNodes, cbcSetMaximumSeconds: cbcSetMaximumSeconds, cbcSetParameter: cbcSetParameter,
            cbcSetMIPStart: cbcSetMIPStart, cbcSolve: cbcSolve, cbcStatus: cbcStatus, cbcSecondaryStatus: cbcSecondaryStatus,
            cbcNodes: cbcNodes, cbcBestSolution: cbcBestSolution, cbcIsAbandoned: cbcIsAbandoned,
            cbcIsContinuousUnbounded: cbcIsContinuousUnbounded, cbcIsProvenInfeasible: cbcIsProvenInfeasible,
            cbcObjective: cbcObjective, cbcBestBound: cbcBestBound))
    }
}
