// swift-tools-version:6.0
import PackageDescription

// No third-party dependencies by design: the ledger is a record of state and must build from the
// toolchain alone, offline, for as long as the records matter.
let package = Package(
    name: "ledger",
    products: [
        .library(name: "Ledger", targets: ["Ledger"]),
        // Records written in Swift and given/when/then scenarios, for tests of your own history,
        // and the oracle (the rules written a second time) the engine is tested against.
        .library(name: "LedgerTesting", targets: ["LedgerTesting"]),
        .executable(name: "ledger", targets: ["ledger-cli"]),
    ],
    targets: [
        // The CPU's SHA instructions, which Swift cannot emit; see Sources/CSHA256.
        .target(name: "CSHA256", path: "Sources/CSHA256"),
        // The CPU's CRC32 instruction, for the index's block checksums; see Sources/CCRC32C.
        .target(name: "CCRC32C", path: "Sources/CCRC32C"),
        // A prefetch hint for the id tables `verify` fills; see Sources/CPrefetch.
        .target(name: "CPrefetch", path: "Sources/CPrefetch"),
        .target(name: "Ledger", dependencies: ["CSHA256", "CCRC32C", "CPrefetch"], path: "Sources/Ledger"),
        .target(name: "LedgerTesting", dependencies: ["Ledger"], path: "Sources/LedgerTesting"),
        .target(name: "ArgumentParsing", path: "Sources/ArgumentParsing"),
        .executableTarget(
            name: "ledger-cli",
            dependencies: ["Ledger", "ArgumentParsing"],
            path: "Sources/ledger-cli"
        ),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "LedgerTesting"], path: "Tests/LedgerTests"),
        .testTarget(name: "LedgerTestingTests", dependencies: ["LedgerTesting", "Ledger"], path: "Tests/LedgerTestingTests"),
        .testTarget(
            name: "ArgumentParsingTests",
            dependencies: ["ArgumentParsing"],
            path: "Tests/ArgumentParsingTests"
        ),
        // Depends on the executable so `swift test` builds the binary the CLI tests run.
        .testTarget(
            name: "LedgerCLITests",
            dependencies: ["ledger-cli", "Ledger"],
            path: "Tests/LedgerCLITests"
        ),
    ]
)
