import LinearModel

/// Small problems with known answers that any ``LPSolver`` backend must reproduce: optimum,
/// values, reduced costs, shadow prices (Excel's sign convention) and allowable ranges.
public enum ConformanceSuite {
    public static let problems: [ConformanceProblem] =
        [productMix(), productMixWithUnprofitableProduct(), diet(), transportation(), rangedRow(),
         freeFixedAndShiftedBounds(), nonBindingRows(), infeasible(presolve: true), infeasible(presolve: false),
         unbounded(presolve: true), unbounded(presolve: false), knapsack(), generalInteger()]
        + shadowPriceSigns() + reducedCostSigns()

    private static let unlimited = Double.infinity

    private static func problem(
        _ name: String, _ reference: String, _ model: Model, ranges: Bool = true,
        presolve: Bool = true, _ expectation: Expectation
    ) -> ConformanceProblem {
        var options = SolveOptions()
        options.computeSensitivity = ranges
        options.presolve = presolve
        return ConformanceProblem(name: name, reference: reference, model: model, options: options, expectation: expectation)
    }

    /// Hillier & Lieberman's Wyndor Glass product mix, with the sensitivity report Excel prints for it.
    static func productMix() -> ConformanceProblem {
        var model = Model(name: "wyndor")
        let x = model.addVariable("doors")
        let y = model.addVariable("windows")
        model.addConstraint(x <= 4, name: "plant1")
        model.addConstraint(2 * y <= 12, name: "plant2")
        model.addConstraint(3 * x + 2 * y <= 18, name: "plant3")
        model.maximize(3 * x + 5 * y)
        var expected = Expectation(status: "optimal", objective: 36)
        expected.values = ["doors": 2, "windows": 6]
        expected.reducedCosts = ["doors": 0, "windows": 0]
        expected.shadowPrices = ["plant1": 0, "plant2": 1.5, "plant3": 1]
        expected.coefficientRanges = [
            "doors": AllowableRange(increase: 4.5, decrease: 3),
            "windows": AllowableRange(increase: unlimited, decrease: 3),
        ]
        expected.rightHandSideRanges = [
            "plant1": AllowableRange(increase: unlimited, decrease: 2),
            "plant2": AllowableRange(increase: 6, decrease: 6),
            "plant3": AllowableRange(increase: 6, decrease: 6),
        ]
        return problem("product mix (Wyndor)", "Hillier & Lieberman, Introduction to Operations Research, sec. 3.1 and 7.2", model, expected)
    }

    /// Wyndor plus a product worth 1 that takes 2 hours of plant 3 (worth 1 each): reduced cost -1,
    /// so its profit may rise by 1 before it is made, and fall without limit.
    static func productMixWithUnprofitableProduct() -> ConformanceProblem {
        var model = Model(name: "wyndor_plus")
        let x = model.addVariable("doors")
        let y = model.addVariable("windows")
        let z = model.addVariable("frames")
        model.addConstraint(x <= 4, name: "plant1")
        model.addConstraint(2 * y <= 12, name: "plant2")
        model.addConstraint(3 * x + 2 * y + 2 * z <= 18, name: "plant3")
        model.maximize(3 * x + 5 * y + 1 * z)
        var expected = Expectation(status: "optimal", objective: 36)
        expected.values = ["doors": 2, "windows": 6, "frames": 0]
        expected.reducedCosts = ["frames": -1]
        expected.coefficientRanges = ["frames": AllowableRange(increase: 1, decrease: unlimited)]
        return problem("non-basic variable's reduced-cost range", "by hand: 1 - 2 x (plant3 price 1) = -1", model, expected)
    }

    /// min 3a + 2b, a + b >= 4, a + 3b >= 6: optimum (0, 4), cost 8.
    static func diet() -> ConformanceProblem {
        var model = Model(name: "diet")
        let a = model.addVariable("oats")
        let b = model.addVariable("beans")
        model.addConstraint(a + b >= 4, name: "energy")
        model.addConstraint(a + 3 * b >= 6, name: "protein")
        model.minimize(3 * a + 2 * b)
        var expected = Expectation(status: "optimal", objective: 8)
        expected.values = ["oats": 0, "beans": 4]
        expected.reducedCosts = ["oats": 1, "beans": 0]
        expected.shadowPrices = ["energy": 2, "protein": 0]
        expected.coefficientRanges = [
            "oats": AllowableRange(increase: unlimited, decrease: 1),
            "beans": AllowableRange(increase: 1, decrease: 2),
        ]
        expected.rightHandSideRanges = [
            "energy": AllowableRange(increase: unlimited, decrease: 2),
            "protein": AllowableRange(increase: 6, decrease: unlimited),
        ]
        return problem("diet (min, >=)", "by hand: beans at 2/unit meet energy; protein slack 6; oats lose 3 - 2 = 1", model, expected)
    }

    /// Two plants (capacity 30, 35) ship to three markets (demand 10, 25, 15 exactly).
    static func transportation() -> ConformanceProblem {
        var model = Model(name: "transport")
        let costs: [[Double]] = [[8, 6, 10], [9, 12, 13]]
        let supply: [Double] = [30, 35]
        let demand: [Double] = [10, 25, 15]
        var ship: [[Variable]] = []
        for plant in 0..<2 {
            ship.append((0..<3).map { model.addVariable("ship(\(plant + 1),\(($0) + 1))") })
        }
        for plant in 0..<2 {
            model.addConstraint(LinearExpression.sum(ship[plant]) <= supply[plant], name: "supply\(plant + 1)")
        }
        for market in 0..<3 {
            model.addConstraint(LinearExpression.sum(ship.map { $0[market] }) == demand[market], name: "demand\(market + 1)")
        }
        var objective = LinearExpression()
        for plant in 0..<2 { for market in 0..<3 { objective.add(costs[plant][market], ship[plant][market]) } }
        model.minimize(objective)
        var expected = Expectation(status: "optimal", objective: 420)
        expected.values = ["ship(1,2)": 25, "ship(1,3)": 5, "ship(2,1)": 10, "ship(2,3)": 10, "ship(1,1)": 0, "ship(2,2)": 0]
        expected.reducedCosts = ["ship(1,1)": 2, "ship(2,2)": 3]
        expected.shadowPrices = ["supply1": -3, "supply2": 0, "demand1": 9, "demand2": 9, "demand3": 13]
        expected.rightHandSideRanges = [
            "supply1": AllowableRange(increase: 10, decrease: 5),
            "supply2": AllowableRange(increase: unlimited, decrease: 15),
            "demand1": AllowableRange(increase: 15, decrease: 10),
            "demand2": AllowableRange(increase: 5, decrease: 10),
            "demand3": AllowableRange(increase: 15, decrease: 10),
        ]
        return problem("transportation (equality rows)", "by hand: u = (-3, 0), v = (9, 9, 13); 30x(-3) + 10x9 + 25x9 + 15x13 = 420", model, expected)
    }

    /// max x + y, 2 <= x - y <= 4, x + 2y <= 10: optimum (6, 2) with the range at its upper limit.
    /// The active limit may fall only to the other limit (2): below it the row is empty.
    static func rangedRow() -> ConformanceProblem {
        var model = Model(name: "ranged")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint(x - y, lowerBound: 2, upperBound: 4, name: "spread")
        model.addConstraint(x + 2 * y <= 10, name: "capacity")
        model.maximize(x + y)
        var expected = Expectation(status: "optimal", objective: 8)
        expected.values = ["x": 6, "y": 2]
        expected.shadowPrices = ["spread": 1.0 / 3, "capacity": 2.0 / 3]
        expected.coefficientRanges = [
            "x": AllowableRange(increase: unlimited, decrease: 0.5),
            "y": AllowableRange(increase: 1, decrease: 2),
        ]
        expected.rightHandSideRanges = [
            "spread": AllowableRange(increase: 6, decrease: 2),
            "capacity": AllowableRange(increase: unlimited, decrease: 6),
        ]
        return problem("ranged row", "by hand: duals solve y1 + y2 = 1, -y1 + 2y2 = 1", model, expected)
    }

    /// min 2f + h + g with f free, g fixed at 3, h in [3, 8]; f - h >= -1, f + g >= 4.
    static func freeFixedAndShiftedBounds() -> ConformanceProblem {
        var model = Model(name: "bounds")
        let f = model.addVariable("f", lowerBound: -.infinity, upperBound: .infinity)
        let g = model.addVariable("g", lowerBound: 3, upperBound: 3)
        let h = model.addVariable("h", lowerBound: 3, upperBound: 8)
        model.addConstraint(f - h >= -1, name: "lead")
        model.addConstraint(f + g >= 4, name: "cover")
        model.minimize(2 * f + h + g)
        var expected = Expectation(status: "optimal", objective: 10)
        expected.values = ["f": 2, "g": 3, "h": 3]
        expected.reducedCosts = ["f": 0, "g": 1, "h": 3]
        expected.shadowPrices = ["lead": 2, "cover": 0]
        expected.coefficientRanges = [
            "f": AllowableRange(increase: unlimited, decrease: 2),
            "g": AllowableRange(increase: unlimited, decrease: unlimited),
            "h": AllowableRange(increase: unlimited, decrease: 3),
        ]
        expected.rightHandSideRanges = [
            "lead": AllowableRange(increase: unlimited, decrease: 1),
            "cover": AllowableRange(increase: 1, decrease: unlimited),
        ]
        return problem("free, fixed and non-zero-bounded variables", "by hand: f = h - 1 = 2; h costs 1 + 2 = 3 per unit", model, expected)
    }

    /// max x with x <= 5 (binding), x <= 8 and x >= 1 (not binding).
    static func nonBindingRows() -> ConformanceProblem {
        var model = Model(name: "slack_rule")
        let x = model.addVariable("x")
        model.addConstraint(x <= 5, name: "tight")
        model.addConstraint(x <= 8, name: "loose_cap")
        model.addConstraint(x >= 1, name: "loose_floor")
        model.maximize(LinearExpression(x))
        var expected = Expectation(status: "optimal", objective: 5)
        expected.shadowPrices = ["tight": 1, "loose_cap": 0, "loose_floor": 0]
        expected.rightHandSideRanges = [
            "tight": AllowableRange(increase: 3, decrease: 4),
            "loose_cap": AllowableRange(increase: unlimited, decrease: 3),
            "loose_floor": AllowableRange(increase: 4, decrease: unlimited),
        ]
        return problem("non-binding <= and >= rows", "slack rule: the right-hand side may move to the activity", model, expected)
    }

    static func infeasible(presolve: Bool) -> ConformanceProblem {
        var model = Model(name: "infeasible")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint(x + y <= 2, name: "at_most")
        model.addConstraint(x + y >= 5, name: "at_least")
        model.maximize(x + y)
        return problem("infeasible (presolve \(presolve ? "on" : "off"))", "x + y <= 2 and >= 5", model,
                       presolve: presolve, Expectation(status: "infeasible"))
    }

    static func unbounded(presolve: Bool) -> ConformanceProblem {
        var model = Model(name: "unbounded")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint(x - y <= 1, name: "spread")
        model.maximize(x + y)
        return problem("unbounded (presolve \(presolve ? "on" : "off"))", "x = y grows without limit", model,
                       presolve: presolve, Expectation(status: "unbounded"))
    }

    /// Weights 4, 6, 3, 5, capacity 10, values 10, 13, 7, 8: the best pair is {a, b} = 23.
    static func knapsack() -> ConformanceProblem {
        var model = Model(name: "knapsack")
        let items = ["a", "b", "c", "d"].map { model.addVariable($0, kind: .binary) }
        let weights: [Double] = [4, 6, 3, 5]
        let values: [Double] = [10, 13, 7, 8]
        model.addConstraint(LinearExpression(Dictionary(uniqueKeysWithValues: zip(items, weights))) <= 10, name: "capacity")
        model.maximize(LinearExpression(Dictionary(uniqueKeysWithValues: zip(items, values))))
        var expected = Expectation(status: "optimal", objective: 23)
        expected.values = ["a": 1, "b": 1, "c": 0, "d": 0]
        expected.dualSource = .lpWithIntegersFixed
        return problem("knapsack (binary MIP)", "enumeration of the 16 subsets", model, expected)
    }

    /// max 21x + 11y, 7x + 4y <= 13: the relaxation is x = 13/7; rounding gives 32, the optimum is 33 at (0, 3).
    static func generalInteger() -> ConformanceProblem {
        var model = Model(name: "general_integer")
        let x = model.addVariable("x", kind: .integer)
        let y = model.addVariable("y", kind: .integer)
        model.addConstraint(7 * x + 4 * y <= 13, name: "resource")
        model.maximize(21 * x + 11 * y)
        var expected = Expectation(status: "optimal", objective: 33)
        expected.values = ["x": 0, "y": 3]
        // With x and y fixed, the resource row has slack 1: its price is 0.
        expected.shadowPrices = ["resource": 0]
        expected.dualSource = .lpWithIntegersFixed
        return problem("general-integer MIP (optimum is not the rounded relaxation)", "enumeration: (1,1) = 32, (0,3) = 33", model, expected)
    }

    /// Shadow price = change of the optimal objective per unit increase of the right-hand side,
    /// for every objective sense and row type.
    static func shadowPriceSigns() -> [ConformanceProblem] {
        var cases: [ConformanceProblem] = []
        func add(_ name: String, _ build: (inout Model) -> Void, objective: Double, prices: [String: Double]) {
            var model = Model(name: "signs")
            build(&model)
            var expected = Expectation(status: "optimal", objective: objective)
            expected.shadowPrices = prices
            cases.append(problem("shadow price sign: \(name)", "one unit more right-hand side, re-solved by hand", model, expected))
        }
        add("max, <=", { model in
            let x = model.addVariable("x")
            model.addConstraint(x <= 3, name: "cap")
            model.maximize(2 * x)
        }, objective: 6, prices: ["cap": 2])
        add("max, >=", { model in
            let x = model.addVariable("x")
            model.addConstraint(x >= 3, name: "floor")
            model.maximize(-x)
        }, objective: -3, prices: ["floor": -1])
        add("max, =", { model in
            let x = model.addVariable("x")
            let y = model.addVariable("y")
            model.addConstraint(x + 2 * y == 4, name: "balance")
            model.addConstraint(x <= 2, name: "cap")
            model.maximize(x + y)
        }, objective: 3, prices: ["balance": 0.5, "cap": 0.5])
        add("min, <=", { model in
            let x = model.addVariable("x")
            model.addConstraint(x <= 5, name: "cap")
            model.minimize(-x)
        }, objective: -5, prices: ["cap": -1])
        add("min, >=", { model in
            let x = model.addVariable("x")
            model.addConstraint(x >= 2, name: "floor")
            model.minimize(4 * x)
        }, objective: 8, prices: ["floor": 4])
        add("min, =", { model in
            let x = model.addVariable("x")
            let y = model.addVariable("y")
            model.addConstraint(x + y == 5, name: "balance")
            model.addConstraint(x <= 3, name: "cap")
            model.minimize(x + 3 * y)
        }, objective: 9, prices: ["balance": 3, "cap": -2])
        return cases
    }

    /// Reduced cost = change of the objective per unit increase of the variable from its bound.
    static func reducedCostSigns() -> [ConformanceProblem] {
        var cases: [ConformanceProblem] = []
        func add(_ name: String, _ build: (inout Model) -> Void, objective: Double, cost: Double, range: AllowableRange) {
            var model = Model(name: "signs")
            build(&model)
            var expected = Expectation(status: "optimal", objective: objective)
            expected.reducedCosts = ["y": cost]
            expected.coefficientRanges = ["y": range]
            cases.append(problem("reduced cost sign: \(name)", "one unit more y, re-solved by hand", model, expected))
        }
        add("max, at lower bound", { model in
            let x = model.addVariable("x")
            let y = model.addVariable("y")
            model.addConstraint(x + y <= 4, name: "cap")
            model.maximize(3 * x + y)
        }, objective: 12, cost: -2, range: AllowableRange(increase: 2, decrease: .infinity))
        add("min, at lower bound", { model in
            let x = model.addVariable("x")
            let y = model.addVariable("y")
            model.addConstraint(x + y >= 2, name: "floor")
            model.minimize(x + 3 * y)
        }, objective: 2, cost: 2, range: AllowableRange(increase: .infinity, decrease: 2))
        add("max, at upper bound", { model in
            let x = model.addVariable("x")
            let y = model.addVariable("y", upperBound: 1)
            model.addConstraint(x + y <= 4, name: "cap")
            model.maximize(x + 2 * y)
        }, objective: 5, cost: 1, range: AllowableRange(increase: .infinity, decrease: 1))
        add("min, at upper bound", { model in
            let x = model.addVariable("x")
            let y = model.addVariable("y", upperBound: 1)
            model.addConstraint(x + y <= 4, name: "cap")
            model.minimize(-x - 2 * y)
        }, objective: -5, cost: -1, range: AllowableRange(increase: 1, decrease: .infinity))
        return cases
    }
}
