/// Controlled rounding of a two-dimensional table: every cell and every total is its exact value
/// rounded up or down to a whole multiple of the unit, chosen so that each printed row and
/// column adds up exactly to its printed total, and those totals to the printed grand total.
/// Exact multiples stay as they are.
///
/// Such a rounding always exists (Cox, 1987); it is found as an integral feasible flow in the
/// network source -> rows -> columns -> sink, with each edge's flow between the floor and the
/// ceiling of the value it carries.
public struct RoundedTable: Sendable, Equatable {
    public var cells: [[Double]]
    public var rowTotals: [Double]
    public var columnTotals: [Double]
    public var total: Double
    /// Units by which a total of the table's own may pass rounding up or down, to keep totals
    /// printed elsewhere; 0 for a plain controlled rounding.
    public var slack: Int = 0
}

/// Totals another table has already printed, which a table that shows the same quantities must
/// print as they are: rounded once, then reused.
public struct PrintedMargins: Sendable, Equatable {
    public var rowTotals: [Double]?
    public var columnTotals: [Double]?
    public var total: Double?

    public init(rowTotals: [Double]? = nil, columnTotals: [Double]? = nil, total: Double? = nil) {
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.total = total
    }

    public static let none = PrintedMargins()
}

public enum ControlledRounding {
    /// Rounds `cells` (rows x columns, all >= 0) to multiples of `unit`.
    public static func round(_ cells: [[Double]], unit: Double = 1) -> RoundedTable {
        guard let table = round(cells, unit: unit, keeping: .none) else {
            preconditionFailure("controlled rounding has no solution; Cox's theorem says it always does")
        }
        return table
    }

    /// Rounds `cells` as ``round(_:unit:)`` does, with the totals `margins` gives printed as
    /// given (each a rounding of the same exact total, in the same unit). Nil when no rounding
    /// of the cells adds up to them: Cox's theorem covers free totals only.
    /// Rounds `cells` keeping all of `margins` if it can: kept totals can force a table's own
    /// totals past rounding up or down (Cox's theorem covers free totals only), which are then
    /// sums of the rounded cells, as close to their exact values as the cells allow
    /// (``RoundedTable/slack``). Where no rounding keeps both sides, it keeps the row totals,
    /// else the column totals, else the grand total.
    public static func round(_ cells: [[Double]], unit: Double, keepingWherePossible margins: PrintedMargins) -> RoundedTable {
        let attempts = [margins, PrintedMargins(rowTotals: margins.rowTotals, total: margins.total),
                        PrintedMargins(columnTotals: margins.columnTotals, total: margins.total), PrintedMargins(total: margins.total)]
        let widest = max(cells.count, cells.first?.count ?? 0)
        for attempt in attempts {
            for slack in Set([0, 1, 2, widest]).sorted() {
                if let table = round(cells, unit: unit, keeping: attempt, slack: slack) { return table }
            }
            // A kept total that was itself a sum of rounded figures can lie past what its row's
            // cells round to: a cell then moves one unit further.
            if let table = round(cells, unit: unit, keeping: attempt, slack: widest, cellSlack: 1) { return table }
        }
        return round(cells, unit: unit)
    }

    /// With `slack`, the totals not kept may pass rounding up or down by that many units.
    /// With `cellSlack`, so may the cells.
    public static func round(_ cells: [[Double]], unit: Double, keeping margins: PrintedMargins, slack: Int = 0, cellSlack: Int = 0) -> RoundedTable? {
        // Units are counted in Int: past 1e15 units a table is printed as it is, not rounded.
        let sums = cells.flatMap { $0 } + [cells.flatMap { $0 }.reduce(0) { $0 + abs($1) }]
        guard unit > 0, sums.allSatisfy({ $0.isFinite && abs($0) / unit < 1e15 }) else {
            guard margins == .none else { return nil }
            let rows = cells.map { $0.reduce(0, +) }
            return RoundedTable(cells: cells, rowTotals: rows,
                                columnTotals: (0..<(cells.first?.count ?? 0)).map { column in cells.reduce(0) { $0 + $1[column] } },
                                total: rows.reduce(0, +))
        }
        let rows = cells.count
        let columns = cells.first?.count ?? 0
        let scaled = cells.map { $0.map { max(0, $0 / unit) } }
        let rowSums = scaled.map { $0.reduce(0, +) }
        let columnSums = (0..<columns).map { column in scaled.reduce(0) { $0 + $1[column] } }
        let grand = rowSums.reduce(0, +)

        // Nodes: 0 source, 1...rows, rows+1...rows+columns, sink.
        let source = 0, sink = rows + columns + 1
        var network = BoundedFlowNetwork(nodeCount: rows + columns + 2)
        var rowEdges: [Int] = [], cellEdges: [[Int]] = [], columnEdges: [Int] = []
        // A printed total is a whole number of units; the edge carries exactly that.
        func fixed(_ printed: Double?) -> (lower: Int, upper: Int)? {
            printed.map { let units = Int(($0 / unit).rounded()); return (units, units) }
        }
        func free(_ exact: Double) -> (lower: Int, upper: Int) { (max(0, floorSnap(exact) - slack), ceilSnap(exact) + slack) }
        if let given = margins.rowTotals, given.count != rows { return nil }
        if let given = margins.columnTotals, given.count != columns { return nil }
        for row in 0..<rows {
            let bounds = fixed(margins.rowTotals?[row]) ?? free(rowSums[row])
            rowEdges.append(network.addEdge(from: source, to: 1 + row, lower: bounds.lower, upper: bounds.upper))
        }
        for row in 0..<rows {
            cellEdges.append((0..<columns).map { column in
                network.addEdge(from: 1 + row, to: 1 + rows + column, lower: max(0, floorSnap(scaled[row][column]) - cellSlack),
                                upper: ceilSnap(scaled[row][column]) + cellSlack)
            })
        }
        for column in 0..<columns {
            let bounds = fixed(margins.columnTotals?[column]) ?? free(columnSums[column])
            columnEdges.append(network.addEdge(from: 1 + rows + column, to: sink, lower: bounds.lower, upper: bounds.upper))
        }
        let totalBounds = fixed(margins.total) ?? free(grand)
        let totalEdge = network.addEdge(from: sink, to: source, lower: totalBounds.lower, upper: totalBounds.upper)
        guard network.solveFeasibleCirculation() else { return nil }
        let value = { (edge: Int) in Double(network.flow(edge)) * unit }
        return RoundedTable(
            cells: cellEdges.map { $0.map(value) },
            rowTotals: rowEdges.map(value),
            columnTotals: columnEdges.map(value),
            total: value(totalEdge),
            slack: max(slack, cellSlack))
    }

    /// Rounds a list so that it adds up to its rounded total (a one-row table).
    public static func round(_ values: [Double], unit: Double = 1) -> (values: [Double], total: Double) {
        let table = round([values], unit: unit)
        return (table.cells.first ?? [], table.total)
    }

    /// Values within 1e-9 of a whole number count as whole, so float noise in an exact figure
    /// does not open a choice between two roundings.
    private static func floorSnap(_ value: Double) -> Int {
        let nearest = value.rounded()
        return abs(value - nearest) < 1e-9 ? Int(nearest) : Int(value.rounded(.down))
    }

    private static func ceilSnap(_ value: Double) -> Int {
        let nearest = value.rounded()
        return abs(value - nearest) < 1e-9 ? Int(nearest) : Int(value.rounded(.up))
    }
}

/// A small network with lower and upper bounds on edge flows; finds an integral feasible
/// circulation by the standard reduction to a maximum flow (Edmonds-Karp), deterministically.
struct BoundedFlowNetwork {
    private struct Edge {
        var to: Int
        var capacity: Int
        var flow = 0
        var reverse: Int
    }

    private var adjacency: [[Edge]]
    private var lowerBounds: [Int] = []
    /// Where each added edge sits: (node, index in its adjacency list).
    private var positions: [(node: Int, index: Int)] = []
    private var excess: [Int]

    init(nodeCount: Int) {
        adjacency = Array(repeating: [], count: nodeCount + 2)
        excess = Array(repeating: 0, count: nodeCount + 2)
    }

    mutating func addEdge(from: Int, to: Int, lower: Int, upper: Int) -> Int {
        positions.append((from, adjacency[from].count))
        lowerBounds.append(lower)
        addResidual(from, to, upper - lower)
        excess[to] += lower
        excess[from] -= lower
        return positions.count - 1
    }

    private mutating func addResidual(_ from: Int, _ to: Int, _ capacity: Int) {
        adjacency[from].append(Edge(to: to, capacity: capacity, reverse: adjacency[to].count))
        adjacency[to].append(Edge(to: from, capacity: 0, reverse: adjacency[from].count - 1))
    }

    func flow(_ edge: Int) -> Int {
        let position = positions[edge]
        return lowerBounds[edge] + adjacency[position.node][position.index].flow
    }

    /// True when every lower bound can be met; the flows are then set.
    mutating func solveFeasibleCirculation() -> Bool {
        let superSource = adjacency.count - 2, superSink = adjacency.count - 1
        var required = 0
        for node in 0..<(adjacency.count - 2) {
            if excess[node] > 0 {
                addResidual(superSource, node, excess[node])
                required += excess[node]
            } else if excess[node] < 0 {
                addResidual(node, superSink, -excess[node])
            }
        }
        return maxFlow(from: superSource, to: superSink) == required
    }

    private mutating func maxFlow(from source: Int, to sink: Int) -> Int {
        var total = 0
        while true {
            var parent: [(node: Int, edge: Int)?] = Array(repeating: nil, count: adjacency.count)
            var queue = [source]
            var head = 0
            parent[source] = (source, -1)
            while head < queue.count, parent[sink] == nil {
                let node = queue[head]
                head += 1
                for (index, edge) in adjacency[node].enumerated() where parent[edge.to] == nil && edge.capacity - edge.flow > 0 {
                    parent[edge.to] = (node, index)
                    queue.append(edge.to)
                }
            }
            guard parent[sink] != nil else { return total }
            var bottleneck = Int.max
            var node = sink
            while node != source, let step = parent[node] {
                let edge = adjacency[step.node][step.edge]
                bottleneck = min(bottleneck, edge.capacity - edge.flow)
                node = step.node
            }
            node = sink
            while node != source, let step = parent[node] {
                adjacency[step.node][step.edge].flow += bottleneck
                let reverse = adjacency[step.node][step.edge].reverse
                adjacency[node][reverse].flow -= bottleneck
                node = step.node
            }
            total += bottleneck
        }
    }
}
