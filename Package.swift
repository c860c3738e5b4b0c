// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Runbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "runbook", targets: ["RunbookCLI"]),
        .library(name: "RunbookCore", targets: ["RunbookCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .target(name: "RunbookCore"),
        .target(
            name: "RunbookStore",
            dependencies: [
                "RunbookCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "RunbookCLI",
            dependencies: [
                "RunbookCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RunbookCoreTests", dependencies: ["RunbookCore"]),
        .testTarget(name: "RunbookCLITests", dependencies: ["RunbookCLI"]),
        .testTarget(name: "RunbookStoreTests", dependencies: ["RunbookStore"]),
    ],
    swiftLanguageModes: [.v6]
)
