// swift-tools-version:6.1
import PackageDescription

// One target per pipeline stage; dependencies flow one way:
// CCmarkGFM -> PortalMarkdown -> PortalContent -> PortalSite -> PortalCLI,
// with the pure StaffingModel beside them, and PortalWork (threads) under
// PortalContent and PortalSearch.
let package = Package(
    name: "ConsultationPortal",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "portal", targets: ["PortalCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "PortalMarkdown", dependencies: ["CCmarkGFM"]),
        // CRC-32 with carry-less multiplication for the offline bundle, where the processor has it.
        .target(name: "CPortalCRC"),
        // Threads for the stages that split their work; no dependencies, so any stage may use it.
        .target(name: "PortalWork"),
        .target(name: "StaffingModel", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "PortalContent",
            dependencies: ["PortalMarkdown", "PortalWork", "StaffingModel", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "PortalSearch", dependencies: ["PortalWork"]),
        // swift-mustache 2.1.1, vendored with the changes listed in its README.md
        // (Sources/Mustache/README.md): its value lookups were 40 % of a build.
        .target(name: "Mustache", exclude: ["LICENSE.txt", "README.md"]),
        .target(
            name: "PortalSite",
            dependencies: [
                "PortalContent", "PortalMarkdown", "PortalWork", "StaffingModel", "PortalSearch",
                "Mustache", "CPortalCRC",
            ]
        ),
        .executableTarget(
            name: "PortalCLI",
            dependencies: [
                "PortalSite", "PortalContent", "StaffingModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            // mimalloc (Debian's libmimalloc-dev) replaces glibc's malloc for the whole process once linked:
            // allocation was a tenth of a build's CPU (see README, "Memory allocator").
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(name: "MarkdownTests", dependencies: ["PortalMarkdown"]),
        .testTarget(name: "ContentTests", dependencies: ["PortalContent", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "StaffingModelTests",
            dependencies: ["StaffingModel", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "SearchTests", dependencies: ["PortalSearch"]),
        .testTarget(
            name: "MustacheTests",
            dependencies: ["Mustache", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "SiteTests",
            dependencies: ["PortalSite", "PortalContent", "PortalWork"]
        ),
        // Runs the built `portal` binary end to end; depends on PortalCLI so it is built first.
        .testTarget(name: "CLITests", dependencies: ["PortalCLI"]),
        // Bad input, atomic output, injection and determinism; runs the built binary too.
        .testTarget(name: "ReliabilityTests", dependencies: ["PortalCLI", "PortalSite", "PortalContent", "PortalMarkdown", "PortalFuzzTargets"]),
        // libFuzzer targets (Scripts/fuzz.sh); without -DFUZZING, PortalFuzz replays saved inputs.
        .target(name: "PortalFuzzTargets", dependencies: ["PortalContent", "PortalSite"]),
        .executableTarget(name: "PortalFuzz", dependencies: ["PortalFuzzTargets"]),
    ],
    swiftLanguageModes: [.v6]
)
