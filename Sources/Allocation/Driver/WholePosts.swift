import LinearModel

/// A first integer plan for whole posts: the LP's staff rounded line by line — each line's total
/// to the nearest whole FTE, then lowered where a staff ceiling would be exceeded, split to keep
/// the grade shares — and the budgets re-optimised by an LP with that staff fixed. When that LP
/// has no solution, every total is rounded down instead.
enum WholePosts {
    static func startingPlan(_ program: CompiledScenario, with solver: some LPSolver) throws(SolverError) -> [Double]? {
        var relaxed = program.model
        for index in relaxed.variables.indices where relaxed.variables[index].kind != .continuous {
            relaxed.setKind(of: Variable(index: index), to: .continuous)
        }
        let relaxation = try solver.solve(relaxed, options: SolveOptions())
        guard relaxation.termination == .optimal else { return nil }
        let exact = Dictionary(uniqueKeysWithValues: program.activityOrder.map { key in
            (key, program.activities[key]!.staff.map { relaxation.value(of: $0) })
        })
        for nearest in [true, false] {
            // Rounding down frees staff; rounding to the nearest keeps more of the LP's plan.
            let totals = wholeTotals(program, exact: exact, nearest: nearest)
            var repair = relaxed
            for key in program.activityOrder {
                let columns = program.activities[key]!.staff
                let split = split(totals[key]!, exact[key]!, program.scenario.staff.categories)
                for (column, value) in zip(columns, split) { repair.setBounds(of: column, lower: value, upper: value) }
            }
            let repaired = try solver.solve(repair, options: SolveOptions())
            if repaired.termination == .optimal { return repaired.variables.map(\.value) }
        }
        return nil
    }

    /// Whole FTE per line: nearest (or down), then, group by group (a sector's year, the
    /// whole year), one FTE less on the lines rounded up the most until the ceiling holds.
    private static func wholeTotals(_ program: CompiledScenario, exact: [ActivityYear: [Double]], nearest: Bool) -> [ActivityYear: Double] {
        let scenario = program.scenario
        // A fixed commitment needs its staff share in full: its lines round up and are not lowered.
        let committed = Set(scenario.fixedCommitments.map(\.key))
        var totals = Dictionary(uniqueKeysWithValues: exact.map { key, staff in
            let sum = staff.reduce(0, +)
            return (key, committed.contains(key) ? (sum - 1e-9).rounded(.up) : nearest ? sum.rounded() : (sum + 1e-9).rounded(.down))
        })
        func enforce(_ ceiling: Double?, _ members: [ActivityYear]) {
            guard let ceiling else { return }
            var sum = members.reduce(0) { $0 + totals[$1]! }
            let byExcess = members.sorted { (totals[$0]! - exact[$0]!.reduce(0, +), $0.sector + $0.line + $0.offering) > (totals[$1]! - exact[$1]!.reduce(0, +), $1.sector + $1.line + $1.offering) }
            for key in byExcess where sum > ceiling + 1e-9 && totals[key]! >= 1 && !committed.contains(key) {
                totals[key]! -= 1
                sum -= 1
            }
        }
        for year in scenario.years {
            for sector in scenario.sectors {
                enforce(sector.staffCeiling[year], program.activityOrder.filter { $0.sector == sector.id && $0.year == year })
            }
            enforce(scenario.staff.ceiling[year], program.activityOrder.filter { $0.year == year })
            // Posts left under the ceilings go back, one each, to the lines rounded down the most.
            var yearRoom = (scenario.staff.ceiling[year] ?? .infinity) - program.activityOrder.filter { $0.year == year }.reduce(0) { $0 + totals[$1]! }
            let short = program.activityOrder.filter { $0.year == year && exact[$0]!.reduce(0, +) - totals[$0]! > 0.05 }
                .sorted { (exact[$0]!.reduce(0, +) - totals[$0]!, $0.sector + $0.line + $0.offering) > (exact[$1]!.reduce(0, +) - totals[$1]!, $1.sector + $1.line + $1.offering) }
            for key in short where yearRoom >= 1 {
                let sector = scenario.sector(key.sector)!
                let sectorUsed = program.activityOrder.filter { $0.sector == key.sector && $0.year == year }.reduce(0) { $0 + totals[$1]! }
                guard sectorUsed + 1 <= (sector.staffCeiling[year] ?? .infinity) + 1e-9 else { continue }
                totals[key]! += 1
                yearRoom -= 1
            }
        }
        return totals
    }

    /// A whole total split over the categories: the first category as close to the LP's as its
    /// share limits allow, the others in proportion; one FTE less when no split fits.
    static func split(_ total: Double, _ staff: [Double], _ categories: [StaffCategory]) -> [Double] {
        var total = total
        while total > 0 {
            if let split = trySplit(total, staff, categories) { return split }
            total -= 1
        }
        return staff.map { _ in 0 }
    }

    private static func trySplit(_ total: Double, _ staff: [Double], _ categories: [StaffCategory]) -> [Double]? {
        guard let first = categories.first else { return [] }
        let low = ((first.minShare ?? 0) * total - 1e-9).rounded(.up)
        let high = ((first.maxShare ?? 1) * total + 1e-9).rounded(.down)
        guard low <= high else { return nil }
        let head = min(max(staff[0].rounded(), low), high)
        var result = [head]
        var rest = total - head
        let others = staff.dropFirst().reduce(0, +)
        for (index, value) in staff.enumerated().dropFirst() {
            let share = index == staff.count - 1 ? rest : (others > 0 ? ((total - head) * value / others).rounded(.down) : 0)
            result.append(share)
            rest -= share
        }
        // Categories after the first with limits of their own must hold too.
        for (value, category) in zip(result, categories).dropFirst() {
            if let minimum = category.minShare, value < minimum * total - 1e-9 { return nil }
            if let maximum = category.maxShare, value > maximum * total + 1e-9 { return nil }
        }
        return result
    }
}

