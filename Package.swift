// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "microproject",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "microproject", targets: ["microproject"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditline",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        /// Pure: script model, expressions, the interview state machine, the record model.
        .target(name: "InterviewEngine"),
        /// YAML -> script model, validation and diagnostics with file:line:col, lint, graph.
        .target(
            name: "PromptScripts",
            dependencies: ["InterviewEngine", .product(name: "Yams", package: "Yams")]
        ),
        /// SQLite store (GRDB) and durable file writes.
        .target(
            name: "SessionStore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        /// Pure rules of the practice guide: types, levels, entry requirements, the cycle, closure.
        .target(name: "PracticeRules"),
        /// Records for people and the tracker: the complete record, CSV, the xlsx workbook, Markdown, certification
        /// evidence, summary.
        .target(
            name: "RecordExport",
            dependencies: [
                "InterviewEngine", "PracticeRules", "TextSafety",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        /// Pure: the one input policy for every line read and every argument, and the one way people's words are made
        /// safe to print (`Sanitizer`) and to write as Markdown (`MarkdownText`); no I/O, no Foundation.
        .target(name: "TextSafety"),
        /// Line reading (libedit or plain), wrapping, colour.
        .target(name: "TerminalIO", dependencies: ["CEditline", "TextSafety"]),
        /// Commands and the one driver.
        .target(
            name: "MicroprojectCLI",
            dependencies: [
                "InterviewEngine", "PracticeRules", "PromptScripts", "RecordExport", "SessionStore", "TerminalIO",
                "TextSafety", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "microproject", dependencies: ["MicroprojectCLI"]),
        /// Times the engine in process (Scripts/bench); not shipped.
        .executableTarget(
            name: "microproject-bench",
            dependencies: ["InterviewEngine", "PromptScripts", "RecordExport", "SessionStore"]
        ),
        .testTarget(name: "InterviewEngineTests", dependencies: ["InterviewEngine"]),
        .testTarget(name: "PracticeRulesTests", dependencies: ["PracticeRules"]),
        .testTarget(name: "PromptScriptsTests", dependencies: ["PromptScripts"]),
        .testTarget(name: "RecordExportTests", dependencies: ["RecordExport", "InterviewEngine"]),
        .testTarget(name: "SessionStoreTests", dependencies: ["SessionStore"]),
        .testTarget(name: "TerminalIOTests", dependencies: ["TerminalIO", "TextSafety"]),
        .testTarget(name: "TextSafetyTests", dependencies: ["TextSafety"]),
        .testTarget(
            name: "MicroprojectCLITests",
            dependencies: [
                "MicroprojectCLI", "InterviewEngine", "PromptScripts", "SessionStore", "TerminalIO", "TextSafety",
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

/// Fuzz targets (Scripts/fuzz), only when MICROPROJECT_FUZZ=1: each is a libFuzzer entry point with no `main`, so
/// it links only with `swift build --sanitize=fuzzer`, in a build folder of its own.
if Context.environment["MICROPROJECT_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, folder: String, dependencies: [Target.Dependency])] = [
        ("fuzz-script-loader", "ScriptLoader", ["PromptScripts"]),
        ("fuzz-conditions", "Conditions", ["PromptScripts", "InterviewEngine"]),
        ("fuzz-answers", "Answers", ["InterviewEngine"]),
        ("fuzz-csv", "CSV", ["RecordExport"]),
        ("fuzz-input-policy", "InputPolicy", ["TextSafety"]),
    ]
    package.targets.append(.target(name: "FuzzSupport", path: "Tests/Fuzz/Support"))
    for target in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: target.name,
                dependencies: target.dependencies + ["FuzzSupport"],
                path: "Tests/Fuzz/Targets/\(target.folder)"
            )
        )
        package.products.append(.executable(name: target.name, targets: [target.name]))
    }
}
