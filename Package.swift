// swift-tools-version: 6.1
// Allot is GPL-3.0-or-later because it links GLPK (GPL-3.0-or-later).
import PackageDescription

let package = Package(
    name: "Allot",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LinearModel", targets: ["LinearModel"]),
        .library(name: "GLPKBackend", targets: ["GLPKBackend"]),
        .library(name: "COINBackend", targets: ["COINBackend"]),
        .library(name: "LPConformance", targets: ["LPConformance"]),
        .library(name: "LPReports", targets: ["LPReports"]),
        .library(name: "Allocation", targets: ["Allocation"]),
        .library(name: "AllocationReports", targets: ["AllocationReports"]),
        .library(name: "Runner", targets: ["Runner"]),
        .library(name: "XLSXWriter", targets: ["XLSXWriter"]),
        .executable(name: "allot", targets: ["allot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "LinearModel"),
        .target(name: "GLPKBackend", dependencies: ["CGLPK", "LinearModel"]),
        // COIN-OR CLP and CBC, loaded at run time (never linked: see COINLibrary and the README).
        .target(name: "COINBackend", dependencies: ["LinearModel"]),
        .target(name: "LPConformance", dependencies: ["LinearModel"]),
        .target(name: "CNumberFormat"),
        .target(name: "LPReports", dependencies: ["CNumberFormat", "LinearModel"]),
        .target(name: "Allocation", dependencies: ["LinearModel", "Yams"]),
        .target(name: "AllocationReports", dependencies: ["Allocation", "CZlib", "LinearModel", "LPReports"]),
        .target(name: "XLSXWriter", dependencies: ["CXLSXWriter", "LPReports"]),
        .target(name: "Runner", dependencies: ["Allocation", "AllocationReports", "LinearModel", "LPReports", "XLSXWriter"]),
        .target(
            name: "AllotCLI",
            dependencies: [
                "LinearModel",
                "GLPKBackend",
                "LPReports",
                "Allocation",
                "AllocationReports",
                "Runner",
                "XLSXWriter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "COINBackend",
            ]
        ),
        .executableTarget(name: "allot", dependencies: ["AllotCLI"]),
        // libFuzzer targets (`.ci/fuzz` builds them with -sanitize=fuzzer); plain builds are
        // replay tools for their corpus.
        .executableTarget(name: "FuzzScenario", dependencies: ["Allocation", "AllocationReports", "GLPKBackend"]),
        .executableTarget(name: "FuzzModelFile", dependencies: ["GLPKBackend", "LinearModel", "LPReports"]),
        .target(name: "AllotTestSupport", dependencies: ["GLPKBackend", "LinearModel"], path: "Tests/TestSupport"),
        .testTarget(name: "AllotTestSupportTests", dependencies: ["AllotTestSupport"]),
        .testTarget(name: "LinearModelTests", dependencies: ["LinearModel"]),
        .testTarget(
            name: "GLPKBackendTests",
            dependencies: ["AllotTestSupport", "COINBackend", "GLPKBackend", "LinearModel", "LPConformance"]
        ),
        .testTarget(
            name: "AllocationTests",
            dependencies: ["AllotTestSupport", "Allocation", "AllocationReports", "GLPKBackend", "LinearModel", "LPConformance", "LPReports", "Runner", "XLSXWriter", "COINBackend"],
            exclude: ["Golden", "Scenarios"]
        ),
        .testTarget(
            name: "AllotCLITests",
            dependencies: ["Allocation", "AllocationReports", "AllotCLI", "AllotTestSupport", "GLPKBackend", "allot", .product(name: "Yams", package: "Yams")],
            exclude: ["Golden"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

