import Foundation
import LinearModel

/// A model file format GLPK reads and writes.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    /// CPLEX LP: keeps the objective sense and 15 significant digits; the format to audit a model with.
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

    /// GLPK's own messages already start with `path:line:`; others get the path in front.
    public var description: String { message.hasPrefix(path) ? message : "\(path): \(message)" }
}

/// Reads and writes model files through GLPK's own readers and writers.
public enum ModelFile {
    /// Writes `model` (validated first) to `path`.
    /// Writes `model` to `path`; `comments` open the file, each on a comment line of the format
    /// (`\` in CPLEX LP, `*` in free MPS), so that GLPK and glpsol still read it.
    public static func write(_ model: Model, to path: String, format: ModelFileFormat, comments: [String] = []) throws(ModelFileError) {
        do { try model.validate() } catch { throw ModelFileError(path: path, message: "the model is not usable: \(error)") }
        // GLPK writes an empty file for the first and asserts (aborts) on the second.
        if model.constraints.isEmpty || model.variables.isEmpty {
            throw ModelFileError(path: path, message: "a model needs at least one constraint and one variable to be written by GLPK")
        }
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
        guard !comments.isEmpty else { return }
        let marker = format == .cplexLP ? "\\" : "*"
        let header = comments.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map { "\(marker) \($0)\n" }.joined()
        guard let written = FileManager.default.contents(atPath: path),
              FileManager.default.createFile(atPath: path, contents: Data(header.utf8) + written) else {
            throw ModelFileError(path: path, message: "cannot be written (adding its comments failed)")
        }
    }

    /// Reads a model from `path`. Free MPS has no objective sense: pass `sense` to set it.
    public static func read(from path: String, format: ModelFileFormat, sense: ObjectiveSense? = nil) throws(ModelFileError) -> Model {
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
        var model = try makeModel(from: problem, path: path, sense: sense)
        if format == .cplexLP, let constant = objectiveConstantComment(in: path) {
            model.objective.expression.constant = constant
        }
        do { try model.validate() } catch {
            throw ModelFileError(path: path, message: "the model it holds is not usable: \(error)")
        }
        return model
    }

    private static func makeModel(from problem: GLPKProblem, path: String, sense: ObjectiveSense?) throws(ModelFileError) -> Model {
        // The file name stands in for a missing problem name; GLPK aborts on control characters in names.
        let fallbackName = String(String.UnicodeScalarView(
            URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.unicodeScalars
                .filter { $0.properties.generalCategory != .control }.prefix(NameRules.maximumByteCount / 4)))
        var model = Model(name: problem.problemName ?? fallbackName)
        let rows = (0..<problem.rowCount).map { i in
            (name: problem.rowName(i) ?? "r\(i + 1)", bounds: problem.rowBounds(i), entries: problem.rowEntries(i))
        }
        let rangeSlacks = rangeSlackColumns(problem, rows: rows.map(\.entries))
        var newIndex: [Int: Variable] = [:]
        for j in 0..<problem.columnCount where rangeSlacks[j] == nil {
            let bounds = problem.columnBounds(j)
            newIndex[j] = model.addVariable(
                problem.columnName(j) ?? "x\(j + 1)",
                lowerBound: bounds.lower, upperBound: bounds.upper, kind: problem.columnKind(j))
        }
        let widthByRow = Dictionary(uniqueKeysWithValues: rangeSlacks.map { ($0.value, problem.columnBounds($0.key).upper) })
        for (i, row) in rows.enumerated() {
            let terms = row.entries.compactMap { entry in
                newIndex[entry.column].map { LinearTerm(variable: $0, coefficient: entry.value) }
            }
            let (lower, upper) = row.bounds
            let bounds: ConstraintBounds
            switch (lower.isFinite, upper.isFinite) {
            case (false, false):
                throw ModelFileError(path: path, message: "row '\(row.name)' has no bounds (a free row); Allot models have none")
            case (true, false): bounds = .greaterOrEqual(lower)
            case (false, true): bounds = .lessOrEqual(upper)
            case (true, true):
                if let width = widthByRow[i] {
                    bounds = .ranged(lower: lower, upper: lower + width)
                } else {
                    bounds = lower == upper ? .equal(lower) : .ranged(lower: lower, upper: upper)
                }
            }
            model.addConstraint(ConstraintDefinition(name: row.name, terms: terms, bounds: bounds))
        }
        var objective = LinearExpression(constant: problem.objectiveCoefficient(nil))
        for (j, variable) in newIndex {
            objective.add(problem.objectiveCoefficient(j), variable)
        }
        let objectiveSense = sense ?? (problem.isMaximization ? .maximize : .minimize)
        model.objective = Objective(sense: objectiveSense, expression: objective, name: problem.objectiveName ?? "obj")
        return model
    }

    /// CPLEX LP cannot state a ranged row, so GLPK's writer turns `L <= a·x <= U` into
    /// `a·x - ~r_i = L` with `0 <= ~r_i <= U - L`. Finds those slack columns (column -> row)
    /// so the reader can fold them back into ranged rows.
    private static func rangeSlackColumns(_ problem: GLPKProblem, rows: [[(column: Int, value: Double)]]) -> [Int: Int] {
        var slacks: [Int: Int] = [:]
        for j in 0..<problem.columnCount {
            // Only GLPK's own spelling `~r_<row>` counts, so `~r_01` or `~r_-9` never match.
            guard let name = problem.columnName(j), name.hasPrefix(NameRules.rangeSlackPrefix),
                  let row = rows.indices.first(where: { name == NameRules.rangeSlackPrefix + String($0 + 1) }),
                  !slacks.values.contains(row),
                  rows[row].contains(where: { $0.column == j && $0.value == -1 }),
                  rows.enumerated().allSatisfy({ $0.offset == row || !$0.element.contains { $0.column == j } }),
                  problem.columnBounds(j).lower == 0, problem.columnBounds(j).upper.isFinite,
                  problem.rowBounds(row).lower == problem.rowBounds(row).upper,
                  problem.objectiveCoefficient(j) == 0, problem.columnKind(j) == .continuous
            else { continue }
            slacks[j] = row
        }
        return slacks
    }

    /// CPLEX LP has no objective constant; GLPK's writer keeps it in a comment, read back here.
    private static func objectiveConstantComment(in path: String) -> Double? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let marker = Array("\\* constant term = ".utf8)
        // GLPK writes it once, at the start of a line; a byte scan keeps big files cheap.
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Double? in
            var index = 0
            while index + marker.count <= bytes.count {
                if bytes[index] == marker[0], index == 0 || bytes[index - 1] == 0x0A,
                   (0..<marker.count).allSatisfy({ bytes[index + $0] == marker[$0] }) {
                    var end = index + marker.count
                    while end < bytes.count, bytes[end] != 0x20, bytes[end] != 0x0A { end += 1 }
                    return Double(String(decoding: bytes[(index + marker.count)..<end], as: UTF8.self))
                }
                index += 1
            }
            return nil
        }
    }

    /// GLPK's error lines, without its progress chatter.
    private static func glpkMessage(_ output: String, fallback: String) -> String {
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let useful = lines.filter { !$0.hasPrefix("Reading") && !$0.hasPrefix("Writing") && !$0.isEmpty }
        return useful.isEmpty ? fallback : useful.joined(separator: "; ")
    }
}
