import Testing
@testable import MentorKit

/// A session note of Alex Chen's series (mentor Jade Green from the config) with a body.
/// The front matter takes lines 1-4 (plus `extra` lines), so body line k is file line 4 + k.
private func session(_ date: String, _ body: String, extra: String = "") -> String {
    sessionNote("date: \(date)\nmentee: Alex Chen" + (extra.isEmpty ? "" : "\n" + extra), body)
}

/// Alex Chen's series from session notes given as (date, body), one file per date.
private func series(_ sessions: [(String, String)], asOf: String = "2026-12-01",
                    config: NotebookConfig = NotebookConfig(mentor: "Jade Green")) throws -> Series {
    let files = sessions.map { ("s/\($0.0).md", session($0.0, $0.1)) }
    return try #require(InlineNotebook(files, config: config).link(asOf: asOf).series("alex-chen"))
}

@Suite("Following items through a series (spec 3.3, 3.4, 6)")
struct ItemTrackingTests {
    // MARK: - Identity

    @Test("A ^id names the item whatever its text")
    func identityByID() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Update the CV ^cv\n"),
            ("2026-11-10", "## Review\n- [x] Rewrote the CV completely ^cv\n"),
        ])
        #expect(s.items.count == 1)
        let item = try #require(s.item("cv"))
        #expect(item.status == .done)
        #expect(item.explicitID == "cv")
        #expect(item.text == "Update the CV")
        #expect(item.closedIn == "s/2026-11-10.md")
    }

    /// Spec 3.4: the key is the text case-folded, not only lower-cased (a spec audit found
    /// `ß`/`SS` and a final `ς` apart).
    @Test("Keys are case-folded", arguments: [
        ("Fix the Straße sign", "fix the STRASSE sign"), ("Ask ΟΔΥΣΣΕΑΣ", "ask οδυσσεας"),
        ("Read the ẞ rules", "read the ss rules"), ("Ship the ﬁx", "ship the FIX"), ("Plan Café", "plan CAFÉ"),
    ])
    func caseFoldedKeys(first: String, review: String) throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] \(first)\n"),
            ("2026-11-10", "## Review\n- [x] \(review)\n"),
        ])
        #expect(s.items.count == 1)
        #expect(s.items.first?.text == first)
        #expect(s.items.first?.status == .done)
    }

    /// Unicode's folding keeps the dotless `ı` apart from `i` (`sık` and `sik` are two words).
    /// An item of only symbols had an empty key and was dropped with its nested tasks, no
    /// word said (an audit found it): it is keyed by its text and followed by it.
    @Test func itemsOfOnlySymbolsAreItems() throws {
        let alex = try series([
            ("2026-11-03", "## Action items\n- [ ] 🚀🚀\n- [ ] ???\n\n## Goals\n- 🎯\n  - [ ] real subgoal\n"),
            ("2026-11-10", "## Review\n- [x] 🚀🚀\n"),
        ])
        #expect(alex.items.map(\.text) == ["🚀🚀", "???", "🎯", "real subgoal"])
        #expect(alex.items.map(\.status) == [.done, .open, .open, .open])
        #expect(alex.items[3].parent == alex.items[2].id)
    }

    @Test func dotlessIStaysApart() throws {
        let s = try series([("2026-11-03", "## Action items\n- [ ] Sık kontrol et\n- [ ] Sik kontrol et\n")])
        #expect(s.items.count == 2)
        #expect(InlineFields.key(of: "Sık") != InlineFields.key(of: "Sik"))
    }

    /// Spec 3.4: identity is the `^id`. A mention of the id alone (a review tick `- [x] ^cs`,
    /// with or without a done date) updates its item; one no earlier item has creates
    /// nothing (there is no text to make an item from) and is a warning.
    @Test("A mention of only the ^id updates its item", arguments: ["- [x] ^cs", "- [x] ✅ 2026-11-08 ^cs", "- [x] done:2026-11-08 ^cs"])
    func idOnlyMention(line: String) throws {
        let notebook = InlineNotebook([
            ("s/2026-11-03.md", session("2026-11-03", "## Action items\n- [ ] Draft case study ^cs\n")),
            ("s/2026-11-10.md", session("2026-11-10", "## Review\n\(line)\n- [ ] ^nope\n\n## Next session\n- When: 2026-12-08\n")),
        ], config: NotebookConfig(mentor: "Jade Green")).link(asOf: "2026-12-01")
        let items = try #require(notebook.series("alex-chen")).items
        #expect(items.map(\.text) == ["Draft case study"])
        #expect(items.first?.status == .done)
        #expect(items.first?.closed == LocalDate(line.contains("2026-11-08") ? "2026-11-08" : "2026-11-10"))
        #expect(notebook.diagnostics.map(\.code) == [.unknownItemID])
        #expect(notebook.diagnostics.first?.file == "s/2026-11-10.md")
        #expect(notebook.diagnostics.first?.line == 7)
        #expect(notebook.diagnostics.first?.severity == .warning)
    }

    /// A tick in the review that matches no item, and an `^id` no item has on another item's
    /// text, each made a second item silently (a product review ticked items by retyped
    /// text): still new items, as spec 3.3 says, now each with a warning naming the item
    /// probably meant. A new open task in the review is just that, and warned about by no one.
    @Test func likelyDuplicatesAreWarnedAbout() throws {
        let notebook = InlineNotebook([
            ("s/2026-11-03.md", session("2026-11-03", "## Goals\n- Write one case study draft ^case-study\n- [ ] Send Alex the Berlin design-engineering meetups\n- [ ] Call Sam\n")),
            ("s/2026-11-10.md", session("2026-11-10", "## Review\n- [x] Send Alex the Berlin design engineering meetups\n- [/] Write one case study draft ^casestudy\n- [x] Had the Munich chat\n- [ ] Find a second reviewer\n- [x] call sam\n")),
        ], config: NotebookConfig(mentor: "Jade Green")).link(asOf: "2026-12-01")
        let items = try #require(notebook.series("alex-chen")).items
        #expect(items.count == 7)
        // Spec 3.3: an update that matches nothing is a new action item.
        #expect(items.map(\.kind) == [.goal, .goal, .goal, .action, .action, .action, .action])
        let warnings = notebook.diagnostics.filter { $0.code == .unmatchedUpdate || $0.code == .itemIDMismatch }
        #expect(warnings.map(\.code) == [.unmatchedUpdate, .itemIDMismatch, .unmatchedUpdate])
        #expect(warnings.map(\.line) == [6, 7, 8])
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.file == "s/2026-11-10.md" })
        #expect(warnings[0].message.contains("'Send Alex the Berlin design-engineering meetups' from 2026-11-03"))
        #expect(warnings[1].message.contains("'Write one case study draft' (^case-study)"))
        #expect(warnings[2].message.contains("if it updates one,"))
    }

    /// No warning where the text is a closed item's with a new id (a recurring task: a new
    /// round), nor for ticks in a series' first note, where nothing earlier exists.
    @Test func recurringTasksAndFirstNotesAreNoDuplicates() {
        let notebook = InlineNotebook([
            ("s/2026-11-03.md", session("2026-11-03", "## Since last time\n- [x] Read the onboarding guide\n\n## Action items\n- [ ] Write the weekly summary ^wk45\n")),
            ("s/2026-11-10.md", session("2026-11-10", "## Review\n- [x] ^wk45\n\n## Action items\n- [ ] Write the weekly summary ^wk46\n")),
        ], config: NotebookConfig(mentor: "Jade Green")).link(asOf: "2026-12-01")
        #expect(!notebook.diagnostics.contains { $0.code == .unmatchedUpdate || $0.code == .itemIDMismatch })
        #expect(notebook.series("alex-chen")?.items.count == 3)
    }

    /// A tick by text found the closed first round of a recurring task, not the open one
    /// (a review found it): the text names the latest round.
    @Test func aTickByTextClosesTheOpenRoundOfARecurringTask() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Weekly report ^wr1\n"),
            ("2026-11-10", "## Review\n- [x] Weekly report ^wr1\n\n## Action items\n- [ ] Weekly report ^wr2\n"),
            ("2026-11-17", "## Review\n- [x] Weekly report\n"),
        ])
        #expect(s.items.map(\.id) == ["wr1", "wr2"])
        #expect(s.items.map(\.status) == [.done, .done])
        #expect(s.items.map(\.closedIn) == ["s/2026-11-10.md", "s/2026-11-17.md"])
    }

    /// The open item keeps its text: a mistyped id on a tick makes a closed second item, and
    /// a later tick by text still closes the first (a review found it going to the second).
    /// A closed item without an id, written again with one, is a new round, not the same.
    @Test func ticksByTextGoToTheOpenItem() throws {
        let typo = try series([
            ("2026-11-02", "## Action items\n- [ ] Update LinkedIn ^linked-in\n"),
            ("2026-11-09", "## Review\n- [x] Update LinkedIn ^linkedin\n"),
            ("2026-11-16", "## Review\n- [x] Update LinkedIn\n"),
        ])
        #expect(typo.items.map(\.id) == ["linked-in", "linkedin"])
        #expect(typo.items.map(\.status) == [.done, .done])
        let rounds = try series([
            ("2026-11-02", "## Action items\n- [ ] Weekly report\n"),
            ("2026-11-09", "## Review\n- [x] Weekly report\n\n## Action items\n- [ ] Weekly report ^w2\n"),
        ])
        #expect(rounds.items.map(\.id) == ["weekly report", "w2"])
        #expect(rounds.items.map(\.status) == [.done, .open])
        #expect(rounds.items.first?.closedIn == "s/2026-11-09.md")
    }

    /// Thousands of unmatched ticks in one note stay linear: only the first few look for
    /// the item they probably meant (each search looks at every open item).
    @Test func manyUnmatchedTicksStayLinear() throws {
        let open = (0..<3000).map { "- [ ] Task number \($0) to do" }.joined(separator: "\n")
        let ticks = (0..<3000).map { "- [x] Other thing \($0) done" }.joined(separator: "\n")
        let notebook = InlineNotebook([
            ("s/2026-11-03.md", session("2026-11-03", "## Action items\n" + open + "\n")),
            ("s/2026-11-10.md", session("2026-11-10", "## Review\n" + ticks + "\n")),
        ], config: NotebookConfig(mentor: "Jade Green")).link(asOf: "2026-12-01")
        let warnings = notebook.diagnostics.filter { $0.code == .unmatchedUpdate }
        #expect(warnings.count == 3000)
        #expect(warnings.filter { !$0.message.contains("if it updates one,") }.count <= 20)
    }

    @Test("Without an id, mentions match by key: case and punctuation ignored", arguments: [
        ("Update CV!", "update cv"),
        ("update cv", "Update CV!"),
        ("**Update** the   C.V.", "update the cv"),
        ("Email Sam (re: intro)", "email sam re intro"),
    ])
    func identityByKey(first: String, later: String) throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] \(first)\n"),
            ("2026-11-10", "## Review\n- [x] \(later)\n"),
        ])
        #expect(s.items.count == 1)
        #expect(s.items.first?.status == .done)
        #expect(s.items.first?.id == s.items.first?.key)
    }

    @Test("A mention without the id matches by the text a mention with the id gave it")
    func keyLearnedFromAnIDMention() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Update the CV ^cv\n"),
            ("2026-11-10", "## Review\n- [/] Rewrote the CV ^cv\n"),
            ("2026-11-17", "## Review\n- [x] rewrote the cv\n"),
        ])
        #expect(s.items.count == 1)
        #expect(s.items.first?.id == "cv")
        #expect(s.items.first?.status == .done)
        #expect(s.items.first?.closedIn == "s/2026-11-17.md")
    }

    @Test("An ^id added in a later mention still names the item first written without one")
    func idAddedLater() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Update CV\n"),
            ("2026-11-10", "## Review\n- [/] Update CV ^cv\n"),
            ("2026-11-17", "## Review\n- [x] Polish the resume ^cv\n"),
        ])
        #expect(s.items.count == 1)
        #expect(s.items.first?.explicitID == "cv")
        #expect(s.items.first?.id == "cv")
        #expect(s.items.first?.key == "update cv")
        #expect(s.items.first?.status == .done)
        #expect(s.items.first?.closedIn == "s/2026-11-17.md")
    }

    @Test("Text is plain: fields out, emphasis, code and links reduced, tags kept")
    func plainText() throws {
        let notebook = InlineNotebook([("s/a.md", session("2026-11-10",
            "## Action items\n- [ ] Read [the *guide*](https://example.com) `now`   #career @sam due:2026-13-40 ^read\n"))]).link()
        let item = try #require(notebook.series("alex-chen")?.item("read"))
        #expect(item.text == "Read the guide now #career")
        #expect(item.key == "read the guide now career")
        #expect(item.tags == ["career"])
        #expect(item.owner == "sam")
        #expect(item.due == nil)
        #expect(notebook.diagnostics(.badFieldDate).map(\.line) == [6])
    }

    @Test("Different keys are different items")
    func differentKeys() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Update CV\n"),
            ("2026-11-10", "## Review\n- [x] Update CV twice\n"),
        ])
        #expect(s.items.count == 2)
        #expect(s.item("update cv")?.status == .open)
        #expect(s.item("update cv twice")?.status == .done)
    }

    @Test("A review tick closes an earlier goal")
    func reviewClosesGoal() throws {
        let s = try series([
            ("2026-11-03", "## Goals\n- Ship the case study to two reviewers\n"),
            ("2026-11-10", "## Review\n- [x] Ship the case study to two reviewers\n"),
        ])
        #expect(s.items.count == 1)
        let goal = try #require(s.item("ship the case study to two reviewers"))
        #expect(goal.kind == .goal)
        #expect(goal.status == .done)
        #expect(goal.closed == LocalDate("2026-11-10"))
        #expect(goal.created == LocalDate("2026-11-03"))
    }

    @Test("A review line matching nothing creates a new action item")
    func reviewCreatesAction() throws {
        let s = try series([
            ("2026-11-03", "## Notes\nNothing yet.\n"),
            ("2026-11-10", "## Review\n- [ ] Ask Sam for an intro\n- [x] Read the book\n"),
        ])
        #expect(s.items.map(\.id) == ["ask sam for an intro", "read the book"])
        #expect(s.items.allSatisfy { $0.kind == .action })
        #expect(s.item("ask sam for an intro")?.created == LocalDate("2026-11-10"))
        #expect(s.item("read the book")?.status == .done)
        #expect(s.item("read the book")?.closed == LocalDate("2026-11-10"))
    }

    // MARK: - States and closing

    @Test("Checkbox states", arguments: [
        ("[ ]", ItemStatus.open), ("[x]", .done), ("[X]", .done), ("[-]", .dropped), ("[/]", .inProgress),
    ])
    func checkboxStates(box: String, expected: ItemStatus) throws {
        let s = try series([("2026-11-10", "## Action items\n- \(box) Book focus mornings\n")])
        let item = try #require(s.items.first)
        #expect(item.status == expected)
        #expect(item.text == "Book focus mornings")
        #expect((item.closed != nil) == !expected.isActive)
    }

    @Test("Closed date: the done field if given, else the closing session's date", arguments: [
        ("- [x] Book focus mornings done:2026-11-07", "2026-11-07"),
        ("- [x] Book focus mornings ✅ 2026-11-08", "2026-11-08"),
        ("- [x] Book focus mornings [done:: 2026-11-06]", "2026-11-06"),
        ("- [x] Book focus mornings", "2026-11-10"),
        ("- [-] Book focus mornings", "2026-11-10"),
    ])
    func closedDate(review: String, expected: String) throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Book focus mornings\n"),
            ("2026-11-10", "## Review\n" + review + "\n"),
        ])
        let item = try #require(s.items.first)
        #expect(s.items.count == 1)
        #expect(item.closed == LocalDate(expected))
        #expect(item.closedIn == "s/2026-11-10.md")
    }

    @Test("An item created done is closed in its creating session")
    func createdDone() throws {
        let s = try series([("2026-11-10", "## Action items\n- [x] Send the slides\n")])
        let item = try #require(s.items.first)
        #expect(item.closed == LocalDate("2026-11-10"))
        #expect(item.closedIn == "s/2026-11-10.md")
        #expect(item.carried == 0)
    }

    @Test("Reopening an item clears its closed date")
    func reopening() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Book focus mornings\n"),
            ("2026-11-10", "## Review\n- [x] Book focus mornings\n"),
            ("2026-11-17", "## Review\n- [ ] Book focus mornings\n"),
        ])
        let item = try #require(s.items.first)
        #expect(item.status == .open)
        #expect(item.closed == nil)
        #expect(item.closedIn == nil)
        // Open at the end of s3 only: s2 closed it.
        #expect(item.carried == 1)
    }

    /// A session's last mention is its word, as the report's history reads it: a note that
    /// reopens a closed item and closes it again the same way leaves the closing where it
    /// was (the export had moved it to that note, while the report kept the first closing).
    @Test("Reopened and closed again in one session", arguments: [
        ("- [ ] Book focus mornings\n\n## Review\n- [x] Book focus mornings\n", ItemStatus.done, "2026-11-10", "s/2026-11-10.md"),
                // A done date given again redates the closing, which stays where it was made (as the
        // follow-ups read it).
        ("- [ ] Book focus mornings\n\n## Review\n- [x] Book focus mornings done:2026-11-12\n", .done, "2026-11-12", "s/2026-11-10.md"),
        ("- [ ] Book focus mornings\n\n## Review\n- [-] Book focus mornings\n", .dropped, "2026-11-17", "s/2026-11-17.md"),
    ])
    func reopenedAndClosedInOneSession(third: String, status: ItemStatus, closed: String, closedIn: String) throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Book focus mornings\n"),
            ("2026-11-10", "## Review\n- [x] Book focus mornings\n"),
            ("2026-11-17", "## Action items\n" + third),
        ])
        let item = try #require(s.items.first)
        #expect(item.status == status)
        #expect(item.closed == LocalDate(closed))
        #expect(item.closedIn == closedIn)
        #expect(item.carried == 0)
        let final = try #require(s.items.withUnsafeBufferPointer { TrackedItem.transitions(of: $0.baseAddress!).last })
        #expect(final.closed == item.closed)
    }

    @Test("A mention without a checkbox leaves the state alone")
    func mentionWithoutCheckbox() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [/] Book focus mornings\n"),
            ("2026-11-10", "## Action items\n- Book focus mornings\n"),
        ])
        #expect(s.items.count == 1)
        #expect(s.items.first?.status == .inProgress)
    }

    // MARK: - Carried

    @Test("carried counts held sessions after the creating one that ended with the item open", arguments: [
        // (marks in s2 and s3 — nil: not mentioned, expected carried, expected status)
        (nil as String?, nil as String?, 2, ItemStatus.open),
        ("[ ]", "[ ]", 2, .open),
        ("[/]", nil, 2, .inProgress),
        (nil, "[x]", 1, .done),
        ("[x]", nil, 0, .done),
        ("[-]", "[ ]", 1, .open),
    ])
    func carried(second: String?, third: String?, expected: Int, status: ItemStatus) throws {
        func body(_ mark: String?) -> String {
            mark.map { "## Review\n- \($0) Update CV\n" } ?? "## Notes\nOther things.\n"
        }
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Update CV\n"),
            ("2026-11-10", body(second)),
            ("2026-11-17", body(third)),
        ])
        let item = try #require(s.item("update cv"))
        #expect(item.carried == expected)
        #expect(item.status == status)
    }

    @Test("An item in the only session was carried zero times")
    func carriedZero() throws {
        let s = try series([("2026-11-10", "## Action items\n- [ ] Update CV\n")])
        #expect(s.items.first?.carried == 0)
    }

    @Test("Cancelled and planned sessions change nothing and are not counted as carries")
    func cancelledAndPlanned() throws {
        let files = [
            ("s/1.md", session("2026-11-03", "## Action items\n- [ ] Update CV\n")),
            ("s/2.md", session("2026-11-10", "## Review\n- [x] Update CV\n## Action items\n- [ ] Call Sam\n",
                               extra: "status: cancelled")),
            ("s/3.md", session("2026-11-17", "## Notes\nCatch-up.\n")),
            ("s/4.md", session("2026-12-08", "## Review\n- [x] Update CV\n## Agenda\n- [ ] Plan the talk\n")),
        ]
        let notebook = InlineNotebook(files).link(asOf: "2026-12-01")
        let s = try #require(notebook.series("alex-chen"))
        #expect(s.sessions.map(\.status) == [.held, .cancelled, .held, .planned])
        #expect(s.items.map(\.id) == ["update cv"])
        let item = try #require(s.item("update cv"))
        #expect(item.status == .open)
        #expect(item.closed == nil)
        // Only s3 is a held session after s1.
        #expect(item.carried == 1)
        #expect(item.history.map(\.file) == ["s/1.md"])
    }

    @Test("A planned note dated in the past changes nothing either")
    func plannedInPastChangesNothing() throws {
        let files = [
            ("s/1.md", session("2026-11-03", "## Action items\n- [ ] Update CV\n")),
            ("s/2.md", session("2026-11-10", "## Review\n- [x] Update CV\n- [ ] New thing\n", extra: "status: planned")),
            ("s/3.md", session("2026-11-17", "## Notes\nCatch-up.\n")),
        ]
        let s = try #require(InlineNotebook(files).link(asOf: "2026-12-01").series("alex-chen"))
        #expect(s.items.map(\.id) == ["update cv"])
        #expect(s.items.first?.status == .open)
        #expect(s.items.first?.carried == 1)
    }

    @Test("Closing from dropped to done, and reopening to in progress")
    func closedToClosedAndReopen() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [x] Alpha done:2026-11-01\n- [-] Beta\n"),
            ("2026-11-10", "## Review\n- [/] Alpha\n- [x] Beta\n"),
            ("2026-11-17", "## Review\n- [/] Alpha\n"),
        ])
        let alpha = try #require(s.item("alpha"))
        #expect(alpha.status == .inProgress)
        #expect(alpha.closed == nil)
        #expect(alpha.carried == 2)
        let beta = try #require(s.item("beta"))
        #expect(beta.status == .done)
        #expect(beta.closed == LocalDate("2026-11-10"))
        #expect(beta.closedIn == "s/2026-11-10.md")
        #expect(beta.carried == 0)
    }

    // MARK: - Overdue and due

    @Test("Overdue: open or in progress with a due date before the as-of date", arguments: [
        ("[ ]", "due:2026-11-30", true),
        ("[/]", "due:2026-11-30", true),
        ("[ ]", "due:2026-12-01", false),   // due today is not overdue yet
        ("[ ]", "due:2026-12-20", false),
        ("[ ]", "", false),
        ("[x]", "due:2026-11-30", false),
        ("[-]", "due:2026-11-30", false),
    ])
    func overdue(box: String, due: String, expected: Bool) throws {
        let s = try series([("2026-11-10", "## Action items\n- \(box) Book focus mornings \(due)\n")],
                           asOf: "2026-12-01")
        #expect(s.items.first?.overdue == expected)
    }

    @Test("A later due date replaces the earlier")
    func laterDueReplaces() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Book focus mornings due:2026-11-09\n"),
            ("2026-11-10", "## Review\n- [ ] Book focus mornings 📅 2026-12-20\n"),
            ("2026-11-17", "## Review\n- [ ] Book focus mornings\n"),
        ], asOf: "2026-12-01")
        let item = try #require(s.items.first)
        #expect(s.items.count == 1)
        #expect(item.due == LocalDate("2026-12-20"))
        #expect(item.overdue == false)
    }

    // MARK: - Owners

    @Test("Owners: @name, @mentee, @mentor and the default owner", arguments: [
        ("- [ ] @alex Book focus mornings", "alex" as String?),
        ("- [ ] Book focus mornings @Sam", "sam"),
        ("- [ ] @mentee Book focus mornings", "alex"),
        ("- [ ] @mentor Send the article", "jade"),
        ("- [ ] @jade Send the article", "jade"),
        ("- [ ] Book focus mornings", "alex"),
    ])
    func owners(line: String, expected: String?) throws {
        let s = try series([("2026-11-10", "## Action items\n" + line + "\n")])
        let item = try #require(s.items.first)
        #expect(item.owner == expected)
        #expect(!item.text.contains("@"))
    }

    @Test("default-owner none and mentor", arguments: [
        (NotebookConfig.DefaultOwner.none, nil as String?),
        (.mentor, "jade"),
        (.mentee, "alex"),
    ])
    func defaultOwner(setting: NotebookConfig.DefaultOwner, expected: String?) throws {
        let config = NotebookConfig(mentor: "Jade Green", defaultOwner: setting)
        let s = try series([("2026-11-10", "## Action items\n- [ ] Book focus mornings\n- [ ] @sam Intro\n")],
                           config: config)
        #expect(s.item("book focus mornings")?.owner == expected)
        #expect(s.item("intro")?.owner == "sam")
    }

    @Test("The mentee's and mentor's first names come from the front matter")
    func ownerFromFrontMatter() throws {
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-11-10\nmentee: Zoë O'Brien\nmentor: Priya Natarajan",
                                   "## Action items\n- [ ] Draft the plan\n- [ ] @mentor Review the plan\n")),
        ]).link()
        let s = try #require(notebook.series("zoe-obrien"))
        #expect(s.item("draft the plan")?.owner == "zoë")
        #expect(s.item("review the plan")?.owner == "priya")
    }

    /// A title or a `Family, Given` name made the first name `dr.` or `doe,`: `@jane` was
    /// nobody's, follow-through missed her items and the follow-up said "Hi Dr.," (an audit
    /// found it). The first name is the given name, without titles or punctuation.
    @Test("First names skip titles and read Family, Given names", arguments: [
        ("Dr. Jane Smith", "Jane"), ("Prof Ada Lovelace", "Ada"), ("Smith, Jane", "Jane"),
        ("Doe, John; Jr.", "John"), ("Jane Smith", "Jane"), ("Mx. Sam", "Sam"), ("Dr.", "Dr"),
        // A suffix after the comma is no given name (a review found `Hi PhD,`).
        ("Jane Smith, PhD", "Jane"), ("Martin King, Jr.", "Martin"), ("Ann Lee, Ph.D., MBA", "Ann"), ("Lee,", "Lee"),
        ("Smith, Ms. Jane", "Jane"), ("Rahman, Md. Abdul", "Abdul"), ("Jane Smith, MD", "Jane"), ("Ann Lee, MS", "Ann"),
        ("Jane Smith, MBA, CFA", "Jane"), ("Jane Smith, RN, BSN", "Jane"), ("King, Jr.", "King"),
        ("Dr. Smith, Jane", "Jane"), ("Smith Jr., John", "John"),
        ("Zoë O'Brien", "Zoë"), ("Jean-Luc Picard", "Jean-Luc"), ("  Alex   Chen ", "Alex"),
    ])
    func firstNames(name: String, expected: String) throws {
        #expect(PersonName.firstName(of: name) == expected)
        let yaml = name.contains(",") || name.contains(":") || name.hasPrefix(" ") ? "\"\(name)\"" : name
        let notebook = InlineNotebook([
            ("s/a.md", sessionNote("date: 2026-11-10\nmentee: \(yaml)\nseries: one",
                                   "## Action items\n- [ ] @\(expected.lowercased()) Draft the plan\n- [ ] @mentee Review the plan\n")),
        ]).link()
        let items = try #require(notebook.series("one")).items
        #expect(items.map(\.ownerRole) == [.mentee, .mentee])
        #expect(items.map(\.owner) == [expected.lowercased(), expected.lowercased()])
    }

    // MARK: - Where items come from

    @Test("A nested checkbox under an action is its own item with the outer item as parent")
    func nestedCheckbox() throws {
        let s = try series([("2026-11-10", """
            ## Action items
            - [ ] Prepare the talk ^talk
              - [ ] Write the outline
              - Keep it under 20 minutes
            - [ ] Book the room
            """)])
        #expect(s.items.map(\.id) == ["talk", "write the outline", "book the room"])
        #expect(s.item("write the outline")?.parent == "talk")
        #expect(s.item("talk")?.parent == nil)
        #expect(s.item("book the room")?.parent == nil)
        #expect(s.item("talk")?.details == ["Keep it under 20 minutes"])
        #expect(s.item("keep it under 20 minutes") == nil)
    }

    @Test("A nested checkbox under a key-identified item gets the key as parent")
    func nestedCheckboxParentKey() throws {
        let s = try series([("2026-11-10", "## Notes\n- [ ] Prepare the talk\n  - [x] Write the outline\n")])
        #expect(s.item("write the outline")?.parent == "prepare the talk")
        #expect(s.item("write the outline")?.status == .done)
    }

    @Test("A nested checkbox under a goal is a goal with the outer goal as parent")
    func nestedGoal() throws {
        let s = try series([("2026-11-10", "## Goals\n- Ship the case study ^ship\n  - [ ] Find two reviewers\n")])
        #expect(s.item("find two reviewers")?.kind == .goal)
        #expect(s.item("find two reviewers")?.parent == "ship")
    }

    @Test("Goals are the top-level items of the goals section, checkbox or not")
    func goals() throws {
        let s = try series([("2026-11-10", """
            ## Goals for the coming week
            - Ship the case study
            - [ ] Talk to two designers
              - Ideally from other teams
            """)])
        #expect(s.items.map(\.id) == ["ship the case study", "talk to two designers"])
        #expect(s.items.allSatisfy { $0.kind == .goal })
        #expect(s.items.allSatisfy { $0.status == .open })
        #expect(s.item("talk to two designers")?.details == ["Ideally from other teams"])
    }

    @Test("Every top-level item of the actions section is an action, checkbox or not")
    func actionsWithoutCheckbox() throws {
        let s = try series([("2026-11-10", "## Next steps\n- Book two focus mornings\n1. Send the article\n")])
        #expect(s.items.map(\.id) == ["book two focus mornings", "send the article"])
        #expect(s.items.allSatisfy { $0.kind == .action && $0.status == .open })
    }

    @Test("Task items elsewhere are actions; plain list items there are not items", arguments: [
        "## Notes\n- [ ] Look up the course\n- Talked about courses\n",
        "## Discussion\n* [ ] Look up the course\n* Talked about courses\n",
        "## Guidance\n- [ ] Look up the course\n- Talked about courses\n",
        "## Something else\n1. [ ] Look up the course\n2. Talked about courses\n",
    ])
    func tasksElsewhere(body: String) throws {
        let s = try series([("2026-11-10", body)])
        #expect(s.items.map(\.id) == ["look up the course"])
        #expect(s.items.first?.kind == .action)
    }

    @Test("Task items before the first section and under setext headings are found")
    func preambleAndSetext() throws {
        let s = try series([("2026-11-10", "- [ ] Pre item\n\nAction items\n------------\n\n- Setext item\n")])
        #expect(s.items.map(\.id) == ["pre item", "setext item"])
        #expect(s.items.map(\.line) == [5, 10])
    }

    @Test("Items of a private section are marked private")
    func privateItems() throws {
        let s = try series([("2026-11-10", """
            ## Action items
            - [ ] Book the room
            ## Private
            - [ ] Check in with their manager
            ## Goals (private)
            - Build trust
            """)])
        #expect(s.item("book the room")?.isPrivate == false)
        #expect(s.item("check in with their manager")?.isPrivate == true)
        #expect(s.item("build trust")?.isPrivate == true)
        #expect(s.item("build trust")?.kind == .goal)
    }

    // MARK: - Within one session

    @Test("Within one session a later mention wins")
    func laterMentionWins() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n- [ ] Update CV\n"),
            ("2026-11-10", "## Review\n- [x] Update CV\n## Action items\n- [ ] Update CV due:2026-11-20\n"),
        ])
        #expect(s.items.count == 1)
        let item = try #require(s.items.first)
        #expect(item.status == .open)
        #expect(item.closed == nil)
        #expect(item.due == LocalDate("2026-11-20"))
        #expect(item.carried == 1)
    }

    @Test("Within one session a later tick closes an item just created")
    func laterMentionWinsOnCreation() throws {
        let s = try series([
            ("2026-11-10", "## Notes\n- [ ] Update CV\n## Action items\n- [x] update cv!\n"),
            ("2026-11-17", "## Notes\nNothing.\n"),
        ])
        #expect(s.items.count == 1)
        let item = try #require(s.items.first)
        #expect(item.status == .done)
        #expect(item.closed == LocalDate("2026-11-10"))
        #expect(item.carried == 0)
    }

    // MARK: - Position

    @Test("line is the 1-based file line, front matter included")
    func lines() throws {
        // Lines: 1 ---, 2 date, 3 mentee, 4 ---, 5 # Title, 6 blank, 7 ## Action items, 8, 9 items,
        // 10 blank, 11 ## Goals, 12 goal.
        let s = try series([("2026-11-10", "# Title\n\n## Action items\n- [ ] First\n- [ ] Second\n\n## Goals\n- Third\n")])
        #expect(s.item("first")?.line == 8)
        #expect(s.item("second")?.line == 9)
        #expect(s.item("third")?.line == 12)
        #expect(s.item("first")?.file == "s/2026-11-10.md")
    }

    @Test("line counts CRLF lines and front matter comments and lists")
    func linesWithCRLFAndComments() throws {
        let crlf = "---\r\ndate: 2026-11-10\r\nmentee: Alex Chen\r\n---\r\n## Action items\r\n- [ ] First\r\n"
        let comments = "---\n# a comment\ndate: 2026-11-17\n\ntags:\n  - a\n  - b\nmentee: Alex Chen\n---\n## Action items\n- [ ] Second\n"
        let s = try #require(InlineNotebook([("a.md", crlf), ("b.md", comments)]).link().series("alex-chen"))
        #expect(s.item("first")?.line == 6)
        #expect(s.item("second")?.line == 11)
    }

    @Test("An item keeps the line and file of the mention that created it")
    func lineOfCreation() throws {
        let s = try series([
            ("2026-11-03", "## Action items\n\n- [ ] Update CV\n"),
            ("2026-11-10", "## Review\n- [x] Update CV\n"),
        ])
        let item = try #require(s.items.first)
        #expect(item.file == "s/2026-11-03.md")
        #expect(item.line == 7)
        #expect(item.created == LocalDate("2026-11-03"))
    }

    @Test("Items are in creation order across the series")
    func creationOrder() throws {
        let s = try series([
            ("2026-11-10", "## Action items\n- [ ] Second\n"),
            ("2026-11-03", "## Action items\n- [ ] First\n"),
            ("2026-11-17", "## Review\n- [x] Second\n- [ ] Third\n"),
        ])
        #expect(s.items.map(\.id) == ["first", "second", "third"])
    }
}

@Suite("An item closes once as its definition says")
struct ClosesOnceTests {
    /// The definition, on copies of the history's values.
    static func definition(_ history: [TrackedItem.Event]) -> Bool {
        guard let first = history.firstIndex(where: { !$0.status.isActive }) else { return true }
        let closing = history[first]
        if let closed = closing.closed, closed < (first > 0 ? history[first - 1].date : closing.date) { return false }
        return history[first...].allSatisfy { $0.status == closing.status }
    }

    @Test func randomHistories() {
        var random = SeededRandom(seed: 41)
        let statuses: [ItemStatus] = [.open, .inProgress, .done, .dropped]
        var outcomes: Set<Bool> = []
        for _ in 0..<5_000 {
            let count = random.next() % 6
            var day = 1
            let history = (0..<count).map { _ -> TrackedItem.Event in
                day += random.next() % 3
                let status = statuses[random.next() % statuses.count]
                // A closing date before, on or after its session's, or none.
                let closed = status.isActive || random.next() % 4 == 0 ? nil
                    : LocalDate(year: 2026, month: 11, day: max(1, day - 2 + random.next() % 5))
                return TrackedItem.Event(file: "s/\(day).md", date: LocalDate(year: 2026, month: 11, day: day)!, line: 1,
                                         status: status, checkbox: status, due: nil, carried: 0, closed: closed)
            }
            let fast = history.withUnsafeBufferPointer(TrackedItem.closesOnce(history:))
            #expect(fast == Self.definition(history), "\(history.map { ($0.date, $0.status, $0.closed as Any) })")
            outcomes.insert(fast)
        }
        #expect(outcomes == [true, false])
    }
}
