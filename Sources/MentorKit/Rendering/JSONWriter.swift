/// Pretty-printed JSON written straight into UTF-8 bytes: the one place that decides the
/// layout (two-space indentation, `"key": value`, `[]` and `{}` when empty) and the escaping
/// of every JSON document mentor writes.
///
/// A document is written front to back with `beginObject`/`key`/`endObject` and
/// `beginArray`/`element`/`endArray` around the scalar writes. The bytes written so far can
/// be handed on and dropped at any point (`flush(to:)`), so a document of any size can be
/// written through a small buffer.
///
/// The buffer is its own memory rather than an array, so that each of the million small
/// appends of a big export is a bounds check and a copy, without the uniqueness check and
/// generic copy of `Array.append(contentsOf:)`; not copyable, so that memory has one owner.
struct JSONWriter: ~Copyable {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes were written since the last flush.
    private(set) var count = 0
    /// How many containers are open: the indentation is twice that.
    private var depth = 0
    /// Whether the innermost open container has no member yet. Only the innermost one needs
    /// the flag: the container around it got a member when it was opened.
    private var isEmpty = false

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    /// A writer for a fragment: one value that another writer places at `depth` (after its
    /// `element()` or `key(_:)`), written apart so that fragments can be made in parallel.
    init(capacity: Int, fragmentAt depth: Int) {
        self.init(capacity: capacity)
        self.depth = depth
    }

    /// Places a fragment written by a writer made with `init(capacity:fragmentAt:)` at this
    /// writer's depth.
    mutating func appendFragment(_ fragment: [UInt8]) {
        fragment.withUnsafeBufferPointer { append($0) }
        isEmpty = false
    }

    deinit { buffer.deallocate() }

    /// The bytes written since the last flush.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buffer, count: count)) }

    /// The bytes written since the last flush, as text.
    var text: String { String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self) }

    // MARK: Structure

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts the next value of the open array.
    mutating func element() { startMember() }

    /// Starts the next member of the open object. `name` must need no escaping (a literal
    /// key of a contract), which is what lets it be copied as it is.
    @inline(__always)
    mutating func key(_ name: StaticString) {
        startMember()
        append(UInt8(ascii: "\""))
        name.withUTF8Buffer { append($0) }
        append("\": ")
    }

    /// Starts the next member of the open object, with any key.
    mutating func key(_ name: String) {
        startMember()
        string(name)
        append(": ")
    }

    /// The line break that ends a document.
    mutating func newline() { append(UInt8(ascii: "\n")) }

    // MARK: Scalars

    mutating func null() { append("null") }
    mutating func bool(_ value: Bool) { append(value ? "true" : "false") }

    mutating func int(_ value: Int) {
        var magnitude = value.magnitude
        var length = value < 0 ? 2 : 1
        var rest = magnitude / 10
        while rest != 0 {
            length += 1
            rest /= 10
        }
        if count + length > capacity { grow(to: count + length) }
        if value < 0 { buffer[count] = UInt8(ascii: "-") }
        // Digits from the last one back.
        var position = count + length
        repeat {
            position -= 1
            buffer[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude != 0
        count += length
    }

    mutating func string(_ value: String) {
        append(UInt8(ascii: "\""))
        // Native strings are contiguous UTF-8 already: read in place, without a copy.
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var value = value
            value.withUTF8 { appendEscaped($0) }
        }
        append(UInt8(ascii: "\""))
    }

    /// `nil` is `null`.
    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// `nil` is `null`.
    mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values {
            element()
            string(value)
        }
        endArray()
    }

    // MARK: Members of objects

    mutating func field(_ name: StaticString, _ value: String?) { key(name); string(value) }
    mutating func field(_ name: StaticString, _ value: Int?) { key(name); int(value) }
    mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    mutating func field(_ name: StaticString, _ values: [String]) { key(name); strings(values) }

    // MARK: Handing the bytes on

    /// Hands the bytes written so far to `sink` (when there are any) and drops them, keeping
    /// the buffer for what comes next. The buffer `sink` gets is valid only during the call.
    mutating func flush<Failure: Error>(to sink: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        guard count > 0 else { return }
        try sink(UnsafeRawBufferPointer(start: buffer, count: count))
        count = 0
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        append(bracket)
        depth += 1
        isEmpty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !isEmpty {
            append(UInt8(ascii: "\n"))
            indent()
        }
        append(bracket)
        isEmpty = false
    }

    private mutating func startMember() {
        if !isEmpty { append(UInt8(ascii: ",")) }
        append(UInt8(ascii: "\n"))
        isEmpty = false
        indent()
    }

    private mutating func indent() {
        let width = depth * 2
        if count + width > capacity { grow(to: count + width) }
        (buffer + count).initialize(repeating: UInt8(ascii: " "), count: width)
        count += width
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (buffer + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBuffer.initialize(from: buffer, count: count)
        buffer.deallocate()
        buffer = newBuffer
        capacity = newCapacity
    }

    // MARK: Escaping

    /// Copies `utf8` escaped: `"` and `\` as themselves after a backslash, line feed, carriage
    /// return and tab as `\n`, `\r`, `\t`, the other control characters and DEL as `\u00xx`,
    /// `<` and `>` as `\u003c` and `\u003e` (JSON pasted into a page can never open a tag),
    /// U+2028 and U+2029 as `\u2028` and `\u2029` (line breaks to JavaScript). Runs of bytes
    /// that need none of this, nearly all text, are copied whole.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let end = utf8.count
        var start = 0
        var index = 0
        while index < end {
            // Eight bytes at a time past plain text, then byte by byte inside the eight that
            // have something to look at.
            while index + 8 <= end, Self.isPlain(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
            }
            // The last few bytes: the eight that end the string, which overlap bytes looked at
            // already (harmless: plain is plain, and a false alarm goes on byte by byte).
            if index < end, index + 8 > end, end >= 8,
               Self.isPlain(UnsafeRawPointer(base + end - 8).loadUnaligned(as: UInt64.self)) {
                break
            }
            let limit = min(index + 8, end)
            while index < limit, !Self.mayNeedEscaping(utf8[index]) { index += 1 }
            guard index < limit else { continue }
            let byte = utf8[index]
            let escape: StaticString
            var length = 1
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\r"): escape = "\\r"
            case UInt8(ascii: "\t"): escape = "\\t"
            case UInt8(ascii: "<"): escape = "\\u003c"
            case UInt8(ascii: ">"): escape = "\\u003e"
            case 0xE2:
                // U+2028 is E2 80 A8 and U+2029 E2 80 A9; every other E2 sequence stays as it is.
                // A Swift string is valid UTF-8, so the two bytes after a lead byte are there.
                guard index + 2 < end, utf8[index + 1] == 0x80, utf8[index + 2] & 0xFE == 0xA8 else {
                    index += 1
                    continue
                }
                escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                length = 3
            default:
                append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
                append("\\u00")
                append(Self.hexDigit(byte >> 4))
                append(Self.hexDigit(byte & 0xF))
                index += 1
                start = index
                continue
            }
            append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
            escape.withUTF8Buffer { append($0) }
            index += length
            start = index
        }
        append(UnsafeBufferPointer(rebasing: utf8[start..<end]))
    }

    /// Lowercase, as `String(_:radix:)` writes them.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Bytes below 0x20, `"`, `<`, `>` (bits of the first mask), `\`, DEL (the second), and
    /// E2, the lead byte of U+2028 and U+2029. One shift and test instead of seven compares.
    @inline(__always)
    private static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        if byte < 64 { return (0x5000_0004_FFFF_FFFF as UInt64) &>> UInt64(byte) & 1 != 0 }
        if byte < 128 { return (0x8000_0000_1000_0000 as UInt64) &>> UInt64(byte &- 64) & 1 != 0 }
        return byte == 0xE2
    }

    /// Whether none of the eight bytes of `block` may need escaping, tested all at once; a
    /// block with a byte from 7F up is never plain (that keeps the test short: the bytes of
    /// U+2028 and U+2029 are among them), and is looked at byte by byte instead.
    /// `(v - 0x01…) & ~v` has a byte's high bit set where `v` has a zero byte (or after one),
    /// so it flags bytes equal to `c` on `block ^ c…`; `(block - 0x20…) & ~block` flags bytes
    /// below 0x20 and `(block + 0x01…) | block` bytes from 7F up, in the same way. `<` (3C)
    /// and `>` (3E) are the bytes that are 3E with bit 1 set. (Swift's `SIMD16` comparisons
    /// compile to one lane at a time, slower than this.)
    @inline(__always)
    private static func isPlain(_ block: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value }
        let flags = ((block &- ones &* 0x20) & ~block) | (block &+ ones) | block
            | zeroBytes(block ^ (ones &* 0x22)) | zeroBytes((block | (ones &* 0x02)) ^ (ones &* 0x3E))
            | zeroBytes(block ^ (ones &* 0x5C))
        return flags & (ones &* 0x80) == 0
    }
}
