/// Reads one notebook file into a `Note`.
///
/// A pure function of the path and the bytes: no file system, no clock, no shared state,
/// so many notes can be read at once on different cores.
public enum NoteReader {
    /// Reads a file. `path` is relative to the notebook root and is only used for naming.
    /// `keepingMarkdown: false` leaves session sections' Markdown text out (see `Notebook.open`);
    /// a profile always keeps its own, which an agenda shows as the research on the mentee.
    public static func read(path: String, bytes: [UInt8], keepingMarkdown: Bool = true,
                            keepingEntries: Bool = true) -> Note {
        if bytes.count > ComplexityGuard.maximumBytes { return tooLarge(path: path, size: bytes.count) }
        switch NoteText.split(bytes) {
        case .success(let text):
            return read(path: path, text: text, keepingMarkdown: keepingMarkdown, keepingEntries: keepingEntries)
        case .failure(let failure):
            return Note(path: path, kind: .other, diagnostics: [diagnostic(for: failure, path: path)])
        }
    }

    /// Reads a file's decoded text.
    public static func read(path: String, text: String) -> Note {
        if text.utf8.count > ComplexityGuard.maximumBytes { return tooLarge(path: path, size: text.utf8.count) }
        switch NoteText.split(text) {
        case .success(let split):
            return read(path: path, text: split)
        case .failure(let failure):
            return Note(path: path, kind: .other, diagnostics: [diagnostic(for: failure, path: path)])
        }
    }

    private static func read(path: String, text: NoteText, keepingMarkdown: Bool = true,
                             keepingEntries: Bool = true) -> Note {
        guard let yaml = text.frontMatter else { return Note(path: path, kind: .other) }
        let frontMatter: FrontMatter
        switch FrontMatter.parse(yaml, firstLine: text.frontMatterFirstLine) {
        case .success(let parsed):
            frontMatter = parsed
        case .failure(.yaml(let line, let column, let problem)):
            return Note(path: path, kind: .other, diagnostics: [Diagnostic(
                file: path, line: line, column: column, code: .badYAML,
                message: "front matter is not valid YAML (\(problem)); fix the YAML between the `---` lines")])
        case .failure(.notMap(let line)):
            return Note(path: path, kind: .other, diagnostics: [Diagnostic(
                file: path, line: line, code: .frontMatterNotMap,
                message: "front matter must be a map, not a list or a single value; write one `key: value` per line")])
        }

        var headers = HeaderReader(path: path, frontMatter: frontMatter)
        let kind = headers.classify()
        var note = Note(path: path, kind: kind)
        switch kind {
        case .session:
            note.session = headers.session()
        case .profile:
            note.profile = headers.profile()
        case .other:
            return note
        }
        // A note its header makes unreadable (no date, a bad one) is that one error: its body
        // is not read, so nothing else about it is reported (spec 8).
        if note.session == nil && note.profile == nil {
            note.diagnostics = headers.diagnostics
            return note
        }
        let lines = BodyLines(text.body)
        if let problem = ComplexityGuard.check(lines) {
            note.diagnostics = headers.diagnostics + [tooComplex(problem, path: path, lineOffset: text.bodyLineOffset)]
            return note
        }
        // A read of a session that keeps no Markdown and no entries skips the sections it
        // would throw away.
        let emptied = kind == .session && !keepingMarkdown && !keepingEntries ? UnreadSections.emptied(lines) : nil
        var body = BodyReader(path: path, lines: lines, parsed: emptied, lineOffset: text.bodyLineOffset,
                              keepsAllMarkdown: kind == .profile, keepsMarkdown: keepingMarkdown || kind == .profile,
                              keepsEntries: keepingEntries || kind == .profile, warnsOfNearMisses: kind == .session)
        body.read()
        note.title = frontMatter.string("title") ?? body.title
        note.preamble = body.preamble
        note.sections = body.sections
        note.mentions = body.mentions
        if var session = note.session {
            session.next = merged(frontMatter: session.next, section: body.plan)
            note.session = session
        }
        note.diagnostics = headers.diagnostics + body.diagnostics
        return note
    }

    /// Front matter `next:` fields win over the section's, field by field.
    private static func merged(frontMatter: NextSessionPlan?, section: NextSessionPlan?) -> NextSessionPlan? {
        guard var plan = section else { return frontMatter }
        guard let frontMatter else { return plan }
        plan.date = frontMatter.date ?? plan.date
        plan.time = frontMatter.time ?? plan.time
        plan.location = frontMatter.location ?? plan.location
        plan.link = frontMatter.link ?? plan.link
        plan.durationMinutes = frontMatter.durationMinutes ?? plan.durationMinutes
        plan.line = frontMatter.line
        return plan
    }

    /// A note over the size limit: reported, never parsed.
    public static func tooLarge(path: String, size: Int) -> Note {
        Note(path: path, kind: .other, diagnostics: [Diagnostic(
            file: path, code: .tooLarge,
            message: "note is \(String(format: "%.1f", Double(size) / 1_048_576)) MiB, over the \(ComplexityGuard.maximumBytes / 1_048_576) MiB a note may have; split it into smaller notes")])
    }

    private static func tooComplex(_ problem: ComplexityGuard.Problem, path: String, lineOffset: Int) -> Diagnostic {
        switch problem {
        case .tooDeep(let line, let depth):
            return Diagnostic(file: path, line: line + lineOffset, code: .tooComplex,
                              message: "note is too complex to read: more than \(ComplexityGuard.maximumNesting) nested lists or quotes on one line (\(depth) so far); its body is not read, so flatten that line")
        case .tooManyLinesUnderNesting(let line, let depth):
            return Diagnostic(file: path, line: line + lineOffset, code: .tooComplex,
                              message: "note is too complex to read: lists or quotes nested \(depth) deep followed by too many lines; its body is not read, so flatten the nesting or split the note")
        case .tooManyImageOpeners(let line, _):
            return Diagnostic(file: path, line: line + lineOffset, code: .tooComplex,
                              message: "note is too complex to read: more than \(ComplexityGuard.maximumImageOpeners) image openers `![`; its body is not read, so remove most of them")
        }
    }

    private static func diagnostic(for failure: NoteText.Failure, path: String) -> Diagnostic {
        switch failure {
        case .notUTF8(let line, let column, let utf16):
            return Diagnostic(file: path, line: line, column: column, code: .notUTF8,
                              message: utf16 ? "file is UTF-16, not UTF-8; save it as UTF-8"
                                             : "file is not valid UTF-8; save it as UTF-8 in your editor")
        case .binary(let line, let column):
            return Diagnostic(file: path, line: line, column: column, code: .unreadableFile,
                              message: "file contains a NUL byte and looks binary; rename it or remove it from the notebook")
        case .unterminatedFrontMatter:
            return Diagnostic(file: path, line: 1, code: .unterminatedFrontMatter,
                              message: "front matter opened with `---` is never closed; add a `---` line after it")
        }
    }
}
