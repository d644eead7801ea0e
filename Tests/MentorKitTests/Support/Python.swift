import Foundation
import Testing

/// Runs `Tests/Support/check_outputs.py KIND` on text, returning its JSON answer.
func parseBack(_ kind: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = folder.path + "/output." + kind
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", PackagePaths.root + "/Tests/Support/check_outputs.py", kind, file]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        Issue.record("check_outputs.py \(kind) failed: \(String(decoding: stderr + stdout, as: UTF8.self))",
                     sourceLocation: sourceLocation)
        return [:]
    }
    return (try JSONSerialization.jsonObject(with: stdout) as? [String: Any]) ?? [:]
}
