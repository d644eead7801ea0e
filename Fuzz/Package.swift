// swift-tools-version:6.0
// A libFuzzer target for the note reader, kept out of the main package so that a normal
// `swift build` never needs the fuzzer runtime. Run it with ../scripts/fuzz.
import PackageDescription

let package = Package(
    name: "MentorFuzz",
    dependencies: [.package(name: "mentor", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzNotes",
            dependencies: [.product(name: "MentorKit", package: "mentor")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
