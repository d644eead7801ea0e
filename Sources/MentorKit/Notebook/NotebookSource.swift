import Foundation

/// Every file of a notebook, read and parsed, before any linking: the output of the read
/// stage for a whole folder.
public struct NotebookSource: Sendable {
    /// Absolute path of the notebook folder.
    public var root: String
    public var config: NotebookConfig
    /// Notes in path order.
    public var notes: [Note]
    /// Problems with the folder and `mentor.yml` (a note's own are in the note).
    public var diagnostics: [Diagnostic]
    /// The notebook's own `templates/*.mustache`, by file name: they override the defaults.
    public var templateOverrides: [String: String]
    /// Symbolic links to notes read under another path: each link's path with that path.
    public var aliases: [String: String]

    public init(root: String, config: NotebookConfig = NotebookConfig(), notes: [Note],
                diagnostics: [Diagnostic] = [], templateOverrides: [String: String] = [:],
                aliases: [String: String] = [:]) {
        self.root = root
        self.config = config
        self.notes = notes
        self.diagnostics = diagnostics
        self.templateOverrides = templateOverrides
        self.aliases = aliases
    }

    /// Reads the notebook at `root`: `mentor.yml`, then every `*.md` below it except in
    /// hidden folders and the root's `templates/`, parsed on up to `jobs` threads.
    public static func read(root: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                            keepingMarkdown: Bool = true, keepingEntries: Bool = true) -> NotebookSource {
        var diagnostics: [Diagnostic] = []
        var config = NotebookConfig()
        let configPath = root + "/" + NotebookConfig.fileName
        if !NotebookSource.staysInside(configPath, root: root) {
            diagnostics.append(Diagnostic(file: NotebookConfig.fileName, severity: .warning, code: .unreadableFile,
                                          message: "mentor.yml is a link that leads outside the notebook; it is not read, so make it a plain file"))
        } else if FileManager.default.fileExists(atPath: configPath) {
            if case .bytes(let bytes) = FileBytes.read(configPath, limit: 1 << 20) {
                let (parsed, problems) = NotebookConfig.parse(bytes: bytes)
                config = parsed
                diagnostics += problems
            } else {
                diagnostics.append(Diagnostic(file: NotebookConfig.fileName, code: .unreadableFile,
                                              message: "mentor.yml cannot be read (it must be a plain file of at most 1 MiB); check what it is"))
            }
        }
        let (files, walkProblems, aliases) = NotebookWalker.markdownFilesAndAliases(under: root, jobs: jobs)
        diagnostics += walkProblems
        let notes = readNotes(files, root: root, jobs: jobs, keepingMarkdown: keepingMarkdown,
                              keepingEntries: keepingEntries)
        let (templates, templateProblems) = readTemplates(root: root)
        return NotebookSource(root: root, config: config, notes: notes, diagnostics: diagnostics + templateProblems,
                              templateOverrides: templates, aliases: aliases)
    }

    /// True when `path`, links resolved, is inside the notebook (or does not exist).
    static func staysInside(_ path: String, root: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil else {
            return true
        }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return real.hasPrefix(realRoot + "/")
    }

    /// The `*.mustache` files directly in the notebook's `templates/` folder.
    static func readTemplates(root: String) -> ([String: String], [Diagnostic]) {
        let folder = root + "/templates"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([:], []) }
        var templates: [String: String] = [:]
        var problems: [Diagnostic] = []
        for name in names.sorted() where name.hasSuffix(".mustache") && !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard staysInside(path, root: root) else {
                problems.append(Diagnostic(file: "templates/" + name, code: .badTemplate,
                                           message: "template leads outside the notebook (a link); it is not read, so copy the template in"))
                continue
            }
            let bytes: [UInt8]
            switch FileBytes.read(path, limit: 1 << 20) {
            case .bytes(let read): bytes = read
            case .tooLarge(let size):
                problems.append(Diagnostic(file: "templates/" + name, code: .badTemplate,
                                           message: "template is \(size / 1024) KiB, too large to be a template; shorten it or remove it"))
                continue
            case .unreadable:
                problems.append(Diagnostic(file: "templates/" + name, code: .badTemplate,
                                           message: "template is not a plain readable file; replace it with one or remove it"))
                continue
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                problems.append(Diagnostic(file: "templates/" + name, code: .badTemplate,
                                           message: "template is not UTF-8 text; save it as UTF-8 or remove it"))
                continue
            }
            templates[name] = text
        }
        return (templates, problems)
    }

    /// Reads and parses files in parallel; the result keeps the order of `files`.
    static func readNotes(_ files: [String], root: String, jobs: Int, keepingMarkdown: Bool = true,
                          keepingEntries: Bool = true) -> [Note] {
        // Paths are opened relative to the root folder; if it cannot be opened, from `/`.
        let folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folder >= 0 { close(folder) } }
        return ParallelChunks.map(count: files.count, jobs: jobs) { index in
            readNote(files[index], root: root, folder: folder, keepingMarkdown: keepingMarkdown,
                     keepingEntries: keepingEntries)
        }
    }

    private static func readNote(_ path: String, root: String, folder: Int32, keepingMarkdown: Bool,
                                 keepingEntries: Bool) -> Note {
        let bytes = folder >= 0 ? FileBytes.read(path, relativeTo: folder, limit: ComplexityGuard.maximumBytes)
                                : FileBytes.read(root + "/" + path, limit: ComplexityGuard.maximumBytes)
        switch bytes {
        case .tooLarge(let size):
            return NoteReader.tooLarge(path: path, size: size)
        case .bytes(let bytes):
            return NoteReader.read(path: path, bytes: bytes, keepingMarkdown: keepingMarkdown,
                                   keepingEntries: keepingEntries)
        case .unreadable:
            return Note(path: path, kind: .other, diagnostics: [Diagnostic(
                file: path, code: .unreadableFile,
                message: "file cannot be read (it vanished or its permissions forbid it); check it exists and is readable")])
        }
    }
}
