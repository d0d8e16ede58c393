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
    static func parse(_ text: String, file: String, diagnostics: inout Diagnostics) -> SourceValue? {
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
        return convert(node, file: file, path: "", diagnostics: &diagnostics)
    }

    private static func convert(_ node: Node, file: String, path: String, diagnostics: inout Diagnostics) -> SourceValue {
        let location = SourceLocation(file: file, line: node.mark?.line)
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any, location)
        case .sequence(let sequence):
            return .list(sequence.enumerated().map { index, item in
                convert(item, file: file, path: "\(path)[\(index)]", diagnostics: &diagnostics)
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
                entries.append((key, keyLocation, convert(valueNode, file: file, path: childPath, diagnostics: &diagnostics)))
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
