import Testing
@testable import MentorKit

@Suite("Section headings")
struct SectionKindTests {
    @Test("Heading words from the spec's table", arguments: [
        ("Agenda", SectionKind.agenda), ("Talking points:", .agenda),
        ("Check-in", .checkin), ("Check in", .checkin), ("Checking in", .checkin),
        ("Review", .review), ("Previous actions", .review), ("Last time", .review), ("Since last time", .review),
        ("Notes", .notes), ("Minutes", .notes), ("Discussion", .notes),
        ("Challenges", .challenges), ("Blockers", .challenges),
        ("Guidance", .guidance), ("Advice", .guidance),
        ("Key takeaways", .takeaways), ("Takeaways", .takeaways),
        ("Goals", .goals), ("Goals for the week", .goals), ("Goals for next week", .goals),
        ("Goals for the coming week", .goals),
        ("Action items", .actions), ("Actions", .actions), ("Next steps", .actions), ("To do", .actions),
        ("Todo", .actions),
        ("Next session", .next), ("Next meeting", .next), ("Logistics", .next),
        ("Resources", .resources), ("Links", .resources),
        ("🎯 GOALS", .goals), ("**Action items:**", .actions), ("2. Agenda", .agenda),
        ("Reading list", .other),
    ])
    func classify(heading: String, kind: SectionKind) {
        #expect(SectionKind.classify(heading: heading).kind == kind)
        #expect(SectionKind.classify(heading: heading).isPrivate == false)
    }

    @Test("Private sections", arguments: [
        ("Private", SectionKind.other), ("Notes (private)", .notes), ("Challenges (Private):", .challenges),
        ("2. Private", .other), ("3) Private", .other), ("4. Notes (private)", .notes), ("Private ✨", .other),
    ])
    func privateSections(heading: String, kind: SectionKind) {
        let result = SectionKind.classify(heading: heading)
        #expect(result.kind == kind)
        #expect(result.isPrivate)
    }

    /// A heading a letter or two away from a known one (a product review lost its goals to
    /// `## Goal`, silently) is named with the heading it probably meant; other headings
    /// are sections of their own and get nothing.
    @Test("Near misses of known headings", arguments: [
        ("Goal", "Goals", SectionKind.goals), ("Challanges", "Challenges", .challenges), ("Action item", "Action items", .actions),
        ("2. Take aways:", "Takeaways", .takeaways), ("Resource (private)", "Resources", .resources), ("Agendas", "Agenda", .agenda),
        ("Check-ins", "Check in", .checkin), ("Nxt session", "Next session", .next),
    ])
    func nearMisses(heading: String, meant: String, kind: SectionKind) {
        #expect(SectionKind.classify(heading: heading).kind == .other)
        let miss = SectionKind.nearMiss(heading: heading)
        #expect(miss?.heading == meant)
        #expect(miss?.kind == kind)
    }

    @Test("Headings of their own are no near misses", arguments: [
        "Career chat", "Goal setting", "Private", "Vision", "Notes from Sam", "Q&A", "Log", "Goals", "Ideas", "",
        // Ordinary words a letter away from a known heading (a review found them warned about).
        "Options", "Preview", "Votes", "Nodes", "Sources", "Lines", "Agents", "Adviser", "Motions", "Actors",
    ])
    func notNearMisses(heading: String) {
        #expect(SectionKind.nearMiss(heading: heading) == nil)
    }

    /// Headings that say private without being private: slips of the word, and the word
    /// written other than `(private)` at the end (a review found `Notes - private` public
    /// without a word, and digits in a slip missed by a first fast path).
    @Test("Headings that mention private", arguments: [
        ("Privte", true), ("Notes (privat)", true), ("Prvate", true), ("Notes - private", true), ("Notes [private]", true),
        ("Notes ( private )", true), ("Notes: private", true), ("Private notes", true), ("Notes (priv4te)", true), ("Pr1vate", true),
        ("Privacy", false), ("Pirate", false), ("Notes", false), ("Planning", false), ("Priorities", false),
        ("Primate studies", false), ("Privates", false), ("Pricing", false), ("Prior art", false),
    ])
    func headingsThatMentionPrivate(heading: String, mentions: Bool) {
        #expect(SectionKind.classify(heading: heading).isPrivate == false)
        #expect(SectionKind.mentionsPrivate(heading: heading) == mentions)
    }

    /// In headings of eight letters or more: in shorter ones a swap is often a word.
    @Test("Swapped letters are slips too", arguments: [("Guidnace", "Guidance"), ("Resoruces", "Resources"), ("Next sesison", "Next session"),
                                                       ("Minuets", nil), ("Gaols", nil), ("Reveiw", nil)] as [(String, String?)])
    func swappedLetters(heading: String, meant: String?) {
        #expect(SectionKind.nearMiss(heading: heading)?.heading == meant)
    }

    @Test func goalsForThisWeekAreGoals() {
        #expect(SectionKind.classify(heading: "Goals for this week").kind == .goals)
    }

    @Test func privateAsAnOrdinaryWordIsNotPrivate() {
        #expect(SectionKind.classify(heading: "Going private").isPrivate == false)
    }

    /// `isPrivate(heading:)` looks for the letters first; it must say what `classify` says.
    @Test("isPrivate agrees with classify", arguments: [
        "Private", "PRIVATE", "Notes (private)", "Challenges (Private):", "2. Private", "Private ✨", "Going private",
        "Session 20 with Zoë Chen 3", "Zoë (private)", "Meine Notizen (PRIVATE)", "PRİVATE", "Privat", "(private) notes",
        "Ｐｒｉｖａｔｅ", "Notes (priv ate)", "", "🎯 Goals (private)", "Private\u{301}", "Notes\u{A0}(private)",
    ])
    func isPrivateAgrees(heading: String) {
        #expect(SectionKind.isPrivate(heading: heading) == SectionKind.classify(heading: heading).isPrivate)
    }
}
