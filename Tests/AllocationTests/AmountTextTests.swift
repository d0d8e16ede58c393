@testable import Allocation
import LinearModel
import Testing

/// The scenario's amounts are printed without a NumberFormatter per number; the text must be
/// the one Foundation's decimal formatter gives (one decimal, half to even, grouped thousands).
@Suite("Amounts in scenario text")
struct AmountTextTests {
    @Test func amountsMatchFoundationsDecimalFormatter() {
        var random = SeededGenerator(seed: 2024)
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 1.15, 9.95, 99.95, 999.95, 999_999.96, 2.5, -2.5, 24_400, 1_234_567.85,
                                12.25, -0.04, -0.05, 1e-5, 3e16, 0.049999, 1e15, 123_456_789.75]
        for _ in 0..<20_000 {
            let scale = [1.0, 10, 1000, 1e6][Int.random(in: 0..<4, using: &random)]
            let decimals = [0.0, 10, 100, 1000][Int.random(in: 0..<4, using: &random)]
            let value = (Double.random(in: -1...1, using: &random) * scale * max(1, decimals)).rounded() / max(1, decimals)
            values.append(value)
            values.append(value + 0.05)
        }
        for value in values {
            #expect(ScenarioDecoder.amount(value) == ScenarioDecoder.formatted(value), "\(value)")
        }
    }
}
