import Foundation
import Testing
@testable import MentorKit

/// A session note of Alex Chen's series, with extra front matter lines and a body.
private func alex(_ date: String, _ extra: String = "", _ body: String = "") -> String {
    sessionNote("date: \(date)\nmentee: Alex Chen" + (extra.isEmpty ? "" : "\n" + extra), body)
}

/// The files of a series in chain order.
private func chainFiles(_ notebook: Notebook, _ series: String = "alex-chen") -> [String] {
    notebook.series(series)?.sessions.map(\.file) ?? []
}

private let nextPlan = "## Next session\n- When: 2026-12-15 16:00\n"

@Suite("The chain of a series (spec 3.2, 3.5)")
struct ChainTests {
    // MARK: - Order

    /// The hint named only the earlier note's file name, which from another folder does not
    /// resolve (a review found it): it names it as this note can.
    @Test func theBadPreviousHintNamesANoteThisOneCanName() throws {
        let notebook = InlineNotebook([
            ("s/2026-10/27.md", sessionNote("date: 2026-10-27\nmentee: Alex Chen")),
            ("s/2026-11/03.md", sessionNote("date: 2026-11-03\nmentee: Alex Chen\nprevious: 2026-10-26.md")),
            ("s/2026-11/10.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen\nprevious: nothing.md")),
        ]).link()
        let hints = notebook.diagnostics(.badPrevious).map(\.message)
        #expect(hints.count == 2)
        #expect(hints[0].contains("name a file (s/2026-10/27.md)") && hints[1].contains("name a file (03.md)"))
    }

    @Test("Sessions are ordered by date, then time")
    func orderByDateThenTime() {
        let notebook = InlineNotebook([
            ("s/c.md", alex("2026-11-10", "time: \"09:00\"")),
            ("s/a.md", alex("2026-11-17")),
            ("s/b.md", alex("2026-11-10T08:30")),
            ("s/d.md", alex("2026-11-03", "time: \"18:00\"")),
        ]).link()
        #expect(chainFiles(notebook) == ["s/d.md", "s/b.md", "s/c.md", "s/a.md"])
        #expect(notebook.diagnostics(.sameTimeConflict).isEmpty)
    }

    @Test("previous and next are the neighbouring files")
    func previousAndNext() throws {
        let notebook = InlineNotebook([
            ("s/1.md", alex("2026-11-03")),
            ("s/2.md", alex("2026-11-10")),
            ("s/3.md", alex("2026-11-17")),
        ]).link()
        let sessions = try #require(notebook.series("alex-chen")).sessions
        #expect(sessions.map(\.previous) == [nil, "s/1.md", "s/2.md"])
        #expect(sessions.map(\.next) == ["s/2.md", "s/3.md", nil])
    }

    // MARK: - previous:

    @Test("previous: resolves every spelling and overrides date order", arguments: [
        "previous: later.md",                 // relative to the note
        "previous: ./later.md",               // relative to the note, explicit
        "previous: ../alex/later.md",         // relative to the note, climbing
        "previous: sessions/alex/later.md",   // relative to the notebook root
        "previous: \"[[later]]\"",            // wikilink, quoted
        "previous: [[later]]",                // wikilink, unquoted (YAML nested sequence)
        "previous: 2026-11-20",               // a date of a session in the series
        "previous: later",                    // a path without .md
        "previous: \"[[later|last time]]\"",  // wikilink with an alias
        "previous: [[later#Notes]]",          // wikilink to a heading
        "previous: \"[[sessions/alex/later]]\"", // wikilink with a path
        "previous: \"[[later#Notes|last time]]\"", // wikilink to a heading, with an alias
        "previous: \"[[later|letzte Sitzung, café]]\"", // an alias beyond ASCII
        "previous: \"[[sessions/alex/later#Été]]\"", // a path and a heading beyond ASCII
    ])
    func previousSpellings(line: String) {
        // early.md is dated before later.md but names it as its previous session.
        let notebook = InlineNotebook([
            ("sessions/alex/early.md", alex("2026-11-10", line)),
            ("sessions/alex/later.md", alex("2026-11-20")),
            ("sessions/alex/last.md", alex("2026-11-25", "previous: early.md")),
        ]).link()
        #expect(notebook.diagnostics(.badPrevious).isEmpty)
        #expect(notebook.diagnostics(.previousCycle).isEmpty)
        #expect(chainFiles(notebook) == ["sessions/alex/later.md", "sessions/alex/early.md", "sessions/alex/last.md"])
        let early = notebook.series("alex-chen")?.sessions.first { $0.file == "sessions/alex/early.md" }
        #expect(early?.previous == "sessions/alex/later.md")
        #expect(early?.next == "sessions/alex/last.md")
    }

    @Test("A note naming a later-dated note as previous comes right after it")
    func previousToLaterNote() {
        let notebook = InlineNotebook([
            ("s/early.md", alex("2026-11-10", "previous: later.md")),
            ("s/later.md", alex("2026-11-20")),
            ("s/last.md", alex("2026-11-25")),
        ]).link()
        #expect(chainFiles(notebook) == ["s/later.md", "s/early.md", "s/last.md"])
        let sessions = notebook.series("alex-chen")?.sessions ?? []
        #expect(sessions.map(\.previous) == [nil, "s/later.md", "s/early.md"])
        #expect(sessions.map(\.next) == ["s/early.md", "s/last.md", nil])
    }

    @Test("previous: as a date and time picks the session at that time")
    func previousDateAndTime() {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-10T09:00")),
            ("s/b.md", alex("2026-11-10T16:00")),
            ("s/c.md", alex("2026-11-17", "previous: 2026-11-10T09:00")),
        ]).link()
        #expect(notebook.diagnostics(.badPrevious).isEmpty)
        #expect(notebook.diagnostics(.ambiguousPrevious).isEmpty)
        #expect(notebook.series("alex-chen")?.sessions.first { $0.file == "s/c.md" }?.previous == "s/a.md")
    }

    @Test("previous: a date with two sessions of the series is an error")
    func previousAmbiguousDate() throws {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-10T09:00")),
            ("s/b.md", alex("2026-11-10T16:00")),
            ("s/c.md", alex("2026-11-17", "previous: 2026-11-10")),
        ]).link()
        let errors = notebook.diagnostics(.ambiguousPrevious)
        #expect(errors.map(\.file) == ["s/c.md"])
        #expect(errors.first?.severity == .error)
        #expect(chainFiles(notebook) == ["s/a.md", "s/b.md", "s/c.md"])
    }

    @Test("A previous link to the note dated just before keeps date order")
    func previousMatchingDateOrder() {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-03")),
            ("s/b.md", alex("2026-11-10", "previous: a.md")),
        ]).link()
        #expect(chainFiles(notebook) == ["s/a.md", "s/b.md"])
        #expect(notebook.diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    @Test("previous: that resolves to nothing is a bad-previous error", arguments: [
        "previous: missing.md",
        "previous: \"[[missing]]\"",
        "previous: 2026-10-01",
        "previous: ../../../outside.md",
    ])
    func unresolvablePrevious(line: String) throws {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-03")),
            ("s/b.md", alex("2026-11-10", line)),
        ]).link()
        let bad = notebook.diagnostics(.badPrevious)
        #expect(bad.count == 1)
        let diagnostic = try #require(bad.first)
        #expect(diagnostic.file == "s/b.md")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.line == 4)  // the `previous:` line, counting the opening `---`
        // The chain still stands in date order.
        #expect(chainFiles(notebook) == ["s/a.md", "s/b.md"])
    }

    @Test("previous: into another series is a warning and the link is ignored")
    func previousIntoOtherSeries() throws {
        let notebook = InlineNotebook([
            ("alex/a.md", alex("2026-11-03")),
            ("alex/b.md", alex("2026-11-10", "previous: ../sam/s.md")),
            ("alex/c.md", alex("2026-11-17")),
            ("sam/s.md", sessionNote("date: 2026-11-05\nmentee: Sam Lee")),
        ]).link()
        let warnings = notebook.diagnostics(.previousOtherSeries)
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.file == "alex/b.md")
        #expect(warning.severity == .warning)
        #expect(notebook.diagnostics(.badPrevious).isEmpty)
        #expect(chainFiles(notebook) == ["alex/a.md", "alex/b.md", "alex/c.md"])
        #expect(notebook.series("alex-chen")?.sessions[1].previous == "alex/a.md")
        #expect(chainFiles(notebook, "sam-lee") == ["sam/s.md"])
    }

    @Test("A session naming itself as previous is a previous-cycle error")
    func cycleOfOne() throws {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-03")),
            ("s/b.md", alex("2026-11-10", "previous: b.md")),
        ]).link()
        let cycles = notebook.diagnostics(.previousCycle)
        #expect(cycles.map(\.file) == ["s/b.md"])
        #expect(cycles.first?.severity == .error)
        #expect(chainFiles(notebook) == ["s/a.md", "s/b.md"])
        #expect(notebook.series("alex-chen")?.sessions.last?.previous == "s/a.md")
    }

    @Test("Two sessions naming each other are a previous-cycle error on both")
    func cycleOfTwo() {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-03", "previous: b.md")),
            ("s/b.md", alex("2026-11-10", "previous: a.md")),
            ("s/c.md", alex("2026-11-17")),
        ]).link()
        let cycles = notebook.diagnostics(.previousCycle)
        #expect(Set(cycles.map(\.file)) == ["s/a.md", "s/b.md"])
        #expect(cycles.allSatisfy { $0.severity == .error })
        // Every session is still in the chain, in date order.
        #expect(chainFiles(notebook) == ["s/a.md", "s/b.md", "s/c.md"])
    }

    // MARK: - Same time

    @Test("Two sessions on the same date and time are a same-time error", arguments: [
        ("date: 2026-11-10", "date: 2026-11-10"),
        ("date: 2026-11-10\ntime: \"16:00\"", "date: 2026-11-10T16:00"),
    ])
    func sameTime(first: String, second: String) {
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote(first + "\nmentee: Alex Chen")),
            ("s/b.md", sessionNote(second + "\nmentee: Alex Chen")),
        ]).link()
        let conflicts = notebook.diagnostics(.sameTimeConflict)
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.severity == .error)
        #expect(chainFiles(notebook).count == 2)
    }

    @Test("Of three sessions at one time, only the one no link explains is a conflict")
    func sameTimeThree() {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-10")),
            ("s/b.md", alex("2026-11-10", "previous: a.md")),
            ("s/c.md", alex("2026-11-10")),
        ]).link()
        #expect(notebook.diagnostics(.sameTimeConflict).map(\.file) == ["s/c.md"])
    }

    @Test("Same date, different times is no conflict")
    func sameDateDifferentTimes() {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-10", "time: \"16:00\"")),
            ("s/b.md", alex("2026-11-10", "time: \"10:00\"")),
        ]).link()
        #expect(notebook.diagnostics(.sameTimeConflict).isEmpty)
        #expect(chainFiles(notebook) == ["s/b.md", "s/a.md"])
    }

    @Test("Same date in two different series is no conflict")
    func sameDateOtherSeries() {
        let notebook = InlineNotebook([
            ("a.md", alex("2026-11-10")),
            ("b.md", sessionNote("date: 2026-11-10\nmentee: Sam Lee")),
        ]).link()
        #expect(notebook.diagnostics(.sameTimeConflict).isEmpty)
    }

    @Test("Same date and time is fine when one names the other, and previous decides the order")
    func sameTimeWithPrevious() {
        // a.md sorts first by name but says b.md came before it.
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-10", "time: \"16:00\"\nprevious: b.md")),
            ("s/b.md", alex("2026-11-10", "time: \"16:00\"")),
        ]).link()
        #expect(notebook.diagnostics(.sameTimeConflict).isEmpty)
        #expect(chainFiles(notebook) == ["s/b.md", "s/a.md"])
        #expect(notebook.series("alex-chen")?.sessions.last?.previous == "s/b.md")
    }

    // MARK: - Next session

    @Test("A held last session with no next session planned gets no-next-session")
    func noNextSession() throws {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-03", "", nextPlan.replacingOccurrences(of: "2026-12-15", with: "2026-11-10"))),
            ("s/b.md", alex("2026-11-10", "", "## Notes\nGood talk.\n")),
        ]).link()
        let warnings = notebook.diagnostics(.noNextSession)
        #expect(warnings.map(\.file) == ["s/b.md"])
        #expect(warnings.first?.severity == .warning)
        #expect(notebook.upcoming.isEmpty)
    }

    @Test("No no-next-session warning when the last note plans one or a later note exists", arguments: [
        [("s/a.md", alex("2026-11-24", "", nextPlan))],
        [("s/a.md", alex("2026-11-24", "", "## Next meeting\n- Date: 2026-12-15\n- Where: Blue Bottle\n"))],
        [("s/a.md", alex("2026-11-24", "next:\n  date: 2026-12-15\n  time: \"16:00\""))],
        [("s/a.md", alex("2026-11-24")), ("s/b.md", alex("2026-12-15"))],
        [("s/a.md", alex("2026-11-24")), ("s/b.md", alex("2026-11-28", "status: planned"))],
    ])
    func nextSessionPlanned(files: [(String, String)]) {
        let notebook = InlineNotebook(files).link()
        #expect(notebook.diagnostics(.noNextSession).isEmpty)
        #expect(notebook.upcoming.count == 1)
    }

    // MARK: - Status

    @Test("status: planned on a past date is a planned-in-past warning")
    func plannedInPast() throws {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-03", "status: planned")),
            ("s/b.md", alex("2026-12-01", "status: planned")),  // the as-of date itself: fine
            ("s/c.md", alex("2026-12-08", "status: planned")),
        ]).link(asOf: "2026-12-01")
        let warnings = notebook.diagnostics(.plannedInPast)
        #expect(warnings.map(\.file) == ["s/a.md"])
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.line == 4)
    }

    @Test("Default status: held on or before the as-of date, planned after", arguments: [
        ("2026-11-30", SessionStatus.held),
        ("2026-12-01", .held),
        ("2026-12-02", .planned),
    ])
    func defaultStatus(date: String, expected: SessionStatus) {
        let notebook = InlineNotebook([("s/a.md", alex(date))]).link(asOf: "2026-12-01")
        #expect(notebook.series("alex-chen")?.sessions.first?.status == expected)
    }

    /// But a note marked held and dated after the as-of date has not happened as of that
    /// date: it is planned (and warned about), so that it changes nothing yet (spec 3.4), in
    /// the agenda and the items as in the report (an audit found them counting it).
    @Test("A written status wins over the date, but held waits for its date", arguments: [
        ("2026-11-30", "cancelled", SessionStatus.cancelled),
        ("2026-12-08", "held", .planned),
        ("2026-12-01", "held", .held),
        ("2026-11-30", "planned", .planned),
    ])
    func writtenStatus(date: String, written: String, expected: SessionStatus) {
        let notebook = InlineNotebook([("s/a.md", alex(date, "status: \(written)"))]).link(asOf: "2026-12-01")
        #expect(notebook.series("alex-chen")?.sessions.first?.status == expected)
    }

    // MARK: - Upcoming

    @Test("A planned note is an upcoming session with its file")
    func upcomingFromPlannedNote() throws {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-24", "", nextPlan)),
            ("s/b.md", alex("2026-12-15", "time: \"16:00\"\nlocation: Blue Bottle")),
        ]).link()
        #expect(notebook.upcoming.count == 1)
        let upcoming = try #require(notebook.upcoming.first)
        #expect(upcoming.series == "alex-chen")
        #expect(upcoming.file == "s/b.md")
        #expect(upcoming.date == LocalDate("2026-12-15"))
        #expect(upcoming.time == LocalTime("16:00"))
        #expect(upcoming.location == "Blue Bottle")
    }

    @Test("A planned note followed by a held note is no longer upcoming")
    func plannedNoteOvertaken() {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-10", "status: planned")),
            ("s/b.md", alex("2026-11-17", "", "## Next session\n- When: 2026-12-15 16:00\n")),
        ]).link()
        #expect(notebook.upcoming.map(\.file) == [nil])
        #expect(notebook.upcoming.map(\.date) == [LocalDate("2026-12-15")])
        #expect(notebook.diagnostics(.plannedInPast).map(\.file) == ["s/a.md"])
    }

    @Test("The last held note's plan is the upcoming session, with no file")
    func upcomingFromPlan() throws {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-24", "", "## Next session\n- When: 2026-12-15 16:00\n- Where: Blue Bottle\n- Link: https://meet.example.com/abc\n- Duration: 45m\n")),
        ]).link()
        let upcoming = try #require(notebook.upcoming.first)
        #expect(notebook.upcoming.count == 1)
        #expect(upcoming.file == nil)
        #expect(upcoming.plannedIn == "s/a.md")
        #expect(upcoming.date == LocalDate("2026-12-15"))
        #expect(upcoming.time == LocalTime("16:00"))
        #expect(upcoming.location == "Blue Bottle")
        #expect(upcoming.link == "https://meet.example.com/abc")
        #expect(upcoming.durationMinutes == 45)
    }

    @Test("A cancelled last note with a plan gives the upcoming session")
    func upcomingFromCancelledNote() throws {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-17")),
            ("s/b.md", alex("2026-11-24", "status: cancelled", "## Next session\n- When: 2026-12-08 10:00\n")),
        ]).link()
        let upcoming = try #require(notebook.upcoming.first)
        #expect(notebook.upcoming.count == 1)
        #expect(upcoming.file == nil)
        #expect(upcoming.date == LocalDate("2026-12-08"))
        #expect(upcoming.time == LocalTime("10:00"))
        #expect(notebook.diagnostics(.noNextSession).isEmpty)
    }

    @Test("A plan whose date a later note already has is not a second upcoming session")
    func planTakenByLaterNote() {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-24", "", nextPlan)),
            ("s/b.md", alex("2026-12-15")),
        ]).link(asOf: "2026-12-01")
        #expect(notebook.upcoming.map(\.file) == ["s/b.md"])
    }

    /// A holiday cancelled in advance (a cancelled note dated after the as-of date, with no
    /// plan of its own) left the series with no upcoming meeting, although the last held note
    /// had agreed one (an audit found it): spec 3.5 keeps a plan upcoming while no later note
    /// exists for it. A cancellation on the plan's own day is that meeting, cancelled; one with
    /// a plan of its own reschedules, as before.
    @Test("A cancellation written ahead leaves the agreed meeting upcoming", arguments: [
        ("2026-12-22", "", ["2026-12-15"]),
        ("2026-12-15", "", []),
        ("2026-12-22", "## Next session\n- When: 2027-01-05 10:00\n", ["2027-01-05"]),
    ])
    func cancellationAheadKeepsThePlan(cancelled: String, body: String, expected: [String]) {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-24", "", nextPlan)),
            ("s/b.md", alex(cancelled, "status: cancelled", body)),
        ]).link(asOf: "2026-12-01")
        #expect(notebook.upcoming.map(\.date) == expected.map { LocalDate($0) })
        #expect(notebook.upcoming.allSatisfy { $0.file == nil })
        #expect(notebook.diagnostics(.noNextSession).isEmpty)
        guard expected == ["2026-12-15"] else { return }
        // Past its date the plan stays upcoming, as any plan (spec 3.5), until the holiday's
        // day: then that note is the series' last, written before the plan's meeting had one.
        let files = [("s/a.md", alex("2026-11-24", "", nextPlan)), ("s/b.md", alex(cancelled, "status: cancelled", body))]
        #expect(InlineNotebook(files).link(asOf: "2026-12-16").upcoming.map(\.date) == [LocalDate("2026-12-15")])
        #expect(InlineNotebook(files).link(asOf: "2026-12-22").upcoming.isEmpty)
    }

    /// Spec 3.5 warns of a held session without a plan only "when the series has no later
    /// note": a cancellation written ahead is a later note, so a held note before it with no
    /// plan gets no warning, while one without it does.
    @Test("no-next-session only when no later note exists", arguments: [true, false])
    func noNextSessionOnlyWithoutALaterNote(withCancellationAhead: Bool) {
        var files = [("s/a.md", alex("2026-11-24"))]
        if withCancellationAhead { files.append(("s/b.md", alex("2026-12-22", "status: cancelled"))) }
        let notebook = InlineNotebook(files).link(asOf: "2026-12-01")
        #expect(notebook.diagnostics(.noNextSession).map(\.file) == (withCancellationAhead ? [] : ["s/a.md"]))
        #expect(notebook.upcoming.isEmpty)
    }

    /// A note marked held but dated after the as-of date changes nothing yet: it does not
    /// close the item it ticks, and the meeting agreed before it stays upcoming (with it).
    @Test func aNoteMarkedHeldInTheFutureChangesNothingYet() throws {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-24", "", "## Action items\n- [ ] Send the CV\n\n" + nextPlan)),
            ("s/b.md", alex("2026-12-15", "status: held", "## Review\n- [x] Send the CV\n")),
        ]).link(asOf: "2026-12-01")
        let series = try #require(notebook.series("alex-chen"))
        #expect(series.items.map(\.status) == [.open])
        #expect(series.heldSessions.map(\.file) == ["s/a.md"])
        #expect(notebook.upcoming.map(\.file) == ["s/b.md"])
        #expect(notebook.diagnostics(.heldInFuture).map(\.file) == ["s/b.md"])
        // Its agenda is the planned meeting's (spec 7): its talking points, the last held note.
        let agenda = try Documents(notebook).agenda(series: "alex-chen", format: .md)
        #expect(agenda.contains("## Last time (2026-11-24)"))
        // The export says planned too (spec 6: the status it has as of the as-of date).
        let export = try #require(JSONSerialization.jsonObject(
            with: Data(ExportDocument(notebook, includePrivate: false).rendered().utf8)) as? [String: Any])
        let sessions = (export["series"] as? [[String: Any]])?.flatMap { $0["sessions"] as? [[String: Any]] ?? [] } ?? []
        #expect(sessions.first { $0["file"] as? String == "s/b.md" }?["status"] as? String == "planned")
        // Its follow-up says why there is none yet (not "is planned, not held").
        let refusal = #expect(throws: DocumentError.self) {
            try Documents(notebook).followUp(session: "s/b.md", workingDirectory: "/notebook", format: .md)
        }
        #expect(refusal?.description.hasPrefix("s/b.md is marked held but dated 2026-12-15, after 2026-12-01") == true)
        let later = InlineNotebook([
            ("s/a.md", alex("2026-11-24", "", "## Action items\n- [ ] Send the CV\n\n" + nextPlan)),
            ("s/b.md", alex("2026-12-15", "status: held", "## Review\n- [x] Send the CV\n")),
        ]).link(asOf: "2026-12-15")
        #expect(later.series("alex-chen")?.items.map(\.status) == [.done])
    }

    /// A plan dated on or before its own session is not a next meeting; the warning says
    /// which date is wrong instead of calling it unknown.
    @Test func aPlanNotAfterItsSessionIsNamed() {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-24", "time: \"09:00\"", "## Next session\n- When: 2026-10-24 15:00\n")),
        ]).link(asOf: "2026-12-01")
        #expect(notebook.upcoming.isEmpty)
        #expect(notebook.diagnostics(.noNextSession).map(\.message) == [
            "no next session planned after this one: the plan's date 2026-10-24 is not after this session's (2026-11-24); write the next meeting's date in `- When: YYYY-MM-DD HH:MM`",
        ])
    }

    // MARK: - Series and profiles

    @Test("The series id is slug(mentee), or series: as written", arguments: [
        ("mentee: Zoë O'Brien", "zoe-obrien"),
        ("mentee: Alex Chen", "alex-chen"),
        ("mentee: \"  Mary-Jane   Watson \"", "mary-jane-watson"),
        ("mentee: Alex Chen\nseries: alex-2026", "alex-2026"),
        ("series: design-circle", "design-circle"),
    ])
    func seriesID(frontMatter: String, expected: String) {
        let notebook = InlineNotebook([("a.md", sessionNote("date: 2026-11-10\n" + frontMatter))]).link()
        #expect(notebook.series.map(\.id) == [expected])
        #expect(notebook.series(expected)?.sessions.map(\.file) == ["a.md"])
    }

    @Test("Sessions of one mentee with different series: are two series")
    func explicitSeriesSplits() {
        let notebook = InlineNotebook([
            ("a.md", alex("2026-11-03", "series: alex-2025")),
            ("b.md", alex("2026-11-10")),
        ]).link()
        #expect(notebook.series.map(\.id) == ["alex-2025", "alex-chen"])
        #expect(notebook.series("alex-chen")?.sessions.first?.previous == nil)
    }

    @Test("A profile is linked to its series by series: or by slug of its name", arguments: [
        ("type: profile\nname: Alex Chen", "alex-chen"),
        ("type: profile\nname: A. Chen\nseries: alex-chen", "alex-chen"),
        ("type: profile\nname: Zoë O'Brien\nrole: mentee", "zoe-obrien"),
    ])
    func profileLinked(profile: String, series: String) throws {
        let notebook = InlineNotebook([
            ("people/p.md", sessionNote(profile)),
            ("s/a.md", alex("2026-11-10")),
            ("s/z.md", sessionNote("date: 2026-11-10\nmentee: Zoë O'Brien")),
        ]).link()
        let linked = try #require(notebook.series(series))
        #expect(linked.profile?.file == "people/p.md")
        #expect(notebook.profiles.first?.seriesID == series)
        // The other series has no profile.
        #expect(notebook.series.filter { $0.id != series }.allSatisfy { $0.profile == nil })
    }

    @Test("A series without a mentee name takes it from its profile")
    func menteeFromProfile() {
        let notebook = InlineNotebook([
            ("people/p.md", sessionNote("type: profile\nname: Alex Chen\nseries: circle")),
            ("s/a.md", sessionNote("date: 2026-11-10\nseries: circle")),
        ]).link()
        #expect(notebook.series("circle")?.profile?.file == "people/p.md")
        #expect(notebook.series("circle")?.mentee == "Alex Chen")
    }

    // MARK: - Wikilink tiers (found by probing spellings and by lazy indexes)

    @Test("A [[wikilink]] finds the note in its folder, then in its series, then anywhere")
    func wikilinkTiers() {
        let notebook = InlineNotebook([
            // Same folder wins over the series and over another series' folder.
            ("s/alex/a.md", alex("2026-11-03")),
            ("s/alex/b.md", alex("2026-11-10", "previous: \"[[a]]\"")),
            // The series' other folder: no `x` in s/alex2, one in the series.
            ("s/old/x.md", alex("2026-10-01")),
            ("s/alex2/c.md", alex("2026-11-17", "previous: \"[[x]]\"")),
            // Anywhere: only another series has `y`, so the link is to another series.
            ("s/bo/y.md", sessionNote("date: 2026-10-02\nmentee: Bo Li")),
            ("s/alex/d.md", alex("2026-11-24", "previous: \"[[y]]\"")),
        ]).link()
        let sessions = notebook.series("alex-chen")?.sessions ?? []
        #expect(sessions.first { $0.file == "s/alex/b.md" }?.previous == "s/alex/a.md")
        #expect(sessions.first { $0.file == "s/alex2/c.md" }?.previous == "s/old/x.md")
        #expect(notebook.diagnostics(.previousOtherSeries).map(\.file) == ["s/alex/d.md"])
        #expect(notebook.diagnostics(.badPrevious).isEmpty)
    }

    @Test("Two files with the same stem in one folder make a [[wikilink]] ambiguous, whatever the case of .md")
    func wikilinkEndingsInAnyCase() {
        let notebook = InlineNotebook([
            ("s/a.md", alex("2026-11-03")),
            ("s/a.MD", alex("2026-11-04")),
            ("s/b.md", alex("2026-11-10", "previous: \"[[a]]\"")),
        ]).link()
        let errors = notebook.diagnostics(.ambiguousPrevious)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("s/a.MD, s/a.md") == true)
    }

    @Test("A previous: spelled in another Unicode normalization finds the file", arguments: [
        "previous: caf\u{E9}.md", "previous: \"[[caf\u{E9}]]\"", "previous: caf\u{E9}",
    ])
    func canonicallyEquivalentSpelling(line: String) {
        // The file name is decomposed (as macOS writes it), the note's text composed.
        let notebook = InlineNotebook([
            ("s/cafe\u{301}.md", alex("2026-11-03")),
            ("s/b.md", alex("2026-11-10", line)),
        ]).link()
        #expect(notebook.diagnostics(.badPrevious).isEmpty)
        #expect(notebook.series("alex-chen")?.sessions.last?.previous == "s/cafe\u{301}.md")
    }
}

@Suite("Notes made by hand")
struct HandMadeNoteTests {
    @Test("A note with both a session and a profile header is both, as linking always made it")
    func bothHeaders() throws {
        let header = SessionHeader(date: try #require(LocalDate("2026-11-03")), mentee: "Ann Lee")
        let note = Note(path: "s/a.md", kind: .session, session: header,
                        profile: ProfileHeader(name: "Ann Lee", role: .mentee))
        let notebook = Notebook.link(NotebookSource(root: "/", notes: [note]), asOf: try #require(LocalDate("2026-12-01")))
        #expect(notebook.profiles.map(\.file) == ["s/a.md"])
        #expect(notebook.series("ann-lee")?.sessions.map(\.file) == ["s/a.md"])
    }
}

@Suite("Reordering a chain in place")
struct PermuteTests {
    @Test("Swapping along cycles gives what indexing gives", arguments: [0, 1, 2, 5, 17, 64])
    func sameAsIndexing(count: Int) {
        var random = SeededRandom(seed: UInt64(count) &+ 3)
        for _ in 0..<50 {
            var order = Array(0..<count)
            for index in order.indices.reversed() where index > 0 {
                order.swapAt(index, random.next() % (index + 1))
            }
            var elements = (0..<count).map { "element \($0)" }
            let expected = order.map { elements[$0] }
            ChainOrder.permute(&elements, by: order)
            #expect(elements == expected)
        }
    }
}

@Suite("Arrays trimmed to their count")
struct ExactCapacityTests {
    @Test("Elements are kept in order, moved from a unique array and copied from a shared one", arguments: [0, 1, 7, 100])
    func keepsElements(count: Int) {
        var grown: [String] = []
        for index in 0..<count { grown.append("element number \(index)") }
        let expected = grown
        let shared = grown
        #expect(grown.withExactCapacity() == expected)
        #expect(shared == expected)
        var trimmed = grown
        grown = []
        trimmed.trimCapacity()
        #expect(trimmed == expected)
        // Exact up to malloc's rounding: a chunk can come back up to 32 bytes larger than asked
        // for (and was, now and then, in a full parallel test run: capacity 2 for 1 element).
        #expect((trimmed.capacity - count) * MemoryLayout<String>.stride <= 48)
    }
}

@Suite("Inserting into a dictionary only where a key is absent")
struct InsertIfAbsentTests {
    @Test func keepsWhatIsThere() {
        var table = ["a": 1]
        table.insertIfAbsent("a", 2)
        table.insertIfAbsent("b", 3)
        #expect(table == ["a": 1, "b": 3])
    }
}
