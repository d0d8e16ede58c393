import GLPKBackend
import LinearModel
import Testing

/// Maps of small LPs over two parameters, solved by hand, and the tie-break on them.
@Suite("Multi-parametric maps and settled ties")
struct MultiParametricTests {
    /// max 3x + 2y (or x + y for `tied`) s.t. x + y <= 4 + θ₁, x <= 3 + θ₂, y <= 3, x, y >= 0.
    static func model(tied: Bool = false) -> (Model, total: ConstraintRef, cap: ConstraintRef, x: Variable, y: Variable) {
        var model = Model(name: "two_parameters")
        let x = model.addVariable("x")
        let y = model.addVariable("y", upperBound: 3)
        let total = model.addConstraint(x + y <= 4, name: "total")
        let cap = model.addConstraint(LinearExpression(x) <= 3, name: "cap")
        model.maximize(tied ? x + y : 3 * x + 2 * y)
        return (model, total, cap, x, y)
    }

    /// By hand: x takes what it can, x = min(3 + θ₂, 4 + θ₁), y the rest up to its bound,
    /// y = min(3, 4 + θ₁ − x). Three bases: above the line θ₂ = 1 + θ₁ (y = 0), past the line
    /// θ₁ − θ₂ = 2 (y = 3, the total not binding), and between. No plan for θ₁ < −4.
    static func expected(_ point: ParameterPoint) -> (x: Double, y: Double, objective: Double)? {
        guard point.first >= -4 else { return nil }
        let x = min(3 + point.second, 4 + point.first)
        let y = min(3, 4 + point.first - x)
        return (x, y, 3 * x + 2 * y)
    }

    @Test func theMapOfATextbookLPMatchesTheHandSolution() throws {
        let (model, total, cap, x, y) = Self.model()
        let domain = ParameterPolygon(first: -1...2, second: -1...1)
        let map = try GLPKSolver().rightHandSideMap(model, first: [total: 1], second: [cap: 1], over: domain, settleTies: false, maximumRegions: 100)
        #expect(!map.truncated)
        #expect(map.infeasiblePoints.isEmpty)
        // Three bases: the triangle above θ₂ = 1 + θ₁ (area 1/2), the corner past θ₁ − θ₂ = 2
        // (1/2) and the rest (5).
        #expect(map.regions.count == 3)
        #expect(abs(map.coveredArea - 6) < 1e-9)
        #expect(map.regions.map(\.polygon.area).sorted().map { ($0 * 1e9).rounded() / 1e9 } == [0.5, 0.5, 5])
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let point = ParameterPoint(Double.random(in: -1...2, using: &generator), Double.random(in: -1...1, using: &generator))
            let region = try #require(map.region(at: point))
            let hand = try #require(Self.expected(point))
            #expect(abs(region.value(of: x.index, at: point) - hand.x) < 1e-9)
            #expect(abs(region.value(of: y.index, at: point) - hand.y) < 1e-9)
            #expect(abs(region.objective(at: point) - hand.objective) < 1e-9)
        }
        // The prices: below the line the total is worth 2 and the cap 1; above it 3 and 0.
        let below = try #require(map.region(at: ParameterPoint(1, -0.5)))
        #expect(abs(below.prices[total.index] - 2) < 1e-9 && abs(below.prices[cap.index] - 1) < 1e-9)
        let above = try #require(map.region(at: ParameterPoint(-0.9, 0.9)))
        #expect(abs(above.prices[total.index] - 3) < 1e-9 && abs(above.prices[cap.index]) < 1e-9)
    }

    @Test func whereThereIsNoPlanTheMapLeavesAGapAndSaysSo() throws {
        let (model, total, cap, _, _) = Self.model()
        let domain = ParameterPolygon(first: -5...2, second: -1...1)
        let map = try GLPKSolver().rightHandSideMap(model, first: [total: 1], second: [cap: 1], over: domain, settleTies: false, maximumRegions: 100)
        // θ₁ < −4 has no plan: 12 of the 14 units of area are covered.
        #expect(abs(map.coveredArea - 12) < 1e-6)
        #expect(!map.infeasiblePoints.isEmpty)
        #expect(map.infeasiblePoints.allSatisfy { $0.point.first < -4 && $0.termination == .infeasible })
        #expect(map.region(at: ParameterPoint(-4.5, 0)) == nil)
    }

    @Test func settledTiesGiveOnePlanWhateverTheStart() throws {
        let (model, _, _, x, y) = Self.model(tied: true)
        // Every split of 4 between x (at most 3) and y (at most 3) is optimal; the tie-break
        // takes the least use, then the earlier column: x = 3, y = 1.
        for method in SimplexMethod.allCases {
            for presolve in [false, true] {
                var options = SolveOptions()
                options.method = method
                options.presolve = presolve
                options.settleTies = true
                let solution = try GLPKSolver().solve(model, options: options)
                #expect(solution.tiesSettled == true)
                #expect(abs(solution.value(of: x) - 3) < 1e-9 && abs(solution.value(of: y) - 1) < 1e-9, "\(method) presolve \(presolve)")
                #expect(abs((solution.objectiveValue ?? 0) - 4) < 1e-12)
                // The prices are those of an optimal basis at that plan: the total is worth 1.
                #expect(abs((solution.constraints[0].shadowPrice ?? 0) - 1) < 1e-9)
            }
        }
        // Not asked: not reported.
        #expect(try GLPKSolver().solve(model, options: SolveOptions()).tiesSettled == nil)
    }

    @Test func aMapWithSettledTiesFollowsTheTieBreak() throws {
        let (model, total, cap, x, y) = Self.model(tied: true)
        let domain = ParameterPolygon(first: -1...2, second: -1...1)
        let map = try GLPKSolver().rightHandSideMap(model, first: [total: 1], second: [cap: 1], over: domain, settleTies: true, maximumRegions: 100)
        #expect(abs(map.coveredArea - 6) < 1e-9)
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<50 {
            let point = ParameterPoint(Double.random(in: -1...2, using: &generator), Double.random(in: -1...1, using: &generator))
            let region = try #require(map.region(at: point))
            // x takes what it can (the earlier column); y the rest, up to its bound of 3.
            let expectedX = min(3 + point.second, 4 + point.first)
            let expectedY = min(3, 4 + point.first - expectedX)
            #expect(abs(region.value(of: x.index, at: point) - expectedX) < 1e-9, "\(point)")
            #expect(abs(region.value(of: y.index, at: point) - expectedY) < 1e-9, "\(point)")
            #expect(abs(region.objective(at: point) - (expectedX + expectedY)) < 1e-9)
            // A cold solve with ties settled gives the same plan.
            var moved = model
            moved.setBounds(of: total, .lessOrEqual(4 + point.first))
            moved.setBounds(of: cap, .lessOrEqual(3 + point.second))
            var options = SolveOptions()
            options.settleTies = true
            let solved = try GLPKSolver().solve(moved, options: options)
            #expect(abs(solved.value(of: x) - region.value(of: x.index, at: point)) < 1e-9)
        }
    }

    @Test func badRequestsAreRefusedBeforeGLPKSeesThem() throws {
        let (model, total, cap, _, _) = Self.model()
        let solver = GLPKSolver()
        #expect(throws: SolverError.self) {
            try solver.rightHandSideMap(model, first: [ConstraintRef(index: 9): 1], second: [:], over: ParameterPolygon(first: 0...1, second: 0...1), settleTies: false, maximumRegions: 10)
        }
        #expect(throws: SolverError.self) {
            try solver.rightHandSideMap(model, first: [total: .nan], second: [:], over: ParameterPolygon(first: 0...1, second: 0...1), settleTies: false, maximumRegions: 10)
        }
        #expect(throws: SolverError.self) {
            try solver.rightHandSideMap(model, first: [total: 1], second: [cap: 1], over: ParameterPolygon(first: 0...0, second: 0...1), settleTies: false, maximumRegions: 10)
        }
        // The region limit stops the map and says so.
        let map = try solver.rightHandSideMap(model, first: [total: 1], second: [cap: 1], over: ParameterPolygon(first: -1...2, second: -1...1), settleTies: false, maximumRegions: 1)
        #expect(map.truncated && map.regions.count == 1)
    }

    /// A small region far from the plane's origin (CHF 600 million by 1,620 FTE-years, a few
    /// CHF wide) keeps its area and centroid: products from the origin would cancel every digit
    /// (the page's checks once solved outside such a region).
    @Test func aSmallPolygonFarFromTheOriginKeepsItsAreaAndCentroid() {
        let triangle = ParameterPolygon(vertices: [ParameterPoint(599_099.70, 1_620.50), ParameterPoint(599_099.73, 1_620.50), ParameterPoint(599_099.70, 1_620.56)])
        #expect(abs(triangle.area - 0.03 * 0.06 / 2) <= 1e-12)
        let centre = triangle.centroid
        #expect(abs(centre.first - 599_099.71) <= 1e-9 && abs(centre.second - 1_620.52) <= 1e-9)
        #expect(triangle.depth(of: centre) > 0.005)
        let square = ParameterPolygon(first: 599_000.0...599_000.01, second: 1_620.0...1_620.01)
        #expect(abs(square.area - 1e-4) <= 1e-12)
        #expect(abs(square.centroid.first - 599_000.005) <= 1e-9 && abs(square.centroid.second - 1_620.005) <= 1e-9)
    }

    /// A square less an overlapping square: the L-shaped rest in convex parts, by hand.
    @Test func aPolygonLessAnotherLeavesWhatLiesOutsideIt() {
        let square = ParameterPolygon(first: 0...2, second: 0...2)
        let corner = ParameterPolygon(first: 1...3, second: 1...3)
        let rest = square.subtracting(corner)
        #expect(abs(rest.reduce(0) { $0 + $1.area } - 3) <= 1e-12)
        #expect(rest.allSatisfy { $0.depth(of: ParameterPoint(1.5, 1.5)) < 0 })
        #expect(rest.contains { $0.depth(of: ParameterPoint(0.5, 1.5)) > 0 } && rest.contains { $0.depth(of: ParameterPoint(1.5, 0.5)) > 0 })
        #expect(square.subtracting(ParameterPolygon(first: -1...3, second: -1...3)).isEmpty)
        #expect(abs(square.subtracting(ParameterPolygon(first: 5...6, second: 5...6)).reduce(0) { $0 + $1.area } - 4) <= 1e-12)
        // A polygon without area, or clockwise, takes nothing away.
        #expect(square.subtracting(ParameterPolygon(vertices: [])).count == 1)
        #expect(square.subtracting(ParameterPolygon(vertices: [ParameterPoint(1, 1), ParameterPoint(1, 1), ParameterPoint(1, 1)])).count == 1)
        #expect(square.subtracting(ParameterPolygon(vertices: ParameterPolygon(first: -1...3, second: -1...3).vertices.reversed())).count == 1)
    }

    /// Regions that others cover whole are dropped (smallest first), the rest kept with their
    /// bases numbered again; a region covered only in part stays.
    @Test func regionsThatOthersCoverWholeAreDropped() {
        func region(_ polygon: ParameterPolygon, basis: Int) -> ParametricRegion {
            ParametricRegion(polygon: polygon, origin: polygon.centroid, values: [Double(basis)], firstRates: [0], secondRates: [0], objective: 0,
                             objectiveRates: (0, 0), prices: [], basis: basis)
        }
        let domain = ParameterPolygon(first: 0...4, second: 0...2)
        let regions = [region(ParameterPolygon(first: 0...2, second: 0...2), basis: 5),   // left half
                       region(ParameterPolygon(first: 2...4, second: 0...2), basis: 7),   // right half
                       region(ParameterPolygon(first: 1.5...2.5, second: 0...2), basis: 9),   // across the middle: covered by the two
                       region(ParameterPolygon(first: 3.5...4.5, second: 0...2), basis: 11)] // partly outside the others: stays
        let map = ParametricMap(domain: domain, regions: regions, infeasiblePoints: [], bases: 4, truncated: false).withoutCoveredRegions()
        #expect(map.regions.map { $0.values[0] } == [5, 7, 11])
        #expect(map.regions.map(\.basis) == [0, 1, 2] && map.bases == 3)
        let alone = ParametricMap(domain: domain, regions: [regions[0]], infeasiblePoints: [], bases: 1, truncated: false).withoutCoveredRegions()
        #expect(alone.regions.count == 1)
    }
}

