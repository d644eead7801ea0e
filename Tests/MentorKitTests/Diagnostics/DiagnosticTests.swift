import Testing
@testable import MentorKit

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test func formattedLikeACompiler() {
        let diagnostic = Diagnostic(file: "sessions/a.md", line: 3, column: 7, code: .badDate, message: "fix it")
        #expect(diagnostic.formatted == "sessions/a.md:3:7: error: fix it [bad-date]")
        #expect(Diagnostic(file: "a.md", code: .unknownKey, message: "m").formatted == "a.md:1:1: warning: m [unknown-key]")
    }

    @Test func sortedByFileThenLineThenColumnWithoutDuplicates() {
        let list = [
            Diagnostic(file: "b.md", line: 1, code: .badDate, message: "x"),
            Diagnostic(file: "a.md", line: 10, code: .badDate, message: "x"),
            Diagnostic(file: "a.md", line: 2, column: 5, code: .badDate, message: "x"),
            Diagnostic(file: "a.md", line: 2, column: 1, code: .badDate, message: "x"),
            Diagnostic(file: "a.md", line: 2, column: 1, code: .badDate, message: "x"),
        ]
        #expect(list.sortedForReport().map { "\($0.file):\($0.line):\($0.column)" } == ["a.md:2:1", "a.md:2:5", "a.md:10:1", "b.md:1:1"])
    }

    @Test func codesAreUniqueAndKebabCase() {
        let codes = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber } })
    }

    @Test("Severities of the codes the spec names", arguments: [
        (DiagnosticCode.unknownKey, Severity.warning), (.badFieldDate, .warning), (.noNextSession, .warning),
        (.plannedInPast, .warning), (.previousOtherSeries, .warning), (.previousCycle, .error),
        (.badPrevious, .error), (.sameTimeConflict, .error), (.notUTF8, .error), (.missingDate, .error),
    ])
    func severities(code: DiagnosticCode, severity: Severity) {
        #expect(code.defaultSeverity == severity)
    }

    /// The cleaning the fast path must agree with: every scalar looked at, by characters.
    static func referenceCleaned(_ message: String) -> String {
        var cleaned = String(message.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        if cleaned.count > 400 { cleaned = String(cleaned.prefix(400)) + "…" }
        return cleaned
    }

    @Test("Messages are kept to one line of at most 400 characters, the fast path as the walk by characters",
          arguments: [
              "fix it", "", "tab\there", "line\nbreak", "crlf\r\nbreak", "del\u{7F}x", "caf\u{E9}",
              "e\u{301} combined", "\u{1F4C5} 2026-12-01", String(repeating: "a", count: 399),
              String(repeating: "a", count: 400), String(repeating: "a", count: 401), String(repeating: "ab", count: 300),
              String(repeating: "\u{E9}", count: 399) + "xy", String(repeating: "e\u{301}", count: 401),
              String(repeating: "a", count: 398) + "\r\n", String(repeating: "a", count: 400) + "\n",
          ])
    func messagesAreCleaned(message: String) {
        let diagnostic = Diagnostic(file: "a.md", code: .badDate, message: message)
        #expect(diagnostic.message == Self.referenceCleaned(message))
        #expect(!diagnostic.message.contains { $0.isNewline })
        #expect(diagnostic.message.count <= 401)
    }

    @Test func randomMessagesAreCleanedAsByTheWalk() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", " ", "~", "\u{1F}", "\u{7F}", "\t", "\n", "\r", "\r\n", "\u{E9}", "\u{301}", "\u{1F4C5}", "xyz"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...450, using: &generator)
            let message = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Diagnostic(file: "a.md", code: .badDate, message: message).message == Self.referenceCleaned(message))
        }
    }

    @Test func fileNamesWithControlCharactersPrintOnOneLine() {
        #expect(Diagnostic(file: "a\nb.md", code: .badDate, message: "m").formatted == "a?b.md:1:1: error: m [bad-date]")
        #expect(Diagnostic(file: "caf\u{E9}.md", code: .badDate, message: "m").formatted == "caf\u{E9}.md:1:1: error: m [bad-date]")
    }
}
