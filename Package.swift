// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hydrous-audit",
    products: [
        .executable(name: "hydrous-audit", targets: ["hydrous-audit"]),
        // For the fuzz package in Fuzz/ (built on its own; see scripts/fuzz.sh).
        .library(name: "HydrousAuditCore", targets: ["AWSClient", "Rules", "HydrousAudit", "Inventory"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // OpenSSL's libcrypto: SHA-256 and HMAC-SHA256 for SigV4 and fingerprints.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "Digests", dependencies: ["CLibCrypto"]),
        // libcurl and libxml2 loaded on first use in the statically linked release binary (offline runs never load them).
        .target(name: "LazyLoad"),
        .target(name: "LazyCurl", dependencies: ["LazyLoad"]),
        .target(name: "LazyXML", dependencies: ["LazyLoad"]),
        .target(name: "Inventory"),
        .target(name: "AWSClient", dependencies: ["Digests", "LazyCurl", "LazyXML"]),
        .target(name: "Rules", dependencies: ["Inventory", "Digests", .product(name: "Yams", package: "Yams")]),
        .target(name: "Pricing", dependencies: ["Inventory", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "HydrousAudit",
            dependencies: [
                "Inventory", "AWSClient", "Rules", "Pricing", "Digests",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "hydrous-audit",
            dependencies: [
                "HydrousAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "TestSupport"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "Digests", "LazyCurl", "LazyLoad", "LazyXML", "TestSupport"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Inventory", "TestSupport"]),
        .testTarget(name: "PricingTests", dependencies: ["Pricing", "Inventory", "TestSupport"]),
        .testTarget(
            name: "HydrousAuditTests",
            dependencies: ["HydrousAudit", "AWSClient", "Rules", "Pricing", "Inventory", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
