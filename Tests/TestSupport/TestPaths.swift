import Foundation

/// Folders of the package checkout that tests read. Tests run from a checkout; reading files in
/// place rather than from a resource bundle lets one test target use another's fixtures.
public enum TestPaths {
    /// The folder of `Package.swift`.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `scenarios/`: the scenario files shipped with Allot.
    public static let shippedScenarios = packageRoot.appendingPathComponent("scenarios")

    /// The hand-made scenarios: `tiny.yaml` and its variants, and broken or infeasible ITU ones.
    public static let testScenarios = packageRoot.appendingPathComponent("Tests/AllocationTests/Scenarios")

    /// Small LP and MPS files (Wyndor, a knapsack, an infeasible LP) the CLI tests read.
    public static let lpFixtures = packageRoot.appendingPathComponent("Tests/AllotCLITests/Fixtures")

    /// The golden file `name` (a path such as "itu-2024-2027/plan.json") in the `Golden` folder of
    /// the test target `testTarget`.
    public static func golden(_ name: String, of testTarget: String) -> URL {
        packageRoot.appendingPathComponent("Tests/\(testTarget)/Golden/\(name)")
    }
}
