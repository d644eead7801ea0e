#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast text helpers: notes are mostly ASCII, and `Character` properties (grapheme
/// breaking, Unicode tables) are costly when run over every character of every note.
enum TextScanning {
    /// White space as notes use it: ASCII space, tab, line breaks, form feed, and any
    /// Unicode space beyond ASCII (no-break space, em space, ...).
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// A letter, a digit, or a combining mark that belongs to one (so `é` written as `e`
    /// plus an accent stays whole).
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The words of `text` split at white space.
    static func words(_ text: some StringProtocol) -> [Substring] {
        let string = Substring(text)
        var result: [Substring] = []
        var start: String.Index?
        var index = string.unicodeScalars.startIndex
        let end = string.unicodeScalars.endIndex
        while index < end {
            let scalar = string.unicodeScalars[index]
            if isSpace(scalar) {
                if let wordStart = start {
                    result.append(string[wordStart..<index])
                    start = nil
                }
            } else if start == nil {
                start = index
            }
            index = string.unicodeScalars.index(after: index)
        }
        if let wordStart = start { result.append(string[wordStart..<end]) }
        return result
    }

    /// `wordRanges` of a buffer, written into `ranges` (room for `bytes.count / 2 + 1`);
    /// returns how many.
    static func wordRanges(_ bytes: UnsafeBufferPointer<UInt8>, into ranges: UnsafeMutableBufferPointer<Range<Int>>) -> Int {
        var found = 0
        var start = -1
        var index = 0
        let count = bytes.count
        while index < count {
            // A word's visible ASCII bytes are skipped eight at a time.
            if index + 8 <= count {
                let run = ByteScan.visibleASCIIPrefix(of: bytes, at: index)
                if run > 0 {
                    if start < 0 { start = index }
                    index += run
                    continue
                }
            }
            let byte = bytes[index]
            let length: Int
            let space: Bool
            if byte < 0x80 {
                length = 1
                space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            } else {
                length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                // Only U+0085, U+00A0, U+1680, U+2000-U+205F and U+3000 are white space.
                space = (byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3)
                    && isSpace(scalar(in: bytes, at: index, length: min(length, count - index)))
            }
            if space {
                if start >= 0 {
                    ranges[found] = start..<index
                    found += 1
                    start = -1
                }
            } else if start < 0 {
                start = index
            }
            index += length
        }
        if start >= 0 {
            ranges[found] = start..<min(index, count)
            found += 1
        }
        return found
    }

    /// The byte ranges of a buffer joined by single spaces.
    static func joined(_ ranges: UnsafeBufferPointer<Range<Int>>, of bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard !ranges.isEmpty else { return "" }
        let total = ranges.reduce(ranges.count - 1) { $0 + $1.count }
        return String(unsafeUninitializedCapacity: total) { output in
            var count = 0
            for range in ranges {
                if count > 0 {
                    output[count] = 0x20
                    count += 1
                }
                for index in range {
                    output[count] = bytes[index]
                    count += 1
                }
            }
            return count
        }
    }


    /// Whether `a` comes before `b` in byte order (the order of file paths everywhere):
    /// `memcmp` on the bytes of native strings, which sorting thousands of paths calls often.
    static func precedesInBytes(_ a: String, _ b: String) -> Bool {
        let fast: Bool?? = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                let shared = Swift.min(left.count, right.count)
                let order = shared == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, shared)
                return order != 0 ? order < 0 : left.count < right.count
            }
        }
        if let fast, let fast { return fast }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Whether the two bytes occur one after the other.
    static func containsPair(_ bytes: UnsafeBufferPointer<UInt8>, _ first: UInt8, _ second: UInt8) -> Bool {
        guard bytes.count >= 2 else { return false }
        for index in 0..<(bytes.count - 1) where bytes[index] == first && bytes[index + 1] == second { return true }
        return false
    }

    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether `needle` (ASCII) occurs in the bytes: no Foundation string search.
    static func contains(_ haystack: some Collection<UInt8>, _ needle: StaticString) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// Whether `needle` (lower-case ASCII) occurs in ASCII bytes in any case.
    static func containsCaseInsensitive(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard haystack.count >= count else { return false }
        let pattern = needle.utf8Start
        for start in 0...(haystack.count - count) {
            var offset = 0
            while offset < count {
                let byte = haystack[start + offset]
                if (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) != pattern[offset] { break }
                offset += 1
            }
            if offset == count { return true }
        }
        return false
    }

    /// Where `needle` (ASCII) first occurs in `text`.
    static func firstIndex(of needle: StaticString, in text: Substring) -> Substring.Index? {
        guard let offset = firstOffset(of: needle, in: text.utf8) else { return nil }
        return text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }

    private static func firstOffset(of needle: StaticString, in haystack: some Collection<UInt8>) -> Int? {
        if let offset = haystack.withContiguousStorageIfAvailable({ firstOffset(of: needle, inBuffer: $0) }) {
            return offset
        }
        return Array(haystack).withUnsafeBufferPointer { firstOffset(of: needle, inBuffer: $0) }
    }

    private static func firstOffset(of needle: StaticString, inBuffer haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return 0 }
        guard haystack.count >= count else { return nil }
        let pattern = needle.utf8Start
        let first = pattern[0]
        var index = 0
        let last = haystack.count - count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                var offset = 1
                while offset < count {
                    if haystack[index + offset] != pattern[offset] { matched = false; break }
                    offset += 1
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// White space collapsed to single spaces and trimmed.
    static func collapse(_ text: some StringProtocol) -> String {
        // Fast path: ASCII without runs of spaces, tabs or line breaks needs no work.
        let (clean, endsInSpace) = text.utf8.withContiguousStorageIfAvailable(isCollapsed)
            ?? Array(text.utf8).withUnsafeBufferPointer(isCollapsed)
        if clean && !endsInSpace { return String(text) }
        if clean && text.utf8.isEmpty { return "" }
        if let collapsed = text.utf8.withContiguousStorageIfAvailable(collapsed) { return collapsed }
        return Array(text.utf8).withUnsafeBufferPointer(collapsed)
    }

    /// `collapse` of UTF-8 bytes (valid UTF-8), in one pass into the new string.
    static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            var collapser = Collapser(output: output)
            collapser.append(bytes)
            return collapser.count
        }
    }

    /// Writes text with white space collapsed, piece by piece: the words of `wordRanges`
    /// joined by single spaces, with no space at either end. The output must have room for
    /// every byte appended.
    struct Collapser {
        let output: UnsafeMutableBufferPointer<UInt8>
        private(set) var count = 0
        private var pendingSpace = false

        init(output: UnsafeMutableBufferPointer<UInt8>) {
            self.output = output
        }

        /// White space between words (a line break, say).
        @inline(__always)
        mutating func appendSpace() {
            pendingSpace = count > 0
        }

        /// Valid UTF-8, whole scalars.
        @inline(__always)
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            let end = bytes.count
            while index < end {
                // Words are copied eight bytes at a time up to the first byte that is white
                // space, a control byte or beyond ASCII. The output never holds more than the
                // bytes consumed, so eight bytes left here leave it room for eight.
                if index + 8 <= end, count + 9 <= output.count {
                    let run = ByteScan.visibleASCIIPrefix(of: bytes, at: index)
                    if run > 0 {
                        if pendingSpace { output[count] = 0x20; count += 1; pendingSpace = false }
                        ByteScan.copyWord(of: bytes, at: index, to: output, at: count)
                        count += run
                        index += run
                        // The one space between two words is the commonest end of a run.
                        if index < end, bytes[index] == 0x20 {
                            pendingSpace = true
                            index += 1
                        }
                        continue
                    }
                }
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = count > 0
                    } else {
                        if pendingSpace { output[count] = 0x20; count += 1; pendingSpace = false }
                        output[count] = byte
                        count += 1
                    }
                    index += 1
                    continue
                }
                let length = min(byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2, end - index)
                // Only U+0085, U+00A0, U+1680, U+2000-U+205F and U+3000 are white space.
                if (byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3)
                    && TextScanning.isSpace(TextScanning.scalar(in: bytes, at: index, length: length)) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace { output[count] = 0x20; count += 1; pendingSpace = false }
                    for offset in 0..<length { output[count + offset] = bytes[index + offset] }
                    count += length
                }
                index += length
            }
        }
    }

    /// The scalar of a 2- or 3-byte UTF-8 sequence (the input is valid UTF-8).
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Unicode.Scalar {
        var value = UInt32(bytes[index]) & (length == 2 ? 0x1F : 0x0F)
        for offset in 1..<max(length, 1) where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Whether ASCII bytes have no white space but single spaces between words, and whether
    /// they are empty or end in a space (which `collapse` still has to trim).
    private static func isCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> (Bool, Bool) {
        var previousSpace = true
        for byte in bytes {
            if byte >= 0x80 { return (false, previousSpace) }
            let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if space && (previousSpace || byte != 0x20) { return (false, previousSpace) }
            previousSpace = space
        }
        return (true, previousSpace)
    }
}

extension StringProtocol {
    /// Without white space at either end; Unicode scalars, no Foundation.
    func trimmedOfSpaces() -> String {
        // Most values have nothing to trim: then a `String` is returned as it is, no copy.
        // An end byte in ASCII is that end's scalar: the scalars are decoded only beyond it.
        let ends = utf8.withContiguousStorageIfAvailable { $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) } ?? nil
        let first = ends.flatMap { $0.0 < 0x80 ? Unicode.Scalar($0.0) : nil } ?? unicodeScalars.first
        let last = ends.flatMap { $0.1 < 0x80 ? Unicode.Scalar($0.1) : nil } ?? unicodeScalars.last
        if let first, let last, !TextScanning.isSpace(first), !TextScanning.isSpace(last) { return String(self) }
        let text = Substring(self)
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, TextScanning.isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard TextScanning.isSpace(scalars[before]) else { break }
            end = before
        }
        return String(text[start..<end])
    }
}

extension Substring {
    /// Without the characters at the start that match, found by index in one pass.
    func trimmingStart(while matches: (Character) -> Bool) -> Substring {
        var start = startIndex
        while start < endIndex, matches(self[start]) { start = index(after: start) }
        return self[start..<endIndex]
    }

    /// Without the characters at the end that match.
    func trimmingEnd(while matches: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard matches(self[before]) else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
