import Foundation
import Testing
@testable import MentorKit
import MentorTemplates

@Suite("Export and check against golden files")
struct ExportGoldenTests {
    static let fixtures: [(name: String, path: String)] = [
        ("basic", PackagePaths.fixtures + "/basic"),
        ("broken", PackagePaths.fixtures + "/broken"),
        ("spec-example", PackagePaths.fixtures + "/spec-example"),
        ("sample-notebook", PackagePaths.sampleNotebook),
    ]

    static func open(_ path: String, jobs: Int = 2) -> Notebook {
        Notebook.open(at: path, asOf: LocalDate("2026-12-01"), now: Date(timeIntervalSince1970: 0), jobs: jobs)
    }

    @Test("export JSON", arguments: fixtures.map(\.name))
    func export(name: String) throws {
        let path = try #require(Self.fixtures.first { $0.name == name }).path
        try expectGolden(ExportDocument(Self.open(path)).rendered(), "\(name).expected/export.json")
    }

    @Test("check lines", arguments: fixtures.map(\.name))
    func check(name: String) throws {
        let path = try #require(Self.fixtures.first { $0.name == name }).path
        let text = Self.open(path).diagnostics.map { $0.formatted + "\n" }.joined()
        try expectGolden(text, "\(name).expected/check.txt")
    }

    @Test func checkJSON() throws {
        let notebook = Self.open(PackagePaths.fixtures + "/broken")
        try expectGolden(ExportDocument.checkJSON(notebook.diagnostics, asOf: notebook.asOf).rendered(),
                         "broken.expected/check.json")
    }

    @Test func exportWithPrivateSections() throws {
        let notebook = Self.open(PackagePaths.fixtures + "/basic")
        let withPrivate = ExportDocument(notebook, includePrivate: true)
        let without = ExportDocument(notebook)
        #expect(withPrivate.series[0].items.count == without.series[0].items.count + 1)
        #expect(withPrivate.series[0].items.contains { $0.text == "Check whether Alex is burning out" })
        #expect(!without.rendered().contains("burning out"))
    }

    @Test("A private section's entries and links are in the export only with include-private (spec 3.1)")
    func privateEntries() throws {
        let notebook = InlineNotebook([("s/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee", """
            ## Guidance (private)
            - Secret advice

            ## Resources (private)
            - [Hidden link](https://example.com/hidden)

            ## Guidance
            - Open advice
            """))]).link()
        let with = try #require(ExportDocument(notebook, includePrivate: true).series.first?.sessions.first)
        let without = try #require(ExportDocument(notebook).series.first?.sessions.first)
        #expect(with.guidance == ["Secret advice", "Open advice"])
        #expect(with.resources.map(\.title) == ["Hidden link"])
        #expect(without.guidance == ["Open advice"])
        #expect(without.resources.isEmpty)
        let documents = Documents(notebook)
        let followUp = try documents.followUp(session: nil, workingDirectory: "/", format: .md)
        #expect(!followUp.contains("Secret") && !followUp.contains("Hidden") && followUp.contains("Open advice"))
    }

    /// A diagnostic quoting a private part reached the export's diagnostics whole (an audit
    /// found it): there it keeps its place and code, and its words only with include-private.
    @Test func privateTextStaysOutOfTheExportsDiagnostics() throws {
        let notebook = InlineNotebook([("s/2026-11-03.md", sessionNote("date: 2026-11-03\nmentee: Pia Lo", """
            ## Private
            - [x] ^salary-talk

            ## Notes
            ### Aside (private)
            - [ ] x due:SECRET-DATE

            ## Action items
            - [ ] Public due:NOT-A-DATE
            """))]).link()
        let codes = notebook.diagnostics.map(\.code)
        #expect(codes.filter { $0 == .unknownItemID }.count == 1 && codes.filter { $0 == .badFieldDate }.count == 2)
        for jobs in [1, 2] {
            var bytes: [UInt8] = []
            ExportDocument.write(notebook, jobs: jobs) { bytes += $0 }
            let without = String(decoding: bytes, as: UTF8.self)
            #expect(!without.contains("salary") && !without.contains("SECRET"))
            #expect(without.contains("NOT-A-DATE") && without.components(separatedBy: "in a private part of the note").count == 3)
        }
        let with = ExportDocument.render(notebook, includePrivate: true)
        #expect(with.contains("salary-talk") && with.contains("SECRET-DATE"))
        #expect(ExportDocument.checkJSON(notebook.diagnostics, asOf: notebook.asOf).rendered().contains("SECRET-DATE"))
    }

    @Test("One thread and many threads give the same export")
    func parallelReadingIsDeterministic() {
        let path = PackagePaths.sampleNotebook
        #expect(ExportDocument(Self.open(path, jobs: 1)).rendered() == ExportDocument(Self.open(path, jobs: 4)).rendered())
    }

    @Test("The report's series rendered on several threads give the text of one thread", arguments: fixtures.map(\.name))
    func reportSeriesInParallel(name: String) throws {
        let path = try #require(Self.fixtures.first { $0.name == name }).path
        var parallel = Documents(Self.open(path))
        parallel.jobs = 3
        let serial = Documents(Self.open(path))
        // Weeks with series and one before any session (no series: the `{{^series}}` text);
        // the JSON too, whose figures are also worked out on several threads.
        for period in [ReportPeriod(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!),
                       ReportPeriod(from: LocalDate("2001-01-01")!, to: LocalDate("2001-01-07")!)] {
            for format in [DocumentFormat.md, .html, .json] {
                #expect(try parallel.report(period: period, series: nil, format: format)
                        == serial.report(period: period, series: nil, format: format))
            }
        }
    }

    @Test("The default report templates split at their series loop, and render whole as their parts do")
    func seriesLoopSplit() throws {
        for name in ["report.md", "report.html"] {
            let text = try #require(DefaultTemplates.files.first { $0.name == name + ".mustache" }?.text)
            let parts = try #require(SeriesLoop.split(text))
            #expect(parts.each.contains("{{mentee}}") && !parts.each.contains("{{#series}}"))
            #expect(parts.before.hasSuffix("\n") && !parts.before.contains("{{#series}}"))
            #expect(parts.after.contains("{{^series}}"))
        }
        // A loop that names its own position, or a second loop, keeps the whole template;
        // `{{.}}` is the series, as in the whole template.
        #expect(SeriesLoop.split("a\n{{#series}}\n{{#first()}}1{{/first()}}\n{{/series}}\n") == nil)
        #expect(SeriesLoop.split("a\n{{#series}}\n{{.}}\n{{/series}}\n")?.each == "{{#\(SeriesLoop.element)}}\n{{.}}\n{{/\(SeriesLoop.element)}}\n")
        #expect(SeriesLoop.split("a\n{{#series}}\nx\n{{/series}}\n{{#series}}\ny\n{{/series}}\n") == nil)
        #expect(SeriesLoop.split("no loop") == nil)
    }

    @Test("Without session Markdown, export, report, calendar and agenda are the same bytes", arguments: fixtures.map(\.name))
    func markdownLeftOut(name: String) throws {
        let path = try #require(Self.fixtures.first { $0.name == name }).path
        let full = Self.open(path)
        let lean = Notebook.open(at: path, asOf: LocalDate("2026-12-01"), now: Date(timeIntervalSince1970: 0),
                                 jobs: 2, keepingMarkdown: false)
        #expect(lean.series.flatMap(\.sessions).flatMap(\.note.sections).allSatisfy { $0.markdown.isEmpty })
        if name != "broken" { #expect(full.series.flatMap(\.sessions).flatMap(\.note.sections).contains { !$0.markdown.isEmpty }) }
        #expect(ExportDocument.render(lean, includePrivate: true) == ExportDocument.render(full, includePrivate: true))
        let november = ReportPeriod(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!)
        for format in [DocumentFormat.md, .html, .json] {
            #expect(try Documents(lean).report(period: november, series: nil, format: format)
                    == Documents(full).report(period: november, series: nil, format: format))
        }
        #expect(try Documents(lean).calendar(series: nil) == Documents(full).calendar(series: nil))
        // Profiles keep their Markdown: the agenda shows it as research on the mentee.
        #expect(lean.profiles.map { $0.note.sections.map(\.markdown) } == full.profiles.map { $0.note.sections.map(\.markdown) })
        for format in [DocumentFormat.md, .html] {
            #expect((try? Documents(lean).agenda(series: nil, format: format)) == (try? Documents(full).agenda(series: nil, format: format)))
        }
    }

    @Test("Without section entries, report, status and check are the same", arguments: fixtures.map(\.name))
    func entriesLeftOut(name: String) throws {
        let path = try #require(Self.fixtures.first { $0.name == name }).path
        let full = Notebook.open(at: path, asOf: LocalDate("2026-12-01"), now: Date(timeIntervalSince1970: 0),
                                 jobs: 2, keepingMarkdown: false)
        let lean = Notebook.open(at: path, asOf: LocalDate("2026-12-01"), now: Date(timeIntervalSince1970: 0),
                                 jobs: 2, keepingMarkdown: false, keepingEntries: false)
        let leanSections = lean.series.flatMap(\.sessions).flatMap(\.note.sections)
        #expect(leanSections.allSatisfy { $0.entries.isEmpty && $0.links.isEmpty })
        if name != "broken" {
            #expect(full.series.flatMap(\.sessions).flatMap(\.note.sections).contains { !$0.entries.isEmpty })
        }
        // The sections themselves, items and diagnostics are all still there.
        #expect(leanSections.map(\.title) == full.series.flatMap(\.sessions).flatMap(\.note.sections).map(\.title))
        #expect(lean.series.map(\.items) == full.series.map(\.items))
        #expect(Documents(lean).allDiagnostics == Documents(full).allDiagnostics)
        #expect(lean.upcoming == full.upcoming)
        let november = ReportPeriod(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!)
        for format in [DocumentFormat.md, .html, .json] {
            #expect(try Documents(lean).report(period: november, series: nil, format: format)
                    == Documents(full).report(period: november, series: nil, format: format))
        }
        #expect(StatusTable(lean).text(colour: false) == StatusTable(full).text(colour: false))
        #expect(StatusTable(lean).json.rendered() == StatusTable(full).json.rendered())
        // Profiles keep their entries: the agenda shows them.
        #expect(lean.profiles.map { $0.note.sections.map(\.entries) } == full.profiles.map { $0.note.sections.map(\.entries) })
    }

    @Test("A lean notebook reads one session again in full for its follow-up")
    func followUpFromALeanNotebook() throws {
        let path = PackagePaths.sampleNotebook
        let full = Self.open(path)
        let lean = Notebook.open(at: path, asOf: LocalDate("2026-12-01"), now: Date(timeIntervalSince1970: 0),
                                 jobs: 2, keepingMarkdown: false)
        let file = try Documents(lean).heldSessionFile(nil, workingDirectory: path)
        let reread = lean.readingInFull(file)
        let session = try #require(reread.series.flatMap(\.sessions).first { $0.file == file })
        let expected = try #require(full.series.flatMap(\.sessions).first { $0.file == file })
        #expect(session.note.sections.map(\.markdown) == expected.note.sections.map(\.markdown))
        #expect(session.note.sections.contains { !$0.markdown.isEmpty })
        for format in [DocumentFormat.md, .html] {
            #expect(try Documents(reread).followUp(session: nil, workingDirectory: path, format: format)
                    == Documents(full).followUp(session: nil, workingDirectory: path, format: format))
        }
        // A file that is not a session of the notebook changes nothing.
        #expect(lean.readingInFull("no/such.md").series.flatMap(\.sessions).allSatisfy { $0.note.sections.allSatisfy { $0.markdown.isEmpty } })
    }

    @Test("A note changed since the notebook was read is not mixed in")
    func changedNoteIsNotReadAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("s/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: Alex Chen", "## Notes\nWe talked.\n"))
        let lean = Notebook.open(at: folder.path, asOf: LocalDate("2026-12-01"), now: Date(), jobs: 1, keepingMarkdown: false)
        try folder.write("s/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: Alex Chen", "## Agenda\n- x\n\n## Notes\nChanged.\n"))
        let reread = lean.readingInFull("s/2026-11-24.md")
        #expect(reread.series.first?.sessions.first?.note.sections.map(\.markdown) == [""])
        try folder.write("s/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: Alex Chen", "## Notes\nWe talked.\n"))
        #expect(lean.readingInFull("s/2026-11-24.md").series.first?.sessions.first?.note.sections.map(\.markdown) == ["We talked."])
    }

    @Test("Series rendered on several threads give the same bytes", arguments: fixtures.map(\.name))
    func exportRenderedInParallel(name: String) throws {
        let notebook = Self.open(try #require(Self.fixtures.first { $0.name == name }).path)
        for jobs in [2, 3, 7] {
            for includePrivate in [false, true] {
                var bytes: [UInt8] = []
                ExportDocument.write(notebook, includePrivate: includePrivate, chunkSize: 100, jobs: jobs) { chunk in
                    bytes.append(contentsOf: chunk)
                }
                #expect(bytes == Array(ExportDocument.render(notebook, includePrivate: includePrivate).utf8))
            }
        }
    }

    @Test("Written series by series, the export is the same bytes", arguments: fixtures.map(\.name))
    func streamedExport(name: String) throws {
        let notebook = Self.open(try #require(Self.fixtures.first { $0.name == name }).path)
        #expect(ExportDocument.render(notebook) == ExportDocument(notebook).rendered())
        #expect(ExportDocument.render(notebook, includePrivate: true) == ExportDocument(notebook, includePrivate: true).rendered())
        #expect(ExportDocument.render(notebook) == ExportDocument(notebook).json.rendered())
    }

    @Test func sampleNotebookHasNoErrorsOrWarnings() {
        #expect(Self.open(PackagePaths.sampleNotebook).diagnostics.isEmpty)
    }

    @Test func exportIsValidJSONWithTheContractKeys() throws {
        let text = ExportDocument(Self.open(PackagePaths.fixtures + "/basic")).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["version", "asOf", "series", "upcoming", "diagnostics"])
        let series = try #require((object["series"] as? [[String: Any]])?.first)
        #expect(Set(series.keys) == ["id", "mentee", "mentor", "profile", "sessions", "items"])
        let session = try #require((series["sessions"] as? [[String: Any]])?.first)
        #expect(Set(session.keys) == ["file", "date", "time", "status", "previous", "next", "title",
                                      "durationMinutes", "location", "link", "tags", "talkingPoints",
                                      "challenges", "guidance", "takeaways", "resources", "nextSession"])
        let item = try #require((series["items"] as? [[String: Any]])?.first)
        #expect(Set(item.keys) == ["id", "key", "kind", "text", "owner", "due", "status", "created", "file",
                                   "line", "closed", "closedIn", "carried", "overdue", "parent", "tags"])
    }

    @Test("The spec's own example note gives the spec's own example item")
    func specExample() throws {
        let document = ExportDocument(Self.open(PackagePaths.fixtures + "/spec-example"))
        let series = try #require(document.series.first)
        #expect(series.id == "alex-chen" && series.mentee == "Alex Chen" && series.mentor == "Jade Green")
        #expect(series.profile == "people/alex-chen.md")
        let item = try #require(series.items.first { $0.id == "ship-case" })
        #expect(item.key == "ship the case study to two reviewers")
        #expect(item.kind == "goal" && item.text == "Ship the case study to two reviewers")
        #expect(item.owner == "alex" && item.due == "2026-11-17" && item.status == "open")
        #expect(item.created == "2026-11-10" && item.file == "sessions/alex-chen/2026-11-10.md" && item.line == 39)
        #expect(item.closed == nil && item.closedIn == nil && item.carried == 0 && item.overdue && item.parent == nil)
        let session = try #require(series.sessions.last)
        #expect(session.durationMinutes == 45 && session.tags == ["portfolio", "career"])
        #expect(session.nextSession?.date == "2026-11-17" && session.nextSession?.durationMinutes == 45)
        #expect(document.upcoming.map { "\($0.series) \($0.date) \($0.time ?? "-") \($0.file ?? "null")" }
                == ["alex-chen 2026-11-17 16:00 null"])
        #expect(series.items.first { $0.text == "Send the article on stakeholder maps" }?.owner == "jade")
    }
}
