import Foundation

/// The fields written inline in an item (`@owner`, due and done dates, `^id`, `#tags`)
/// and the item's text with them taken out.
public struct InlineFields: Sendable, Hashable {
    /// The item's text: fields removed, white space collapsed.
    public var text: String
    /// The owner as written after `@` (not lower-cased; `mentee`/`mentor` kept as is).
    public var owner: String?
    public var due: LocalDate?
    public var done: LocalDate?
    /// The trailing `^id`, without the caret.
    public var id: String?
    /// `#tags` in order, without `#`; they stay in the text too.
    public var tags: [String]
    /// Fields whose date could not be read: (field name, value as written).
    public var badDates: [BadDate]

    public struct BadDate: Sendable, Hashable {
        public var field: String
        public var value: String
    }

    /// Takes the fields out of an item's plain text.
    ///
    /// Words are found and copied as bytes; only a word that may hold a field (it starts
    /// with `#`, ✅ or 📅, or after opening brackets with `@`, or with a `d` and holds a
    /// colon) becomes a `String`. Most words of most items are plain, and this is the
    /// reader's hottest loop.
    public init(parsing raw: some StringProtocol) {
        self.init(utf8: Array(raw.utf8)[...])
    }

    /// Takes the fields out of an item's plain text given as (valid) UTF-8.
    init(utf8 raw: ArraySlice<UInt8>) {
        self = raw.withUnsafeBufferPointer { InlineFields(utf8: $0) }
    }

    /// The same for bytes in a buffer (the reader's item text, made on the stack).
    init(utf8 buffer: UnsafeBufferPointer<UInt8>) {
        text = ""
        tags = []
        badDates = []
        guard TextScanning.containsPair(buffer, 0x3A, 0x3A) else {
            readWords(of: buffer)
            return
        }
        // Dataview fields (`[due:: ...]`) are taken out of a copy first.
        var bytes = Array(buffer)
        if buffer.allSatisfy({ $0 < 0x80 }) {
            _ = extractDataview(from: &bytes, checkingCharacters: false)
        } else {
            // On the bytes too where every field found stands apart from the text around it
            // as characters; else by the definition, on characters.
            var onBytes = self
            if onBytes.extractDataview(from: &bytes, checkingCharacters: true) {
                self = onBytes
            } else {
                var source = String(decoding: buffer, as: UTF8.self)
                extractDataview(from: &source)
                bytes = Array(source.utf8)
            }
        }
        bytes.withUnsafeBufferPointer { readWords(of: $0) }
    }

    /// Reads the fields of the words of `buffer` into these, in place (a copy of the fields
    /// made and returned cost a retain and a release per string of them, for every item).
    private mutating func readWords(of buffer: UnsafeBufferPointer<UInt8>) {
        // Words and the words kept live on the stack: an item has a handful of each.
        withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: buffer.count / 2 + 1) { words in
            let count = TextScanning.wordRanges(buffer, into: words)
            withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: max(count, 1)) { kept in
                read(buffer, words: UnsafeBufferPointer(rebasing: words[..<count]), kept: kept)
            }
        }
    }

    /// The fields of the words of `bytes`, and the text of the words kept.
    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<Range<Int>>,
                               kept: UnsafeMutableBufferPointer<Range<Int>>) {
        var keptCount = 0
        var index = 0
        while index < words.count {
            let word = words[index]
            // No field can start with a letter or digit unless it holds a colon (`due:`).
            if InlineFields.isPlain(UnsafeBufferPointer(rebasing: bytes[word])) {
                kept[keptCount] = word
                keptCount += 1
                index += 1
                continue
            }
            let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[word]), as: UTF8.self)
            // A field may stand in brackets or before punctuation: "(due:2026-11-21)", "@alex:".
            let core = InlineFields.core(of: token)
            // Each check below can match only words starting so; the others are skipped.
            let coreFirst = core.utf8.first
            let mayBeDate = coreFirst == UInt8(ascii: "d") || coreFirst == UInt8(ascii: "D")
            let tokenFirst = bytes[word.lowerBound]
            // A value that is a code span (`MarkdownTree.plainTextHidingCode`) is literal text.
            if mayBeDate, let value = InlineFields.value(of: core, prefix: "due:"), !InlineFields.isCode(value) {
                assign(value, to: \.due, field: "due")
            } else if mayBeDate, let value = InlineFields.value(of: core, prefix: "done:"), !InlineFields.isCode(value) {
                assign(value, to: \.done, field: "done")
            } else if owner == nil, coreFirst == UInt8(ascii: "@"), let name = InlineFields.mention(core),
                      name.trailing.isEmpty {
                owner = name.name
            } else if tokenFirst >= 0xE2, let (emoji, attached) = InlineFields.emojiField(token),
                      !InlineFields.isCode(attached.isEmpty && index + 1 < words.count
                          ? String(decoding: UnsafeBufferPointer(rebasing: bytes[words[index + 1]]), as: UTF8.self) : attached) {
                var value = attached
                if value.isEmpty, index + 1 < words.count {
                    index += 1
                    value = String(decoding: UnsafeBufferPointer(rebasing: bytes[words[index]]), as: UTF8.self)
                }
                assign(value, to: emoji == "📅" ? \.due : \.done, field: emoji)
            } else {
                if let tag = InlineFields.tag(token) { tags.append(tag) }
                kept[keptCount] = word
                keptCount += 1
            }
            index += 1
        }
        if keptCount > 0 {
            let last = kept[keptCount - 1]
            if last.count > 1, bytes[last.lowerBound] == UInt8(ascii: "^"),
               bytes[(last.lowerBound + 1)..<last.upperBound].allSatisfy({ InlineFields.isPlainStart($0) || $0 == 0x2D }) {
                id = String(decoding: UnsafeBufferPointer(rebasing: bytes[(last.lowerBound + 1)..<last.upperBound]), as: UTF8.self)
                keptCount -= 1
            }
        }
        text = TextScanning.joined(UnsafeBufferPointer(rebasing: kept[..<keptCount]), of: bytes)
    }

    private mutating func assign(_ value: String, to field: WritableKeyPath<InlineFields, LocalDate?>,
                                 field name: String) {
        let marks = ".,;:!?)"
        var trimmed = Substring(value)
        // A last byte in ASCII that is no mark ends a character that is none: then nothing is
        // trimmed, decided without going through the characters.
        if value.utf8.last.map({ $0 >= 0x80 || marks.utf8.contains($0) }) ?? false {
            trimmed = trimmed.trimmingEnd { marks.contains($0) }
        }
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
            var searchFrom = source.startIndex
            while let open = source.range(of: "[\(field)::", options: .caseInsensitive, range: searchFrom..<source.endIndex) {
                guard let close = source[open.upperBound...].firstIndex(of: "]") else { break }
                let value = source[open.upperBound..<close].trimmingCharacters(in: .whitespaces)
                guard !InlineFields.isCode(value) else {
                    searchFrom = close
                    continue
                }
                assign(value, to: field == "due" ? \.due : \.done, field: field)
                let offset = source.distance(from: source.startIndex, to: open.lowerBound)
                source.replaceSubrange(open.lowerBound...close, with: " ")
                searchFrom = source.index(source.startIndex, offsetBy: offset)
            }
        }
    }

    /// Whether a field's value holds a code span's placeholder (a private-use character,
    /// `MarkdownTree.codePlaceholders`): then it is literal text, not a field.
    static func isCode(_ value: some StringProtocol) -> Bool { MarkdownTree.holdsCodePlaceholder(value) }

    /// The same on bytes: for ASCII text; for other text when `checkingCharacters`, which
    /// gives up (false, and whatever it changed is to be dropped) at a field that a
    /// character beyond ASCII touches: one before `[` (a prepended mark joins it) or after
    /// `]` (a combining mark does), or in the value (which spaces beyond ASCII may pad).
    /// Only then can the characters differ from the bytes: no other letter folds to the
    /// ASCII letters of `due` and `done`, and the pattern's bytes are all ASCII.
    private mutating func extractDataview(from source: inout [UInt8], checkingCharacters: Bool) -> Bool {
        for (field, pattern) in InlineFields.dataviewPatterns {
            var searchFrom = 0
            while let open = InlineFields.firstASCIICaseInsensitive(pattern, in: source, from: searchFrom) {
                let valueStart = open + pattern.count
                guard let close = source[valueStart...].firstIndex(of: UInt8(ascii: "]")) else {
                    // No `]` byte after it: no `]` character either.
                    break
                }
                if checkingCharacters {
                    guard open == 0 || source[open - 1] < 0x80, close + 1 == source.count || source[close + 1] < 0x80,
                          source[valueStart..<close].allSatisfy({ $0 < 0x80 }) else { return false }
                }
                // `.whitespaces` in ASCII are the space and the tab, trimmed on the bytes.
                var start = valueStart, end = close
                while start < end, source[start] == 0x20 || source[start] == 0x09 { start += 1 }
                while end > start, source[end - 1] == 0x20 || source[end - 1] == 0x09 { end -= 1 }
                let value = String(decoding: source[start..<end], as: UTF8.self)
                guard !InlineFields.isCode(value) else {
                    searchFrom = close
                    continue
                }
                assign(value, to: field == "due" ? \.due : \.done, field: field)
                source.replaceSubrange(open...close, with: [0x20])
                searchFrom = open
            }
        }
        return true
    }

    private static let dataviewPatterns: [(String, [UInt8])] = [("due", Array("[due::".utf8)), ("done", Array("[done::".utf8))]

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
    private static func isPlain(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
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
    static func core(of token: String) -> Substring {
        // An ASCII token's characters are its bytes (it holds no CR LF: words end at spaces).
        if let bounds = token.utf8.withContiguousStorageIfAvailable(asciiCoreBounds), let (start, end) = bounds {
            let utf8 = token.utf8
            return token[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        }
        return unicodeCore(of: token)
    }

    /// `core(of:)` by its definition, on characters.
    static func unicodeCore(of token: String) -> Substring {
        var core = Substring(token)
        core = core.trimmingStart { "([{".contains($0) }.trimmingEnd { ")]},;:!?.".contains($0) }
        return core
    }

    private static func asciiCoreBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var start = 0
        while start < bytes.count, bytes[start] == 0x28 || bytes[start] == 0x5B || bytes[start] == 0x7B { start += 1 }
        var end = bytes.count
        while end > start {
            switch bytes[end - 1] {
            case 0x29, 0x5D, 0x7D, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x2E: end -= 1
            default: return (start, end)
            }
        }
        return (start, end)
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
    static func mention(_ token: Substring) -> (name: String, trailing: String)? {
        if let ascii = token.utf8.withContiguousStorageIfAvailable(asciiMention), let ascii {
            guard let (nameEnd, isName) = ascii, isName else { return nil }
            let utf8 = token.utf8
            let start = utf8.index(after: utf8.startIndex)
            let end = utf8.index(utf8.startIndex, offsetBy: nameEnd)
            return (String(token[start..<end]), String(token[end...]))
        }
        return unicodeMention(token)
    }

    /// For an ASCII token: where the name after `@` ends and whether it is one; `.some(nil)`
    /// when the token does not start with `@`, nil when it is not ASCII.
    private static func asciiMention(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Bool)?? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        guard bytes.first == 0x40 else { return .some(nil) }
        let end = asciiNameEnd(bytes, alsoTaking: 0x2E)
        return .some((end, end > 1 && isPlainStart(bytes[1])))
    }

    /// Where the name after a token's first byte (`@`, `#`) ends: letters, digits, `_`, `-`
    /// and `also` are taken, then trailing `-` and `also` given back.
    private static func asciiNameEnd(_ bytes: UnsafeBufferPointer<UInt8>, alsoTaking also: UInt8) -> Int {
        var end = 1
        while end < bytes.count {
            let byte = bytes[end]
            guard isPlainStart(byte) || byte == 0x5F || byte == 0x2D || byte == also else { break }
            end += 1
        }
        while end > 1, bytes[end - 1] == also || bytes[end - 1] == 0x2D { end -= 1 }
        return end
    }

    /// `mention(_:)` by its definition, on characters.
    static func unicodeMention(_ token: Substring) -> (name: String, trailing: String)? {
        guard token.hasPrefix("@") else { return nil }
        let body = token.dropFirst()
        let name = body.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
        var trimmedName = Substring(name)
        trimmedName = trimmedName.trimmingEnd { $0 == "." || $0 == "-" }
        guard let first = trimmedName.first, first.isLetter || first.isNumber else { return nil }
        return (String(trimmedName), String(body.dropFirst(trimmedName.count)))
    }

    /// `#tag` with at least one character that is not a digit.
    static func tag(_ token: String) -> String? {
        guard token.hasPrefix("#") else { return nil }
        if let ascii = token.utf8.withContiguousStorageIfAvailable(asciiTag), let ascii { return ascii }
        return unicodeTag(token)
    }

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

extension InlineFields {
    /// The identity key of an item's text: case-folded, everything but letters, digits and
    /// white space dropped, white space collapsed. Case folding is lower-casing, upper-casing
    /// and lower-casing again by Unicode's full mappings: `Straße` and `STRASSE`, `ς` and
    /// `Σ`, `ẞ` and `ss` meet, as Unicode's full case folding has them (which leaves the
    /// dotless `ı` as it is, so this does too).
    public static func key(of text: some StringProtocol) -> String {
        if let ascii = text.utf8.withContiguousStorageIfAvailable(asciiKey), let ascii { return ascii }
        return scalarKey(of: text)
    }

    /// The key in one pass over the scalars: ASCII ones on their byte, the others through
    /// their case mappings (what `lowercased()` and `uppercased()` apply, scalar by scalar),
    /// without making the folded text first.
    static func scalarKey(of text: some StringProtocol) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count + 8)
        var pendingSpace = false
        func add(_ scalar: Unicode.Scalar) {
            if TextScanning.isSpace(scalar) {
                pendingSpace = !key.isEmpty
            } else if TextScanning.isWordScalar(scalar) {
                if pendingSpace {
                    key.append(0x20)
                    pendingSpace = false
                }
                // Encoded here: appending `UTF8.encode(scalar)` went through a generic
                // sequence append per scalar.
                let value = scalar.value
                if value < 0x80 {
                    key.append(UInt8(value))
                } else if value < 0x800 {
                    key.append(UInt8(0xC0 | value >> 6))
                    key.append(UInt8(0x80 | value & 0x3F))
                } else if value < 0x10000 {
                    key.append(UInt8(0xE0 | value >> 12))
                    key.append(UInt8(0x80 | (value >> 6) & 0x3F))
                    key.append(UInt8(0x80 | value & 0x3F))
                } else {
                    key.append(UInt8(0xF0 | value >> 18))
                    key.append(UInt8(0x80 | (value >> 12) & 0x3F))
                    key.append(UInt8(0x80 | (value >> 6) & 0x3F))
                    key.append(UInt8(0x80 | value & 0x3F))
                }
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                // As `add` takes it, on the byte: spaces, then letters and digits lower-cased.
                let byte = UInt8(scalar.value)
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !key.isEmpty
                } else if isPlainStart(byte) {
                    if pendingSpace {
                        key.append(0x20)
                        pendingSpace = false
                    }
                    key.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                }
            } else if scalar.value < InlineFields.latinFoldsEnd {
                // Latin letters with accents, the most common beyond ASCII: folded once.
                for folded in InlineFields.latinFolds[Int(scalar.value) - 0x80] { add(folded) }
            } else if !scalar.properties.changesWhenCaseMapped {
                // No case mapping changes it (letters of scripts without case, marks,
                // symbols): the round trip would give it back, at three lookups.
                add(scalar)
            } else {
                for folded in fold(scalar) { add(folded) }
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// Lower-cased, upper-cased and lower-cased again by the full mappings.
    private static func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
            // Dotless `ı` has no folding: its round trip through `I` would make it `i`.
            guard lowered != "\u{131}" else { result.append(lowered); continue }
            for upper in lowered.properties.uppercaseMapping.unicodeScalars {
                result += upper.properties.lowercaseMapping.unicodeScalars
            }
        }
        return result
    }

    /// The folds of U+0080 up to Latin Extended-B's end, made on first use.
    private static let latinFoldsEnd: UInt32 = 0x250
    private static let latinFolds: [[Unicode.Scalar]] = (UInt32(0x80)..<latinFoldsEnd).map { value in
        Unicode.Scalar(value).map(fold) ?? []
    }

    /// The key by its definition: Foundation's case-insensitive folding (ICU's full case
    /// folding), written independently of `scalarKey`'s mappings so the tests compare two
    /// definitions, not one twice.
    static func unicodeKey(of text: some StringProtocol) -> String {
        var key = String.UnicodeScalarView()
        var pendingSpace = false
        let folded = String(text).folding(options: .caseInsensitive, locale: nil).unicodeScalars
        for scalar in folded {
            if TextScanning.isSpace(scalar) {
                pendingSpace = !key.isEmpty
            } else if TextScanning.isWordScalar(scalar) {
                if pendingSpace { key.append(" "); pendingSpace = false }
                key.append(scalar)
            }
        }
        return String(key)
    }

    /// `tag(_:)` for an all-ASCII token, on bytes; nil when the token is not all ASCII
    /// (and `.some(nil)` when it is no tag).
    private static func asciiTag(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let end = asciiNameEnd(bytes, alsoTaking: 0x2F)
        let name = UnsafeBufferPointer(rebasing: bytes[1..<end])
        guard !name.isEmpty, name.contains(where: { $0 < 0x30 || $0 > 0x39 }) else { return .some(nil) }
        return .some(String(decoding: name, as: UTF8.self))
    }

    /// The key of ASCII text, built on bytes; nil when the text is not all ASCII.
    private static func asciiKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                // Letters and digits eight at a time: lower-casing them all is setting 0x20,
                // which digits have already. The key never holds more than the bytes read.
                if index + 8 <= bytes.count, count + 9 <= output.count {
                    let run = ByteScan.alphanumericPrefix(of: bytes, at: index)
                    if run > 0 {
                        if pendingSpace {
                            output[count] = 0x20
                            count += 1
                            pendingSpace = false
                        }
                        ByteScan.copyWord(of: bytes, at: index, to: output, at: count, setting: 0x20)
                        count += run
                        index += run
                        continue
                    }
                }
                let byte = bytes[index]
                index += 1
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = count > 0
                } else if isPlainStart(byte) {
                    if pendingSpace {
                        output[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    output[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    count += 1
                }
            }
            return count
        }
    }
}
