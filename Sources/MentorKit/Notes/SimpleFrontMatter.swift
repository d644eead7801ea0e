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
        var yaml = yaml
        yaml.makeContiguousUTF8()
        // `Tag.implicit` makes a new object each time it is read: one per note will do. Yams
        // resolves a tag in place when asked for it; mentor never asks (it reads raw
        // scalars), so sharing one is safe. Code that reads tags needs one per node.
        let tag = Tag.implicit
        return yaml.utf8.withContiguousStorageIfAvailable { parse($0, firstLine: firstLine, tag: tag) } ?? nil
    }

    /// Lines are found on bytes; a value becomes a `String` once it is known to be simple.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, tag: Tag) -> [FrontMatter.Entry]? {
        var entries: [FrontMatter.Entry] = []
        var lineNumber = firstLine - 1
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
            guard let first = line.first else { continue }
            if first == UInt8(ascii: "#") { continue }
            if line.allSatisfy({ $0 == 0x20 }) { continue }
            // Indentation, tabs or control characters: a structure this reader leaves to Yams.
            guard first != 0x20, !line.contains(where: { $0 == 0x09 || $0 < 0x20 }),
                  !hasCharacterYAMLTreatsApart(line) else { return nil }
            guard let colon = line.firstIndex(of: 0x3A) else { return nil }
            let keyBytes = line[..<colon]
            guard !keyBytes.isEmpty, keyBytes.allSatisfy(isKeyByte) else { return nil }
            let key = String(decoding: keyBytes, as: UTF8.self)
            // Keys compared in place: `contains(where:)` would copy every entry it passes.
            guard !entries.indices.contains(where: { entries[$0].key == key }) else { return nil }
            var valueStart = colon + 1
            guard valueStart < line.count, line[valueStart] == 0x20 else { return nil }
            while valueStart < line.count, line[valueStart] == 0x20 { valueStart += 1 }
            guard valueStart < line.count else { return nil }
            let valueBytes = UnsafeBufferPointer(rebasing: line[valueStart...])
            let value = fastValue(valueBytes, tag: tag)
                ?? scalarOrList(Substring(String(decoding: valueBytes, as: UTF8.self)), tag: tag)
            guard let value else { return nil }
            entries.append(FrontMatter.Entry(key: key, value: value, line: lineNumber, column: 1))
        }
        return entries
    }

    /// The common values read on bytes: a plain scalar, a quoted one without escapes, a
    /// one-line list of plain items. Nil means "not one of these", and the general path
    /// below decides; whatever this returns, that path would return too.
    private static func fastValue(_ bytes: UnsafeBufferPointer<UInt8>, tag: Tag) -> Node? {
        guard let first = bytes.first else { return nil }
        if let plain = plainScalar(bytes, inFlow: false) { return .scalar(.init(plain, tag, .plain)) }
        if first == UInt8(ascii: "\""), let value = simplyQuoted(bytes, quote: first) {
            return .scalar(.init(value, tag, .doubleQuoted))
        }
        if first == UInt8(ascii: "'"), let value = simplyQuoted(bytes, quote: first) {
            return .scalar(.init(value, tag, .singleQuoted))
        }
        guard first == UInt8(ascii: "["), let close = bytes.firstIndex(of: UInt8(ascii: "]")),
              isEndOfLine(UnsafeBufferPointer(rebasing: bytes[(close + 1)...])) else { return nil }
        let inside = bytes[1..<close]
        guard !inside.contains(UInt8(ascii: "[")), !inside.contains(UInt8(ascii: "{")),
              !inside.allSatisfy({ $0 == 0x20 }) else { return nil }
        var items: [Node] = []
        for part in inside.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            var start = part.startIndex, end = part.endIndex
            while start < end, bytes[start] == 0x20 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            guard let item = plainScalar(UnsafeBufferPointer(rebasing: bytes[start..<end]), inFlow: true) else { return nil }
            items.append(.scalar(.init(item, tag, .plain)))
        }
        return .sequence(.init(items, tag, .flow))
    }

    /// `"text"` or `'text'` with no escape or doubled quote inside, ending the line.
    private static func simplyQuoted(_ bytes: UnsafeBufferPointer<UInt8>, quote: UInt8) -> String? {
        var index = 1
        while index < bytes.count, bytes[index] != quote {
            if bytes[index] == UInt8(ascii: "\\") { return nil }
            index += 1
        }
        guard index < bytes.count, isEndOfLine(UnsafeBufferPointer(rebasing: bytes[(index + 1)...])) else { return nil }
        if quote == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == quote { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[1..<index]), as: UTF8.self)
    }

    /// Nothing but spaces and an optional ` # comment`.
    private static func isEndOfLine(_ rest: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < rest.count, rest[index] == 0x20 { index += 1 }
        return index == rest.count || (rest[index] == UInt8(ascii: "#") && index > 0)
    }

    /// A plain scalar read on bytes; nil for anything else, which the general path below
    /// then decides.
    private static func plainScalar(_ bytes: UnsafeBufferPointer<UInt8>, inFlow: Bool) -> String? {
        guard let first = bytes.first, first < 0x80, !plainIndicators.contains(first) else { return nil }
        var end = bytes.count
        var index = 1
        while index < bytes.count {
            if bytes[index] == 0x23, bytes[index - 1] == 0x20 {
                // In a flow list a comment hides the closing bracket: Yams' error to give.
                if inFlow { return nil }
                end = index - 1
                break
            }
            if bytes[index] == 0x20, bytes[index - 1] == 0x3A { return nil }
            index += 1
        }
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        guard end > 0, bytes[end - 1] != 0x3A else { return nil }
        let value = UnsafeBufferPointer(rebasing: bytes[..<end])
        if inFlow, value.contains(where: { flowIndicators.contains($0) }) { return nil }
        return String(decoding: value, as: UTF8.self)
    }

    /// Bytes that cannot start a plain scalar.
    private static let plainIndicators: Set<UInt8> = Set("[]{}&*!|>%@`-?,#'\"".utf8)
    /// Bytes a plain scalar inside a flow list may not hold.
    private static let flowIndicators: Set<UInt8> = Set("[]{}:".utf8)

    /// DEL, C1 controls, U+FFFE/FFFF (not allowed), NEL, U+2028/2029 (line breaks to YAML)
    /// and a byte order mark (dropped): Yams reads these differently, so it decides.
    private static func hasCharacterYAMLTreatsApart(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < line.count {
            let byte = line[index]
            if byte == 0x7F { return true }
            if index + 1 < line.count {
                let next = line[index + 1]
                if byte == 0xC2, next >= 0x80, next <= 0x9F { return true }
                if index + 2 < line.count {
                    let third = line[index + 2]
                    if byte == 0xE2, next == 0x80, third == 0xA8 || third == 0xA9 { return true }
                    if byte == 0xEF, next == 0xBB, third == 0xBF { return true }
                    if byte == 0xEF, next == 0xBF, third == 0xBE || third == 0xBF { return true }
                }
            }
            index += 1
        }
        return false
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x5F
    }

    private static func scalarOrList(_ text: Substring, tag: Tag) -> Node? {
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]"), isEndOfLine(text[text.index(after: close)...]) else { return nil }
            let inside = text[text.index(after: text.startIndex)..<close]
            guard !inside.contains("["), !inside.contains("{") else { return nil }
            if inside.allSatisfy({ $0 == " " }) { return .sequence(.init([], tag, .flow)) }
            var items: [Node] = []
            for part in inside.split(separator: ",", omittingEmptySubsequences: false) {
                let item = part.trimmingStart { $0 == " " }.trimmingEnd { $0 == " " }
                guard !item.isEmpty, let node = scalar(item, inFlow: true, tag: tag) else { return nil }
                items.append(node)
            }
            return .sequence(.init(items, tag, .flow))
        }
        return scalar(text, inFlow: false, tag: tag)
    }

    /// A plain, single- or double-quoted scalar that ends the line (or the list item).
    private static func scalar(_ text: Substring, inFlow: Bool, tag: Tag) -> Node? {
        guard let first = text.first else { return nil }
        switch first {
        case "\"":
            var value = ""
            var index = text.index(after: text.startIndex)
            while index < text.endIndex {
                let character = text[index]
                if character == "\"" {
                    guard isEndOfLine(text[text.index(after: index)...]) else { return nil }
                    return .scalar(.init(value, tag, .doubleQuoted))
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
                    return .scalar(.init(value, tag, .singleQuoted))
                }
                value.append(character)
                index = text.index(after: index)
            }
            return nil
        default:
            // Indicators that start something other than a plain scalar.
            guard !"[]{}&*!|>%@`-?,#'\"".contains(first) else { return nil }
            var value = text
            if let comment = TextScanning.firstIndex(of: " #", in: value) {
                if inFlow { return nil }
                value = value[..<comment]
            }
            value = value.trimmingEnd { $0 == " " }
            guard !value.isEmpty, !TextScanning.contains(value.utf8, ": "), value.last != ":" else { return nil }
            if inFlow, value.contains(where: { "[]{}:".contains($0) }) { return nil }
            return .scalar(.init(String(value), tag, .plain))
        }
    }

    /// Nothing but spaces and an optional ` # comment` after a value.
    private static func isEndOfLine(_ rest: Substring) -> Bool {
        let trimmed = rest.drop(while: { $0 == " " })
        return trimmed.isEmpty || (trimmed.first == "#" && trimmed.count < rest.count)
    }
}
