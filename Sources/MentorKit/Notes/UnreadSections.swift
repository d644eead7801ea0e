/// The lines of a session note that a read keeping no Markdown and no entries (`check`,
/// `status`, the report) would parse only to throw away: every line of a section that makes
/// no items of plain list items and reads no plan (so no goals, action items, review or next
/// session section), when none of its lines can begin a checkbox. Emptying those lines
/// before cmark parses the note leaves the same note, faster: the sections keep their
/// headings and places, and every kept line its number, column and bytes. (The export keeps
/// entries, which leaves only the minutes to empty: measured, that saves no more than the
/// emptying costs.)
///
/// The sections are found on lines, without cmark, so only where lines alone are sure of
/// them: a note with a line that may open a code fence or HTML block, an indented or nested
/// heading, a setext underline or a bare carriage return, is left whole. The unit tests
/// compare such reads with full ones on every fixture note, and on each with awkward lines
/// put in between; the fuzzer does the same on what it makes.
enum UnreadSections {
    /// The body's bytes with those lines emptied (each keeps its line break), for cmark to
    /// parse, or nil when there are none, or the note's sections cannot be told from its
    /// lines. Bytes, not a `String`: only cmark reads them, and a string would be checked
    /// as UTF-8 again, with its lines found again (the reader finds the kept lines, the same
    /// bytes at the same places, in the body itself).
    static func emptied(_ lines: BodyLines) -> [UInt8]? {
        let emptied: [UInt8]?? = lines.body.utf8.withContiguousStorageIfAvailable { bytes in
            guard let emptied = emptiedLines(bytes, lines: lines) else { return nil }
            return [UInt8](unsafeUninitializedCapacity: bytes.count) { output, initialized in
                var count = 0
                for index in 0..<lines.count {
                    let start = emptied[index] ? lines.endOffset(of: index) : lines.startOffset(of: index)
                    let next = index + 1 < lines.count ? lines.startOffset(of: index + 1) : bytes.count
                    let kept = UnsafeBufferPointer(rebasing: bytes[start..<next])
                    _ = UnsafeMutableBufferPointer(rebasing: output[count...]).initialize(from: kept)
                    count += kept.count
                }
                initialized = count
            }
        }
        // A body is always one buffer (a slice of the note's native string).
        return emptied ?? nil
    }

    /// Which lines to empty, or nil when none or when a line makes the sections unsure.
    private static func emptiedLines(_ bytes: UnsafeBufferPointer<UInt8>, lines: BodyLines) -> [Bool]? {
        var emptied = [Bool](repeating: false, count: lines.count)
        var anyEmptied = false
        // The open section: its heading's line, level and text.
        var open: (line: Int, level: Int, text: Range<Int>)?
        var mayHoldTask = false
        func close(before line: Int) {
            guard let section = open, !mayHoldTask, section.line + 1 < line else { return }
            // A level-1 heading after the first section opens one of kind `other`. Classified
            // only here: most sections that are read hold a box, and so never get this far.
            guard let kind = section.level == 1 ? .other : kind(headingText: section.text, in: bytes),
                  keepsOnlyItems(kind) else { return }
            for index in section.line + 1..<line { emptied[index] = true }
            anyEmptied = true
        }
        for index in 0..<lines.count {
            let end = lines.endOffset(of: index)
            // An emptied line before a bare carriage return would make `\r\n` of two breaks.
            if end + 1 < bytes.count, bytes[end] == 0x0D, bytes[end + 1] != 0x0A { return nil }
            switch shape(of: bytes, from: lines.startOffset(of: index), to: end) {
            case .unsure:
                return nil
            case .heading(let level, let text) where level == 2 || (level == 1 && open != nil):
                close(before: index)
                open = (index, level, text)
                mayHoldTask = false
            case .mayHoldTask:
                mayHoldTask = true
            case .heading, .plain:
                break
            }
        }
        close(before: lines.count)
        return anyEmptied ? emptied : nil
    }

    /// The kind of a level-2 heading of plain text (no inline markup, so cmark's text of it
    /// is these bytes), or nil.
    private static func kind(headingText range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> SectionKind? {
        let text = UnsafeBufferPointer(rebasing: bytes[range])
        guard !text.contains(where: isInlineMarkup) else { return nil }
        // On the bytes when they are ASCII: no string made and collapsed for each heading.
        if let ascii = SectionKind.classify(asciiHeading: text) { return ascii.kind }
        return SectionKind.classify(heading: TextScanning.collapse(String(decoding: text, as: UTF8.self))).kind
    }

    /// Whether a read without entries keeps nothing of a section of this kind but its
    /// checkbox items (see `BodyReader.finishSection` and `collectMentions`).
    private static func keepsOnlyItems(_ kind: SectionKind) -> Bool {
        switch kind {
        case .goals, .actions, .review, .next: return false
        case .agenda, .checkin, .notes, .challenges, .guidance, .takeaways, .resources, .other: return true
        }
    }

    private static func isInlineMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: "&"): return true
        default: return false
        }
    }

    private enum Shape: Equatable {
        /// Nothing that changes which sections there are, nor an item's box.
        case plain
        /// An ATX heading at column 1, with the byte range of its text.
        case heading(level: Int, text: Range<Int>)
        /// A paragraph could start here with a checkbox or a link reference definition.
        case mayHoldTask
        /// A line that may open a fence or HTML block, or be a heading cmark sees and this
        /// reading does not.
        case unsure
    }

    /// What a line (bytes `start..<end`, its break left out) may be.
    private static func shape(of bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Shape {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        var index = start
        while index < end, bytes[index] == space || bytes[index] == tab { index += 1 }
        guard index < end else { return .plain }
        // A line of only `=` or only `-` may underline the paragraph above into a heading.
        let first = bytes[index]
        if first == UInt8(ascii: "=") || first == UInt8(ascii: "-") {
            var last = end
            while last > index, bytes[last - 1] == space || bytes[last - 1] == tab { last -= 1 }
            if !bytes[index..<last].contains(where: { $0 != first }) { return .unsure }
        }
        if index == start, let heading = atxHeading(bytes, from: index, to: end) { return heading }
        // Past block quote marks and list markers to where the line's own block starts.
        while index < end {
            let byte = bytes[index]
            if byte == space || byte == tab || byte == UInt8(ascii: ">") {
                index += 1
            } else if let after = listMarkerEnd(bytes, from: index, to: end) {
                index = after
            } else {
                break
            }
        }
        guard index < end else { return .plain }
        switch bytes[index] {
        case UInt8(ascii: "["): return mayOpenBoxOrDefinition(bytes, from: index, to: end) ? .mayHoldTask : .plain
        case UInt8(ascii: "<"): return .unsure
        case UInt8(ascii: "#"): return atxHeading(bytes, from: index, to: end) == nil ? .plain : .unsure
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            let fence = bytes[index]
            return index + 2 < end && bytes[index + 1] == fence && bytes[index + 2] == fence ? .unsure : .plain
        default: return .plain
        }
    }

    /// Whether the `[` at `start` may be a checkbox (`[` a byte `]`, as `ItemStatus` reads
    /// one) or begin a link reference definition, which would change links elsewhere in the
    /// note: a label closed by `]:` on this line, or not closed on it (an escaped `\]` closes
    /// nothing). A line that starts with a link (`[a talk](url)`) is neither.
    private static func mayOpenBoxOrDefinition(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let close = UInt8(ascii: "]")
        if start + 2 < end, bytes[start + 2] == close { return true }
        var index = start + 1
        var closed = false
        while index < end {
            // `\]` does not close the label: `[a\]` goes on to the next line's `]: /url`.
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == close {
                closed = true
                if index + 1 < end, bytes[index + 1] == UInt8(ascii: ":") { return true }
            }
            index += 1
        }
        return !closed
    }

    /// `#` to `######` then a space, a tab or the end of the line: the heading and its text,
    /// without a closing run of `#`.
    private static func atxHeading(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Shape? {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#")
        var index = start
        while index < end, bytes[index] == hash { index += 1 }
        let level = index - start
        guard (1...6).contains(level), index == end || bytes[index] == space || bytes[index] == tab else { return nil }
        while index < end, bytes[index] == space || bytes[index] == tab { index += 1 }
        var last = end
        while last > index, bytes[last - 1] == space || bytes[last - 1] == tab { last -= 1 }
        var closing = last
        while closing > index, bytes[closing - 1] == hash { closing -= 1 }
        if closing == index || bytes[closing - 1] == space || bytes[closing - 1] == tab {
            last = closing
            while last > index, bytes[last - 1] == space || bytes[last - 1] == tab { last -= 1 }
        }
        return .heading(level: level, text: index..<last)
    }

    /// Past a list marker (`-`, `*`, `+`, or up to nine digits and `.` or `)`) that has a
    /// space, a tab or the end of the line after it.
    private static func listMarkerEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        switch bytes[index] {
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"):
            index += 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            while index < end, index - start < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") else { return nil }
            index += 1
        default:
            return nil
        }
        guard index == end || bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") else { return nil }
        return index
    }
}
