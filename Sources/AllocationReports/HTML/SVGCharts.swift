import Foundation

/// Charts as inline SVG. Every chart has a title, axis labels with units and a legend; series
/// differ in lightness and, every other one, in a hatch pattern, so they stay apart printed in grey.
enum SVGChart {
    static let fills = ["#1f3b5a", "#6b9ac4", "#c9dcec", "#4d4d4d", "#a6a6a6", "#e3e3e3", "#2f6b4f", "#9fd0b6", "#7a4b1f"]

    private static func fill(_ index: Int) -> String {
        index % 2 == 1 ? "url(#hatch\(index % fills.count))" : fills[index % fills.count]
    }

    /// Hatch patterns over each base colour.
    private static var patterns: String {
        "<defs>" + fills.indices.map { index in
            "<pattern id=\"hatch\(index)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"\(fills[index])\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"1.5\" stroke-opacity=\"0.55\"/></pattern>"
        }.joined() + "</defs>"
    }

    private static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int = 12, weight: String = "normal", rotate: Bool = false) -> String {
        let transform = rotate ? " transform=\"rotate(-90 \(f(x)) \(f(y)))\"" : ""
        return "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" font-weight=\"\(weight)\" text-anchor=\"\(anchor)\"\(transform)>\(HTMLText.escape(content))</text>"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Round step for axis ticks: about five ticks up to `maximum`.
    static func tickStep(_ maximum: Double) -> Double {
        guard maximum > 0 else { return 1 }
        let raw = maximum / 5
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        return (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? Figures.grouped(value) : String(format: "%.4g", value)
    }

    private static func legend(_ names: [String], x: Double, y: Double) -> String {
        names.enumerated().map { index, name in
            "<rect x=\"\(f(x))\" y=\"\(f(y + Double(index) * 18))\" width=\"14\" height=\"12\" fill=\"\(fill(index))\" stroke=\"#000\" stroke-width=\"0.5\"/>"
                + text(x + 20, y + Double(index) * 18 + 10, name, size: 11)
        }.joined()
    }

    /// Vertical bars, one per category, stacked by series.
    static func stackedBars(title: String, xLabel: String, yLabel: String, categories: [String], series: [(name: String, values: [Double])]) -> String {
        let width = 760.0, height = 360.0 + Double(max(0, series.count - 8)) * 18
        let left = 70.0, plotWidth = 420.0, top = 40.0, plotHeight = 250.0
        let totals = categories.indices.map { index in series.reduce(0) { $0 + max(0, $1.values[index]) } }
        let step = tickStep(totals.max() ?? 1)
        let maximum = max(step, (totals.max() ?? 1) / step.rounded(.up) * step.rounded(.up))
        let scale = plotHeight / (ceil(maximum / step) * step)
        var svg = ["<svg viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">", patterns]
        svg.append(text(width / 2, 20, title, anchor: "middle", size: 14, weight: "bold"))
        var tick = 0.0
        while tick <= ceil(maximum / step) * step + 1e-9 {
            let y = top + plotHeight - tick * scale
            svg.append("<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#ccc\"/>")
            svg.append(text(left - 6, y + 4, number(tick), anchor: "end", size: 10))
            tick += step
        }
        let barWidth = plotWidth / Double(max(1, categories.count)) * 0.6
        for (index, category) in categories.enumerated() {
            let x = left + plotWidth / Double(categories.count) * (Double(index) + 0.2)
            var base = top + plotHeight
            for (seriesIndex, entry) in series.enumerated() where entry.values[index] > 0 {
                let barHeight = entry.values[index] * scale
                base -= barHeight
                svg.append("<rect x=\"\(f(x))\" y=\"\(f(base))\" width=\"\(f(barWidth))\" height=\"\(f(barHeight))\" fill=\"\(fill(seriesIndex))\" stroke=\"#000\" stroke-width=\"0.4\"><title>\(HTMLText.escape("\(category), \(entry.name): \(number(entry.values[index]))"))</title></rect>")
            }
            svg.append(text(x + barWidth / 2, top + plotHeight + 16, category, anchor: "middle", size: 11))
        }
        svg.append("<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(top + plotHeight))\" stroke=\"#000\"/>")
        svg.append(text(left + plotWidth / 2, top + plotHeight + 40, xLabel, anchor: "middle"))
        svg.append(text(18, top + plotHeight / 2, yLabel, anchor: "middle", rotate: true))
        svg.append(legend(series.map(\.name), x: left + plotWidth + 30, y: top))
        svg.append("</svg>")
        return svg.joined()
    }

    /// Horizontal bars from 0 %, with a reference line at 100 % (the 2030 target).
    static func attainmentBars(title: String, xLabel: String, items: [(label: String, value: Double)], referenceLabel: String,
                               legend: String = "attainment (impact / scale)", marksReached: Bool = false) -> String {
        let left = 330.0, plotWidth = 380.0, top = 40.0, row = 24.0
        let height = top + Double(items.count) * row + 60
        // Room right of the longest bar for its label ("100.0 % (reached)" is the widest).
        let maximum = max(1, (items.map(\.value).max() ?? 1) * (marksReached ? 1.3 : 1.1))
        let scale = plotWidth / maximum
        var svg = ["<svg viewBox=\"0 0 760 \(f(height))\" width=\"760\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"]
        svg.append(text(380, 20, title, anchor: "middle", size: 14, weight: "bold"))
        for (index, item) in items.enumerated() {
            let y = top + Double(index) * row
            svg.append(text(left - 8, y + 15, item.label, anchor: "end", size: 11))
            svg.append("<rect x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(max(0, item.value) * scale))\" height=\"14\" fill=\"\(fills[1])\" stroke=\"#000\" stroke-width=\"0.4\"/>")
            let reached = marksReached && item.value >= 1 - 1e-9 ? " (reached)" : ""
            svg.append(text(left + max(0, item.value) * scale + 4, y + 15, String(format: "%.1f %%", item.value * 100) + reached, size: 10))
        }
        let referenceX = left + 1 * scale
        let bottom = top + Double(items.count) * row
        svg.append("<line x1=\"\(f(referenceX))\" y1=\"\(f(top))\" x2=\"\(f(referenceX))\" y2=\"\(f(bottom))\" stroke=\"#000\" stroke-dasharray=\"5 3\"/>")
        svg.append(text(referenceX, top - 4, referenceLabel, anchor: "middle", size: 10))
        svg.append("<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(bottom))\" stroke=\"#000\"/>")
        for tick in stride(from: 0.0, through: maximum, by: tickStep(maximum)) {
            svg.append(text(left + tick * scale, bottom + 14, String(format: "%.0f %%", tick * 100), anchor: "middle", size: 10))
        }
        svg.append(text(left + plotWidth / 2, bottom + 34, xLabel, anchor: "middle"))
        svg.append("<rect x=\"20\" y=\"\(f(bottom + 22))\" width=\"14\" height=\"12\" fill=\"\(fills[1])\" stroke=\"#000\" stroke-width=\"0.5\"/>")
        svg.append(text(40, bottom + 32, legend, size: 11))
        svg.append("</svg>")
        return svg.joined()
    }

    /// Changes around zero: decreases to the left, increases to the right.
    static func divergingBars(title: String, xLabel: String, items: [(label: String, change: Double)]) -> String {
        let left = 330.0, plotWidth = 380.0, top = 40.0, row = 22.0
        let height = top + Double(items.count) * row + 60
        let maximum = max(1, items.map { abs($0.change) }.max() ?? 1)
        let middle = left + plotWidth / 2
        let scale = plotWidth / 2 / maximum
        var svg = ["<svg viewBox=\"0 0 760 \(f(height))\" width=\"760\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">", patterns]
        svg.append(text(380, 20, title, anchor: "middle", size: 14, weight: "bold"))
        for (index, item) in items.enumerated() {
            let y = top + Double(index) * row
            let width = abs(item.change) * scale
            let x = item.change < 0 ? middle - width : middle
            svg.append(text(left - 8, y + 14, item.label, anchor: "end", size: 11))
            svg.append("<rect x=\"\(f(x))\" y=\"\(f(y + 3))\" width=\"\(f(width))\" height=\"14\" fill=\"\(item.change < 0 ? fill(1) : fills[0])\" stroke=\"#000\" stroke-width=\"0.4\"/>")
        }
        let bottom = top + Double(items.count) * row
        svg.append("<line x1=\"\(f(middle))\" y1=\"\(f(top))\" x2=\"\(f(middle))\" y2=\"\(f(bottom))\" stroke=\"#000\"/>")
        svg.append(text(left, bottom + 14, "-" + number(maximum.rounded()), anchor: "middle", size: 10))
        svg.append(text(middle, bottom + 14, "0", anchor: "middle", size: 10))
        svg.append(text(left + plotWidth, bottom + 14, "+" + number(maximum.rounded()), anchor: "middle", size: 10))
        svg.append(text(middle, bottom + 34, xLabel, anchor: "middle"))
        svg.append(legend(["increase", "decrease"], x: 20, y: bottom + 22))
        svg.append("</svg>")
        return svg.joined()
    }

    /// Lines over a numeric x axis.
    /// `fromZero`: start the y axis at 0 (amounts) or at the data's minimum (an objective).
    static func lineChart(title: String, xLabel: String, yLabel: String, series: [(name: String, points: [(x: Double, y: Double)])], fromZero: Bool = true) -> String {
        let left = 80.0, plotWidth = 440.0, top = 40.0, plotHeight = 240.0
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) }
        let xMin = xs.min() ?? 0, xMax = max(xs.max() ?? 1, (xs.min() ?? 0) + 1e-12)
        let low = ys.min() ?? 0, high = ys.max() ?? 1
        let padding = fromZero ? 0 : max((high - low) * 0.1, abs(high) * 1e-6, 1e-12)
        let yMin = fromZero ? min(0, low) : low - padding, yMax = max(high + padding, yMin + 1e-12)
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - (y - yMin) / (yMax - yMin) * plotHeight }
        let height = 340.0 + Double(max(0, series.count - 8)) * 18
        var svg = ["<svg viewBox=\"0 0 760 \(f(height))\" width=\"760\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"]
        svg.append(text(380, 20, title, anchor: "middle", size: 14, weight: "bold"))
        let dashes = ["", "6 3", "2 2", "8 3 2 3", "1 3", "10 2"]
        let yStep = tickStep(yMax - yMin)
        for value in stride(from: (yMin / yStep).rounded(.up) * yStep, through: yMax, by: yStep) {
            let y = py(value)
            svg.append("<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>")
            svg.append(text(left - 6, y + 4, number(value), anchor: "end", size: 10))
        }
        for tick in stride(from: 0.0, through: xMax - xMin, by: tickStep(xMax - xMin)) {
            svg.append(text(px(xMin + tick), top + plotHeight + 14, number(xMin + tick), anchor: "middle", size: 10))
        }
        for (index, entry) in series.enumerated() {
            let path = entry.points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            let color = fills[(index * 3) % fills.count]
            svg.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"\(dashes[index % dashes.count])\"/>")
        }
        svg.append("<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#000\"/>")
        svg.append(text(left + plotWidth / 2, top + plotHeight + 36, xLabel, anchor: "middle"))
        svg.append(text(18, top + plotHeight / 2, yLabel, anchor: "middle", rotate: true))
        for (index, entry) in series.enumerated() {
            let y = top + Double(index) * 18
            svg.append("<line x1=\"\(f(left + plotWidth + 30))\" y1=\"\(f(y + 6))\" x2=\"\(f(left + plotWidth + 52))\" y2=\"\(f(y + 6))\" stroke=\"\(fills[(index * 3) % fills.count])\" stroke-width=\"2\" stroke-dasharray=\"\(dashes[index % dashes.count])\"/>")
            svg.append(text(left + plotWidth + 58, y + 10, entry.name, size: 11))
        }
        svg.append("</svg>")
        return svg.joined()
    }
}
