/// The rules a variable or constraint name must follow so that GLPK's CPLEX LP writer
/// keeps it unchanged and its reader reads it back as the same name.
///
/// GLPK's writer replaces any name that breaks these rules with a generated one (`r_1`,
/// `x_1`), which would break the link between a model file and the plan it came from.
public enum NameRules {
    /// GLPK stores at most 255 bytes per name and aborts on longer ones.
    public static let maximumByteCount = 255

    /// Besides ASCII letters and digits, the characters the CPLEX LP format allows.
    public static let punctuation: Set<Character> = Set("!\"#$%&()/,.;?@_`'{}|~")

    /// GLPK's CPLEX LP writer names the slack of ranged row i `~r_i`; the prefix is reserved so
    /// that a model read back folds those slacks into ranged rows without ambiguity.
    public static let rangeSlackPrefix = "~r_"

    /// No name longer than this can be a keyword (spares lowercasing every long name).
    private static let longestKeyword = keywords.map(\.utf8.count).max() ?? 0

    /// Words the CPLEX LP reader treats as keywords where a name could stand.
    static let keywords: Set<String> = [
        "minimize", "minimum", "min", "maximize", "maximum", "max",
        "subject", "such", "st", "s.t.", "st.", "bounds", "bound", "general", "generals", "gen",
        "integer", "integers", "int", "binary", "binaries", "bin", "end", "free", "inf", "infinity",
    ]

    /// Why `name` is not usable, or nil when it is.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.utf8.count > maximumByteCount {
            return "is \(name.utf8.count) bytes long; at most \(maximumByteCount) are allowed"
        }
        if let first = name.first, first.isASCII && first.isNumber || first == "." || first == "$" {
            return "starts with '\(first)'; a name may not start with a digit, a period or '$' (a comment in MPS files)"
        }
        // Names are checked by the thousand: bytes first, characters only to name the culprit.
        if !name.utf8.allSatisfy({ allowedBytes[Int($0)] }), let bad = name.first(where: { !isAllowed($0) }) {
            return "contains '\(bad)'; only ASCII letters, digits and !\"#$%&()/,.;?@_`'{}|~ are allowed"
        }
        if name.hasPrefix(rangeSlackPrefix) {
            return "starts with '\(rangeSlackPrefix)', which GLPK reserves for the slacks of ranged rows"
        }
        if name.utf8.count <= longestKeyword, keywords.contains(name.lowercased()) {
            return "is a keyword of the CPLEX LP format"
        }
        return nil
    }

    private static let allowedBytes: [Bool] = (0..<256).map { byte in
        byte < 128 && isAllowed(Character(Unicode.Scalar(UInt8(byte))))
    }

    static func isAllowed(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || punctuation.contains(character)
    }
}
