/// What a level-2 section of a session note is for, matched from its heading.
public enum SectionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case agenda, checkin, review, notes, challenges, guidance, takeaways, goals, actions, next
    case resources
    /// Any other heading: kept, in order, with its title.
    case other

    /// Sections whose list items (or paragraphs) are read as entries; the others are read
    /// for items, logistics or links, or kept as Markdown only.
    public var hasEntries: Bool {
        switch self {
        case .agenda, .checkin, .challenges, .guidance, .takeaways, .other: return true
        case .review, .notes, .goals, .actions, .next, .resources: return false
        }
    }

    /// Sections whose Markdown documents show as it is written (minutes, check-in, and
    /// sections of no known kind); the others are shown through what is read from them.
    public var isShownAsMarkdown: Bool {
        switch self {
        case .notes, .checkin, .other: return true
        default: return false
        }
    }

    private static let headingWords: [String: SectionKind] = [
        "agenda": .agenda, "talking points": .agenda,
        "check in": .checkin, "checkin": .checkin, "checking in": .checkin,
        "review": .review, "previous actions": .review, "last time": .review,
        "since last time": .review,
        "notes": .notes, "minutes": .notes, "discussion": .notes,
        "challenges": .challenges, "blockers": .challenges,
        "guidance": .guidance, "advice": .guidance,
        "key takeaways": .takeaways, "takeaways": .takeaways,
        "goals": .goals, "goals for the week": .goals, "goals for next week": .goals,
        "goals for the coming week": .goals,
        "action items": .actions, "actions": .actions, "next steps": .actions,
        "to do": .actions, "todo": .actions,
        "next session": .next, "next meeting": .next, "logistics": .next,
        "resources": .resources, "links": .resources,
    ]

    /// Classifies a heading's text: case-insensitive, ignoring punctuation, emoji, a leading
    /// number (`2.`) and a trailing colon. A heading `Private` or one ending in `(private)`
    /// marks the section private.
    public static func classify(heading: String) -> (kind: SectionKind, isPrivate: Bool) {
        if let ascii = heading.utf8.withContiguousStorageIfAvailable(asciiClassify), let ascii { return ascii }
        return unicodeClassify(heading: heading)
    }

    /// `classify(heading:)` by its definition, on characters.
    static func unicodeClassify(heading: String) -> (kind: SectionKind, isPrivate: Bool) {
        var words = normalizedWords(heading)
        // The number first, so that `2. Private` is the heading `Private`.
        if let first = words.first, first.allSatisfy(\.isNumber), words.count > 1 {
            words.removeFirst()
        }
        var isPrivate = false
        if words.last == "private", heading.lowercased().contains("(private)") || words == ["private"] {
            isPrivate = true
            words.removeLast()
        }
        let phrase = words.joined(separator: " ")
        return (headingWords[phrase] ?? .other, isPrivate)
    }

    static func normalizedWords(_ heading: String) -> [String] {
        if let ascii = heading.utf8.withContiguousStorageIfAvailable(asciiWords), let ascii { return ascii }
        return unicodeWords(heading)
    }

    /// The words by their definition, on characters.
    static func unicodeWords(_ heading: String) -> [String] {
        var cleaned = ""
        for character in heading.lowercased() {
            cleaned.append(character.isLetter || character.isNumber ? character : " ")
        }
        return cleaned.split(separator: " ").map(String.init)
    }

    /// The words of an ASCII heading, lower-cased, split at anything but letters and digits;
    /// nil when the heading is not all ASCII.
    private static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var words: [String] = []
        var word: [UInt8] = []
        for byte in bytes {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                word.append(lower)
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// `classify(heading:)` for an ASCII heading, on bytes: words are ranges of the
    /// lower-cased heading, and only the phrase looked up becomes a string (a short one,
    /// which Swift keeps without allocating).
    private static func asciiClassify(_ bytes: UnsafeBufferPointer<UInt8>) -> (kind: SectionKind, isPrivate: Bool)? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        var words: [Range<Int>] = []
        var start = -1
        for (index, byte) in lower.enumerated() {
            let isWordByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if isWordByte, start < 0 { start = index }
            if !isWordByte, start >= 0 { words.append(start..<index); start = -1 }
        }
        if start >= 0 { words.append(start..<lower.count) }
        func isWord(_ range: Range<Int>, _ text: String) -> Bool { lower[range].elementsEqual(text.utf8) }
        if let first = words.first, words.count > 1, lower[first].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            words.removeFirst()
        }
        var isPrivate = false
        if let last = words.last, isWord(last, "private"),
           words.count == 1 || TextScanning.contains(lower, "(private)") {
            isPrivate = true
            words.removeLast()
        }
        let phrase = TextScanning.joined(words, of: lower[...])
        return (headingWords[phrase] ?? .other, isPrivate)
    }
}
