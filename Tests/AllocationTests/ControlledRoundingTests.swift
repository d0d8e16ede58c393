import AllocationReports
import LinearModel
import LPConformance
import Testing

@Suite("Controlled rounding")
struct ControlledRoundingTests {
    @Test func aSmallTableByHand() {
        // Rows 0.4+0.4+0.4 = 1.2 and 0.6+0.6+0.6 = 1.8; columns 1.0 each; total 3.
        let table = ControlledRounding.round([[0.4, 0.4, 0.4], [0.6, 0.6, 0.6]])
        #expect(table.total == 3)
        #expect(table.columnTotals == [1, 1, 1])
        #expect(table.rowTotals.reduce(0, +) == 3)
        #expect(table.rowTotals.allSatisfy { [1, 2].contains($0) })
        for (row, total) in zip(table.cells, table.rowTotals) { #expect(row.reduce(0, +) == total) }
    }

    @Test func exactValuesStay() {
        let table = ControlledRounding.round([[10, 20], [30, 40.000000000001]])
        #expect(table.cells == [[10, 20], [30, 40]])
        #expect(table.total == 100)
    }

    @Test(arguments: Array(UInt64(1)...200))
    func everyRowAndColumnAddsUp(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let rows = Int.random(in: 1...8, using: &random), columns = Int.random(in: 1...9, using: &random)
        let unit = [1.0, 0.1, 1000][Int.random(in: 0...2, using: &random)]
        let cells = (0..<rows).map { _ in (0..<columns).map { _ in
            Int.random(in: 0...4, using: &random) == 0 ? 0 : Double.random(in: 0...5000, using: &random) * unit / 7
        } }
        let table = ControlledRounding.round(cells, unit: unit)
        func whole(_ value: Double) -> Double { (value / unit).rounded() }
        for row in 0..<rows {
            #expect(whole(table.cells[row].reduce(0, +)) == whole(table.rowTotals[row]), "seed \(seed) row \(row)")
            let exact = cells[row].reduce(0, +)
            #expect(abs(table.rowTotals[row] - exact) < unit * (1 + 1e-9), "seed \(seed) row total")
            for column in 0..<columns {
                #expect(abs(table.cells[row][column] - cells[row][column]) < unit * (1 + 1e-9), "seed \(seed) cell")
                if cells[row][column] == 0 { #expect(table.cells[row][column] == 0, "seed \(seed): zero stays zero") }
            }
        }
        for column in 0..<columns {
            #expect(whole(table.cells.reduce(0) { $0 + $1[column] }) == whole(table.columnTotals[column]), "seed \(seed) column \(column)")
        }
        #expect(whole(table.rowTotals.reduce(0, +)) == whole(table.total), "seed \(seed)")
        #expect(whole(table.columnTotals.reduce(0, +)) == whole(table.total), "seed \(seed)")
        #expect(abs(table.total - cells.flatMap { $0 }.reduce(0, +)) < unit * (1 + 1e-9), "seed \(seed)")
    }
}
