extension ExecutiveSummary {
    /// Tighter type and margins than the appendix: the page prints on one A4 sheet.
    /// One page: the appendix's section breaks and running title are switched off.
    static let pageStyle = """
    @page{size:A4;margin:12mm 14mm}
    body{max-width:56em;font-size:10.5pt;line-height:1.35;margin:1em auto}h1{font-size:1.45em;margin:0 0 .2em}
    h2{font-size:1.1em;margin:.9em 0 .3em}p{margin:.35em 0}ul{margin:.3em 0;padding-left:1.3em}li{margin:.15em 0}
    .cards{gap:.5em}.card{min-width:0;padding:.2em .5em}.card b{font-size:1.15em}
    @media print{body{font-size:8.5pt;line-height:1.3;margin:0;max-width:none}h2{margin-top:.7em;break-before:auto}}
    """

    /// The page in HTML, self-contained like the appendix, sized to print on one A4 page.
    public func html() -> String {
        var page = HTMLPage(title: title)
        page.extraStyle = Self.pageStyle
        page.body.append(HTMLPage.heading(title, level: 1))
        page.body.append(HTMLPage.paragraph(introduction))
        for section in sections() {
            page.body.append(HTMLPage.heading(section.title))
            if !section.cards.isEmpty { page.body.append(HTMLPage.cards(section.cards)) }
            page.body += section.paragraphs.map { HTMLPage.paragraph($0) }
            if !section.items.isEmpty { page.body.append(HTMLPage.list(section.items)) }
        }
        page.body.append(HTMLPage.paragraph(footnote, note: true))
        return page.rendered()
    }
}
