import Foundation

/// Charts as inline SVG. Every chart has a title, axis labels with units and a legend; series
/// differ in lightness and, every other one, in a hatch pattern, so they stay apart printed in grey.
/// Label columns, legends and tick spacing are sized from the text (`TextWidth`): no label is cut,
/// and no two tick or category labels overlap.
enum SVGChart {
    static let fills = ["#1f3b5a", "#6b9ac4", "#c9dcec", "#4d4d4d", "#a6a6a6", "#e3e3e3", "#2f6b4f", "#9fd0b6", "#7a4b1f"]

    /// Font sizes in pixels.
    static let titleSize = 14.0, labelSize = 11.0, tickSize = 10.0, axisSize = 12.0
    /// Space between a line of label text and the next.
    static let lineHeight = 13.0
    /// Blank space kept between two tick labels and around the chart's edges.
    static let gap = 8.0, margin = 20.0

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

    /// The opening tag, in the fonts `TextWidth` measures.
    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" font-family=\"\(TextWidth.fontFamily)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
    }

    /// One line of text; `rotation` in degrees about (x, y).
    private static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Double = axisSize, bold: Bool = false, rotation: Double = 0) -> String {
        text(x, y, lines: [content], anchor: anchor, size: size, bold: bold, rotation: rotation)
    }

    /// Text of one or more lines, the first with its baseline at y, the others below it.
    private static func text(_ x: Double, _ y: Double, lines: [String], anchor: String = "start", size: Double = labelSize, bold: Bool = false, rotation: Double = 0) -> String {
        let transform = rotation != 0 ? " transform=\"rotate(\(f(rotation)) \(f(x)) \(f(y)))\"" : ""
        let content = lines.count == 1 ? HTMLText.escape(lines[0])
            : lines.enumerated().map { index, line in "<tspan x=\"\(f(x))\" dy=\"\(index == 0 ? "0" : f(lineHeight))\">\(HTMLText.escape(line))</tspan>" }.joined()
        return "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" font-weight=\"\(bold ? "bold" : "normal")\" text-anchor=\"\(anchor)\"\(transform)>\(content)</text>"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Round step for axis ticks: about five ticks over `range`.
    static func tickStep(_ range: Double) -> Double {
        guard range > 0 else { return 1 }
        let raw = range / 5
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        return (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude
    }

    /// The next round step after `step`: 1 → 2 → 5 → 10 (times a power of ten).
    static func widerStep(_ step: Double) -> Double {
        let magnitude = pow(10, floor(log10(step) + 1e-9))
        let normalized = (step / magnitude).rounded()
        return (normalized < 2 ? 2 : normalized < 5 ? 5 : 10) * magnitude
    }

    /// Ticks at whole multiples of a round step from `low` to `high`, the step widened until no
    /// two labels overlap where `position` places them along the axis (tick labels are centred).
    static func ticks(from low: Double, to high: Double, label: (Double) -> String, position: (Double) -> Double) -> [Double] {
        var step = tickStep(high - low)
        while true {
            let values = wholeSteps(from: low, to: high, step: step)
            let widths = values.map { TextWidth.of(label($0), size: tickSize) }
            let fits = values.indices.dropFirst().allSatisfy { index in
                position(values[index]) - position(values[index - 1]) >= (widths[index] + widths[index - 1]) / 2 + gap
            }
            if fits || values.count <= 2 { return values }
            step = widerStep(step)
        }
    }

    /// Where the turned title of a value axis stands: just left of its tick labels, which end 6
    /// pixels left of the plot.
    private static func yTitleX(left: Double, tickWidth: Double) -> Double {
        left - 6 - tickWidth - 10
    }

    /// The multiples of `step` from `low` to `high`, both included; none when the range is not
    /// finite or would need more than a thousand ticks.
    static func wholeSteps(from low: Double, to high: Double, step: Double) -> [Double] {
        let first = (low / step - 1e-9).rounded(.up), last = (high / step + 1e-9).rounded(.down)
        guard abs(first) < 1e15, abs(last) < 1e15, first <= last, last - first < 1000 else { return [] }
        return (Int(first)...Int(last)).map { Double($0) * step }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? Figures.grouped(value) : String(format: "%.4g", value)
    }

    /// How the numbers of a value axis are written.
    enum AxisFormat {
        /// Shares, written as whole percent.
        case percent
        /// Plain numbers with thousands separators.
        case number

        func tick(_ value: Double) -> String {
            switch self {
            case .percent: String(format: "%.0f %%", value * 100)
            case .number: SVGChart.number(value)
            }
        }
    }

    /// Stacked swatches with their names, one per line.
    private static func legend(_ names: [String], x: Double, y: Double) -> String {
        names.enumerated().map { index, name in
            "<rect x=\"\(f(x))\" y=\"\(f(y + Double(index) * 18))\" width=\"14\" height=\"12\" fill=\"\(fill(index))\" stroke=\"#000\" stroke-width=\"0.5\"/>"
                + text(x + 20, y + Double(index) * 18 + 10, name, size: labelSize)
        }.joined()
    }

    private static func legendWidth(_ names: [String]) -> Double {
        20 + TextWidth.widest(names, size: labelSize)
    }

    // MARK: Vertical bars

    /// How category labels sit under vertical bars.
    enum CategoryLabels: Equatable {
        /// One line each.
        case flat
        /// Up to two lines each, split at a word boundary.
        case wrapped
        /// Turned 45° anticlockwise, ending under the bar, when even two lines would not fit.
        case rotated
    }

    /// The flattest way every label fits in its `slot` (pixels per category).
    static func categoryLabels(_ categories: [String], slot: Double) -> CategoryLabels {
        let room = slot - gap
        if categories.allSatisfy({ TextWidth.of($0, size: labelSize) <= room }) { return .flat }
        if categories.allSatisfy({ TextWidth.widest(TextWidth.twoLines($0), size: labelSize) <= room }) { return .wrapped }
        return .rotated
    }

    /// Vertical bars, one per category, stacked by series.
    static func stackedBars(title: String, xLabel: String, yLabel: String, categories: [String], series: [(name: String, values: [Double])]) -> String {
        let top = 40.0, plotWidth = 420.0, plotHeight = 250.0
        let totals = categories.indices.map { index in series.reduce(0) { $0 + max(0, $1.values[index]) } }
        let step = tickStep(totals.max() ?? 1)
        let maximum = max(step, ((totals.max() ?? 1) / step - 1e-9).rounded(.up) * step)
        let scale = plotHeight / maximum
        let yTicks = wholeSteps(from: 0, to: maximum, step: step)
        let slot = plotWidth / Double(max(1, categories.count))
        let labelling = categoryLabels(categories, slot: slot)
        let categoryLines = categories.map { category in
            labelling == .wrapped && TextWidth.of(category, size: labelSize) > slot - gap ? TextWidth.twoLines(category) : TextWidth.lines(category)
        }
        let diagonal = 0.5.squareRoot()
        // Rotated labels reach left of their bar: the first ones may need the left margin widened.
        let reachLeft = labelling != .rotated ? 0 : categoryLines.enumerated().map { index, lines in
            TextWidth.widest(lines, size: labelSize) * diagonal - (Double(index) + 0.5) * slot
        }.max() ?? 0
        let tickWidth = TextWidth.widest(yTicks.map(number), size: tickSize)
        let left = max(margin + axisSize + 10 + tickWidth, margin + reachLeft)
        let labelDepth: Double = switch labelling {
        case .flat: lineHeight
        case .wrapped: 2 * lineHeight
        case .rotated: (categoryLines.map { TextWidth.widest($0, size: labelSize) + Double($0.count) * lineHeight }.max() ?? 0) * diagonal
        }
        let axisY = top + plotHeight
        let xLabelY = axisY + 10 + labelDepth + 20
        let legendX = left + plotWidth + 30
        let names = series.map(\.name)
        let width = max(legendX + legendWidth(names) + margin, TextWidth.of(title, size: titleSize, bold: true) + 2 * margin)
        let height = max(xLabelY + margin, top + Double(series.count) * 18 + margin)
        var svg = [open(width: width, height: height, title: title), patterns]
        svg.append(text(width / 2, 20, title, anchor: "middle", size: titleSize, bold: true))
        for tick in yTicks {
            let y = axisY - tick * scale
            svg.append("<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#ccc\"/>")
            svg.append(text(left - 6, y + 4, number(tick), anchor: "end", size: tickSize))
        }
        let barWidth = slot * 0.6
        for (index, category) in categories.enumerated() {
            let x = left + slot * (Double(index) + 0.2)
            var base = axisY
            for (seriesIndex, entry) in series.enumerated() where entry.values[index] > 0 {
                let barHeight = entry.values[index] * scale
                base -= barHeight
                svg.append("<rect x=\"\(f(x))\" y=\"\(f(base))\" width=\"\(f(barWidth))\" height=\"\(f(barHeight))\" fill=\"\(fill(seriesIndex))\" stroke=\"#000\" stroke-width=\"0.4\"><title>\(HTMLText.escape("\(category), \(entry.name): \(number(entry.values[index]))"))</title></rect>")
            }
            let centre = x + barWidth / 2
            if labelling == .rotated {
                svg.append(text(centre, axisY + 12, lines: categoryLines[index], anchor: "end", rotation: -45))
            } else {
                svg.append(text(centre, axisY + 16, lines: categoryLines[index], anchor: "middle"))
            }
        }
        svg.append("<line x1=\"\(f(left))\" y1=\"\(f(axisY))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(axisY))\" stroke=\"#000\"/>")
        svg.append(text(left + plotWidth / 2, xLabelY, xLabel, anchor: "middle"))
        svg.append(text(yTitleX(left: left, tickWidth: tickWidth), top + plotHeight / 2, yLabel, anchor: "middle", rotation: -90))
        svg.append(legend(names, x: legendX, y: top))
        svg.append("</svg>")
        return svg.joined()
    }

    // MARK: Horizontal bars

    /// One horizontal bar: its label, its value on the axis, and the value as the table beside
    /// the chart prints it.
    struct Bar {
        var label: String
        var value: Double
        var text: String
    }

    /// Vertical positions of labelled rows: a row of two label lines is taller than one of one.
    private static func rows(_ labels: [[String]], height: Double) -> (tops: [Double], bottom: Double) {
        var tops: [Double] = [], y = 40.0
        for lines in labels {
            tops.append(y)
            y += height + Double(lines.count - 1) * lineHeight
        }
        return (tops, y)
    }

    /// Row labels right-aligned at `x`, vertically centred on the row.
    private static func rowLabel(_ lines: [String], x: Double, rowTop: Double, rowHeight: Double) -> String {
        let firstBaseline = rowTop + rowHeight / 2 + 4 - Double(lines.count - 1) * lineHeight / 2
        return text(x, firstBaseline, lines: lines, anchor: "end")
    }

    /// Horizontal bars from 0, each with its value printed after it, and, when given, a dashed
    /// reference line (a target, the best plan) with its label above.
    /// `legend` says what a bar measures, in the words of the table beside the chart.
    static func horizontalBars(title: String, xLabel: String, bars: [Bar], axis: AxisFormat, reference: (value: Double, label: String)?, legend: String) -> String {
        let labels = bars.map { TextWidth.lines($0.label) }
        let left = margin + TextWidth.widest(labels.flatMap { $0 }, size: labelSize) + 8
        let plotWidth = 380.0, rowHeight = 24.0
        let largest = max(reference?.value ?? 0, bars.map(\.value).max() ?? 0)
        let step = tickStep(largest > 0 ? largest : 1)
        let maximum = max(step, (largest / step - 1e-9).rounded(.up) * step)
        let scale = plotWidth / maximum
        let (tops, bottom) = rows(labels, height: rowHeight)
        let tickValues = ticks(from: 0, to: maximum, label: axis.tick) { left + $0 * scale }
        let rightmost = [left + plotWidth + TextWidth.of(axis.tick(maximum), size: tickSize) / 2,
                         reference.map { left + $0.value * scale + TextWidth.of($0.label, size: tickSize) / 2 } ?? 0]
            + bars.map { left + max(0, $0.value) * scale + 4 + TextWidth.of($0.text, size: tickSize) }
        let width = max((rightmost.max() ?? 0) + margin, TextWidth.of(title, size: titleSize, bold: true) + 2 * margin,
                        left + plotWidth / 2 + TextWidth.of(xLabel, size: axisSize) / 2 + margin, legendWidth([legend]) + 2 * margin)
        let height = bottom + 70
        var svg = [open(width: width, height: height, title: title)]
        svg.append(text(width / 2, 20, title, anchor: "middle", size: titleSize, bold: true))
        let barTops = bars.indices.map { tops[$0] + (rowHeight + Double(labels[$0].count - 1) * lineHeight - 14) / 2 }
        for (index, bar) in bars.enumerated() {
            let thisHeight = rowHeight + Double(labels[index].count - 1) * lineHeight
            svg.append(rowLabel(labels[index], x: left - 8, rowTop: tops[index], rowHeight: thisHeight))
            svg.append("<rect x=\"\(f(left))\" y=\"\(f(barTops[index]))\" width=\"\(f(max(0, bar.value) * scale))\" height=\"14\" fill=\"\(fills[1])\" stroke=\"#000\" stroke-width=\"0.4\"/>")
        }
        // Bars, then the reference line over them, then the values over the line, each on a white
        // ground so it stays readable where the line crosses it.
        if let reference {
            let x = left + reference.value * scale
            svg.append("<line x1=\"\(f(x))\" y1=\"\(f(tops.first ?? bottom))\" x2=\"\(f(x))\" y2=\"\(f(bottom))\" stroke=\"#000\" stroke-dasharray=\"5 3\"/>")
            svg.append(text(x, (tops.first ?? bottom) - 4, reference.label, anchor: "middle", size: tickSize))
        }
        for (index, bar) in bars.enumerated() {
            let x = left + max(0, bar.value) * scale + 4
            svg.append("<rect x=\"\(f(x - 1))\" y=\"\(f(barTops[index]))\" width=\"\(f(TextWidth.of(bar.text, size: tickSize) + 2))\" height=\"14\" fill=\"#fff\"/>")
            svg.append(text(x, barTops[index] + 11, bar.text, size: tickSize))
        }
        svg.append("<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(bottom))\" stroke=\"#000\"/>")
        for tick in tickValues {
            svg.append(text(left + tick * scale, bottom + 14, axis.tick(tick), anchor: "middle", size: tickSize))
        }
        svg.append(text(left + plotWidth / 2, bottom + 34, xLabel, anchor: "middle"))
        svg.append("<rect x=\"\(f(margin))\" y=\"\(f(bottom + 46))\" width=\"14\" height=\"12\" fill=\"\(fills[1])\" stroke=\"#000\" stroke-width=\"0.5\"/>")
        svg.append(text(margin + 20, bottom + 56, legend, size: labelSize))
        svg.append("</svg>")
        return svg.joined()
    }

    /// Changes around zero: decreases to the left, increases to the right.
    static func divergingBars(title: String, xLabel: String, items: [(label: String, change: Double)]) -> String {
        let labels = items.map { TextWidth.lines($0.label) }
        let left = margin + TextWidth.widest(labels.flatMap { $0 }, size: labelSize) + 8
        let plotWidth = 380.0, rowHeight = 22.0
        let largest = items.map { abs($0.change) }.max() ?? 0
        let step = tickStep(largest > 0 ? largest : 1)
        let maximum = max(step, (largest / step - 1e-9).rounded(.up) * step)
        let middle = left + plotWidth / 2
        let scale = plotWidth / 2 / maximum
        let (tops, bottom) = rows(labels, height: rowHeight)
        let tickLabel = { (value: Double) in value > 0 ? "+" + number(value) : number(value) }
        let tickValues = ticks(from: -maximum, to: maximum, label: tickLabel) { middle + $0 * scale }
        let width = max(left + plotWidth + TextWidth.of(tickLabel(maximum), size: tickSize) / 2 + margin,
                        TextWidth.of(title, size: titleSize, bold: true) + 2 * margin,
                        middle + TextWidth.of(xLabel, size: axisSize) / 2 + margin)
        let height = bottom + 46 + 36 + 8
        var svg = [open(width: width, height: height, title: title), patterns]
        svg.append(text(width / 2, 20, title, anchor: "middle", size: titleSize, bold: true))
        for (index, item) in items.enumerated() {
            let rowTop = tops[index], thisHeight = rowHeight + Double(labels[index].count - 1) * lineHeight
            let barWidth = abs(item.change) * scale
            let x = item.change < 0 ? middle - barWidth : middle
            svg.append(rowLabel(labels[index], x: left - 8, rowTop: rowTop, rowHeight: thisHeight))
            svg.append("<rect x=\"\(f(x))\" y=\"\(f(rowTop + (thisHeight - 14) / 2))\" width=\"\(f(barWidth))\" height=\"14\" fill=\"\(item.change < 0 ? fill(1) : fills[0])\" stroke=\"#000\" stroke-width=\"0.4\"/>")
        }
        svg.append("<line x1=\"\(f(middle))\" y1=\"\(f(tops.first ?? bottom))\" x2=\"\(f(middle))\" y2=\"\(f(bottom))\" stroke=\"#000\"/>")
        svg.append("<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(bottom))\" stroke=\"#000\"/>")
        for tick in tickValues {
            svg.append(text(middle + tick * scale, bottom + 14, tickLabel(tick), anchor: "middle", size: tickSize))
        }
        svg.append(text(middle, bottom + 34, xLabel, anchor: "middle"))
        svg.append(legend(["increase", "decrease"], x: margin, y: bottom + 46))
        svg.append("</svg>")
        return svg.joined()
    }

    // MARK: Lines

    /// Lines over a numeric x axis.
    /// `fromZero`: start the y axis at 0 (amounts) or at the data's minimum (an objective).
    static func lineChart(title: String, xLabel: String, yLabel: String, series: [(name: String, points: [(x: Double, y: Double)])], fromZero: Bool = true) -> String {
        let plotWidth = 440.0, top = 40.0, plotHeight = 240.0
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) }
        let xMin = xs.min() ?? 0, xMax = max(xs.max() ?? 1, (xs.min() ?? 0) + 1e-12)
        let low = ys.min() ?? 0, high = ys.max() ?? 1
        let padding = fromZero ? 0 : max((high - low) * 0.1, abs(high) * 1e-6, 1e-12)
        let yMin = fromZero ? min(0, low) : low - padding, highest = max(high + padding, yMin + 1e-12)
        let yStep = tickStep(highest - yMin)
        // Amounts run up to a labelled tick, so the top of every line can be read off the axis.
        let yMax = fromZero ? max(highest, (highest / yStep - 1e-9).rounded(.up) * yStep) : highest
        let yTicks = wholeSteps(from: yMin, to: yMax, step: yStep)
        let tickWidth = TextWidth.widest(yTicks.map(number), size: tickSize)
        let left = margin + axisSize + 10 + tickWidth
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - (y - yMin) / (yMax - yMin) * plotHeight }
        let xTicks = ticks(from: xMin, to: xMax, label: number, position: px)
        // The legend starts clear of the last tick label, which is centred on the plot's right edge.
        let legendX = left + plotWidth + max(30, (xTicks.last.map { TextWidth.of(number($0), size: tickSize) / 2 } ?? 0) + gap)
        let names = series.map(\.name)
        let width = max(legendX + 28 + TextWidth.widest(names, size: labelSize) + margin, TextWidth.of(title, size: titleSize, bold: true) + 2 * margin)
        let height = max(top + plotHeight + 60, top + Double(series.count) * 18 + margin)
        var svg = [open(width: width, height: height, title: title)]
        svg.append(text(width / 2, 20, title, anchor: "middle", size: titleSize, bold: true))
        let dashes = ["", "6 3", "2 2", "8 3 2 3", "1 3", "10 2"]
        for value in yTicks {
            let y = py(value)
            svg.append("<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>")
            svg.append(text(left - 6, y + 4, number(value), anchor: "end", size: tickSize))
        }
        for tick in xTicks {
            svg.append(text(px(tick), top + plotHeight + 14, number(tick), anchor: "middle", size: tickSize))
        }
        for (index, entry) in series.enumerated() {
            let path = entry.points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            let color = fills[(index * 3) % fills.count]
            svg.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"\(dashes[index % dashes.count])\"/>")
        }
        svg.append("<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#000\"/>")
        svg.append(text(left + plotWidth / 2, top + plotHeight + 36, xLabel, anchor: "middle"))
        svg.append(text(yTitleX(left: left, tickWidth: tickWidth), top + plotHeight / 2, yLabel, anchor: "middle", rotation: -90))
        for (index, entry) in series.enumerated() {
            let y = top + Double(index) * 18
            svg.append("<line x1=\"\(f(legendX))\" y1=\"\(f(y + 6))\" x2=\"\(f(legendX + 22))\" y2=\"\(f(y + 6))\" stroke=\"\(fills[(index * 3) % fills.count])\" stroke-width=\"2\" stroke-dasharray=\"\(dashes[index % dashes.count])\"/>")
            svg.append(text(legendX + 28, y + 10, entry.name, size: labelSize))
        }
        svg.append("</svg>")
        return svg.joined()
    }
}
