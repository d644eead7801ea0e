/// Scans of a note's bytes eight at a time: a note is read whole several times (checks,
/// fences, lines, limits), and most of its bytes are plain ASCII text that none of those
/// looks at.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is zero (exact: no false positives).
    @inline(__always)
    private static func hasZero(_ word: UInt64) -> Bool {
        zeroMarks(word) != 0
    }

    /// The high bit of each byte of `word` below `bound` (bytes beyond ASCII are never
    /// marked), and maybe of bytes above the lowest marked one (a borrow): the lowest mark is
    /// exact, and so is whether any byte is marked.
    @inline(__always)
    private static func marks(below bound: UInt8, in word: UInt64) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highs
    }

    /// `marks(below:in:)` of the zero bytes.
    @inline(__always)
    private static func zeroMarks(_ word: UInt64) -> UInt64 {
        marks(below: 1, in: word)
    }

    /// The eight bytes at `index`, the first in the lowest bits whatever the machine's byte
    /// order: the scans find the first byte from the lowest mark.
    @inline(__always)
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// What a note's bytes hold: the first NUL, whether any CR or LF, whether all ASCII.
    struct Summary: Equatable {
        var firstNUL: Int?
        var hasCR = false
        var hasLF = false
        var isASCII = true
    }

    static func summary(of bytes: UnsafeBufferPointer<UInt8>) -> Summary {
        var summary = Summary()
        var index = 0
        let count = bytes.count
        // The flags are gathered without branches, as masks whose high bits say which byte
        // was seen (`hasZero`'s test, kept instead of tested); only a NUL stops the loop.
        var allBits: UInt64 = 0, lineFeeds: UInt64 = 0, returns: UInt64 = 0
        while index + 8 <= count {
            let word = word(bytes, at: index)
            if hasZero(word) {
                // The exact byte: the rest is scanned one byte at a time from here.
                break
            }
            allBits |= word
            let lf = word ^ (ones &* 0x0A), cr = word ^ (ones &* 0x0D)
            lineFeeds |= (lf &- ones) & ~lf
            returns |= (cr &- ones) & ~cr
            index += 8
        }
        summary.isASCII = allBits & highs == 0
        summary.hasLF = lineFeeds & highs != 0
        summary.hasCR = returns & highs != 0
        while index < count {
            let byte = bytes[index]
            if byte >= 0x80 { summary.isASCII = false }
            if byte == 0x0A { summary.hasLF = true }
            if byte == 0x0D { summary.hasCR = true }
            if byte == 0, summary.firstNUL == nil { summary.firstNUL = index }
            index += 1
        }
        return summary
    }

    /// The first index at or after `start` holding a byte beyond ASCII, else `bytes.count`.
    @inline(__always)
    static func firstNonASCII(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        while index + 8 <= count {
            if word(bytes, at: index) & highs != 0 { break }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return index }
            index += 1
        }
        return count
    }

    /// How many of the eight bytes at `index` (which must all be in `bytes`), from the
    /// first, are visible ASCII (`!` to DEL): no space, control byte or byte beyond ASCII.
    @inline(__always)
    static func visibleASCIIPrefix(of bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let word = word(bytes, at: index)
        // A byte below 0x21 borrows in the subtraction, a byte beyond ASCII has its high bit:
        // either marks its own high bit. A borrow can also mark bytes above a marked one,
        // never below it, so the lowest mark is exact (the words are little-endian).
        let found = marks(below: 0x21, in: word) | (word & highs)
        return found == 0 ? 8 : found.trailingZeroBitCount >> 3
    }

    /// Stores the eight bytes at `index` of `bytes` at `offset` of `output` (both must have
    /// them), with `bits` set in each: a run found by the prefixes above is copied in one
    /// store, and the bytes past it are written over or lie past the output's count.
    @inline(__always)
    static func copyWord(of bytes: UnsafeBufferPointer<UInt8>, at index: Int,
                         to output: UnsafeMutableBufferPointer<UInt8>, at offset: Int, setting bits: UInt8 = 0) {
        UnsafeMutableRawPointer(output.baseAddress! + offset)
            .storeBytes(of: (word(bytes, at: index) | (ones &* UInt64(bits))).littleEndian, as: UInt64.self)
    }

    /// How many of the eight bytes at `index` (which must all be in `bytes`, and all ASCII),
    /// from the first, are ASCII letters or digits.
    @inline(__always)
    static func alphanumericPrefix(of bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let word = word(bytes, at: index)
        // For bytes below 0x80, `x + (0x80 - m)` has its high bit exactly when x >= m, and
        // `x + (0x7F - n)` lacks it exactly when x <= n, with no carry into the next byte.
        func atLeast(_ x: UInt64, _ m: UInt64) -> UInt64 { (x &+ ones &* (0x80 - m)) & highs }
        func atMost(_ x: UInt64, _ n: UInt64) -> UInt64 { ~(x &+ ones &* (0x7F - n)) & highs }
        let folded = word | (ones &* 0x20)
        let letters = atLeast(folded, 0x61) & atMost(folded, 0x7A)
        let digits = atLeast(word, 0x30) & atMost(word, 0x39)
        let others = ~(letters | digits) & highs
        return others == 0 ? 8 : others.trailingZeroBitCount >> 3
    }

    /// Whether every byte of `bytes` is printable ASCII, a space to `~`: no control byte, no
    /// DEL, nothing beyond ASCII.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        var found: UInt64 = 0
        while index + 8 <= count {
            let word = word(bytes, at: index)
            // Beyond ASCII: its high bit. Below a space, and DEL (a zero byte once XORed).
            found |= (word & highs) | marks(below: 0x20, in: word) | zeroMarks(word ^ (ones &* 0x7F))
            index += 8
        }
        guard found == 0 else { return false }
        while index < count {
            if bytes[index] < 0x20 || bytes[index] >= 0x7F { return false }
            index += 1
        }
        return true
    }

    /// How many bytes of `bytes` are `byte`.
    static func count(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0, total = 0
        let count = bytes.count
        let lows = ~highs
        while index + 8 <= count {
            let x = word(bytes, at: index) ^ (ones &* UInt64(byte))
            // The high bit of exactly the zero bytes: adding to the low seven bits never
            // carries out of a byte, so no byte marks another.
            total += (~(((x & lows) &+ lows) | x | lows)).nonzeroBitCount
            index += 8
        }
        while index < count {
            if bytes[index] == byte { total += 1 }
            index += 1
        }
        return total
    }

    /// The first index at or after `start` holding `a` or `b`, else `bytes.count`.
    @inline(__always)
    static func firstIndex(of a: UInt8, or b: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        while index + 8 <= count {
            let word = word(bytes, at: index)
            // The lowest mark is the first match (a borrow only marks bytes above a zero),
            // so the byte is found without a loop whose exit the branch predictor misses.
            let marks = zeroMarks(word ^ (ones &* UInt64(a))) | zeroMarks(word ^ (ones &* UInt64(b)))
            if marks != 0 { return index + marks.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < count {
            let byte = bytes[index]
            if byte == a || byte == b { return index }
            index += 1
        }
        return count
    }
}
