// swift-tools-version:6.0
// libFuzzer targets for onboard, kept out of the root package: each target defines
// LLVMFuzzerTestOneInput and links only with `-sanitize=fuzzer`. Build and run them with
// scripts/fuzz.sh (`make fuzz`); docs/gates.md explains the set-up.
import PackageDescription

/// The fuzz targets; each has a seed corpus in Corpus/<name>/.
let fuzzTargets: [(name: String, products: [String])] = [
  ("FuzzGuide", ["GuideKit"]),
  ("FuzzFrontMatter", ["GuideKit"]),
  ("FuzzCredentialsBlock", ["GuideKit", "CredentialSpecs"]),
  ("FuzzRosterYAML", []),
  ("FuzzRosterCSV", []),
  ("FuzzLintYAML", []),
  ("FuzzLintDotenv", []),
  ("FuzzLintJSON", []),
  ("FuzzPaths", ["OnboardSupport"]),
]

let package = Package(
  name: "OnboardFuzz",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "onboard", path: "..")
  ],
  targets: [
    // Hands control to libFuzzer's driver (see include/CFuzzDriver.h for why).
    .target(name: "CFuzzDriver"),
    // The bundled guide, layout and templates, invariants, and the roster and lint bodies.
    .target(
      name: "FuzzSupport",
      dependencies: [
        "CFuzzDriver",
        .product(name: "GuideKit", package: "onboard"),
        .product(name: "CredentialSpecs", package: "onboard"),
        .product(name: "CredentialLint", package: "onboard"),
        .product(name: "Packets", package: "onboard"),
        .product(name: "Roster", package: "onboard"),
      ]
    ),
  ]
    + fuzzTargets.map { target in
      .executableTarget(
        name: target.name,
        dependencies: ["FuzzSupport"] + target.products.map { .product(name: $0, package: "onboard") }
      )
    },
  swiftLanguageModes: [.v6]
)
