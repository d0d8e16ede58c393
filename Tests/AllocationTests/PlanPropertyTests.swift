import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import Testing
@testable import Allocation

/// Seeded random scenarios: every plan respects every limit, segments fill in order, and the
/// plan responds to weights and envelopes in the direction economics says. A failure names its seed.
@Suite("Plan properties on random scenarios")
struct PlanPropertyTests {
    static let seeds = Array(UInt64(1)...60)

    static func scenario(seed: UInt64) throws -> Scenario {
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("random.yaml")
        try RandomScenarios.yaml(seed: seed).write(to: file, atomically: true, encoding: .utf8)
        return try Scenario.load(file).scenario
    }

    private func within(_ value: Double, atMost limit: Double) -> Bool {
        value <= limit + 1e-6 * max(1, abs(limit))
    }

    @Test func mostRandomScenariosAreFeasible() throws {
        let statuses = try Self.seeds.map { try ScenarioDriver.solve(Self.scenario(seed: $0), with: GLPKSolver()).plan.termination }
        #expect(statuses.filter { $0 == .optimal }.count >= 45, "\(statuses.map(\.status))")
        #expect(statuses.allSatisfy { $0 == .optimal || $0 == .infeasible })
    }

    @Test(arguments: seeds)
    func everyPlanRespectsEveryLimit(seed: UInt64) throws {
        let scenario = try Self.scenario(seed: seed)
        let solved = try ScenarioDriver.solve(scenario, with: GLPKSolver())
        let (program, plan, solution) = (solved.compiled, solved.plan, solved.solution)
        guard plan.termination == .optimal else { return }
        for year in scenario.years {
            let spent = plan.lines.filter { $0.year == year }
            let total = spent.reduce(0) { $0 + $1.cost }
            #expect(within(total, atMost: scenario.envelopes[year]!), "seed \(seed): envelope \(year)")
            #expect(within(spent.reduce(0) { $0 + $1.totalStaff }, atMost: scenario.staff.ceiling[year]!), "seed \(seed): staff \(year)")
            for sector in scenario.sectors {
                let part = spent.filter { $0.sector == sector.id }
                let cost = part.reduce(0) { $0 + $1.cost }
                if let share = sector.limits.minShare { #expect(within(share * total, atMost: cost), "seed \(seed): \(sector.id) floor") }
                if let share = sector.limits.maxShare { #expect(within(cost, atMost: share * total), "seed \(seed): \(sector.id) ceiling") }
                if let ceiling = sector.staffCeiling[year] {
                    #expect(within(part.reduce(0) { $0 + $1.totalStaff }, atMost: ceiling), "seed \(seed): \(sector.id) staff")
                }
            }
            for priority in scenario.priorities {
                let cost = spent.filter { $0.priority == priority.id }.reduce(0) { $0 + $1.cost }
                if let share = priority.limits.minShare { #expect(within(share * total, atMost: cost), "seed \(seed): \(priority.id) floor") }
                if let share = priority.limits.maxShare { #expect(within(cost, atMost: share * total), "seed \(seed): \(priority.id) ceiling") }
            }
        }
        for line in plan.lines {
            let offering = scenario.offering(line.offering)!
            #expect(abs(line.cost - line.budget - line.staffCost) <= 1e-6 * max(1, line.cost), "seed \(seed): cost identity")
            #expect(within(offering.staffCostShare.lowerBound * line.cost, atMost: line.staffCost), "seed \(seed): mix floor")
            #expect(within(line.staffCost, atMost: offering.staffCostShare.upperBound * line.cost), "seed \(seed): mix ceiling")
            #expect(line.budget >= -1e-9 && line.staff.values.allSatisfy { $0 >= -1e-9 }, "seed \(seed): signs")
            for category in scenario.staff.categories {
                let fte = line.staff[category.id] ?? 0
                if let share = category.minShare { #expect(within(share * line.totalStaff, atMost: fte), "seed \(seed): grade floor") }
                if let share = category.maxShare { #expect(within(fte, atMost: share * line.totalStaff), "seed \(seed): grade ceiling") }
            }
        }
        // Year-on-year change limits on discretionary spending, and staff mobility.
        for (previous, year) in zip(scenario.years, scenario.years.dropFirst()) {
            func discretionary(_ include: (PlanLine) -> Bool, _ year: Int) -> Double {
                plan.lines.filter { include($0) && $0.year == year }.reduce(0) { $0 + $1.cost - $1.committed }
            }
            for sector in scenario.sectors {
                let before = discretionary({ $0.sector == sector.id }, previous), now = discretionary({ $0.sector == sector.id }, year)
                if let limit = scenario.changeLimits.sector {
                    #expect(within(now, atMost: (1 + limit) * before) && within((1 - limit) * before, atMost: now), "seed \(seed): \(sector.id) change \(year)")
                }
                if let mobility = scenario.staff.mobility {
                    let staffBefore = plan.lines.filter { $0.sector == sector.id && $0.year == previous }.reduce(0) { $0 + $1.totalStaff }
                    let staffNow = plan.lines.filter { $0.sector == sector.id && $0.year == year }.reduce(0) { $0 + $1.totalStaff }
                    #expect(within(abs(staffNow - staffBefore), atMost: mobility), "seed \(seed): \(sector.id) mobility \(year)")
                }
            }
            if let limit = scenario.changeLimits.priority {
                for priority in scenario.priorities {
                    let before = discretionary({ $0.priority == priority.id }, previous), now = discretionary({ $0.priority == priority.id }, year)
                    #expect(within(now, atMost: (1 + limit) * before) && within((1 - limit) * before, atMost: now), "seed \(seed): \(priority.id) change \(year)")
                }
            }
        }
        for commitment in scenario.fixedCommitments {
            let line = plan.lines.first { $0.sector == commitment.sector && $0.line == commitment.line && $0.offering == commitment.offering && $0.year == commitment.year }!
            #expect(within(commitment.amount, atMost: line.cost), "seed \(seed): commitment")
        }
        // Segments fill in order wherever the activity is worth something to the objective: on a
        // target the plan has not yet closed (past its gap, impact earns nothing).
        let open = Set(plan.targets.filter { !$0.isReached }.map(\.id))
        for activity in scenario.activities {
            let worth = scenario.targets.filter { open.contains($0.id) }.reduce(0) { $0 + $1.weight / $1.scale * (activity.impactPerThousand[$1.id] ?? 0) }
            guard worth > 0 else { continue }
            for year in scenario.years {
                let key = ActivityYear(sector: activity.sector, line: activity.line, offering: activity.offering, year: year)
                let segments = program.activities[key]!.segments
                for (index, segment) in segments.enumerated().dropLast() where solution.value(of: segments[index + 1]) > 1e-7 {
                    let width = program.model.variables[segment.index].upperBound
                    #expect(solution.value(of: segment) >= width - 1e-6 * max(1, width), "seed \(seed): segment \(index + 1) of \(key) not full")
                }
            }
        }
    }

    @Test(arguments: seeds)
    func raisingATargetsWeightNeverLowersItsImpact(seed: UInt64) throws {
        let scenario = try Self.scenario(seed: seed)
        let base = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        guard base.termination == .optimal else { return }
        for (index, target) in scenario.targets.enumerated() {
            var heavier = scenario
            heavier.targets[index].weight = target.weight * 2 + 0.5
            let plan = try ScenarioDriver.solve(heavier, with: GLPKSolver()).plan
            // Counted impact: past the gap, more impact earns nothing, and the LP may leave less.
            let before = min(base.targets[index].impact, target.scale)
            let after = min(plan.targets[index].impact, target.scale)
            #expect(after >= before - 1e-6 * max(1, before), "seed \(seed): \(target.id) impact fell from \(before) to \(after)")
        }
    }

    @Test(arguments: seeds)
    func maximinNeverHasAWorseWorstAttainment(seed: UInt64) throws {
        var scenario = try Self.scenario(seed: seed)
        let weighted = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        guard weighted.termination == .optimal else { return }
        scenario.objective = .maximin
        let maximin = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        // Counted attainment: past 100 % a target is as good as closed for either objective.
        let worst = { (plan: AllocationPlan) in plan.targets.filter { $0.weight > 0 }.map(\.countedAttainment).min() ?? 0 }
        #expect(maximin.termination == .optimal, "seed \(seed)")
        #expect(worst(maximin) >= worst(weighted) - 1e-6 * max(1, worst(weighted)), "seed \(seed): maximin \(worst(maximin)), weighted \(worst(weighted))")
    }

    @Test(arguments: seeds)
    func raisingAnEnvelopeNeverLowersTheObjective(seed: UInt64) throws {
        let scenario = try Self.scenario(seed: seed)
        let base = try ScenarioDriver.solve(scenario, with: GLPKSolver()).plan
        guard base.termination == .optimal, let objective = base.objective else { return }
        for year in scenario.years {
            var richer = scenario
            richer.envelopes[year]! *= 1.1
            let raised = try #require(try ScenarioDriver.solve(richer, with: GLPKSolver()).plan.objective, "seed \(seed)")
            #expect(raised >= objective - 1e-9 * max(1, objective), "seed \(seed): envelope \(year) raised, objective fell")
        }
    }
}
