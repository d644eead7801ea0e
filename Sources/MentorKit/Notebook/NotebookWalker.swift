import Foundation

/// Lists a notebook's Markdown files without leaving the notebook.
enum NotebookWalker {
    /// Paths relative to `root`, sorted, of every `*.md` file below it, skipping hidden
    /// files and folders and the root's `templates/`. Symbolic links are followed only
    /// when they resolve inside the notebook, and each folder is visited once, so a link
    /// loop ends.
    static func markdownFiles(under root: String, jobs: Int = 1) -> ([String], [Diagnostic]) {
        let (files, diagnostics, _) = markdownFilesAndAliases(under: root, jobs: jobs)
        return (files, diagnostics)
    }

    /// The same, and the links left out because the file they lead to is read under another
    /// path: each link's path with the path its file is read under, so that a `previous:` or
    /// a follow-up naming the link still finds the note.
    static func markdownFilesAndAliases(under root: String, jobs: Int = 1) -> ([String], [Diagnostic], [String: String]) {
        let fileManager = FileManager.default
        var prefetched = prefetchListings(under: root, jobs: jobs)
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        // The files of each folder, in name order, one run per folder in the order visited.
        var runs: [[String]] = []
        // Links to files, with the real path of their target: one to a file the notebook
        // also has under its own path (or through an earlier link) is left out, so that no
        // note is read twice.
        var linkedFiles: [(relative: String, target: String)] = []
        // The path the walk gives each folder it enters, by the folder's real path.
        var folderByReal: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        var visited: Set<String> = [realRoot]
        // Each folder with its real path: a folder that is not a link is its parent's real
        // path plus its name, so no folder has to be resolved but links.
        var pending: [(absolute: String, relative: String, real: String)] = [(root, "", realRoot)]
        while let (directory, relative, realDirectory) = pending.popLast() {
            let listing = (TextScanning.isASCII(directory) ? prefetched.removeValue(forKey: directory) : nil)
                ?? Listing(directory)
            guard let entries = listing.entries else {
                diagnostics.append(Diagnostic(file: relative.isEmpty ? "." : relative, code: .unreadableFile,
                                              message: "folder cannot be listed; check its permissions"))
                continue
            }
            // The listing's types hold only for a folder that can be entered; otherwise each
            // entry is looked up (and fails) as the listing would not show.
            let canEnter = listing.canEnter
            var files: [String] = []
            defer { if !files.isEmpty { runs.append(files) } }
            if folderByReal[realDirectory] == nil { folderByReal[realDirectory] = relative }
            let directoryLength = directory.utf8.count
            for (name, listedType, isUTF8) in entries where !name.hasPrefix(".") {
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty && name == "templates" { continue }
                // Made only where needed: most entries are files, found by their listed type.
                var childAbsolute: String { directory + "/" + name }
                let knownType = canEnter && directoryLength + 1 + name.utf8.count < Int(PATH_MAX) ? listedType : nil
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
                        if NotebookWalker.isMarkdownName(name) || (exists && pointsToFolder.boolValue) {
                            diagnostics.append(Diagnostic(
                                file: childRelative, severity: .warning, code: .unreadableFile,
                                message: "symbolic link points outside the notebook or cannot be resolved; it is not followed"))
                        }
                        continue
                    }
                    // Only regular files and folders: reading a pipe or device would block.
                    guard let targetType = (try? fileManager.attributesOfItem(atPath: target))?[.type] as? FileAttributeType,
                          targetType == .typeDirectory || targetType == .typeRegular else {
                        if NotebookWalker.isMarkdownName(name) {
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
                        pending.append((childAbsolute, childRelative, target))
                        continue
                    }
                    if isFile, NotebookWalker.isMarkdownName(name) {
                        linkedFiles.append((childRelative, target))
                        continue
                    }
                } else if isDirectory {
                    let real = realDirectory + "/" + name
                    guard visited.insert(real).inserted else { continue }
                    pending.append((childAbsolute, childRelative, real))
                    continue
                }
                if NotebookWalker.isMarkdownName(name) {
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
        // Folders are visited last name first, so the runs reversed are nearly in path order,
        // which the sort (a merge of the runs it finds) then takes in about one pass.
        var files = Array(runs.reversed().joined())
        var aliases: [String: String] = [:]
        if !linkedFiles.isEmpty {
            // A target in a folder the walk entered, with a name the walk reads, is read under
            // its own path; of several links to another file, the first by path is read.
            var readAs: [String: String] = [:]
            linkedFiles.sort { TextScanning.precedesInBytes($0.relative, $1.relative) }
            for link in linkedFiles {
                let slash = link.target.lastIndex(of: "/") ?? link.target.startIndex
                let name = String(link.target[link.target.index(after: slash)...])
                if let folder = folderByReal[String(link.target[..<slash])], !name.hasPrefix("."),
                   NotebookWalker.isMarkdownName(name) {
                    aliases[link.relative] = folder.isEmpty ? name : folder + "/" + name
                } else if let first = readAs[link.target] {
                    aliases[link.relative] = first
                } else {
                    readAs[link.target] = link.relative
                    files.append(link.relative)
                }
            }
        }
        files.sort(by: TextScanning.precedesInBytes)
        return (files, diagnostics, aliases)
    }

    /// A folder's listing and whether it can be entered (without which the listed types
    /// do not hold).
    private struct Listing: Sendable {
        var entries: [(name: String, type: FileAttributeType?, isUTF8: Bool)]?
        var canEnter: Bool

        init(_ directory: String) {
            entries = NotebookWalker.entries(of: directory)
            canEnter = access(directory, X_OK) == 0
        }
    }

    /// Lists, level by level on `jobs` threads, every folder the walk reaches through plain
    /// folders, keyed by the path the walk reaches it by. The walk itself stays one ordered
    /// pass (which decides what a folder reached twice through a link is called); it only
    /// finds most listings made already.
    private static func prefetchListings(under root: String, jobs: Int) -> [String: Listing] {
        guard jobs > 1, TextScanning.isASCII(root) else { return [:] }
        var listings: [String: Listing] = [:]
        var level = [root]
        var isRoot = true
        while !level.isEmpty {
            let folders = level
            let found = ParallelChunks.map(count: folders.count, jobs: jobs) { Listing(folders[$0]) }
            level = []
            for (folder, listing) in zip(folders, found) {
                listings[folder] = listing
                guard listing.canEnter, let entries = listing.entries else { continue }
                for entry in entries where entry.type == .typeDirectory && entry.isUTF8 && !entry.name.hasPrefix(".") {
                    if isRoot && entry.name == "templates" { continue }
                    let child = folder + "/" + entry.name
                    // Only ASCII paths: `String` keys treat spellings in other Unicode
                    // normalizations as one, and a folder may have twins so spelled.
                    if child.utf8.count < Int(PATH_MAX), TextScanning.isASCII(child) { level.append(child) }
                }
            }
            isRoot = false
        }
        return listings
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
        // In name order, not the file system's: a folder reached twice (through a link) is
        // then listed under the same name everywhere.
        return result.sorted { TextScanning.precedesInBytes($0.name, $1.name) }
    }

    /// The type of an entry the listing did not give, without following a link.
    private static func type(of path: String) -> FileAttributeType? {
        try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
    }

    /// Whether a file name ends in `.md`, in any case (on bytes: no lower-cased copy per file).
    static func isMarkdownName(_ name: String) -> Bool {
        let utf8 = name.utf8
        // Beyond ASCII a mark can join the `.` to its neighbour: the definition decides.
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return name.lowercased().hasSuffix(".md") }
        guard utf8.count >= 3 else { return false }
        var index = utf8.index(utf8.endIndex, offsetBy: -3)
        guard utf8[index] == UInt8(ascii: ".") else { return false }
        index = utf8.index(after: index)
        guard utf8[index] | 0x20 == UInt8(ascii: "m") else { return false }
        index = utf8.index(after: index)
        return utf8[index] | 0x20 == UInt8(ascii: "d")
    }
}
