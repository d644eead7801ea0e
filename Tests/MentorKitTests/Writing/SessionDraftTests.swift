import Foundation
import Testing
@testable import MentorKit

@Suite("Drafting the next session's note")
struct SessionDraftTests {
    static let templates = TemplateSet(overrides: [:])

    static func notebook(_ files: [(String, String)], asOf: String = "2026-12-01") -> Notebook {
        InlineNotebook(files).link(asOf: asOf)
    }

    static let history: [(String, String)] = [
        ("sessions/alex-chen/2026-11-10.md", sessionNote(
            "date: 2026-11-10\ntime: \"16:00\"\nmentee: Alex Chen\nlocation: \"Blue Bottle: 5th Ave\"\nlink: https://meet.example.com/abc\nduration: 45m",
            """
            ## Goals
            - [ ] Ship the *case study* due:2026-11-17 ^ship-case
            - [ ] Learn Figma_variables

            ## Action items
            - [ ] @jade Send the article
            - [x] Book focus mornings
            - [/] Map the stakeholders #crit

            ## Next session
            - When: 2026-11-17 16:00

            ## Private
            - [ ] Check in on burnout
            """)),
    ]

    @Test("A next-session section with a place but no date drafts a week later, no crash")
    func planWithoutADate() throws {
        let files = [("sessions/ann-lee/2026-11-24.md", sessionNote(
            "date: 2026-11-24\ntime: \"10:00\"\nmentee: Ann Lee", "## Next session\n- Where: Cafe\n"))]
        let draft = try SessionDraft.next(in: Self.notebook(files), series: "ann-lee", date: nil, time: nil,
                                          templates: Self.templates)
        #expect(draft.path == "sessions/ann-lee/2026-12-01.md")
        #expect(draft.text.contains("date: 2026-12-01"))
    }

    /// A plan whose date is not known yet still gives the next meeting's place, link and
    /// length: the draft took the last session's (an audit found it).
    @Test func anUndatedPlanStillGivesThePlaceLinkAndLength() throws {
        let files = [("sessions/ann-lee/2026-11-24.md", sessionNote(
            "date: 2026-11-24\ntime: \"10:00\"\nmentee: Ann Lee\nlocation: Old Cafe\nlink: https://meet.example.com/old\nduration: 45m",
            "## Next session\n- When: tbd\n- Where: New Library\n- Link: https://meet.example.com/new\n- Duration: 1h\n"))]
        let draft = try SessionDraft.next(in: Self.notebook(files), series: "ann-lee", date: nil, time: nil,
                                          templates: Self.templates)
        #expect(draft.path == "sessions/ann-lee/2026-12-01.md")
        #expect(draft.text.contains("location: New Library"))
        #expect(draft.text.contains("link: https://meet.example.com/new"))
        #expect(draft.text.contains("duration: 1h"))
        #expect(!draft.text.contains("Old Cafe"))
    }

    /// A holiday cancelled in advance made `new` draft a week after the holiday, skipping
    /// the meeting already agreed (an audit found it); and the draft for that meeting was
    /// refused as before the series' last note.
    @Test func aCancellationWrittenAheadLeavesTheAgreedMeetingToDraft() throws {
        let files = [
            ("sessions/ann-lee/2026-11-24.md", sessionNote(
                "date: 2026-11-24\ntime: \"10:00\"\nmentee: Ann Lee", "## Next session\n- When: 2026-12-08 10:00\n")),
            ("sessions/ann-lee/2026-12-22.md", sessionNote("date: 2026-12-22\nmentee: Ann Lee\nstatus: cancelled")),
        ]
        let draft = try SessionDraft.next(in: Self.notebook(files), series: "ann-lee", date: nil, time: nil,
                                          templates: Self.templates)
        #expect(draft.path == "sessions/ann-lee/2026-12-08.md")
        #expect(draft.text.contains("time: \"10:00\""))
        let reread = Self.notebook(files + [(draft.path, draft.text)])
        #expect(reread.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(reread.upcoming.map(\.file) == [draft.path])
    }

    /// A second meeting on the day of a held one, at another time, was refused as that
    /// note's path (an audit found it): it gets `-2`, names the first as previous, and reads
    /// back after it. The same time is still a conflict.
    @Test func aSecondMeetingTheSameDayGetsItsOwnFile() throws {
        let files = Self.history
        let draft = try SessionDraft.next(in: Self.notebook(files, asOf: "2026-11-10"), series: "alex-chen",
                                          date: LocalDate("2026-11-10"), time: LocalTime("18:00"), templates: Self.templates)
        #expect(draft.path == "sessions/alex-chen/2026-11-10-2.md")
        #expect(draft.text.contains("previous: \"2026-11-10.md\""))
        let reread = Self.notebook(files + [(draft.path, draft.text)], asOf: "2026-11-10")
        #expect(reread.series("alex-chen")?.sessions.map(\.file) == ["sessions/alex-chen/2026-11-10.md", draft.path])
        #expect(reread.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(throws: WriteError.self) {
            try SessionDraft.next(in: Self.notebook(files, asOf: "2026-11-10"), series: "alex-chen",
                                  date: LocalDate("2026-11-10"), time: LocalTime("16:00"), templates: Self.templates)
        }
    }

    /// A cancellation written ahead on the planned meeting's own day, or after a plan with no
    /// date, or alone, is the series' last note as before: the draft is a week after it. The
    /// first version passed over them and drafted on the cancelled day, then refused it (a
    /// review found it).
    @Test("new after cancellations ahead that pass nothing over", arguments: [
        ("When: 2026-12-08 10:00", "2026-12-08", "2026-12-15"),
        ("When: tbd", "2026-12-01", "2026-12-08"),
        ("", "2026-12-08", "2026-12-15"),
    ])
    func newAfterACancellationAheadThatIsTheLastNote(plan: String, cancelled: String, expected: String) throws {
        var files = [("sessions/ann-lee/\(cancelled).md", sessionNote("date: \(cancelled)\nmentee: Ann Lee\nstatus: cancelled"))]
        if !plan.isEmpty {
            files.append(("sessions/ann-lee/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee", "## Next session\n- \(plan)\n")))
        }
        let draft = try SessionDraft.next(in: Self.notebook(files, asOf: "2026-11-30"), series: "ann-lee", date: nil, time: nil,
                                          templates: Self.templates)
        #expect(draft.path == "sessions/ann-lee/\(expected).md")
    }

    /// A note marked held but dated after the as-of date counts as planned for now, and
    /// `new --force` replaced it and its minutes (a review found it): what it says it is, a
    /// record of a meeting, is kept.
    @Test func aNoteMarkedHeldInTheFutureIsNeverReplaced() throws {
        let files = [
            ("sessions/ann-lee/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee", "## Next session\n- When: 2026-12-08 10:00\n")),
            ("sessions/ann-lee/2026-12-08.md", sessionNote("date: 2026-12-08\nmentee: Ann Lee\nstatus: held", "## Minutes\nWe met.\n")),
        ]
        let notebook = Self.notebook(files)
        #expect(notebook.series("ann-lee")?.sessions.last?.status == .planned)
        #expect(throws: WriteError.self) {
            try SessionDraft.next(in: notebook, series: "ann-lee", date: nil, time: nil, templates: Self.templates)
        }
        #expect(notebook.note(at: "sessions/ann-lee/2026-12-08.md") == .session(series: "ann-lee", status: .held))
    }

    /// After a held note whose plan has no date yet, a holiday cancelled ahead neither holds
    /// back `--date` before it nor the undated plan's place; the draft a week after the held
    /// note steps past the holiday's day (a second review found both lost).
    @Test func aCancellationAheadAfterAnUndatedPlan() throws {
        let files = [
            ("sessions/ann-lee/2026-11-24.md", sessionNote(
                "date: 2026-11-24\ntime: \"10:00\"\nmentee: Ann Lee\nlocation: Old Cafe", "## Next session\n- When: tbd\n- Where: New Library\n")),
            ("sessions/ann-lee/2026-12-08.md", sessionNote("date: 2026-12-08\nmentee: Ann Lee\nstatus: cancelled")),
            ("sessions/ann-lee/2026-12-22.md", sessionNote("date: 2026-12-22\nmentee: Ann Lee\nstatus: cancelled")),
        ]
        let notebook = Self.notebook(files, asOf: "2026-11-25")
        let byDefault = try SessionDraft.next(in: notebook, series: "ann-lee", date: nil, time: nil, templates: Self.templates)
        #expect(byDefault.path == "sessions/ann-lee/2026-12-01.md")
        #expect(byDefault.text.contains("location: New Library"))
        let holiday = try SessionDraft.next(in: Self.notebook(files.filter { !$0.0.hasSuffix("12-22.md") } + [
            ("sessions/ann-lee/2026-12-01.md", sessionNote("date: 2026-12-01\nmentee: Ann Lee\nstatus: cancelled")),
        ], asOf: "2026-11-25"), series: "ann-lee", date: nil, time: nil, templates: Self.templates)
        #expect(holiday.path == "sessions/ann-lee/2026-12-15.md")
        let given = try SessionDraft.next(in: notebook, series: "ann-lee", date: LocalDate("2026-12-15"), time: nil,
                                          templates: Self.templates)
        #expect(given.path == "sessions/ann-lee/2026-12-15.md")
    }

    /// Second meetings of a day: `-2`, then `-3`, the next week's note without a suffix; never
    /// a name a file of the user's has, never a note marked held though dated ahead replaced,
    /// and never earlier than the day's first meeting, whose calendar UID it would take (a
    /// second review found each).
    @Test func secondMeetingsOfADay() throws {
        var files = Self.history
        func draft(_ date: String, _ time: String?, asOf: String = "2026-11-10") throws -> NoteDraft {
            let draft = try SessionDraft.next(in: Self.notebook(files, asOf: asOf), series: "alex-chen", date: LocalDate(date),
                                              time: time.flatMap { LocalTime($0) }, templates: Self.templates)
            files.append((draft.path, draft.text))
            return draft
        }
        #expect(try draft("2026-11-10", "18:00").path == "sessions/alex-chen/2026-11-10-2.md")
        #expect(try draft("2026-11-10", "20:00").path == "sessions/alex-chen/2026-11-10-3.md")
        #expect(try draft("2026-11-17", nil, asOf: "2026-11-11").path == "sessions/alex-chen/2026-11-17.md")
        #expect(throws: WriteError.self) { try draft("2026-11-10", "09:00") }
        let ahead = [("s/x/2026-11-10.md", sessionNote("date: 2026-11-10\ntime: \"16:00\"\nmentee: Xu Li\nstatus: held"))]
        let aheadDraft = try SessionDraft.next(in: Self.notebook(ahead, asOf: "2026-11-05"), series: "xu-li", date: LocalDate("2026-11-10"),
                                               time: LocalTime("18:00"), templates: Self.templates)
        #expect(aheadDraft.path == "s/x/2026-11-10-2.md")
    }

    /// The file name follows the notes kept, not a cancellation ahead left out; `.MD` stays
    /// `.MD` after its `-2`; and an earlier meeting is refused on a day whose note is named
    /// otherwise (a third review found each).
    @Test func namesAfterCancellationsAheadAndOddEndings() throws {
        let patterned = [
            ("notes/alex/2026-11-03-alex.md", sessionNote("date: 2026-11-03\nmentee: Alex Chen", "## Next session\n- When: 2026-11-10\n")),
            ("notes/alex/xmas-off.md", sessionNote("date: 2026-12-22\nmentee: Alex Chen\nstatus: cancelled")),
        ]
        let draft = try SessionDraft.next(in: Self.notebook(patterned, asOf: "2026-11-05"), series: "alex-chen", date: nil, time: nil,
                                          templates: Self.templates)
        #expect(draft.path == "notes/alex/2026-11-10-alex.md")
        let upper = [("s/2026-11-03.MD", sessionNote("date: 2026-11-03\ntime: \"10:00\"\nmentee: Alex Chen"))]
        let second = try SessionDraft.next(in: Self.notebook(upper, asOf: "2026-11-03"), series: "alex-chen", date: LocalDate("2026-11-03"),
                                           time: LocalTime("15:00"), templates: Self.templates)
        #expect(second.path == "s/2026-11-03-2.MD")
        let named = [("s/kickoff.md", sessionNote("date: 2026-11-10\ntime: \"10:00\"\nmentee: Alex Chen"))]
        let earlier = #expect(throws: WriteError.self) {
            try SessionDraft.next(in: Self.notebook(named, asOf: "2026-11-10"), series: "alex-chen", date: LocalDate("2026-11-10"),
                                  time: LocalTime("09:00"), templates: Self.templates)
        }
        #expect(earlier?.description.contains("at 10:00: s/kickoff.md, held") == true)
        // The planned meeting cancelled ahead is the last note for the date, not for the name.
        let cancelledPlan = [
            ("notes/ann/2026-12-15.md", sessionNote("date: 2026-12-15\nmentee: Alex Chen", "## Next session\n- When: 2026-12-22 10:00\n")),
            ("notes/ann/xmas-off.md", sessionNote("date: 2026-12-22\nmentee: Alex Chen\nstatus: cancelled")),
        ]
        let afterHoliday = try SessionDraft.next(in: Self.notebook(cancelledPlan, asOf: "2026-12-16"), series: "alex-chen", date: nil,
                                                 time: nil, templates: Self.templates)
        #expect(afterHoliday.path == "notes/ann/2026-12-29.md")
    }

    /// The draft's proposed next meeting steps past a day already cancelled ahead: it
    /// proposed the holiday, and the follow-up then sent the mentee to it (a workflow test
    /// found it).
    @Test func theProposedNextMeetingStepsPastACancelledDay() throws {
        let files = [
            ("sessions/ann-lee/2026-11-03.md", sessionNote("date: 2026-11-03\ntime: \"16:00\"\nmentee: Ann Lee", "## Next session\n- When: 2026-11-10 16:00\n")),
            ("sessions/ann-lee/2026-11-17.md", sessionNote("date: 2026-11-17\ntime: \"16:00\"\nmentee: Ann Lee\nstatus: cancelled")),
        ]
        let draft = try SessionDraft.next(in: Self.notebook(files, asOf: "2026-11-04"), series: "ann-lee", date: nil, time: nil,
                                          templates: Self.templates)
        #expect(draft.path == "sessions/ann-lee/2026-11-10.md")
        #expect(draft.text.contains("- When: 2026-11-24 16:00"))
    }

    @Test func frontMatterAndReviewComeFromTheLastSession() throws {
        let draft = try SessionDraft.next(in: Self.notebook(Self.history), series: "alex-chen", date: nil, time: nil,
                                          templates: Self.templates)
        #expect(draft.path == "sessions/alex-chen/2026-11-17.md")
        #expect(draft.text.hasPrefix("---\ndate: 2026-11-17\ntime: \"16:00\"\nmentee: Alex Chen\nmentor: Jade Green\nseries: alex-chen\n"))
        #expect(draft.text.contains("previous: \"2026-11-10.md\"\n"))
        #expect(draft.text.contains("location: \"Blue Bottle: 5th Ave\"\n"))
        #expect(draft.text.contains("link: https://meet.example.com/abc\n"))
        #expect(draft.text.contains("duration: 45m\n"))
        #expect(draft.text.contains("""
        ## Review
        - [ ] @alex Ship the case study due:2026-11-17 ^ship-case
        - [ ] @alex Learn Figma\\_variables
        - [ ] @jade Send the article
        - [/] @alex Map the stakeholders #crit
        """))
        #expect(draft.text.contains("## Private\n- [ ] @alex Check in on burnout\n"))
        #expect(!draft.text.contains("Book focus mornings"))
    }

    @Test("The draft re-reads without problems and leaves every item as it was", arguments: ["2026-11-17", "2026-12-01", "2026-11-12"])
    func roundTrip(asOf: String) throws {
        let before = Self.notebook(Self.history, asOf: asOf)
        let draft = try SessionDraft.next(in: before, series: "alex-chen", date: nil, time: nil, templates: Self.templates)
        let after = Self.notebook(Self.history + [(draft.path, draft.text)], asOf: asOf)
        #expect(after.diagnostics.isEmpty, "\(after.diagnostics.map(\.formatted))")
        let summary = { (notebook: Notebook) in
            notebook.series[0].items.map { "\($0.id)|\($0.status)|\($0.owner ?? "-")|\($0.due?.description ?? "-")|\($0.isPrivate)" }
        }
        #expect(summary(after) == summary(before))
    }

    /// Code spans in items came back in the draft as plain words, which the next note read
    /// as fields: a new item, due, and the old one open for good (a review found it).
    @Test func codeSpansSurviveTheDraft() throws {
        let history = [("sessions/alex-chen/2026-11-10.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen", """
            ## Action items
            - [ ] Replace `due:2026-11-01` strings
            - [ ] Annotate with `@MainActor` everywhere ^ma
            - [ ] Try `#available` checks #swift
            - [ ] Read the `[due:: x]` docs
            - [ ] Keep `^x` and `done:` and `a*b*c`

            ## Next session
            - When: 2026-11-17
            """))]
        let before = Self.notebook(history)
        let draft = try SessionDraft.next(in: before, series: "alex-chen", date: nil, time: nil, templates: Self.templates)
        let after = Self.notebook(history + [(draft.path, draft.text)])
        let summary = { (notebook: Notebook) in
            notebook.series[0].items.map { "\($0.id)|\($0.text)|\($0.status)|\($0.owner ?? "-")|\($0.due?.description ?? "-")|\($0.tags)" }
        }
        #expect(summary(after) == summary(before))
        #expect(before.series[0].items.count == 5)
        #expect(!after.diagnostics.contains { $0.code == .unmatchedUpdate || $0.code == .badFieldDate })
    }

    /// A due date with a slip (`due:2026-02-31`) is ignored with a warning; the draft
    /// dropped it, so the mentor's attempt was lost. It comes back as written, warned again.
    @Test func aDueDateThatCannotBeReadComesBackInTheDraft() throws {
        let history = [("s/a/2026-11-10.md", sessionNote("date: 2026-11-10\nmentee: Ann Lee", """
            ## Action items
            - [ ] Send the deck due:2026-02-31
            - [ ] Plan the offsite [due:: next week]
            - [ ] Book the room due:2026-11-20
            - [ ] Move the review due:2026-11-20
            - [ ] Fix the date due:2026-11-20

            ## Next session
            - When: 2026-11-17
            """)),
            ("s/a/2026-11-17.md", sessionNote("date: 2026-11-17\nmentee: Ann Lee", """
            ## Review
            - [ ] Book the room due:2026-13-01
            - [ ] Move the review due:2026-11-27
            - [ ] Fix the date due:2026-13-06 due:2026-11-28

            ## Next session
            - When: 2026-11-24
            """))]
        let before = Self.notebook(history)
        #expect(before.series[0].items.map(\.unreadableDues) == [["2026-02-31"], ["next week"], ["2026-13-01"], [], []])
        // Spec 3.3 and 3.4: a malformed date in a field is ignored, so a later slip leaves the due date
        // as it was, and a later date that reads replaces it.
        #expect(before.series[0].items.map { $0.due?.description } == [nil, nil, "2026-11-20", "2026-11-27", "2026-11-28"])
        let draft = try SessionDraft.next(in: before, series: "ann-lee", date: nil, time: nil, templates: Self.templates)
        #expect(draft.text.contains("- [ ] @ann Send the deck due:2026-02-31\n"))
        #expect(draft.text.contains("- [ ] @ann Plan the offsite [due:: next week]\n"))
        #expect(draft.text.contains("- [ ] @ann Book the room due:2026-11-20 due:2026-13-01\n"))
        #expect(draft.text.contains("- [ ] @ann Move the review due:2026-11-27\n"))
        // A new date beside a slip is its correction: the slip goes.
        #expect(draft.text.contains("- [ ] @ann Fix the date due:2026-11-28\n"))
        let after = Self.notebook(history + [(draft.path, draft.text)])
        let summary = { (notebook: Notebook) in
            notebook.series[0].items.map { "\($0.id)|\($0.due?.description ?? "-")|\($0.unreadableDues)" }
        }
        #expect(summary(after) == summary(before))
        #expect(after.diagnostics.filter { $0.file == draft.path && $0.code == .badFieldDate }.count == 3)
        #expect(!after.diagnostics.contains { $0.code == .unmatchedUpdate })
    }

    /// The value is the text a note's Markdown gave; written back raw, `\\*2026-11-20\\*`
    /// became a date that reads, and `` \\`soon\\` `` a code span and a second item (a review
    /// found them). Each comes back as the same unreadable date, whatever the note wrote.
    @Test("An unreadable due date reads back the same, whatever Markdown wrote it", arguments: [
        #"due:\*2026-11-20\*"#, #"due:\_2026-11-20\_"#, #"due:2026\\-11-20"#, "due:2026&amp;#45;11-20",
        "due:2026-11-20&lt;b&gt;", #"due:\`soon\`"#, "due:&lt;tbd&gt;", "[due:: end of Q1!]", "📅 2026-02-31,",
        "due:2026-02-30 [due:: next week]", #"[due:: a \[b\] c]"#,
    ])
    func unreadableDueRoundTrip(field: String) throws {
        let history = [("s/a/2026-11-10.md", sessionNote("date: 2026-11-10\nmentee: Ann Lee",
            "## Action items\n- [ ] Ship it \(field) ^ship\n\n## Notes (private)\n- [ ] Secret \(field)\n\n## Next session\n- When: 2026-11-17\n"))]
        let before = Self.notebook(history)
        #expect(before.series[0].items.allSatisfy { $0.due == nil && !$0.unreadableDues.isEmpty })
        let draft = try SessionDraft.next(in: before, series: "ann-lee", date: nil, time: nil, templates: Self.templates)
        let after = Self.notebook(history + [(draft.path, draft.text)])
        let summary = { (notebook: Notebook) in
            notebook.series[0].items.map { "\($0.id)|\($0.text)|\($0.status)|\($0.due?.description ?? "-")|\($0.unreadableDues)" }
        }
        #expect(summary(after) == summary(before))
        #expect(after.series[0].items.count == 2)
        let warnings = after.diagnostics.filter { $0.file == draft.path && $0.code == .badFieldDate }.count
        #expect(warnings == before.series[0].items.reduce(0) { $0 + $1.unreadableDues.count })
        // A second draft, from the first, writes the same review lines.
        let second = try SessionDraft.next(in: after, series: "ann-lee", date: nil, time: nil, templates: Self.templates)
        let reviewLines = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("- [ ]") } }
        #expect(reviewLines(second.text) == reviewLines(draft.text))
    }

    /// A first name that does not read back as an owner (`@d'arcy` is a possessive) made
    /// the draft's review line a second item (a review found it): it is written by role.
    @Test func anOwnerThatDoesNotReadBackIsWrittenByRole() throws {
        let history = [("s/a/2026-11-03.md", sessionNote("date: 2026-11-03\nmentee: D'Arcy Jones", "## Action items\n- [ ] Do the thing\n\n## Next session\n- When: 2026-11-10\n"))]
        let before = Self.notebook(history)
        #expect(before.series[0].items.first?.owner == "d'arcy")
        let draft = try SessionDraft.next(in: before, series: "darcy-jones", date: nil, time: nil, templates: Self.templates)
        #expect(draft.text.contains("- [ ] @mentee Do the thing"))
        let after = Self.notebook(history + [(draft.path, draft.text)])
        #expect(after.series[0].items.map(\.text) == ["Do the thing"])
        #expect(after.series[0].items.first?.owner == "d'arcy")
    }

    /// Mentee and mentor of one first name: `@alex` read back as the mentee, so a mentor's
    /// item became the mentee's (a review found it). Such an owner is written by role.
    @Test func aSharedFirstNameIsWrittenByRole() throws {
        let history = [("s/a/2026-11-03.md", sessionNote("date: 2026-11-03\nmentee: Alex Chen\nmentor: Alex Green",
                                                         "## Action items\n- [ ] @mentor Send the ladder due:2026-11-06\n- [ ] Read it\n\n## Next session\n- When: 2026-11-10\n"))]
        let before = Self.notebook(history)
        let draft = try SessionDraft.next(in: before, series: "alex-chen", date: nil, time: nil, templates: Self.templates)
        #expect(draft.text.contains("- [ ] @mentor Send the ladder due:2026-11-06"))
        #expect(draft.text.contains("- [ ] @mentee Read it"))
        let after = Self.notebook(history + [(draft.path, draft.text)])
        #expect(after.series[0].items.map(\.ownerRole) == [.mentor, .mentee])
    }

    @Test func withoutAPlanTheNextIsAWeekLaterAtTheSameTime() throws {
        let files = [("s/alex/2026-11-10.md", sessionNote("date: 2026-11-10\ntime: \"09:30\"\nmentee: Alex Chen"))]
        let draft = try SessionDraft.next(in: Self.notebook(files), series: "alex-chen", date: nil, time: nil,
                                          templates: Self.templates)
        #expect(draft.path == "s/alex/2026-11-17.md")
        #expect(draft.text.contains("date: 2026-11-17\ntime: \"09:30\"\n"))
        #expect(draft.text.contains("Nothing open from last time."))
    }

    /// The meeting a week after the last one was cancelled, and its note says `When: tbd`:
    /// the draft went to the cancelled note's day (`new` then refused, the file existing),
    /// and `tbd` was a bad-date error. Now the draft is a week after the cancelled note, and
    /// a date not known yet is no date, without a word.
    @Test("After a cancelled meeting with no new date, the draft is a week after it", arguments: [
        "## Next session\n- When: tbd\n", "## Next session\n- When: TBD.\n", "## Next session\n- Date: not yet\n", "",
        "## Next session\n- When: (tbd)\n", "## Next session\n- When: *to be decided*\n",
        "## Next session\n- When: TBD?\n", "## Next session\n- When: tbd - we'll see\n", "## Next session\n- When:\n",
    ])
    func afterACancelledMeeting(cancelledBody: String) throws {
        let files = [
            ("s/noor/2027-02-04.md", sessionNote("date: 2027-02-04\ntime: \"10:00\"\nmentee: Noor Haddad", "## Next session\n- When: 2027-02-11 10:00\n")),
            ("s/noor/2027-02-11.md", sessionNote("date: 2027-02-11\ntime: \"10:00\"\nmentee: Noor Haddad\nstatus: cancelled", cancelledBody)),
        ]
        let notebook = Self.notebook(files, asOf: "2027-02-12")
        #expect(notebook.diagnostics.isEmpty)
        let draft = try SessionDraft.next(in: notebook, series: "noor-haddad", date: nil, time: nil, templates: Self.templates)
        #expect(draft.path == "s/noor/2027-02-18.md")
        #expect(draft.text.contains("date: 2027-02-18\ntime: \"10:00\"\n"))
        #expect(draft.text.contains("previous: \"2027-02-04.md\""))
    }

    @Test("A date not known yet in a front matter plan is no error", arguments: ["tbd", "\"?\"", "TBC"])
    func frontMatterPlanNotYetKnown(value: String) {
        let notebook = Self.notebook([("s/a.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee\nnext:\n  date: \(value)\n  location: Cafe"))])
        #expect(!notebook.diagnostics.contains { $0.code == .badDate })
        #expect(notebook.series("ann-lee")?.sessions.first?.header.next?.location == "Cafe")
    }

    @Test func theSeriesFileNamePatternIsKept() throws {
        let files = [("notes/2026-11-10-alex.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen"))]
        let draft = try SessionDraft.next(in: Self.notebook(files), series: "alex-chen",
                                          date: LocalDate("2026-11-20"), time: LocalTime("08:00"), templates: Self.templates)
        #expect(draft.path == "notes/2026-11-20-alex.md")
        #expect(draft.text.contains("date: 2026-11-20\ntime: \"08:00\"\n"))
    }

    @Test("Hostile series ids are refused", arguments: ["../x", "/etc/passwd", "", "a/b", "Alex Chen", "..", "x\u{0}y"])
    func hostileSeries(id: String) {
        #expect(throws: WriteError.self) {
            try SessionDraft.next(in: Self.notebook(Self.history), series: id, date: nil, time: nil, templates: Self.templates)
        }
    }

    @Test func firstSessionWithAProfile() throws {
        let drafts = try SessionDraft.first(in: Self.notebook([]), name: "Zoë O'Brien", date: LocalDate("2026-12-09"),
                                            time: LocalTime("10:00"), templates: Self.templates)
        #expect(drafts.map(\.path) == ["people/zoe-obrien.md", "sessions/zoe-obrien/2026-12-09.md"])
        let after = Self.notebook(drafts.map { ($0.path, $0.text) })
        #expect(after.diagnostics.isEmpty, "\(after.diagnostics.map(\.formatted))")
        #expect(after.series.first?.profile?.file == "people/zoe-obrien.md")
        #expect(after.series.first?.mentee == "Zoë O'Brien")
        #expect(after.upcoming.first?.file == "sessions/zoe-obrien/2026-12-09.md")
    }

    @Test func firstSessionKeepsAnExistingProfileAndRefusesAnExistingSeries() throws {
        let profile = ("people/sam.md", "---\ntype: profile\nname: Sam Lee\n---\n")
        let drafts = try SessionDraft.first(in: Self.notebook([profile]), name: "Sam Lee", date: nil, time: nil,
                                            templates: Self.templates)
        #expect(drafts.map(\.path) == ["sessions/sam-lee/2026-12-08.md"])
        #expect(drafts[0].text.contains("write it down in people/sam.md"))
        #expect(throws: WriteError.self) {
            try SessionDraft.first(in: Self.notebook(Self.history), name: "Alex Chen", date: nil, time: nil,
                                   templates: Self.templates)
        }
    }

    @Test("YAML scalars that need quotes get them", arguments: [
        ("Alex Chen", "Alex Chen"), ("yes", "\"yes\""), ("Blue: Bottle", "\"Blue: Bottle\""),
        ("#1 fan", "\"#1 fan\""), ("2026-11-10.md", "\"2026-11-10.md\""), ("O'Brien", "O'Brien"),
        ("say \"hi\"", "say \"hi\""), ("- dash", "\"- dash\""), ("[[2026-11-03]]", "\"[[2026-11-03]]\""),
    ])
    func yamlQuoting(value: String, written: String) throws {
        #expect(YAMLText.scalar(value) == written)
        let note = NoteReader.read(path: "a.md", text: "---\ndate: 2026-11-10\nmentee: \(YAMLText.scalar(value))\n---\n")
        #expect(note.session?.mentee == value)
    }

    @Test func writerStaysInsideTheNotebook() throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        defer { folder.remove(); outside.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sessions", withDestinationPath: outside.path)
        #expect(throws: WriteError.self) {
            try NotebookWriter.write(NoteDraft(path: "sessions/x/a.md", text: "x"), root: folder.path, force: false)
        }
        #expect(throws: WriteError.self) {
            try NotebookWriter.write(NoteDraft(path: "../a.md", text: "x"), root: folder.path, force: true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        try NotebookWriter.write(NoteDraft(path: "notes/a.md", text: "one"), root: folder.path, force: false)
        #expect(throws: WriteError.self) {
            try NotebookWriter.write(NoteDraft(path: "notes/a.md", text: "two"), root: folder.path, force: false)
        }
        #expect(try String(contentsOfFile: folder.path + "/notes/a.md", encoding: .utf8) == "one")
    }

    @Test func statusRowsAndColumns() {
        let table = StatusTable(Self.notebook(Self.history))
        #expect(table.rows.count == 1)
        let row = table.rows[0]
        #expect(row.lastSession == LocalDate("2026-11-10") && row.daysSinceLastSession == 21)
        #expect(row.open == 5 - 1 && row.overdue == 1 && row.carried == 0 && !row.stalled)
        let text = table.text(colour: false)
        #expect(text.hasPrefix("SERIES     MENTEE     LAST              NEXT                     OPEN  OVERDUE  CARRIED  STALLED\n"))
        #expect(text.contains("2026-11-17 16:00 (past)"))
        #expect(!text.contains("\u{1B}["))
        #expect(table.text(colour: true).contains("\u{1B}[31m"))
    }
}

@Suite("Workflow corner cases found in a terminal session")
struct WorkflowCornerCaseTests {
    @Test func aCancelledSessionAndItsReplacementMayBothFollowTheLastMeeting() {
        let notebook = InlineNotebook([
            ("s/2026-11-16.md", sessionNote("date: 2026-11-16\nmentee: Tomás Ortega", "## Next session\n- When: 2026-11-23\n")),
            ("s/2026-11-23.md", sessionNote("date: 2026-11-23\nmentee: Tomás Ortega\nstatus: cancelled\nprevious: 2026-11-16.md")),
            ("s/2026-11-30.md", sessionNote("date: 2026-11-30\nmentee: Tomás Ortega\nprevious: 2026-11-16.md",
                                            "## Next session\n- When: 2026-12-07\n")),
            ("s/2026-12-07.md", sessionNote("date: 2026-12-07\nmentee: Tomás Ortega\nprevious: 2026-11-30.md")),
            ("s/2026-12-14.md", sessionNote("date: 2026-12-14\nmentee: Tomás Ortega\nprevious: 2026-11-30.md")),
        ]).link()
        #expect(notebook.diagnostics.filter { $0.severity == .error }.isEmpty, "\(notebook.diagnostics.map(\.formatted))")
        #expect(notebook.series[0].sessions.map(\.date.description) == ["2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14"])
        let forked = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-11-16\nmentee: Tomás Ortega")),
            ("s/b.md", sessionNote("date: 2026-11-23\nmentee: Tomás Ortega\nprevious: a.md")),
            ("s/c.md", sessionNote("date: 2026-11-30\nmentee: Tomás Ortega\nprevious: a.md")),
        ]).link()
        #expect(forked.diagnostics(.previousShared).map(\.file) == ["s/c.md"])
    }

    @Test("An owner written without accents is still the mentee", arguments: ["@tomas", "@Tomás", "@tomas-ortega", "@mentee"])
    func accents(owner: String) throws {
        let notebook = InlineNotebook([("s/a.md", sessionNote("date: 2026-11-16\nmentee: Tomás Ortega",
                                                              "## Action items\n- [ ] \(owner) Set up a portfolio repo\n"))]).link()
        let item = try #require(notebook.series[0].items.first)
        #expect(item.ownerRole == .mentee)
    }

    @Test func namesWithoutLatinLettersNeedASeriesId() throws {
        let empty = InlineNotebook([]).link()
        let templates = TemplateSet(overrides: [:])
        do {
            _ = try SessionDraft.first(in: empty, name: "東京 太郎", date: nil, time: nil, templates: templates)
            Issue.record("a name without a series id was accepted")
        } catch {
            #expect(error.description.contains("--series"))
        }
        let drafts = try SessionDraft.first(in: empty, name: "東京 太郎", series: "taro-tokyo", date: LocalDate("2026-12-08"),
                                            time: nil, templates: templates)
        let after = InlineNotebook(drafts.map { ($0.path, $0.text) }).link()
        #expect(after.series.map(\.id) == ["taro-tokyo"] && after.series[0].mentee == "東京 太郎")
        #expect(after.diagnostics.isEmpty)
        #expect(throws: WriteError.self) {
            try SessionDraft.first(in: empty, name: "Esc\u{1B}[2J Guy", date: nil, time: nil, templates: templates)
        }
    }

    @Test func theFirstSessionChecklistIsPrivate() throws {
        let empty = InlineNotebook([]).link()
        let drafts = try SessionDraft.first(in: empty, name: "Ana Ruiz", date: LocalDate("2026-11-24"), time: nil,
                                            templates: TemplateSet(overrides: [:]))
        let held = InlineNotebook(drafts.map { ($0.path, $0.text) }).link()
        #expect(held.series[0].items.count == 3 && held.series[0].items.allSatisfy(\.isPrivate))
        let followUp = try Documents(held).followUp(session: "ana-ruiz", workingDirectory: "/", format: .md)
        #expect(!followUp.contains("Research the mentee"))
        // The next note lists the open private items under one `## Private` heading (an audit
        // found one heading per item, each with every item).
        let next = try SessionDraft.next(in: held, series: "ana-ruiz", date: nil, time: nil, templates: TemplateSet(overrides: [:]))
        #expect(next.text.components(separatedBy: "## Private\n").count == 2)
        #expect(next.text.components(separatedBy: "- [ ] ").count - 1 == 3)
    }

    @Test func newRefusesADateBeforeTheLastNote() {
        let notebook = InlineNotebook([("s/2026-12-01.md", sessionNote("date: 2026-12-01\nmentee: Priya Nair"))]).link()
        #expect(throws: WriteError.self) {
            try SessionDraft.next(in: notebook, series: "priya-nair", date: LocalDate("2026-11-20"), time: nil,
                                  templates: TemplateSet(overrides: [:]))
        }
    }

    /// `new --date` of the last note's own day, with `--force`, replaced the held note it was
    /// drafted from with a draft naming itself as previous (an audit found it). A held or
    /// cancelled session's note is never replaced; a planned note's draft still may be.
    @Test("new never replaces a held or cancelled session's note", arguments: ["held", "cancelled"])
    func newNeverReplacesARecordedSession(status: String) throws {
        let notebook = InlineNotebook([("s/2026-11-04.md", sessionNote("date: 2026-11-04\nmentee: Sam Okafor\nstatus: \(status)"))]).link()
        do throws(WriteError) {
            _ = try SessionDraft.next(in: notebook, series: "sam-okafor", date: LocalDate("2026-11-04"), time: nil,
                                      templates: TemplateSet(overrides: [:]))
            Issue.record("a draft was made over s/2026-11-04.md")
        } catch {
            #expect(error.description.contains("s/2026-11-04.md is the note of a \(status) session; mentor new never replaces it"))
        }
        let planned = InlineNotebook([("s/2026-11-04.md", sessionNote("date: 2026-11-04\nmentee: Sam Okafor")),
                                      ("s/2026-12-08.md", sessionNote("date: 2026-12-08\nmentee: Sam Okafor\nstatus: planned"))]).link()
        let draft = try SessionDraft.next(in: planned, series: "sam-okafor", date: LocalDate("2026-12-08"), time: nil,
                                          templates: TemplateSet(overrides: [:]))
        #expect(draft.path == "s/2026-12-08.md")
    }

    /// The guard looked at the drafted series' notes only: a note that could not be read, or
    /// another series' note at the path, was still replaced with --force (a review found it).
    @Test("new never replaces another series' note or a broken one", arguments: [
        ("---\ndate: 2026-11-10\nmentee: Alex Chen\ntags: [a, b\n---\n", "a note mentor cannot read"),
        ("---\ndate: 2026-11-10\nmentee: Alex\n---\n", "the note of series alex's held session"),
        ("---\ntype: profile\nname: Alex Chen\n---\n", "a profile note"),
    ])
    func newNeverReplacesOtherNotes(text: String, what: String) {
        let notebook = InlineNotebook([
            ("s/alex-chen/2026-11-03.md", sessionNote("date: 2026-11-03\nmentee: Alex Chen")),
            ("s/alex-chen/2026-11-10.md", text),
        ]).link()
        do throws(WriteError) {
            _ = try SessionDraft.next(in: notebook, series: "alex-chen", date: LocalDate("2026-11-10"), time: nil,
                                      templates: TemplateSet(overrides: [:]))
            Issue.record("a draft was made over s/alex-chen/2026-11-10.md")
        } catch {
            #expect(error.description.hasPrefix("s/alex-chen/2026-11-10.md is \(what)"))
            #expect(error.description.contains("never replaces it"))
        }
    }

    @Test func statusColumnsAlignForWideNames() {
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-11-10\nmentee: 東京 太郎\nseries: taro")),
            ("s/b.md", sessionNote("date: 2026-11-10\nmentee: Zoë Brûlé")),
        ]).link()
        let lines = StatusTable(notebook).text(colour: false).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // The LAST column starts at the same terminal column on every row.
        let starts = lines.dropFirst().compactMap { line in
            line.range(of: "2026-11-10").map { StatusTable.displayWidth(String(line[..<$0.lowerBound])) }
        }
        #expect(starts.count == 2 && Set(starts).count == 1)
        #expect(StatusTable.displayWidth("東京") == 4 && StatusTable.displayWidth("Zoë") == 3)
    }

    @Test func aMentorshipNotStartedYetIsNotStalled() {
        let notebook = InlineNotebook([("s/a.md", sessionNote("date: 2026-12-10\nmentee: New Person"))]).link()
        #expect(StatusTable(notebook).rows.first?.stalled == false)
        let nothing = InlineNotebook([("s/a.md", sessionNote("date: 2026-12-10\nmentee: New Person\nstatus: cancelled"))]).link()
        #expect(StatusTable(nothing).rows.first?.stalled == true)
    }
}
