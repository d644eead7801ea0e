import Foundation

/// Whether two paths name one file, by device and inode, through any links: a note read
/// under a folder link's name (`alex/2026-11-10.md`) is still the file at its real path.
enum SameFile {
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// The file `path` names, links followed; nil when there is none.
    static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

extension Notebook {
    /// What the notebook holds at a notebook path: a session note (of which series, with its
    /// status), a profile, or another file `check` names (one it could not read, say).
    public enum NoteAtPath: Sendable, Equatable {
        case session(series: String, status: SessionStatus)
        case profile
        case diagnosed
    }

    /// The note at `relativePath` (as the notebook names it), or nil for a file the notebook
    /// does not hold as a note: what writers must never replace.
    public func note(at relativePath: String) -> NoteAtPath? {
        for series in series {
            for index in series.sessions.indices where series.sessions[index].file == relativePath {
                // A note marked held, though dated after the as-of date (and so planned for
                // now), is a record to keep.
                return .session(series: series.id, status: series.sessions[index].statusAsWritten)
            }
        }
        if profiles.contains(where: { $0.file == relativePath }) { return .profile }
        return diagnostics.contains { $0.file == relativePath } ? .diagnosed : nil
    }

    /// The notebook path of the session, profile or other note read (one `check` names)
    /// that is the same file as `absolutePath`, whatever path reaches it; nil when none is.
    /// It looks at every note's file, so callers use it after a match by path failed.
    public func note(sameFileAs absolutePath: String) -> String? {
        guard let target = SameFile.identity(of: absolutePath) else { return nil }
        var files = series.flatMap { $0.sessions.map(\.file) } + profiles.map(\.file)
        files += diagnostics.map(\.file)
        return files.first { SameFile.identity(of: root + "/" + $0) == target }
    }
}
