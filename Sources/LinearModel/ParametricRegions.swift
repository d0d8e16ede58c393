/// A point of the parameter plane: how far each of two directions of right-hand-side changes is
/// applied (the second is 0 when only one direction is varied).
public struct ParameterPoint: Sendable, Hashable, Codable {
    public var first: Double
    public var second: Double

    public init(_ first: Double, _ second: Double) {
        self.first = first
        self.second = second
    }
}

/// A convex polygon of the parameter plane, vertices counter-clockwise.
public struct ParameterPolygon: Sendable, Hashable, Codable {
    public var vertices: [ParameterPoint]

    public init(vertices: [ParameterPoint]) { self.vertices = vertices }

    /// The rectangle of the two ranges.
    public init(first: ClosedRange<Double>, second: ClosedRange<Double>) {
        vertices = [ParameterPoint(first.lowerBound, second.lowerBound), ParameterPoint(first.upperBound, second.lowerBound),
                    ParameterPoint(first.upperBound, second.upperBound), ParameterPoint(first.lowerBound, second.upperBound)]
    }

    /// The smallest rectangle holding the polygon (it must have a vertex).
    public var bounds: (first: ClosedRange<Double>, second: ClosedRange<Double>) {
        let firsts = vertices.map(\.first), seconds = vertices.map(\.second)
        return (firsts.min()!...firsts.max()!, seconds.min()!...seconds.max()!)
    }

    /// Signed area (positive counter-clockwise). Products are taken from the first vertex, not
    /// from the plane's origin: a region a few CHF wide at CHF 600 million would otherwise
    /// lose every digit of its area (and its centroid) to cancellation.
    public var area: Double {
        guard vertices.count >= 3 else { return 0 }
        let anchor = vertices[0]
        var twice = 0.0
        for index in 1..<(vertices.count - 1) {
            let a = vertices[index], b = vertices[index + 1]
            twice += (a.first - anchor.first) * (b.second - anchor.second) - (b.first - anchor.first) * (a.second - anchor.second)
        }
        return twice / 2
    }

    public var centroid: ParameterPoint {
        let area = self.area
        guard area > 0 else {
            let count = Double(max(1, vertices.count))
            return ParameterPoint(vertices.reduce(0) { $0 + $1.first } / count, vertices.reduce(0) { $0 + $1.second } / count)
        }
        // A fan of triangles from the first vertex, each weighted by its area (see `area`).
        let anchor = vertices[0]
        var first = 0.0, second = 0.0
        for index in 1..<(vertices.count - 1) {
            let a = ParameterPoint(vertices[index].first - anchor.first, vertices[index].second - anchor.second)
            let b = ParameterPoint(vertices[index + 1].first - anchor.first, vertices[index + 1].second - anchor.second)
            let cross = a.first * b.second - b.first * a.second
            first += (a.first + b.first) * cross
            second += (a.second + b.second) * cross
        }
        return ParameterPoint(anchor.first + first / (6 * area), anchor.second + second / (6 * area))
    }

    /// The part of the polygon where `constant + first·θ₁ + second·θ₂ >= 0` (Sutherland–Hodgman
    /// against one half-plane; the result of a convex polygon is convex).
    public func clipped(constant: Double, first: Double, second: Double) -> ParameterPolygon {
        func value(_ point: ParameterPoint) -> Double { constant + first * point.first + second * point.second }
        var result: [ParameterPoint] = []
        for (index, point) in vertices.enumerated() {
            let next = vertices[(index + 1) % vertices.count]
            let here = value(point), there = value(next)
            if here >= 0 { result.append(point) }
            if (here >= 0) != (there >= 0) {
                let t = here / (here - there)
                result.append(ParameterPoint(point.first + t * (next.first - point.first), point.second + t * (next.second - point.second)))
            }
        }
        // Drop vertices that coincide (a cut through a vertex).
        var unique: [ParameterPoint] = []
        for point in result where unique.last.map({ abs($0.first - point.first) + abs($0.second - point.second) > 0 }) ?? true {
            unique.append(point)
        }
        if unique.count > 1, let first = unique.first, let last = unique.last, first == last { unique.removeLast() }
        return ParameterPolygon(vertices: unique)
    }

    /// The parts of this polygon outside `other` (convex, both counter-clockwise): for each edge
    /// of `other`, what lies beyond it and inside the edges before it. Empty when `other` covers
    /// this polygon.
    public func subtracting(_ other: ParameterPolygon) -> [ParameterPolygon] {
        // A polygon without area (or clockwise) covers nothing.
        guard other.vertices.count >= 3, other.area > 0 else { return [self] }
        var parts: [ParameterPolygon] = []
        var rest = self
        for index in other.vertices.indices where rest.vertices.count >= 3 {
            let start = other.vertices[index], end = other.vertices[(index + 1) % other.vertices.count]
            let first = start.second - end.second, second = end.first - start.first
            guard first != 0 || second != 0 else { continue }
            // Inside the edge: first·(θ₁ − start₁) + second·(θ₂ − start₂) >= 0.
            let constant = -(first * start.first + second * start.second)
            let beyond = rest.clipped(constant: -constant, first: -first, second: -second)
            if beyond.vertices.count >= 3, beyond.area > 0 { parts.append(beyond) }
            rest = rest.clipped(constant: constant, first: first, second: second)
        }
        return parts
    }

    var perimeter: Double {
        vertices.indices.reduce(0.0) { total, index in
            let a = vertices[index], b = vertices[(index + 1) % vertices.count]
            return total + ((b.first - a.first) * (b.first - a.first) + (b.second - a.second) * (b.second - a.second)).squareRoot()
        }
    }

    /// How thin the polygon is: twice its area over its perimeter (a strip's width; a
    /// triangle's is its inscribed circle's diameter, a third of its height or more).
    var thickness: Double {
        let perimeter = self.perimeter
        return perimeter > 0 ? 2 * area / perimeter : 0
    }

    /// How far `point` lies inside every edge (negative outside), in parameter units.
    public func depth(of point: ParameterPoint) -> Double {
        guard vertices.count >= 3 else { return -.infinity }
        var depth = Double.infinity
        for (index, start) in vertices.enumerated() {
            let end = vertices[(index + 1) % vertices.count]
            let dx = end.first - start.first, dy = end.second - start.second
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { continue }
            depth = min(depth, (dx * (point.second - start.second) - dy * (point.first - start.first)) / length)
        }
        return depth
    }
}

/// Where one basis is optimal along two directions of right-hand-side change: the polygon, and
/// the solution there, affine in the parameters.
public struct ParametricRegion: Sendable {
    public var polygon: ParameterPolygon
    /// Where ``values`` are given.
    public var origin: ParameterPoint
    /// Every column's value at ``origin``.
    public var values: [Double]
    /// Every column's change per unit of the first and of the second parameter.
    public var firstRates: [Double]
    public var secondRates: [Double]
    /// The objective at ``origin`` and its change per unit of each parameter.
    public var objective: Double
    public var objectiveRates: (first: Double, second: Double)
    /// Every row's price (shadow price) in this region's basis of the model's own objective.
    public var prices: [Double]
    /// Which optimal basis of the model's objective the region comes from (numbered from 0);
    /// with ties settled, which optimal face (regions of one face share it, split where the
    /// tie-break's basis changes).
    public var basis: Int

    public init(polygon: ParameterPolygon, origin: ParameterPoint, values: [Double], firstRates: [Double], secondRates: [Double],
                objective: Double, objectiveRates: (first: Double, second: Double), prices: [Double], basis: Int) {
        self.polygon = polygon
        self.origin = origin
        self.values = values
        self.firstRates = firstRates
        self.secondRates = secondRates
        self.objective = objective
        self.objectiveRates = objectiveRates
        self.prices = prices
        self.basis = basis
    }

    public func value(of column: Int, at point: ParameterPoint) -> Double {
        values[column] + firstRates[column] * (point.first - origin.first) + secondRates[column] * (point.second - origin.second)
    }

    public func objective(at point: ParameterPoint) -> Double {
        objective + objectiveRates.first * (point.first - origin.first) + objectiveRates.second * (point.second - origin.second)
    }
}

/// The optimal solution of an LP over a rectangle of two parameters of right-hand-side change,
/// as regions of constant basis (multi-parametric LP). Where the LP has no optimum the rectangle
/// is not covered; ``infeasiblePoints`` are points found there.
public struct ParametricMap: Sendable {
    public var domain: ParameterPolygon
    public var regions: [ParametricRegion]
    /// Points of the domain where the LP was found to have no optimum, with the reason.
    public var infeasiblePoints: [(point: ParameterPoint, termination: Termination)]
    /// How many optimal bases (with ties settled, optimal faces) the regions come from.
    public var bases: Int
    /// True when the region limit stopped the mapping: the regions do not cover the domain.
    public var truncated: Bool

    public init(domain: ParameterPolygon, regions: [ParametricRegion], infeasiblePoints: [(point: ParameterPoint, termination: Termination)], bases: Int,
                truncated: Bool) {
        self.domain = domain
        self.regions = regions
        self.infeasiblePoints = infeasiblePoints
        self.bases = bases
        self.truncated = truncated
    }

    /// The region containing `point` (the deepest inside, on a shared edge); nil outside every region.
    public func region(at point: ParameterPoint, tolerance: Double = 1e-9) -> ParametricRegion? {
        let scale = max(1, domain.vertices.map { max(abs($0.first), abs($0.second)) }.max() ?? 1)
        return regions.lazy.map { ($0, $0.polygon.depth(of: point)) }.filter { $0.1 >= -tolerance * scale }.max { $0.1 < $1.1 }?.0
    }

    public var coveredArea: Double { regions.reduce(0) { $0 + $1.polygon.area } }

    /// The map without the regions that others cover whole. Where the LP's optimum is
    /// degenerate, several bases (several optimal price sets) hold on one area and the mapping
    /// finds each: their solutions agree there (with ties settled the solution is unique), so
    /// a region inside the union of others adds nothing but another set of optimal prices.
    /// Smallest regions go first; a region is dropped only when what remains of it outside
    /// the others is slivers: pieces thinner than `thinnest` (a fraction of the domain's size),
    /// together no larger than a strip that wide along its edges. So the regions kept cover what
    /// all covered but for such slivers, far inside the tolerance with which a point is found
    /// in a region (1e-9 of the limits' values). Bases are numbered again over the kept regions.
    public func withoutCoveredRegions(thinnest: Double = 1e-10) -> ParametricMap {
        guard regions.count > 1 else { return self }
        // In the domain's box scaled to a unit square: the two parameters' units differ (CHF
        // thousands against FTE-years), and thinness is measured in both at once.
        let outer = domain.bounds
        let origin = ParameterPoint(outer.first.lowerBound, outer.second.lowerBound)
        let size = (first: max(outer.first.upperBound - origin.first, .leastNormalMagnitude), second: max(outer.second.upperBound - origin.second, .leastNormalMagnitude))
        let polygons = regions.map { region in
            ParameterPolygon(vertices: region.polygon.vertices.map { ParameterPoint(($0.first - origin.first) / size.first, ($0.second - origin.second) / size.second) })
        }
        let boxes = polygons.map(\.bounds)
        let areas = polygons.map(\.area)
        var kept = [Bool](repeating: true, count: regions.count)
        for index in regions.indices.sorted(by: { areas[$0] != areas[$1] ? areas[$0] < areas[$1] : $0 < $1 }) {
            let box = boxes[index]
            let others = regions.indices.filter { other in
                other != index && kept[other] && boxes[other].first.overlaps(box.first) && boxes[other].second.overlaps(box.second)
            }.sorted { areas[$0] > areas[$1] }
            guard !others.isEmpty else { continue }
            var rest = [polygons[index]]
            var slivers = 0.0
            for other in others {
                rest = rest.flatMap { $0.subtracting(polygons[other]) }.filter { piece in
                    guard piece.thickness <= thinnest else { return true }
                    slivers += piece.area
                    return false
                }
                if rest.isEmpty { break }
            }
            if rest.isEmpty, slivers <= thinnest * polygons[index].perimeter { kept[index] = false }
        }
        var numbers: [Int: Int] = [:]
        var map = self
        map.regions = regions.indices.filter { kept[$0] }.map { index in
            var region = regions[index]
            let found = region.basis
            if numbers[found] == nil { numbers[found] = numbers.count }
            region.basis = numbers[found]!
            return region
        }
        map.bases = numbers.count
        return map
    }
}

/// A solver that can map an LP's optimal solution over two parameters of right-hand-side change.
public protocol MultiParametricSolver: ParametricSolver {
    /// The regions of `model` with every finite limit of each row in `first` moved by θ₁ × its
    /// change and of each row in `second` by θ₂ × its change, over `domain`. With `settleTies`,
    /// each region's solution is the one ``OptimalFace`` picks. Stops, with ``ParametricMap/truncated``
    /// set, when more than `maximumRegions` are needed.
    func rightHandSideMap(_ model: Model, first: [ConstraintRef: Double], second: [ConstraintRef: Double], over domain: ParameterPolygon,
                          settleTies: Bool, maximumRegions: Int) throws(SolverError) -> ParametricMap
}
