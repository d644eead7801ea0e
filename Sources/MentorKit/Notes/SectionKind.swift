#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    static let headingWords: [String: SectionKind] = [
        "agenda": .agenda, "talking points": .agenda,
        "check in": .checkin, "checkin": .checkin, "checking in": .checkin,
        "review": .review, "previous actions": .review, "last time": .review,
        "since last time": .review,
        "notes": .notes, "minutes": .notes, "discussion": .notes,
        "challenges": .challenges, "blockers": .challenges,
        "guidance": .guidance, "advice": .guidance,
        "key takeaways": .takeaways, "takeaways": .takeaways,
        "goals": .goals, "goals for the week": .goals, "goals for next week": .goals,
        "goals for the coming week": .goals, "goals for this week": .goals,
        "action items": .actions, "actions": .actions, "next steps": .actions,
        "to do": .actions, "todo": .actions,
        "next session": .next, "next meeting": .next, "logistics": .next,
        "resources": .resources, "links": .resources,
    ]

    /// For a heading of no kind that is a slip away from a known heading (`Goal`,
    /// `Challanges`, `Action item`, `Nxt session`): that heading, as the spec writes it, and
    /// its kind. A slip is one letter or space added or left out, or, in a heading of seven
    /// letters or more, one letter changed, never the first: ordinary words a letter away
    /// (`Options`, `Preview`, `Nodes`, `Lines`) are sections of their own (spec 3.1).
    static func nearMiss(heading: String) -> (heading: String, kind: SectionKind)? {
        var words = normalizedWords(heading)
        if let first = words.first, first.allSatisfy(\.isNumber), words.count > 1 { words.removeFirst() }
        if words.last == "private" { words.removeLast() }
        let phrase = Array(words.joined(separator: " ").unicodeScalars)
        guard phrase.count >= 3, headingWords[String(String.UnicodeScalarView(phrase))] == nil else { return nil }
        var best: String?
        for known in headingWords.keys where isSlip(phrase, of: Array(known.unicodeScalars)) {
            if best.map({ known < $0 }) ?? true { best = known }
        }
        return best.map { (String($0.prefix(1)).uppercased() + $0.dropFirst(), headingWords[$0]!) }
    }

    /// A heading that says "private" (or a slip of it: `Privte`) in a way that does not make
    /// its section private (`Notes - private`, `Private notes`, `Notes (privat)`): called for
    /// headings `classify` did not find private, whose writer most likely meant them to be.
    static func mentionsPrivate(heading: String) -> Bool {
        // Every heading passes here: one without a `p` (most: Notes, Goals, Agenda, ...) is
        // told apart on its bytes.
        let mayMention = heading.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 | 0x20 == 0x70 || $0 >= 0x80 }
        }
        if mayMention == false { return false }
        let target = Array("private".unicodeScalars)
        return normalizedWords(heading).contains { word in
            let scalars = Array(word.unicodeScalars)
            // A letter added or left out (`Privte`, `privat`) or written as a digit (`pr1vate`),
            // not changed for another letter (`Primate`), and not a plural (`Privates`).
            if scalars == target { return true }
            if scalars.count == target.count {
                let differing = target.indices.filter { scalars[$0] != target[$0] }
                return differing.count == 1 && scalars[differing[0]].properties.numericType != nil
            }
            return scalars != target + ["s"] && isSlip(scalars, of: target)
        }
    }

    /// Whether `written` is `known` with one slip (see `nearMiss`).
    private static func isSlip(_ written: [Unicode.Scalar], of known: [Unicode.Scalar]) -> Bool {
        guard written.first == known.first, written != known else { return false }
        switch written.count - known.count {
        case 0:
            let differing = known.indices.filter { written[$0] != known[$0] }
            // Two letters swapped in a long heading (`Guidnace`; `Gaols` and `Minuets` are
            // words), or in a long heading one changed.
            if known.count >= 8, differing.count == 2, differing[1] == differing[0] + 1,
               written[differing[0]] == known[differing[1]], written[differing[1]] == known[differing[0]] { return true }
            return known.count >= 7 && differing.count == 1
        case 1, -1:
            let (longer, shorter) = written.count > known.count ? (written, known) : (known, written)
            var skipped = false
            var i = 0, j = 0
            while i < longer.count {
                if j < shorter.count, longer[i] == shorter[j] {
                    i += 1
                    j += 1
                } else if !skipped {
                    skipped = true
                    i += 1
                } else {
                    return false
                }
            }
            return j == shorter.count
        default:
            return false
        }
    }

    /// What a section of this kind is read for, as words for a sentence ("goals", "the check-in").
    var readFor: String {
        switch self {
        case .agenda: return "talking points"
        case .checkin: return "the check-in"
        case .review: return "updates of earlier items"
        case .notes: return "minutes"
        case .challenges: return "challenges"
        case .guidance: return "guidance"
        case .takeaways: return "takeaways"
        case .goals: return "goals"
        case .actions: return "action items"
        case .next: return "the next session's logistics"
        case .resources: return "resources"
        case .other: return "a section of its own"
        }
    }

    /// Classifies a heading's text: case-insensitive, ignoring punctuation, emoji, a leading
    /// number (`2.`) and a trailing colon. A heading `Private` or one ending in `(private)`
    /// marks the section private.
    public static func classify(heading: String) -> (kind: SectionKind, isPrivate: Bool) {
        if let ascii = heading.utf8.withContiguousStorageIfAvailable(classify(asciiHeading:)), let ascii { return ascii }
        return unicodeClassify(heading: heading)
    }

    /// `classify(heading:).isPrivate`, looked at first for the letters `private` on bytes
    /// (any case): a heading without them is never private, and most headings (a note's
    /// title, say) are not, so they skip the classifying.
    static func isPrivate(heading: String) -> Bool {
        let mayBe = heading.utf8.withContiguousStorageIfAvailable { TextScanning.containsCaseInsensitive($0, "private") }
        return mayBe != false && classify(heading: heading).isPrivate
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

    /// `classify(heading:)` for an ASCII heading, on bytes, with no allocation: one pass
    /// writes the heading's words lower-cased with single spaces between them, and the rules
    /// then cut the phrase out of that.
    /// The bytes may be as written, white space and all: the words are split at anything but
    /// letters and digits, so collapsing the white space first changes nothing. nil beyond ASCII.
    static func classify(asciiHeading bytes: UnsafeBufferPointer<UInt8>) -> (kind: SectionKind, isPrivate: Bool)? {
        // A word and the space before it are never longer than the bytes they come from.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { words in
            // The first, second and last words (ranges of `words`) are all the rules look at.
            var firstEnd = 0, secondStart = -1, lastStart = 0, wordCount = 0
            var count = 0
            var inWord = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte
                if lower &- 0x61 < 26 || lower &- 0x30 < 10 {
                    if !inWord {
                        if wordCount > 0 { words[count] = 0x20; count += 1 }
                        if wordCount == 1 { secondStart = count }
                        lastStart = count
                        wordCount += 1
                        inWord = true
                    }
                    words[count] = lower
                    count += 1
                } else if inWord {
                    if wordCount == 1 { firstEnd = count }
                    inWord = false
                }
            }
            if inWord, wordCount == 1 { firstEnd = count }
            var phraseStart = 0
            var remaining = wordCount
            if remaining > 1, (0..<firstEnd).allSatisfy({ words[$0] &- 0x30 < 10 }) {
                phraseStart = secondStart
                remaining -= 1
            }
            var phraseEnd = count
            var isPrivate = false
            if remaining > 0, count - lastStart == 7, memcmp(words.baseAddress! + lastStart, "private", 7) == 0,
               remaining == 1 || TextScanning.containsCaseInsensitive(bytes, "(private)") {
                isPrivate = true
                remaining -= 1
                // The space before `private` ends the phrase.
                phraseEnd = max(phraseStart, lastStart - 1)
            }
            guard remaining > 0 else { return (.other, isPrivate) }
            let phrase = UnsafeBufferPointer(rebasing: words[phraseStart..<phraseEnd])
            return (AsciiPhrases.shared.kind(of: phrase) ?? .other, isPrivate)
        }
    }

    /// The known phrases' bytes back to back, found by their length: a heading is compared
    /// with the few phrases as long as it, with no array to retain per phrase passed.
    private struct AsciiPhrases: Sendable {
        static let shared = AsciiPhrases(headingWords)

        private let bytes: [UInt8]
        /// (start in `bytes`, kind), grouped by length.
        private let phrases: [(start: Int, kind: SectionKind)]
        /// For each length, the range of `phrases` that long.
        private let byLength: [Range<Int>]

        init(_ words: [String: SectionKind]) {
            let sorted = words.map { (Array($0.key.utf8), $0.value) }.sorted {
                $0.0.count != $1.0.count ? $0.0.count < $1.0.count : $0.0.lexicographicallyPrecedes($1.0)
            }
            var bytes: [UInt8] = []
            var phrases: [(start: Int, kind: SectionKind)] = []
            var byLength = [Range<Int>](repeating: 0..<0, count: (sorted.last?.0.count ?? 0) + 1)
            for (phrase, kind) in sorted {
                if byLength[phrase.count].isEmpty { byLength[phrase.count] = phrases.count..<phrases.count }
                phrases.append((bytes.count, kind))
                bytes += phrase
                byLength[phrase.count] = byLength[phrase.count].lowerBound..<phrases.count
            }
            self.bytes = bytes
            self.phrases = phrases
            self.byLength = byLength
        }

        func kind(of phrase: UnsafeBufferPointer<UInt8>) -> SectionKind? {
            guard phrase.count < byLength.count, let base = phrase.baseAddress else { return nil }
            return bytes.withUnsafeBufferPointer { known in
                for index in byLength[phrase.count] where memcmp(known.baseAddress! + phrases[index].start, base, phrase.count) == 0 {
                    return phrases[index].kind
                }
                return nil
            }
        }
    }
}
