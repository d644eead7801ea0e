import Foundation

/// Markdown made readable as plain text, for the text part of an email: backslash escapes
/// and entities undone, links written as `title (url)`; headings and lists stay as they are,
/// since they read well in a text mail.
enum PlainText {
    static func fromMarkdown(_ markdown: String) -> String {
        markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            decodeEntities(unescape(rewriteLinks(String(line))))
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

    /// `\*` → `*`, for every escaped ASCII punctuation character.
    static func unescape(_ line: String) -> String {
        var result = ""
        var escaping = false
        for character in line {
            if escaping {
                if !(character.isASCII && character.isPunctuation || character.isASCII && character.isSymbol) {
                    result.append("\\")
                }
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        if escaping { result.append("\\") }
        return result
    }

    static func decodeEntities(_ line: String) -> String {
        guard line.contains("&") else { return line }
        return line.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
