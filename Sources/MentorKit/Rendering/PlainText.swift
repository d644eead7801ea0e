import Foundation

/// Markdown made readable as plain text, for the text part of an email: backslash escapes
/// and entities undone, links written as `title (url)`; headings and lists stay as they are,
/// since they read well in a text mail.
enum PlainText {
    static func fromMarkdown(_ markdown: String) -> String {
        markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            unescapeAndDecode(rewriteLinks(String(line)))
        }.joined(separator: "\n")
    }

    /// `[title](<url>)` and `[title](url)` become `title (url)`.
    static func rewriteLinks(_ line: String) -> String {
        var result = ""
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "[") {
            if open > rest.startIndex, rest[rest.index(before: open)] == "\\" {
                result += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            guard let close = closingBracket(in: rest, from: open),
                  rest[rest.index(after: close)...].hasPrefix("("),
                  let end = rest[close...].firstIndex(of: ")") else {
                result += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            let title = rest[rest.index(after: open)..<close]
            var url = rest[rest.index(close, offsetBy: 2)..<end]
            if url.hasPrefix("<"), url.hasSuffix(">") { url = url.dropFirst().dropLast() }
            result += rest[..<open] + title + " (" + url + ")"
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    private static func closingBracket(in text: Substring, from open: Substring.Index) -> Substring.Index? {
        var index = text.index(after: open)
        while index < text.endIndex {
            if text[index] == "\\" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if text[index] == "]" { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// Backslash escapes and entities undone in one pass, as CommonMark reads them: `\*` is
    /// `*` for every ASCII punctuation character, an escaped `&` starts no entity, `&lt;`,
    /// `&gt;`, `&quot;`, `&#39;`, `&amp;` and numeric entities are their characters, and a
    /// code span stays as written.
    static func unescapeAndDecode(_ line: String) -> String {
        guard line.contains("\\") || line.contains("&") else { return line }
        let scalars = Array(line.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        func run(at start: Int) -> Int {
            var end = start
            while end < scalars.count, scalars[end] == "`" { end += 1 }
            return end - start
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "`" {
                // A code span: from a run of backticks to the next run of the same length.
                let length = run(at: index)
                var search = index + length
                var close: Int?
                while search < scalars.count {
                    if scalars[search] == "`" {
                        let other = run(at: search)
                        if other == length { close = search; break }
                        search += other
                    } else {
                        search += 1
                    }
                }
                let end = close.map { $0 + length } ?? index + length
                result.append(contentsOf: scalars[index..<end])
                index = end
            } else if scalar == "\\", index + 1 < scalars.count, isASCIIPunctuation(scalars[index + 1]) {
                result.append(scalars[index + 1])
                index += 2
            } else if scalar == "&", let (decoded, length) = entity(at: index, in: scalars) {
                result.append(decoded)
                index += length
            } else {
                result.append(scalar)
                index += 1
            }
        }
        return String(result)
    }

    private static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(scalar)
    }

    /// The character of the entity starting at `start` and the entity's length in scalars.
    private static func entity(at start: Int, in scalars: [Unicode.Scalar]) -> (Unicode.Scalar, Int)? {
        guard let semicolon = scalars[start...].prefix(12).firstIndex(of: ";") else { return nil }
        let length = semicolon - start + 1
        let body = scalars[(start + 1)..<semicolon]
        switch String(String.UnicodeScalarView(body)) {
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "quot": return ("\"", length)
        case "#39": return ("'", length)
        case "amp": return ("&", length)
        default: return numericCharacter(body).map { ($0, length) }
        }
    }

    /// The character of a numeric entity's body (`#9`, `#x1F600`), which cmark writes for
    /// characters Markdown cannot hold as they are (a tab in the minutes); nil for a control
    /// character other than the tab, or a number that is no character: those stay as written.
    private static func numericCharacter(_ body: ArraySlice<Unicode.Scalar>) -> Unicode.Scalar? {
        guard body.first == "#" else { return nil }
        var digits = body.dropFirst()
        let isHex = digits.first == "x" || digits.first == "X"
        if isHex { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 8,
              digits.allSatisfy({ isHex ? $0.properties.isASCIIHexDigit : ("0"..."9").contains($0) }),
              let value = UInt32(String(String.UnicodeScalarView(digits)), radix: isHex ? 16 : 10),
              let scalar = Unicode.Scalar(value), value == 9 || (value >= 0x20 && value != 0x7F) else { return nil }
        return scalar
    }
}
