/// Text made safe for HTML and SVG: every string from a scenario passes through here.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// A self-contained page: inline CSS, inline SVG, no scripts, fonts or links to anywhere.
/// Written as well-formed XML (every element closed, every attribute quoted) so it can be checked
/// by an XML parser.
struct HTMLPage {
    var title: String
    var body: [String] = []
    /// Rules added after ``style`` for one kind of page.
    var extraStyle = ""

    static let style = """
    body{font-family:sans-serif;margin:2em auto;max-width:60em;color:#1a1a1a;line-height:1.45}
    h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #999}
    .cards{display:flex;flex-wrap:wrap;gap:.8em}.card{border:1px solid #888;padding:.5em .9em;min-width:11em}
    .card b{display:block;font-size:1.3em}table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
    th,td{border:1px solid #aaa;padding:.25em .5em}td.n{text-align:right}th{background:#e8e8e8}
    p.note{font-size:.85em;color:#444}svg{display:block;margin:.8em 0;max-width:100%;height:auto}
    details{margin:.8em 0}summary{cursor:pointer;font-weight:bold}li{margin:.3em 0}
    @page{size:A4;margin:14mm 12mm 18mm 12mm}
    @media print{body{margin:0;max-width:none;font-size:10pt}.card{border-color:#000;break-inside:avoid}
    h2{break-before:page}h2:first-of-type{break-before:auto}h1,h2,h3,caption{break-after:avoid}
    table{font-size:8pt}thead{display:table-header-group}tr,li,svg,.cards{break-inside:avoid}
    svg{max-width:100%;height:auto}p.note{break-before:avoid}}
    """

    /// The page's title in the top margin of every printed page (a page margin box), so that it
    /// never overlaps a table's header row repeated at the top of the page.
    var pageTitleStyle: String {
        let quoted = title.unicodeScalars.map { scalar -> String in
            // CSS string escapes: a backslash, a quote, and what would break the page's markup
            // (it is well-formed XML: no raw `<`, `>` or `&` in the style sheet).
            if scalar == "\\" || scalar == "\"" || scalar == "<" || scalar == ">" || scalar == "&" || scalar.value < 0x20 {
                return "\\" + String(scalar.value, radix: 16) + " "
            }
            return String(scalar)
        }.joined()
        return "@page{@top-left{content:\"\(quoted)\";font:8pt sans-serif;color:#333}}"
    }

    func rendered() -> String {
        var lines = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\"/>",
                     "<title>\(HTMLText.escape(title))</title>", "<style>\(Self.style)\(pageTitleStyle)\(extraStyle)</style>", "</head>", "<body>"]
        lines += body
        lines += ["</body>", "</html>"]
        return lines.joined(separator: "\n") + "\n"
    }

    static func heading(_ text: String, level: Int = 2) -> String {
        "<h\(level)>\(HTMLText.escape(text))</h\(level)>"
    }

    static func paragraph(_ text: String, note: Bool = false) -> String {
        "<p\(note ? " class=\"note\"" : "")>\(HTMLText.escape(text))</p>"
    }

    static func list(_ items: [String]) -> String {
        "<ul>" + items.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
    }

    /// Content a reader opens on demand (long annexes): closed on screen and in print.
    static func collapsed(_ summary: String, _ content: [String]) -> String {
        (["<details>", "<summary>\(HTMLText.escape(summary))</summary>"] + content + ["</details>"]).joined(separator: "\n")
    }

    static func cards(_ items: [(label: String, value: String)]) -> String {
        "<div class=\"cards\">" + items.map { "<div class=\"card\">\(HTMLText.escape($0.label))<b>\(HTMLText.escape($0.value))</b></div>" }.joined() + "</div>"
    }

    static func table(_ table: ReportTable) -> String {
        // The header row in <thead>: printed again at the top of each page the table runs onto.
        var html = ["<table>", "<caption>\(HTMLText.escape(table.title))</caption>", "<thead><tr>"
            + table.headers.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead>", "<tbody>"]
        for row in table.rows {
            html.append("<tr>" + row.enumerated().map { index, cell in
                table.numericColumns.contains(index) ? "<td class=\"n\">\(HTMLText.escape(cell))</td>" : "<td>\(HTMLText.escape(cell))</td>"
            }.joined() + "</tr>")
        }
        html.append("</tbody></table>")
        if let note = table.note { html.append(paragraph(note, note: true)) }
        return html.joined(separator: "\n")
    }
}
