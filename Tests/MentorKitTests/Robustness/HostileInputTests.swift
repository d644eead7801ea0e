import Foundation
import Testing
@testable import MentorKit

/// Bad and hostile inputs: each gives a clear diagnostic naming the file and line, and the
/// rest of the notebook is still read.
@Suite("Hostile and broken notes")
struct HostileInputTests {
    static func front(_ extra: String = "") -> String { "---\ndate: 2026-11-10\nmentee: Hostile Person\n\(extra)---\n" }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: @Sendable () -> [UInt8]
        var code: DiagnosticCode?
        var line: Int
        var testDescription: String { name }
    }

    static func text(_ string: @escaping @Sendable () -> String) -> @Sendable () -> [UInt8] { { Array(string().utf8) } }

    static let cases: [Case] = [
        Case(name: "empty file", bytes: { [] }, code: nil, line: 1),
        Case(name: "only ---", bytes: text { "---\n" }, code: .unterminatedFrontMatter, line: 1),
        Case(name: "unterminated front matter", bytes: text { "---\ndate: 2026-11-10\nmentee: A\n# body\n" },
             code: .unterminatedFrontMatter, line: 1),
        Case(name: "front matter is a list", bytes: text { "---\n- date\n- mentee\n---\n" }, code: .frontMatterNotMap, line: 2),
        Case(name: "front matter is a scalar", bytes: text { "---\njust words\n---\n" }, code: .frontMatterNotMap, line: 2),
        Case(name: "YAML with tabs", bytes: text { "---\ndate: 2026-11-10\nmentee: A\nnext:\n\tdate: 2026-11-17\n---\n" },
             code: .badYAML, line: 5),
        Case(name: "duplicate keys", bytes: text { "---\ndate: 2026-11-10\nmentee: A\nmentee: B\n---\n" }, code: .badYAML, line: 4),
        Case(name: "alias bomb", bytes: text {
            var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
            var previous = "a"
            for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
                lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
                previous = name
            }
            return front(lines.joined(separator: "\n") + "\ntags: *i\n")
        }, code: .badValue, line: 13),
        // Shallow and wide: three levels of a thousand aliases are a billion values if
        // anything walks the whole value (a first version of `FrontMatter.Value` did).
        Case(name: "wide alias bomb", bytes: text {
            let width = 1000
            return front("a: &a [" + Array(repeating: "x", count: width).joined(separator: ", ") + "]\n"
                + "b: &b [" + Array(repeating: "*a", count: width).joined(separator: ", ") + "]\n"
                + "c: [" + Array(repeating: "*b", count: width).joined(separator: ", ") + "]\ntags: *b\n")
        }, code: .badValue, line: 7),
        Case(name: "deeply nested YAML", bytes: text {
            front("x: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n")
        }, code: .badYAML, line: 4),
        Case(name: "date: yes", bytes: text { "---\ndate: yes\nmentee: A\n---\n" }, code: .badDate, line: 2),
        Case(name: "date: no", bytes: text { "---\ndate: no\nmentee: A\n---\n" }, code: .badDate, line: 2),
        Case(name: "date: on", bytes: text { "---\ndate: on\nmentee: A\n---\n" }, code: .badDate, line: 2),
        Case(name: "date as a number", bytes: text { "---\ndate: 20261110\nmentee: A\n---\n" }, code: .badDate, line: 2),
        Case(name: "date in the year 99999", bytes: text { "---\ndate: 99999-11-10\nmentee: A\n---\n" }, code: .badDate, line: 2),
        Case(name: "50 MB note", bytes: { Array(front().utf8) + [UInt8](repeating: 0x61, count: 50 * 1024 * 1024) },
             code: .tooLarge, line: 1),
        Case(name: "100,000 nested list levels", bytes: text {
            front() + "## Notes\n" + String(repeating: "- ", count: 100_000) + "x\n"
        }, code: .tooComplex, line: 6),
        Case(name: "invalid UTF-8", bytes: { Array(front().utf8) + [0x61, 0xC3, 0x28, 0x0A] }, code: .notUTF8, line: 5),
        Case(name: "UTF-16 with BOM", bytes: { [0xFF, 0xFE] + Array("---\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } },
             code: .notUTF8, line: 1),
        Case(name: "a NUL byte", bytes: { Array(front().utf8) + Array("abc".utf8) + [0] }, code: .unreadableFile, line: 5),
        Case(name: "binary file named .md", bytes: { (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) } },
             code: .unreadableFile, line: 1),
    ]

    @Test("Each bad input is one located diagnostic and the rest is read", arguments: cases)
    func badInput(_ testCase: Case) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("good.md", "---\ndate: 2026-11-10\nmentee: Good Person\n---\n## Goals\n- Stay readable\n")
        try folder.write("bad.md", bytes: testCase.bytes())
        let notebook = Notebook.open(at: folder.path, asOf: LocalDate("2026-12-01"), now: Date(), jobs: 2)
        let problems = notebook.diagnostics.filter { $0.file == "bad.md" && $0.code != .noNextSession && $0.code != .unknownKey }
        if let code = testCase.code {
            #expect(problems.map(\.code).contains(code), "\(problems.map(\.formatted))")
            #expect(problems.first { $0.code == code }?.line == testCase.line, "\(problems.map(\.formatted))")
            // Every message says what is wrong, then (after a semicolon) what to do.
            #expect(problems.allSatisfy { $0.message.contains("; ") }, "\(problems.map(\.message))")
        } else {
            #expect(problems.isEmpty)
        }
        #expect(notebook.series("good-person")?.items.map(\.text) == ["Stay readable"])
    }

    @Test func aLongLineIsReadAndATenMegabyteOneIsTooLarge() {
        let note = NoteReader.read(path: "long.md", text: Self.front() + "## Notes\n" + String(repeating: "word ", count: 180_000) + "\n## Goals\n- After the long line\n")
        #expect(note.diagnostics.isEmpty)
        #expect(note.mentions.map(\.fields.text) == ["After the long line"])
        let huge = NoteReader.read(path: "huge.md", bytes: Array((Self.front() + "## Notes\n" + String(repeating: "word ", count: 2_000_000)).utf8))
        #expect(huge.diagnostics.map(\.code) == [.tooLarge])
    }

    @Test func manyLinesUnderDeepNestingAreTooComplex() {
        let body = "## Notes\n" + String(repeating: "- ", count: 499) + "x\n" + String(repeating: "\n", count: 100_000)
        let note = NoteReader.read(path: "deep.md", text: Self.front() + body)
        #expect(note.diagnostics.map(\.code) == [.tooComplex])
        let fine = NoteReader.read(path: "ok.md", text: Self.front() + "## Notes\n" + String(repeating: "- ", count: 10) + "x\n" + String(repeating: "line\n", count: 50_000))
        #expect(fine.diagnostics.isEmpty)
    }

    @Test func oneHundredThousandBracketsAreRead() {
        let body = "## Notes\n" + String(repeating: "[", count: 100_000) + "a" + String(repeating: "]", count: 100_000) + "\n"
        let note = NoteReader.read(path: "b.md", text: Self.front() + body)
        #expect(note.diagnostics.isEmpty && note.kind == .session)
    }

    @Test("previous: cycles of length 1, 2 and 50", arguments: [1, 2, 50])
    func cycles(length: Int) {
        let files = (0..<length).map { index in
            ("s/\(index).md", sessionNote("date: 2026-11-\(String(format: "%02d", 1 + index % 28))\ntime: \"\(String(format: "%02d", index % 24)):00\"\nmentee: Cy Cle\nprevious: \((index + 1) % length).md"))
        }
        let notebook = InlineNotebook(files).link()
        #expect(notebook.diagnostics(.previousCycle).count == length)
        #expect(notebook.series[0].sessions.count == length)
    }

    @Test func aThousandSessionsOnTheSameDate() {
        let files = (0..<1000).map { ("s/\($0).md", sessionNote("date: 2026-11-10\nmentee: Busy Day")) }
        let notebook = InlineNotebook(files).link()
        #expect(notebook.diagnostics(.sameTimeConflict).count == 999)
        #expect(notebook.series[0].sessions.count == 1000)
    }

    @Test func tenThousandItemsInOneNoteAndARepeatedId() {
        let items = (0..<10_000).map { "- [ ] Item number \($0)" }.joined(separator: "\n")
        let note = sessionNote("date: 2026-11-10\nmentee: Many Items",
                               "## Action items\n\(items)\n- [ ] First ^same\n- [x] Second with the same id ^same\n")
        let notebook = InlineNotebook([("s/a.md", note)]).link()
        #expect(notebook.series[0].items.count == 10_001)
        #expect(notebook.series[0].item("same")?.status == .done)
    }

    @Test func pipesAndDevicesAreNeverRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("good.md", "---\ndate: 2026-11-10\nmentee: Good Person\n---\n")
        #expect(mkfifo(folder.path + "/pipe.md", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.md", withDestinationPath: folder.path + "/pipe.md")
        let (files, _) = NotebookWalker.markdownFiles(under: folder.path)
        #expect(files == ["good.md"])
    }

    @Test("cmark's pathological inputs finish, as a note body and inside an action item",
          arguments: PathologicalInputs.all.map(\.name))
    func pathological(name: String) throws {
        let input = try #require(PathologicalInputs.all.first { $0.name == name })
        for body in ["## Notes\n" + input.text(), "## Action items\n- [ ] " + input.text()] {
            let note = NoteReader.read(path: "p.md", text: Self.front() + body)
            // Over the size limit, a note is reported before anything is parsed.
            if note.diagnostics.map(\.code) == [.tooLarge] { continue }
            #expect(note.kind == .session)
            if input.slowInCmark030 && body.hasPrefix("## Notes") {
                #expect(note.diagnostics.map(\.code).contains(.tooComplex))
            }
            #expect(note.diagnostics.allSatisfy { [.tooComplex, .badFieldDate, .unclosedCodeBlock].contains($0.code) },
                    "\(note.diagnostics.map(\.formatted))")
        }
    }
}

@Suite("Writes never lose a word")
struct WriteSafetyTests {
    @Test func outputThroughASymbolicLinkReplacesTheLinkNotItsTarget() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("precious.md", "my notes\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/out.json", withDestinationPath: folder.path + "/precious.md")
        let refused = try CommandLineTests.run(["export", "--notebook", PackagePaths.fixtures + "/basic", "--as-of", "2026-12-01",
                                                "--output", folder.path + "/out.json"])
        #expect(refused.status == 1)
        let forced = try CommandLineTests.run(["export", "--notebook", PackagePaths.fixtures + "/basic", "--as-of", "2026-12-01",
                                               "--output", folder.path + "/out.json", "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: folder.path + "/precious.md", encoding: .utf8) == "my notes\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/out.json")
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }

    @Test func aFailedWriteLeavesTheFileAndNoTemporaryBehind() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("keep.txt", "keep\n")
        // A folder where the file should be: the rename cannot succeed.
        try FileManager.default.createDirectory(atPath: folder.path + "/busy", withIntermediateDirectories: true)
        try folder.write("busy/inside.txt", "x")
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write("new", to: folder.path + "/busy", overwrite: true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["busy", "keep.txt"])
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write("new", to: folder.path + "/missing/x.txt", overwrite: true) }
        #expect(try String(contentsOfFile: folder.path + "/keep.txt", encoding: .utf8) == "keep\n")
    }

    @Test func newAndInitNeverChangeAnExistingFile() throws {
        let notebook = try WorkflowCommandTests.copy(PackagePaths.sampleNotebook)
        defer { notebook.remove() }
        let before = try DocumentCommandTests.hashes(of: notebook.path)
        let runs: [[String]] = [
            ["new", "alex-chen", "--date", "2026-12-03"], ["new", "priya-natarajan"], ["new", "--first", "Alex Chen"],
            ["new", "sam-okafor", "--date", "2026-12-15"], ["check"], ["export"], ["agenda"], ["followup"],
            ["followup", "alex-chen", "--format", "eml"], ["report"], ["ics"], ["status"],
        ]
        for arguments in runs {
            _ = try CommandLineTests.run(arguments + ["--notebook", notebook.path, "--as-of", "2026-12-01"])
        }
        _ = try CommandLineTests.run(["init", notebook.path])
        let after = try DocumentCommandTests.hashes(of: notebook.path)
        for (path, data) in before { #expect(after[path] == data, "\(path) changed") }
        #expect(after.count == before.count + 2)
    }
}


@Suite("Hostile notebooks, second round")
struct HostileNotebookTests {
    @Test("Templates that include themselves are refused, not a crash", arguments: [
        ["agenda.md.mustache": "A {{> agenda.md}}"],
        ["report.md.mustache": "{{> report.html}}", "report.html.mustache": "{{> report.md}}"],
        ["html-style.mustache": "{{> html-style}}"],
        ["agenda.md.mustache": "{{<agenda.md}}{{/agenda.md}}"],
        ["agenda.md.mustache": String(repeating: "{{#a}}", count: 20_000)],
        ["agenda.md.mustache": String(repeating: "{{series.id}}", count: 80_000)],
    ])
    func recursiveTemplates(overrides: [String: String]) throws {
        var notebook = InlineNotebook([("s/a.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen",
                                                               "## Next session\n- When: 2026-12-08\n"))]).link()
        notebook.templateOverrides = overrides
        let documents = Documents(notebook)
        #expect(documents.templates.diagnostics.contains { $0.code == .badTemplate })
        let name = overrides.keys.sorted().first!.replacingOccurrences(of: ".mustache", with: "")
        if name.hasPrefix("agenda") || name.hasPrefix("html") {
            #expect(throws: DocumentError.self) { try documents.agenda(series: nil, format: name == "html-style" ? .html : .md) }
        } else {
            #expect(throws: DocumentError.self) { try documents.report(period: DocumentTests.week48, series: nil, format: .md) }
        }
    }

    @Test("Extreme dates are bad usage, not a crash", arguments: [
        ["report", "--as-of", "0001-01-01"], ["report", "--week", "9999-W53"], ["report", "--week", "0001-W01"],
        ["report", "--from", "0001-01-01", "--to", "0001-01-07"],
    ])
    func extremeDates(arguments: [String]) throws {
        let run = try CommandLineTests.run(arguments + ["--notebook", PackagePaths.fixtures + "/basic"])
        #expect(run.status == 2)
        #expect(!run.stderr.contains("Fatal error"))
        #expect(ReportPeriod.isoWeekLabel(of: LocalDate(dayNumber: LocalDate("0001-01-01")!.dayNumber - 7)).hasSuffix("W52"))
    }

    @Test func linksOutOfTheNotebookAreNotReadForConfigOrTemplates() throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        defer { folder.remove(); outside.remove() }
        try outside.write("secret", "root:x:0:0\n")
        try folder.write("s/a.md", sessionNote("date: 2026-11-10\nmentee: A B", "## Next session\n- When: 2026-12-08\n"))
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/mentor.yml", withDestinationPath: outside.path + "/secret")
        try FileManager.default.createDirectory(atPath: folder.path + "/templates", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/templates/agenda.md.mustache",
                                                   withDestinationPath: outside.path + "/secret")
        let source = NotebookSource.read(root: folder.path, jobs: 1)
        #expect(source.templateOverrides.isEmpty)
        #expect(!source.diagnostics.map(\.message).joined().contains("root:x"))
        #expect(source.diagnostics.map(\.file).sorted() == ["mentor.yml", "templates/agenda.md.mustache"])
    }

    @Test func outputNeverReplacesAPipeOrADevice() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(mkfifo(folder.path + "/pipe", 0o644) == 0)
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write("x", to: folder.path + "/pipe", overwrite: true) }
        var info = stat()
        #expect(lstat(folder.path + "/pipe", &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write("x", to: "/dev/null", overwrite: true) }
    }

    @Test func initWritesAllOrNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".gitignore", "mine\n")
        try folder.write("templates", "a file where a folder should be\n")
        #expect(throws: WriteError.self) { try NotebookScaffold.write(into: folder.path, force: true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".gitignore", "templates"])
    }

    @Test func oddFilesAreReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("good.md", sessionNote("date: 2026-11-10\nmentee: A B"))
        #expect(mkfifo(folder.path + "/pipe.md", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/dangling.md", withDestinationPath: folder.path + "/nowhere.md")
        let (files, problems) = NotebookWalker.markdownFiles(under: folder.path)
        #expect(files == ["good.md"])
        #expect(Set(problems.map(\.file)) == ["pipe.md", "dangling.md"])
    }

    /// A link to a note of the notebook made it two sessions on one date, a `same-time`
    /// error (an audit found it): the note is read once, under its own path.
    @Test(arguments: [1, 2])
    func aLinkToANoteOfTheNotebookIsNotReadAgain(jobs: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("s/b.md", sessionNote("date: 2026-11-10\nmentee: A B"))
        try folder.write("t/c.md", "plain")
        let link = { (at: String, to: String) in try FileManager.default.createSymbolicLink(atPath: folder.path + "/" + at, withDestinationPath: to) }
        try link("s/alias.md", "b.md")
        try link("a.md", folder.path + "/s/b.md")
        try link("t/x.md", "../t/c.md")
        try link("t/y.txt.md", folder.path + "/t/c.txt")
        try link("t/z.md", "y.txt.md")
        try folder.write("t/c.txt", "text")
        let (files, problems) = NotebookWalker.markdownFiles(under: folder.path, jobs: jobs)
        // `t/y.txt.md` is the only way to `t/c.txt`, so it stays; `t/z.md` reaches it again.
        #expect(files == ["s/b.md", "t/c.md", "t/y.txt.md"])
        #expect(problems.isEmpty)
        let notebook = Notebook.open(at: folder.path, asOf: LocalDate("2026-12-01"), now: Date(timeIntervalSince1970: 0), jobs: jobs)
        #expect(notebook.diagnostics(.sameTimeConflict).isEmpty && notebook.series.first?.sessions.count == 1)
        // The link still names its note: in `previous:` and as the follow-up's session (a
        // review found both broken by leaving the link out).
        try folder.write("s/c.md", sessionNote("date: 2026-11-17\nmentee: A B\nprevious: ../a.md"))
        try folder.write("s/d.md", sessionNote("date: 2026-11-24\nmentee: A B\nprevious: \"[[s/latest]]\""))
        try link("s/latest.md", "c.md")
        let linked = Notebook.open(at: folder.path, asOf: LocalDate("2026-12-01"), now: Date(timeIntervalSince1970: 0), jobs: jobs)
        #expect(linked.diagnostics(.badPrevious).isEmpty && linked.diagnostics(.previousShared).isEmpty)
        let sessions = try #require(linked.series.first?.sessions)
        #expect(sessions.map(\.file) == ["s/b.md", "s/c.md", "s/d.md"])
        #expect(sessions.map(\.previous) == [nil, "s/b.md", "s/c.md"])
        let followUp = try Documents(linked).followUp(session: "a.md", workingDirectory: "/", format: .md)
        #expect(followUp.contains("2026-11-10"))
    }

    @Test func frontMatterShapesThatWereSilentlyDropped() {
        let note = { (yaml: String) in NoteReader.read(path: "a.md", text: "---\n" + yaml + "\n---\n").diagnostics.map(\.code) }
        #expect(note("date: 2026-11-10\nmentee: A\nprevious: [a, b]").contains(.badPrevious))
        #expect(note("b: &b {date: 2026-11-10, mentee: A}\n<<: *b\nmentee: A\ndate: 2026-11-10").contains(.badValue))
        #expect(note("date: 2026-11-10\nmentee: A\n? [x, y]\n: 1").contains(.badValue))
        let (_, problems) = NotebookConfig.parse(bytes: Array("mentor: [a, b]\n".utf8))
        #expect(problems.map(\.code) == [.badConfig])
    }

    @Test func loneCarriageReturnsAndUnclosedCommentsAndEmptyItems() {
        let cr = NoteReader.read(path: "cr.md", text: "---\rdate: 2026-11-10\rmentee: A\r---\r## Goals\r- [ ] Ship it\r")
        #expect(cr.kind == .session && cr.mentions.map(\.fields.text) == ["Ship it"])
        let comment = NoteReader.read(path: "c.md", text: sessionNote("date: 2026-11-10\nmentee: A", "## Notes\n<!-- draft\n\n## Goals\n- hidden\n"))
        #expect(comment.diagnostics.map(\.line) == [6])
        let empty = NoteReader.read(path: "e.md", text: sessionNote("date: 2026-11-10\nmentee: A", "## Action items\n- []\n- [ ] @\n- [ ] real\n"))
        // Items of only symbols are items keyed by their text (each its own), not dropped.
        #expect(empty.mentions.map(\.fields.text) == ["[]", "@", "real"])
        #expect(empty.mentions.map(\.key) == ["[]", "@", "real"])
    }

    @Test func messagesStayOneShortLine() {
        let huge = String(repeating: "x", count: 100_000)
        let diagnostic = Diagnostic(file: "a\nb.md", code: .badPrevious, message: "previous: '\(huge)' matches\nnothing")
        #expect(diagnostic.message.count <= 401 && !diagnostic.message.contains("\n"))
        #expect(diagnostic.formatted.hasPrefix("a?b.md:1:1: error: "))
        let keys = (0..<200).map { "k\($0): v" }.joined(separator: "\n")
        let note = NoteReader.read(path: "k.md", text: "---\ndate: 2026-11-10\nmentee: A\n\(keys)\n---\n")
        #expect(note.diagnostics.filter { $0.code == .unknownKey }.count == 21)
    }
}
