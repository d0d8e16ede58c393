extension ScenarioDecoder {
    func decodeGoals() -> [Goal] {
        guard let section = document["goals"], let entries = reader.map(section, "goals", fallback: top) else { return [] }
        return entries.compactMap { id, item in
            guard reader.map(item, "goals.\(id)", allowed: ["name"], required: ["name"], fallback: item.location) != nil else { return nil }
            return Goal(id: id, name: item["name"].flatMap { reader.string($0, "goals.\(id).name") } ?? id)
        }
    }

    func decodeTargets(goals: [Goal]) -> [Target] {
        guard let section = document["targets"], let entries = reader.map(section, "targets", fallback: top) else { return [] }
        let fields = ["goal", "name", "indicator", "direction", "baseline", "target_value", "target_year", "target_2030", "scale", "weight", "illustrative", "source", "floor"]
        return entries.compactMap { id, item in
            let path = "targets.\(id)"
            guard reader.identifier(id, path, at: item.location, dots: true),
                  reader.map(item, path, allowed: fields, required: ["goal", "name", "direction", "scale", "weight"], fallback: item.location) != nil
            else { return nil }
            let goal = item["goal"].flatMap { reader.string($0, "\(path).goal") } ?? ""
            if item["goal"] != nil, !goals.contains(where: { $0.id == goal }) {
                reader.error(item["goal"], "\(path).goal", "unknown goal '\(goal)'; goals are \(goals.map(\.id).joined(separator: ", "))", fallback: top)
            }
            let scale = item["scale"].flatMap { reader.number($0, "\(path).scale", in: SafeRange.scale, what: "a number of impact points > 0") }
            let weight = item["weight"].flatMap { reader.number($0, "\(path).weight", in: SafeRange.weight) }
            let direction = item["direction"].flatMap { reader.oneOf($0, "\(path).direction", ["higher", "lower"]) }
            let goalValue = decodeTargetValue(item, path)
            // A target with a bad field is kept (with neutral values) so that references to it
            // do not add follow-on errors; the scenario is rejected for the field anyway.
            return Target(
                id: id, goal: goal, name: item["name"].flatMap { reader.string($0, "\(path).name") } ?? id,
                indicator: item["indicator"].flatMap { reader.string($0, "\(path).indicator") } ?? "",
                direction: direction.flatMap(TargetDirection.init) ?? .higher,
                baseline: item["baseline"].flatMap { reader.number($0, "\(path).baseline", in: -1e12...1e12, what: "a number") },
                targetValue: goalValue.value, targetYear: goalValue.year,
                scale: scale ?? 1, weight: weight ?? 0,
                illustrative: item["illustrative"].flatMap { reader.bool($0, "\(path).illustrative") } ?? false,
                source: item["source"].flatMap { reader.string($0, "\(path).source") } ?? "",
                floor: item["floor"].flatMap { decodeFloor($0, "\(path).floor") })
        }
    }

    /// `target_value` with `target_year` (or the organisation's), or the older spelling
    /// `target_2030`: the value for 2030.
    private func decodeTargetValue(_ item: SourceValue, _ path: String) -> (value: Double?, year: Int?) {
        let year = item["target_year"].flatMap { targetYear($0, "\(path).target_year") }
        let value = item["target_value"].flatMap { reader.number($0, "\(path).target_value", in: -1e12...1e12, what: "a number") }
        guard let legacy = item["target_2030"] else { return (value, year) }
        if item["target_value"] != nil || item["target_year"] != nil {
            reader.error(legacy, "\(path).target_2030", "is given with target_value or target_year; target_2030 is the same as target_value with target_year 2030, so give one or the other", fallback: top)
            return (value, year)
        }
        return (reader.number(legacy, "\(path).target_2030", in: -1e12...1e12, what: "a number"), 2030)
    }

    private func decodeFloor(_ value: SourceValue, _ path: String) -> TargetFloor? {
        guard reader.map(value, path, allowed: ["attainment", "penalty"], required: ["attainment", "penalty"], fallback: value.location) != nil,
              let attainment = value["attainment"].flatMap({ reader.number($0, "\(path).attainment", in: 0...1, what: "an attainment between 0 and 1 (1 closes the gap; impact past it does not count)") }),
              let penalty = value["penalty"].flatMap({ reader.number($0, "\(path).penalty", in: SafeRange.weight, what: "a penalty >= 0 per unit of attainment short") })
        else { return nil }
        return TargetFloor(attainment: attainment, penalty: penalty)
    }

    func decodeCurve() -> [CurveSegment] {
        guard let value = document["impact_curve"], let items = reader.list(value, "impact_curve") else { return [] }
        var segments: [CurveSegment] = []
        for (index, item) in items.enumerated() {
            let path = "impact_curve[\(index)]"
            guard reader.map(item, path, allowed: ["up_to", "factor"], required: ["factor"], fallback: item.location) != nil,
                  let factor = item["factor"].flatMap({ reader.number($0, "\(path).factor", in: 1e-6...SafeRange.factor.upperBound, what: "a factor > 0") })
            else { continue }
            let upTo = item["up_to"].flatMap { reader.number($0, "\(path).up_to", in: 1e-9...SafeRange.money.upperBound, what: "an amount in \(money.unitName) > 0") }
            if let previous = segments.last {
                if previous.upTo == nil {
                    reader.error(item, path, "follows a segment without up_to; only the last segment may omit it", fallback: top)
                } else if let upTo, let before = previous.upTo, upTo <= before {
                    reader.error(item["up_to"], "\(path).up_to", "must be above the previous segment's up_to \(before)", fallback: top)
                }
                if factor > previous.factor {
                    reader.error(item["factor"], "\(path).factor", "\(factor) is above the previous segment's \(previous.factor): the curve must be concave (factors not increasing)", fallback: top)
                }
            }
            segments.append(CurveSegment(upTo: upTo, factor: factor))
        }
        if segments.isEmpty { reader.error(value, "impact_curve", "must have at least one segment", fallback: top) }
        return segments
    }
}
