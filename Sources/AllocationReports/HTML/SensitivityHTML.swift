import Allocation

extension PlanSensitivity {
    /// The sensitivity ("Appendix A — sensitivity" for the ITU) as a section of the HTML appendix: the sentences and tables of
    /// the Markdown appendix, with the annex of single lines' input mix (hundreds of rows)
    /// collapsed.
    func htmlSection() -> [String] {
        var body = [HTMLPage.heading(plan.scenario.organisation.appendixPart("sensitivity"))]
        guard plan.objective != nil else {
            return body + [HTMLPage.paragraph("No sensitivity: the plan is \(plan.termination.status) (\(plan.termination.explanation)).")]
        }
        if let subject { body.append(HTMLPage.paragraph(subject)) }
        body.append(HTMLPage.heading(Self.pricesHeading, level: 3))
        body.append(HTMLPage.list(sentences()))
        body.append(HTMLPage.table(priceTable()))
        body.append(HTMLPage.heading("Why is this line unfunded?", level: 3))
        if unfunded.isEmpty {
            body.append(HTMLPage.paragraph("Every allowed line receives money."))
        } else {
            body.append(HTMLPage.list(unfundedSentences()))
            body.append(HTMLPage.table(unfundedTable()))
        }
        if !pathPrices.isEmpty {
            body.append(HTMLPage.heading("What does each number of the scenario file buy?", level: 3))
            body.append(HTMLPage.table(pathTable()))
        }
        body.append(HTMLPage.heading("How stable is the plan to the weights?", level: 3))
        body.append(HTMLPage.table(weightTable()))
        let annex = annexTable()
        if !annex.rows.isEmpty {
            body.append(HTMLPage.collapsed("Annex: input mix of single lines (\(annex.rows.count) rows)", [HTMLPage.table(annex)]))
        }
        return body
    }
}
