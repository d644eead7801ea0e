import Foundation
import Testing

/// Runs `Tests/Support/check_outputs.py KIND` on text, returning its JSON answer.
func parseBack(_ kind: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = folder.path + "/output." + kind
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    let run = try ProcessRun.run("/usr/bin/env", ["python3", PackagePaths.root + "/Tests/Support/check_outputs.py", kind, file])
    guard run.status == 0 else {
        Issue.record("check_outputs.py \(kind) failed: \(String(decoding: run.stderr + run.stdout, as: UTF8.self))",
                     sourceLocation: sourceLocation)
        return [:]
    }
    return (try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]) ?? [:]
}
