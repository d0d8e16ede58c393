import Foundation

/// Reads a scenario file, follows `extends` and deep-merges the chain (maps merged key by key,
/// lists and scalars replaced), confined to a scenarios root folder.
public struct ScenarioLoader: Sendable {
    /// Files named by `extends` must lie inside this folder.
    public var root: URL

    public init(root: URL) {
        // The real folder: a root reached through a symbolic link is compared as what it is.
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The merged document of `file`, or the diagnostics that stop it; with every file read
    /// (the scenario first, then the files it extends), as they were read.
    public func load(_ file: URL) -> (document: SourceValue?, diagnostics: Diagnostics, files: [ScenarioInputFile]) {
        var diagnostics = Diagnostics()
        var files: [ScenarioInputFile] = []
        let document = load(file.standardizedFileURL.resolvingSymlinksInPath(), chain: [], diagnostics: &diagnostics, files: &files)
        return (diagnostics.hasErrors ? nil : document, diagnostics, files)
    }

    private func load(_ file: URL, chain: [URL], diagnostics: inout Diagnostics, files: inout [ScenarioInputFile]) -> SourceValue? {
        let shown = displayPath(file)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            diagnostics.error(SourceLocation(file: shown, line: nil), "", "cannot read the file (missing or not readable)")
            return nil
        }
        files.append(ScenarioInputFile(path: shown, contents: data))
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.error(SourceLocation(file: shown, line: nil), "", "the file is not UTF-8 text")
            return nil
        }
        guard let document = SourceParser.parse(text, file: shown, diagnostics: &diagnostics) else { return nil }
        guard case .map = document else {
            diagnostics.error(document.location, "", "a scenario must be a map of fields, found \(document.kindName)")
            return nil
        }
        guard let extends = document["extends"] else { return document }
        guard case .scalar(let relative, _, let location) = extends, !extends.isNull else {
            diagnostics.error(extends.location, "extends", "must be the path of another scenario file, found \(extends.kindName)")
            return nil
        }
        let named = relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : file.deletingLastPathComponent().appendingPathComponent(relative)
        // Where the file really is: a symbolic link inside the root may point anywhere, and
        // what it points to must be inside the root too (its content is never read otherwise).
        let base = named.standardizedFileURL.resolvingSymlinksInPath()
        guard isInsideRoot(base) else {
            diagnostics.error(location, "extends", "'\(relative)' is outside the scenarios root \(root.path) (a scenario extends only files inside it; set it with --root, default: the folder of the scenario given)")
            return nil
        }
        if base == file || chain.contains(base) {
            let cycle = (chain + [file, base]).map(displayPath).joined(separator: " -> ")
            diagnostics.error(location, "extends", "extends itself in a cycle: \(cycle)")
            return nil
        }
        guard FileManager.default.fileExists(atPath: base.path) else {
            diagnostics.error(location, "extends", "'\(relative)' does not exist (looked for \(shownInMessage(base)))")
            return nil
        }
        guard let parent = load(base, chain: chain + [file], diagnostics: &diagnostics, files: &files) else { return nil }
        return parent.merged(with: document.removing(key: "extends"))
    }

    private func isInsideRoot(_ url: URL) -> Bool {
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(rootPath)
    }

    /// Paths relative to the root keep messages free of machine-specific folders; with the
    /// file system's root as the scenarios root, a path is shown whole ("/work/a.yaml", not
    /// "work/a.yaml", which reads as relative to where the command ran).
    func displayPath(_ url: URL) -> String {
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(rootPath) && rootPath != "/" ? String(url.path.dropFirst(rootPath.count)) : url.path
    }

    /// A path in a message about a file that is not there: relative to the root, said so.
    private func shownInMessage(_ url: URL) -> String {
        let shown = displayPath(url)
        return shown.hasPrefix("/") ? shown : "\(shown) in the scenarios root \(root.path)"
    }
}

/// A file a scenario was read from: what a result depends on, byte for byte.
public struct ScenarioInputFile: Sendable, Hashable {
    /// As messages show it (relative to the scenarios root).
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }
}
