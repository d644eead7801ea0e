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
}
