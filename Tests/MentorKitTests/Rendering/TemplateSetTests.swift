import Dispatch
import Foundation
import MentorTemplates
import Mustache
import Testing
@testable import MentorKit

/// The template set parses the defaults only when a document needs them: what it renders
/// must be what a library holding every template renders.
@Suite("Templates parsed on demand")
struct TemplateSetTests {
    static let defaultNames = DefaultTemplates.files.map { TemplateSet.name(of: $0.name) }

    /// Every default template parsed up front, as the set did before it parsed on demand.
    static func everyTemplate(_ overrides: [String: String] = [:]) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (file, text) in DefaultTemplates.files { try library.register(text, named: TemplateSet.name(of: file)) }
        for (file, text) in overrides { try library.register(text, named: TemplateSet.name(of: file)) }
        return library
    }

    static var context: [String: Any] {
        ["title": "Weekly", "mentee": "Alex Chen", "series": [["mentee": "Alex Chen"]],
         "period": ["from": "2026-11-30", "to": "2026-12-06", "noun": "week"]]
    }

    @Test("Each default renders as with every template parsed, its partials included", arguments: defaultNames)
    func defaultsRenderAsWithEveryTemplate(name: String) throws {
        let expected = try #require(try Self.everyTemplate().render(Self.context, withTemplate: name))
        #expect(TemplateSet(overrides: [:]).render(name, Self.context) == expected)
    }

    @Test("What one document parsed does not change another's text")
    func documentsRenderTheSameInAnyOrder() throws {
        let shared = TemplateSet(overrides: [:])
        let first = Self.defaultNames.map { shared.render($0, Self.context) }
        let reversed = Self.defaultNames.reversed().map { shared.render($0, Self.context) }
        #expect(first == Array(reversed.reversed()))
        #expect(first.allSatisfy { $0 != nil })
        #expect(first == Self.defaultNames.map { TemplateSet(overrides: [:]).render($0, Self.context) })
    }

    @Test("Threads that render at once from a new set get the same text")
    func threadsRenderTheSame() throws {
        let expected = Self.defaultNames.map { TemplateSet(overrides: [:]).render($0, Self.context) }
        let set = TemplateSet(overrides: [:])
        let results = Results(count: Self.defaultNames.count * 4)
        DispatchQueue.concurrentPerform(iterations: Self.defaultNames.count * 4) { index in
            results.set(index, set.render(Self.defaultNames[index % Self.defaultNames.count], Self.context))
        }
        for index in 0..<(Self.defaultNames.count * 4) {
            #expect(results.get(index) == expected[index % Self.defaultNames.count])
        }
    }

    @Test("A partial named by a value, hidden by other delimiters or by white space the engine skips, still finds the defaults",
          arguments: ["{{>*style}}", "{{=<% %>=}}<%> html-style%>", "{{> *style}}", "{{>\nhtml-style}}", "{{> html-style\r\n}}",
                      "{{>\u{0B}html-style}}", "{{>\u{2028}html-style}}", "{{<\nhtml-style}}{{/html-style}}", "{{>\n*style}}"])
    func hiddenPartialsFindTheDefaults(template: String) throws {
        let set = TemplateSet(overrides: ["probe.mustache": template])
        let text = try #require(set.render("probe", ["style": "html-style"]))
        #expect(text.contains("box-sizing"))
        #expect(text == (try Self.everyTemplate(["probe.mustache": template]).render(["style": "html-style"], withTemplate: "probe")))
    }

    @Test("A notebook's partial that does not parse leaves the default in its place, and documents refuse it")
    func brokenPartialKeepsTheDefault() throws {
        let set = TemplateSet(overrides: ["html-style.mustache": "{{#open}} never closed"])
        #expect(set.broken == ["html-style"])
        let text = try #require(set.render("agenda.html", Self.context))
        #expect(text.contains("box-sizing"))
        switch set.renderDocument("agenda.html", Self.context) {
        case .failure(.broken(let names)): #expect(names == ["html-style"])
        default: Issue.record("agenda.html rendered with a broken partial")
        }
        #expect(try set.renderDocument("report.md", Self.context).get().contains("Weekly"))
    }

    @Test("Template diagnostics count CRLF lines")
    func crlfTemplateLines() {
        let set = TemplateSet(overrides: ["agenda.md.mustache": "one\r\ntwo\r\n{{> nope}}\r\n"])
        #expect(set.diagnostics.map { "\($0.line):\($0.code.rawValue)" } == ["3:unknown-template"])
    }

    @Test("Tags and their lines, found on the bytes", arguments: [
        ("a {{x}} b {{{y}}}\n{{> p}}\n{{#s}}\n{{/s}}", [(1, "x"), (1, "y"), (2, "> p"), (3, "#s"), (4, "/s")]),
        ("é {{ x }}\n{{ unclosed", [(1, "x")]),
        ("{{a\nb}} {{c}}", [(1, "a\nb"), (2, "c")]),
        ("{{}}{{{}}}", [(1, ""), (1, "")]),
    ])
    func tagsOnBytes(text: String, expected: [(Int, String)]) {
        let found = TemplateSet.partials(in: text)
        #expect(found.map(\.0) == expected.filter { $0.1.hasPrefix(">") }.map(\.0))
        #expect(TemplateSet.limitProblem(text) == nil)
        #expect(TemplateSet.unclosedSectionLine(in: text) == nil)
        #expect(TemplateSet.tags(in: text).map { "\($0.0):\($0.1)" } == expected.map { "\($0.0):\($0.1)" })
    }
}

/// Slots written by the threads of a test, one each.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: String?) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}
