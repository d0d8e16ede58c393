import Foundation
import Allocation
import LinearModel
import LPReports

/// The what-if page: one self-contained HTML file (inline CSS, SVG and script; no network, no
/// fonts) with a slider per limit. The script finds the region of the sliders' position and
/// evaluates each figure's formula there: exact interpolation of the plan between breakpoints,
/// no solver in the browser. Every figure element carries its unrounded value in `data-value`
/// (and the baseline's in `data-baseline`) for tests and for copying.
extension WhatIfMap {
    /// The page; its data is deflated when larger than `deflateAbove` bytes of JSON.
    public func html(deflateAbove: Int = WhatIfMap.deflateAbove) -> String {
        var page = HTMLPage(title: "What if — \(scenarioName)")
        page.extraStyle = Self.style
        var body: [String] = []
        body.append(HTMLPage.heading("What if — \(scenarioName)", level: 1))
        body.append(HTMLPage.paragraph(
            "Move \(limits.count == 1 ? "the slider" : "a slider") (or type a value) to see the optimal plan for that \(limits.count == 1 ? "limit" : "pair of limits"): "
            + "every figure is what allot solve gives for the scenario with the limit\(limits.count == 1 ? "" : "s") set there, interpolated exactly — between two breakpoints "
            + "the optimal plan is linear in the limit\(limits.count == 1 ? "" : "s"). Baseline values (the scenario as it is) are shown beside each figure."))
        body += notes.map { HTMLPage.paragraph($0) }
        body.append("<div id=\"controls\">")
        for (index, limit) in limits.enumerated() {
            let step = NumberText.format((limit.to - limit.from) / 10_000, significantDigits: 3)
            body.append("<div class=\"limit\"><label for=\"slider\(index)\">\(HTMLText.escape(limit.label)) (\(HTMLText.escape(limit.unitName)))</label>"
                + "<input type=\"range\" id=\"slider\(index)\" min=\"\(Self.number(limit.from))\" max=\"\(Self.number(limit.to))\" step=\"\(step)\" value=\"\(Self.number(limit.base))\"/>"
                + "<input type=\"number\" id=\"value\(index)\" min=\"\(Self.number(limit.from))\" max=\"\(Self.number(limit.to))\" step=\"any\" value=\"\(Self.number(limit.base))\"/>"
                + "<span class=\"pct\" id=\"pct\(index)\"></span>"
                + "<button type=\"button\" id=\"reset\(index)\">Baseline</button></div>")
        }
        body.append("</div>")
        body.append("<div id=\"status\" class=\"status\" data-feasible=\"true\"></div>")
        body.append("<div id=\"chart\"></div>")
        body.append("<p id=\"region\" class=\"note\"></p>")
        body.append("<div class=\"cards\">" + figures.enumerated().filter { [.impact, .unspent].contains($0.element.group) }.map { _, figure in
            "<div class=\"card\">\(HTMLText.escape(figure.label))<b \(Self.figureAttributes(figure))>–</b><small>baseline \(HTMLText.escape(Self.shown(figure.baseline, figure)))</small></div>"
        }.joined() + "</div>")
        body += sectorPriorityTable()
        body += listTable(.offering, title: "Spending by offering", header: "Offering")
        body += listTable(.staff, title: "Staff by Sector (FTE a year, average over the plan)", header: "Sector")
        body += listTable(.attainment, title: "Attainment of each target (1 = 100 %, the target value reached)", header: "Target")
        body.append(HTMLPage.heading("Binding limits and their prices"))
        body.append(HTMLPage.paragraph("Limits with a non-zero price at this position: the weighted impact one more unit of the limit would add (negative: what it costs). Prices are constant inside a region.", note: true))
        body.append("<table id=\"prices\"><thead><tr><th>Limit</th><th>Price here</th><th>Baseline</th><th>Unit</th></tr></thead><tbody></tbody></table>")
        body.append(HTMLPage.paragraph(
            "How this page was made: the scenario's linear program was mapped over \(limits.map { "\($0.path) from \(Self.number($0.from)) to \(Self.number($0.to))" }.joined(separator: " and ")) "
            + "into \(regions.count) region\(regions.count == 1 ? "" : "s") (from \(bases) optimal bas\(bases == 1 ? "is" : "es") of the weighted LP; where several plans are equally good, the one allot solve reports). "
            + (checkedPoints > 0 ? "Each region was checked at its centre against a full solve of the scenario: largest difference \(NumberText.format(largestDifference, significantDigits: 2)) (relative). " : "")
            + "Where the limits leave no plan, the page greys the figures and gives the reason.", note: true))
        // Markup characters inside the data as JSON escapes, the script as CDATA: the page stays
        // well-formed XML like the other reports.
        let data = dataJSON().replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
        // A large map (money and staff together: thousands of regions) is deflated and the
        // browser inflates it (DecompressionStream); a small one stays readable JSON.
        if data.utf8.count > deflateAbove, let packed = Deflate.zlib(Array(data.utf8)) {
            body.append("<script type=\"application/octet-stream\" id=\"whatif-packed\" data-length=\"\(data.utf8.count)\">\(Data(packed).base64EncodedString())</script>")
        } else {
            body.append("<script type=\"application/json\" id=\"whatif-data\">\(data)</script>")
        }
        body.append("<script>//<![CDATA[\n\(Self.script)\n//]]></script>")
        page.body = body
        return page.rendered()
    }

    static func figureAttributes(_ figure: WhatIfFigure) -> String {
        "data-figure=\"\(HTMLText.escape(figure.id))\" data-baseline=\"\(number(figure.baseline))\""
    }

    private func sectorPriorityTable() -> [String] {
        let cells = figures.filter { $0.group == .sectorPriority }
        guard !cells.isEmpty else { return [] }
        var sectors: [String] = [], priorities: [String] = []
        var byPair: [String: WhatIfFigure] = [:]
        for figure in cells {
            let parts = figure.label.components(separatedBy: " · ")
            if !sectors.contains(parts[0]) { sectors.append(parts[0]) }
            if !priorities.contains(parts[1]) { priorities.append(parts[1]) }
            byPair[figure.label] = figure
        }
        var html = [HTMLPage.heading("Spending by Sector and thematic priority (\(organisation.money.unitName))"),
                    "<table><thead><tr><th>Sector</th>" + priorities.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"]
        for sector in sectors {
            html.append("<tr><th>\(HTMLText.escape(sector))</th>" + priorities.map { priority in
                guard let figure = byPair["\(sector) · \(priority)"] else { return "<td class=\"n\">–</td>" }
                return "<td class=\"n\"><span \(Self.figureAttributes(figure))>–</span><small class=\"change\" data-change=\"\(HTMLText.escape(figure.id))\"></small></td>"
            }.joined() + "</tr>")
        }
        html.append("</tbody></table>")
        html.append(HTMLPage.paragraph("Each cell: the spending at this position; below it, the change from the baseline.", note: true))
        return html
    }

    private func listTable(_ group: WhatIfFigure.Group, title: String, header: String) -> [String] {
        let rows = figures.filter { $0.group == group }
        guard !rows.isEmpty else { return [] }
        var html = [HTMLPage.heading(title), "<table><thead><tr><th>\(HTMLText.escape(header))</th><th>Here</th><th>Baseline</th><th>Change</th></tr></thead><tbody>"]
        for figure in rows {
            html.append("<tr><td>\(HTMLText.escape(figure.label))</td><td class=\"n\"><span \(Self.figureAttributes(figure))>–</span></td>"
                + "<td class=\"n\">\(HTMLText.escape(Self.shown(figure.baseline, figure)))</td><td class=\"n\" data-change=\"\(HTMLText.escape(figure.id))\"></td></tr>")
        }
        html.append("</tbody></table>")
        return html
    }

    /// A figure as the page first prints it (the script prints the same way).
    static func shown(_ value: Double, _ figure: WhatIfFigure) -> String {
        guard value.isFinite else { return "–" }
        switch figure.group {
        case .attainment: return NumberText.printf("%.1f %%", value * 100)
        case .impact: return NumberText.printf("%.4f", value)
        case .staff: return NumberText.printf("%.1f", value)
        case .price: return NumberText.format(value, significantDigits: 4)
        default: return Figures.money(value)
        }
    }

    /// Data larger than this (bytes of JSON) is deflated.
    public static let deflateAbove = 1 << 20

    /// Numbers in the page's data: 12 significant digits (the figures' formulas are exact to
    /// far better than the 1e-6 the page promises), `0` for zero.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        var text = NumberText.printf("%.12g", value)
        if text.contains("e") { return text }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    private func dataJSON() -> String {
        func string(_ text: String) -> String { JSONValue.string(text).rendered() }
        let two = limits.count == 2
        var json = "{\"limits\":[" + limits.map { limit in
            "{\"path\":\(string(limit.path)),\"label\":\(string(limit.label)),\"unit\":\(string(limit.unitName)),\"base\":\(Self.number(limit.base)),\"from\":\(Self.number(limit.from)),\"to\":\(Self.number(limit.to))}"
        }.joined(separator: ",") + "],"
        json += "\"money\":\(string(organisation.money.unitName)),"
        json += "\"figures\":[" + figures.map { figure in
            "{\"id\":\(string(figure.id)),\"group\":\(string(figure.group.rawValue)),\"label\":\(string(figure.label)),\"unit\":\(string(figure.unitName)),\"baseline\":\(Self.number(figure.baseline))}"
        }.joined(separator: ",") + "],"
        // Each figure's distinct formulas once, flat: value at the limits' scenario values,
        // then the change per unit of each limit; a piece names one formula per figure; a
        // region names its piece.
        json += "\"formulas\":[" + formulas.map { list in
            "[" + list.map { two ? "\(Self.number($0.atBase)),\(Self.number($0.perFirst)),\(Self.number($0.perSecond))" : "\(Self.number($0.atBase)),\(Self.number($0.perFirst))" }
                .joined(separator: ",") + "]"
        }.joined(separator: ",") + "],"
        json += "\"pieces\":[" + pieces.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "],"
        json += "\"bases\":\(bases),\"regions\":[" + regions.map { region in
            "{\"b\":\(region.basis),\"p\":\(region.piece),\"v\":[" + region.vertices.map { two ? "[\(Self.number($0.first)),\(Self.number($0.second))]" : Self.number($0.first) }.joined(separator: ",") + "]}"
        }.joined(separator: ",") + "],"
        json += "\"gaps\":[" + gaps.map { gap in
            "{\"p\":[\(Self.number(gap.point.first)),\(Self.number(gap.point.second))],\"e\":\(string(gap.explanation))}"
        }.joined(separator: ",") + "]}"
        return json
    }

    static let style = """
    #controls{position:sticky;top:0;background:#fff;border-bottom:1px solid #999;padding:.5em 0;z-index:1}
    .limit{display:flex;flex-wrap:wrap;align-items:center;gap:.6em;margin:.3em 0}.limit label{flex:1 1 100%;font-weight:bold}
    .limit input[type=range]{flex:1 1 24em}.limit input[type=number]{width:9em}.pct{min-width:6em;color:#444}
    .status{margin:.6em 0;padding:.4em .6em;border-left:4px solid #2a7}.status[data-feasible=false]{border-color:#b22;background:#f4e4e4}
    body.infeasible [data-figure],body.infeasible .change,body.infeasible td[data-change]{color:#aaa}
    .card small{display:block;color:#555}small.change{display:block;color:#555}
    #chart svg{border:1px solid #ccc}.region{stroke:#fff;stroke-width:.6}.current{stroke:#000;stroke-width:1.5}
    @media print{#controls input,#controls button{display:none}#controls{position:static}}
    """

    static let script = """
    (function () {
    "use strict";
    // The data: JSON in the page, or deflated and base64-coded when the map is large.
    function load() {
      var packed = document.getElementById("whatif-packed");
      if (!packed) { return Promise.resolve(document.getElementById("whatif-data").textContent); }
      if (typeof DecompressionStream === "undefined") {
        return Promise.reject(new Error("this browser cannot unpack the page's data (it needs DecompressionStream: a browser from 2023 or later)"));
      }
      var text = atob(packed.textContent.replace(/\\s+/g, "")), bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
      return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"))).text();
    }
    load().then(function (text) { start(JSON.parse(text)); }).catch(function (error) {
      var status = document.getElementById("status");
      status.setAttribute("data-feasible", "false");
      status.textContent = "The page cannot show its figures: " + String(error.message).replace(/\\.$/, "") + ".";
    });
    function start(D) {
    var L = D.limits, F = D.figures, R = D.regions, two = L.length === 2;
    var index = {}; F.forEach(function (f, i) { index[f.id] = i; });
    var point = L.map(function (l) { return l.base; });
    var sliders = L.map(function (_, i) { return document.getElementById("slider" + i); });
    var boxes = L.map(function (_, i) { return document.getElementById("value" + i); });
    var en = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
    function shown(v, f) {
      if (v === null || !isFinite(v)) { return "–"; }
      switch (f.group) {
        case "attainment": return (v * 100).toFixed(1) + " %";
        case "impact": return v.toFixed(4);
        case "staff": return v.toFixed(1);
        case "price": return Number(v.toPrecision(4)).toString();
        default: return en.format(Math.round(v) + 0);
      }
    }
    function signed(v, f) {
      if (!isFinite(v)) { return ""; }
      var t = shown(Math.abs(v), f);
      return (v > 0 && t !== shown(0, f) ? "+" : v < 0 && t !== shown(0, f) ? "−" : "±") + t;
    }
    // A corner to a precision that tells neighbouring corners apart: a tenth of a
    // thousandth of the limit's range.
    function corner(x, i) {
      var digits = Math.max(0, Math.min(6, Math.ceil(-Math.log10((L[i].to - L[i].from) / 10000))));
      return x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    }
    var eps = L.map(function (l) { return 1e-9 * Math.max(1, Math.abs(l.from), Math.abs(l.to)); });
    var boxesOf = R.map(function (r) {
      if (!two) { return null; }
      var xs = r.v.map(function (p) { return p[0]; }), ys = r.v.map(function (p) { return p[1]; });
      return [Math.min.apply(null, xs), Math.max.apply(null, xs), Math.min.apply(null, ys), Math.max.apply(null, ys)];
    });
    function inside(r, k, p) {
      if (!two) { return p[0] >= r.v[0] - eps[0] && p[0] <= r.v[1] + eps[0]; }
      var b = boxesOf[k];
      if (p[0] < b[0] - eps[0] || p[0] > b[1] + eps[0] || p[1] < b[2] - eps[1] || p[1] > b[3] + eps[1]) { return false; }
      var depth = Infinity;
      for (var i = 0; i < r.v.length; i++) {
        var a = r.v[i], c = r.v[(i + 1) % r.v.length], dx = c[0] - a[0], dy = c[1] - a[1], len = Math.sqrt(dx * dx + dy * dy);
        if (len > 0) { depth = Math.min(depth, (dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / len); }
      }
      return depth >= -Math.max(eps[0], eps[1]);
    }
    function locate(p) {
      for (var k = 0; k < R.length; k++) { if (inside(R[k], k, p)) { return k; } }
      return -1;
    }
    var stride = two ? 3 : 2;
    function values(r, p) {
      var d0 = p[0] - L[0].base, d1 = two ? p[1] - L[1].base : 0;
      return D.pieces[r.p].map(function (j, i) {
        var f = D.formulas[i], k = j * stride;
        return f[k] + f[k + 1] * d0 + (two ? f[k + 2] * d1 : 0);
      });
    }
    function nearestGap(p) {
      var best = null, distance = Infinity;
      D.gaps.forEach(function (g) {
        var d = Math.abs(g.p[0] - p[0]) / (L[0].to - L[0].from) + (two ? Math.abs(g.p[1] - p[1]) / (L[1].to - L[1].from) : 0);
        if (d < distance) { distance = d; best = g; }
      });
      return best;
    }
    // The chart: the map of regions (two limits) or the weighted impact along the limit (one).
    var W = 640, H = two ? 400 : 220, P = 48, svgNS = "http://www.w3.org/2000/svg";
    function sx(x) { return P + (x - L[0].from) / (L[0].to - L[0].from) * (W - 2 * P); }
    function sy(y) { return two ? H - P - (y - L[1].from) / (L[1].to - L[1].from) * (H - 2 * P) : y; }
    var svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H); svg.setAttribute("width", W); svg.setAttribute("height", H);
    function el(name, attrs, text) {
      var e = document.createElementNS(svgNS, name);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined) { e.textContent = text; }
      svg.appendChild(e); return e;
    }
    el("rect", { x: P, y: two ? P : 20, width: W - 2 * P, height: two ? H - 2 * P : H - 60, fill: "#ddd" });
    var shapes = [], marker;
    var impact = index.impact;
    if (two) {
      R.forEach(function (r) {
        var hue = (r.b * 137.508) % 360;
        shapes.push(el("polygon", { "class": "region", points: r.v.map(function (q) { return sx(q[0]) + "," + sy(q[1]); }).join(" "), fill: "hsl(" + hue + ",45%,78%)" }));
      });
      el("text", { x: W / 2, y: H - 8, "text-anchor": "middle", "font-size": 12 }, L[0].label + " (" + L[0].unit + ")");
      el("text", { x: 12, y: H / 2, "font-size": 12, transform: "rotate(-90 12 " + H / 2 + ")", "text-anchor": "middle" }, L[1].label + " (" + L[1].unit + ")");
      el("text", { x: P, y: H - P + 14, "font-size": 10 }, en.format(L[0].from));
      el("text", { x: W - P, y: H - P + 14, "font-size": 10, "text-anchor": "end" }, en.format(L[0].to));
      el("text", { x: P - 4, y: H - P, "font-size": 10, "text-anchor": "end" }, en.format(L[1].from));
      el("text", { x: P - 4, y: P + 8, "font-size": 10, "text-anchor": "end" }, en.format(L[1].to));
      marker = el("circle", { r: 5, fill: "#000" });
    } else {
      var lo = Infinity, hi = -Infinity;
      R.forEach(function (r) { [r.v[0], r.v[1]].forEach(function (x) { var y = values(r, [x])[impact]; lo = Math.min(lo, y); hi = Math.max(hi, y); }); });
      if (!(hi > lo)) { hi = lo + 1; }
      var vy = function (y) { return H - 40 - (y - lo) / (hi - lo) * (H - 70); };
      R.forEach(function (r) {
        el("rect", { x: sx(r.v[0]), y: 20, width: Math.max(0.5, sx(r.v[1]) - sx(r.v[0])), height: H - 60, fill: "#fff" });
      });
      R.forEach(function (r, k) {
        var a = values(r, [r.v[0]])[impact], b = values(r, [r.v[1]])[impact];
        shapes.push(el("line", { x1: sx(r.v[0]), y1: vy(a), x2: sx(r.v[1]), y2: vy(b), stroke: "hsl(" + ((r.b * 137.508) % 360) + ",60%,35%)", "stroke-width": 2 }));
        if (k > 0) { el("line", { x1: sx(r.v[0]), y1: H - 40, x2: sx(r.v[0]), y2: H - 34, stroke: "#555" }); }
      });
      el("text", { x: W / 2, y: H - 6, "text-anchor": "middle", "font-size": 12 }, L[0].label + " (" + L[0].unit + "); ticks: breakpoints");
      el("text", { x: P, y: H - 20, "font-size": 10 }, en.format(L[0].from));
      el("text", { x: W - P, y: H - 20, "font-size": 10, "text-anchor": "end" }, en.format(L[0].to));
      el("text", { x: P, y: 14, "font-size": 10 }, "Weighted impact " + lo.toFixed(4) + " – " + hi.toFixed(4));
      marker = el("circle", { r: 5, fill: "#000" });
      marker.vy = vy;
    }
    document.getElementById("chart").appendChild(svg);
    svg.addEventListener("click", function (event) {
      var box = svg.getBoundingClientRect(), x = (event.clientX - box.left) / box.width * W, y = (event.clientY - box.top) / box.height * H;
      point[0] = Math.min(L[0].to, Math.max(L[0].from, L[0].from + (x - P) / (W - 2 * P) * (L[0].to - L[0].from)));
      if (two) { point[1] = Math.min(L[1].to, Math.max(L[1].from, L[1].from + (H - P - y) / (H - 2 * P) * (L[1].to - L[1].from))); }
      update(true);
    });
    var priceRows = F.map(function (f, i) { return f.group === "price" ? i : -1; }).filter(function (i) { return i >= 0; });
    var tbody = document.querySelector("#prices tbody");
    var cells = Array.prototype.slice.call(document.querySelectorAll("[data-figure]"));
    var changes = Array.prototype.slice.call(document.querySelectorAll("[data-change]"));
    var current = -2;
    function update(writeFragment) {
      var k = locate(point);
      var status = document.getElementById("status"), info = document.getElementById("region");
      L.forEach(function (l, i) {
        sliders[i].value = point[i]; boxes[i].value = point[i];
        document.getElementById("pct" + i).textContent = l.base ? (point[i] / l.base * 100).toFixed(1) + " % of the baseline" : "";
      });
      marker.setAttribute("cx", sx(point[0]));
      var v = k >= 0 ? values(R[k], point) : null;
      marker.setAttribute("cy", two ? sy(point[1]) : (v ? marker.vy(v[impact]) : 30));
      document.body.classList.toggle("infeasible", k < 0);
      status.setAttribute("data-feasible", k >= 0 ? "true" : "false");
      document.body.setAttribute("data-region", k);
      document.body.setAttribute("data-basis", k >= 0 ? R[k].b : -1);
      if (k < 0) {
        var gap = nearestGap(point);
        status.textContent = "No plan at this position: the limits cannot all hold." + (gap ? " " + gap.e : "");
        info.textContent = "";
      } else {
        status.textContent = "Optimal plan at " + L.map(function (l, i) { return l.label + " " + en.format(point[i]) + " " + l.unit; }).join(", ") + ".";
        var r = R[k];
        info.textContent = two
          ? "Region " + (k + 1) + " of " + R.length + " (optimal basis " + (r.b + 1) + " of " + D.bases + "): the figures are linear in both limits inside the polygon with corners "
            + r.v.map(function (q) { return "(" + corner(q[0], 0) + "; " + corner(q[1], 1) + ")"; }).join(", ") + " (" + L[0].unit + "; " + L[1].unit + "); at its edges another region (or no plan) begins."
          : "Region " + (k + 1) + " of " + R.length + " (optimal basis " + (r.b + 1) + " of " + D.bases + "): the figures are linear in the limit from "
            + en.format(r.v[0]) + " to " + en.format(r.v[1]) + " " + L[0].unit + "; at each end a breakpoint.";
      }
      if (current !== k) {
        shapes.forEach(function (s, i) { s.classList.toggle("current", i === k); });
        current = k;
      }
      cells.forEach(function (c) {
        var i = index[c.getAttribute("data-figure")];
        if (v) { c.setAttribute("data-value", v[i]); c.textContent = shown(v[i], F[i]); } else { c.removeAttribute("data-value"); c.textContent = "–"; }
      });
      changes.forEach(function (c) {
        var i = index[c.getAttribute("data-change")];
        c.textContent = v ? signed(v[i] - F[i].baseline, F[i]) : "";
      });
      tbody.textContent = "";
      if (v) {
        priceRows.forEach(function (i) {
          if (Math.abs(v[i]) <= 1e-12 && Math.abs(F[i].baseline) <= 1e-12) { return; }
          if (Math.abs(v[i]) <= 1e-12) { return; }
          var tr = document.createElement("tr");
          [F[i].label, null, shown(F[i].baseline, F[i]), F[i].unit].forEach(function (text, column) {
            var td = document.createElement("td");
            if (column === 1) { td.setAttribute("data-figure", F[i].id); td.setAttribute("data-value", v[i]); td.setAttribute("data-baseline", F[i].baseline); td.textContent = shown(v[i], F[i]); td.className = "n"; }
            else { td.textContent = text; if (column === 2) { td.className = "n"; } }
            tr.appendChild(td);
          });
          tbody.appendChild(tr);
        });
      }
      if (writeFragment) {
        var fragment = "#" + L.map(function (l, i) { return l.path + "=" + point[i]; }).join("&");
        if (window.location.hash !== fragment) { history.replaceState(null, "", fragment); }
      }
    }
    function readFragment() {
      var found = false;
      window.location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
        var parts = pair.split("="), i = L.map(function (l) { return l.path; }).indexOf(decodeURIComponent(parts[0] || ""));
        var value = Number(parts[1]);
        if (i >= 0 && parts.length === 2 && isFinite(value)) { point[i] = Math.min(L[i].to, Math.max(L[i].from, value)); found = true; }
      });
      return found;
    }
    L.forEach(function (l, i) {
      sliders[i].addEventListener("input", function () { point[i] = Number(sliders[i].value); update(true); });
      boxes[i].addEventListener("change", function () {
        var value = Number(boxes[i].value);
        if (isFinite(value)) { point[i] = Math.min(l.to, Math.max(l.from, value)); }
        update(true);
      });
      document.getElementById("reset" + i).addEventListener("click", function () { point[i] = l.base; update(true); });
    });
    window.addEventListener("hashchange", function () { if (readFragment()) { update(false); } });
    readFragment();
    update(false);
    }
    }());
    """
}
