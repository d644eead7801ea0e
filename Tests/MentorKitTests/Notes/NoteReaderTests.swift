import Testing
@testable import MentorKit

@Suite("Reading one note")
struct NoteReaderTests {
    static let fullNote = """
    ---
    date: 2026-11-10
    time: "16:00"
    mentee: Alex Chen
    duration: 1h30m
    location: Blue Bottle, 5th Ave
    link: https://meet.example.com/abc
    tags: [portfolio, career]
    ---
    # Portfolio session

    Some preamble.

    ## Agenda
    - Portfolio feedback from the *design lead*
    - [ ] How to ask for a stretch project

    ## Challenges
    Too many meetings.

    Not enough deep work.

    ## Review
    - [x] Draft portfolio case study ^case-study
    - not a task

    ## Goals
    - [ ] Ship the case study to two reviewers due:2026-11-17 ^ship-case
      - ask Sam first
      - [ ] Find reviewer two
    - Learn Figma variables

    ## Action items
    - [ ] @alex Book two focus mornings 📅 2026-11-14
    - @jade Send the article on stakeholder maps

    ## Notes
    We talked about the [stakeholder](https://example.com) map.
    - [/] Sketch the map

    ## Next session
    - When: 2026-11-17 16:00
    - Where: Blue Bottle, 5th Ave
    - Link: <https://meet.example.com/abc>
    - Duration: 45m

    ## Resources
    - [Stakeholder mapping](https://example.com/stakeholders) — a good read
    - https://example.com/bare
    - The book *Staff Engineer*

    ## Private
    - [ ] @jade Ask HR about budget
    """

    let note = NoteReader.read(path: "s/2026-11-10.md", text: NoteReaderTests.fullNote)

    @Test("a note as a read that keeps less makes it")
    func keepingLess() throws {
        #expect(!note.preamble.isEmpty)
        #expect(note.sections.contains { !$0.entries.isEmpty } && note.sections.contains { !$0.markdown.isEmpty })
        let lean = note.keeping(markdown: false, entries: false)
        #expect(lean.preamble.isEmpty)
        #expect(lean.sections.allSatisfy { $0.markdown.isEmpty && $0.entries.isEmpty && $0.links.isEmpty })
        #expect(lean.sections.map(\.title) == note.sections.map(\.title))
        #expect(lean.mentions.count == note.mentions.count)
        let withEntries = note.keeping(markdown: false, entries: true)
        #expect(withEntries.sections.map(\.entries.count) == note.sections.map(\.entries.count))
        #expect(String(describing: lean) == String(describing: NoteReader.read(
            path: "s/2026-11-10.md", bytes: Array(NoteReaderTests.fullNote.utf8), keepingMarkdown: false, keepingEntries: false)))
        let profile = NoteReader.read(path: "people/alex.md", text: "---\ntype: profile\nname: Alex\n---\nResearch.\n")
        try #require(profile.kind == .profile)
        #expect(String(describing: profile.keeping(markdown: false, entries: false)) == String(describing: profile))
    }

    @Test func frontMatter() throws {
        let header = try #require(note.session)
        #expect(note.kind == .session)
        #expect(header.date == LocalDate("2026-11-10"))
        #expect(header.time == LocalTime("16:00"))
        #expect(header.mentee == "Alex Chen")
        #expect(header.durationMinutes == 90)
        #expect(header.location == "Blue Bottle, 5th Ave")
        #expect(header.link == "https://meet.example.com/abc")
        #expect(header.tags == ["portfolio", "career"])
        #expect(note.title == "Portfolio session")
        #expect(note.preamble == "Some preamble.")
        #expect(note.diagnostics.isEmpty)
    }

    @Test func sectionsInOrder() {
        #expect(note.sections.map(\.kind) == [.agenda, .challenges, .review, .goals, .actions, .notes, .next,
                                              .resources, .other])
        #expect(note.sections.last?.isPrivate == true)
        #expect(note.sections[0].line == 14)
    }

    @Test func entriesAreListItemsOrParagraphs() {
        #expect(note.sections(.agenda)[0].entries.map(\.text) == [
            "Portfolio feedback from the design lead", "How to ask for a stretch project",
        ])
        #expect(note.sections(.challenges)[0].entries.map(\.text) == ["Too many meetings.", "Not enough deep work."])
        #expect(note.sections(.challenges)[0].entries.map(\.line) == [19, 21])
    }

    /// An entry CommonMark reads as a list or heading inside its item (`- 2026. ...`,
    /// `- # ...`) was dropped without a word (an audit found it); it is the line as written.
    @Test("An entry that starts like a list or a heading is kept as written", arguments: [
        ("- 2026. starts like a list", "2026. starts like a list"),
        ("- 3) third", "3) third"),
        ("* # not a heading", "# not a heading"),
        ("+ 1.  spaced   out", "1. spaced out"),
    ])
    func entriesThatStartLikeBlocks(line: String, text: String) {
        let note = NoteReader.read(path: "a.md", text: "---\ndate: 2026-11-10\nmentee: Alex\n---\n## Key takeaways\n- Before\n\(line)\n- After\n")
        #expect(note.sections(.takeaways).first?.entries.map(\.text) == ["Before", text, "After"])
    }

    /// Goals and actions that CommonMark reads as a list or heading inside their item were
    /// not items at all (a review found it): each is its line as written, and the list that
    /// opens it makes no second item.
    @Test func itemsThatStartLikeBlocks() {
        let note = NoteReader.read(path: "a.md", text: "---\ndate: 2026-11-10\nmentee: Alex\n---\n"
            + "## Goals\n- 2026. Ship the thing due:2026-11-20\n- # of calls: 10\n\n## Action items\n- 3. Call @sam\n  - a detail\n- [ ] plain\n")
        #expect(note.mentions.map(\.fields.text) == ["2026. Ship the thing", "# of calls: 10", "3. Call", "plain"])
        #expect(note.mentions.map(\.role) == [.goal, .goal, .action, .action])
        #expect(note.mentions[0].fields.due == LocalDate("2026-11-20") && note.mentions[2].fields.owner == "sam")
        #expect(note.mentions[2].details == ["a detail"])
        // A task inside the opening list stays the task (a review found it lost); the text
        // is the plain text, continuation lines and all, not the raw Markdown line.
        let tasks = NoteReader.read(path: "a.md", text: "---\ndate: 2026-11-10\nmentee: Alex\n---\n"
            + "## Notes\n- 1. [ ] Send the deck\n- - [x] Book the room\n\n## Action items\n- 3. Call [Sam](https://x.example/sam) re Q&amp;A\n  due:2026-11-20\n")
        #expect(tasks.mentions.map(\.fields.text) == ["Send the deck", "Book the room", "3. Call Sam re Q&A"])
        #expect(tasks.mentions.map(\.checkbox) == [.open, .done, nil])
        #expect(tasks.mentions[2].key == InlineFields.key(of: "3. Call Sam re Q&A") && tasks.mentions[2].fields.due == LocalDate("2026-11-20"))
        // The task stands where its item does: a goal at the top of the goals, one item for
        // a nested opening list; an entry's box goes (a third review found all three).
        let deep = NoteReader.read(path: "a.md", text: "---\ndate: 2026-11-10\nmentee: Alex\n---\n"
            + "## Goals\n- 1. [ ] Top goal\n\n## Action items\n- 1. - [ ] nested task\n\n## Key takeaways\n- 1. [x] Ship it\n")
        // (A task in the takeaways is an action item too, spec 3.3.)
        #expect(deep.mentions.map(\.fields.text) == ["Top goal", "nested task", "Ship it"])
        #expect(deep.mentions.map(\.role) == [.goal, .action, .action] && deep.mentions.allSatisfy { $0.parent == nil })
        #expect(deep.sections(.takeaways).first?.entries.map(\.text) == ["1. Ship it"])
    }

    /// A code span is literal text: `` `@MainActor` `` is no owner and `` `due:...` `` no due
    /// date, and both stay in the item's text (they had been taken out as fields).
    @Test("Fields are not read inside code spans", arguments: [
        ("- [ ] Read how `@MainActor` isolates a type @sam", "Read how @MainActor isolates a type", "sam", nil, [String]()),
        ("- [ ] Explain `due:2026-12-01` and `[due:: 2026-12-02]` due:2026-12-03", "Explain due:2026-12-01 and [due:: 2026-12-02]", nil, "2026-12-03", []),
        ("- [ ] Try `#available` checks #swift", "Try #available checks #swift", nil, nil, ["swift"]),
        ("- [ ] Tag it `^x` x` a  b `y ^real", "Tag it ^x xa by", nil, nil, []),
        // A code span as a field's value is literal too (a review found a bad-date warning
        // and the text lost).
        ("- [ ] Date in code 📅 `2026-11-14` and due:`2026-11-15`", "Date in code 📅 2026-11-14 and due:2026-11-15", nil, nil, []),
        ("- [ ] A [done:: `2026-11-02`] b [due:: 2026-11-20]", "A [done:: 2026-11-02] b", nil, "2026-11-20", []),
        // A private-use character in the text itself is what stands for a code span: then
        // the code span is read as before (and its owner taken out).
        ("- [ ] Keep \u{E000} and `@a` as written", "Keep \u{E000} and as written", "a", nil, []),
    ] as [(String, String, String?, String?, [String])])
    func noFieldsInCodeSpans(line: String, text: String, owner: String?, due: String?, tags: [String]) throws {
        let note = NoteReader.read(path: "a.md", text: "---\ndate: 2026-11-10\nmentee: Alex\n---\n## Action items\n\(line)\n")
        let mention = try #require(note.mentions.first)
        #expect(note.diagnostics.isEmpty)
        #expect(mention.fields.text == text)
        #expect(mention.fields.owner == owner)
        #expect(mention.fields.due == due.flatMap { LocalDate($0) })
        #expect(mention.fields.tags == tags)
        #expect(mention.key == InlineFields.key(of: text))
    }

    /// Only a session note's near-miss headings are warned about: a profile's are its own.
    @Test func nearMissHeadingsAreWarnedAboutInSessionNotes() throws {
        let session = NoteReader.read(path: "a.md", text: "---\ndate: 2026-11-10\nmentee: Alex\n---\n## Goal\n- Ship it\n\n## Career chat\n- x\n")
        let warning = try #require(session.diagnostics.first { $0.code == .unknownSection })
        #expect(warning.line == 5 && warning.severity == .warning)
        #expect(warning.message.contains("did you mean 'Goals'?"))
        #expect(session.diagnostics.filter { $0.code == .unknownSection }.count == 1)
        #expect(session.mentions.isEmpty)
        // Spec 3.1: the section is still kept, in order, with its title.
        #expect(session.sections.map(\.title) == ["Goal", "Career chat"])
        #expect(session.sections.map(\.kind) == [.other, .other])
        let profile = NoteReader.read(path: "p.md", text: "---\ntype: profile\nname: Alex\n---\n## Goal\n- Ship it\n")
        #expect(!profile.diagnostics.contains { $0.code == .unknownSection })
        // A slip of "private" leaves the section public, which its writer did not mean.
        let slip = NoteReader.read(path: "a.md", text: "---\ndate: 2026-11-10\nmentee: Alex\n---\n## Privte\nBurnout worries.\n\n## Notes (privat)\nx\n")
        let slips = slip.diagnostics.filter { $0.code == .unknownSection }
        #expect(slips.map(\.line) == [5, 8])
        #expect(slips.allSatisfy { $0.message.contains("does not make this section private") })
        #expect(slip.sections.allSatisfy { !$0.isPrivate })
    }

    /// `check` said nothing about a profile email the follow-up's email then refused.
    @Test("A profile email no message can go to is a warning", arguments: [
        ("zoe@exämple.com", true), ("zoe.example.com", true), ("zoe@example.com", false), ("zoe@xn--exmple-cua.com", false),
    ])
    func profileEmail(email: String, warned: Bool) throws {
        let note = NoteReader.read(path: "p.md", text: "---\ntype: profile\nname: Zoë O'Brien\nemail: \(email)\n---\n")
        let warnings = note.diagnostics.filter { $0.code == .badEmail }
        #expect(warnings.count == (warned ? 1 : 0))
        #expect(warnings.allSatisfy { $0.line == 4 && $0.severity == .warning })
        #expect(note.profile?.email == email)
    }

    @Test func resources() {
        #expect(note.sections(.resources)[0].links == [
            ResourceLink(title: "Stakeholder mapping", url: "https://example.com/stakeholders"),
            ResourceLink(title: "https://example.com/bare", url: "https://example.com/bare"),
            ResourceLink(title: "The book Staff Engineer", url: nil),
        ])
    }

    @Test func nextSessionLogistics() throws {
        let plan = try #require(note.session?.next)
        #expect(plan.date == LocalDate("2026-11-17"))
        #expect(plan.time == LocalTime("16:00"))
        #expect(plan.location == "Blue Bottle, 5th Ave")
        #expect(plan.link == "https://meet.example.com/abc")
        #expect(plan.durationMinutes == 45)
    }

    @Test func mentionsByRole() {
        let summary = note.mentions.map { "\($0.role.rawValue)|\($0.checkbox?.rawValue ?? "-")|\($0.fields.text)" }
        #expect(summary == [
            "action|open|How to ask for a stretch project",
            "update|done|Draft portfolio case study",
            "goal|open|Ship the case study to two reviewers",
            "goal|open|Find reviewer two",
            "goal|-|Learn Figma variables",
            "action|open|Book two focus mornings",
            "action|-|Send the article on stakeholder maps",
            "action|in-progress|Sketch the map",
            "action|open|Ask HR about budget",
        ])
    }

    @Test func mentionDetailsParentsAndLines() {
        let goal = note.mentions[2]
        #expect(goal.fields.id == "ship-case")
        #expect(goal.fields.due == LocalDate("2026-11-17"))
        #expect(goal.details == ["ask Sam first"])
        #expect(goal.line == 28)
        #expect(note.mentions[3].parent == 2)
        #expect(note.mentions[5].fields.owner == "alex")
        #expect(note.mentions[5].fields.due == LocalDate("2026-11-14"))
        #expect(note.mentions[8].isPrivate)
        #expect(!note.mentions[7].isPrivate)
    }

    @Test func frontMatterNextMapWinsOverTheSection() throws {
        let text = sessionNote("date: 2026-11-10\nmentee: A\nnext:\n  date: 2026-11-20\n  time: \"09:00\"",
                               "## Next session\n- When: 2026-11-17 16:00\n- Where: Cafe\n")
        let plan = try #require(NoteReader.read(path: "a.md", text: text).session?.next)
        #expect(plan.date == LocalDate("2026-11-20"))
        #expect(plan.time == LocalTime("09:00"))
        #expect(plan.location == "Cafe")
    }

    @Test func checkboxSplitAcrossInlineNodes() {
        let text = sessionNote("date: 2026-11-10\nmentee: A", "## Notes\n- [x] *Done* thing\n- [ ]`code` item\n")
        let note = NoteReader.read(path: "a.md", text: text)
        #expect(note.mentions.map(\.fields.text) == ["Done thing"])
        #expect(note.mentions.first?.checkbox == .done)
    }

    /// An item is a task only when its bytes start with a box and a space, tab or line end;
    /// its text as an entry or a detail loses the box exactly then, so what is not a box stays
    /// in the text (a no-break space collapses to a space, and used to make it look like one).
    @Test("A box is stripped from an entry's text only where it makes the item a task", arguments: [
        ("- [ ] real box", "real box", true),
        ("- [x]\tafter a tab", "after a tab", true),
        ("- [ ]\u{A0}no-break space after", "[ ] no-break space after", false),
        ("- [\u{A0}] no-break space inside", "[ ] no-break space inside", false),
        ("- \u{A0}[ ] no-break space before", "[ ] no-break space before", false),
        ("- [ ]\u{2003}em space after", "[ ] em space after", false),
        ("- [\t] tab inside", "[ ] tab inside", false),
        ("- [  ] two spaces inside", "[ ] two spaces inside", false),
        ("- &#9;[ ] tab entity before", "[ ] tab entity before", false),
        ("- [X]  two spaces after", "two spaces after", true),
        // A box is what is written, as GFM reads task lists, not what the Markdown renders.
        ("- \\[x] escaped", "[x] escaped", false),
        ("- `[ ]` a code span", "[ ] a code span", false),
        ("- *[-]* emphasised", "[-] emphasised", false),
        ("- &#91;x] an entity", "[x] an entity", false),
        ("-   [/] after three spaces", "after three spaces", true),
        ("-\t[x] a tab after the marker", "a tab after the marker", true),
    ])
    func boxesInEntries(line: String, entry: String, isTask: Bool) {
        let note = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-10\nmentee: A",
                                                                   "## Talking points\n\(line)\n\n## Goals for the coming week\n- Ship\n  \(line)\n"))
        #expect(note.sections(.agenda)[0].entries.map(\.text) == [entry])
        #expect(note.mentions.contains { $0.role == .action } == isTask)
        // Nested under a goal without a box, the item is one of the goal's details.
        let goal = note.mentions.first { $0.role == .goal }
        #expect(goal?.details == (isTask ? [] : [entry]))
    }

    @Test("Setext level-2 headings open sections too")
    func setextHeadings() {
        let text = sessionNote("date: 2026-11-10\nmentee: A", "Title\n=====\n\nGoals\n-----\n- Learn\n")
        let note = NoteReader.read(path: "a.md", text: text)
        #expect(note.title == "Title")
        #expect(note.sections.map(\.kind) == [.goals])
        #expect(note.mentions.map(\.role) == [.goal])
    }

    @Test func crlfNotesKeepLinesAndSections() {
        let text = "---\r\ndate: 2026-11-10\r\nmentee: A\r\n---\r\n## Notes\r\n- [ ] Ship it\r\n"
        let note = NoteReader.read(path: "a.md", bytes: Array(text.utf8))
        #expect(note.session?.date == LocalDate("2026-11-10"))
        #expect(note.mentions.map(\.fields.text) == ["Ship it"])
        #expect(note.mentions.first?.line == 6)
        #expect(note.sections.first?.markdown == "- [ ] Ship it")
    }

    /// A link reference definition named like a box (`[x]: url`) makes `[x]` a link in the
    /// text; the written box still makes the task, as in GFM. And a paragraph that starts
    /// with a definition cmark removes has no box there.
    @Test func boxesAndLinkReferenceDefinitions() {
        let body = "## Talking points\n- [x] shipped it\n- [a]: /u\n  \\[x] escaped after a definition\n- [ ] plain\n\n[x]: https://example.com\n"
        let note = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-10\nmentee: A", body))
        #expect(note.mentions.map(\.fields.text) == ["shipped it", "plain"])
        #expect(note.mentions.map(\.checkbox) == [.done, .open])
        #expect(note.sections(.agenda)[0].entries.map(\.text) == ["shipped it", "[x] escaped after a definition", "plain"])
    }

    /// Boxes are found at their written place on every line ending, in quotes and lists.
    @Test("A written box is found whatever the line ends", arguments: ["\n", "\r\n", "\r"])
    func writtenBoxesWithEveryLineEnd(lineEnd: String) {
        let body = ["## Notes", "- \\[x] escaped", "> - [ ] quoted task", "1. [/] ordered half", "- text", "  - [x] nested done"]
        let text = "---\(lineEnd)date: 2026-11-10\(lineEnd)mentee: A\(lineEnd)---\(lineEnd)" + body.joined(separator: lineEnd) + lineEnd
        let note = NoteReader.read(path: "a.md", bytes: Array(text.utf8))
        #expect(note.mentions.map(\.fields.text) == ["quoted task", "ordered half", "nested done"])
        #expect(note.mentions.map(\.checkbox) == [.open, .inProgress, .done])
        #expect(note.mentions.map(\.line) == [7, 8, 10])
    }

    /// A file whose front matter was written with lone CRs and later lines with LF (edited
    /// in two editors) is still a session: every CR that is not part of a CRLF ends a line.
    @Test func loneCRsMixedWithLineFeeds() {
        let text = "---\rdate: 2026-11-10\rmentee: A\r---\r## Notes\r- [ ] Ship it\n- [ ] Ask Bo\r\n- [ ] Book it\r"
        let note = NoteReader.read(path: "a.md", bytes: Array(text.utf8))
        #expect(note.session?.date == LocalDate("2026-11-10"))
        #expect(note.mentions.map(\.fields.text) == ["Ship it", "Ask Bo", "Book it"])
        #expect(note.mentions.map(\.line) == [6, 7, 8])
        #expect(note.diagnostics.isEmpty)
    }

    @Test("Which files are sessions, profiles or neither", arguments: [
        ("date: 2026-11-10\nmentee: A", Note.Kind.session),
        ("date: 2026-11-10\nseries: a", .session),
        ("type: session\ndate: 2026-11-10\nseries: a", .session),
        ("type: profile\nname: Alex Chen", .profile),
        ("title: Reading list", .other),
        ("date: 2026-11-10", .other),
    ])
    func classification(frontMatter: String, kind: Note.Kind) {
        #expect(NoteReader.read(path: "a.md", text: sessionNote(frontMatter)).kind == kind)
    }

    @Test func fileWithoutFrontMatterIsIgnored() {
        let note = NoteReader.read(path: "README.md", text: "# Hello\n- [ ] not an item\n")
        #expect(note.kind == .other)
        #expect(note.mentions.isEmpty && note.diagnostics.isEmpty)
    }

    /// Spec 8's "one error" holds with warnings about the front matter beside it.
    @Test func aDroppedNoteHasOneErrorBesideItsWarnings() {
        let note = NoteReader.read(path: "bad.md", text: "---\ndate: 2026-02-30\nmentee: A\nlocaton: Cafe\n---\n- [ ] x due:2026-13-01\n")
        #expect(note.diagnostics.filter { $0.severity == .error }.map(\.code) == [.badDate])
        #expect(note.diagnostics.filter { $0.severity == .warning }.map(\.code) == [.unknownKey])
    }

    @Test("Bad front matter gives one located error", arguments: [
        ("---\ndate: [2026\n---\n", DiagnosticCode.badYAML, 2),
        ("---\ndate: 2026-11-10\nmentee: A\n", .unterminatedFrontMatter, 1),
        ("---\n- a\n- b\n---\n", .frontMatterNotMap, 2),
        ("---\njust a scalar\n---\n", .frontMatterNotMap, 2),
        ("---\ndate: 2026-11-10\ndate: 2026-11-11\nmentee: A\n---\n", .badYAML, 3),
        // The second of two keys, with CRLF line ends and inside a nested map, where the
        // search counted a top-level key of the same name (an audit found both).
        ("---\r\ndate: 2026-11-02\r\nmentee: A\r\nmentee: B\r\n---\r\n", .badYAML, 4),
        ("---\ndate: 2026-11-02\nmentee: A\nnext:\n  date: 2026-11-09\n  # moved\n  date: 2026-11-10\n---\n", .badYAML, 7),
        ("---\ndate: 2026-11-02\nnext:\n  date: 2026-11-09\nmentee: A\nmentee: B\n---\n", .badYAML, 6),
        // A tab is reported on its own line, not at the value before it (an audit found it).
        ("---\ndate: 2026-11-05\nmentee: Kim\nlocation: Room 1\n\tlink: x\n---\n", .badYAML, 5),
        ("---\ndate: 2026-11-05\n\tmentee: Kim\n---\n", .badYAML, 3),
        ("---\ntype: session\nmentee: A\n---\n", .missingDate, 1),
        ("---\ndate: 2026-02-30\nmentee: A\n---\n", .badDate, 2),
        ("---\ndate: yes\nmentee: A\n---\n", .badDate, 2),
        ("---\ndate: 99999-01-01\nmentee: A\n---\n", .badDate, 2),
        ("---\ntype: session\ndate: 2026-11-10\n---\n", .missingMentee, 1),
        ("---\ndate: 2026-11-10\nmentee: A\nstatus: maybe\n---\n", .badStatus, 4),
        // A note its header drops is that one error, whatever its body would add (spec 8).
        ("---\ndate: 2026-02-30\nmentee: A\n---\n## Next session\n- When: tomorrow\n- [ ] x due:2026-13-01\n```\nopen\n", .badDate, 2),
        ("---\nmentee: A\n---\n- [ ] y due:2026-13-01\n<!-- never closed\n", .missingDate, 1),
    ])
    func badFrontMatter(text: String, code: DiagnosticCode, line: Int) {
        let note = NoteReader.read(path: "bad.md", text: text)
        #expect(note.diagnostics.map(\.code) == [code])
        #expect(note.diagnostics.first?.line == line)
        #expect(note.diagnostics.first?.severity == .error)
    }

    /// Problems inside a block `next:` map were reported a line early: the map's own mark is
    /// on its first key's line, not on `next:`'s (an audit found it). Flow maps were right.
    @Test("Problems in a next: map are on their own lines", arguments: [
        ("next:\n  date: 2026-11-31\n  time: \"9:5\"", [4, 5]),
        ("next:\n\n  date: 2026-11-31\n  time: \"9:5\"", [5, 6]),
        ("next: {date: 2026-11-31,\n  time: \"9:5\"}", [3, 4]),
    ])
    func nextMapProblemLines(yaml: String, lines: [Int]) {
        let note = NoteReader.read(path: "a.md", text: sessionNote("mentee: A\n" + yaml + "\ndate: 2026-11-10"))
        #expect(note.diagnostics.map(\.code) == [.badDate, .badTime])
        #expect(note.diagnostics.map(\.line) == lines)
    }

    /// A `time:` that contradicts the time in `date:` was dropped without a word (an audit
    /// found it); the same time written twice is fine.
    @Test func aTimeThatContradictsTheDateIsAWarning() throws {
        let both = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-10T16:00\ntime: \"17:00\"\nmentee: A"))
        #expect(both.session?.time == LocalTime("16:00"))
        let warning = try #require(both.diagnostics.first)
        #expect(both.diagnostics.count == 1 && warning.code == .badTime && warning.severity == .warning && warning.line == 3)
        let same = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-10T16:00\ntime: \"16:00\"\nmentee: A"))
        #expect(same.diagnostics.isEmpty)
    }

    /// `Time:` silently won over the time in `When:` while front matter's `date:` wins over
    /// `time:` (a review found the two disagreeing): `When:` wins, with a warning.
    @Test("When: with a time wins over Time:, with a warning", arguments: [true, false])
    func whenWinsOverTime(timeFirst: Bool) throws {
        let lines = timeFirst ? "- Time: 17:00\n- When: 2026-11-09 16:00\n" : "- When: 2026-11-09 16:00\n- Time: 17:00\n"
        let note = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-02\nmentee: A", "## Next session\n" + lines))
        #expect(note.session?.next?.time == LocalTime("16:00"))
        #expect(note.diagnostics.map(\.code) == [.badTime] && note.diagnostics.first?.severity == .warning)
        #expect(note.diagnostics.first?.line == (timeFirst ? 6 : 7))
        // Every Time: line that disagrees is warned about, not only the last.
        let twice = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-02\nmentee: A", "## Next session\n- When: 2026-11-09 16:00\n- Time: 17:00\n- Time: 16:00\n"))
        #expect(twice.diagnostics.map(\.line) == [7] && twice.session?.next?.time == LocalTime("16:00"))
        let timeOnly = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-02\nmentee: A", "## Next session\n- When: 2026-11-09\n- Time: 17:00\n"))
        #expect(timeOnly.session?.next?.time == LocalTime("17:00") && timeOnly.diagnostics.isEmpty)
    }

    /// The follow-up writes the next meeting as `- When: Tuesday 2026-11-17 16:00` or `- When:
    /// to be agreed`; pasted into a note's next-session section both were `bad-date` (an audit
    /// found it). A day of the week is read when it is the date's own; another is a mistake.
    @Test("When: after its day of the week, or to be agreed", arguments: [
        ("- When: Tuesday 2026-11-17 16:00", "2026-11-17", "16:00", [] as [DiagnosticCode]),
        ("- When: Tue, 2026-11-17", "2026-11-17", nil, []),
        ("- When: tuesday 2026-11-17 at 16:00", "2026-11-17", "16:00", []),
        ("- When: Monday 2026-11-17 16:00", nil, nil, [.badDate]),
        ("- When: to be agreed", nil, nil, []),
        ("- When: Someday 2026-11-17", nil, nil, [.badDate]),
    ])
    func whenWithItsWeekday(line: String, date: String?, time: String?, codes: [DiagnosticCode]) {
        let note = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-10\nmentee: A", "## Next session\n" + line + "\n"))
        #expect(note.session?.next?.date == date.flatMap { LocalDate($0) })
        #expect(note.session?.next?.time == time.flatMap { LocalTime($0) })
        #expect(note.diagnostics.map(\.code) == codes)
        if line.contains("Monday") {
            #expect(note.diagnostics.first?.message == "next session date 'Monday 2026-11-17 16:00': 2026-11-17 is a Tuesday, not a Monday; fix the day or the date")
        }
        // Front matter's `next: {date: }` reads the same forms (`DateTimeText.parsePlan`).
        let yaml = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-10\nmentee: A\nnext:\n  date: " + line.dropFirst(8)))
        #expect(yaml.session?.next?.date == date.flatMap { LocalDate($0) })
        #expect(yaml.session?.next?.time == time.flatMap { LocalTime($0) })
    }

    /// What the follow-up writes as the next meeting reads back as that meeting.
    @Test func theFollowUpsNextSessionReadsBack() throws {
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen", "## Next session\n- When: 2026-11-17 16:00\n- Where: Cafe\n")),
        ]).link(asOf: "2026-11-10")
        let text = try Documents(notebook).followUp(session: "s/a.md", workingDirectory: "/notebook", format: .md)
        let when = try #require(text.split(separator: "\n").first { $0.hasPrefix("- When: ") })
        #expect(when.contains("Tuesday"))
        let note = NoteReader.read(path: "b.md", text: sessionNote("date: 2026-11-10\nmentee: A", "## Next session\n" + when + "\n"))
        #expect(note.session?.next?.date == LocalDate("2026-11-17") && note.session?.next?.time == LocalTime("16:00"))
        #expect(note.diagnostics.isEmpty)
    }

    @Test func unknownKeyAndBadFieldDateAreWarnings() {
        let text = sessionNote("date: 2026-11-10\nmentee: A\nlocaton: Cafe", "## Goals\n- Ship due:2026-13-40\n")
        let note = NoteReader.read(path: "a.md", text: text)
        #expect(note.diagnostics.map(\.code) == [.unknownKey, .badFieldDate])
        #expect(note.diagnostics.map(\.line) == [4, 7])
        #expect(note.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test("Durations", arguments: [
        ("45", 45), ("45m", 45), ("1h", 60), ("1h30m", 90), ("1h 30m", 90), ("90 min", 90), ("1.5h", 90),
    ])
    func durations(text: String, minutes: Int) {
        #expect(DurationText.minutes(text) == minutes)
    }

    @Test func timeInTheDateField() {
        let note = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-12T09:30\nmentee: A"))
        #expect(note.session?.time == LocalTime("09:30"))
    }
}
