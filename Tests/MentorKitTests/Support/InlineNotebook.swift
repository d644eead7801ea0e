import Foundation
@testable import MentorKit

/// A notebook built in memory from (path, text) pairs: no files, linked as of a date.
struct InlineNotebook {
    var files: [(String, String)]
    var config: NotebookConfig

    init(_ files: [(String, String)], config: NotebookConfig = NotebookConfig(mentor: "Jade Green")) {
        self.files = files
        self.config = config
    }

    func source() -> NotebookSource {
        let notes = files.sorted { $0.0 < $1.0 }.map { NoteReader.read(path: $0.0, text: $0.1) }
        return NotebookSource(root: "/notebook", config: config, notes: notes)
    }

    func link(asOf: String = "2026-12-01") -> Notebook {
        Notebook.link(source(), asOf: LocalDate(asOf)!)
    }
}

/// A session note's text from front matter lines and a body.
func sessionNote(_ frontMatter: String, _ body: String = "") -> String {
    "---\n" + frontMatter + "\n---\n" + body
}

extension Notebook {
    /// Diagnostics with this code.
    func diagnostics(_ code: DiagnosticCode) -> [Diagnostic] { diagnostics.filter { $0.code == code } }
}

extension Series {
    func item(_ id: String) -> TrackedItem? { items.first { $0.id == id } }
}

/// A temporary folder removed when the value is dropped... by the caller's `defer`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mentor-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Paths of the package, found from this source file.
enum PackagePaths {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static let fixtures = root + "/Tests/Fixtures"
    static let sampleNotebook = root + "/sample-notebook"
}
