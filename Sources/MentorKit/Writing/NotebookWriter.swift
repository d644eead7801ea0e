import Foundation

/// Writes new files into a notebook without ever leaving it or replacing a file by accident.
public enum NotebookWriter {
    /// Writes `draft` below `root`, creating folders as needed. Refuses paths that climb out
    /// of the notebook (`..`, absolute paths, symbolic links pointing outside) and existing
    /// files unless `force`. Returns the absolute path written.
    @discardableResult
    public static func write(_ draft: NoteDraft, root: String, force: Bool) throws(WriteError) -> String {
        let target = try check(draft, root: root, force: force)
        let folder = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError("cannot create the folder for \(draft.path): \(error.localizedDescription)")
        }
        do {
            try AtomicFile.write(draft.text, to: target, overwrite: force)
        } catch {
            switch error {
            case .exists: throw WriteError.exists(draft.path)
            case .cannotWrite(_, let reason): throw WriteError("cannot write \(draft.path): \(reason)")
            }
        }
        return target
    }

    /// Everything `write` would refuse, found before anything is written, so that a command
    /// writing several files writes all or none. Returns the absolute target path.
    @discardableResult
    public static func check(_ draft: NoteDraft, root: String, force: Bool) throws(WriteError) -> String {
        let parts = draft.path.split(separator: "/", omittingEmptySubsequences: false)
        guard !draft.path.hasPrefix("/"), !parts.isEmpty,
              parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") }) else {
            throw WriteError("refusing to write \(draft.path): the path must stay inside the notebook")
        }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let target = realRoot + "/" + draft.path
        let folder = (target as NSString).deletingLastPathComponent
        // The deepest folder that exists must resolve inside the notebook, so a symbolic
        // link cannot carry the write elsewhere, and must be a folder.
        var existing = folder
        while !FileManager.default.fileExists(atPath: existing), existing.count > realRoot.count {
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: existing)) != nil {
                throw WriteError("refusing to write \(draft.path): \(existing) is a link that leads nowhere")
            }
            existing = (existing as NSString).deletingLastPathComponent
        }
        let resolved = URL(fileURLWithPath: existing).resolvingSymlinksInPath().path
        guard resolved == realRoot || resolved.hasPrefix(realRoot + "/") else {
            throw WriteError("refusing to write \(draft.path): \(existing) leads outside the notebook")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: existing, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WriteError("cannot write \(draft.path): \(existing) is a file, not a folder")
        }
        var info = stat()
        if lstat(target, &info) == 0 {
            guard force else { throw WriteError.exists(draft.path) }
            let type = info.st_mode & S_IFMT
            guard type == S_IFREG || type == S_IFLNK else {
                throw WriteError("cannot write \(draft.path): it exists and is not a regular file")
            }
        }
        return target
    }
}
