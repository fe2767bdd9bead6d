// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "DynamicGraphs",
    products: [
        .library(name: "Autograd", targets: ["Autograd"]),
        /// The static form the lesson runner links generated lesson programs against.
        .library(name: "AutogradStatic", type: .static, targets: ["Autograd"]),
        .executable(name: "lessons", targets: ["lessons"]),
        .executable(name: "bench", targets: ["bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-syntax", exact: "603.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `lessons serve`: HTTP and server-sent events on SwiftNIO. No traits: the server needs neither
        // swift-configuration nor the full-Foundation extras, and each trait adds build time in CI.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]),
        // No unsafe flags, so that packages can depend on Autograd by version: the class properties on
        // the tape's hot paths opt out of run-time exclusivity checks one by one (`@exclusivity(unchecked)`).
        .target(name: "Autograd", dependencies: ["CBLAS"]),
        .target(
            name: "LessonKit",
            dependencies: [
                "CCmark",
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Render/Templates"), .copy("Render/Assets"), .copy("Serve/ServeAssets"),
                        .copy("Twins/twin_driver.py"), .copy("Twins/twin_server.py"), .copy("Twins/twin_client.py")]),
        .executableTarget(
            name: "lessons",
            dependencies: [
                "LessonKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "bench",
            dependencies: ["Autograd", "CBLAS", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // PyTorch's side of the comparison: torch_bench.py and its recorded 1-thread output.
            exclude: ["PyTorchScript"]),
        /// Differential testing of static graphs: random programs run eagerly and as compiled graphs.
        .target(name: "GraphDifferential", dependencies: ["Autograd"], path: "Tests/GraphDifferential"),
        /// The long differential campaign (`make fuzz-graphs`), in release mode.
        .executableTarget(name: "graph-fuzz", dependencies: ["GraphDifferential"], path: "Tests/GraphFuzz"),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd", "GraphDifferential"], exclude: ["Golden"]),
        .testTarget(name: "LessonKitTests", dependencies: ["LessonKit", "Autograd"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v5]
)
