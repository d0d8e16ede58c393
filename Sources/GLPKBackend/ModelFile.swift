import Foundation
import LinearModel

/// A model file format GLPK reads and writes.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    /// CPLEX LP: keeps the objective sense and full precision; the format to audit a model with.
    case cplexLP = "lp"
    /// Free MPS: carries no objective sense (read back as minimise unless told otherwise) and
    /// about 12 significant digits.
    case freeMPS = "mps"

    /// The format a file name's extension names, if any (`.lp`, `.mps`).
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "lp": self = .cplexLP
        case "mps": self = .freeMPS
        default: return nil
        }
    }
}

/// Reading or writing a model file failed; `message` carries GLPK's own words where it gave any.
public struct ModelFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

/// Reads and writes model files through GLPK's own readers and writers.
public enum ModelFile {
    /// Writes `model` (validated first) to `path`.
    public static func write(_ model: Model, to path: String, format: ModelFileFormat) throws {
        do { try model.validate() } catch { throw SolverError.invalidModel(error) }
        let problem = GLPKProblem()
        problem.load(model)
        if model.isMixedInteger { problem.setKinds(model) }
        let (code, output) = GLPKTerminal.capturing {
            switch format {
            case .cplexLP: problem.writeCPLEXLP(to: path)
            case .freeMPS: problem.writeFreeMPS(to: path)
            }
        }
        if code != 0 { throw ModelFileError(path: path, message: glpkMessage(output, fallback: "cannot be written")) }
    }

    /// Reads a model from `path`. Free MPS has no objective sense: pass `sense` to set it.
    public static func read(from path: String, format: ModelFileFormat, sense: ObjectiveSense? = nil) throws -> Model {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ModelFileError(path: path, message: "no readable file at this path")
        }
        let problem = GLPKProblem()
        let (code, output) = GLPKTerminal.capturing {
            switch format {
            case .cplexLP: problem.readCPLEXLP(from: path)
            case .freeMPS: problem.readFreeMPS(from: path)
            }
        }
        if code != 0 { throw ModelFileError(path: path, message: glpkMessage(output, fallback: "cannot be read")) }
        let model = try makeModel(from: problem, path: path, sense: sense)
        do { try model.validate() } catch {
            throw ModelFileError(path: path, message: "the model it holds is not usable: \(error)")
        }
        return model
    }

    private static func makeModel(from problem: GLPKProblem, path: String, sense: ObjectiveSense?) throws -> Model {
        let fallbackName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var model = Model(name: problem.problemName ?? fallbackName)
        for j in 0..<problem.columnCount {
            let bounds = problem.columnBounds(j)
            let kind = problem.columnKind(j)
            model.addVariable(
                problem.columnName(j) ?? "x\(j + 1)",
                lowerBound: bounds.lower, upperBound: bounds.upper, kind: kind)
        }
        for i in 0..<problem.rowCount {
            let name = problem.rowName(i) ?? "r\(i + 1)"
            let (lower, upper) = problem.rowBounds(i)
            let terms = problem.rowEntries(i).map { LinearTerm(variable: Variable(index: $0.column), coefficient: $0.value) }
            let bounds: ConstraintBounds
            switch (lower.isFinite, upper.isFinite) {
            case (false, false):
                throw ModelFileError(path: path, message: "row '\(name)' has no bounds (a free row); Allot models have none")
            case (true, false): bounds = .greaterOrEqual(lower)
            case (false, true): bounds = .lessOrEqual(upper)
            case (true, true): bounds = lower == upper ? .equal(lower) : .ranged(lower: lower, upper: upper)
            }
            model.addConstraint(ConstraintDefinition(name: name, terms: terms, bounds: bounds))
        }
        var objective = LinearExpression(constant: problem.objectiveCoefficient(nil))
        for j in 0..<problem.columnCount {
            objective.add(problem.objectiveCoefficient(j), Variable(index: j))
        }
        let objectiveSense = sense ?? (problem.isMaximization ? .maximize : .minimize)
        model.objective = Objective(sense: objectiveSense, expression: objective, name: problem.objectiveName ?? "obj")
        return model
    }

    /// GLPK's error lines, without its progress chatter.
    private static func glpkMessage(_ output: String, fallback: String) -> String {
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let useful = lines.filter { !$0.hasPrefix("Reading") && !$0.hasPrefix("Writing") && !$0.isEmpty }
        return useful.isEmpty ? fallback : useful.joined(separator: "; ")
    }
}
