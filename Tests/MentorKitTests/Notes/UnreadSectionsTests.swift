import Foundation
import Testing
@testable import MentorKit

@Suite("Sections a lean read leaves out")
struct UnreadSectionsTests {
    static func emptied(_ body: String) -> String? {
        UnreadSections.emptied(BodyLines(body[...])).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a section of minutes loses its lines; goals, actions, review and the plan keep theirs")
    func emptiesWhatIsNotRead() {
        let body = """
        # Session
        - [ ] A task in the preamble
        ## Notes
        Long minutes here.
        More of them.
        ## Goals
        - A goal without a box
        ## Check-in
        - fine
        ## Action items
        - Call Sam
        ## Review
        - [x] Done
        ## Next session
        - When: 2026-12-08 10:00

        """
        #expect(Self.emptied(body) == """
        # Session
        - [ ] A task in the preamble
        ## Notes


        ## Goals
        - A goal without a box
        ## Check-in

        ## Action items
        - Call Sam
        ## Review
        - [x] Done
        ## Next session
        - When: 2026-12-08 10:00

        """)
    }

    @Test("each emptied line keeps its own line break, so every line keeps its number")
    func keepsLineBreaks() throws {
        let body = "## Notes\r\nminutes\r\nmore\nstill\n## Goals\r\n- goal\r\n"
        let emptied = try #require(Self.emptied(body))
        #expect(emptied == "## Notes\r\n\r\n\n\n## Goals\r\n- goal\r\n")
        #expect(BodyLines(emptied[...]).count == BodyLines(body[...]).count)
        // A bare carriage return after an emptied line would join two breaks into one.
        #expect(Self.emptied("## Notes\nmore\rstill\n## Goals\n") == nil)
    }

    @Test("a section that may hold a box or a link definition keeps its lines",
          arguments: ["- [ ] a task", "[x] a box alone", "  * [/] nested", "> - [-] quoted",
                      "1. [ ] numbered", "[ref]: https://example.com", "[r]: /u", "[a label that goes on",
                      "[a\\]", "[a\\\\\\]", "- [escaped \\] bracket",
                      "-", "-\t[x] after a tab"])
    func keepsPossibleBoxes(line: String) {
        let body = "## Notes\nminutes\n\(line)\n## Goals\n- goal\n"
        #expect(Self.emptied(body) == nil)
    }

    @Test("a line that starts with a link is not a box")
    func emptiesLinks() {
        #expect(Self.emptied("## Resources\n- [a talk](https://example.com)\n[the notes](x) too\n")
                == "## Resources\n\n\n")
    }

    @Test("a note whose sections lines alone cannot tell is left whole",
          arguments: ["```", "~~~~ swift", "- ```", "> <!-- hidden", "<div>", "  ## Goals", "- ## Goals",
                      "\t## Goals", "---", "===", "Goals for the coming week\n---"])
    func leavesUnsureNotesWhole(line: String) {
        let body = "## Notes\nminutes\n## Resources\n\(line)\n## Goals\n- goal\n"
        #expect(Self.emptied(body) == nil)
    }

    @Test("a heading with inline markup, or of a section that is read, keeps its section",
          arguments: ["## *Notes*", "## Notes `x`", "## Goals", "## Action items ##", "## Next session",
                      "## 2. Review"])
    func keepsSectionsOfMarkedUpHeadings(heading: String) {
        #expect(Self.emptied("## Check-in\nfine\n\(heading)\n- item\n") == "## Check-in\n\n\(heading)\n- item\n")
    }

    @Test("level-1 headings before the first section are the preamble; after it they open one")
    func levelOneHeadings() {
        #expect(Self.emptied("# Title\ntext\n## Goals\n- goal\n# Part two\n- plain\n")
                == "# Title\ntext\n## Goals\n- goal\n# Part two\n\n")
    }

    /// Found by a review: a definition's label with an escaped `\]` goes on to the next line,
    /// so the section that holds it is read, and the task and goals it makes links in keep them.
    @Test("a link definition whose label an escaped bracket carries to the next line",
          arguments: ["## Action items\n- [ ] Read [a\\]]\n## Notes\n[a\\]\n]: /u\n",
                      "## [Goals][x\\]]\n- Learn Swift\n## Notes\n[x\\]\n]: /u\n",
                      "## Next session\n- When: 2026-11-17 10:00\n- Link: [call][a\\]]\n## Notes\n[a\\]\n]: /u\n",
                      "## Notes\n[a\\\\\\]\n]: /u\n## Action items\n- [ ] [a\\\\\\]]\n"])
    func escapedLabelBracket(body: String) {
        #expect(Self.emptied(body) == nil)
        let note = Array("---\ndate: 2026-11-10\nmentee: X\n---\n\(body)".utf8)
        for (read, full) in Self.readsAndFull("sessions/x/2026-11-10.md", note) { #expect(read == full) }
    }

    /// The reads that keep no Markdown (keeping entries, as the export does, and not, as the
    /// report does, which empties sections), each with the full read, which empties nothing,
    /// without what that read never keeps.
    static func readsAndFull(_ path: String, _ bytes: [UInt8]) -> [(read: String, full: String)] {
        let full = NoteReader.read(path: path, bytes: bytes, keepingMarkdown: true, keepingEntries: true)
        return [true, false].map { keepingEntries in
            let read = NoteReader.read(path: path, bytes: bytes, keepingMarkdown: false, keepingEntries: keepingEntries)
            return (String(describing: read), String(describing: full.keeping(markdown: false, entries: keepingEntries)))
        }
    }

    static func fixtureNotes() -> [(path: String, text: String)] {
        var notes: [(String, String)] = []
        for root in [PackagePaths.fixtures, PackagePaths.sampleNotebook] {
            let walker = FileManager.default.enumerator(atPath: root)
            while let file = walker?.nextObject() as? String {
                guard file.hasSuffix(".md"), let data = FileManager.default.contents(atPath: root + "/" + file),
                      let text = String(data: data, encoding: .utf8) else { continue }
                notes.append((file, text))
            }
        }
        return notes.sorted { $0.0 < $1.0 }
    }

    @Test("every fixture note reads the same with sections emptied as in full")
    func fixturesReadTheSame() throws {
        let notes = Self.fixtureNotes()
        try #require(notes.count > 20)
        var emptiedCount = 0
        for (path, text) in notes {
            for (read, full) in Self.readsAndFull(path, Array(text.utf8)) { #expect(read == full, "\(path)") }
            if case .success(let split) = NoteText.split(Array(text.utf8)), UnreadSections.emptied(BodyLines(split.body)) != nil {
                emptiedCount += 1
            }
        }
        // The comparison means something only if many notes had lines emptied.
        #expect(emptiedCount > notes.count / 4)
    }

    static let awkwardLines = [
        "```", "~~~~", "<!-- hidden", "-->", "<div>", "  ## Goals", "- ## Goals", "---", "===",
        "Goals for the coming week\n---", "- [ ] A task in passing", "[x] lazy box", "[ref]: https://example.com",
        "[r]: /u", "[long\nlabel]: /url", "- [a talk](https://example.com)", "## Goals", "## Notes",
        "# Another part", "## *Notes*", "## Action items", "- Plain item", "  - [ ] nested task",
        "> - [ ] quoted task", "1. [ ] numbered", "\t## tab heading", "#tag line", "## Notes (private)",
        "### Private", "- When: 2026-13-01", "When: 2026-12-01 10:00", "- [see [ref]", "* [/] star",
        "-\n  [ ] task on the next line", "Next session\n============", "a\rb", "", "    indented code",
        "## Resources", "- [x] ^an-id", "- [ ] due:2026-02-30 bad date", "## Review (private)",
        "[a\\]\n]: /u", "- [ ] Read [a\\]]", "## [Goals][x\\]]", "[x\\]\nb]: /u",
    ]

    @Test("fixture notes with awkward lines put in read the same with sections emptied as in full")
    func awkwardLinesReadTheSame() {
        var random = SeededRandom(seed: 20261202)
        for (path, text) in Self.fixtureNotes() {
            var lines = text.components(separatedBy: "\n")
            guard let fence = lines.dropFirst().firstIndex(of: "---"), lines.first == "---" else { continue }
            for _ in 0..<12 {
                let snippet = Self.awkwardLines[random.next() % Self.awkwardLines.count]
                let position = fence + 1 + random.next() % max(1, lines.count - fence)
                lines.insert(snippet, at: min(position, lines.count))
                let bytes = Array(lines.joined(separator: "\n").utf8)
                for (read, full) in Self.readsAndFull(path, bytes) {
                    #expect(read == full, "\(path) with \(snippet.debugDescription) at line \(position + 1)")
                    if read != full { return }
                }
            }
        }
    }
}
