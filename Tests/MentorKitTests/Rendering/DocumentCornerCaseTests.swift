import Foundation
import Testing
@testable import MentorKit
import MentorTemplates

/// Corner cases of the documents found in review, each pinned down.
@Suite("Document corner cases")
struct DocumentCornerCaseTests {
    static let week48 = ReportPeriod.week("2026-W48", startsOn: .monday)!

    @Test func imagesBecomeTheirTextAndUnsafeLinksTheirTitle() {
        let markdown = "# Heading\n\n![pixel](https://tracker.example/p.png) [bad](javascript:alert(1)) [**ok**](https://e.com)\n"
        let html = CMarkAdapter.safeHTML(markdown, headingOffset: 1)
        #expect(!html.contains("<img") && !html.contains("tracker.example"))
        #expect(html.contains("pixel bad <a href=\"https://e.com\"><strong>ok</strong></a>"))
        #expect(html.hasPrefix("<h2>Heading</h2>"))
        let commonMark = CMarkAdapter.safeCommonMark(markdown)
        #expect(!commonMark.contains("tracker.example") && !commonMark.contains("javascript"))
    }

    @Test func aPlannedNoteTakesWhatItLeavesOutFromThePlan() throws {
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee",
                                   "## Next session\n- When: 2026-12-08 10:00\n- Where: Office Room 5\n- Link: https://meet.example.com/ann\n- Duration: 30m\n")),
            ("s/b.md", sessionNote("date: 2026-12-08\nmentee: Ann Lee\nstatus: planned", "## Agenda\n- Plans\n")),
        ]).link()
        let upcoming = try #require(notebook.upcoming.first)
        #expect(upcoming.file == "s/b.md" && upcoming.time == LocalTime("10:00"))
        #expect(upcoming.location == "Office Room 5" && upcoming.link == "https://meet.example.com/ann")
        #expect(upcoming.durationMinutes == 30)
        let agenda = try Documents(notebook).agenda(series: "ann-lee", format: .md)
        #expect(agenda.contains("**Where:** Office Room 5"))
        #expect(!agenda.contains("No place"))
        #expect(!agenda.contains("No call link"))
    }

    /// Without a place, a call link no document can show leaves no way to meet: the agenda
    /// says so, besides the warning about the link.
    @Test func anUnusableLinkWithoutAPlaceLeavesNoWayToMeet() throws {
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-12-08\nmentee: Ann Lee\nstatus: planned\ntime: \"10:00\"\nlink: meet example com")),
        ]).link()
        let agenda = try Documents(notebook).agenda(series: "ann-lee", format: .md)
        #expect(agenda.contains("The call link is not a web address a document can show"))
        #expect(agenda.contains("No place and no call link: say where you will meet"))
        #expect(!agenda.contains("No place: add one"))
    }

    /// Backslash escapes do not work inside a CommonMark autolink: a call link with `_` or
    /// `*` written escaped in `<...>` became a broken URL (an audit found it).
    @Test("Links in Markdown documents are autolinks to the URL as written", arguments: [
        ("https://meet.example.com/jade_alex?pwd=a_b*c&x=1", "https://meet.example.com/jade_alex?pwd=a_b*c&amp;x=1"),
        ("meet.example.com/abc-def_g", "https://meet.example.com/abc-def_g"),
        ("localhost:3000/room_1", "https://localhost:3000/room_1"),
        ("mailto:jade_green@example.com", "mailto:jade_green@example.com"),
        ("tel:5551234567", "tel:5551234567"),
        ("LOCALHOST:3000?room=1", "https://LOCALHOST:3000?room=1"),
    ])
    func linksAreAutolinks(written: String, href: String) throws {
        let notebook = InlineNotebook([
            ("people/a.md", "---\ntype: profile\nname: Ann Lee\nlinks: [\"\(written)\"]\n---\n"),
            ("s/a.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee\nlink: \(written)",
                                   "## Next session\n- When: 2026-12-08 10:00\n- Where: Room 5\n- Link: \(written)\n")),
        ]).link()
        let documents = Documents(notebook)
        let agenda = try documents.agenda(series: "ann-lee", format: .md)
        let followUp = try documents.followUp(session: "ann-lee", workingDirectory: "/", format: .md)
        for text in [agenda, followUp] {
            #expect(CMarkAdapter.safeHTML(text).contains("href=\"\(href)\""))
            #expect(!text.contains("\\_"))
        }
        // The agenda of a first session shows the profile's links too.
        let first = InlineNotebook([
            ("people/a.md", "---\ntype: profile\nname: Ann Lee\nlinks: [\"\(written)\"]\n---\n"),
            ("s/a.md", sessionNote("date: 2026-12-08\nmentee: Ann Lee\nstatus: planned\ntime: \"10:00\"")),
        ]).link()
        let research = try Documents(first).agenda(series: "ann-lee", format: .md)
        #expect(CMarkAdapter.safeHTML(research).contains("href=\"\(href)\""))
    }

    /// A resource's relative link (a document in the notebook's repository) lost its target
    /// when links had to be absolute (a review found it): a Markdown link keeps it.
    @Test func aResourceKeepsItsRelativeLink() throws {
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee", "## Resources\n- [Guide](docs/guide_1.md)\n- [Bad](javascript:alert(1))\n")),
        ]).link()
        let followUp = try Documents(notebook).followUp(session: "ann-lee", workingDirectory: "/", format: .md)
        #expect(CMarkAdapter.safeHTML(followUp).contains("href=\"docs/guide_1.md\""))
        #expect(!followUp.contains("javascript"))
    }

    @Test("A call link no document can show is left out with a warning", arguments: [
        "javascript:alert(1)", "meet example com", "zoom", "com.example.app:join",
    ])
    func anUnusableLinkIsWarnedAbout(link: String) throws {
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-12-08\nmentee: Ann Lee\nstatus: planned\ntime: \"10:00\"\nlocation: Room 5\nlink: \(link)")),
        ]).link()
        let agenda = try Documents(notebook).agenda(series: "ann-lee", format: .md)
        #expect(agenda.contains("**Link:** not set"))
        #expect(agenda.contains("The call link is not a web address a document can show"))
        #expect(!agenda.contains("No place"))
    }

    /// The mentee's points for a meeting that was then cancelled vanished: the replacement's
    /// agenda said "none yet" (a product review found it). They come along, marked, once.
    @Test func aCancelledMeetingsTalkingPointsComeAlong() throws {
        let notebook = InlineNotebook([
            ("s/2027-01-20.md", sessionNote("date: 2027-01-20\nmentee: Alex Romero", "## Agenda\n- Old point, talked about\n")),
            ("s/2027-01-27.md", sessionNote("date: 2027-01-27\nmentee: Alex Romero\nstatus: cancelled", "## Agenda\n- Rota proposal feedback\n- Holiday plans\n")),
            ("s/2027-01-29.md", sessionNote("date: 2027-01-29\ntime: \"10:00\"\nmentee: Alex Romero\nstatus: planned\nlocation: Room 5\nlink: https://meet.example.com/r", "## Agenda\n- holiday plans!\n- Team offsite\n")),
        ]).link(asOf: "2027-01-28")
        let agenda = try Documents(notebook).agenda(series: "alex-romero", format: .md)
        #expect(agenda.contains("- holiday plans!\n- Team offsite\n- Rota proposal feedback (from the cancelled session on 2027-01-27)\n"))
        #expect(!agenda.contains("Holiday plans (from"))
        #expect(!agenda.contains("Old point"))
    }

    /// The cancelled points go to the next meeting only: every later planned meeting had
    /// carried them all, which made a calendar of many meetings grow with their square (a
    /// review found it). A calendar of thousands of meetings and cancellations is linear.
    @Test func cancelledPointsGoToTheNextMeetingOnly() throws {
        var files = [("s/2026-12-01.md", sessionNote("date: 2026-12-01\nmentee: Ann Lee"))]
        for day in 1...28 {
            let date = "2027-02-\(day < 10 ? "0" : "")\(day)"
            files.append(("s/\(date).md", sessionNote("date: \(date)\nmentee: Ann Lee\ntime: \"10:00\"\nstatus: \(day <= 14 ? "cancelled" : "planned")",
                                                    "## Agenda\n- Point \(day)\n")))
        }
        let documents = Documents(InlineNotebook(files).link(asOf: "2027-01-01"))
        let calendar = try documents.calendar(series: nil)
        #expect(calendar.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }.count == 28)
        #expect(calendar.components(separatedBy: "STATUS:CANCELLED").count - 1 == 14)
        // The first planned meeting, 02-15, carries the 14 cancelled ones' points; 02-16 none.
        let unfolded = calendar.replacingOccurrences(of: "\r\n ", with: "")
        let descriptions = unfolded.components(separatedBy: "\r\n").filter { $0.hasPrefix("DESCRIPTION:") }
        #expect(descriptions.count == 14)
        #expect(descriptions.first?.components(separatedBy: "(from the cancelled session on").count == 15)
        #expect(descriptions.dropFirst().allSatisfy { !$0.contains("from the cancelled") })
    }

    /// Every event listed every open item: a calendar of many meetings grew with the square
    /// of them (a review found 16.7 MB for 1,000 meetings). The next meeting lists them.
    @Test func openItemsGoWithTheNextMeetingOnly() throws {
        let notebook = InlineNotebook([
            ("s/2026-12-01.md", sessionNote("date: 2026-12-01\nmentee: Ann Lee", "## Action items\n- [ ] Send the deck\n")),
            ("s/2026-12-08.md", sessionNote("date: 2026-12-08\nmentee: Ann Lee\nstatus: planned", "## Agenda\n- First\n")),
            ("s/2026-12-15.md", sessionNote("date: 2026-12-15\nmentee: Ann Lee\nstatus: planned", "## Agenda\n- Second\n")),
        ]).link(asOf: "2026-12-02")
        let calendar = try Documents(notebook).calendar(series: nil).replacingOccurrences(of: "\r\n ", with: "")
        let descriptions = calendar.components(separatedBy: "\r\n").filter { $0.hasPrefix("DESCRIPTION:") }
        #expect(descriptions.count == 2)
        #expect(descriptions[0].contains("First") && descriptions[0].contains("Send the deck"))
        #expect(descriptions[1].contains("Second") && !descriptions[1].contains("Send the deck"))
    }

    /// A meeting cancelled after the calendar was imported stayed in it: the file had no
    /// event for it any more (a product review found it). It is written cancelled, at the
    /// time its plan gave, and a calendar of only cancelled meetings is still made.
    @Test func aCancelledMeetingAheadIsACancelledEvent() throws {
        let notebook = InlineNotebook([
            ("s/2027-01-20.md", sessionNote("date: 2027-01-20\nmentee: Alex Romero", "## Next session\n- When: 2027-01-27 10:00\n- Where: Room 5\n")),
            ("s/2027-01-27.md", sessionNote("date: 2027-01-27\nmentee: Alex Romero\nstatus: cancelled")),
            ("s/2027-01-13.md", sessionNote("date: 2027-01-13\nmentee: Alex Romero\nstatus: cancelled")),
        ]).link(asOf: "2027-01-24")
        let lines = try Documents(notebook).calendar(series: nil).components(separatedBy: "\r\n")
        #expect(lines.filter { $0.hasPrefix("UID:") } == ["UID:alex-romero-2027-01-27@mentor.invalid"])
        #expect(lines.contains("STATUS:CANCELLED"))
        #expect(lines.contains("LOCATION:Room 5"))
        #expect(lines.contains { $0.hasPrefix("DTSTART:20270127T") })
        #expect(!lines.contains { $0.hasPrefix("DESCRIPTION:") })
    }

    /// A cancellation written ahead of time hid the planned meeting before it: agenda,
    /// calendar and status found no upcoming session (an audit found it).
    @Test func aCancellationAheadLeavesTheMeetingBeforeItUpcoming() throws {
        let files = [
            ("s/2026-10-30.md", sessionNote("date: 2026-10-30\nmentee: Carl Cole", "## Next session\n- When: 2026-11-06 18:00\n")),
            ("s/2026-11-06.md", sessionNote("date: 2026-11-06\nmentee: Carl Cole\nstatus: planned", "## Agenda\n- The offer\n")),
            ("s/2026-11-13.md", sessionNote("date: 2026-11-13\nmentee: Carl Cole\nstatus: cancelled")),
        ]
        let before = InlineNotebook(files).link(asOf: "2026-11-04")
        #expect(before.upcoming.map(\.file) == ["s/2026-11-06.md"])
        #expect(before.upcoming.first?.time == LocalTime("18:00"))
        let agenda = try Documents(before).agenda(series: "carl-cole", format: .md)
        #expect(agenda.contains("2026-11-06 18:00") && agenda.contains("The offer"))
        // Once the cancelled day has come, the planned note before it is past.
        let after = InlineNotebook(files).link(asOf: "2026-11-13")
        #expect(after.upcoming.isEmpty)
    }

    /// Two meetings of a series on one day shared their calendar UID and their follow-ups'
    /// Message-ID, which must be unique (an audit found it); the usual one a day keeps its id.
    @Test func twoMeetingsOnOneDayHaveTheirOwnIDs() throws {
        let notebook = InlineNotebook([
            ("s/2026-11-02-am.md", sessionNote("date: 2026-11-02\ntime: \"09:00\"\nmentee: Tao Tan", "## Notes\nMorning.\n")),
            ("s/2026-11-02-pm.md", sessionNote("date: 2026-11-02\ntime: \"15:00\"\nmentee: Tao Tan\nprevious: \"[[2026-11-02-am]]\"", "## Notes\nAfternoon.\n")),
            ("s/2026-11-10-am.md", sessionNote("date: 2026-11-10\ntime: \"09:00\"\nmentee: Tao Tan\nstatus: planned")),
            ("s/2026-11-10-pm.md", sessionNote("date: 2026-11-10\ntime: \"15:00\"\nmentee: Tao Tan\nstatus: planned\nprevious: \"[[2026-11-10-am]]\"")),
            ("people/t.md", "---\ntype: profile\nname: Tao Tan\nemail: tao@example.com\n---\n"),
        ]).link(asOf: "2026-11-03")
        let documents = Documents(notebook)
        let calendar = try documents.calendar(series: nil)
        let uids = calendar.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(uids == ["UID:tao-tan-2026-11-10@mentor.invalid", "UID:tao-tan-2026-11-10-2@mentor.invalid"])
        // The afternoon keeps its UID when the morning is no longer upcoming (a review found
        // the ids moving to the other event).
        let morningCancelled = InlineNotebook([
            ("s/2026-11-10-am.md", sessionNote("date: 2026-11-10\ntime: \"09:00\"\nmentee: Tao Tan\nstatus: cancelled")),
            ("s/2026-11-10-pm.md", sessionNote("date: 2026-11-10\ntime: \"15:00\"\nmentee: Tao Tan\nstatus: planned\nprevious: \"[[2026-11-10-am]]\"")),
        ]).link(asOf: "2026-11-03")
        let lines = try Documents(morningCancelled).calendar(series: nil).components(separatedBy: "\r\n")
        let afternoon = lines.filter { $0.hasPrefix("UID:") || $0.hasPrefix("STATUS:") }
        // The morning stays, cancelled, under its UID, so that a calendar drops it.
        #expect(afternoon == ["UID:tao-tan-2026-11-10@mentor.invalid", "STATUS:CANCELLED", "UID:tao-tan-2026-11-10-2@mentor.invalid"])
        #expect(lines.contains { $0.hasPrefix("SUMMARY:Cancelled: Mentoring: Tao Tan") })
        let ids = try ["s/2026-11-02-am.md", "s/2026-11-02-pm.md"].map { file in
            try documents.followUp(session: file, workingDirectory: "/", format: .eml)
                .components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID:") }
        }
        #expect(ids == ["Message-ID: <followup.tao-tan.2026-11-02@mentor.invalid>", "Message-ID: <followup.tao-tan.2026-11-02-2@mentor.invalid>"])
    }

    /// The follow-up said "not scheduled" while a planned note for the next meeting existed
    /// (an audit found it): a later note on the planned date, or the next note when no date
    /// was planned, is that meeting (spec 3.5).
    @Test func theFollowUpShowsTheNextMeetingsNote() throws {
        let unplanned = InlineNotebook([
            ("s/2026-11-02.md", sessionNote("date: 2026-11-02\ntime: \"10:00\"\nmentee: Una Ul", "## Notes\nTalked.\n")),
            ("s/2026-11-09.md", sessionNote("date: 2026-11-09\ntime: \"11:00\"\nmentee: Una Ul\nstatus: planned\nlocation: Room 5\nlink: https://meet.example.com/una")),
        ]).link(asOf: "2026-11-03")
        let text = try Documents(unplanned).followUp(session: "s/2026-11-02.md", workingDirectory: "/", format: .md)
        #expect(text.contains("2026-11-09 11:00") && text.contains("Room 5") && text.contains("<https://meet.example.com/una>"))
        #expect(!text.contains("Not scheduled"))
        // A plan for another day than the later note's stays the plan as written.
        let elsewhere = InlineNotebook([
            ("s/2026-11-02.md", sessionNote("date: 2026-11-02\nmentee: Una Ul", "## Next session\n- When: 2026-11-16 09:00\n- Where: Café\n")),
            ("s/2026-11-09.md", sessionNote("date: 2026-11-09\nmentee: Una Ul\nstatus: planned\nlocation: Room 5")),
        ]).link(asOf: "2026-11-03")
        let planned = try Documents(elsewhere).followUp(session: "s/2026-11-02.md", workingDirectory: "/", format: .md)
        #expect(planned.contains("2026-11-16 09:00") && planned.contains("Café") && !planned.contains("Room 5"))
        // The note on the planned day is the meeting: its values win, the plan fills in.
        let both = InlineNotebook([
            ("s/2026-11-02.md", sessionNote("date: 2026-11-02\nmentee: Una Ul", "## Next session\n- When: 2026-11-09 11:00\n- Where: Café\n- Duration: 30m\n")),
            ("s/2026-11-09.md", sessionNote("date: 2026-11-09\ntime: \"14:00\"\nmentee: Una Ul\nstatus: planned\nlocation: Room 5")),
        ]).link(asOf: "2026-11-03")
        let met = try Documents(both).followUp(session: "s/2026-11-02.md", workingDirectory: "/", format: .md)
        #expect(met.contains("2026-11-09 14:00") && met.contains("Room 5") && met.contains("30 min"))
        #expect(!met.contains("Café") && !met.contains("11:00"))
    }

    /// The mentor's own email was used as written: `Jade <jade@example.com>` made
    /// `From: Jade Green <Jadejade@example.com>` (a review found it). An address that is none
    /// is left out, as `check`'s bad-email says.
    @Test func aMentorEmailThatIsNoAddressIsLeftOut() throws {
        let notebook = InlineNotebook([
            ("people/m.md", "---\ntype: profile\nname: Jade Green\nrole: mentor\nemail: \"Jade <jade@example.com>\"\n---\n"),
            ("people/p.md", "---\ntype: profile\nname: Ann Lee\nemail: ann@example.com\n---\n"),
            ("s/a.md", sessionNote("date: 2026-11-02\nmentee: Ann Lee\nmentor: Jade Green", "## Notes\nMet.\n")),
        ]).link()
        #expect(notebook.diagnostics.map(\.code).contains(.badEmail))
        let eml = try Documents(notebook).followUp(session: "s/a.md", workingDirectory: "/", format: .eml)
        #expect(!eml.contains("Jadejade"))
        #expect(!eml.components(separatedBy: "\r\n").contains { $0.hasPrefix("From:") && $0.contains("jade") })
    }

    /// Header lines with encoded words may have 76 characters (RFC 2047); long non-ASCII
    /// names in From and To went past it, and a tab in the minutes reached the text part as
    /// `&#9;` (an audit found both).
    @Test func emailHeadersFoldAndTheTextPartHasNoEntities() throws {
        let name = "Dr. Jürgen Müller-Lüdenscheidt von Hohenzollern-Sigmaringen, PhD"
        let notebook = InlineNotebook([
            ("people/m.md", "---\ntype: profile\nname: \(name)\nrole: mentor\nemail: juergen@example.com\n---\n"),
            ("people/p.md", "---\ntype: profile\nname: Páll Jónsdóttir-Þórðarson Guðmundsdóttir Ólafsson\nemail: pall@example.com\n---\n"),
            ("s/a.md", sessionNote("date: 2026-11-02\nmentee: Páll Jónsdóttir-Þórðarson Guðmundsdóttir Ólafsson\nmentor: \(name)",
                                   "## Notes\nA tab\there.\n")),
        ]).link()
        let eml = try Documents(notebook).followUp(session: "s/a.md", workingDirectory: "/", format: .eml)
        let head = eml.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.components(separatedBy: "\r\n").filter { $0.contains("=?") }.allSatisfy { $0.count <= 76 })
        // Unfolded, and read as RFC 2047 says: the white space between encoded words goes.
        let fields = head.replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
        let from = try #require(fields.first { $0.hasPrefix("From: ") })
        let to = try #require(fields.first { $0.hasPrefix("To: ") })
        #expect(Self.decodingEncodedWords(from) == "From: \(name) <juergen@example.com>")
        #expect(Self.decodingEncodedWords(to) == "To: Páll Jónsdóttir-Þórðarson Guðmundsdóttir Ólafsson <pall@example.com>")
        let parsed = try parseBack("eml", eml)
        let text = try #require(parsed["text"] as? String)
        #expect(text.contains("A tab\there.") && !text.contains("&#"))
        #expect(PlainText.unescapeAndDecode("&#9;&#x41;&#0;&#1;&#xD800;&#12a;&#;&#X1F600;&#123456789;") == "\tA&#0;&#1;&#xD800;&#12a;&#;😀&#123456789;")
        // One pass, as CommonMark reads it: an escaped `&` and a code span are literal text
        // (a review found `\&#65;` and `` `&#160;` `` decoded).
        #expect(PlainText.unescapeAndDecode("Use `&#160;` and \\&#65; literally; also &amp;#66; &lt;b&gt; \\* \\q &#x42;")
                == "Use `&#160;` and &#65; literally; also &#66; <b> * \\q B")
        #expect(PlainText.unescapeAndDecode("``a ` &amp; b`` &amp; `open") == "``a ` &amp; b`` & `open")
    }

    /// `=?UTF-8?B?...?=` words decoded, the white space between two of them dropped.
    static func decodingEncodedWords(_ header: String) -> String {
        var result = ""
        var pendingSpace = ""
        var lastWasEncoded = false
        for token in header.split(separator: " ", omittingEmptySubsequences: false) {
            if token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?="),
               let data = Data(base64Encoded: String(token.dropFirst(10).dropLast(2))),
               let decoded = String(data: data, encoding: .utf8) {
                result += (lastWasEncoded ? "" : pendingSpace) + decoded
                lastWasEncoded = true
            } else {
                result += pendingSpace + token
                lastWasEncoded = false
            }
            pendingSpace = " "
        }
        return result
    }

    /// A character of many scalars is split between folded lines rather than overrunning
    /// RFC 5545's 75 octets (an audit found a 102-octet line).
    @Test func calendarLinesStayWithin75OctetsForLongCharacters() throws {
        let place = "Z" + String(repeating: "\u{301}", count: 50)
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-12-08\nmentee: Ann Lee\nstatus: planned\ntime: \"10:00\"\nlocation: \(place)")),
        ]).link()
        let calendar = try Documents(notebook).calendar(series: nil)
        let lines = calendar.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        // Unfolded on bytes: a space before a combining mark is one character with it.
        var bytes = Array(calendar.utf8)
        while let fold = (0..<max(0, bytes.count - 2)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 32 }) {
            bytes.removeSubrange(fold..<(fold + 3))
        }
        #expect(String(decoding: bytes, as: UTF8.self).contains("LOCATION:" + place))
    }

    /// A past week read an item's final state: closed in W46 and reopened in W47, it was open
    /// in W46's report, chart and follow-through (an audit found it). Each reads its history.
    @Test func aPastWeekReadsReopenedAndDroppedItemsAsTheyStood() throws {
        let notebook = InlineNotebook([
            ("s/a1.md", sessionNote("date: 2026-11-03\nmentee: Alex Chen", """
                ## Action items
                - [ ] @alex Reopen me due:2026-11-20 ^ro
                - [ ] @alex Overdue open due:2026-11-10 ^oo
                - [ ] @alex Done then dropped ^dd
                - [ ] @alex Done early ^de
                """)),
            Self.alex("a2", "2026-11-10", "## Review\n- [x] ^ro\n- [x] ^dd\n- [x] ^de done:2026-11-08\n"),
            Self.alex("a3", "2026-11-17", "## Review\n- [ ] ^ro\n- [-] ^dd\n"),
        ]).link()
        let w46 = try #require(ReportPeriod.week("2026-W46", startsOn: .monday))
        let report = WeeklyReport(notebook, period: w46)
        let figures = try #require(report.series.first)
        let ids = { (list: [WeeklyReport.ItemStanding]) in list.map { figures.series.items[$0.index].id } }
        #expect(ids(figures.closed).sorted() == ["dd", "ro"])
        #expect(figures.closed.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.done, .done])
        #expect(ids(figures.open) == ["oo"] && ids(figures.overdue) == ["oo"])
        // Mentee: ro, dd on time in W46 and de (done 11-08, in W45, before the period's end), oo overdue.
        #expect(report.followThrough[0].closedOnTime == 3 && report.followThrough[0].openOverdue == 1)
        #expect(report.chart.suffix(2).map { [$0.closed, $0.open] } == [[1, 3], [2, 1]])
        // The week after: ro is open again, dd was dropped.
        let w47 = WeeklyReport(notebook, period: try #require(ReportPeriod.week("2026-W47", startsOn: .monday)))
        let later = try #require(w47.series.first)
        #expect(later.open.map { later.series.items[$0.index].id }.sorted() == ["oo", "ro"])
        #expect(later.closed.map { later.series.items[$0.index].id } == ["dd"] && later.closed.first?.status == .dropped)
        #expect(w47.followThrough[0].closedOnTime == 1)
    }

    /// A note of Alex Chen's series, `s/<name>.md`, held on `date`.
    static func alex(_ name: String, _ date: String, _ body: String) -> (String, String) {
        ("s/\(name).md", sessionNote("date: \(date)\nmentee: Alex Chen", body))
    }

    /// The report of an ISO week (weeks starting on Monday).
    static func week(_ notebook: Notebook, _ label: String) -> WeeklyReport {
        WeeklyReport(notebook, period: ReportPeriod.week(label, startsOn: .monday)!)
    }

    /// The sorted ids of the first series' items in one of a report's lists.
    static func itemIDs(_ report: WeeklyReport, _ list: KeyPath<WeeklyReport.SeriesFigures, [WeeklyReport.ItemStanding]>) -> [String] {
        report.series[0][keyPath: list].map { report.series[0].series.items[$0.index].id }.sorted()
    }

    /// From a review of the history reading: a session's later mention wins over an earlier
    /// one with an earlier `done:`; a closing re-dated later is one closing; a reopened item's
    /// carried count leaves out the sessions it was closed for.
    @Test func historyEdgesOfThePastWeeks() throws {
        let notebook = InlineNotebook([
            Self.alex("a1", "2026-11-03", "## Action items\n- [ ] Same day ^la\n- [ ] Re-dated ^rd\n- [ ] Reopened ^ro\n"),
            Self.alex("a2", "2026-11-09", "## Review\n- [x] ^rd\n- [x] ^ro\n"),
            Self.alex("a3", "2026-11-17", "## Review\n- [x] ^la done:2026-11-12\n- [ ] ^la\n"),
            Self.alex("a4", "2026-11-23", "## Review\n- [x] ^rd done:2026-11-18\n- [ ] ^ro\n"),
            Self.alex("a5", "2026-11-30", "## Notes\nTalked.\n"),
        ]).link()
        let week = { Self.week(notebook, $0) }
        let ids = Self.itemIDs
        // W46 (11-09..11-15): ro closed on 11-09; rd's closing was re-dated to 11-18; la was
        // reopened in the session that gave it its done date.
        #expect(ids(week("2026-W46"), \.closed) == ["ro"])
        #expect(ids(week("2026-W47"), \.closed) == ["rd"])
        #expect(ids(week("2026-W47"), \.open) == ["la"])
        #expect(week("2026-W46").chart.suffix(2).map(\.closed) == [0, 1] && week("2026-W47").chart.last?.closed == 1)
        // As of W49, ro was reopened on 11-23 and carried once since (11-30), as the export says.
        let now = week("2026-W49")
        let ro = try #require(now.series[0].open.first { now.series[0].series.items[$0.index].id == "ro" })
        #expect(ro.carried == now.series[0].series.items[ro.index].carried)
    }

    /// From a third review: a re-closing backdated before its reopening leaves the reopening
    /// standing until its own session; a session that reopens and closes again changes
    /// nothing; an item created closed with an earlier `done:` counts from its creation,
    /// in the lists and the chart alike.
    @Test func backdatedClosingsAndSameSessionFlips() throws {
        let notebook = InlineNotebook([
            Self.alex("a1", "2026-11-03", "## Action items\n- [ ] Backdated ^p\n- [ ] Flipped ^b\n"),
            Self.alex("a2", "2026-11-09", "## Review\n- [x] ^p\n- [x] ^b\n"),
            Self.alex("a3", "2026-11-17", "## Review\n- [ ] ^p\n- [ ] ^b\n- [x] ^b\n"),
            Self.alex("a4", "2026-11-23", "## Review\n- [x] ^p done:2026-11-10\n\n## Action items\n- [x] Born done done:2026-11-12 ^n\n"),
        ]).link()
        let week = { Self.week(notebook, $0) }
        let ids = Self.itemIDs
        let w46 = week("2026-W46"), w47 = week("2026-W47"), w48 = week("2026-W48")
        #expect(ids(w46, \.closed) == ["b", "p"] && ids(w46, \.open).isEmpty)
        // p was reopened on 11-17 and closed again in the 11-23 session; b stayed closed.
        #expect(ids(w47, \.open) == ["p"] && ids(w47, \.closed).isEmpty)
        #expect(ids(w48, \.closed) == ["n", "p"])
        // The chart agrees with the lists: W46 2 closed, W47 none, W48 two.
        #expect(w48.chart.suffix(3).map(\.closed) == [2, 0, 2])
        #expect(w48.chart.suffix(3).map(\.open) == [0, 1, 0])
    }

    /// From a fourth review: the two ways of reading an item (its final state, or its
    /// history when it was reopened) disagreed, so a later reopening rewrote past weeks: a
    /// closing dated before the item's last change, and a correction to the session's own
    /// date. Each week now reads the same with or without a later reopening.
    @Test(arguments: [false, true])
    func aLaterReopeningRewritesNoPastWeek(reopenLater: Bool) throws {
        let notebook = InlineNotebook([
            Self.alex("a1", "2026-11-03", "## Action items\n- [ ] Backdated ^a\n- [ ] Corrected ^c\n"),
            Self.alex("a2", "2026-11-09", "## Review\n- [x] ^c done:2026-11-04\n"),
            Self.alex("a3", "2026-11-17", "## Review\n- [x] ^c done:2026-11-17\n"),
            Self.alex("a4", "2026-11-23", "## Review\n- [x] ^a done:2026-11-01\n"),
            ("s/a5.md", sessionNote("date: 2026-11-30\nmentee: Alex Chen", reopenLater ? "## Review\n- [ ] ^a\n- [ ] ^c\n" : "## Notes\nTalked.\n")),
        ]).link()
        let week = { Self.week(notebook, $0) }
        // a was open until the 11-23 session (its done: is before its creation); c's closing
        // was corrected to 11-17, which rewrites the weeks before (decisions.md).
        #expect(Self.itemIDs(week("2026-W45"), \.closed).isEmpty)
        #expect(Self.itemIDs(week("2026-W46"), \.open) == ["a", "c"])
        #expect(Self.itemIDs(week("2026-W47"), \.closed) == ["c"] && Self.itemIDs(week("2026-W47"), \.open) == ["a"])
        #expect(Self.itemIDs(week("2026-W48"), \.closed) == ["a"])
        #expect(week("2026-W48").chart.suffix(4).map(\.closed) == [0, 0, 1, 1])
    }

    /// The current week's next session skipped the upcoming one inside the week when a later
    /// note existed; the last session was the last in chain order, not the latest; a note
    /// marked held after the as-of date counted as held (an audit found all three).
    @Test func theReportsSessionsGoByDate() throws {
        let notebook = InlineNotebook([
            ("s/b1.md", sessionNote("date: 2026-11-24\nmentee: Bo Li", "## Action items\n- [ ] thing\n\n## Next session\n- When: 2026-12-03 10:00\n")),
            ("s/b2.md", sessionNote("date: 2026-12-03\nmentee: Bo Li", "## Agenda\n- x\n")),
            ("s/b3.md", sessionNote("date: 2026-12-10\ntime: \"10:00\"\nmentee: Bo Li", "## Agenda\n- y\n")),
            ("t/a.md", sessionNote("date: 2026-11-10\nmentee: Lee Ro", "## Action items\n- [ ] x\n")),
            ("t/c.md", sessionNote("date: 2026-11-25\nmentee: Lee Ro\nprevious: a.md", "## Notes\nc\n")),
            ("t/b.md", sessionNote("date: 2026-11-20\nmentee: Lee Ro\nprevious: c.md", "## Notes\nb\n")),
            ("t/d.md", sessionNote("date: 2026-12-04\nmentee: Lee Ro\nstatus: held\nprevious: b.md", "## Notes\nd\n")),
        ]).link()
        let week = try #require(ReportPeriod.week("2026-W49", startsOn: .monday))
        let report = WeeklyReport(notebook, period: week)
        let bo = try #require(report.series.first { $0.series.id == "bo-li" })
        #expect(bo.next?.date == LocalDate("2026-12-03") && bo.next?.time == LocalTime("10:00"))
        let lee = try #require(report.series.first { $0.series.id == "lee-ro" })
        #expect(lee.lastSession == LocalDate("2026-11-25") && lee.daysSinceLastSession == 6)
        #expect(lee.sessionsHeld.isEmpty)
        // A past week's next session is the first note after it, its time from the plan.
        let past = WeeklyReport(notebook, period: try #require(ReportPeriod.week("2026-W48", startsOn: .monday)))
        let boThen = try #require(past.series.first { $0.series.id == "bo-li" })
        #expect(boThen.next?.file == "s/b2.md" && boThen.next?.time == LocalTime("10:00"))
        // The earliest note after a past week, not the first in chain order (a -> c -> b).
        let w46 = WeeklyReport(notebook, period: try #require(ReportPeriod.week("2026-W46", startsOn: .monday)))
        #expect(w46.series.first { $0.series.id == "lee-ro" }?.next?.file == "t/b.md")
    }

    /// An item due on a past week's last day was overdue in that week only when the report
    /// was made after it, and then "0 days late" (an audit found it): a week reads the same
    /// on any later day, and an item is overdue from the day after its due date.
    @Test func aWeeksOverdueItemsDoNotDependOnTheDayItIsRead() throws {
        let files = [("s/a.md", sessionNote("date: 2026-11-09\nmentee: Zoe Ng", "## Action items\n- [ ] @zoe Due sunday due:2026-11-15\n- [ ] @zoe Due friday due:2026-11-13\n"))]
        let w46 = try #require(ReportPeriod.week("2026-W46", startsOn: .monday))
        let texts = try ["2026-11-15", "2026-11-16", "2026-12-01"].map { asOf in
            try Documents(InlineNotebook(files).link(asOf: asOf)).report(period: w46, series: nil, format: .md)
        }
        // The same but for the as-of line (and "days ago", counted to the week's end either way).
        let body = { (text: String) in text.split(separator: "\n").filter { !$0.contains("as of") } }
        #expect(body(texts[1]) == body(texts[2]))
        for text in texts {
            #expect(text.contains("Due friday — @zoe — due 2026-11-13 (2 days late)"))
            #expect(!text.contains("due 2026-11-15 (") && !text.contains("0 days late"))
        }
    }

    @Test func aPastWeekShowsItemsAsTheyStoodThen() throws {
        let documents = DocumentTests.sample
        let week45 = try #require(ReportPeriod.week("2026-W45", startsOn: .monday))
        let json = try documents.report(period: week45, series: "alex-chen", format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let series = try #require((object["series"] as? [[String: Any]])?.first)
        let open = try #require(series["open"] as? [[String: Any]])
        #expect(open.allSatisfy { ["open", "in-progress"].contains($0["status"] as? String) })
        #expect(open.allSatisfy { $0["closed"] is NSNull })
        let linkedIn = try #require(open.first { ($0["text"] as? String)?.hasPrefix("Update the LinkedIn") == true })
        #expect(linkedIn["carried"] as? Int == 2)
        #expect((series["next"] as? [String: Any])?["date"] as? String == "2026-11-10")
        let markdown = try documents.report(period: week45, series: "alex-chen", format: .md)
        #expect(!markdown.contains("- [x]") || markdown.contains("Closed:"))
    }

    @Test func rangesAreNotCalledWeeks() throws {
        let november = ReportPeriod(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!)
        let markdown = try DocumentTests.sample.report(period: november, series: nil, format: .md)
        #expect(markdown.contains("Sessions held this period: "))
        #expect(!markdown.contains("this week"))
        #expect(try DocumentTests.sample.report(period: Self.week48, series: nil, format: .md).contains("Sessions held this week: "))
    }

    @Test func theEmailsTextPartReadsAsText() throws {
        let notebook = InlineNotebook([
            ("people/a.md", "---\ntype: profile\nname: Ann Lee\nemail: ann@example.com\n---\n"),
            ("s/a.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee",
                                   "## Guidance\n- Use [brackets] and *stars* & <b>tags</b>\n\n## Resources\n- [A guide](https://example.com/g)\n\n## Next session\n- When: 2026-12-08\n")),
        ]).link()
        let eml = try Documents(notebook).followUp(session: "ann-lee", workingDirectory: "/", format: .eml)
        let parsed = try parseBack("eml", eml)
        let text = try #require(parsed["text"] as? String)
        #expect(text.contains("- Use [brackets] and stars & tags"))
        #expect(text.contains("- A guide (https://example.com/g)"))
        #expect(!text.contains("\\[") && !text.contains("&lt;"))
    }

    @Test func anUnclosedCodeFenceIsAWarning() {
        let note = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-10\nmentee: A",
                                                                    "## Notes\n```swift\nlet x = 1\n\n## Action items\n- [ ] lost\n"))
        #expect(note.diagnostics.map(\.code) == [.unclosedCodeBlock])
        #expect(note.diagnostics.first?.line == 6)
        let closed = NoteReader.read(path: "a.md", text: sessionNote("date: 2026-11-10\nmentee: A", "```\ncode\n```\n~~~~\nx\n~~~~~\n"))
        #expect(closed.diagnostics.isEmpty)
    }

    @Test func templateProblemsPointAtTheirLines() {
        let set = TemplateSet(overrides: [
            "agenda.html.mustache": "one\n two\n{{#openItems}}\nthree\n",
            "agenda.md.mustache": "{{> nope}}\n",
            "unknown.mustache": "x",
        ])
        let found = set.diagnostics.map { "\($0.file):\($0.line):\($0.code.rawValue)" }
        #expect(found.contains("templates/agenda.html.mustache:3:bad-template"))
        #expect(found.contains("templates/agenda.md.mustache:1:unknown-template"))
        #expect(found.contains("templates/unknown.mustache:1:unknown-template"))
        #expect(set.diagnostics.filter { $0.code == .unknownTemplate }.allSatisfy { $0.severity == .warning })
    }

    @Test("A notebook's own template includes a default partial; the report's series loop renders the same on any threads")
    func partialsAndSeriesLoop() throws {
        let own = TemplateSet(overrides: ["agenda.md.mustache": "A {{> html-style}} B"])
        let agenda = try #require(own.render("agenda.md", [:]))
        #expect(agenda.hasPrefix("A <style>") && agenda.hasSuffix("</style>\n B"))
        let defaults = TemplateSet(overrides: [:])
        let html = try defaults.renderDocument("agenda.html", [:]).get()
        #expect(html.contains("<style>") && html.contains("box-sizing"))
        // The same text however many threads render the report's series.
        let notebook = InlineNotebook([("s/a.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen", "## Action items\n- [ ] Ship\n")),
                                       ("t/b.md", sessionNote("date: 2026-11-11\nmentee: Bo Li", "## Action items\n- [ ] Ask\n"))]).link()
        let report = WeeklyReport(notebook, period: ReportPeriod(from: LocalDate("2026-11-09")!, to: LocalDate("2026-11-15")!),
                                      seriesID: nil, jobs: 1)
        let context = ReportDocument.context(report)
        let first = try defaults.renderDocument("report.md", context, jobs: 3).get()
        #expect(first == (try defaults.renderDocument("report.md", context, jobs: 1).get()))
        #expect(first == (try TemplateSet(overrides: [:]).renderDocument("report.md", context, jobs: 3).get()))
        #expect(first.contains("Ship") && first.contains("Ask"))
    }

    /// Values reach the template engine as the types it knows: a partial named by a value
    /// (`{{>*kind}}`) is found only when the value is a `String` (a wrapper type that
    /// rendered the same was tried for speed, and broke this).
    @Test("An item's fields can name a partial in the report")
    func itemFieldsNamePartials() throws {
        var notebook = InlineNotebook([("s/a.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen",
                                                               "## Goals for the coming week\n- [ ] Ship it\n\n## Action items\n- [ ] Ask Bo\n"))]).link()
        notebook.templateOverrides = [
            "report.md.mustache": "{{#series}}{{#open}}[{{>*kind}}]{{/open}}{{/series}}",
            "goal.mustache": "G {{text}}", "action.mustache": "A {{text}} @{{>*owner}}", "alex.mustache": "the mentee",
        ]
        let text = try Documents(notebook).report(period: ReportPeriod(from: LocalDate("2026-11-09")!, to: LocalDate("2026-11-15")!),
                                                  series: nil, format: .md)
        #expect(text == "[G Ship it][A Ask Bo @the mentee]")
    }

    /// A follow-up reads as it did that day even for an item closed, reopened and closed
    /// again later: it is "closed in this session" where it was closed, and its carried
    /// count is the one at that session's end (a review found it missing and miscounted).
    @Test func followUpOfAnItemReopenedLater() throws {
        var notebook = InlineNotebook([
            Self.alex("2026-11-03", "2026-11-03", "## Action items\n- [ ] Ship ^s\n"),
            Self.alex("2026-11-10", "2026-11-10", "## Review\n- [x] ^s\n"),
            Self.alex("2026-11-17", "2026-11-17", "## Review\n- [ ] ^s\n"),
            Self.alex("2026-11-24", "2026-11-24", "## Review\n- [x] ^s\n"),
        ]).link(asOf: "2026-12-01")
        notebook.templateOverrides = ["followup.md.mustache": "open:{{#actions}}{{text}}/{{carried}}{{/actions}} closed:{{#closed}}{{text}}/{{closed}}{{/closed}}"]
        let documents = Documents(notebook)
        func followUp(_ date: String) throws -> String {
            try documents.followUp(session: "s/\(date).md", workingDirectory: "/notebook", format: .md)
        }
        #expect(try followUp("2026-11-03") == "open:Ship/0 closed:")
        #expect(try followUp("2026-11-10") == "open: closed:Ship/2026-11-10")
        #expect(try followUp("2026-11-17") == "open:Ship/1 closed:")
        #expect(try followUp("2026-11-24") == "open: closed:Ship/2026-11-24")
    }

    /// Local times the clocks skip or pass twice follow RFC 5545 3.3.5: the offset before the
    /// gap, and the first of the two (docs/decisions.md; an audit asked which).
    @Test("ics times around a change of the clocks", arguments: [
        ("2027-03-28 01:30", "20270328T013000Z"), ("2027-10-31 01:30", "20271031T003000Z"),
        ("2027-03-28 03:00", "20270328T020000Z"), ("2027-07-01 09:00", "20270701T080000Z"),
    ])
    func icsAroundTheClockChange(when: String, start: String) throws {
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2027-03-01\nmentee: Alex Chen", "## Next session\n- When: \(when)\n")),
        ], config: NotebookConfig(mentor: "Jade Green", timeZone: "Europe/London")).link(asOf: "2027-03-02")
        let calendar = try Documents(notebook).calendar(series: nil)
        #expect(calendar.contains("\r\nDTSTART:\(start)\r\n"))
    }

    /// A plan whose day has since been cancelled: the follow-up said the date without a word,
    /// and the agenda asked for a plan the note has (a workflow test found both). The
    /// follow-up's next-session lines still paste into a note without a problem.
    @Test func aPlannedMeetingCancelledSince() throws {
        let notebook = InlineNotebook([
            Self.alex("2026-11-10", "2026-11-10", "## Next session\n- When: 2026-11-17 16:00\n"),
            ("s/2026-11-17.md", sessionNote("date: 2026-11-17\ntime: \"16:00\"\nmentee: Alex Chen\nstatus: cancelled")),
        ]).link(asOf: "2026-11-12")
        let documents = Documents(notebook)
        let text = try documents.followUp(session: "s/2026-11-10.md", workingDirectory: "/notebook", format: .md)
        let next = try #require(text.components(separatedBy: "## Next session\n").last?.components(separatedBy: "\n\n").first)
        #expect(next == "- When: Tuesday 2026-11-17 16:00\n- That meeting is cancelled: let's agree on another date.")
        let pasted = NoteReader.read(path: "b.md", text: sessionNote("date: 2026-11-12\nmentee: A", "## Next session\n" + next + "\n"))
        #expect(pasted.diagnostics.isEmpty)
        let refusal = #expect(throws: DocumentError.self) { try documents.agenda(series: "alex-chen", format: .md) }
        #expect(refusal?.description.contains("the meeting planned for 2026-11-17 is cancelled (s/2026-11-17.md)") == true)
    }

    /// An item done in one session and dropped in the next is closed in the second as the
    /// export's `closedIn` says; the follow-up left it out (an audit found it). A done item
    /// ticked done again stays closed where it was, and so does one reopened and closed again
    /// as before; one dropped and then done again in one note is closed there (a review found
    /// the follow-up judging by the status before and after the note, not by `closedIn`).
    @Test func followUpOfAClosingThatChangesItsStatus() throws {
        var notebook = InlineNotebook([
            Self.alex("2026-11-03", "2026-11-03", "## Action items\n- [ ] Ship ^s\n- [ ] Call ^c\n- [ ] Pay ^p\n- [ ] Read ^r\n"),
            Self.alex("2026-11-10", "2026-11-10", "## Review\n- [x] ^s\n- [x] ^c\n- [x] ^p\n- [x] ^r\n"),
            Self.alex("2026-11-17", "2026-11-17", "## Review\n- [-] ^s\n- [x] ^c\n- [-] ^p\n- [ ] ^r\n\n## Action items\n- [x] Pay ^p\n- [x] Read ^r\n"),
        ]).link(asOf: "2026-12-01")
        let items = try #require(notebook.series("alex-chen")).items
        #expect(items.map(\.closedIn) == ["s/2026-11-17.md", "s/2026-11-10.md", "s/2026-11-17.md", "s/2026-11-10.md"])
        notebook.templateOverrides = ["followup.md.mustache": "closed:{{#closed}}{{text}}/{{status}}/{{closed}} {{/closed}}"]
        let documents = Documents(notebook)
        func followUp(_ date: String) throws -> String {
            try documents.followUp(session: "s/\(date).md", workingDirectory: "/notebook", format: .md)
        }
        #expect(try followUp("2026-11-10") == "closed:Ship/done/2026-11-10 Call/done/2026-11-10 Pay/done/2026-11-10 Read/done/2026-11-10 ")
        #expect(try followUp("2026-11-17") == "closed:Ship/dropped/2026-11-17 Pay/done/2026-11-17 ")
    }

    /// `session.mentor` in the follow-up (docs/templates.md) is the note's mentor, else
    /// `mentor.yml`'s (spec 3), not another note's: a spec audit found it empty, and a
    /// review found a later planned note's mentor there.
    @Test("The follow-up's session.mentor is the note's, else mentor.yml's", arguments: [
        ("", "Jade Green"), ("\nmentor: Sam Lee", "Sam Lee"),
    ])
    func followUpSessionMentor(extra: String, mentor: String) throws {
        var notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen" + extra)),
            ("s/b.md", sessionNote("date: 2026-12-10\nmentee: Alex Chen\nmentor: Kim Park")),
        ], config: NotebookConfig(mentor: "Jade Green")).link()
        notebook.templateOverrides = ["followup.md.mustache": "{{session.mentor}}"]
        #expect(try Documents(notebook).followUp(session: "s/a.md", workingDirectory: "/notebook", format: .md) == mentor)
    }

    /// A past week's report and a session's follow-up show each item as it stood then: the
    /// due date a later session moved shows as it was, and overdue is judged against it (and,
    /// in a follow-up, against the session's date, not today's). Found by a spec audit.
    @Test func dueDatesAsTheyStoodThen() throws {
        let notebook = InlineNotebook([
            ("s/2026-11-03.md", sessionNote("date: 2026-11-03\nmentee: Alex Chen",
                                            "## Action items\n- [ ] Present the RFC due:2026-11-10 ^rfc\n- [ ] Book the room due:2026-11-20 ^room\n")),
            ("s/2026-11-17.md", sessionNote("date: 2026-11-17\nmentee: Alex Chen",
                                            "## Review\n- [ ] ^rfc due:2026-12-09\n- [x] ^room\n\n## Next session\n- When: 2026-12-08\n")),
        ]).link(asOf: "2026-12-01")
        let documents = Documents(notebook)
        let pastWeek = ReportPeriod(from: LocalDate("2026-11-09")!, to: LocalDate("2026-11-15")!)
        let past = try documents.report(period: pastWeek, series: nil, format: .md)
        #expect(past.contains("- [ ] Present the RFC — @alex — due 2026-11-10 (5 days late)"))
        #expect(past.contains("overdue: 1"))
        // Follow-through by the due date that stood then, too.
        #expect(past.contains("- mentee: 0% on time (0 on time, 0 late, 1 overdue)"))
        let pastJSON = try documents.report(period: pastWeek, series: nil, format: .json)
        #expect(pastJSON.contains("\"due\": \"2026-11-10\""))
        let now = try documents.report(period: ReportPeriod(from: LocalDate("2026-11-30")!, to: LocalDate("2026-12-06")!),
                                       series: nil, format: .md)
        #expect(now.contains("overdue: 0"))
        #expect(now.contains("- mentee: 100% on time (1 on time, 0 late, 0 overdue)"))
        #expect(!now.contains("2026-11-10"))
        // The follow-up of the first session, rendered today: as it stood on 2026-11-03.
        let followUp = try documents.followUp(session: "s/2026-11-03.md", workingDirectory: "/notebook", format: .md)
        #expect(followUp.contains("Present the RFC — @alex — due 2026-11-10\n"))
        #expect(followUp.contains("Book the room — @alex — due 2026-11-20\n"))
        #expect(!followUp.contains("overdue"))
        let second = try documents.followUp(session: "s/2026-11-17.md", workingDirectory: "/notebook", format: .md)
        #expect(second.contains("Present the RFC — @alex — due 2026-12-09\n"))
        // Two sessions on one day: each follow-up shows the due date its own session left.
        let sameDay = Documents(InlineNotebook([
            ("s/am.md", sessionNote("date: 2026-11-10\ntime: 10:00\nmentee: Alex Chen", "## Action items\n- [ ] Ship ^a due:2026-11-12\n")),
            ("s/pm.md", sessionNote("date: 2026-11-10\ntime: 16:00\nmentee: Alex Chen", "## Review\n- [ ] ^a due:2026-12-30\n")),
        ]).link(asOf: "2026-12-01"))
        #expect(try sameDay.followUp(session: "s/am.md", workingDirectory: "/notebook", format: .md).contains("Ship — @alex — due 2026-11-12\n"))
        #expect(try sameDay.followUp(session: "s/pm.md", workingDirectory: "/notebook", format: .md).contains("Ship — @alex — due 2026-12-30\n"))
    }

    /// `StringInTemplates.swift` gives `String` two of swift-mustache's protocols for speed;
    /// strings must still render, open sections and be looked through as the engine defines
    /// them for a plain value: no children of their own, rendered as themselves, truthy even
    /// when empty, escaped in HTML.
    @Test("Strings behave in templates as swift-mustache defines them", arguments: [
        ("{{#s}}[{{s}}]{{/s}}", "[a&lt;b]"),
        ("{{{s}}}|{{&s}}", "a<b|a<b"),
        ("{{^s}}none{{/s}}", ""),
        ("{{#e}}x{{/e}}{{^e}}y{{/e}}[{{e}}]", "x[]"),
        ("{{s.count}}|{{s.isEmpty}}|{{s.first}}", "||"),
        ("{{#s}}{{t}} {{.}}{{/s}}", "T a&lt;b"),
        ("{{uppercased(s)}} {{lowercased(t)}}", "A&lt;B t"),
        ("{{#list}}({{.}}){{/list}}", "(a)(b)"),
    ])
    func stringsInTemplates(template: String, expected: String) {
        let templates = TemplateSet(overrides: ["probe.mustache": template])
        let context: [String: Any] = ["s": "a<b", "e": "", "t": "T", "list": ["a", "b"]]
        #expect(templates.render("probe", context) == expected)
    }

    @Test func aBrokenPartialStopsEveryTemplateThatIncludesIt() throws {
        var notebook = InlineNotebook([("s/a.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen",
                                                               "## Next session\n- When: 2026-12-08\n"))]).link()
        notebook.templateOverrides = ["html-style.mustache": "<style>{{#open}}</style>\n"]
        let documents = Documents(notebook)
        #expect(!documents.templates.canRender("agenda.html") && documents.templates.canRender("agenda.md"))
        #expect(throws: DocumentError.self) { try documents.agenda(series: nil, format: .html) }
        #expect(try documents.agenda(series: nil, format: .md).hasPrefix("# Agenda: Alex Chen"))
        // The error names the broken partial and carries its diagnostics, not the template's.
        do {
            _ = try documents.agenda(series: nil, format: .html)
        } catch {
            #expect(error.description.contains("html-style.mustache does not parse (agenda.html.mustache includes it)"))
            #expect(!error.diagnostics.isEmpty)
            #expect(error.diagnostics.allSatisfy { $0.file == "templates/html-style.mustache" })
        }
        #expect(documents.templates.brokenTemplates(reachableFrom: "agenda.html") == ["html-style"])
    }

    @Test func anInvalidProfileAddressIsAClearError() {
        let notebook = InlineNotebook([
            ("people/a.md", "---\ntype: profile\nname: Ann Lee\nemail: \"a@x.com\\r\\nBcc: evil@example.com\"\n---\n"),
            ("s/a.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee")),
        ]).link()
        do {
            _ = try Documents(notebook).followUp(session: "ann-lee", workingDirectory: "/", format: .eml)
            Issue.record("an invalid address was accepted")
        } catch {
            #expect(error.description.contains("is not an email address"))
        }
        #expect(EmailMessage.isAddress("alex.chen+mentoring@example.co.uk"))
        #expect(!EmailMessage.isAddress("alex chen@example.com") && !EmailMessage.isAddress("alex@localhost"))
        // Raw UTF-8 in an address needs SMTPUTF8 all the way (an audit found it accepted).
        #expect(!EmailMessage.isAddress("zoë@exämple.com") && EmailMessage.isAddress("zoe@xn--exmple-cua.com"))
    }

    @Test func theCalendarIsToImportNotAScheduleMessage() throws {
        let calendar = try DocumentTests.sample.calendar(series: nil)
        // RFC 5546's METHOD:PUBLISH requires an ORGANIZER the notebook may not know.
        #expect(!calendar.contains("METHOD:") && !calendar.contains("ORGANIZER"))
        #expect(calendar.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
    }

    @Test func calendarEventsComeInDateOrder() throws {
        let parsed = try parseBack("ics", try DocumentTests.sample.calendar(series: nil))
        let starts = (parsed["events"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
        #expect(starts == starts.sorted() && starts.count == 3)
    }
}

@Suite("The default templates")
struct DefaultTemplateTests {
    /// `TemplateSet` skips the loop check and the include graph when a notebook overrides
    /// nothing: that holds only while the defaults parse and include no loop.
    @Test func defaultsParseAndIncludeNoLoop() {
        let templates = Dictionary(uniqueKeysWithValues: DefaultTemplates.files.map {
            (String($0.name.dropLast(".mustache".count)), $0.text)
        })
        #expect(!templates.isEmpty)
        #expect(TemplateSet.recursive(templates).isEmpty)
        let set = TemplateSet(overrides: [:])
        #expect(set.diagnostics.isEmpty && set.broken.isEmpty)
        for name in templates.keys { #expect(set.canRender(name)) }
    }
}
