// swift-tools-version: 6.1
// Allot is GPL-3.0-or-later because it links GLPK (GPL-3.0-or-later).
import PackageDescription

let package = Package(
    name: "Allot",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LinearModel", targets: ["LinearModel"]),
        .library(name: "GLPKBackend", targets: ["GLPKBackend"]),
        .library(name: "LPConformance", targets: ["LPConformance"]),
        .library(name: "LPReports", targets: ["LPReports"]),
        .executable(name: "allot", targets: ["allot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .target(name: "LinearModel"),
        .target(name: "GLPKBackend", dependencies: ["CGLPK", "LinearModel"]),
        .target(name: "LPConformance", dependencies: ["LinearModel"]),
        .target(name: "LPReports", dependencies: ["LinearModel"]),
        .target(
            name: "AllotCLI",
            dependencies: [
                "LinearModel",
                "GLPKBackend",
                "LPReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "allot", dependencies: ["AllotCLI"]),
        .testTarget(name: "LinearModelTests", dependencies: ["LinearModel"]),
        .testTarget(
            name: "GLPKBackendTests",
            dependencies: ["GLPKBackend", "LinearModel", "LPConformance"]
        ),
        .testTarget(
            name: "AllotCLITests",
            dependencies: ["AllotCLI", "allot"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
