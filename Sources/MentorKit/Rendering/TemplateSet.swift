import Foundation
import MentorTemplates
import Mustache

/// The Mustache templates a notebook renders with: the embedded defaults, each replaced by
/// the notebook's `templates/<name>.mustache` where it has one.
public struct TemplateSet: Sendable {
    /// The notebook's own templates that parse, by name.
    private let overrideTemplates: [String: MustacheTemplate]
    /// The text of every template a document may use, by name: the notebook's, else the
    /// default (broken ones included, for the partials they name).
    private let effective: [String: String]
    /// Names the notebook overrides.
    private let overridden: Set<String>
    /// The libraries made so far, parsed when a document first needs them.
    private let parsed: ParsedLibraries
    /// Parse errors of the notebook's own templates (those templates are not used).
    public let diagnostics: [Diagnostic]
    /// Names of the templates that failed to parse.
    public let broken: Set<String>
    /// The partials each template includes, by name.
    private let includes: [String: [String]]

    /// Template names are file names without `.mustache`: `agenda.md`, `report.html`, ...
    ///
    /// The notebook's own templates are parsed here, for their diagnostics; the defaults
    /// only when a document renders with them (a report needs one of the ten, and their
    /// parser takes time that grows with the square of a template's size).
    public init(overrides: [String: String]) {
        MarkdownContentType.registerOnce()
        var overrideTemplates: [String: MustacheTemplate] = [:]
        var diagnostics: [Diagnostic] = []
        var broken: Set<String> = []
        var effective: [String: String] = [:]
        for (file, text) in DefaultTemplates.files { effective[TemplateSet.name(of: file)] = text }
        for (file, text) in overrides.sorted(by: { $0.key < $1.key }) {
            // Limits first: the template parser is quadratic in tags and recursive in sections.
            if let problem = TemplateSet.limitProblem(text) {
                broken.insert(TemplateSet.name(of: file))
                diagnostics.append(Diagnostic(file: "templates/" + file, line: problem.line, code: .badTemplate,
                                              message: problem.message + "; simplify it or delete it to use the default"))
                continue
            }
            effective[TemplateSet.name(of: file)] = text
            do {
                overrideTemplates[TemplateSet.name(of: file)] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                broken.insert(TemplateSet.name(of: file))
                // For a section never closed, the parser stops at the end: point at its opening.
                let opening = TemplateSet.unclosedSectionLine(in: text)
                diagnostics.append(Diagnostic(
                    file: "templates/" + file, line: opening ?? error.context.lineNumber,
                    column: opening == nil ? error.context.columnNumber : 1,
                    code: .badTemplate,
                    message: "template does not parse (\(TemplateSet.describe(error.error))); fix it or delete it to use the default"))
            } catch {
                broken.insert(TemplateSet.name(of: file))
                diagnostics.append(Diagnostic(file: "templates/" + file, code: .badTemplate,
                                              message: "template does not parse (\(error)); fix it or delete it to use the default"))
            }
        }
        // A template that includes itself, directly or through others, would recurse until
        // the stack overflows: every template that can reach such a cycle is refused.
        // The defaults alone include no loop (tested): only overrides can make one.
        for name in overrides.isEmpty ? [] : TemplateSet.recursive(effective) {
            guard broken.insert(name).inserted else { continue }
            let file = "templates/\(name).mustache"
            if overrides["\(name).mustache"] != nil {
                diagnostics.append(Diagnostic(file: file, code: .badTemplate,
                                              message: "template includes itself through {{> ...}} partials, which never ends; remove the loop"))
            }
        }
        let known = Set(DefaultTemplates.files.map { TemplateSet.name(of: $0.name) })
        for (file, text) in overrides.sorted(by: { $0.key < $1.key }) {
            if !known.contains(TemplateSet.name(of: file)) {
                diagnostics.append(Diagnostic(
                    file: "templates/" + file, code: .unknownTemplate,
                    message: "mentor uses no template of this name; known: \(known.sorted().map { $0 + ".mustache" }.joined(separator: ", "))"))
            }
            for (line, partial) in TemplateSet.partials(in: text) where !known.contains(partial) && overrides["\(partial).mustache"] == nil {
                diagnostics.append(Diagnostic(
                    file: "templates/" + file, line: line, code: .unknownTemplate,
                    message: "partial {{> \(partial)}} names no template; it renders as nothing"))
            }
        }
        let overridden = Set(overrides.keys.map(TemplateSet.name(of:)))
        self.overrideTemplates = overrideTemplates
        self.effective = effective
        self.overridden = overridden
        self.parsed = ParsedLibraries()
        // Only needed to trace a broken template through the templates that include it.
        self.includes = broken.isEmpty ? [:] : effective.map { name, text in
            (name, overridden.contains(name) ? TemplateSet.partials(in: text).map(\.1) : TemplateSet.defaultIncludes[name] ?? [])
        }.reduce(into: [:]) { $0[$1.0] = $1.1 }
        self.diagnostics = diagnostics
        self.broken = broken
    }

    /// The templates `name` can render with: it and every template it can include, parsed;
    /// every template when one of the notebook's names a partial by a value (`{{>*kind}}`),
    /// changes the delimiters or holds white space the engine skips in a tag, any of which
    /// hides what it includes. Made once per name.
    private func library(for name: String) -> MustacheLibrary {
        parsed.library(for: name) {
            var library = MustacheLibrary()
            for included in reachable(from: name) {
                // A notebook's template that does not parse leaves the default in its place.
                if let template = overrideTemplates[included] {
                    library.register(template, named: included)
                } else if let template = parsed.defaultTemplate(included, text: TemplateSet.defaultTexts[included]) {
                    library.register(template, named: included)
                }
            }
            if let loop = seriesLoop(name) {
                library.register(loop.before, named: SeriesLoop.before(name))
                library.register(loop.after, named: SeriesLoop.after(name))
            }
            return library
        }
    }

    /// `name` and the templates it includes, directly or through others, by their texts;
    /// all of them while a notebook's template is broken (its default stands in for it).
    private func reachable(from name: String) -> [String] {
        guard broken.isEmpty else { return effective.keys.sorted() }
        var seen: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let text = effective[next] else { continue }
            guard overridden.contains(next) else {
                pending += TemplateSet.defaultIncludes[next] ?? []
                continue
            }
            // swift-mustache skips any white space around a partial's name (a line break, a
            // form feed, U+2028): a tag holding one is not read here, so every template is
            // loaded, as for a partial named by a value or tags hidden by other delimiters.
            let tags = TemplateSet.tags(in: text)
            let partials = TemplateSet.partials(of: tags).map(\.1)
            if partials.contains(where: { $0.hasPrefix("*") }) || text.contains("{{=")
                || tags.contains(where: { $0.1.contains { $0.isWhitespace && $0 != " " && $0 != "\t" } }) {
                return effective.keys.sorted()
            }
            pending += partials
        }
        return seen.sorted()
    }

    /// A default template's top-level series loop in three parts, parsed; nil when the
    /// notebook overrides the template, or its loop cannot be cut out.
    private func seriesLoop(_ name: String) -> SeriesLoop.Parsed? {
        guard !overridden.contains(name), let text = effective[name] else { return nil }
        return parsed.seriesLoop(name) {
            guard let parts = SeriesLoop.split(text),
                  let before = try? MustacheTemplate(string: parts.before),
                  let after = try? MustacheTemplate(string: parts.after),
                  // The body is parsed by each thread that renders it; here only checked.
                  (try? MustacheTemplate(string: parts.each)) != nil else { return nil }
            return SeriesLoop.Parsed(before: before, after: after, body: parts.each)
        }
    }

    /// Whether `name` renders as the notebook intends: neither it nor a template it
    /// includes (directly or through others) is one of the notebook's broken templates.
    public func canRender(_ name: String) -> Bool { brokenTemplates(reachableFrom: name).isEmpty }

    /// The notebook's broken templates that `name` is or includes, directly or through
    /// others, in name order.
    public func brokenTemplates(reachableFrom name: String) -> [String] {
        guard !broken.isEmpty else { return [] }
        var seen: Set<String> = []
        var found: [String] = []
        var pending = [name]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            if broken.contains(next) { found.append(next) }
            pending += includes[next] ?? []
        }
        return found.sorted()
    }

    /// Renders `context` with the named template; nil when no such template exists.
    public func render(_ name: String, _ context: [String: Any]) -> String? {
        library(for: name).render(context, withTemplate: name)
    }

    /// Why a document's template cannot be rendered.
    public enum RenderProblem: Error {
        /// These templates (the document's own or ones it includes) do not parse.
        case broken([String])
        /// No template has this name.
        case missing
    }

    /// Renders a document's template with its presence flags (`ContextValues`), refusing a
    /// template that is or includes a broken one: the one way documents and drafts render.
    ///
    /// With `jobs` over one, a default template's top-level loop over `series` renders its
    /// series on that many threads: the same text, as the tests check.
    public func renderDocument(_ name: String, _ context: [String: Any], jobs: Int = 1) -> Result<String, RenderProblem> {
        let broken = brokenTemplates(reachableFrom: name)
        guard broken.isEmpty else { return .failure(.broken(broken)) }
        let values = ContextValues.withPresenceFlags(context)
        if jobs > 1, let loop = seriesLoop(name), let text = renderSeriesLoop(name, loop, values, jobs: jobs) {
            return .success(text)
        }
        guard let text = render(name, values) else { return .failure(.missing) }
        return .success(text)
    }

    /// The template in its three parts, the series rendered a few per thread and joined in
    /// order; nil when the series are not contexts this can render alone.
    private func renderSeriesLoop(_ name: String, _ loop: SeriesLoop.Parsed, _ values: [String: Any], jobs: Int) -> String? {
        let elements: [any MustacheParent]
        switch values["series"] {
        case let series as [any MustacheParent & Sendable]: elements = series
        case let flag as Bool where flag == false: elements = []
        default: return nil
        }
        let library = library(for: name)
        guard let before = library.render(values, withTemplate: SeriesLoop.before(name)),
              let after = library.render(values, withTemplate: SeriesLoop.after(name)) else { return nil }
        let root = SeriesLoop.Root(values: values)
        let series = SeriesLoop.Elements(elements: elements)
        let templates = SeriesLoop.Templates(body: loop.body)
        let rendered = ParallelChunks.map(count: elements.count, jobs: jobs) { index in
            // Each series renders with a parsed body no other thread is using: threads that
            // render from one template at once keep taking and releasing its shared token
            // arrays, and the counts' memory moving between cores cost more than the
            // rendering. Taken from a pool, it is parsed about once per thread.
            guard let template = templates.take() else { return "" }
            defer { templates.give(template) }
            return template.render(SeriesLoop.Scope(element: series.elements[index], root: root), library: library)
        }
        var text = before
        for part in rendered { text += part }
        return text + after
    }

    /// The line of the first section tag (`{{#x}}`, `{{^x}}`) that is never closed.
    static func unclosedSectionLine(in text: String) -> Int? {
        var stack: [(name: String, line: Int)] = []
        for (line, tag) in tags(in: text) {
            if tag.hasPrefix("#") || tag.hasPrefix("^") || tag.hasPrefix("$") || tag.hasPrefix("<") {
                stack.append((String(tag.dropFirst()).trimmingCharacters(in: .whitespaces), line))
            } else if tag.hasPrefix("/") {
                let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
                if let index = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(index...) }
            }
        }
        return stack.first?.line
    }

    static func partials(in text: String) -> [(Int, String)] { partials(of: tags(in: text)) }

    /// The partials (and parents) among tags, with their lines.
    static func partials(of tags: [(Int, String)]) -> [(Int, String)] {
        tags.compactMap { line, tag in
            tag.hasPrefix(">") || tag.hasPrefix("<") ? (line, String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)) : nil
        }
    }

    static let maximumTemplateBytes = 256 * 1024
    static let maximumTags = 5_000
    static let maximumSectionDepth = 50

    /// Size, tag count and section nesting a template may have.
    static func limitProblem(_ text: String) -> (line: Int, message: String)? {
        if text.utf8.count > maximumTemplateBytes {
            return (1, "template is \(text.utf8.count / 1024) KiB, over the \(maximumTemplateBytes / 1024) KiB a template may have")
        }
        let all = tags(in: text)
        if all.count > maximumTags {
            return (all[maximumTags].0, "template has more than \(maximumTags) tags")
        }
        var depth = 0
        for (line, tag) in all {
            if tag.hasPrefix("#") || tag.hasPrefix("^") || tag.hasPrefix("$") || tag.hasPrefix("<") {
                depth += 1
                if depth > maximumSectionDepth {
                    return (line, "template nests sections more than \(maximumSectionDepth) deep")
                }
            } else if tag.hasPrefix("/") {
                depth = max(0, depth - 1)
            }
        }
        return nil
    }

    /// The default templates' texts by name.
    private static let defaultTexts: [String: String] = DefaultTemplates.files.reduce(into: [:]) { result, file in
        result[name(of: file.name)] = file.text
    }

    /// The partials each default template includes, worked out once: the defaults are read
    /// for every document, and finding their tags was a third of rendering a small notebook.
    private static let defaultIncludes: [String: [String]] = DefaultTemplates.files.reduce(into: [:]) { result, file in
        result[name(of: file.name)] = partials(in: file.text).map(\.1)
    }

    /// Names of the templates from which a cycle of partials can be reached.
    static func recursive(_ templates: [String: String]) -> [String] {
        let edges = templates.mapValues { text in Set(partials(in: text).map(\.1)).filter { templates[$0] != nil } }
        var state: [String: Int] = [:]  // 1 on the path, 2 done and safe, 3 done and recursive
        func visit(_ name: String) -> Bool {
            if let known = state[name] { return known != 2 }
            state[name] = 1
            var recursive = false
            for next in edges[name] ?? [] where visit(next) { recursive = true }
            state[name] = recursive ? 3 : 2
            return recursive
        }
        return templates.keys.sorted().filter { visit($0) }
    }

    /// Every `{{...}}` tag's inside with its 1-based line (default delimiters only).
    /// On the bytes: braces and line feeds are single bytes in UTF-8, and a search by
    /// characters took longer than parsing the template.
    static func tags(in text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        let bytes = Array(text.utf8)
        let brace = UInt8(ascii: "{"), closing = UInt8(ascii: "}"), lineFeed = UInt8(ascii: "\n")
        var line = 1
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == lineFeed { line += 1 }
            guard bytes[index] == brace, bytes[index + 1] == brace else {
                index += 1
                continue
            }
            var start = index + 2
            var end = start
            while end + 1 < bytes.count, !(bytes[end] == closing && bytes[end + 1] == closing) { end += 1 }
            guard end + 1 < bytes.count else { break }
            let tagLine = line
            for byte in bytes[start..<end] where byte == lineFeed { line += 1 }
            if start < end, bytes[start] == brace { start += 1 }
            let inside = String(decoding: bytes[start..<end], as: UTF8.self)
            result.append((tagLine, inside.trimmingCharacters(in: .whitespaces)))
            index = end + 2
        }
        return result
    }

    static func name(of file: String) -> String {
        file.hasSuffix(".mustache") ? String(file.dropLast(".mustache".count)) : file
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a section is closed with the wrong name"
        case .unfinishedName?: return "a tag is not closed with }}"
        case .expectedSectionEnd?: return "a section is never closed"
        case .invalidSetDelimiter?: return "bad set-delimiter tag"
        default: return "\(error)"
        }
    }
}

/// Text written into Markdown: characters that Markdown would read as syntax or HTML are
/// escaped, so a note's `<script>` stays text.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownText.escape(text) }

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()

    static func registerOnce() { _ = registration }
}

/// Escaping for text placed in Markdown documents.
public enum MarkdownText {
    public static func escape(_ text: String) -> String {
        // Exact shortcuts for the common cases. Text without any byte the escaping changes
        // comes back as it is; in ASCII text every character is one byte (but `\r\n`), so
        // bytes can be escaped directly. Other text goes by characters: a combining mark
        // after `*` makes one character that is not `*`, and is not escaped.
        let utf8 = text.utf8
        guard utf8.contains(where: isSpecial) else { return text }
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return escapeByCharacter(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        var previous: UInt8 = 0
        for byte in utf8 {
            // An `&` just written is escaped only where an entity could start (`&copy;`,
            // `&#60;`): a lone `&` reads as it is.
            if previous == UInt8(ascii: "&"), MarkdownText.mayStartEntity(byte) {
                bytes.insert(UInt8(ascii: "\\"), at: bytes.count - 1)
            }
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\n"):
                // `\r\n` is one character, already written as one space.
                if previous != UInt8(ascii: "\r") { bytes.append(UInt8(ascii: " ")) }
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: " "))
            default: bytes.append(byte)
            }
            previous = byte
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of the characters `escape` changes.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\n"),
             UInt8(ascii: "\r"), UInt8(ascii: "~"), UInt8(ascii: "&"):
            return true
        default:
            return false
        }
    }

    /// Whether a byte after `&` may make it an entity: a letter or `#`.
    static func mayStartEntity(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "#") || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
    }

    /// The escaping itself, character by character.
    static func escapeByCharacter(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var characters = text.makeIterator()
        var next = characters.next()
        while let character = next {
            next = characters.next()
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                result.append("\\")
                result.append(character)
            case "&":
                if let following = next, following.utf8.count == 1, let byte = following.utf8.first, mayStartEntity(byte) {
                    result.append("\\")
                }
                result.append(character)
            case "<": result.append("&lt;")
            case ">": result.append("&gt;")
            case "\n", "\r\n", "\r": result.append(" ")
            default: result.append(character)
            }
        }
        return result
    }
}

/// A default template's top-level `{{#series}}` section, cut out so that each series can
/// be rendered on its own: `before` + each series + `after` is what the whole template
/// renders, for templates that, like the defaults, do not ask for their position in the
/// loop. Each series renders in a one-element section of its own over the document's
/// values, so that names, `{{.}}` and dotted names find what the whole template's loop
/// would.
enum SeriesLoop {
    static let open = "\n{{#series}}\n"
    static let close = "\n{{/series}}\n"

    static func before(_ name: String) -> String { name + "/before-series" }
    static func after(_ name: String) -> String { name + "/after-series" }

    /// The three parts, each a template; nil unless the section opens and closes once, on
    /// lines of their own. A content type pragma on the first line is given to every part.
    static func split(_ text: String) -> (before: String, each: String, after: String)? {
        guard let opening = text.range(of: open), text.range(of: open, range: opening.upperBound..<text.endIndex) == nil,
              let closing = text.range(of: close, range: opening.upperBound..<text.endIndex) else { return nil }
        let body = String(text[opening.upperBound..<closing.lowerBound])
        // The position in the loop (`first()`, `index()`, ...) would be the one-element
        // section's; other delimiters would hide tags; a nested `series` section would end
        // the loop elsewhere.
        guard !body.contains("{{="), !body.contains("()"), !body.contains(element),
              !body.contains("{{#series"), !body.contains("{{^series") else { return nil }
        let pragma = text.hasPrefix("{{%") ? String(text[..<(text.firstIndex(of: "\n").map(text.index(after:)) ?? text.endIndex)]) : ""
        let each = pragma + "{{#\(element)}}\n" + body + "\n{{/\(element)}}\n"
        return (String(text[..<text.index(after: opening.lowerBound)]), each, pragma + String(text[closing.upperBound...]))
    }

    /// A loop cut out and parsed: the parts before and after it, and its body's text.
    struct Parsed: Sendable {
        let before: MustacheTemplate
        let after: MustacheTemplate
        let body: String
    }

    /// The name of the section each series renders in, which no template uses.
    static let element = "mentor-series-loop-element"

    /// Parsed copies of a loop's body, each used by one thread at a time.
    final class Templates: @unchecked Sendable {
        private let body: String
        private let lock = NSLock()
        private var free: [MustacheTemplate] = []

        init(body: String) { self.body = body }

        /// A parsed body to render with alone: a free one, else a new one; nil when it does
        /// not parse (the default templates do).
        func take() -> MustacheTemplate? {
            lock.lock()
            let template = free.popLast()
            lock.unlock()
            return template ?? (try? MustacheTemplate(string: body))
        }

        func give(_ template: MustacheTemplate) {
            lock.lock()
            free.append(template)
            lock.unlock()
        }
    }

    /// The document's values, shared by every series' scope.
    struct Root: @unchecked Sendable {
        let values: [String: Any]
    }

    struct Elements: @unchecked Sendable {
        let elements: [any MustacheParent]
    }

    /// The document's values with one series as the loop's element: the context stack of
    /// the whole template (the document, then the series) while it renders that series.
    struct Scope: MustacheParent {
        let element: any MustacheParent
        let root: Root

        func child(named name: String) -> Any? {
            name == SeriesLoop.element ? [element] : root.values[name]
        }
    }
}

/// What a `TemplateSet` has parsed so far, shared by its copies: the default templates,
/// the series loops and a library per document template, each made once, under a lock
/// (documents may render on several threads).
final class ParsedLibraries: @unchecked Sendable {
    private let lock = NSLock()
    private var libraries: [String: MustacheLibrary] = [:]
    private var defaults: [String: MustacheTemplate?] = [:]
    private var loops: [String: SeriesLoop.Parsed?] = [:]

    /// The library for `name`, made by `make` the first time.
    func library(for name: String, make: () -> MustacheLibrary) -> MustacheLibrary {
        cached(get: { libraries[name] }, set: { libraries[name] = $0 }, make: make)
    }

    /// A default template parsed; nil when there is no text or it does not parse (the
    /// defaults are tested to parse).
    func defaultTemplate(_ name: String, text: String?) -> MustacheTemplate? {
        cached(get: { defaults[name] }, set: { defaults[name] = $0 }) { text.flatMap { try? MustacheTemplate(string: $0) } }
    }

    /// The series loop of `name`, cut out by `make` the first time.
    func seriesLoop(_ name: String, make: () -> SeriesLoop.Parsed?) -> SeriesLoop.Parsed? {
        cached(get: { loops[name] }, set: { loops[name] = $0 }, make: make)
    }

    /// What `get` finds, else what `make` gives, kept by `set`; `get` and `set` under the
    /// lock, `make` outside it (making a library takes it again for the templates it
    /// parses). Closures rather than key paths: those cost the template engine's casts
    /// 0.7 % more instructions, the runtime's conformance cache having more to look through.
    private func cached<Value>(get: () -> Value?, set: (Value) -> Void, make: () -> Value) -> Value {
        lock.lock()
        if let value = get() {
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = make()
        lock.lock()
        defer { lock.unlock() }
        if let made = get() { return made }
        set(value)
        return value
    }
}
