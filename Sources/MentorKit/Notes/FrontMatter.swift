import Yams

/// The top-level keys of a note's YAML front matter, in order, with their positions.
struct FrontMatter {
    struct Entry {
        var key: String
        var value: Value
        var line: Int
        var column: Int
    }

    /// What mentor reads of a value: a scalar's text or a list's items; anything else is
    /// kept as Yams composed it. The fast path makes scalars and lists with no Yams values
    /// (each of which holds a `Tag` object) at all.
    enum Value {
        /// A scalar's text; `plain` when unquoted, the only style that can spell null.
        case scalar(String, plain: Bool)
        case sequence([Value])
        /// A mapping or an alias, only ever from Yams.
        case node(Node)

        /// A Yams value as mentor reads it. Lists are taken apart three levels deep, enough
        /// for `previous: [[name]]`; deeper ones stay Yams nodes, so a hostile note nesting
        /// thousands of levels costs no recursion here.
        init(_ node: Node, depth: Int = 0) {
            switch node {
            case .scalar(let scalar):
                self = .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any)
            case .sequence(let sequence) where depth < 3:
                self = .sequence(sequence.map { Value($0, depth: depth + 1) })
            default:
                self = .node(node)
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
            if case .scalar(let text, let plain) = Value(root), isNull(text, plain: plain) { return .success(FrontMatter(entries: [])) }
            return .failure(.notMap(line: firstLine + (root.mark?.line ?? 1) - 1))
        }
        var entries: [Entry] = []
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
                // Kept under an impossible name, so the header reader reports it.
                entries.append(Entry(key: "\u{0}non-scalar key", value: Value(value),
                                     line: firstLine + (key.mark?.line ?? 1) - 1, column: key.mark?.column ?? 1))
                continue
            }
            let mark = key.mark
            entries.append(Entry(key: keyScalar.string, value: Value(value),
                                 line: firstLine + (mark?.line ?? 1) - 1, column: mark?.column ?? 1))
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
        guard case .scalar(let text, let plain) = value, !isNull(text, plain: plain) else { return nil }
        let trimmed = text.trimmedOfSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The same for a value inside a Yams mapping (`next:`).
    static func string(_ node: Node) -> String? {
        guard case .scalar = node else { return nil }
        return string(Value(node))
    }

    /// A list of strings from a YAML sequence, or from a scalar separated by commas.
    static func strings(_ value: Value) -> [String]? {
        switch value {
        case .sequence(let sequence):
            var values: [String] = []
            for element in sequence {
                guard let value = string(element) else { return nil }
                values.append(value)
            }
            return values
        case .scalar(let text, let plain):
            if isNull(text, plain: plain) { return [] }
            return text.split(separator: ",")
                .map { $0.trimmedOfSpaces() }
                .filter { !$0.isEmpty }
        case .node:
            return nil
        }
    }

    static func isNull(_ text: String, plain: Bool) -> Bool {
        guard plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    private static func failure(from error: YamlError, yaml: String, firstLine: Int) -> Failure {
        func located(_ mark: Mark, _ problem: String) -> Failure {
            .yaml(line: firstLine + mark.line - 1, column: mark.column, problem: problem)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // The context mark is where the broken construct starts (an unclosed `[`), which
            // is where the user has to look; the problem mark is often the line after it.
            let where_ = context.map(\.mark) ?? mark
            return located(where_, context.map { "\($0.text): \(problem)" } ?? problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let problem = "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")); keep one of them"
            // Point at the second occurrence of the first duplicated key, where the fix goes.
            if let key = duplicates.first {
                var seen = 0
                for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let trimmed = line.drop(while: { $0 == " " })
                    if trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                        seen += 1
                        if seen == 2 { return .yaml(line: firstLine + index, column: 1, problem: problem) }
                    }
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
