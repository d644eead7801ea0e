// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mentor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mentor", targets: ["mentor"]),
        .library(name: "MentorKit", targets: ["MentorKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            path: "Sources/CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The default templates: the top-level templates/ folder, embedded in the binary.
        .target(
            name: "MentorTemplates",
            path: "templates",
            resources: [
                .embedInCode("agenda.md.mustache"),
                .embedInCode("agenda.html.mustache"),
                .embedInCode("followup.md.mustache"),
                .embedInCode("followup.html.mustache"),
                .embedInCode("report.md.mustache"),
                .embedInCode("report.html.mustache"),
                .embedInCode("html-style.mustache"),
                .embedInCode("session.md.mustache"),
                .embedInCode("first-session.md.mustache"),
                .embedInCode("profile.md.mustache"),
            ]
        ),
        .target(
            name: "MentorKit",
            dependencies: [
                "CCmark",
                "MentorTemplates",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "mentor",
            dependencies: [
                "MentorKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MentorKitTests",
            dependencies: ["MentorKit", "mentor"],
            exclude: []
        ),
    ],
    swiftLanguageModes: [.v6]
)
