import Foundation

/// Lists a notebook's Markdown files without leaving the notebook.
enum NotebookWalker {
    /// Paths relative to `root`, sorted, of every `*.md` file below it, skipping hidden
    /// files and folders and the root's `templates/`. Symbolic links are followed only
    /// when they resolve inside the notebook, and each folder is visited once, so a link
    /// loop ends.
    static func markdownFiles(under root: String) -> ([String], [Diagnostic]) {
        let fileManager = FileManager.default
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var visited: Set<String> = [realRoot]
        var pending: [(absolute: String, relative: String)] = [(root, "")]
        while let (directory, relative) = pending.popLast() {
            guard let entries = NotebookWalker.entries(of: directory) else {
                diagnostics.append(Diagnostic(file: relative.isEmpty ? "." : relative, code: .unreadableFile,
                                              message: "folder cannot be listed; check its permissions"))
                continue
            }
            for (name, knownType, isUTF8) in entries where !name.hasPrefix(".") {
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty && name == "templates" { continue }
                let childAbsolute = directory + "/" + name
                guard isUTF8, let type = knownType ?? NotebookWalker.type(of: childAbsolute) else {
                    diagnostics.append(Diagnostic(
                        file: childRelative, severity: .warning, code: .unreadableFile,
                        message: "cannot be examined (its name, its folder's permissions or the path length); it is skipped, so check it"))
                    continue
                }
                var isDirectory = type == .typeDirectory
                var isFile = type == .typeRegular
                if type == .typeSymbolicLink {
                    let target = URL(fileURLWithPath: childAbsolute).resolvingSymlinksInPath().path
                    guard target == realRoot || target.hasPrefix(realRoot + "/") else {
                        var pointsToFolder: ObjCBool = false
                        let exists = fileManager.fileExists(atPath: target, isDirectory: &pointsToFolder)
                        if name.lowercased().hasSuffix(".md") || (exists && pointsToFolder.boolValue) {
                            diagnostics.append(Diagnostic(
                                file: childRelative, severity: .warning, code: .unreadableFile,
                                message: "symbolic link points outside the notebook or cannot be resolved; it is not followed"))
                        }
                        continue
                    }
                    // Only regular files and folders: reading a pipe or device would block.
                    guard let targetType = (try? fileManager.attributesOfItem(atPath: target))?[.type] as? FileAttributeType,
                          targetType == .typeDirectory || targetType == .typeRegular else {
                        if name.lowercased().hasSuffix(".md") {
                            diagnostics.append(Diagnostic(
                                file: childRelative, severity: .warning, code: .unreadableFile,
                                message: "is a link to something that is not a file (or to nothing); it is skipped, so fix or remove the link"))
                        }
                        continue
                    }
                    isDirectory = targetType == .typeDirectory
                    isFile = targetType == .typeRegular
                    if isDirectory {
                        guard visited.insert(target).inserted else { continue }
                    }
                } else if isDirectory {
                    let real = URL(fileURLWithPath: childAbsolute).resolvingSymlinksInPath().path
                    guard visited.insert(real).inserted else { continue }
                }
                if isDirectory {
                    pending.append((childAbsolute, childRelative))
                } else if name.lowercased().hasSuffix(".md") {
                    if isFile {
                        files.append(childRelative)
                    } else {
                        diagnostics.append(Diagnostic(
                            file: childRelative, severity: .warning, code: .unreadableFile,
                            message: "is not a regular file (a pipe, socket or device); it is skipped, so remove it from the notebook"))
                    }
                }
            }
        }
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return (files, diagnostics)
    }

    /// A folder's entries with the type the folder listing gives (no `stat` per file, which
    /// on a big notebook was most of the walk); nil type where it must be looked up. A name
    /// that is not UTF-8 gets no type, so it is reported as one that cannot be examined.
    private static func entries(of directory: String) -> [(name: String, type: FileAttributeType?, isUTF8: Bool)]? {
        guard let folder = opendir(directory) else { return nil }
        defer { closedir(folder) }
        var result: [(name: String, type: FileAttributeType?, isUTF8: Bool)] = []
        while let entry = readdir(folder) {
            let type = entry.pointee.d_type
            let (name, valid) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (String, Bool) in
                let bytes = raw.prefix(while: { $0 != 0 })
                if let name = String(validating: bytes, as: UTF8.self) { return (name, true) }
                return (String(decoding: bytes, as: UTF8.self), false)
            }
            switch Int32(type) {
            case Int32(DT_REG): result.append((name, .typeRegular, valid))
            case Int32(DT_DIR): result.append((name, .typeDirectory, valid))
            case Int32(DT_LNK): result.append((name, .typeSymbolicLink, valid))
            default: result.append((name, nil, valid))
            }
        }
        return result
    }

    /// The type of an entry the listing did not give, without following a link.
    private static func type(of path: String) -> FileAttributeType? {
        try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
    }
}
