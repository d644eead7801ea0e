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
    ]

    @Test(arguments: samples) func shortcutsEscapeAsCharactersDo(_ text: String) {
        #expect(MarkdownText.escape(text) == MarkdownText.escapeByCharacter(text))
    }

    @Test func randomASCIIEscapesAsCharactersDo() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab \\`*_[]|<>\n\r\t#!.-")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(MarkdownText.escape(text) == MarkdownText.escapeByCharacter(text), "\(text.debugDescription)")
        }
    }
}
