/// How bad a problem in a scenario is.
public enum Severity: String, Sendable, Hashable {
    /// The scenario cannot be solved.
    case error
    /// Worth a look; the scenario still solves.
    case warning
}

/// One problem found in a scenario, with where it is.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    /// Dotted field path in the merged scenario, e.g. `targets.2.1.weight`; empty for the whole file.
    public var path: String
    public var message: String

    /// `file:line: error: path: message`, the form editors jump to.
    public var description: String {
        let field = path.isEmpty ? "" : "\(path): "
        return "\(location): \(severity.rawValue): \(field)\(message)"
    }
}

/// Problems collected while loading and checking a scenario; all are reported together.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    mutating func error(_ location: SourceLocation, _ path: String, _ message: String) {
        items.append(Diagnostic(severity: .error, location: location, path: path, message: message))
    }

    mutating func warning(_ location: SourceLocation, _ path: String, _ message: String) {
        items.append(Diagnostic(severity: .warning, location: location, path: path, message: message))
    }
}

/// Thrown when a scenario has errors: every problem found, not just the first.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
