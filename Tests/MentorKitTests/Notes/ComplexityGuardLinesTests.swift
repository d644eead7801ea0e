import Testing
@testable import MentorKit

@Suite("The complexity guard's verdict from line lengths")
struct ComplexityGuardLinesTests {
    /// Nesting just under, at and over the limit, on one line or split by a lone CR, with
    /// LF and CRLF line ends, before and after other lines.
    static var nearTheLimit: [String] {
        var bodies: [String] = []
        for depth in [ComplexityGuard.maximumNesting - 2, ComplexityGuard.maximumNesting - 1, ComplexityGuard.maximumNesting,
                      ComplexityGuard.maximumNesting + 1, ComplexityGuard.maximumNesting + 5] {
            let quotes = String(repeating: ">", count: depth)
            let lists = String(repeating: "- ", count: depth / 2)
            for line in [quotes, lists, quotes + " text", "1. " + quotes] {
                bodies += ["\(line)\n", "intro\n\(line)\nafter\n", "a\r\n\(line)\r\nb", line,
                           "\(line.prefix(depth / 2))\r\(line.dropFirst(depth / 2))\n"]
            }
        }
        return bodies
    }

    @Test(arguments: nearTheLimit)
    func sameVerdictAsTheScan(body: String) {
        let lines = BodyLines(body[...])
        let scan = ComplexityGuard.check(body[...])
        #expect(ComplexityGuard.check(lines) == scan)
        if ComplexityGuard.withinLimits(lines) { #expect(scan == nil) }
    }

    @Test func overTheLimitIsFound() {
        let deep = String(repeating: ">", count: ComplexityGuard.maximumNesting + 1) + "\n"
        #expect(!ComplexityGuard.withinLimits(BodyLines(deep[...])))
        #expect(ComplexityGuard.check(BodyLines(deep[...])) == .tooDeep(line: 1, depth: ComplexityGuard.maximumNesting + 1))
        let images = String(repeating: "![", count: ComplexityGuard.maximumImageOpeners + 1)
        #expect(ComplexityGuard.check(BodyLines(images[...])) != nil)
    }

    @Test func ordinaryNotesSkipTheScan() {
        let note = "## Minutes\n\n- [ ] send the deck @alex due:2026-12-01\n  > quoted\n\n1. first\r\n2. second\n"
        #expect(ComplexityGuard.withinLimits(BodyLines(note[...])))
        // A lone CR leaves the verdict to the scan: the scan does not end a line there.
        #expect(!ComplexityGuard.withinLimits(BodyLines("a\rb\n"[...])))
    }

    @Test func randomBodiesAgree() {
        var state = SeededRandom(seed: 14)
        let alphabet = Array("- * + > 1. 2) ![ x\n\n\r\t".utf8)
        for round in 0..<4_000 {
            var bytes = ByteScanTests.randomBytes(&state, alphabet: alphabet)
            // Some bodies with one very long nested line.
            if round % 10 == 0 { bytes += Array(String(repeating: "> ", count: 240 + round % 30).utf8) + [0x0A] }
            let body = String(decoding: bytes, as: UTF8.self)
            let lines = BodyLines(body[...])
            let scan = ComplexityGuard.check(body[...])
            #expect(ComplexityGuard.check(lines) == scan, "\(body.debugDescription)")
            if ComplexityGuard.withinLimits(lines) { #expect(scan == nil, "\(body.debugDescription)") }
        }
    }
}
