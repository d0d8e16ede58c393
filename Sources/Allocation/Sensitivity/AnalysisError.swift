import LinearModel

/// Why an analysis (sweep, curve, simultaneous changes) could not run. An infeasible point is
/// an answer, not an error.
public enum AnalysisError: Error, Sendable, CustomStringConvertible {
    /// The scenario, or the scenario with a changed value, is invalid.
    case scenario(ScenarioError)
    /// The solver could not run.
    case solver(SolverError)
    /// The request itself cannot be answered: an unknown path, an empty range.
    case invalidRequest(String)
    /// The analysis is defined for the single-stage weighted LP only, and the scenario's recipe
    /// is another (stages or whole posts).
    case notForRecipe(String)

    public var description: String {
        switch self {
        case .scenario(let error): error.description
        case .solver(let error): error.description
        case .invalidRequest(let message), .notForRecipe(let message): message
        }
    }
}

extension AnalysisError {
    /// Runs `body`, whose errors are scenario or solver errors (sessions throw untyped ones).
    static func wrapping<T>(_ body: () throws -> T) throws(AnalysisError) -> T {
        do {
            return try body()
        } catch let error as AnalysisError {
            throw error
        } catch let error as ScenarioError {
            throw .scenario(error)
        } catch let error as SolverError {
            throw .solver(error)
        } catch {
            throw .solver(.backendFailure("\(error)"))
        }
    }
}
