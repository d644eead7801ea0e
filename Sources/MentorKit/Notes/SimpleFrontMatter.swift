import Yams

/// A fast reader for the front matter most notes have: one `key: value` per line, values
/// plain, quoted or a one-line `[a, b]` list; a key left empty (null), a block list of
/// scalars under a key (`links:` of a profile) and a map of scalars one level deep
/// (`next:`). Anything else (deeper nesting, anchors, tags, multi-line scalars, duplicate
/// keys, tabs) returns nil and goes to Yams, so the result and every diagnostic are the
/// same as Yams would give.
///
/// Measured on 10,500 generated notes: Yams' composing costs about 62 µs a note, this
/// reader about 3 µs (docs/performance.md). It works on the bytes of the text.
enum SimpleFrontMatter {
    static func parse(_ yaml: String, firstLine: Int) -> [FrontMatter.Entry]? {
        var yaml = yaml
        yaml.makeContiguousUTF8()
        return yaml.utf8.withContiguousStorageIfAvailable { parse($0, firstLine: firstLine) } ?? nil
    }

    /// Lines are found on bytes; a value becomes a `String` once it is known to be simple.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) -> [FrontMatter.Entry]? {
        var entries: [FrontMatter.Entry] = []
        // Room for a key a line: one allocation.
        entries.reserveCapacity(ByteScan.count(of: 0x0A, in: bytes) + 1)
        var cursor = LineCursor(bytes: bytes, lineNumber: firstLine - 1)
        while let (line, lineNumber) = cursor.next() {
            guard let first = line.first else { continue }
            // Tabs or control characters, even in a comment (where Yams still ends a line at
            // U+2028 or NEL, and refuses a control character): Yams decides.
            guard isPlainLine(line) else { return nil }
            if first == UInt8(ascii: "#") { continue }
            if line.allSatisfy({ $0 == 0x20 }) { continue }
            // Indentation: a structure this reader leaves to Yams.
            guard first != 0x20 else { return nil }
            guard let (key, rest) = keyAndRest(line) else { return nil }
            // Keys compared in place: `contains(where:)` would copy every entry it passes.
            guard !entries.indices.contains(where: { entries[$0].key == key }) else { return nil }
            let value: FrontMatter.Value
            if isEndOfLine(rest) {
                // `key:` alone: null, or the block list or map on the lines below it.
                guard let block = blockValue(after: &cursor) else { return nil }
                value = block
            } else {
                guard let inline = inlineValue(rest) else { return nil }
                value = inline
            }
            entries.append(FrontMatter.Entry(key: key, value: value, line: lineNumber, column: 1))
        }
        return entries
    }

    /// The lines of the front matter, each without its line break (and CR), with its file
    /// line number.
    private struct LineCursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var lineNumber: Int
        var lineStart = 0

        init(bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int) {
            self.bytes = bytes
            self.lineNumber = lineNumber
        }

        mutating func next() -> (UnsafeBufferPointer<UInt8>, Int)? {
            guard lineStart <= bytes.count else { return nil }
            let lineEnd = ByteScan.firstIndex(of: 0x0A, or: 0x0A, in: bytes, from: lineStart)
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
            lineStart = lineEnd + 1
            lineNumber += 1
            return (line, lineNumber)
        }
    }

    /// No tab, no control character and none of the characters Yams reads apart.
    private static func isPlainLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most lines are printable ASCII, which holds none of them: decided eight bytes at a time.
        ByteScan.isPrintableASCII(line) || (!line.contains(where: { $0 == 0x09 || $0 < 0x20 }) && !hasCharacterYAMLTreatsApart(line))
    }

    /// A line that holds nothing for YAML: spaces, perhaps then a comment.
    private static func isBlankOrComment(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = line.firstIndex(where: { $0 != 0x20 }) else { return true }
        return line[first] == UInt8(ascii: "#")
    }

    /// `key:` at the start of `line` (letters, digits, `-` and `_`), and what follows the colon.
    private static func keyAndRest(_ line: UnsafeBufferPointer<UInt8>) -> (String, UnsafeBufferPointer<UInt8>)? {
        guard let colon = line.firstIndex(of: 0x3A) else { return nil }
        let keyBytes = line[..<colon]
        guard !keyBytes.isEmpty, keyBytes.allSatisfy(isKeyByte) else { return nil }
        return (String(decoding: keyBytes, as: UTF8.self), UnsafeBufferPointer(rebasing: line[(colon + 1)...]))
    }

    /// The value after `key:`: a space, then a scalar or a one-line list.
    private static func inlineValue(_ rest: UnsafeBufferPointer<UInt8>) -> FrontMatter.Value? {
        guard let first = rest.first, first == 0x20 else { return nil }
        var valueStart = 0
        while valueStart < rest.count, rest[valueStart] == 0x20 { valueStart += 1 }
        guard valueStart < rest.count else { return nil }
        return value(UnsafeBufferPointer(rebasing: rest[valueStart...]), inFlow: false)
    }

    /// The value of a key its line leaves empty, from the lines after it: null when the next
    /// line that holds something is another key (or there is none); a list when it starts
    /// with `- `; a map one level deep when it is indented. `cursor` ends after the block.
    /// nil for anything else: nested blocks, empty items, scalars over several lines.
    private static func blockValue(after cursor: inout LineCursor) -> FrontMatter.Value? {
        var lookahead = cursor
        guard let (line, _, indent, _) = nextContent(&lookahead) else { return .scalar("", plain: true) }
        let marker = isItem(line, indent: indent)
        if indent == 0, !marker { return .scalar("", plain: true) }
        return marker ? blockList(indent: indent, cursor: &cursor) : blockMap(indent: indent, cursor: &cursor)
    }

    /// `- ` (or a lone `-`) after `indent` spaces.
    private static func isItem(_ line: UnsafeBufferPointer<UInt8>, indent: Int) -> Bool {
        indent < line.count && line[indent] == UInt8(ascii: "-") && (indent + 1 == line.count || line[indent + 1] == 0x20)
    }

    /// The next line that holds something, its number, its indent and the cursor after it;
    /// blank and comment lines before it are consumed. nil at the end.
    private static func nextContent(_ cursor: inout LineCursor)
        -> (line: UnsafeBufferPointer<UInt8>, number: Int, indent: Int, after: LineCursor)? {
        while true {
            var lookahead = cursor
            guard let (line, number) = lookahead.next() else { return nil }
            // A comment with what Yams reads apart is left to the caller, which gives up on it.
            if isBlankOrComment(line), isPlainLine(line) {
                cursor = lookahead
                continue
            }
            return (line, number, line.prefix { $0 == 0x20 }.count, lookahead)
        }
    }

    /// Items `- scalar`, each on its line at `indent`, until a line less indented.
    private static func blockList(indent: Int, cursor: inout LineCursor) -> FrontMatter.Value? {
        var items: [FrontMatter.Value] = []
        while let (line, _, lineIndent, after) = nextContent(&cursor) {
            if lineIndent < indent || (lineIndent == 0 && !isItem(line, indent: 0)) {
                // The list is over: the next key, at the left margin (anything between is Yams').
                guard lineIndent == 0 else { return nil }
                break
            }
            guard lineIndent == indent, isItem(line, indent: indent), isPlainLine(line) else { return nil }
            var start = indent + 1
            while start < line.count, line[start] == 0x20 { start += 1 }
            guard start < line.count, line[start] != UInt8(ascii: "#"),
                  let item = value(UnsafeBufferPointer(rebasing: line[start...]), inFlow: false),
                  case .scalar = item else { return nil }
            items.append(item)
            cursor = after
        }
        return items.isEmpty ? nil : .sequence(items)
    }

    /// `key: scalar` lines at `indent` (over none), until the next line at the left margin.
    private static func blockMap(indent: Int, cursor: inout LineCursor) -> FrontMatter.Value? {
        var fields: [(key: String, value: FrontMatter.Value, line: Int)] = []
        while let (line, lineNumber, lineIndent, after) = nextContent(&cursor) {
            if lineIndent == 0 { break }
            guard lineIndent == indent, isPlainLine(line), !isItem(line, indent: indent),
                  let (key, rest) = keyAndRest(UnsafeBufferPointer(rebasing: line[indent...])),
                  !fields.contains(where: { $0.key == key }),
                  let value = inlineValue(rest), case .scalar = value else { return nil }
            fields.append((key, value, lineNumber))
            cursor = after
        }
        return fields.isEmpty ? nil : .mapping(fields)
    }

    /// A plain or quoted scalar that ends the line (or the list item), or, outside a list, a
    /// one-line `[a, 'b c']` list of them; nil for anything else, which Yams then decides.
    /// Whatever this accepts, Yams reads the same way (tested).
    private static func value(_ bytes: UnsafeBufferPointer<UInt8>, inFlow: Bool) -> FrontMatter.Value? {
        guard let first = bytes.first else { return nil }
        switch first {
        case UInt8(ascii: "\""):
            return quoted(bytes, quote: first, inFlow: inFlow).map { .scalar($0, plain: false) }
        case UInt8(ascii: "'"):
            return quoted(bytes, quote: first, inFlow: inFlow).map { .scalar($0, plain: false) }
        case UInt8(ascii: "[") where !inFlow:
            return wikilink(bytes) ?? list(bytes)
        default:
            return plainScalar(bytes, inFlow: inFlow).map { .scalar($0, plain: true) }
        }
    }

    /// `[[name]]`, an unquoted wikilink, which YAML reads as a list holding a list of one
    /// scalar: that, for `previous:` to read back as text. nil for any other nesting.
    private static func wikilink(_ bytes: UnsafeBufferPointer<UInt8>) -> FrontMatter.Value? {
        guard bytes.count > 4, bytes[1] == UInt8(ascii: "["),
              let close = bytes.firstIndex(of: UInt8(ascii: "]")), close + 1 < bytes.count, bytes[close + 1] == UInt8(ascii: "]"),
              isEndOfLine(UnsafeBufferPointer(rebasing: bytes[(close + 2)...])) else { return nil }
        var start = 2, end = close
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        let inside = bytes[start..<end]
        guard !inside.isEmpty, !inside.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }),
              let name = value(UnsafeBufferPointer(rebasing: inside), inFlow: true), case .scalar = name else { return nil }
        return .sequence([.sequence([name])])
    }

    /// `[a, b]` closed on its line, with no nested list or map.
    private static func list(_ bytes: UnsafeBufferPointer<UInt8>) -> FrontMatter.Value? {
        guard let close = bytes.firstIndex(of: UInt8(ascii: "]")),
              isEndOfLine(UnsafeBufferPointer(rebasing: bytes[(close + 1)...])) else { return nil }
        let inside = bytes[1..<close]
        guard !inside.contains(UInt8(ascii: "[")), !inside.contains(UInt8(ascii: "{")) else { return nil }
        if inside.allSatisfy({ $0 == 0x20 }) { return .sequence([]) }
        var items: [FrontMatter.Value] = []
        for part in inside.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            var start = part.startIndex, end = part.endIndex
            while start < end, bytes[start] == 0x20 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            guard let item = value(UnsafeBufferPointer(rebasing: bytes[start..<end]), inFlow: true) else {
                return nil
            }
            items.append(item)
        }
        return .sequence(items)
    }

    /// `"text"` (escapes `\"`, `\\`, `\/`, `\n`, `\t`) or `'text'` (`''` for a quote), ending
    /// the line or the list item.
    private static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, quote: UInt8, inFlow: Bool) -> String? {
        // The value is never longer than its quoted text: it is made on the stack.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { buffer in
            var count = 0
            return quoted(bytes, quote: quote, inFlow: inFlow) { byte in
                buffer[count] = byte
                count += 1
            } done: {
                String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
            }
        }
    }

    private static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, quote: UInt8, inFlow: Bool,
                               append: (UInt8) -> Void, done: () -> String) -> String? {
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                if quote == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == quote {
                    append(quote)
                    index += 2
                    continue
                }
                // In a list the item must end here: a comment would hide the closing bracket.
                let rest = UnsafeBufferPointer(rebasing: bytes[(index + 1)...])
                guard inFlow ? rest.allSatisfy({ $0 == 0x20 }) : isEndOfLine(rest) else { return nil }
                return done()
            }
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                index += 1
                guard index < bytes.count else { return nil }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): append(bytes[index])
                case UInt8(ascii: "n"): append(0x0A)
                case UInt8(ascii: "t"): append(0x09)
                default: return nil
                }
            } else {
                append(byte)
            }
            index += 1
        }
        return nil
    }

    /// Nothing but spaces and an optional ` # comment`.
    private static func isEndOfLine(_ rest: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < rest.count, rest[index] == 0x20 { index += 1 }
        return index == rest.count || (rest[index] == UInt8(ascii: "#") && index > 0)
    }

    /// A plain scalar; nil for anything that starts or holds what YAML reads otherwise.
    private static func plainScalar(_ bytes: UnsafeBufferPointer<UInt8>, inFlow: Bool) -> String? {
        guard let first = bytes.first, !isPlainIndicator(first) else { return nil }
        var end = bytes.count
        // From one `#` or `:` to the next (the first byte is no `#`, so a `#` has a byte before it).
        var index = ByteScan.firstIndex(of: 0x23, or: 0x3A, in: bytes, from: 0)
        while index < bytes.count {
            if bytes[index] == 0x23, bytes[index - 1] == 0x20 {
                // In a flow list a comment hides the closing bracket: Yams' error to give.
                if inFlow { return nil }
                end = index - 1
                break
            }
            if bytes[index] == 0x3A, index + 1 < bytes.count, bytes[index + 1] == 0x20 { return nil }
            index = ByteScan.firstIndex(of: 0x23, or: 0x3A, in: bytes, from: index + 1)
        }
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        guard end > 0, bytes[end - 1] != 0x3A else { return nil }
        let value = UnsafeBufferPointer(rebasing: bytes[..<end])
        if inFlow, value.contains(where: isFlowIndicator) { return nil }
        return String(decoding: value, as: UTF8.self)
    }

    /// A byte that cannot start a plain scalar: one of ``[]{}&*!|>%@`-?,#'"``.
    static func isPlainIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"),
             UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ","),
             UInt8(ascii: "#"), UInt8(ascii: "'"), UInt8(ascii: "\""): return true
        default: return false
        }
    }

    /// A byte a plain scalar inside a flow list may not hold: one of `[]{}:`.
    static func isFlowIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ":"): return true
        default: return false
        }
    }

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
}
