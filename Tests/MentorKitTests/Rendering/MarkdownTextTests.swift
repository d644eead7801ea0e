import Testing
@testable import MentorKit

/// `MarkdownText.escape` takes shortcuts for plain and ASCII text; they must give what
/// escaping character by character gives.
@Suite("Markdown escaping")
struct MarkdownTextTests {
    static let samples = [
        "", "plain words", "Zoë O'Brien", "日本語のテキスト", "emoji 👩🏽‍💻 here",
        "plan the design doc #negotiation [16.2]!", "a*b_c`d|e\\f", "<script>alert(1)</script>",
        "line\nbreak", "crlf\r\nbreak", "lone\rcr", "\r\r\n\n\r", "trailing \r", "\n",
        // A combining mark makes one character with the `*` or `_` before it: not escaped.
        "*\u{301}bold", "snake_\u{308}case", "e\u{301} [x]",
        // A prepended mark joins the character after it.
        "\u{600}*", "[\u{200D}]", "ﬁ|ligature", "tab\tand\u{7F}del",
        "A &amp;copy; B &#60;x&#62; & C &&a ~~del~~ ~x", "é&copy; ~", "&", "&&", "&é",
    ]

    /// An entity or GFM strikethrough in an item's text was shown as `©` or struck through
    /// (an audit found it): the Markdown shows the text as written.
    @Test func entitiesAndTildesShowAsWritten() {
        #expect(MarkdownText.escape("A &copy; B & C ~~del~~") == "A \\&copy; B & C \\~\\~del\\~\\~")
        let text = "A &amp;copy; B &#60;script&#62; C & D ~~del~~"
        let html = CMarkAdapter.safeHTML(MarkdownText.escape(text))
        #expect(html == "<p>A &amp;amp;copy; B &amp;#60;script&amp;#62; C &amp; D ~~del~~</p>\n")
    }

    @Test(arguments: samples) func shortcutsEscapeAsCharactersDo(_ text: String) {
        #expect(MarkdownText.escape(text) == MarkdownText.escapeByCharacter(text))
    }

    @Test func randomASCIIEscapesAsCharactersDo() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab \\`*_[]|<>\n\r\t#!.-&~")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(MarkdownText.escape(text) == MarkdownText.escapeByCharacter(text), "\(text.debugDescription)")
        }
    }
}
