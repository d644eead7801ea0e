import Testing
@testable import MentorKit

@Suite("Front matter splitting")
struct NoteTextTests {
    @Test("LF, CRLF and a byte order mark all split the same way",
          arguments: [
              "---\ndate: 2026-11-10\n---\n# Title\n",
              "---\r\ndate: 2026-11-10\r\n---\r\n# Title\r\n",
              "\u{FEFF}---\ndate: 2026-11-10\n---\n# Title\n",
          ])
    func splitsFrontMatter(text: String) throws {
        let split = try NoteText.split(Array(text.utf8)).get()
        #expect(split.frontMatter?.contains("date: 2026-11-10") == true)
        #expect(split.bodyLineOffset == 3)
        #expect(split.body.hasPrefix("# Title"))
    }

    @Test func noFrontMatterKeepsTheWholeBody() throws {
        let split = try NoteText.split(Array("# Just notes\n\n---\n".utf8)).get()
        #expect(split.frontMatter == nil)
        #expect(split.bodyLineOffset == 0)
        #expect(split.body == "# Just notes\n\n---\n")
    }

    @Test func closingDotsAlsoEndFrontMatter() throws {
        let split = try NoteText.split(Array("---\na: 1\n...\nbody".utf8)).get()
        #expect(split.frontMatter == "a: 1\n")
        #expect(split.body == "body")
    }

    /// Fences found on bytes, edge by edge: (text, front matter or "unterminated", body, body line offset).
    @Test("Fence edges: bare fences, spaces, tabs and CRs after them, longer rules, a lone CR file",
          arguments: [
              ("", nil, "", 0), ("---", "unterminated", "", 0), ("---\n---", "", "", 2),
              ("---\r\na: 1\r\n...\r\nBody", "a: 1\r\n", "Body", 3),
              ("--- \t\nk: v\n---  \nrest\n", "k: v\n", "rest\n", 3), ("----\nx\n---\n", nil, "----\nx\n---\n", 0),
              ("---\nx\n..\n", "unterminated", "", 0), ("text\n---\n", nil, "text\n---\n", 0),
              ("---\ra: 1\r---\rBody", "a: 1\n", "Body", 3), ("---\n\n---\n\n", "\n", "\n", 3),
              // Lone CRs mixed with LF and CRLF: each a line end, a CRLF one.
              ("---\ra: 1\r---\rBody\nmore\r\n", "a: 1\n", "Body\nmore\r\n", 3),
              ("---\r\na: 1\rb: 2\r\n---\r\nBody", "a: 1\nb: 2\r\n", "Body", 4),
              ("---\na: 1\n---\nBody\rend\r", "a: 1\n", "Body\nend\n", 3),
              ("---\né: ü\n---\nÀ", "é: ü\n", "À", 3),
          ] as [(String, String?, String, Int)])
    func fenceEdges(text: String, frontMatter: String?, body: String, offset: Int) {
        switch NoteText.split(Array(text.utf8)) {
        case .success(let split):
            #expect(split.frontMatter == frontMatter)
            #expect(split.body == body)
            #expect(split.bodyLineOffset == offset)
        case .failure(let failure):
            #expect(failure == .unterminatedFrontMatter && frontMatter == "unterminated")
        }
    }

    @Test func unterminatedFrontMatterFails() {
        #expect(throws: NoteText.Failure.unterminatedFrontMatter) {
            try NoteText.split(Array("---\ndate: 2026-11-10\n# no end\n".utf8)).get()
        }
    }

    /// Lines counted as everywhere else: LF, CRLF, and a lone CR each end one.
    @Test("Invalid UTF-8 is located by line and column", arguments: ["\n", "\r\n", "\r"])
    func invalidUTF8IsLocated(lineEnd: String) {
        let bytes: [UInt8] = Array("---\(lineEnd)ok: 1\(lineEnd)".utf8) + [0x61, 0xFF, 0x62]
        #expect(throws: NoteText.Failure.notUTF8(line: 3, column: 2, utf16: false)) {
            try NoteText.split(bytes).get()
        }
    }

    /// A note beyond ASCII is checked run by run (`UTF8Text`): a bad byte after valid
    /// characters of every length is still refused, and located where it is.
    @Test("Invalid UTF-8 after characters beyond ASCII is located", arguments: [
        ([0x80], 2), ([0xC3, 0x28], 2), ([0xE2, 0x82], 2), ([0xF0, 0x9F], 2), ([0xED, 0xA0, 0x80], 2),
    ])
    func invalidAfterNonASCII(invalid: [UInt8], column: Int) {
        let bytes: [UInt8] = Array("---\ndate: 2026-12-01\n---\n- [ ] é 📅 2026-12-02 — ok\n".utf8)
            + Array("x".utf8) + invalid + Array(" and Zoë\n".utf8)
        #expect(throws: NoteText.Failure.notUTF8(line: 5, column: column, utf16: false)) {
            try NoteText.split(bytes).get()
        }
    }

    @Test func utf16IsNamed() {
        #expect(throws: NoteText.Failure.notUTF8(line: 1, column: 1, utf16: true)) {
            try NoteText.split([0xFF, 0xFE, 0x2D, 0x00]).get()
        }
    }

    @Test("A NUL byte makes the file binary, located by its line and column", arguments: ["\n", "\r\n", "\r"])
    func nulByteIsBinary(lineEnd: String) {
        #expect(throws: NoteText.Failure.binary(line: 3, column: 2)) {
            try NoteText.split(Array("abc\(lineEnd)d\(lineEnd)e".utf8) + [0, 1, 2]).get()
        }
        // Columns count characters, as `not-utf8` does (an audit found column 1 always).
        #expect(throws: NoteText.Failure.binary(line: 2, column: 4)) {
            try NoteText.split(Array("x\(lineEnd)éa€".utf8) + [0]).get()
        }
        #expect(throws: NoteText.Failure.binary(line: 1, column: 1)) { try NoteText.split([0, 0x41]).get() }
    }

    /// The text entry point (`NoteReader.read(path:text:)`) splits as the bytes one does.
    @Test("Text and bytes split the same, line ends mixed", arguments: [
        "---\ra: 1\r---\rBody\nmore\r\n", "---\r\na: 1\rb: 2\r\n---\r\nBody", "---\na: 1\n---\nx\r\r\ny\r",
        "---\na: 1\r\r\n---\nBody",
    ])
    func textAndBytesAgree(text: String) throws {
        let fromBytes = try NoteText.split(Array(text.utf8)).get()
        let fromText = try NoteText.split(text).get()
        #expect(fromBytes.frontMatter == fromText.frontMatter)
        #expect(fromBytes.body == fromText.body)
        #expect(fromBytes.bodyLineOffset == fromText.bodyLineOffset)
    }
}
