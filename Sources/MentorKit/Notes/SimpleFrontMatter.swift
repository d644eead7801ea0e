import Yams

/// A fast reader for the front matter most notes have: one `key: value` per line, values
/// plain, quoted or a one-line `[a, b]` list. Anything else (nested maps, block lists,
/// anchors, tags, multi-line scalars, duplicate keys, tabs) returns nil and goes to Yams,
/// so the result and every diagnostic are the same as Yams would give.
///
/// Measured: Yams' composing of a small map, with its duplicate-key check, was about a
/// sixth of reading a note (docs/performance.md).
enum SimpleFrontMatter {
    static func parse(_ yaml: String, firstLine: Int) -> [FrontMatter.Entry]? {
        var entries: [FrontMatter.Entry] = []
        var keys = Set<String>()
        var lineNumber = firstLine - 1
        for rawLine in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            guard let first = line.utf8.first else { continue }
            if first == UInt8(ascii: "#") { continue }
            if line.utf8.allSatisfy({ $0 == 0x20 }) { continue }
            // Indentation, tabs or control characters: a structure this reader leaves to Yams.
            guard first != 0x20, !line.utf8.contains(where: { $0 == 0x09 || $0 < 0x20 }) else { return nil }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon]
            guard !key.isEmpty, key.utf8.allSatisfy(isKeyByte), keys.insert(String(key)).inserted else { return nil }
            let rest = line[line.index(after: colon)...]
            guard rest.first == " " else { return nil }
            let text = rest.drop(while: { $0 == " " })
            guard !text.isEmpty, let value = scalarOrList(text) else { return nil }
            entries.append(FrontMatter.Entry(key: String(key), value: value, line: lineNumber, column: 1))
        }
        return entries
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x5F
    }

    private static func scalarOrList(_ text: Substring) -> Node? {
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]"), isEndOfLine(text[text.index(after: close)...]) else { return nil }
            let inside = text[text.index(after: text.startIndex)..<close]
            guard !inside.contains("["), !inside.contains("{") else { return nil }
            if inside.allSatisfy({ $0 == " " }) { return .sequence(.init([], .implicit, .flow)) }
            var items: [Node] = []
            for part in inside.split(separator: ",", omittingEmptySubsequences: false) {
                let item = part.trimmingStart { $0 == " " }.trimmingEnd { $0 == " " }
                guard !item.isEmpty, let node = scalar(item, inFlow: true) else { return nil }
                items.append(node)
            }
            return .sequence(.init(items, .implicit, .flow))
        }
        return scalar(text, inFlow: false)
    }

    /// A plain, single- or double-quoted scalar that ends the line (or the list item).
    private static func scalar(_ text: Substring, inFlow: Bool) -> Node? {
        guard let first = text.first else { return nil }
        switch first {
        case "\"":
            var value = ""
            var index = text.index(after: text.startIndex)
            while index < text.endIndex {
                let character = text[index]
                if character == "\"" {
                    guard isEndOfLine(text[text.index(after: index)...]) else { return nil }
                    return .scalar(.init(value, .implicit, .doubleQuoted))
                }
                if character == "\\" {
                    index = text.index(after: index)
                    guard index < text.endIndex else { return nil }
                    switch text[index] {
                    case "\"": value.append("\"")
                    case "\\": value.append("\\")
                    case "/": value.append("/")
                    case "n": value.append("\n")
                    case "t": value.append("\t")
                    default: return nil
                    }
                } else {
                    value.append(character)
                }
                index = text.index(after: index)
            }
            return nil
        case "'":
            var value = ""
            var index = text.index(after: text.startIndex)
            while index < text.endIndex {
                let character = text[index]
                if character == "'" {
                    let next = text.index(after: index)
                    if next < text.endIndex, text[next] == "'" {
                        value.append("'")
                        index = text.index(after: next)
                        continue
                    }
                    guard isEndOfLine(text[next...]) else { return nil }
                    return .scalar(.init(value, .implicit, .singleQuoted))
                }
                value.append(character)
                index = text.index(after: index)
            }
            return nil
        default:
            // Indicators that start something other than a plain scalar.
            guard !"[]{}&*!|>%@`-?,#'\"".contains(first) else { return nil }
            var value = text
            if let comment = TextScanning.firstIndex(of: " #", in: value) { value = value[..<comment] }
            value = value.trimmingEnd { $0 == " " }
            guard !value.isEmpty, !TextScanning.contains(value.utf8, ": "), value.last != ":" else { return nil }
            if inFlow, value.contains(where: { "[]{}:".contains($0) }) { return nil }
            return .scalar(.init(String(value), .implicit, .plain))
        }
    }

    /// Nothing but spaces and an optional ` # comment` after a value.
    private static func isEndOfLine(_ rest: Substring) -> Bool {
        let trimmed = rest.drop(while: { $0 == " " })
        return trimmed.isEmpty || (trimmed.first == "#" && trimmed.count < rest.count)
    }
}
