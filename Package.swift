// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "onboard",
  // macOS 15 for Synchronization's Mutex.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "onboard", targets: ["onboard"]),
    // Library products so the fuzz package in Fuzz/ can depend on the modules by path.
    .library(name: "GuideKit", targets: ["GuideKit"]),
    .library(name: "CredentialSpecs", targets: ["CredentialSpecs"]),
    .library(name: "CredentialLint", targets: ["CredentialLint"]),
    .library(name: "Escaping", targets: ["Escaping"]),
    .library(name: "Roster", targets: ["Roster"]),
    .library(name: "PacketPlanning", targets: ["PacketPlanning"]),
    .library(name: "Packets", targets: ["Packets"]),
    .library(name: "OnboardSupport", targets: ["OnboardSupport"]),
    .library(name: "Verification", targets: ["Verification"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
  ],
  targets: [
    // Every dependency a target imports is declared here, and every one declared is imported:
    // scripts/gates/imports.py checks it (and docs/architecture.md's imports column) in CI.
    // The C library, through pkg-config. Only `CommonMark` imports it.
    .systemLibrary(
      name: "Ccmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]
    ),
    // The system's libcrypto (OpenSSL 3), through pkg-config, for SHA-256 and HMAC-SHA256. Only
    // OnboardSupport's SHA256.swift and HMACSHA256.swift import it.
    .systemLibrary(
      name: "CCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
    ),
    // The system's libsqlite3, through pkg-config. Only Ledger's SQLiteDatabase.swift imports it.
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
    ),
    // A read-only Swift value tree over cmark, with source ranges and cmark's renderers.
    .target(name: "CommonMark", dependencies: ["Ccmark", "OnboardSupport"]),
    // Diagnostics, source locations and the reporters (text, JSON, SARIF, GitHub).
    .target(name: "OnboardDiagnostics"),
    // Small shared utilities: atomic writes, terminal detection, progress, hashing.
    .target(name: "OnboardSupport", dependencies: ["CCrypto"]),
    // Credential specs, layouts, value validation and redaction.
    .target(
      name: "CredentialSpecs",
      dependencies: ["OnboardDiagnostics", "Yams"]
    ),
    // Guide format: front matter, step graph, guide rules, conditions, variables, graph export.
    .target(
      name: "GuideKit",
      dependencies: ["CommonMark", "OnboardDiagnostics", "OnboardSupport", "CredentialSpecs", "Yams"]
    ),
    // Linter for filled credential files (YAML, dotenv, JSON).
    .target(
      name: "CredentialLint",
      dependencies: ["OnboardDiagnostics", "OnboardSupport", "CredentialSpecs", "Yams"]
    ),
    // Which guide, template set and layout a command uses: the command line, the current
    // checkout, the binary's checkout, the XDG data folders, then <prefix>/share/onboard.
    .target(
      name: "GuideLocating",
      dependencies: ["GuideKit", "CredentialSpecs", "CredentialLint", "OnboardDiagnostics", "OnboardSupport"]
    ),
    // Values escaped for each kind of output file (HTML, Markdown, YAML, dotenv, Python, JSON,
    // comments, URLs) and the link-scheme check.
    .target(name: "Escaping", dependencies: ["OnboardSupport"]),
    // Rosters: YAML and CSV readers (streamed), sellers, and the roster rules and validator.
    .target(
      name: "Roster",
      dependencies: ["GuideKit", "CredentialSpecs", "Escaping", "OnboardDiagnostics", "OnboardSupport", "Yams"]
    ),
    // Per-seller planning (conditions, variables, required steps) and the filling of guide
    // Markdown with a seller's variables. No Mustache.
    .target(
      name: "PacketPlanning",
      dependencies: ["GuideKit", "CredentialSpecs", "Escaping", "Roster", "OnboardDiagnostics", "OnboardSupport"]
    ),
    // Onboarding packets: Mustache templates, the shape/splice renderer and the packet writer.
    .target(
      name: "Packets",
      dependencies: [
        "GuideKit", "CommonMark", "CredentialSpecs", "Escaping", "PacketPlanning", "Roster", "OnboardDiagnostics",
        "OnboardSupport", .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    // Printed runbooks: HTML for print, PDF through headless Chromium.
    .target(
      name: "Runbook",
      dependencies: [
        "GuideKit", "PacketPlanning", "CommonMark", "CredentialSpecs", "Escaping", "OnboardSupport",
        "OnboardDiagnostics", "Roster", "Yams",
      ]
    ),
    // The onboarding ledger: events in SQLite, status rows, rotation dates.
    .target(name: "Ledger", dependencies: ["CSQLite", "Escaping", "OnboardSupport"]),
    // The interactive terminal walk and credential merging.
    .target(
      name: "Walk",
      dependencies: [
        "GuideKit", "GuideLocating", "PacketPlanning", "CredentialSpecs", "CredentialLint", "Escaping",
        "OnboardSupport", "OnboardDiagnostics", "Roster", "Yams",
        "CommonMark", "Verification",
      ]
    ),
    // Proving credentials with the service: the guide's OAuth refresh-token exchange and
    // probe over Foundation's URLSession (FoundationNetworking, libcurl on Linux).
    .target(name: "Verification", dependencies: ["CredentialSpecs", "OnboardDiagnostics", "OnboardSupport"]),
    .executableTarget(
      name: "onboard",
      dependencies: [
        "GuideKit", "GuideLocating", "CredentialLint", "PacketPlanning", "Packets", "Roster", "Runbook", "Walk",
        "OnboardDiagnostics", "Ledger",
        "OnboardSupport", "CredentialSpecs", "Verification",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
    .testTarget(name: "VerificationTests", dependencies: ["Verification", "CredentialSpecs", "OnboardSupport"]),
    .testTarget(name: "LedgerTests", dependencies: ["Ledger", "OnboardSupport"]),
    .testTarget(name: "OnboardDiagnosticsTests", dependencies: ["OnboardDiagnostics"]),
    .testTarget(name: "OnboardSupportTests", dependencies: ["OnboardSupport"]),
    .testTarget(name: "EscapingTests", dependencies: ["Escaping", "CommonMark", "Yams"]),
    .testTarget(name: "RosterTests", dependencies: ["Roster", "OnboardDiagnostics"]),
    .testTarget(name: "CredentialSpecsTests", dependencies: ["CredentialSpecs", "OnboardDiagnostics", "Yams"]),
    .testTarget(
      name: "GuideKitTests",
      dependencies: ["GuideKit", "CommonMark", "CredentialSpecs", "OnboardDiagnostics"],
      exclude: ["Golden"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "CredentialLintTests",
      dependencies: ["CredentialLint", "CredentialSpecs", "GuideKit", "OnboardDiagnostics"]
    ),
    .testTarget(
      name: "PacketsTests",
      dependencies: [
        "Packets", "PacketPlanning", "CredentialSpecs", "Escaping", "Roster", "GuideKit", "CommonMark",
        "OnboardDiagnostics", "OnboardSupport",
        "Yams",
      ]
    ),
    .testTarget(
      name: "RunbookTests",
      dependencies: ["Runbook", "PacketPlanning", "Escaping", "Roster", "GuideKit", "CommonMark", "OnboardDiagnostics"]
    ),
    .testTarget(
      name: "WalkTests",
      dependencies: [
        "Walk", "GuideKit", "GuideLocating", "PacketPlanning", "Packets", "Roster", "Runbook", "CommonMark", "Yams",
        "CredentialSpecs",
        "OnboardDiagnostics",
      ]),
    // Runs the built executable (declared so that it is built first; nothing imports it).
    .testTarget(name: "OnboardCLITests", dependencies: ["onboard", "Ledger"]),
  ],
  swiftLanguageModes: [.v6]
)
