// swift-tools-version:6.0
// Fuzz targets for hydrous-audit: a package of its own, so `swift build` /
// `swift test` of the main package never build it. Build and run with
// scripts/fuzz.sh, which passes -sanitize=fuzzer,address -parse-as-library.
import PackageDescription

let package = Package(
    name: "hydrous-audit-fuzz",
    dependencies: [
        .package(name: "hydrous-audit", path: ".."),
    ],
    targets: [
        // libFuzzer's driver, called from each target's renamed main.
        .target(name: "CFuzzDriver"),
        // Inputs that edit a JSON document value by value (FuzzSnapshot, FuzzReport).
        .target(name: "FuzzEdits"),
        .executableTarget(
            name: "FuzzXML",
            dependencies: ["CFuzzDriver", .product(name: "HydrousAuditCore", package: "hydrous-audit")]
        ),
        .executableTarget(
            name: "FuzzCLI",
            dependencies: ["CFuzzDriver", .product(name: "HydrousAuditCore", package: "hydrous-audit")]
        ),
        .executableTarget(
            name: "FuzzSecrets",
            dependencies: ["CFuzzDriver", .product(name: "HydrousAuditCore", package: "hydrous-audit")]
        ),
        .executableTarget(
            name: "FuzzJSON",
            dependencies: ["CFuzzDriver", .product(name: "HydrousAuditCore", package: "hydrous-audit")]
        ),
        .executableTarget(
            name: "FuzzSnapshot",
            dependencies: ["CFuzzDriver", "FuzzEdits", .product(name: "HydrousAuditCore", package: "hydrous-audit")]
        ),
        .executableTarget(
            name: "FuzzReport",
            dependencies: ["CFuzzDriver", "FuzzEdits", .product(name: "HydrousAuditCore", package: "hydrous-audit")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
