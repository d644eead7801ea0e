import Testing
@testable import MentorKit

@Suite("A note's text made in runs is the text String(validating:) makes")
struct UTF8TextTests {
    /// Valid characters of every length, and byte sequences that are not UTF-8: a lone
    /// continuation byte, an overlong form, a surrogate, a code point beyond U+10FFFF, a
    /// lead byte without its continuation, bytes that are never UTF-8.
    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array(" ".utf8), Array("\n".utf8), Array("- [ ] ".utf8), Array("due: 2026-12-01".utf8),
        Array("é".utf8), Array("—".utf8), Array("📅".utf8), Array("e\u{301}".utf8), Array("Ölçü".utf8),
        [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F], [0xFF], [0xC2],
    ]

    static func check(_ bytes: [UInt8]) {
        let made = bytes.withUnsafeBufferPointer(UTF8Text.string(validating:))
        let expected = String(validating: bytes, as: UTF8.self)
        #expect((made == nil) == (expected == nil), "\(bytes)")
        if let made, let expected {
            #expect(Array(made.utf8) == Array(expected.utf8), "\(bytes)")
            #expect(made.utf8.count == bytes.count)
            #expect(made.count == expected.count)
        }
    }

    @Test(arguments: [
        "", "plain ASCII text that is longer than eight bytes", "📅", "a📅", "📅a", "due 📅 2026-12-01\n- [x] done ✅ 2026-11-30\n",
        "Álex and Zoë — thé révision", String(repeating: "é", count: 300), String(repeating: "ab é ", count: 200),
    ])
    func written(text: String) {
        Self.check(Array(text.utf8))
    }

    @Test func invalidAtEveryPlace() {
        let text = Array("line one\n📅 2026-12-01 — done\nlast".utf8)
        for invalid in Self.pieces.suffix(8) {
            for place in 0...text.count {
                Self.check(Array(text[..<place]) + invalid + Array(text[place...]))
            }
        }
    }

    @Test func random() {
        var random = SeededRandom(seed: 5)
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            // Mostly valid text, with runs of ASCII long enough to take eight bytes at a time.
            for _ in 0..<(random.next() % 40) {
                let pick = random.next() % 100
                if pick < 70 { bytes += Self.pieces[random.next() % 5] } else if pick < 97 { bytes += Self.pieces[5 + random.next() % 5] } else { bytes += Self.pieces[10 + random.next() % 8] }
            }
            Self.check(bytes)
        }
    }

    @Test func manyRunsTakeTheOneCheck() {
        // Over the limit of runs, the one check decides, and agrees.
        let many = Array(String(repeating: "é a ", count: 1_000).utf8)
        Self.check(many)
        Self.check(many + [0x80])
    }
}
