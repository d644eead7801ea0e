import Yams

/// The top-level keys of a note's YAML front matter, in order, with their positions.
struct FrontMatter {
    struct Entry {
        var key: String
        var value: Value
        var line: Int
        var column: Int
        /// What turns a line of a Yams mark inside `value` into a file line.
        var markLineOffset = 0
    }

    /// A value as the fast path reads it (a scalar's text, a list of scalars, a map of them),
    /// with no Yams values, each of which holds a `Tag` object; or as Yams composed it.
    enum Value {
        /// A scalar's text; `plain` when unquoted, the only style that can spell null.
        case scalar(String, plain: Bool)
        case sequence([Value])
        /// A block map one level deep, as the fast path reads `next:`: each key (a plain
        /// scalar) with its value and its file line, in order.
        case mapping([(key: String, value: Value, line: Int)])
        /// Whatever Yams composed, kept as it is and looked into only as deep as a reader
        /// asks: Yams resolves an alias to the node it names, shared, so converting the
        /// whole value would expand an alias bomb.
        case node(Node)

        var isScalar: Bool {
            switch self {
            case .scalar: return true
            case .sequence, .mapping: return false
            case .node(let node): if case .scalar = node { return true } else { return false }
            }
        }
    }

    var entries: [Entry]

    enum Failure: Error {
        case yaml(line: Int, column: Int, problem: String)
        case notMap(line: Int)
    }

    /// Parses YAML text whose first line is file line `firstLine`.
    static func parse(_ yaml: String, firstLine: Int, fastPath: Bool = true) -> Result<FrontMatter, Failure> {
        if fastPath, let entries = SimpleFrontMatter.parse(yaml, firstLine: firstLine) {
            return .success(FrontMatter(entries: entries))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return .failure(failure(from: error, yaml: yaml, firstLine: firstLine))
        } catch {
            return .failure(.yaml(line: firstLine, column: 1, problem: "\(error)"))
        }
        guard let root else { return .success(FrontMatter(entries: [])) }
        guard case .mapping(let mapping) = root else {
            if case .scalar(let scalar) = root, isNull(scalar) { return .success(FrontMatter(entries: [])) }
            return .failure(.notMap(line: firstLine + (root.mark?.line ?? 1) - 1))
        }
        var entries: [Entry] = []
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
                // Kept under an impossible name, so the header reader reports it.
                entries.append(Entry(key: "\u{0}non-scalar key", value: .node(value),
                                     line: firstLine + (key.mark?.line ?? 1) - 1, column: key.mark?.column ?? 1))
                continue
            }
            let mark = key.mark
            entries.append(Entry(key: keyScalar.string, value: .node(value),
                                 line: firstLine + (mark?.line ?? 1) - 1, column: mark?.column ?? 1,
                                 markLineOffset: firstLine - 1))
        }
        return .success(FrontMatter(entries: entries))
    }

    subscript(key: String) -> Entry? { index(of: key).map { entries[$0] } }

    /// Where `key` is, found by comparing keys in place: walking the entries as values would
    /// copy each one (its key and YAML node) on the way, for every lookup of every note.
    func index(of key: String) -> Int? {
        var index = 0
        while index < entries.count {
            if entries[index].key == key { return index }
            index += 1
        }
        return nil
    }

    /// The entry's value as a plain string, or nil when absent or null.
    func string(_ key: String) -> String? {
        self[key].flatMap { FrontMatter.string($0.value) }
    }

    static func string(_ value: Value) -> String? {
        switch value {
        case .scalar(let text, let plain): return isNull(text, plain: plain) ? nil : trimmed(text)
        case .sequence, .mapping: return nil
        case .node(let node): return string(node)
        }
    }

    static func string(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, !isNull(scalar) else { return nil }
        return trimmed(scalar.string)
    }

    private static func trimmed(_ text: String) -> String? {
        let trimmed = text.trimmedOfSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A list of strings from a YAML sequence, or from a scalar separated by commas.
    static func strings(_ value: Value) -> [String]? {
        switch value {
        case .sequence(let sequence):
            return every(sequence, string)
        case .scalar(let text, let plain):
            return isNull(text, plain: plain) ? [] : commaSeparated(text)
        case .mapping:
            return nil
        case .node(let node):
            return strings(node)
        }
    }

    static func strings(_ node: Node) -> [String]? {
        switch node {
        case .sequence(let sequence):
            return every(sequence, string)
        case .scalar(let scalar):
            return isNull(scalar) ? [] : commaSeparated(scalar.string)
        default:
            return nil
        }
    }

    /// The strings of all the elements; nil when one is not a string.
    private static func every<Elements: Sequence>(_ elements: Elements, _ string: (Elements.Element) -> String?) -> [String]? {
        var values: [String] = []
        for element in elements {
            guard let value = string(element) else { return nil }
            values.append(value)
        }
        return values
    }

    private static func commaSeparated(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmedOfSpaces() }.filter { !$0.isEmpty }
    }

    static func isNull(_ scalar: Node.Scalar) -> Bool {
        isNull(scalar.string, plain: scalar.style == .plain || scalar.style == .any)
    }

    static func isNull(_ text: String, plain: Bool) -> Bool {
        // Compared without an array of the spellings made on every call; a longer text is none.
        guard plain, text.utf8.count <= 4 else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    private static func failure(from error: YamlError, yaml: String, firstLine: Int) -> Failure {
        func located(_ mark: Mark, _ problem: String) -> Failure {
            .yaml(line: firstLine + mark.line - 1, column: mark.column, problem: problem)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // The context mark is where the broken construct starts (an unclosed `[`), which
            // is where the user has to look; the problem mark is often the line after it. A
            // tab is the exception: the plain scalar before it is fine, the tab is the fault.
            let where_ = problem.contains("tab character") ? mark : context.map(\.mark) ?? mark
            return located(where_, context.map { "\($0.text): \(problem)" } ?? problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let problem = "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")); keep one of them"
            // Point at the second occurrence of the first duplicated key, where the fix goes:
            // the next line of the same map (its indent, before it ends) that writes the key
            // plainly. The mark is the first occurrence; YAML's line breaks are those of
            // the marks (`\r\n` is one `Character`, so splitting on `\n` missed it).
            if let key = duplicates.first {
                let lines = yaml.split(omittingEmptySubsequences: false) { ["\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }
                let indent = context.mark.column - 1
                var index = context.mark.line
                while index < lines.count {
                    let spaces = lines[index].prefix { $0 == " " }.count
                    let rest = lines[index].dropFirst(spaces)
                    if !rest.isEmpty, !rest.hasPrefix("#") {
                        if spaces < indent { break }
                        if spaces == indent, rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                            return .yaml(line: firstLine + index, column: indent + 1, problem: problem)
                        }
                    }
                    index += 1
                }
            }
            return located(context.mark, problem)
        case .reader(let problem, _, _, _):
            return .yaml(line: firstLine, column: 1, problem: problem)
        default:
            return .yaml(line: firstLine, column: 1, problem: "\(error)")
        }
    }
}
