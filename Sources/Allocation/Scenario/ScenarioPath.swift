/// A number in a scenario document addressed with dots, e.g. `envelopes.2026`,
/// `staff.ceiling.2025`, `targets.2.1.weight`, `biennia.2024-2025.envelope`.
///
/// Keys may contain dots themselves (`2.1`): at each map the longest key that matches the next
/// components wins. A per-year field given as one number (`staff_ceiling: 150`) may be addressed
/// per year (`sectors.ITUR.staff_ceiling.2025`): it is expanded to one number per year first.
public struct ScenarioOverride: Sendable, Hashable {
    public var path: String
    public var value: Double

    public init(path: String, value: Double) {
        self.path = path
        self.value = value
    }
}

enum ScenarioPath {
    /// The document with `override` applied, or the reason it cannot be (unknown path, not a
    /// number) with the nearest valid paths.
    static func apply(_ override: ScenarioOverride, to document: SourceValue) -> Result<SourceValue, PathError> {
        let components = override.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !components.isEmpty, !components.contains("") else { return .failure(PathError(path: override.path, nearest: nearest(override.path, in: document))) }
        let years = yearsOf(document)
        guard let updated = set(components[...], in: document, value: override.value, years: years) else {
            return .failure(PathError(path: override.path, nearest: nearest(override.path, in: document)))
        }
        return .success(updated)
    }

    private static func set(_ components: ArraySlice<String>, in node: SourceValue, value: Double, years: [Int]) -> SourceValue? {
        if components.isEmpty {
            guard case .scalar(let text, false, let location) = node, Double(text) != nil else { return nil }
            return .scalar(JSONNumber.text(value), quoted: false, location)
        }
        switch node {
        case .map(var entries, let location):
            for length in stride(from: components.count, through: 1, by: -1) {
                let key = components.prefix(length).joined(separator: ".")
                guard let index = entries.firstIndex(where: { $0.key == key }) else { continue }
                guard let child = set(components.dropFirst(length), in: entries[index].value, value: value, years: years) else { return nil }
                entries[index].value = child
                return .map(entries, location)
            }
            return nil
        case .scalar(let text, false, let location):
            // One number standing for every year, addressed for one year.
            guard components.count == 1, let year = Int(components.first!), years.contains(year), Double(text) != nil else { return nil }
            let perYear = years.map { (key: String($0), keyLocation: location, value: SourceValue.scalar($0 == year ? JSONNumber.text(value) : text, quoted: false, location)) }
            return .map(perYear, location)
        default:
            return nil
        }
    }

    /// The number at `path`, following the same rules as ``apply(_:to:)``.
    static func value(at path: String, in document: SourceValue) -> Double? {
        let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func find(_ components: ArraySlice<String>, _ node: SourceValue) -> Double? {
            if components.isEmpty {
                guard case .scalar(let text, false, _) = node else { return nil }
                return Double(text)
            }
            switch node {
            case .map(let entries, _):
                for length in stride(from: components.count, through: 1, by: -1) {
                    let key = components.prefix(length).joined(separator: ".")
                    if let entry = entries.first(where: { $0.key == key }) { return find(components.dropFirst(length), entry.value) }
                }
                return nil
            case .scalar(let text, false, _):
                guard components.count == 1, let year = Int(components.first!), yearsOf(document).contains(year) else { return nil }
                return Double(text)
            default:
                return nil
            }
        }
        return find(components[...], document)
    }

    /// Every numeric path of the document, per-year fields given as one number expanded.
    static func numericPaths(in document: SourceValue) -> [String] {
        let years = yearsOf(document)
        var paths: [String] = []
        func walk(_ node: SourceValue, _ prefix: String) {
            switch node {
            case .map(let entries, _):
                for entry in entries where entry.key != "extends" {
                    walk(entry.value, prefix.isEmpty ? entry.key : "\(prefix).\(entry.key)")
                }
            case .scalar(let text, false, _):
                guard Double(text) != nil, !prefix.hasPrefix("years") else { return }
                paths.append(prefix)
                if ["staff_ceiling", "min_amount", "max_amount", "standard_cost", "ceiling"].contains(prefix.split(separator: ".").last.map(String.init) ?? "") {
                    paths += years.map { "\(prefix).\($0)" }
                }
            default:
                return
            }
        }
        walk(document, "")
        return paths
    }

    /// Up to three valid paths closest to `path` (edit distance), for error messages.
    static func nearest(_ path: String, in document: SourceValue) -> [String] {
        numericPaths(in: document)
            .map { ($0, distance($0, path)) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(3).map(\.0)
    }

    private static func yearsOf(_ document: SourceValue) -> [Int] {
        guard case .list(let items, _)? = document["years"] else { return [] }
        return items.compactMap { if case .scalar(let text, _, _) = $0 { Int(text) } else { nil } }
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// An override path that does not address a number of the scenario.
public struct PathError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var nearest: [String]

    public var description: String {
        "'\(path)' does not address a number in the scenario" + (nearest.isEmpty ? "" : "; nearest valid paths: \(nearest.joined(separator: ", "))")
    }
}

/// Numbers written back into a document: the shortest text that reads back the same.
enum JSONNumber {
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
