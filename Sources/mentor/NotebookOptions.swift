import ArgumentParser
import Foundation
import MentorKit

/// Options every command takes: where the notebook is and what "today" is.
struct NotebookOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The notebook folder.", valueName: "DIR"))
    var notebook: String?

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("What \"today\" is (default: today in the notebook's time zone).",
                               valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Threads that read notes and link series (default: one per core; the output is the same).", valueName: "N"))
    var jobs: Int?

    func validate() throws {
        if let asOf, LocalDate(asOf).map({ (1000...9000).contains($0.year) }) != true {
            throw ValidationError("--as-of '\(asOf)' is not a date between the years 1000 and 9000; write YYYY-MM-DD")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
    }

    var root: String {
        NotebookLocator.locate(explicit: notebook, environment: ProcessInfo.processInfo.environment,
                               workingDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Reads and links the notebook, or fails with a one-line error. Session notes are read
    /// without their sections' Markdown (less memory); the follow-up reads its one session
    /// again in full (`Documents.readingInFull`). A command that shows no section entries
    /// (report, status, check) reads without them.
    func open(keepingEntries: Bool = true) throws -> Notebook {
        let root = self.root
        if let problem = Notebook.problem(with: root) { throw Failure(problem) }
        if notebook == nil, (ProcessInfo.processInfo.environment["MENTOR_NOTEBOOK"] ?? "").isEmpty,
           !FileManager.default.fileExists(atPath: root + "/" + NotebookConfig.fileName) {
            Console.error("no mentor.yml here or above; reading \(root) as the notebook (pass --notebook DIR, or start one with `mentor init`)")
        }
        let model = Notebook.open(at: root, asOf: asOf.flatMap { LocalDate($0) }, now: Date(),
                             jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                             keepingMarkdown: false, keepingEntries: keepingEntries)
        openedNotebooks.append(model)
        return model
    }
}

/// Where a rendered document goes.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(name: .long, help: "Replace FILE if it exists.")
    var force = false

    /// Writes `document` a chunk at a time to standard output or to `--output` (a temporary
    /// file renamed into place, so a failed write leaves nothing behind). An existing file
    /// without `--force` is refused before any of the document is made, and a note of
    /// `notebook` (a session, a profile, or a file it could not read) even with it: mentor
    /// never edits a note. A document written into the notebook before can be replaced.
    func emit(_ document: some ChunkedDocument, notebook: Notebook) throws {
        guard let output else {
            try document.write(to: StandardOutput.write)
            return
        }
        let path = NotebookLocator.absolute(output, from: FileManager.default.currentDirectoryPath)
        if let note = OutputOptions.note(at: path, of: notebook) {
            let isSetting = note == "mentor.yml" || note.hasPrefix("templates/")
            throw Failure("--output \(output) is the notebook's \(isSetting ? "own file" : "note") \(note); mentor never "
                          + (isSetting ? "writes its settings or templates" : "replaces a note") + ", even with --force, so write to another file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Failure("cannot create the folder \(folder) for --output: \(error.localizedDescription)")
            }
        }
        do {
            try AtomicFile.write(to: path, overwrite: force) { (append) throws(AtomicFile.Failure) in
                try document.write(to: append)
            }
        } catch {
            throw Failure(error.description)
        }
    }

}

extension OutputOptions {
    /// The notebook path of the note that `path` names (as written, or through links), else
    /// nil: a session, a profile, or a file with a diagnostic.
    /// `path` is absolute and standardized (`NotebookLocator.absolute`).
    static func note(at path: String, of notebook: Notebook) -> String? {
        func relative(_ path: String, to root: String) -> String? {
            path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : nil
        }
        // The links of the deepest folder that exists resolved, then the rest: the file, and
        // folders `--output` would make, may not exist yet (`link/templates/x` with no
        // `templates/` still names the notebook's templates).
        var existing = path
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let real = rest.reduce(URL(fileURLWithPath: existing).resolvingSymlinksInPath()) { $0.appendingPathComponent($1) }.path
        let candidates = [relative(path, to: notebook.root),
                          relative(real, to: URL(fileURLWithPath: notebook.root).resolvingSymlinksInPath().path)]
            .compactMap { $0 }
        // Outside the notebook (the usual case) no list of its notes is needed.
        guard !candidates.isEmpty else { return nil }
        // The notebook's settings and templates are its own files too, and a new one made
        // there would change what every later command reads.
        if let own = candidates.first(where: { $0 == "mentor.yml" || $0.hasPrefix("templates/") }) { return own }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // A note read under another name (through a folder link) is found by its file.
        return candidates.first { notebook.note(at: $0) != nil } ?? notebook.note(sameFileAs: path)
    }
}

/// Standard output without buffering: each chunk goes out as it is made, and a write that
/// fails (a full disk, a closed pipe) is an error, where `print` would drop it and exit 0.
enum StandardOutput {
    static func write(_ text: String) throws(Failure) {
        try TextDocument(text: text).write(to: write)
    }

    static func write(_ chunk: UnsafeRawBufferPointer) throws(Failure) {
        var written = 0
        while written < chunk.count {
            let result = Foundation.write(STDOUT_FILENO, chunk.baseAddress! + written, chunk.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                // Instead of the crash of `FileHandle.write` (a full disk, a closed descriptor).
                throw Failure("cannot write to standard output: \(String(cString: strerror(errno)))")
            }
            written += result
        }
    }
}

/// A command that cannot do what was asked: one line on standard error, exit 1.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("mentor: " + message + "\n").utf8))
    }

    /// After a document was produced: how many notes have errors and how to see them.
    static func summarizeProblems(in notebook: Notebook) {
        let errors = notebook.diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return }
        let files = Set(errors.map(\.file)).count
        error("\(errors.count) error\(errors.count == 1 ? "" : "s") in \(files) note\(files == 1 ? "" : "s"); run `mentor check` to see them")
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a `Failure` into its one-line message and exit code 1.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as Failure {
            Console.error(failure.description)
            throw ExitCode(1)
        }
    }
}

/// Every opened notebook stays referenced until the process exits: freeing a model of
/// hundreds of thousands of small values took tens of milliseconds on a big notebook, and
/// the system takes the memory back at exit anyway. `mentor` runs one command and ends.
nonisolated(unsafe) private var openedNotebooks: [Notebook] = []
