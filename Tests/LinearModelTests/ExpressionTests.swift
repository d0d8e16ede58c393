import LinearModel
import Testing

@Suite("Building models")
struct ExpressionTests {
    @Test func operatorsMergeRepeatedVariablesAndMoveConstantsRight() {
        var model = Model(name: "m")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        let row = model.addConstraint(2 * x + y + 3 * x - y + 4 <= 10 + y, name: "c")
        let definition = model.constraints[row.index]
        #expect(definition.terms == [LinearTerm(variable: x, coefficient: 5), LinearTerm(variable: y, coefficient: -1)])
        #expect(definition.bounds == .lessOrEqual(6))
    }

    @Test func comparisonSensesBecomeRowTypes() {
        var model = Model(name: "m")
        let x = model.addVariable("x")
        model.addConstraint(x >= 2, name: "ge")
        model.addConstraint(LinearExpression(x) == 3, name: "eq")
        model.addConstraint(x - 1, lowerBound: 1, upperBound: 4, name: "range")
        model.addConstraint(LinearExpression(x), lowerBound: -.infinity, upperBound: 7, name: "le")
        model.addConstraint(LinearExpression(x), lowerBound: 5, upperBound: 5, name: "fixed")
        #expect(model.constraints.map(\.bounds) == [
            .greaterOrEqual(2), .equal(3), .ranged(lower: 2, upper: 5), .lessOrEqual(7), .equal(5),
        ])
    }

    @Test func sumAndScalingKeepConstants() {
        var model = Model(name: "m")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        let expression = 2 * (LinearExpression.sum([x, y]) + 1.5) - x
        #expect(expression.terms == [LinearTerm(variable: x, coefficient: 1), LinearTerm(variable: y, coefficient: 2)])
        #expect(expression.constant == 3)
        #expect(expression.value(at: [1, 2]) == 8)
    }

    @Test func zeroCoefficientsAreDropped() {
        var model = Model(name: "m")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        let row = model.addConstraint(x + y - y <= 1, name: "c")
        #expect(model.constraints[row.index].terms == [LinearTerm(variable: x, coefficient: 1)])
    }

    @Test func binaryVariablesAlwaysHaveUnitBounds() {
        var model = Model(name: "m")
        let b = model.addVariable("b", lowerBound: -4, upperBound: 9, kind: .binary)
        #expect(model.variables[b.index].lowerBound == 0)
        #expect(model.variables[b.index].upperBound == 1)
        #expect(model.isMixedInteger)
    }

    @Test func objectiveCoefficientsCanBeChangedOneByOne() {
        var model = Model(name: "m")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.maximize(3 * x + 2 + y)
        model.setObjectiveCoefficient(of: x, to: 5)
        #expect(model.objective.coefficient(of: x) == 5)
        #expect(model.objective.coefficient(of: y) == 1)
        #expect(model.objective.expression.constant == 2)
        #expect(model.objectiveValue(at: [1, 1]) == 8)
    }
}
