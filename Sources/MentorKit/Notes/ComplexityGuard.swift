/// Limits that keep Debian's cmark 0.30.2 from running for minutes on a note.
///
/// That version predates the fixes of cmark 0.30.3 (CVE-2023-22484, CVE-2023-22486): a few
/// inputs of under a megabyte take it from seconds to minutes. Measured on this project's
/// machine (docs/robustness.md): `![[]()` repeated 160,000 times (over 20 s), 30,000 nested
/// list markers with empty lines after them (9 s, also inside a block quote), and emphasis
/// in a 100,000-deep block quote (10 s). Real notes come nowhere near the limits below,
/// which a scan of the bytes checks in linear time before cmark sees the note.
enum ComplexityGuard {
    /// Nested block quote and list markers at the start of one line.
    static let maximumNesting = 500
    /// `![` openers in one note.
    static let maximumImageOpeners = 10_000
    /// Bytes in one note: memory while parsing grows to over a hundred times the note's
    /// size for dense inline markup (measured: 3.4 GB for 15 MB of `*a* `).
    static let maximumBytes = 1024 * 1024
    /// cmark walks its open containers on every line: the deepest nesting so far, summed
    /// over the lines (30 million such steps take it about 0.3 s).
    static let maximumContainerSteps = 20_000_000

    enum Problem: Equatable {
        case tooDeep(line: Int, depth: Int)
        case tooManyLinesUnderNesting(line: Int, depth: Int)
        case tooManyImageOpeners(line: Int, count: Int)
    }

    /// The first limit the body of `lines` breaks, if any. Most notes are shown to be within
    /// every limit by their lines' lengths alone, without the scan.
    static func check(_ lines: BodyLines) -> Problem? {
        if withinLimits(lines) { return nil }
        return check(lines.body)
    }

    /// Whether the lines' lengths alone keep the body within every limit. Each unit of
    /// nesting takes at least a byte of its line, so a depth over `maximumNesting` needs a
    /// longer line; the container steps are at most the lines times the deepest nesting; and
    /// every `![` takes two bytes. The lines must end where the scan's do (a line feed,
    /// maybe after a carriage return), else the scan decides.
    static func withinLimits(_ lines: BodyLines) -> Bool {
        let body = lines.body.utf8
        guard body.count < 2 * (maximumImageOpeners + 1) else { return false }
        return body.withContiguousStorageIfAvailable { bytes -> Bool in
            var longest = 0
            for index in 0..<lines.count {
                let start = lines.startOffset(of: index)
                let end = lines.endOffset(of: index)
                if end < bytes.count {
                    let endsWithLineFeed = bytes[end] == 0x0A || (bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A)
                    guard endsWithLineFeed else { return false }
                }
                // With its CR LF: the scan counts markers up to its line feed.
                longest = max(longest, end - start + 2)
            }
            return longest <= maximumNesting && lines.count * longest <= maximumContainerSteps
        } ?? false
    }

    /// The first limit `body` breaks, if any.
    static func check(_ body: Substring) -> Problem? {
        if let problem = body.utf8.withContiguousStorageIfAvailable(check) { return problem }
        return Array(body.utf8).withUnsafeBufferPointer(check)
    }

    private static func check(_ body: UnsafeBufferPointer<UInt8>) -> Problem? {
        var line = 1
        var imageOpeners = 0
        var atLineStart = true
        var depth = 0
        var previous: UInt8 = 0
        var expectingMarkerSpace = false
        var inDigits = false
        var deepest = 0
        var steps = 0
        var index = 0
        while index < body.count {
            if !atLineStart, previous != 0x21 {
                // Past a line's markers only a line feed or an image's `![` matters: the
                // bytes before the next `!` or line feed are skipped eight at a time (and
                // the byte after a `!` is looked at).
                let next = ByteScan.firstIndex(of: 0x0A, or: 0x21, in: body, from: index)
                if next > index {
                    previous = body[next - 1]
                    index = next
                    if index == body.count { break }
                }
            }
            let byte = body[index]
            index += 1
            if byte == 0x0A {
                deepest = max(deepest, depth)
                steps += deepest
                if steps > maximumContainerSteps { return .tooManyLinesUnderNesting(line: line, depth: deepest) }
                line += 1
                atLineStart = true
                depth = 0
                previous = byte
                expectingMarkerSpace = false
                inDigits = false
                continue
            }
            if byte == 0x5B, previous == 0x21 {  // "![" opens an image
                imageOpeners += 1
                if imageOpeners > maximumImageOpeners { return .tooManyImageOpeners(line: line, count: imageOpeners) }
            }
            previous = byte
            guard atLineStart else { continue }
            // Count container markers at the line start: `>`, `-`/`*`/`+` or `1.`/`1)` then a space.
            if expectingMarkerSpace {
                expectingMarkerSpace = false
                if byte == 0x20 || byte == 0x09 {
                    depth += 1
                    if depth > maximumNesting { return .tooDeep(line: line, depth: depth) }
                    continue
                }
                atLineStart = false
                continue
            }
            switch byte {
            case 0x20, 0x09:
                inDigits = false
            case 0x3E:  // ">" needs no space after it
                depth += 1
                inDigits = false
                if depth > maximumNesting { return .tooDeep(line: line, depth: depth) }
            case 0x2D, 0x2A, 0x2B:
                expectingMarkerSpace = true
            case 0x30...0x39:
                inDigits = true
            case 0x2E where inDigits, 0x29 where inDigits:
                inDigits = false
                expectingMarkerSpace = true
            default:
                atLineStart = false
            }
        }
        return nil
    }
}
