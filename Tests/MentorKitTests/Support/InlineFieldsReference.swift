import Foundation
@testable import MentorKit

/// The inline-field reader (`@owner`, due and done dates, `^id`, `#tags`, and the item's
/// text with them taken out) as it was before it read words into stack buffers: the
/// definition the faster one is checked against (`InlineFieldsReferenceTests`).
struct InlineFieldsReference: Sendable, Hashable {
    /// The item's text: fields removed, white space collapsed.
    var text: String
    /// The owner as written after `@` (not lower-cased; `mentee`/`mentor` kept as is).
    var owner: String?
    var due: LocalDate?
    var done: LocalDate?
    /// The trailing `^id`, without the caret.
    var id: String?
    /// `#tags` in order, without `#`; they stay in the text too.
    var tags: [String]
    /// Fields whose date could not be read: (field name, value as written).
    var badDates: [BadDate]

    struct BadDate: Sendable, Hashable {
        var field: String
        var value: String
    }

    /// Takes the fields out of an item's plain text.
    ///
    /// Words are found and copied as bytes; only a word that may hold a field (it starts
    /// with `#`, ✅ or 📅, or after opening brackets with `@`, or with a `d` and holds a
    /// colon) becomes a `String`. Most words of most items are plain, and this is the
    /// reader's hottest loop.
    init(parsing raw: some StringProtocol) {
        self.init(utf8: Array(raw.utf8)[...])
    }

    /// Takes the fields out of an item's plain text given as (valid) UTF-8.
    init(utf8 raw: ArraySlice<UInt8>) {
        text = ""
        tags = []
        badDates = []
        var bytes = raw
        if TextScanning.contains(raw, "::") {
            if raw.allSatisfy({ $0 < 0x80 }) {
                var source = Array(raw)
                extractDataview(from: &source)
                bytes = source[...]
            } else {
                // Beside other characters a combining mark can join a bracket or colon into
                // one character, which the definition (on characters) does not match.
                var source = String(decoding: raw, as: UTF8.self)
                extractDataview(from: &source)
                bytes = Array(source.utf8)[...]
            }
        }
        let words = TextScanning.wordRanges(bytes)
        var kept: [Range<Int>] = []
        kept.reserveCapacity(words.count)
        var index = 0
        while index < words.count {
            let word = words[index]
            // No field can start with a letter or digit unless it holds a colon (`due:`).
            if InlineFieldsReference.isPlain(bytes[word]) {
                kept.append(word)
                index += 1
                continue
            }
            let token = String(decoding: bytes[word], as: UTF8.self)
            // A field may stand in brackets or before punctuation: "(due:2026-11-21)", "@alex:".
            let core = InlineFieldsReference.core(of: token)
            // Each check below can match only words starting so; the others are skipped.
            let coreFirst = core.utf8.first
            let mayBeDate = coreFirst == UInt8(ascii: "d") || coreFirst == UInt8(ascii: "D")
            let tokenFirst = bytes[word.lowerBound]
            if mayBeDate, let value = InlineFieldsReference.value(of: core, prefix: "due:") {
                assign(value, to: \.due, field: "due")
            } else if mayBeDate, let value = InlineFieldsReference.value(of: core, prefix: "done:") {
                assign(value, to: \.done, field: "done")
            } else if owner == nil, coreFirst == UInt8(ascii: "@"), let name = InlineFieldsReference.mention(core),
                      name.trailing.isEmpty {
                owner = name.name
            } else if tokenFirst >= 0xE2, let (emoji, attached) = InlineFieldsReference.emojiField(token) {
                var value = attached
                if value.isEmpty, index + 1 < words.count {
                    index += 1
                    value = String(decoding: bytes[words[index]], as: UTF8.self)
                }
                assign(value, to: emoji == "📅" ? \.due : \.done, field: emoji)
            } else {
                if let tag = InlineFieldsReference.tag(token) { tags.append(tag) }
                kept.append(word)
            }
            index += 1
        }
        if let last = kept.last, last.count > 1, bytes[last.lowerBound] == UInt8(ascii: "^"),
           bytes[(last.lowerBound + 1)..<last.upperBound].allSatisfy({ InlineFieldsReference.isPlainStart($0) || $0 == 0x2D }) {
            id = String(decoding: bytes[(last.lowerBound + 1)..<last.upperBound], as: UTF8.self)
            kept.removeLast()
        }
        text = TextScanning.joined(kept, of: bytes)
    }

    private mutating func assign(_ value: String, to field: WritableKeyPath<InlineFieldsReference, LocalDate?>,
                                 field name: String) {
        var trimmed = Substring(value)
        trimmed = trimmed.trimmingEnd { ".,;:!?)".contains($0) }
        if let date = LocalDate(trimmed) {
            self[keyPath: field] = date
        } else {
            badDates.append(BadDate(field: name, value: value))
        }
    }

    /// `[due:: 2026-11-17]` and `[done:: ...]` (Dataview), taken out of `source` (the field
    /// name in any case), each replaced by a space: the definition, on characters.
    private mutating func extractDataview(from source: inout String) {
        for field in ["due", "done"] {
            while let open = source.range(of: "[\(field)::", options: .caseInsensitive) {
                guard let close = source[open.upperBound...].firstIndex(of: "]") else { break }
                let value = source[open.upperBound..<close].trimmingCharacters(in: .whitespaces)
                assign(value, to: field == "due" ? \.due : \.done, field: field)
                source.replaceSubrange(open.lowerBound...close, with: " ")
            }
        }
    }

    /// The same for ASCII text, on bytes.
    private mutating func extractDataview(from source: inout [UInt8]) {
        for field in ["due", "done"] {
            let pattern = Array("[\(field)::".utf8)
            var searchFrom = 0
            while let open = InlineFieldsReference.firstASCIICaseInsensitive(pattern, in: source, from: searchFrom) {
                let valueStart = open + pattern.count
                guard let close = source[valueStart...].firstIndex(of: UInt8(ascii: "]")) else { break }
                let value = String(decoding: source[valueStart..<close], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                assign(value, to: field == "due" ? \.due : \.done, field: field)
                source.replaceSubrange(open...close, with: [0x20])
                searchFrom = open
            }
        }
    }

    private static func firstASCIICaseInsensitive(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard pattern.count <= bytes.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            var matched = true
            for offset in pattern.indices {
                let byte = bytes[index + offset]
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if lower != pattern[offset] { matched = false; break }
            }
            if matched { return index }
            index += 1
        }
        return nil
    }

    /// ASCII letters and digits: a word starting with one is plain text unless it has a colon.
    @inline(__always)
    static func isPlainStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Whether a word can hold no field, decided on its bytes: it does not start with `#`,
    /// ✅ or 📅, and after any opening brackets it starts with neither `@` nor a `d` of
    /// `due:`/`done:`. Anything else goes through the full checks, which work on characters.
    private static func isPlain(_ word: ArraySlice<UInt8>) -> Bool {
        guard let first = word.first else { return true }
        if isPlainStart(first) {
            return !((first == 0x64 || first == 0x44) && word.contains(0x3A))
        }
        if first == 0x23 || first == 0xE2 || first == 0xF0 { return false }
        var start = word.startIndex
        while start < word.endIndex, word[start] == 0x28 || word[start] == 0x5B || word[start] == 0x7B {
            start += 1
        }
        guard start < word.endIndex else { return true }
        let byte = word[start]
        if byte == 0x40 { return false }
        return !((byte == 0x64 || byte == 0x44) && word.contains(0x3A))
    }

    /// The token without surrounding brackets and trailing punctuation.
    private static func core(of token: String) -> Substring {
        var core = Substring(token)
        core = core.trimmingStart { "([{".contains($0) }.trimmingEnd { ")]},;:!?.".contains($0) }
        return core
    }

    private static func value(of token: Substring, prefix: String) -> String? {
        guard token.utf8.count > prefix.utf8.count,
              token.prefix(prefix.count).lowercased() == prefix else { return nil }
        return String(token.dropFirst(prefix.count))
    }

    /// `📅 2026-11-17` or `✅2026-11-14`: the emoji and what is attached to it.
    private static func emojiField(_ token: String) -> (String, String)? {
        for emoji in ["📅", "✅"] where token.hasPrefix(emoji) {
            return (emoji, String(token.dropFirst()))
        }
        return nil
    }

    /// `@name` at the start of a token; trailing punctuation is given back.
    private static func mention(_ token: Substring) -> (name: String, trailing: String)? {
        guard token.hasPrefix("@") else { return nil }
        let body = token.dropFirst()
        let name = body.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
        var trimmedName = Substring(name)
        trimmedName = trimmedName.trimmingEnd { $0 == "." || $0 == "-" }
        guard let first = trimmedName.first, first.isLetter || first.isNumber else { return nil }
        return (String(trimmedName), String(body.dropFirst(trimmedName.count)))
    }

    /// `#tag` with at least one character that is not a digit.
    static func tag(_ token: String) -> String? { InlineFields.tag(token) }

    /// `tag(_:)` by its definition, on characters.
    static func unicodeTag(_ token: String) -> String? {
        guard token.hasPrefix("#") else { return nil }
        var name = token.dropFirst()
            .prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "/" })
        name = name.trimmingEnd { $0 == "-" || $0 == "/" }
        guard !name.isEmpty, name.contains(where: { !$0.isNumber }) else { return nil }
        return String(name)
    }
}


extension InlineFieldsReference {
    /// The same fields as an `InlineFields`, to compare with one.
    var fields: InlineFields {
        var fields = InlineFields(parsing: "")
        fields.text = text
        fields.owner = owner
        fields.due = due
        fields.done = done
        fields.id = id
        fields.tags = tags
        fields.badDates = badDates.map { InlineFields.BadDate(field: $0.field, value: $0.value) }
        return fields
    }
}

/// The array forms of the reader's word scans, which only the reference reader and the tests
/// use (the reader itself works on stack buffers).
extension TextScanning {
    /// The words of UTF-8 `bytes` (valid UTF-8) split at white space, as byte ranges (indexes
    /// of `bytes`).
    static func wordRanges(_ bytes: ArraySlice<UInt8>) -> [Range<Int>] {
        let offset = bytes.startIndex
        return bytes.withUnsafeBufferPointer { buffer in
            [Range<Int>](unsafeUninitializedCapacity: buffer.count / 2 + 1) { ranges, count in
                count = wordRanges(buffer, into: ranges)
            }.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
        }
    }

    /// The byte ranges of `bytes` (its indexes) joined by single spaces.
    static func joined(_ ranges: [Range<Int>], of bytes: ArraySlice<UInt8>) -> String {
        let offset = bytes.startIndex
        let shifted = ranges.map { ($0.lowerBound - offset)..<($0.upperBound - offset) }
        return bytes.withUnsafeBufferPointer { buffer in shifted.withUnsafeBufferPointer { joined($0, of: buffer) } }
    }
}
