/// The shapes of input that cmark's own pathological tests use, written out here, with
/// which of them Debian's cmark 0.30.2 is slow on (measured: docs/robustness.md).
enum PathologicalInputs {
    struct Input: Sendable {
        var name: String
        var slowInCmark030: Bool
        var text: @Sendable () -> String
    }

    static func repeated(_ unit: String, _ count: Int) -> String { String(repeating: unit, count: count) }

    static let all: [Input] = [
        Input(name: "nested strong emphasis", slowInCmark030: false) { repeated("*a **a ", 32_500) + "b" + repeated(" a** a*", 32_500) },
        Input(name: "emphasis closers without openers", slowInCmark030: false) { repeated("a_ ", 32_500) },
        Input(name: "emphasis openers without closers", slowInCmark030: false) { repeated("_a ", 32_500) },
        Input(name: "link closers without openers", slowInCmark030: false) { repeated("a]", 32_500) },
        Input(name: "link openers without closers", slowInCmark030: false) { repeated("[a", 32_500) },
        Input(name: "mismatched openers and closers", slowInCmark030: false) { repeated("*a_ ", 25_000) },
        Input(name: "openers then mixed closers", slowInCmark030: false) { repeated("*a ", 20_000) + repeated("_a*_ ", 20_000) },
        Input(name: "openers and closers multiple of 3", slowInCmark030: false) { "a**b" + repeated("c* ", 25_000) },
        Input(name: "link openers and emphasis closers", slowInCmark030: false) { repeated("[ a_", 25_000) },
        Input(name: "bracket paren pattern", slowInCmark030: false) { repeated("[ (](", 40_000) },
        Input(name: "image bracket pattern", slowInCmark030: true) { repeated("![[]()", 160_000) },
        Input(name: "hard link and emphasis case", slowInCmark030: false) { "**x [a*b**c*](d)" },
        Input(name: "nested brackets", slowInCmark030: false) { repeated("[", 25_000) + "a" + repeated("]", 25_000) },
        Input(name: "nested block quotes", slowInCmark030: false) { repeated("> ", 25_000) + "a" },
        Input(name: "deeply nested lists", slowInCmark030: false) { (0..<500).map { repeated("  ", $0) + "* a\n" }.joined() },
        Input(name: "backticks", slowInCmark030: false) { (1..<2500).map { "e" + repeated("`", $0) }.joined() },
        Input(name: "unclosed links with angle brackets", slowInCmark030: false) { repeated("[a](<b", 30_000) },
        Input(name: "unclosed links", slowInCmark030: false) { repeated("[a](b", 30_000) },
        Input(name: "unclosed HTML comments", slowInCmark030: false) { "</" + repeated("<!--", 300_000) },
        Input(name: "empty lines in deeply nested lists", slowInCmark030: true) { repeated("- ", 30_000) + "x" + repeated("\n", 30_000) },
        Input(name: "empty lines in deeply nested lists in a quote", slowInCmark030: true) {
            "> " + repeated("- ", 30_000) + "x\n" + repeated(">\n", 30_000)
        },
        Input(name: "emphasis in a deep block quote", slowInCmark030: true) { repeated(">", 100_000) + repeated("a*", 100_000) },
        Input(name: "many reference definitions", slowInCmark030: false) {
            (0..<25_000).map { "[x\($0)]: /url\n\n[x0]\n\n" }.joined()
        },
        Input(name: "nested inlines", slowInCmark030: false) { repeated("*", 20_000) + "a" + repeated("*", 20_000) },
    ]
}
