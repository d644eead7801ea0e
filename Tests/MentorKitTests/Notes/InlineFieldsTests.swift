import Testing
@testable import MentorKit

@Suite("Inline fields of an item")
struct InlineFieldsTests {
    @Test("All three due-date syntaxes", arguments: [
        "Ship it due:2026-11-17",
        "Ship it 📅 2026-11-17",
        "Ship it [due:: 2026-11-17]",
        "Ship it 📅2026-11-17",
    ])
    func dueDates(text: String) {
        let fields = InlineFields(parsing: text)
        #expect(fields.due == LocalDate("2026-11-17"))
        #expect(fields.text == "Ship it")
        #expect(fields.badDates.isEmpty)
    }

    @Test("All three done-date syntaxes", arguments: [
        "Ship it done:2026-11-14",
        "Ship it ✅ 2026-11-14",
        "Ship it [done:: 2026-11-14]",
    ])
    func doneDates(text: String) {
        let fields = InlineFields(parsing: text)
        #expect(fields.done == LocalDate("2026-11-14"))
        #expect(fields.text == "Ship it")
    }

    @Test func ownerIdAndTags() {
        let fields = InlineFields(parsing: "@alex Book two #focus mornings 📅 2026-11-14 ^focus-1")
        #expect(fields.owner == "alex")
        #expect(fields.id == "focus-1")
        #expect(fields.tags == ["focus"])
        #expect(fields.text == "Book two #focus mornings")
    }

    @Test func onlyTheFirstMentionIsTheOwner() {
        let fields = InlineFields(parsing: "Ask @sam for an intro, @alex")
        #expect(fields.owner == "sam")
        #expect(fields.text == "Ask for an intro, @alex")
    }

    @Test func emailIsNotAnOwner() {
        let fields = InlineFields(parsing: "Mail alex@example.com the notes")
        #expect(fields.owner == nil)
    }

    @Test("A malformed date is reported and taken out", arguments: [
        ("Ship due:2026-13-40", "due"), ("Ship 📅 tomorrow", "📅"), ("Ship [done:: 2026-02-30]", "done"),
    ])
    func malformedDates(text: String, field: String) {
        let fields = InlineFields(parsing: text)
        #expect(fields.due == nil && fields.done == nil)
        #expect(fields.badDates.map(\.field) == [field])
        #expect(fields.text == "Ship")
    }

    @Test func caretInsideTextIsNotAnId() {
        let fields = InlineFields(parsing: "Raise x^2 to the team")
        #expect(fields.id == nil)
        #expect(fields.text == "Raise x^2 to the team")
    }

    @Test("Keys fold case and drop punctuation", arguments: [
        ("Update CV!", "update cv"),
        ("update   cv", "update cv"),
        ("Ask Sam — for an *intro*?", "ask sam for an intro"),
        ("Zoë's  plan", "zoës plan"),
        ("#career Update CV", "career update cv"),
    ])
    func keys(text: String, key: String) {
        #expect(InlineFields.key(of: text) == key)
    }
}
