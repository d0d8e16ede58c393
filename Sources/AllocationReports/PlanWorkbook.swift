import Allocation
import LinearModel
import LPReports

/// The plan as a workbook (appendix.xlsx): every Appendix A table as printed, the exact figures,
/// Excel Solver's Answer, Sensitivity and Limits reports in the plan's words, the committee's
/// prices when computed, and the comparison with the baseline. A value: XLSXWriter writes it.
extension AllocationPlan {
    public func workbook(solverReports: SolverStyleReports?, sensitivity: PlanSensitivity? = nil, comparison: PlanComparison? = nil) -> Spreadsheet {
        let money = scenario.organisation.money
        var book = Spreadsheet(title: "\(scenario.organisation.appendixTitle): \(scenario.name)")
        var taken = Set<String>()
        func add(_ name: String, _ rows: [[Spreadsheet.Cell]], frozen: Int) {
            let sheetName = Spreadsheet.sheetName(name, avoiding: taken)
            taken.insert(sheetName)
            book.sheets.append(Spreadsheet.Sheet(name: sheetName, rows: rows, frozenRows: frozen))
        }
        add("Plan", overviewRows(), frozen: 0)
        // Sheet names hold 31 characters: the tables' ids ("budget-by-sector-and-priority") fit.
        for table in appendixTables() { add(table.id.prefix(1).uppercased() + table.id.dropFirst().replacingOccurrences(of: "-", with: " "), table.sheetRows(), frozen: 3) }
        add("Exact figures", exactRows(), frozen: 2)
        if let reports = solverReports {
            add("Answer", reports.answerRows(scenarioName: scenario.name, money: money), frozen: 0)
            add("Sensitivity", reports.sensitivityRows(scenarioName: scenario.name, money: money), frozen: 0)
            add("Limits", reports.limitsRows(scenarioName: scenario.name, money: money), frozen: 0)
        }
        if let sensitivity { add("Prices", sensitivity.sheetRows(), frozen: 0) }
        if let comparison { book.sheets.append(comparison.workbookSheet()) }
        return book
    }

    private func overviewRows() -> [[Spreadsheet.Cell]] {
        let money = scenario.organisation.money
        var rows: [[Spreadsheet.Cell]] = [[.heading(scenario.organisation.appendixTitle)], [.text("Scenario: \(scenario.name)")],
                                          [.text("Status: \(termination.status)")]]
        if let objective { rows.append([.text("Weighted impact"), .number(objective, .exact)]) }
        if let printed = printedTotals() { rows.append([.text("Spent (\(money.unitName))"), .number(printed.money, .money)]) }
        rows.append([])
        rows.append([.heading("Target"), .heading("Name"), .heading("Weight"), .heading("Attainment"), .heading("Reached")])
        for target in targets {
            rows.append([.text(target.id), .text(target.name), .number(target.weight, .exact), .number(target.attainment, .percent),
                         .text(target.isReached ? "yes" : "no")])
        }
        rows.append([])
        rows.append([.text("Units: money in \(money.unitName), staff in FTE, attainment as a share of the gap to the target value closed.")])
        return rows
    }

    private func exactRows() -> [[Spreadsheet.Cell]] {
        let categories = scenario.staff.categories
        let words = scenario.organisation, k = words.money.shortName
        var rows: [[Spreadsheet.Cell]] = [[.heading("Exact figures of every line (\(words.money.unitName), FTE), unrounded")]]
        rows.append(([words.sector.title, words.priority.title, "Line", words.offering.title, "Year", "Budget (\(k))"] + categories.map { "\($0.name) (FTE)" }
            + ["Staff cost (\(k))", "Cost (\(k))", "Committed (\(k))"]).map(Spreadsheet.Cell.heading))
        for line in lines {
            rows.append([.text(line.sector), .text(line.priority), .text(line.line), .text(line.offering), .number(Double(line.year), .integer),
                         .number(line.budget, .exact)] + categories.map { .number(line.staff[$0.id] ?? 0, .exact) }
                + [.number(line.staffCost, .exact), .number(line.cost, .exact), .number(line.committed, .exact)])
        }
        return rows
    }
}

extension CrossTable {
    /// Title, basis, header, the rounded cells with their totals (as printed), and the rounding note.
    func sheetRows() -> [[Spreadsheet.Cell]] {
        let format: Spreadsheet.NumberFormat = quantity == .money ? .money : .fte
        let table = rounded
        var rows: [[Spreadsheet.Cell]] = [[.heading(title)], [.text(quantity == .money ? moneyUnit : "FTE")]]
        rows.append(([corner] + columnLabels + ["Total"]).map(Spreadsheet.Cell.heading))
        for (label, pair) in zip(rowLabels, zip(table.cells, table.rowTotals)) {
            rows.append([.text(label)] + pair.0.map { .number($0, format) } + [.number(pair.1, format)])
        }
        rows.append([.heading("Total")] + table.columnTotals.map { .number($0, format) } + [.number(table.total, format)])
        rows.append([])
        rows.append([.text(basis)])
        rows.append([.text(roundingRule)])
        return rows
    }
}

extension SolverStyleReports {
    private func unitName(_ unit: Unit, _ money: MoneyWords) -> String { unit == .money ? money.shortName : unit.name(money) }

    private func format(_ unit: Unit) -> Spreadsheet.NumberFormat {
        switch unit {
        case .money: .money
        case .fte: .fte
        default: .exact
        }
    }

    /// Excel's Answer report: the objective, the variable cells' final values, and each
    /// constraint's value, formula, status and slack.
    func answerRows(scenarioName: String, money: MoneyWords) -> [[Spreadsheet.Cell]] {
        var rows: [[Spreadsheet.Cell]] = [[.heading("Answer report: \(scenarioName)")],
                                          [.text("Solved by Allot with GLPK; money in \(money.unitName), staff in FTE, impact in target points.")], []]
        rows.append([.heading("Objective cell (max)")])
        rows.append([.heading("Name"), .heading("Final value")])
        rows.append([.text(objectiveName), .number(objective, .exact)])
        rows.append([])
        rows.append([.heading("Variable cells")])
        rows.append(["Cell", "Name", "Unit", "Final value"].map(Spreadsheet.Cell.heading))
        for cell in cells {
            rows.append([.text(cell.name), .text(cell.description), .text(unitName(cell.unit, money)), .number(cell.value, format(cell.unit))])
        }
        rows.append([])
        rows.append([.heading("Constraints")])
        rows.append(["Cell", "Name", "Unit", "Cell value", "Formula", "Status", "Slack"].map(Spreadsheet.Cell.heading))
        for constraint in constraints {
            rows.append([.text(constraint.name), .text(constraint.description), .text(unitName(constraint.unit, money)),
                         .number(constraint.value, format(constraint.unit)),
                         .text("\(constraint.relation) \(NumberText.exact(constraint.rightHandSide))"),
                         .text(constraint.binding ? "Binding" : "Not binding"), .number(constraint.slack, format(constraint.unit))])
        }
        return rows
    }

    /// Excel's Sensitivity report; degenerate rows and columns marked as the appendix marks them.
    func sensitivityRows(scenarioName: String, money: MoneyWords) -> [[Spreadsheet.Cell]] {
        var rows: [[Spreadsheet.Cell]] = [[.heading("Sensitivity report: \(scenarioName)")],
                                          [.text("Reduced costs and shadow prices: change of the weighted impact per one more unit (the 'Per' column), Excel's convention. * degenerate: other optimal plans exist, the value holds on one side only.")]]
        if !hasRanges { rows.append([.text("Ranges were not computed for this plan (solve with sensitivity to have them).")]) }
        rows.append([])
        rows.append([.heading("Variable cells")])
        rows.append(["Cell", "Name", "Unit", "Final value", "Reduced cost", "Per", "Objective coefficient", "Allowable increase", "Allowable decrease", "Degenerate", "Reduced cost when moved"]
            .map(Spreadsheet.Cell.heading))
        for cell in cells {
            rows.append([.text(cell.name), .text(cell.description), .text(unitName(cell.unit, money)), .number(cell.value, format(cell.unit)),
                         .value(cell.reducedCost, .exact), .text(cell.priceUnit.one(money)), .number(cell.objectiveCoefficient, .exact),
                         .value(cell.allowableIncrease, .exact), .value(cell.allowableDecrease, .exact), .text(cell.degenerate ? "*" : ""),
                         cell.reducedCostWhenMoved.map { .number($0, .exact) } ?? .empty])
        }
        rows.append([])
        rows.append([.heading("Constraints")])
        rows.append(["Cell", "Name", "Unit", "Final value", "Shadow price", "Per", "Constraint R.H. side", "Allowable increase", "Allowable decrease", "Degenerate"]
            .map(Spreadsheet.Cell.heading))
        for constraint in constraints {
            rows.append([.text(constraint.name), .text(constraint.description), .text(unitName(constraint.unit, money)),
                         .number(constraint.value, format(constraint.unit)), .value(constraint.shadowPrice, .exact), .text(constraint.priceUnit.one(money)),
                         .number(constraint.rightHandSide, format(constraint.unit)),
                         .value(constraint.allowableIncrease, .exact), .value(constraint.allowableDecrease, .exact), .text(constraint.degenerate ? "*" : "")])
        }
        return rows
    }

    /// Excel's Limits report: each cell's lowest and highest value with every other cell held.
    func limitsRows(scenarioName: String, money: MoneyWords) -> [[Spreadsheet.Cell]] {
        var rows: [[Spreadsheet.Cell]] = [[.heading("Limits report: \(scenarioName)")],
                                          [.text("Each cell moved alone, every other cell held and every limit kept (Excel's Limits report). A cell that an equation defines (a cost, an impact) cannot move alone: its limits are its value.")],
                                          []]
        rows.append([.heading("Objective"), .heading("Value")])
        rows.append([.text(objectiveName), .number(objective, .exact)])
        rows.append([])
        rows.append(["Cell", "Name", "Unit", "Value", "Lower limit", "Objective at lower limit", "Upper limit", "Objective at upper limit"].map(Spreadsheet.Cell.heading))
        for cell in cells {
            rows.append([.text(cell.name), .text(cell.description), .text(unitName(cell.unit, money)), .number(cell.value, format(cell.unit)),
                         .value(cell.lowerLimit, format(cell.unit)), .value(cell.objectiveAtLower, .exact),
                         .value(cell.upperLimit, format(cell.unit)), .value(cell.objectiveAtUpper, .exact)])
        }
        return rows
    }
}

extension PlanSensitivity {
    /// The committee's prices (every price, in the appendix's order), unfunded lines and weights.
    func sheetRows() -> [[Spreadsheet.Cell]] {
        var rows: [[Spreadsheet.Cell]] = [[.heading("\(words.appendixPart("sensitivity")): \(plan.scenario.name)")], []]
        rows.append(["Limit", "Shadow price", "Per", "In target terms", "Allowable increase", "Allowable decrease", "Range unit", "Degenerate", "Scenario field"].map(Spreadsheet.Cell.heading))
        for price in prices {
            rows.append([.text(price.description), .number(price.shadowPrice, .exact), .text(price.unit.one(money)), .text(targetTerms(price) ?? ""),
                         .value(price.allowableIncrease, .exact), .value(price.allowableDecrease, .exact), .text(price.rangeUnit.name(money)),
                         .text(price.degenerate ? "*" : ""), .text(price.path ?? "")])
        }
        rows.append([])
        rows.append(["Unfunded line", "Year", "Reduced cost (per \(money.lpOne))", "Net at the plan's prices", "Value of its first \(money.lpOne)", "Why"].map(Spreadsheet.Cell.heading))
        for (line, sentence) in zip(unfunded, unfundedSentences()) {
            rows.append([.text(plan.scenario.label(sector: line.sector, line: line.line, offering: line.offering)), .number(Double(line.year), .integer),
                         .value(line.reducedCost, .exact), .value(line.netAtPlanPrices, .exact), .number(line.grossValue, .exact), .text(sentence)])
        }
        rows.append([])
        rows.append(["Target", "Name", "Weight", "Lowest weight", "Highest weight"].map(Spreadsheet.Cell.heading))
        for range in weights {
            rows.append([.text(range.target), .text(range.name), .number(range.weight, .exact), .number(range.lower, .exact), .value(range.upper, .exact)])
        }
        return rows
    }
}

extension PlanComparison {
    static let sheetName = "Comparison"

    /// The workbook's comparison sheet, which `allot run` adds to a plan's workbook once the
    /// baseline is solved.
    public func workbookSheet() -> Spreadsheet.Sheet {
        Spreadsheet.Sheet(name: Self.sheetName, rows: sheetRows(), frozenRows: 2)
    }

    /// Every compared total, exact, with the change.
    func sheetRows() -> [[Spreadsheet.Cell]] {
        var rows: [[Spreadsheet.Cell]] = [[.heading("\(scenarioName) against \(baselineName) (\(organisation.money.unitName), FTE)")]]
        rows.append(["Dimension", "Key", "Name", "Baseline", "Scenario", "Change", "Change (%)", "Baseline FTE", "Scenario FTE", "FTE change"].map(Spreadsheet.Cell.heading))
        for mover in movers {
            rows.append([.text(organisation.dimensionTitle(mover.dimension)), .text(mover.key), .text(mover.name), .number(mover.baseline, .money), .number(mover.scenario, .money),
                         .number(mover.change, .money), .value(mover.percent, .percent, otherwise: ""), .number(mover.baselineStaff, .fte),
                         .number(mover.scenarioStaff, .fte), .number(mover.staffChange, .fte)])
        }
        rows.append([])
        rows.append(["Target", "Name", "Baseline attainment", "Attainment", "Change"].map(Spreadsheet.Cell.heading))
        for target in targets {
            rows.append([.text(target.id), .text(target.name), .number(target.baselineAttainment, .percent), .number(target.attainment, .percent),
                         .number(target.change, .percent)])
        }
        return rows
    }
}
