import Foundation

/// Finds the notebook folder the way spec section 2 says.
public enum NotebookLocator {
    /// `--notebook DIR`, else `MENTOR_NOTEBOOK`, else the nearest folder at or above the
    /// working directory holding `mentor.yml`, else the working directory. Relative paths
    /// are taken from the working directory. The result is absolute and standardized.
    public static func locate(explicit: String?, environment: [String: String],
                              workingDirectory: String) -> String {
        if let explicit, !explicit.isEmpty { return absolute(explicit, from: workingDirectory) }
        if let variable = environment["MENTOR_NOTEBOOK"], !variable.isEmpty {
            return absolute(variable, from: workingDirectory)
        }
        var directory = URL(fileURLWithPath: workingDirectory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(NotebookConfig.fileName).path) {
                return directory.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return URL(fileURLWithPath: workingDirectory).standardizedFileURL.path
    }

    /// `path` made absolute against `base` and standardized (no `.`/`..`, no trailing `/`).
    public static func absolute(_ path: String, from base: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
                                      : URL(fileURLWithPath: base).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
