import Foundation
import Yams

/// Where a value came from: file, line, and the dotted field path within the scenario.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int?) {
        self.file = file
        self.line = line
    }

    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// A parsed YAML or JSON document that remembers where every value came from, so that
/// validation can name file and line even after `extends` merged several files.
public indirect enum SourceValue: Sendable {
    /// Keys in document order; duplicates are reported by the parser, not kept.
    case map([(key: String, keyLocation: SourceLocation, value: SourceValue)], SourceLocation)
    case list([SourceValue], SourceLocation)
    /// `quoted` scalars are always text; plain ones may be numbers, booleans or null.
    case scalar(String, quoted: Bool, SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .map(_, let location), .list(_, let location), .scalar(_, _, let location): location
        }
    }

    /// The value of `key` in a map, nil when absent or not a map.
    public subscript(key: String) -> SourceValue? {
        guard case .map(let entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    public var isNull: Bool {
        if case .scalar(let text, false, _) = self { return ["", "~", "null", "Null", "NULL"].contains(text) }
        return false
    }

    /// A short name for the value's type, for "expected a number, found a list" messages.
    public var kindName: String {
        switch self {
        case .map: "a map"
        case .list: "a list"
        case .scalar(let text, let quoted, _):
            if isNull { "nothing (null)" } else if quoted { "text \"\(text)\"" } else { "'\(text)'" }
        }
    }

    /// Deep merge for `extends`: maps merge key by key (the override wins), anything else is replaced.
    public func merged(with override: SourceValue) -> SourceValue {
        // The merged map takes the override's location: that is the file the user just changed.
        guard case .map(var entries, _) = self, case .map(let overrides, let location) = override else {
            return override
        }
        for entry in overrides {
            if let index = entries.firstIndex(where: { $0.key == entry.key }) {
                entries[index].value = entries[index].value.merged(with: entry.value)
            } else {
                entries.append(entry)
            }
        }
        return .map(entries, location)
    }

    /// Removes a top-level key (used for `extends`, which is not part of the merged scenario).
    public func removing(key: String) -> SourceValue {
        guard case .map(let entries, let location) = self else { return self }
        return .map(entries.filter { $0.key != key }, location)
    }
}

/// Parses YAML (and JSON, which is YAML) into a ``SourceValue``.
enum SourceParser {
    /// Bounds on what a scenario file may hold, checked before and while it is read: a hostile
    /// file (an alias bomb of 1.7 kB expands to gigabytes; a deep nest overflows the stack)
    /// gets an error, never a hang or a crash. Real scenarios are far inside them (the ITU
    /// baseline: 20 kB, depth 6, about 3,000 values).
    static let largestDocument = 4_000_000
    static let deepestNesting = 64
    static let mostValues = 1_000_000

    static func parse(_ text: String, file: String, diagnostics: inout Diagnostics) -> SourceValue? {
        if text.utf8.count > largestDocument {
            diagnostics.error(SourceLocation(file: file, line: nil), "", "the file is \(text.utf8.count) bytes, more than the \(largestDocument) a scenario may have")
            return nil
        }
        if let line = tooDeep(text) {
            diagnostics.error(SourceLocation(file: file, line: line), "", "nested more than \(deepestNesting) levels deep, more than a scenario may be")
            return nil
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            diagnostics.error(SourceLocation(file: file, line: yamlErrorLine(error)), "", "not valid YAML or JSON: \(yamlErrorSummary(error))")
            return nil
        } catch {
            diagnostics.error(SourceLocation(file: file, line: nil), "", "not valid YAML or JSON: \(error)")
            return nil
        }
        guard let node else {
            diagnostics.error(SourceLocation(file: file, line: nil), "", "the file is empty")
            return nil
        }
        var budget = mostValues
        let value = convert(node, file: file, path: "", depth: 0, budget: &budget, diagnostics: &diagnostics)
        if budget < 0 {
            diagnostics.error(SourceLocation(file: file, line: nil), "",
                              "the file expands to more than \(mostValues) values (YAML aliases repeat what they name; write the values out)")
            return nil
        }
        return value
    }

    /// The line where flow brackets or indentation pass ``deepestNesting``, if they do (quoted
    /// text and comments are skipped; an estimate that errs towards reading the file).
    private static func tooDeep(_ text: String) -> Int? {
        var depth = 0, line = 1, quote: Character?
        var atLineStart = true, indent = 0, inComment = false
        for character in text {
            if character == "\n" { line += 1; atLineStart = true; indent = 0; inComment = false; continue }
            if inComment { continue }
            if atLineStart {
                if character == " " { indent += 1; if indent > 2 * deepestNesting + 40 { return line }; continue }
                atLineStart = false
            }
            if let open = quote { if character == open { quote = nil }; continue }
            switch character {
            case "\"", "'": quote = character
            case "#": inComment = true
            case "[", "{": depth += 1; if depth > deepestNesting { return line }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func convert(_ node: Node, file: String, path: String, depth: Int, budget: inout Int, diagnostics: inout Diagnostics) -> SourceValue {
        let location = SourceLocation(file: file, line: node.mark?.line)
        budget -= 1
        if budget < 0 { return .scalar("", quoted: false, location) }
        if depth > deepestNesting {
            diagnostics.error(location, path, "nested more than \(deepestNesting) levels deep")
            return .scalar("", quoted: false, location)
        }
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any, location)
        case .sequence(let sequence):
            return .list(sequence.enumerated().map { index, item in
                convert(item, file: file, path: "\(path)[\(index)]", depth: depth + 1, budget: &budget, diagnostics: &diagnostics)
            }, location)
        case .mapping(let mapping):
            var entries: [(key: String, keyLocation: SourceLocation, value: SourceValue)] = []
            for (keyNode, valueNode) in mapping {
                let keyLocation = SourceLocation(file: file, line: keyNode.mark?.line)
                guard case .scalar(let keyScalar) = keyNode else {
                    diagnostics.error(keyLocation, path, "a key must be plain text, not a map or list")
                    continue
                }
                let key = keyScalar.string
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if let first = entries.first(where: { $0.key == key }) {
                    diagnostics.error(keyLocation, childPath, "duplicate key '\(key)' (first at line \(first.keyLocation.line.map(String.init) ?? "?"))")
                    continue
                }
                entries.append((key, keyLocation, convert(valueNode, file: file, path: childPath, depth: depth + 1, budget: &budget, diagnostics: &diagnostics)))
            }
            return .map(entries, location)
        case .alias:
            diagnostics.error(location, path, "YAML aliases are not supported; write the value out")
            return .scalar("", quoted: false, location)
        }
    }

    private static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    private static func yamlErrorSummary(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one map"
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }
}
