import LinearModel
import Testing

@Suite("Model validation")
struct ValidationTests {
    /// A valid one-variable model to break in one place.
    private func base() -> (Model, Variable) {
        var model = Model(name: "m")
        let x = model.addVariable("x")
        model.addConstraint(x <= 1, name: "c")
        model.maximize(LinearExpression(x))
        return (model, x)
    }

    private func issues(_ model: Model) -> [String] {
        model.validationIssues().map(\.description)
    }

    @Test func validModelPasses() {
        #expect(issues(base().0).isEmpty)
    }

    @Test(arguments: [
        ("", "variable '' (column 2): name is empty"),
        (String(repeating: "a", count: 256), "variable '\(String(repeating: "a", count: 256))' (column 2): name is 256 bytes long; at most 255 are allowed"),
        ("2x", "variable '2x' (column 2): name starts with '2'; a name may not start with a digit, a period or '$' (a comment in MPS files)"),
        (".x", "variable '.x' (column 2): name starts with '.'; a name may not start with a digit, a period or '$' (a comment in MPS files)"),
        ("a b", "variable 'a b' (column 2): name contains ' '; only ASCII letters, digits and !\"#$%&()/,.;?@_`'{}|~ are allowed"),
        ("a-b", "variable 'a-b' (column 2): name contains '-'; only ASCII letters, digits and !\"#$%&()/,.;?@_`'{}|~ are allowed"),
        ("café", "variable 'café' (column 2): name contains 'é'; only ASCII letters, digits and !\"#$%&()/,.;?@_`'{}|~ are allowed"),
        ("x[1]", "variable 'x[1]' (column 2): name contains '['; only ASCII letters, digits and !\"#$%&()/,.;?@_`'{}|~ are allowed"),
        ("Free", "variable 'Free' (column 2): name is a keyword of the CPLEX LP format"),
        ("~r_1", "variable '~r_1' (column 2): name starts with '~r_', which GLPK reserves for the slacks of ranged rows"),
    ])
    func badVariableNames(name: String, message: String) {
        var (model, _) = base()
        model.addVariable(name)
        #expect(issues(model) == [message])
    }

    @Test func duplicateNames() {
        var (model, x) = base()
        model.addVariable("x")
        model.addConstraint(x >= 0, name: "c")
        #expect(issues(model) == [
            "variable 'x' (column 2): duplicate name; column 1 has it too",
            "constraint 'c' (row 2): duplicate name; row 1 has it too",
        ])
    }

    @Test func badBounds() {
        var (model, _) = base()
        model.addVariable("nan", lowerBound: .nan)
        model.addVariable("up", lowerBound: .infinity)
        model.addVariable("down", upperBound: -.infinity)
        model.addVariable("crossed", lowerBound: 5, upperBound: 3)
        let b = model.addVariable("b", kind: .binary)
        model.setBounds(of: b, lower: 0, upper: 2)
        #expect(issues(model) == [
            "variable 'nan' (column 2): lower bound nan is not a number or +infinity",
            "variable 'up' (column 3): lower bound inf is not a number or +infinity",
            "variable 'down' (column 4): upper bound -inf is not a number or -infinity",
            "variable 'crossed' (column 5): lower bound 5.0 is above upper bound 3.0",
            "variable 'b' (column 6): a binary variable must have bounds [0, 1]",
        ])
    }

    @Test func badRows() {
        var (model, x) = base()
        model.addConstraint(Double.nan * x <= 1, name: "nan_coefficient")
        model.addConstraint(x <= .infinity, name: "infinite_rhs")
        model.addConstraint(x >= .nan, name: "nan_rhs")
        model.addConstraint(LinearExpression(x), lowerBound: 4, upperBound: 2, name: "crossed")
        model.setBounds(of: ConstraintRef(index: 0), .ranged(lower: -.infinity, upper: 3))
        #expect(issues(model) == [
            "constraint 'c' (row 1): range [-inf, 3.0] is not finite on both sides",
            "constraint 'nan_coefficient' (row 2): coefficient of 'x' is nan",
            "constraint 'infinite_rhs' (row 3): right-hand side inf is not finite",
            "constraint 'nan_rhs' (row 4): right-hand side nan is not finite",
            "constraint 'crossed' (row 5): lower limit 4.0 is above upper limit 2.0",
        ])
    }

    @Test func variableOfAnotherModel() {
        var (model, _) = base()
        var other = Model(name: "other")
        other.addVariable("a")
        other.addVariable("b")
        let foreign = other.addVariable("c")
        model.addConstraint(foreign <= 1, name: "foreign")
        #expect(issues(model) == ["constraint 'foreign' (row 2): uses variable #2, which is not in this model"])
    }

    @Test func badObjective() {
        var (model, x) = base()
        model.maximize(Double.infinity * x + .nan)
        model.objective.name = "9obj"
        #expect(issues(model) == [
            "objective: name starts with '9'; a name may not start with a digit, a period or '$' (a comment in MPS files)",
            "objective: coefficient of 'x' is inf",
            "objective: constant nan is not finite",
        ])
    }

    @Test func badModelName() {
        var (model, _) = base()
        model.name = "two\nlines"
        #expect(issues(model) == ["model: name must be at most 255 bytes without control characters"])
    }

    @Test func errorListsEveryProblemInOneMessage() {
        var (model, _) = base()
        model.addVariable("")
        model.addVariable("y", lowerBound: 2, upperBound: 1)
        do {
            try model.validate()
            Issue.record("expected a validation error")
        } catch {
            #expect(error.description == """
            model 'm' is invalid (2 problems)
              variable '' (column 2): name is empty
              variable 'y' (column 3): lower bound 2.0 is above upper bound 1.0
            """)
        }
    }

    @Test func badOptions() {
        func problem(_ change: (inout SolveOptions) -> Void) -> String? {
            var options = SolveOptions()
            change(&options)
            return options.problem()
        }
        #expect(problem { _ in } == nil)
        #expect(problem { $0.iterationLimit = 0 } == "iteration limit 0 must be between 1 and 2147483647")
        #expect(problem { $0.timeLimit = -1 } == "time limit -1.0 s must be a positive number of seconds, at most 2147483")
        #expect(problem { $0.timeLimit = .nan } == "time limit nan s must be a positive number of seconds, at most 2147483")
        #expect(problem { $0.mipRelativeGap = -0.1 } == "MIP relative gap -0.1 must be a finite number >= 0")
        #expect(problem { $0.mipNodeLimit = 0 } == "MIP node limit 0 must be at least 1")
    }
}
