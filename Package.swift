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
    ],
    targets: [
        .target(name: "RunbookCore"),
        .executableTarget(
            name: "RunbookCLI",
            dependencies: [
                "RunbookCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RunbookCoreTests", dependencies: ["RunbookCore"]),
        .testTarget(name: "RunbookCLITests", dependencies: ["RunbookCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
