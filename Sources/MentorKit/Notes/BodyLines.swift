/// The lines of a note's body, split at LF, CRLF or a lone CR, found on bytes.
///
/// Only where each line starts and ends is kept; a line becomes a `Substring` when it is
/// asked for, which is rare (fences, section Markdown).
struct BodyLines {
    let body: Substring
    /// Byte offsets into `body`: where each line starts and where its text ends.
    private var starts: [Int] = []
    private var ends: [Int] = []

    /// Lines already found: `starts` and `ends` as `init(_:)` would find them in `body`.
    init(_ body: Substring, starts: [Int], ends: [Int]) {
        self.body = body
        self.starts = starts
        self.ends = ends
    }

    init(_ body: Substring) {
        self.body = body
        var starts: [Int] = []
        var ends: [Int] = []
        let found: Void? = body.utf8.withContiguousStorageIfAvailable { bytes in
            BodyLines.split(bytes, starts: &starts, ends: &ends)
        }
        if found == nil {
            let copy = Array(body.utf8)
            copy.withUnsafeBufferPointer { BodyLines.split($0, starts: &starts, ends: &ends) }
        }
        self.starts = starts
        self.ends = ends
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, starts: inout [Int], ends: inout [Int]) {
        starts.reserveCapacity(bytes.count / 40 + 4)
        ends.reserveCapacity(bytes.count / 40 + 4)
        var lineStart = 0
        var index = ByteScan.firstIndex(of: 0x0A, or: 0x0D, in: bytes, from: 0)
        while index < bytes.count {
            let byte = bytes[index]
            starts.append(lineStart)
            ends.append(index)
            index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            lineStart = index
            index = ByteScan.firstIndex(of: 0x0A, or: 0x0D, in: bytes, from: index)
        }
        starts.append(lineStart)
        ends.append(bytes.count)
    }

    var count: Int { starts.count }

    /// The byte offset in `body` where line `index` (0-based) starts.
    func startOffset(of index: Int) -> Int { starts[index] }

    /// The byte offset in `body` where line `index`'s text ends (its line break, if any, follows).
    func endOffset(of index: Int) -> Int { ends[index] }

    subscript(index: Int) -> Substring {
        let utf8 = body.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: starts[index])
        let upper = utf8.index(utf8.startIndex, offsetBy: ends[index])
        return body[lower..<upper]
    }
}
