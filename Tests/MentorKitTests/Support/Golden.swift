import Foundation
import Testing

/// Compares output with a golden file byte for byte. With `UPDATE_GOLDEN=1` in the
/// environment the golden file is written instead (review the diff before committing).
func expectGolden(_ actual: String, _ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = PackagePaths.fixtures + "/" + relativePath
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
        return
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    if actual != expected {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
        let where_ = first.map { "line \($0.offset + 1): got «\($0.element.0)», golden «\($0.element.1)»" }
            ?? "lengths differ (\(actualLines.count) vs \(expectedLines.count) lines)"
        Issue.record("output differs from \(relativePath): \(where_)", sourceLocation: sourceLocation)
    }
}
