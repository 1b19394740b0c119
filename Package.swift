// swift-tools-version:6.1
import PackageDescription

// One target per concern; dependencies flow one way (docs/architecture.md):
// PortalMarkdown -> PortalContent -> PortalRender -> PortalPages -> PortalDocumentPages -> PortalPacketPages -> PortalSite -> PortalCLI,
// with PortalBytes, PortalBinaryCodec and PortalCodeRecognizer under the content, StaffingModel, PortalRedline, PortalSearch and
// PortalOffline under the pages, and PortalCheck, PortalOutput, PortalCache and PortalBundle beside them: the cache implements
// protocols that PortalPages declares, so pages never see it.
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
        // Debian's cmark-gfm, the GitHub-flavoured Markdown parser, as a module.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Markdown to HTML through cmark-gfm; every C call of the parser stays here.
        .target(name: "PortalMarkdown", dependencies: ["CCmarkGFM"]),
        // Debian's libdeflate: CRC-32 for the archives and the cache's search terms, and the archives' deflate.
        .systemLibrary(name: "CLibdeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // Debian's libxxhash: XXH3-64 for the build cache's keys (StableHash).
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // Threads for the stages that split their work, and per-build memos they share; no dependencies, so any stage may use it.
        .target(name: "PortalWork"),
        // The staffing criteria's workload model, districts and bands, and the §1004(d) timeline: pure computation, no files or HTML.
        .target(name: "StaffingModel", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Build-time SVG charts of the staffing figures (scores against bands, the complement); needs only the domain.
        .target(name: "PortalCharts", dependencies: ["StaffingModel"]),
        // Small shared byte and file utilities that know nothing of content: byte search, line breaks, hashes, file reads and stamps.
        .target(name: "PortalBytes", dependencies: ["CLibdeflate", "CXXHash"]),
        // The build cache's binary record format: BinaryWriter, BinaryReader and the BinaryCodable protocol.
        .target(name: "PortalBinaryCodec"),
        // Finds occupation codes, with the grade and title written beside them, in running text and table rows.
        .target(name: "PortalCodeRecognizer", dependencies: ["PortalBytes"]),
        // Finds abbreviation-shaped and ordinary words in text (by bytes for ASCII), for the glossary check.
        .target(name: "PortalWordScan"),
        // Reads and checks Content/: front matter, documents, references, data files.
        .target(
            name: "PortalContent",
            dependencies: [
                "PortalMarkdown", "PortalWork", "StaffingModel", "PortalBytes", "PortalBinaryCodec", "PortalWordScan",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Redlines: a position's current and proposed versions compared section by section and word by word.
        .target(name: "PortalRedline", dependencies: ["PortalMarkdown"]),
        // The search index: tokenizer, ranking and the sharded index files the browser loads.
        .target(name: "PortalSearch", dependencies: ["PortalWork"]),
        // swift-mustache 2.1.1, vendored with the changes listed in its README.md
        // (Sources/Mustache/README.md): its value lookups go straight to the strings and dictionaries pages use.
        .target(name: "Mustache", exclude: ["LICENSE.txt", "README.md"]),
        // Turns one parsed body into HTML sections: code links, staffing blocks, anchors, redlines, captions.
        .target(
            name: "PortalRender",
            dependencies: [
                "PortalContent", "PortalRedline", "PortalMarkdown", "StaffingModel", "PortalWork", "Mustache", "PortalBytes", "PortalCodeRecognizer",
            ]
        ),
        // Offline packaging with no knowledge of the site: a deterministic ZIP writer (deflate by libdeflate), EPUB 3 packages.
        .target(name: "PortalOffline", dependencies: ["PortalContent", "StaffingModel", "CLibdeflate", "PortalBytes"]),
        // The site model, the theme and the page generators it needs itself: slides, feeds, code, staffing, glossary and search pages.
        .target(
            name: "PortalPages",
            dependencies: [
                "PortalRender", "PortalRedline", "PortalContent", "PortalMarkdown", "StaffingModel", "PortalSearch", "PortalWork",
                "Mustache", "PortalCharts", "PortalBytes",
            ]
        ),
        // Document pages, home and listings, with a consultation's replies and §1004(d) timeline and the deadline calendar.
        .target(
            name: "PortalDocumentPages",
            dependencies: ["PortalPages", "PortalRender", "PortalContent", "PortalMarkdown", "PortalRedline", "StaffingModel", "PortalWork"]
        ),
        // Proposal packets and their offline downloads: the packet page, each proposal's ZIP and EPUB, offline links, print destinations.
        .target(
            name: "PortalPacketPages",
            dependencies: [
                "PortalDocumentPages", "PortalPages", "PortalRender", "PortalContent", "PortalOffline", "PortalRedline", "StaffingModel",
                "PortalWork", "PortalBytes",
            ]
        ),
        // Checks over every page once the site is made: links and anchors, output paths.
        .target(name: "PortalCheck", dependencies: ["PortalPages", "PortalRender", "PortalContent", "PortalBytes"]),
        // Where the output goes: the claim on the folder, staging, the atomic swap, the lock, file writing.
        .target(name: "PortalOutput", dependencies: ["PortalContent", "PortalWork", "PortalBytes", "PortalBinaryCodec"]),
        // The build cache: reused page units, kept bodies and search terms (implements PortalPages' protocols).
        .target(
            name: "PortalCache",
            dependencies: [
                "PortalPages", "PortalRender", "PortalOutput", "PortalContent", "PortalSearch", "PortalWork", "PortalBytes", "PortalBinaryCodec",
            ]
        ),
        // The offline bundle: a deterministic, deflated ZIP of the whole site, written only when asked for.
        .target(name: "PortalBundle", dependencies: ["PortalOffline", "PortalOutput", "PortalRender", "PortalContent", "PortalBytes", "PortalWork", "StaffingModel"]),
        // The build pipeline: load, render, generate, check, write, swap; progress and the report.
        .target(
            name: "PortalSite",
            dependencies: [
                "PortalContent", "PortalMarkdown", "PortalWork", "StaffingModel", "PortalSearch", "PortalRender", "PortalPages",
                "PortalDocumentPages", "PortalPacketPages", "PortalCheck", "PortalOutput", "PortalCache", "PortalBundle",
            ]
        ),
        // The `portal` command: build, check, serve, new, staffing.
        .executableTarget(
            name: "PortalCLI",
            dependencies: [
                "PortalSite", "PortalContent", "StaffingModel", "PortalOutput", "PortalCache", "PortalBytes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            // mimalloc (Debian's libmimalloc-dev) replaces glibc's malloc for the whole process once linked:
            // a build allocates and frees many small objects on every core (figures in Benchmarks/HISTORY.md).
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(name: "MarkdownTests", dependencies: ["PortalMarkdown"]),
        .testTarget(
            name: "ContentTests",
            dependencies: [
                "PortalContent", "PortalRedline", "PortalBytes", "PortalBinaryCodec", "PortalCodeRecognizer", "PortalWordScan",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "StaffingModelTests",
            dependencies: ["StaffingModel", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ChartTests",
            dependencies: ["PortalCharts", "StaffingModel", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "SearchTests", dependencies: ["PortalSearch", "PortalWork"]),
        .testTarget(
            name: "MustacheTests",
            dependencies: ["Mustache", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "SiteTests",
            // Yams: StalePageTests finds every value in front matter and data files by parsing them.
            dependencies: [
                "PortalSite", "PortalPages", "PortalDocumentPages", "PortalPacketPages", "PortalRender", "PortalCheck", "PortalOutput",
                "PortalCache", "PortalBundle", "PortalOffline",
                "PortalContent", "PortalWork", "PortalSearch", "PortalBytes", "PortalBinaryCodec", .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Runs the built `portal` binary end to end; depends on PortalCLI so it is built first.
        .testTarget(name: "CLITests", dependencies: ["PortalCLI"]),
        // Bad input, atomic output, injection and determinism; runs the built binary too.
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["PortalCLI", "PortalSite", "PortalPages", "PortalRender", "PortalCheck", "PortalOutput", "PortalCache", "PortalBundle", "PortalContent", "PortalMarkdown", "PortalFuzzTargets"]),
        // libFuzzer targets (Scripts/fuzz.sh); without -DFUZZING, PortalFuzz replays saved inputs.
        .target(
            name: "PortalFuzzTargets",
            dependencies: [
                "PortalContent", "PortalSite", "PortalPages", "PortalRender", "PortalCheck", "PortalOutput", "PortalCache", "PortalBundle",
                "PortalCodeRecognizer",
            ]
        ),
        // The fuzzing executable: libFuzzer's entry point, or a replay of saved inputs.
        .executableTarget(name: "PortalFuzz", dependencies: ["PortalFuzzTargets"]),
    ],
    swiftLanguageModes: [.v6]
)
