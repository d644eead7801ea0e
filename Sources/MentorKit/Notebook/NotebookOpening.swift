import Foundation

extension Notebook {
    /// Reads and links the notebook at `root`.
    ///
    /// - Parameters:
    ///   - asOf: what "today" is; nil means the date of `now` in the notebook's time zone.
    ///   - now: the caller's clock reading (the library never reads the clock itself).
    ///   - jobs: how many threads parse notes and link series.
    ///   - keepingMarkdown: whether session notes' sections keep their Markdown text. The
    ///     follow-up shows it; the other commands do not, and leaving it out saves memory on
    ///     a big notebook. Profiles always keep theirs (the agenda shows it).
    ///   - keepingEntries: whether session notes' sections keep their entries (talking
    ///     points, takeaways, ...) and resource links. The agenda, follow-up, calendar and
    ///     export show them; the report, status and check do not, and read faster without.
    ///     Items, logistics and diagnostics are the same either way.
    public static func open(at root: String, asOf: LocalDate?, now: Date,
                            jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                            keepingMarkdown: Bool = true, keepingEntries: Bool = true) -> Notebook {
        let source = NotebookSource.read(root: root, jobs: jobs, keepingMarkdown: keepingMarkdown,
                                         keepingEntries: keepingEntries)
        let date = asOf ?? LocalDate(now, in: source.config.timeZone)
        return link(source, asOf: date, jobs: jobs)
    }

    /// This notebook with one session note read again with its sections' Markdown: for the
    /// document of that one session after opening with `keepingMarkdown: false`. When the
    /// file cannot be read or its sections changed since, the notebook is returned as it is.
    public func readingInFull(_ file: String) -> Notebook {
        guard case .bytes(let bytes) = FileBytes.read(root + "/" + file, limit: ComplexityGuard.maximumBytes) else {
            return self
        }
        let full = NoteReader.read(path: file, bytes: bytes, keepingMarkdown: true)
        var notebook = self
        for seriesIndex in notebook.series.indices {
            for sessionIndex in notebook.series[seriesIndex].sessions.indices
            where notebook.series[seriesIndex].sessions[sessionIndex].file == file {
                let lean = notebook.series[seriesIndex].sessions[sessionIndex].note.sections
                guard lean.map(\.kind) == full.sections.map(\.kind), lean.map(\.line) == full.sections.map(\.line) else {
                    return self
                }
                notebook.series[seriesIndex].sessions[sessionIndex].note.sections = full.sections
            }
        }
        return notebook
    }

    /// Why `root` cannot be a notebook, or nil when it can.
    public static func problem(with root: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            return "notebook folder \(root) does not exist; pass --notebook DIR or run `mentor init`"
        }
        guard isDirectory.boolValue else { return "\(root) is a file, not a notebook folder; pass --notebook DIR" }
        guard FileManager.default.isReadableFile(atPath: root) else {
            return "notebook folder \(root) cannot be read; check its permissions"
        }
        return nil
    }
}

extension LocalDate {
    /// The calendar date of an instant in a time zone (the system's when nil or unknown).
    public init(_ instant: Date, in timeZoneIdentifier: String?) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = NotebookConfig.zone(timeZoneIdentifier)
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self = LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? LocalDate(dayNumber: 0)
    }
}
