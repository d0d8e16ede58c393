import Foundation

/// A scenario file read and merged (its `extends` chain followed) but not yet decoded, so that
/// many variants (sweeps, finite differences) can be decoded without reading files again.
public struct ScenarioSource: Sendable {
    /// The scenario file relative to the scenarios root, as reports name it.
    public let file: String
    let document: SourceValue
    /// The files read: the scenario, then each file it extends.
    public let inputFiles: [ScenarioInputFile]

    /// Reads and merges `file`; throws ``ScenarioError`` with every problem found.
    public init(_ file: URL, root: URL? = nil) throws(ScenarioError) {
        let loader = ScenarioLoader(root: root ?? file.deletingLastPathComponent())
        let (loaded, diagnostics, files) = loader.load(file)
        guard let loaded else { throw ScenarioError(diagnostics: diagnostics.errors) }
        document = loaded
        inputFiles = files
        self.file = loader.displayPath(file.standardizedFileURL)
    }

    /// The scenario with `overrides` applied to the merged document first.
    public func scenario(overrides: [ScenarioOverride] = []) throws(ScenarioError) -> (scenario: Scenario, warnings: [Diagnostic]) {
        var document = self.document
        for override in overrides {
            switch ScenarioPath.apply(override, to: document) {
            case .success(let updated): document = updated
            case .failure(let error):
                throw ScenarioError(diagnostics: [Diagnostic(severity: .error, location: SourceLocation(file: file, line: nil), path: override.path, message: error.description)])
            }
        }
        let (scenario, diagnostics) = ScenarioDecoder(document: document, file: file).decode()
        guard let scenario else { throw ScenarioError(diagnostics: diagnostics.errors) }
        return (scenario, diagnostics.warnings)
    }

    /// The value at `path`, if it addresses a number.
    public func number(at path: String) -> Double? {
        ScenarioPath.value(at: path, in: document)
    }

    /// Every numeric path of the scenario (per-year fields given as one number also per year).
    public var numericPaths: [String] { ScenarioPath.numericPaths(in: document) }
}

extension Scenario {
    /// Loads, merges and validates a scenario file, with `overrides` applied to the merged
    /// document first. Throws ``ScenarioError`` with every problem.
    public static func load(_ file: URL, root: URL? = nil, overrides: [ScenarioOverride] = []) throws(ScenarioError) -> (scenario: Scenario, warnings: [Diagnostic]) {
        try ScenarioSource(file, root: root).scenario(overrides: overrides)
    }
}
