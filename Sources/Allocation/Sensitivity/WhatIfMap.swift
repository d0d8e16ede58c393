import Foundation
import LinearModel

/// A limit the what-if page moves: its path, words and range, in the scenario's units.
public struct WhatIfLimit: Sendable, Hashable {
    public var path: String
    public var label: String
    /// "CHF thousands", "FTE" (FTE-years for the staff ceilings' total).
    public var unitName: String
    public var base: Double
    public var from: Double
    public var to: Double
}

/// One figure of the page: affine in the plan's columns and the limits inside a region.
public struct WhatIfFigure: Sendable, Hashable {
    public enum Group: String, Sendable, Hashable, CaseIterable {
        case impact, unspent, sectorPriority, offering, staff, attainment, price
    }

    /// Stable id, used by the page and its tests: `impact`, `unspent`, `spend.SECTOR.PRIORITY`,
    /// `offering.ID`, `fte.SECTOR`, `attainment.TARGET`, `price.ROW-NAME`.
    public var id: String
    public var group: Group
    public var label: String
    public var unitName: String
    /// The value in the scenario as it is (`allot solve`'s).
    public var baseline: Double
}

/// One figure's formula over a piece of the map: its value with the limits at their values in
/// the scenario, and its change per unit of each limit. The numbers are rounded to 12
/// significant digits: the page holds exactly these, and the build checks exactly these.
public struct WhatIfFormula: Sendable, Hashable {
    public var atBase: Double
    public var perFirst: Double
    public var perSecond: Double

    public init(atBase: Double, perFirst: Double, perSecond: Double) {
        self.atBase = atBase
        self.perFirst = perFirst
        self.perSecond = perSecond
    }

    /// Twelve significant digits: far finer than the 1e-6 the page promises, and the digits
    /// the page prints.
    static func rounded(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let digitsAbove = Int(floor(log10(abs(value)))) - 11
        // Divide by a power of ten above 1, never multiply by one below (not exact in binary).
        if digitsAbove > 0 {
            let step = pow(10, Double(digitsAbove))
            return (value / step).rounded() * step
        }
        let scale = pow(10, Double(-digitsAbove))
        guard scale.isFinite else { return value }
        return (value * scale).rounded() / scale
    }
}

/// Where one set of formulas holds: a convex polygon of the limits' values (for one limit, an
/// interval: two points whose second coordinate means nothing).
public struct WhatIfRegion: Sendable {
    public var vertices: [ParameterPoint]
    /// Which formulas hold here: an index into the map's ``WhatIfMap/pieces``.
    public var piece: Int
    /// Which optimal basis of the weighted LP the region belongs to (numbered from 0).
    public var basis: Int
}

/// Where the limits leave no plan, and why (the infeasibility explanation of a point there).
public struct WhatIfGap: Sendable, Hashable {
    public var point: ParameterPoint
    public var explanation: String
}

/// The exact optimal plan of a scenario over one or two limits, region by region: what the
/// what-if page interpolates. Every region was checked at its centroid against a full solve of
/// the scenario with the limits set there.
public struct WhatIfMap: Sendable {
    public var scenarioName: String
    public var organisation: Organisation
    public var limits: [WhatIfLimit]
    public var figures: [WhatIfFigure]
    public var regions: [WhatIfRegion]
    /// Each figure's distinct formulas. Regions of one optimal face, and the pieces of a
    /// figure that does not move where others do, share theirs: the page stores each once.
    public var formulas: [[WhatIfFormula]]
    /// For each piece of the plan, each figure's formula (an index into ``formulas``).
    public var pieces: [[Int]]
    /// Optimal bases of the weighted LP the regions come from.
    public var bases: Int
    public var gaps: [WhatIfGap]
    /// What the page cannot show, in words (whole posts).
    public var notes: [String]
    /// Region centroids re-solved by the scenario's own recipe, and the largest difference found
    /// (relative to max(1, |figure|)).
    public var checkedPoints: Int
    public var largestDifference: Double

    /// Figure `figure` at `point` (limit values) by the formula of `region`.
    public func value(_ figure: Int, in region: WhatIfRegion, at point: ParameterPoint) -> Double {
        let formula = formulas[figure][pieces[region.piece][figure]]
        let offsets = (point.first - limits[0].base, limits.count > 1 ? point.second - limits[1].base : 0)
        return formula.atBase + formula.perFirst * offsets.0 + formula.perSecond * offsets.1
    }

    /// The region holding `point` (limit values), nil where there is no plan.
    public func region(at point: ParameterPoint) -> WhatIfRegion? {
        let scale = limits.map { max(1, abs($0.from), abs($0.to)) }.max() ?? 1
        if limits.count == 1 {
            return regions.first { point.first >= $0.vertices[0].first - 1e-9 * scale && point.first <= $0.vertices[1].first + 1e-9 * scale }
        }
        return regions.lazy.map { ($0, ParameterPolygon(vertices: $0.vertices).depth(of: point)) }
            .filter { $0.1 >= -1e-9 * scale }.max { $0.1 < $1.1 }?.0
    }
}

/// Builds ``WhatIfMap``s: the scenario's LP mapped over the limits (multi-parametric LP, ties
/// settled as `allot solve` settles them), each region's plan turned into the page's figures.
public enum WhatIfMapBuilder {
    public struct Request: Sendable, Hashable {
        public var path: String
        public var from: Double
        public var to: Double
        /// `from` and `to` are percentages of the limit's value in the scenario (85 for 85 %).
        public var inPercent: Bool

        public init(path: String, from: Double, to: Double, inPercent: Bool = false) {
            self.path = path
            self.from = from
            self.to = to
            self.inPercent = inPercent
        }
    }

    /// Regions the page may hold (after the regions others cover are dropped): the ITU's
    /// money × staff page holds 6,185 in 3.6 MB.
    public static let defaultMaximumRegions = 8000
    /// The mapping may find this many times more regions than the page holds: where the LP is
    /// degenerate, regions overlap (the ITU's money × staff map finds 14,106 covering the
    /// rectangle 1.69 times over).
    static let overlapAllowance = 3

    /// `allot solve` of the scenario with the limits at `point` (limit values; nil for the
    /// scenario as it is), and the page's figures read from its plan.
    static func solve(at point: ParameterPoint?, requests: [Request], scenario: Scenario, source: ScenarioSource, reader: FigureReader,
                      with solver: some LPSolver) throws(AnalysisError) -> (values: [Double]?, plan: AllocationPlan) {
        var overrides: [ScenarioOverride] = []
        if let point {
            for (index, request) in requests.enumerated() {
                overrides += try LimitDirection.overrides(path: request.path, value: index == 0 ? point.first : point.second, base: scenario, source: source)
            }
        }
        let changed = try AnalysisError.wrapping { try source.scenario(overrides: overrides).scenario }
        let solved: SolvedScenario
        do { solved = try ScenarioDriver.solve(changed, with: solver) } catch { throw .solver(error) }
        return (solved.plan.objective != nil ? reader.figures(of: solved) : nil, solved.plan)
    }

    public static func build(
        _ source: ScenarioSource, limits requests: [Request], with solver: some MultiParametricSolver, maximumRegions: Int = defaultMaximumRegions,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(AnalysisError) -> WhatIfMap {
        guard (1...2).contains(requests.count) else { throw .invalidRequest("a what-if page varies one or two limits; \(requests.count) were given") }
        guard Set(requests.map(\.path)).count == requests.count else { throw .invalidRequest("the same limit is given twice: \(requests[0].path)") }
        for request in requests where !(request.from.isFinite && request.to.isFinite && request.from < request.to) {
            throw .invalidRequest("\(request.path): the range must be finite with its lowest value below its highest (got \(request.from) to \(request.to))")
        }
        let scenario = try AnalysisError.wrapping { try source.scenario().scenario }
        var program = ScenarioDriver.compile(scenario)
        let recipe = SolveRecipe(for: program)
        guard recipe.heldStages.isEmpty else {
            throw .notForRecipe("the what-if page needs the weighted objective; this scenario uses the \(scenario.objective.rawValue) objective in stages, whose plan is not piecewise linear in a limit: use allot sweep")
        }
        let directions = try requests.map { request throws(AnalysisError) in try LimitDirection.of(request.path, in: program, source: source) }
        var requests = requests
        for index in requests.indices where requests[index].inPercent {
            requests[index].from *= directions[index].base / 100
            requests[index].to *= directions[index].base / 100
            requests[index].inPercent = false
        }
        for request in requests where request.from < 0 {
            throw .invalidRequest("\(request.path): a limit cannot go below 0 (the range starts at \(request.from))")
        }
        // Raising the envelopes inside one LP can carry a target past its gap: those targets get
        // their cap first (same rows and columns, so the tie-break weighs the same columns and
        // the directions found above still hold).
        let moneyFactor = zip(requests, directions).filter { $0.1.movesOnlyEnvelopes(in: program) && $0.0.to > $0.1.base && $0.1.base > 0 }
            .map { $0.0.to / $0.1.base }.max()
        if let moneyFactor {
            program = ScenarioDriver.compile(scenario, capping: TargetCap(moneyFactor: moneyFactor))
        }
        var model = program.model
        var notes: [String] = []
        if model.isMixedInteger {
            for index in model.variables.indices { model.setKind(of: Variable(index: index), to: .continuous) }
            notes.append("Staff is in whole posts in this scenario (a mixed-integer plan, which is not piecewise linear in a limit). The page shows the LP plan, with posts as fractions: allot solve's whole-posts plan differs from it by the rounding to posts.")
        }
        let limits = zip(requests, directions).map { request, direction in
            WhatIfLimit(path: request.path, label: label(of: request.path, scenario: scenario), unitName: unitName(of: direction, path: request.path, scenario: scenario),
                        base: direction.base, from: request.from, to: request.to)
        }
        let bases = (first: directions[0].base, second: directions.count > 1 ? directions[1].base : 0)
        let domain = ParameterPolygon(first: (requests[0].from - bases.first)...(requests[0].to - bases.first),
                                      second: requests.count > 1 ? (requests[1].from - bases.second)...(requests[1].to - bases.second) : 0...1)
        let mappingLimit = maximumRegions.multipliedReportingOverflow(by: overlapAllowance).overflow ? Int.max : maximumRegions * overlapAllowance
        var map: ParametricMap
        do {
            map = try solver.rightHandSideMap(model, first: directions[0].rows, second: directions.count > 1 ? directions[1].rows : [:], over: domain,
                                              settleTies: !program.model.isMixedInteger,
                                              maximumRegions: mappingLimit)
        } catch { throw .solver(error) }
        // Only with ties settled is the plan one where regions overlap (a whole-posts page
        // shows the LP plan without settling).
        if !map.truncated, !program.model.isMixedInteger { map = map.withoutCoveredRegions() }
        let advice = requests.count > 1 ? "; vary one limit (a page per limit), or narrow the ranges" : "; narrow the range"
        guard !map.truncated else {
            throw .invalidRequest("the mapping found more than \(mappingLimit) regions (overlapping ones included) without covering these ranges: the page would hold more than \(maximumRegions)\(advice)")
        }
        guard map.regions.count <= maximumRegions else {
            throw .invalidRequest("the plan changes in more than \(maximumRegions) regions over these ranges: the page would be too large\(advice)")
        }
        let reader = FigureReader(program: program, scenario: scenario, limits: limits)
        let toValues = { (point: ParameterPoint) in ParameterPoint(point.first + bases.first, point.second + bases.second) }
        // Each region's figures as formulas from the limits' scenario values, rounded as the
        // page stores them; each distinct formula of a figure, and each distinct set of them
        // (a piece of the plan), is kept once.
        /// `value`'s number in `list`, appended the first time it is met.
        func number<Value: Hashable>(of value: Value, in list: inout [Value], numbers: inout [Value: Int]) -> Int {
            if let known = numbers[value] { return known }
            list.append(value)
            numbers[value] = list.count - 1
            return list.count - 1
        }
        var formulas = reader.figures.map { _ in [WhatIfFormula]() }
        var formulaNumbers = reader.figures.map { _ in [WhatIfFormula: Int]() }
        var pieces: [[Int]] = []
        var pieceNumbers: [[Int]: Int] = [:]
        var regions = map.regions.map { region -> WhatIfRegion in
            let numbers = reader.formulas(of: region, origin: toValues(region.origin)).enumerated().map { figure, formula in
                number(of: formula, in: &formulas[figure], numbers: &formulaNumbers[figure])
            }
            return WhatIfRegion(vertices: region.polygon.vertices.map(toValues), piece: number(of: numbers, in: &pieces, numbers: &pieceNumbers), basis: region.basis)
        }
        // For one limit the second coordinate is a placeholder: regions are stored as intervals.
        if requests.count == 1 {
            for index in regions.indices {
                let interval = ParameterPolygon(vertices: regions[index].vertices).bounds.first
                regions[index].vertices = [ParameterPoint(interval.lowerBound, 0), ParameterPoint(interval.upperBound, 0)]
            }
            regions.sort { $0.vertices[0].first < $1.vertices[0].first }
        }
        let unchecked = WhatIfMap(scenarioName: scenario.name, organisation: scenario.organisation, limits: limits, figures: reader.figures, regions: regions,
                                  formulas: formulas, pieces: pieces, bases: map.bases, gaps: [], notes: notes, checkedPoints: 0, largestDifference: 0)
        // The baseline, and every region checked at its centroid, by the scenario's own recipe.
        func solveAt(_ point: ParameterPoint?) throws(AnalysisError) -> (values: [Double]?, plan: AllocationPlan) {
            try solve(at: point, requests: requests, scenario: scenario, source: source, reader: reader, with: solver)
        }
        let baseline = try solveAt(nil)
        var figures = reader.figures
        for index in figures.indices { figures[index].baseline = baseline.values?[index] ?? .nan }
        var largest = 0.0
        let total = regions.count
        if !program.model.isMixedInteger {
            // Each region's centre solved by the scenario's own recipe, on every core.
            let counter = ProgressCounter()
            let frozen = unchecked, checked = requests
            let outcomes = WorkerPool.map(Array(frozen.regions.indices), jobs: jobs, threadExit: solver.releaseThreadResources) { number -> Result<Double, AnalysisError> in
                let outcome = Result { () throws(AnalysisError) -> Double in
                    let region = frozen.regions[number]
                    // One limit: the interval's middle.
                    let centre = checked.count == 1 ? ParameterPoint((region.vertices[0].first + region.vertices[1].first) / 2, 0)
                        : ParameterPolygon(vertices: region.vertices).centroid
                    guard let solved = try solve(at: centre, requests: checked, scenario: scenario, source: source, reader: reader, with: solver).values else {
                        throw .solver(.backendFailure("region \(number + 1) of the map has no optimal plan at its centre \(centre): the map is wrong there"))
                    }
                    var largest = 0.0
                    // Prices are the region's basis's: where the plan is degenerate (a basic
                    // variable at a bound, as share limits often leave it) several sets of
                    // prices are optimal, and a solve may end on another. The plan's figures
                    // are unique.
                    for (index, figure) in reader.figures.enumerated() where figure.group != .price {
                        let predicted = frozen.value(index, in: region, at: centre)
                        let difference = abs(predicted - solved[index]) / max(1, abs(solved[index]))
                        largest = max(largest, difference)
                        guard difference <= 1e-6 else {
                            throw .solver(.backendFailure("region \(number + 1) of the map disagrees with a solve of the scenario at its centre (\(checked.map(\.path).joined(separator: ", ")) = \(centre.first)\(checked.count > 1 ? ", \(centre.second)" : "")) on \(figure.label): \(predicted) against \(solved[index])"))
                        }
                    }
                    return largest
                }
                progress?(counter.increment(), total)
                return outcome
            }
            for outcome in outcomes { largest = max(largest, try outcome.get()) }
        }
        // Where there is no plan: one explanation per side that has none.
        var gaps: [WhatIfGap] = []
        for infeasible in map.infeasiblePoints.prefix(4) {
            let point = toValues(infeasible.point)
            let plan = try solveAt(requests.count == 1 ? ParameterPoint(point.first, 0) : point).plan
            let explanation = plan.infeasibility?.summary ?? plan.termination.explanation
            if !gaps.contains(where: { $0.explanation == explanation }) {
                gaps.append(WhatIfGap(point: requests.count == 1 ? ParameterPoint(point.first, 0) : point, explanation: explanation))
            }
        }
        var checked = unchecked
        checked.figures = figures
        checked.gaps = gaps
        checked.checkedPoints = program.model.isMixedInteger ? 0 : total
        checked.largestDifference = largest
        return checked
    }

    static func label(of path: String, scenario: Scenario) -> String {
        switch path {
        case "envelopes.total": "Total of the annual envelopes\(scenario.years.first.map { first in scenario.years.last.map { " \(first)–\($0)" } ?? "" } ?? "")"
        case "staff.ceiling.total": "Staff ceilings, all years together"
        default:
            if path.hasPrefix("envelopes."), let year = Int(path.dropFirst("envelopes.".count)) {
                "Annual envelope \(year)"
            } else if path.hasPrefix("staff.ceiling."), let year = Int(path.dropFirst("staff.ceiling.".count)) {
                "Staff ceiling \(year)"
            } else {
                path
            }
        }
    }

    static func unitName(of direction: LimitDirection, path: String, scenario: Scenario) -> String {
        switch direction.unit {
        case .lpMoney, .money: scenario.organisation.money.unitName
        case .fte: path == "staff.ceiling.total" ? "FTE-years" : "FTE"
        default: direction.unit.name(scenario.organisation.money)
        }
    }
}

/// The page's figures as functions of the LP's columns and the limits.
struct FigureReader: Sendable {
    /// Σ coefficient × column + constant + rate × each limit's offset from its base.
    struct Formula: Sendable {
        var terms: [(Int, Double)]
        var constant: Double
        var perFirst: Double
        var perSecond: Double
    }

    let program: CompiledScenario
    /// The limits' values in the scenario: the formulas' offsets count from them.
    let bases: ParameterPoint
    let figures: [WhatIfFigure]
    let formulas: [Formula?]
    /// Price figures: the row each stands for (nil for the other figures).
    let priceRows: [ConstraintRef?]

    static let priceKinds: Set<ConstraintMeaning.Kind> = [
        .annualEnvelope, .biennialEnvelope, .fixedCommitment, .staffCeiling, .sectorStaffCeiling, .sectorFloor, .sectorCeiling,
        .priorityFloor, .priorityCeiling, .offeringFloor, .targetFloor,
    ]

    init(program: CompiledScenario, scenario: Scenario, limits: [WhatIfLimit]) {
        self.program = program
        bases = ParameterPoint(limits[0].base, limits.count > 1 ? limits[1].base : 0)
        let money = scenario.organisation.money
        let thousand = UnitConverter.stated(1)
        var figures: [WhatIfFigure] = []
        var formulas: [Formula?] = []
        var priceRows: [ConstraintRef?] = []
        func add(_ id: String, _ group: WhatIfFigure.Group, _ label: String, _ unit: String, _ formula: Formula?, row: ConstraintRef? = nil) {
            figures.append(WhatIfFigure(id: id, group: group, label: label, unitName: unit, baseline: .nan))
            formulas.append(formula)
            priceRows.append(row)
        }
        let objective = program.model.objective.expression
        add("impact", .impact, "Weighted impact", "objective",
            Formula(terms: objective.terms.map { ($0.variable.index, $0.coefficient) }, constant: objective.constant, perFirst: 0, perSecond: 0))
        // Unspent: the envelopes (moving with a money limit) less all spending.
        let envelopes = scenario.years.reduce(0) { $0 + (scenario.envelopes[$1] ?? 0) }
        let costColumns = program.activityOrder.map { program.activities[$0]!.cost.index }
        func envelopeRate(_ index: Int) -> Double {
            guard index < limits.count else { return 0 }
            switch limits[index].path {
            case "envelopes.total": return 1
            case let path where path.hasPrefix("envelopes.") && Int(path.dropFirst("envelopes.".count)) != nil: return 1
            default: return 0
            }
        }
        add("unspent", .unspent, "Unspent money", money.unitName,
            Formula(terms: costColumns.map { ($0, -thousand) }, constant: envelopes, perFirst: envelopeRate(0), perSecond: envelopeRate(1)))
        for sector in scenario.sectors {
            for priority in scenario.priorities {
                let keys = program.activityOrder.filter { $0.sector == sector.id && scenario.line($0.line)?.priority == priority.id }
                guard !keys.isEmpty else { continue }
                add("spend.\(sector.id).\(priority.id)", .sectorPriority, "\(sector.name) · \(priority.name)", money.unitName,
                    Formula(terms: keys.map { (program.activities[$0]!.cost.index, thousand) }, constant: 0, perFirst: 0, perSecond: 0))
            }
        }
        for offering in scenario.offerings {
            let keys = program.activityOrder.filter { $0.offering == offering.id }
            guard !keys.isEmpty else { continue }
            add("offering.\(offering.id)", .offering, offering.name, money.unitName,
                Formula(terms: keys.map { (program.activities[$0]!.cost.index, thousand) }, constant: 0, perFirst: 0, perSecond: 0))
        }
        let years = Double(max(1, scenario.years.count))
        for sector in scenario.sectors {
            let columns = program.activityOrder.filter { $0.sector == sector.id }.flatMap { program.activities[$0]!.staff.map(\.index) }
            add("fte.\(sector.id)", .staff, sector.name, "FTE a year (average)", Formula(terms: columns.map { ($0, 1 / years) }, constant: 0, perFirst: 0, perSecond: 0))
        }
        for target in scenario.targets {
            // What the years produce with each line's cost on its curve in order: with ties
            // settled the LP fills a line's segments in order (the earlier column weighs less),
            // so the segment columns are that order's amounts; the build checks it.
            var terms: [(Int, Double)] = []
            for activity in scenario.activities {
                guard let effect = activity.impactPerThousand[target.id], effect > 0 else { continue }
                for year in scenario.years {
                    guard let columns = program.activities[ActivityYear(activity.key, year: year)] else { continue }
                    for (coefficient, segment) in zip(scenario.segmentEffects(effect), columns.segments) {
                        terms.append((segment.index, coefficient / target.scale))
                    }
                }
            }
            add("attainment.\(target.id)", .attainment, "\(target.id) \(target.name)", "attainment", Formula(terms: terms, constant: 0, perFirst: 0, perSecond: 0))
        }
        for (row, meaning) in program.rows where Self.priceKinds.contains(meaning.kind) {
            let unit = meaning.shareOf == nil ? (meaning.unit == Unit.lpMoney ? Unit.money : meaning.unit) : Unit.share
            add("price.\(program.model.constraints[row.index].name)", .price, meaning.description, "per \(unit.one(money))", nil, row: row)
        }
        self.figures = figures
        self.formulas = formulas
        self.priceRows = priceRows
    }

    /// A region of the LP's map as the page's formulas (one per figure): each figure's value
    /// with the limits at their scenario values and its rates, rounded as the page holds them.
    func formulas(of region: ParametricRegion, origin: ParameterPoint) -> [WhatIfFormula] {
        let solution = { (values: [Double]) in
            Solution(termination: .optimal, objectiveValue: 0, variables: values.map { VariableResult(name: "", value: $0, reducedCost: nil, basisStatus: nil) },
                     constraints: [], dualSource: nil, mip: nil, simplexIterations: 0, solveSeconds: 0, sensitivity: nil, sensitivityUnavailableReason: nil)
        }
        let atOrigin = solution(region.values)
        let firstStep = solution(zip(region.values, region.firstRates).map { $0 + $1 })
        let secondStep = solution(zip(region.values, region.secondRates).map { $0 + $1 })
        let offsets = (first: origin.first - bases.first, second: origin.second - bases.second)
        return zip(formulas, priceRows).map { formula, row in
            var value = 0.0, first = 0.0, second = 0.0
            if let formula {
                let linear = { (x: [Double]) in formula.terms.reduce(0) { $0 + $1.1 * x[$1.0] } }
                value = linear(region.values) + formula.constant + formula.perFirst * offsets.first + formula.perSecond * offsets.second
                first = linear(region.firstRates) + formula.perFirst
                second = linear(region.secondRates) + formula.perSecond
            } else if let row {
                let meaning = program.meaning(of: row)
                let price = { (at: Solution) in program.limitPrice(dual: region.prices[row.index], of: meaning, at: at).value }
                value = price(atOrigin)
                first = price(firstStep) - value
                second = price(secondStep) - value
            }
            return WhatIfFormula(atBase: WhatIfFormula.rounded(value - first * offsets.first - second * offsets.second),
                                 perFirst: WhatIfFormula.rounded(first), perSecond: WhatIfFormula.rounded(second))
        }
    }

    /// The figures of a solved scenario, read from its plan as the reports read it.
    func figures(of solved: SolvedScenario) -> [Double] {
        let plan = solved.plan
        let scenario = solved.compiled.scenario
        let byId = Dictionary(uniqueKeysWithValues: solved.plan.bindingConstraints.map { ($0.constraint, $0.price.value) })
        return figures.map { figure -> Double in
            let parts = figure.id.split(separator: ".", maxSplits: 1).map(String.init)
            switch figure.group {
            case .impact: return plan.objective ?? .nan
            case .unspent: return plan.envelopeUse.reduce(0) { $0 + ($1.envelope ?? 0) - $1.spending }
            case .sectorPriority:
                let ids = parts[1].split(separator: ".", maxSplits: 1).map(String.init)
                return plan.lines.filter { $0.sector == ids[0] && $0.priority == ids[1] }.reduce(0) { $0 + $1.cost }
            case .offering: return plan.lines.filter { $0.offering == parts[1] }.reduce(0) { $0 + $1.cost }
            case .staff: return plan.lines.filter { $0.sector == parts[1] }.reduce(0) { $0 + $1.totalStaff } / Double(max(1, scenario.years.count))
            case .attainment: return plan.targets.first { $0.id == parts[1] }?.attainment ?? .nan
            case .price: return byId[parts[1]] ?? 0
            }
        }
    }
}
