import Foundation
import LinearModel
import LPConformance

/// Seeded random scenarios in the shipped file format: small organisations with every kind of
/// constraint the model has, so properties can be checked on many shapes.
enum RandomScenarios {
    static func yaml(seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        func pick(_ range: ClosedRange<Double>) -> Double { (Double.random(in: range, using: &random) * 1000).rounded() / 1000 }
        func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        let years = Array(2025..<(2025 + int(2...3)))
        let sectors = (1...int(2...3)).map { "S\($0)" }
        let priorities = (1...int(2...3)).map { "P\($0)" }
        let offerings = (1...int(2...3)).map { "O\($0)" }
        let targets = (1...int(2...4)).map { "T\($0)" }
        var lines = ["name: random \(seed)", "years: [\(years.map(String.init).joined(separator: ", "))]"]
        let envelope = Double(int(500...1500))
        lines.append("envelopes: {\(years.map { "\($0): \(envelope + Double(int(-50...50)))" }.joined(separator: ", "))}")
        lines.append("goals: {G: {name: Goal}}")
        lines.append("targets:")
        for target in targets {
            lines.append("  \(target): {goal: G, name: \(target), direction: higher, scale: \(pick(5...50)), weight: \(pick(0.2...3))}")
        }
        lines.append("sectors:")
        for sector in sectors {
            var fields = ["name: \(sector)"]
            if int(0...2) == 0 { fields.append("min_share: \(pick(0.05...0.25))") }
            if int(0...2) == 0 { fields.append("max_share: \(pick(0.6...0.9))") }
            if int(0...3) == 0 { fields.append("staff_ceiling: \(pick(1...4))") }
            lines.append("  \(sector): {\(fields.joined(separator: ", "))}")
        }
        lines.append("priorities:")
        for priority in priorities {
            let effects = targets.filter { _ in int(0...2) > 0 }.map { "\($0): \(pick(100...2000))" }
            var fields = ["name: \(priority)", "impact_per_chf_million: {\(effects.joined(separator: ", "))}"]
            if int(0...3) == 0 { fields.append("min_share: \(pick(0.05...0.2))") }
            if int(0...3) == 0 { fields.append("max_share: \(pick(0.5...0.8))") }
            lines.append("  \(priority): {\(fields.joined(separator: ", "))}")
        }
        lines.append("offerings:")
        for offering in offerings {
            let low = pick(0...0.5)
            lines.append("  \(offering): {name: \(offering), staff_cost_share: {min: \(low), max: \(min(1, low + pick(0.2...0.5)))}, impact_factor: \(pick(0.5...1.5))}")
        }
        let standardCost = pick(50...150)
        lines.append("staff:")
        lines.append("  categories:")
        lines.append("    P: {name: Professional, standard_cost: \(standardCost), min_share: \(pick(0.3...0.5)), max_share: \(pick(0.6...0.9))}")
        lines.append("    G: {name: General, standard_cost: \((standardCost * 0.6).rounded())}")
        lines.append("  ceiling: \(pick(3...12))")
        if int(0...1) == 1 { lines.append("  mobility: \(pick(0.5...3))") }
        if int(0...1) == 1 { lines.append("change_limits: {sector: \(pick(0.2...0.6)), priority: \(pick(0.2...0.6))}") }
        lines.append("mandate:")
        var cells: [(String, String, String)] = []
        for sector in sectors {
            var byPriority: [String: [String]] = [:]
            for priority in priorities {
                let chosen = offerings.filter { _ in int(0...1) == 1 }
                if !chosen.isEmpty { byPriority[priority] = chosen }
            }
            if byPriority.isEmpty { byPriority[priorities[0]] = [offerings[0]] }
            let entries = priorities.compactMap { priority in byPriority[priority].map { "\(priority): [\($0.joined(separator: ", "))]" } }
            lines.append("  \(sector): {\(entries.joined(separator: ", "))}")
            for priority in priorities { for offering in byPriority[priority] ?? [] { cells.append((sector, priority, offering)) } }
        }
        if int(0...1) == 1, let cell = cells.randomElement(using: &random) {
            lines.append("fixed_commitments:")
            lines.append("  C1: {sector: \(cell.0), priority: \(cell.1), offering: \(cell.2), year: \(years.last!), amount: \(pick(10...80))}")
        }
        lines.append("impact_curve:")
        lines.append("  - {up_to: \(pick(30...80)), factor: 1}")
        lines.append("  - {up_to: \(pick(120...250)), factor: \(pick(0.3...0.7))}")
        lines.append("  - {factor: \(pick(0.05...0.25))}")
        return lines.joined(separator: "\n") + "\n"
    }
}
