/// A termination in JSON as its `status`, with the gap, the limit or the reason where it has
/// one: how shard files carry each solve's outcome to the merge.
extension Termination: Codable {
    private enum CodingKeys: String, CodingKey { case status, relativeGap, limit, reason }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        switch self {
        case .feasible(let gap): try container.encode(gap, forKey: .relativeGap)
        case .limitReached(let limit): try container.encode(limit, forKey: .limit)
        case .numericalFailure(let reason): try container.encode(reason, forKey: .reason)
        default: break
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .status) {
        case "optimal": self = .optimal
        case "feasible": self = .feasible(relativeGap: try container.decode(Double.self, forKey: .relativeGap))
        case "infeasible": self = .infeasible
        case "unbounded": self = .unbounded
        case "infeasible_or_unbounded": self = .infeasibleOrUnbounded
        case "limit": self = .limitReached(try container.decode(SolveLimit.self, forKey: .limit))
        case "numerical_failure": self = .numericalFailure(try container.decode(String.self, forKey: .reason))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .status, in: container, debugDescription: "unknown status '\(other)'")
        }
    }
}
