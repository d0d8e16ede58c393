// swift-tools-version: 6.1
// Benchmarks live in their own package so that their dependencies stay out of Allot's.
// Run from this folder: swift package --allow-writing-to-package-directory benchmark
import PackageDescription

let package = Package(
    name: "AllotBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Allot", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SolverBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Allocation", package: "Allot"),
                .product(name: "GLPKBackend", package: "Allot"),
                .product(name: "LinearModel", package: "Allot"),
            ],
            path: "Benchmarks/SolverBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
