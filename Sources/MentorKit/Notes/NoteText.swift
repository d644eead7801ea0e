/// A note's bytes decoded and split into front matter and body.
///
/// Splitting is line based: the front matter is the block between a first line `---` and
/// the next line that is `---` or `...`. Line numbers are kept so that diagnostics and
/// items point at the line in the file, front matter included.
struct NoteText: Sendable {
    /// The YAML between the fences, or nil when the file has no front matter.
    var frontMatter: String?
    /// The 1-based file line of the first YAML line.
    var frontMatterFirstLine: Int
    /// The Markdown after the front matter.
    var body: Substring
    /// How many file lines come before the body's first line.
    var bodyLineOffset: Int

    enum Failure: Error, Equatable {
        case notUTF8(line: Int, column: Int, utf16: Bool)
        case binary(line: Int, column: Int)
        case unterminatedFrontMatter
    }

    /// Decodes UTF-8 (a byte order mark is allowed) and splits the front matter off.
    static func split(_ bytes: [UInt8]) -> Result<NoteText, Failure> {
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        if content.starts(with: [0xFF, 0xFE]) || content.starts(with: [0xFE, 0xFF]) {
            return .failure(.notUTF8(line: 1, column: 1, utf16: true))
        }
        let summary = content.withUnsafeBufferPointer(ByteScan.summary)
        if let nul = summary.firstNUL {
            let position = position(of: content.startIndex + nul, in: content)
            return .failure(.binary(line: position.line, column: position.column))
        }
        guard let text = summary.isASCII ? String(decoding: content, as: UTF8.self)
                                         : content.withUnsafeBufferPointer(UTF8Text.string(validating:)) else {
            let position = firstInvalidUTF8(in: content)
            return .failure(.notUTF8(line: position.line, column: position.column, utf16: false))
        }
        return split(text, loneCR: summary.hasCR && (!summary.hasLF || hasLoneCR(text)))
    }

    static func split(_ raw: String) -> Result<NoteText, Failure> {
        split(raw, loneCR: TextScanning.contains(raw.utf8, "\r") && hasLoneCR(raw))
    }

    /// Whether some CR is not the start of a CRLF.
    private static func hasLoneCR(_ text: String) -> Bool {
        var text = text
        text.makeContiguousUTF8()
        // From CR to CR eight bytes at a time: a CRLF file holds one per line.
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            var index = ByteScan.firstIndex(of: 0x0D, or: 0x0D, in: bytes, from: 0)
            while index < bytes.count {
                if index + 1 == bytes.count || bytes[index + 1] != 0x0A { return true }
                index = ByteScan.firstIndex(of: 0x0D, or: 0x0D, in: bytes, from: index + 2)
            }
            return false
        } ?? false
    }

    /// `loneCR`: the text has a CR that is not part of a CRLF.
    private static func split(_ raw: String, loneCR: Bool) -> Result<NoteText, Failure> {
        // Old Mac line endings (a lone CR, the whole file or mixed with LF and CRLF): read as
        // line feeds, as cmark does; a CRLF stays one line end.
        var text = loneCR ? withLoneCRsAsLF(raw) : raw
        text.makeContiguousUTF8()
        // Lines are found on the bytes: "\r\n" is a single Character, so a Character search
        // would miss it, and byte offsets become indexes at once in UTF-8 text.
        let found = text.utf8.withContiguousStorageIfAvailable(frontMatterBounds)
            ?? Array(text.utf8).withUnsafeBufferPointer(frontMatterBounds)
        guard let (yamlStart, yamlEnd, bodyStart, bodyLineOffset) = found else {
            return .success(NoteText(frontMatter: nil, frontMatterFirstLine: 1, body: text[...], bodyLineOffset: 0))
        }
        guard bodyStart >= 0 else { return .failure(.unterminatedFrontMatter) }
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        return .success(NoteText(frontMatter: String(text[index(yamlStart)..<index(yamlEnd)]), frontMatterFirstLine: 2,
                                 body: text[index(bodyStart)...], bodyLineOffset: bodyLineOffset))
    }

    private static func withLoneCRsAsLF(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) {
            bytes[index] = 0x0A
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Where the front matter's YAML starts and ends, where the body starts and how many
    /// lines come before it; nil when the first line is no fence, a body start of -1 when
    /// no line closes the front matter.
    private static func frontMatterBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int, Int)? {
        var lineStart = 0
        var lineIndex = 0
        var yamlStart = 0
        repeat {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let next = lineEnd < bytes.count ? lineEnd + 1 : bytes.count
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            if lineIndex == 0 {
                guard isFence(line, closing: false) else { return nil }
                yamlStart = next
            } else if isFence(line, closing: true) {
                return (yamlStart, lineStart, next, lineIndex + 1)
            }
            lineStart = next
            lineIndex += 1
        } while lineStart < bytes.count
        return (0, 0, -1, 0)
    }

    /// `---` (or `...` closing), then only CRs, spaces and tabs.
    private static func isFence(_ line: UnsafeBufferPointer<UInt8>, closing: Bool) -> Bool {
        guard line.count >= 3 else { return false }
        let first = line[0]
        guard first == UInt8(ascii: "-") || (closing && first == UInt8(ascii: ".")) else { return false }
        guard line[1] == first, line[2] == first else { return false }
        for byte in line[3...] where byte != 0x0D && byte != 0x20 && byte != 0x09 { return false }
        return true
    }

    /// The line (LF, CRLF and a lone CR end lines, as in the rest of the reading) and column
    /// (in characters, as `not-utf8` counts them: each byte that does not continue a UTF-8
    /// sequence starts one) of the byte at `index`.
    private static func position(of index: ArraySlice<UInt8>.Index, in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var position = bytes.startIndex
        while position < index {
            if endsLine(bytes, at: position) {
                line += 1
                column = 1
            } else if bytes[position + 1] & 0xC0 != 0x80 {
                column += 1
            }
            position += 1
        }
        return (line, column)
    }

    /// Whether the byte at `position` ends a line: an LF, or a CR not followed by an LF.
    private static func endsLine(_ bytes: ArraySlice<UInt8>, at position: ArraySlice<UInt8>.Index) -> Bool {
        bytes[position] == 0x0A
            || (bytes[position] == 0x0D && (position + 1 == bytes.endIndex || bytes[position + 1] != 0x0A))
    }

    private static func firstInvalidUTF8(in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column)
            }
            let end = index + length
            guard end <= bytes.endIndex,
                  String(validating: bytes[index..<end], as: UTF8.self) != nil else {
                return (line, column)
            }
            if endsLine(bytes, at: index) { line += 1; column = 1 } else { column += 1 }
            index = end
        }
        return (line, column)
    }
}
