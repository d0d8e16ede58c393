import LinearModel

extension GLPKSolver: MultiParametricSolver {
    /// Maps the optimal solution over `domain` region by region (multi-parametric LP): at a
    /// point not yet covered, the LP is solved warm; its basis stays optimal (the right-hand
    /// side does not touch the reduced costs) wherever its basic variables stay within their
    /// bounds, and their values are affine in the two parameters (B⁻¹ applied to each
    /// direction, FTRAN), so the region is the domain cut by one half-plane per basic variable.
    /// Each edge of a region that is not the domain's is crossed at its middle to find the
    /// neighbour. With `settleTies`, the regions are those of the LP of the optimal face with
    /// the tie-break objective (``OptimalFace``): at each point the model's LP gives the optimal
    /// face (every column with a non-zero reduced cost at its bound, every row with a non-zero
    /// price at its limit); that face's LP, with the tie-break objective, is solved there, and
    /// its basis's region is where that LP stays feasible with that basis — the optimal face is
    /// the same set wherever the face's LP is feasible, since the dual solution it comes from
    /// does not depend on the right-hand side.
    public func rightHandSideMap(_ model: Model, first: [ConstraintRef: Double], second: [ConstraintRef: Double], over domain: ParameterPolygon,
                                 settleTies: Bool, maximumRegions: Int) throws(SolverError) -> ParametricMap {
        do { try model.validate() } catch { throw .invalidModel(error) }
        guard !model.isMixedInteger else { throw .invalidOptions("a map of regions needs an LP; this model has integer columns") }
        for (row, change) in Array(first) + Array(second) {
            guard model.constraints.indices.contains(row.index), change.isFinite else {
                throw .invalidOptions("direction entry for row #\(row.index) is not in the model or not finite")
            }
        }
        guard domain.vertices.count >= 3, domain.area > 0,
              domain.vertices.allSatisfy({ $0.first.isFinite && $0.second.isFinite }) else {
            throw .invalidOptions("the parameter domain must be a polygon with a positive area and finite corners")
        }
        guard maximumRegions >= 1 else { throw .invalidOptions("the region limit must be at least 1") }
        let shifts = (first: Dictionary(uniqueKeysWithValues: first.map { ($0.key.index, $0.value) }),
                      second: Dictionary(uniqueKeysWithValues: second.map { ($0.key.index, $0.value) }))
        var options = SolveOptions()
        options.presolve = false
        var explorer = RegionExplorer(solver: self, model: model, shifts: shifts, options: options, settleTies: settleTies)
        let found = explorer.explore(domain, limit: maximumRegions)
        return ParametricMap(domain: domain, regions: found.map(\.region), infeasiblePoints: explorer.infeasible,
                             bases: explorer.bases, truncated: explorer.truncated)
    }
}

/// Region finding over the model's LP, or (ties settled) over the LP of each optimal face met,
/// with the tie-break objective.
private struct RegionExplorer {
    struct Found {
        var region: ParametricRegion
        /// The polygon's bounding box, to rule points out fast.
        var box: (first: ClosedRange<Double>, second: ClosedRange<Double>)

        init(region: ParametricRegion) {
            self.region = region
            box = region.polygon.bounds
        }
    }

    /// The LP regions come from: the model's, or the LP of the optimal face in hand (one GLPK
    /// problem for every face: the faces differ only in which bounds are held, and thousands
    /// of problems would not fit in memory).
    final class Loaded {
        let model: Model
        let problem: GLPKProblem
        private(set) var face = OptimalFace.unrestricted

        init(model: Model, problem: GLPKProblem) {
            self.model = model
            self.problem = problem
        }

        func lowerBound(ofColumn index: Int) -> Double { face.fixedColumns[index] ?? model.variables[index].lowerBound }
        func upperBound(ofColumn index: Int) -> Double { face.fixedColumns[index] ?? model.variables[index].upperBound }
        func bounds(ofRow index: Int) -> (lower: Double, upper: Double) {
            if let held = face.fixedRows[index] { return (held, held) }
            return (model.constraints[index].bounds.lower, model.constraints[index].bounds.upper)
        }

        /// Holds `next`'s columns and rows instead of the current face's (right-hand sides of
        /// moved rows are set again by the caller).
        func hold(_ next: OptimalFace) {
            problem.hold(next, insteadOf: face, of: model)
            face = next
        }
    }

    let solver: GLPKSolver
    let model: Model
    let shifts: (first: [Int: Double], second: [Int: Double])
    let options: SolveOptions
    let settleTies: Bool
    private(set) var infeasible: [(point: ParameterPoint, termination: Termination)] = []
    private(set) var truncated = false
    /// Optimal faces met (with ties settled) or optimal bases met (without).
    private(set) var bases = 0

    init(solver: GLPKSolver, model: Model, shifts: (first: [Int: Double], second: [Int: Double]), options: SolveOptions, settleTies: Bool) {
        self.solver = solver
        self.model = model
        self.shifts = shifts
        self.options = options
        self.settleTies = settleTies
    }

    /// The model with the tie-break as its objective: the LP of every face, once its columns
    /// and rows are held.
    func tieBreakModel() -> Model {
        var restricted = model
        let weights = OptimalFace.tieBreakCoefficients(columns: model.variables.count).enumerated()
        restricted.objective = Objective(sense: .maximize, expression: LinearExpression(Dictionary(uniqueKeysWithValues: weights.map { (Variable(index: $0.offset), $0.element) })),
                                         name: "tie_break")
        return restricted
    }

    mutating func explore(_ domain: ParameterPolygon, limit: Int) -> [Found] {
        let main = Loaded(model: model, problem: solver.load(model, options: options))
        let tieBreak = settleTies ? tieBreakModel() : nil
        let settled = tieBreak.map { Loaded(model: $0, problem: solver.load($0, options: self.options)) }
        var faces: [OptimalFace: Int] = [:]
        let moved = Set(shifts.first.keys).union(shifts.second.keys).sorted()
        let extent = domain.vertices.reduce(0.0) { max($0, abs($1.first), abs($1.second)) }
        let outer = domain.bounds
        let width = max(outer.first.upperBound - outer.first.lowerBound, outer.second.upperBound - outer.second.lowerBound)
        // Probes go this far past an edge: far enough to be off it for the solver's
        // tolerances, near enough not to jump over a region.
        let step = max(1e-7 * width, 1e-9 * extent)
        let options = self.options
        func setLimits(_ lp: Loaded, at point: ParameterPoint) {
            for row in moved {
                let bounds = lp.bounds(ofRow: row)
                let change = point.first * (shifts.first[row] ?? 0) + point.second * (shifts.second[row] ?? 0)
                lp.problem.setRowBounds(row, lower: bounds.lower + change, upper: bounds.upper + change)
            }
        }
        func solved(_ problem: GLPKProblem) -> Termination? { problem.reoptimized(options, tight: false) }
        let n = model.variables.count, m = model.constraints.count
        let costs = (0..<n).map { model.objective.coefficient(of: Variable(index: $0)) }
        var found: [Found] = []
        var known: Set<[Int32]> = []
        var queue = [Probe(point: domain.centroid, base: domain.centroid, normal: ParameterPoint(0, 0), distance: 0)]
        var round = 0
        while true {
            while let probe = queue.popLast() {
                let point = probe.point
                guard domain.depth(of: point) >= -step / 2,
                      !found.contains(where: { $0.box.first.contains(point.first) && $0.box.second.contains(point.second) && $0.region.polygon.depth(of: point) > step / 4 }),
                      !infeasible.contains(where: { abs($0.point.first - point.first) + abs($0.point.second - point.second) < step })
                else { continue }
                guard found.count < limit else {
                    truncated = true
                    bases = settleTies ? faces.count : found.count
                    return found
                }
                setLimits(main, at: point)
                if let failure = solved(main.problem) {
                    infeasible.append((point, failure))
                    continue
                }
                let prices = (0..<m).map { main.problem.rowDual($0) }
                // The LP whose basis gives the region: the model's, or its optimal face's.
                var lp = main
                var faceNumber = -1
                if let settled {
                    let face = OptimalFace(model: model, columnStatus: (0..<n).map { main.problem.columnStatus($0) },
                                           reducedCosts: (0..<n).map { main.problem.columnReducedCost($0) },
                                           rowStatus: (0..<m).map { main.problem.rowStatus($0) }, prices: prices)
                    if let known = faces[face] {
                        faceNumber = known
                    } else {
                        faceNumber = faces.count
                        faces[face] = faceNumber
                    }
                    lp = settled
                    lp.hold(face)
                    setLimits(lp, at: point)
                    guard solved(lp.problem) == nil else {
                        // The face's LP fails where the model's optimum was found: numerically
                        // off; look a little further out.
                        if probe.distance > 0, probe.distance < 1e-3 * width { queue.append(probe.further()) }
                        continue
                    }
                }
                let problem = lp.problem
                // A basis found before: the solver kept it within its tolerance just past its
                // edge. Look further out, up to a thousandth of the domain.
                let signature = [Int32(faceNumber)] + (0..<m).map { problem.rowStatusCode($0) } + (0..<n).map { problem.columnStatusCode($0) }
                if known.contains(signature) {
                    if probe.distance > 0, probe.distance < 1e-3 * width { queue.append(probe.further()) }
                    continue
                }
                let values = (0..<n).map { problem.columnValue($0) }
                let firstRates = problem.columnRates(along: shifts.first)
                let secondRates = problem.columnRates(along: shifts.second)
                var polygon = domain
                for head in problem.basisHeads() where polygon.vertices.count >= 3 {
                    let isRow = head < m
                    let index = isRow ? head : head - m
                    var value: Double, rate1: Double, rate2: Double
                    var low: Double, high: Double, move1 = 0.0, move2 = 0.0
                    if isRow {
                        let terms = lp.model.constraints[index].terms
                        value = terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
                        rate1 = terms.reduce(0) { $0 + $1.coefficient * firstRates[$1.variable.index] }
                        rate2 = terms.reduce(0) { $0 + $1.coefficient * secondRates[$1.variable.index] }
                        (low, high) = lp.bounds(ofRow: index)
                        move1 = shifts.first[index] ?? 0
                        move2 = shifts.second[index] ?? 0
                    } else {
                        (value, rate1, rate2) = (values[index], firstRates[index], secondRates[index])
                        (low, high) = (lp.lowerBound(ofColumn: index), lp.upperBound(ofColumn: index))
                    }
                    // value + rate·(θ − point) against limit + move·θ. The solver leaves a basic
                    // variable up to its feasibility tolerance (1e-7) past a bound: such a value
                    // counts as on the bound, so that the region holds the point it was found at.
                    for (limit, sign) in [(low, 1.0), (high, -1.0)] where limit.isFinite {
                        let current = limit + move1 * point.first + move2 * point.second
                        let margin = max(0, sign * (value - current))
                        let a = sign * (rate1 - move1), b = sign * (rate2 - move2)
                        if abs(a) + abs(b) <= 1e-13 * max(1, abs(value)) { continue }
                        // margin + a·(θ₁ − point₁) + b·(θ₂ − point₂) >= 0
                        polygon = polygon.clipped(constant: margin - a * point.first - b * point.second, first: a, second: b)
                    }
                }
                guard polygon.vertices.count >= 3, polygon.area > 1e-12 * domain.area else {
                    // A basis feasible on a sliver only (the point sat on an edge): look again a
                    // little further out.
                    if probe.distance > 0, probe.distance < 1e-3 * width { queue.append(probe.further()) }
                    continue
                }
                known.insert(signature)
                // The plan is this LP's; its objective is the model's (c·x, affine like x), and
                // the prices those of the model's optimal basis at the point: with the plan in
                // the optimal face they stay optimal over the whole region.
                let objective = zip(costs, values).reduce(model.objective.expression.constant) { $0 + $1.0 * $1.1 }
                let objectiveRates = (first: zip(costs, firstRates).reduce(0) { $0 + $1.0 * $1.1 }, second: zip(costs, secondRates).reduce(0) { $0 + $1.0 * $1.1 })
                found.append(Found(region: ParametricRegion(polygon: polygon, origin: point, values: values, firstRates: firstRates, secondRates: secondRates,
                                                            objective: objective, objectiveRates: objectiveRates, prices: prices,
                                                            basis: settleTies ? faceNumber : found.count)))
                queue.append(contentsOf: Self.probes(polygon, step: step, parts: round == 0 ? 1 : 8))
            }
            // Every region's edges crossed at their middle can miss a neighbour that shares
            // only part of an edge: a second round crosses every edge at eight places.
            round += 1
            guard round < 3 else { break }
            queue = found.flatMap { Self.probes($0.region.polygon, step: step, parts: 8) }
        }
        bases = settleTies ? faces.count : found.count
        return found
    }

    /// A point to solve at, just outside a region's edge.
    struct Probe {
        var point: ParameterPoint
        /// Where on the edge, and the edge's outward normal.
        var base: ParameterPoint
        var normal: ParameterPoint
        var distance: Double

        func further() -> Probe {
            let distance = self.distance * 8
            return Probe(point: ParameterPoint(base.first + distance * normal.first, base.second + distance * normal.second),
                         base: base, normal: normal, distance: distance)
        }
    }

    /// Points just outside every edge of `polygon` (counter-clockwise), at the middles of
    /// `parts` equal pieces of each.
    static func probes(_ polygon: ParameterPolygon, step: Double, parts: Int) -> [Probe] {
        polygon.vertices.indices.flatMap { index in
            probes(polygon.vertices[index], polygon.vertices[(index + 1) % polygon.vertices.count], step: step, parts: parts)
        }
    }

    /// Points just outside edge start→end (outward for a counter-clockwise polygon), at the
    /// middles of `parts` equal pieces.
    static func probes(_ start: ParameterPoint, _ end: ParameterPoint, step: Double, parts: Int) -> [Probe] {
        let dx = end.first - start.first, dy = end.second - start.second
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return [] }
        let normal = ParameterPoint(dy / length, -dx / length)
        return (0..<parts).map { part in
            let t = (Double(part) + 0.5) / Double(parts)
            let base = ParameterPoint(start.first + t * dx, start.second + t * dy)
            return Probe(point: ParameterPoint(base.first + step * normal.first, base.second + step * normal.second), base: base, normal: normal, distance: step)
        }
    }
}
