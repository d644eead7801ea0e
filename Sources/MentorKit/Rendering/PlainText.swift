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
        return decodeNumericEntities(line).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `&#9;` and `&#x1F600;`, which cmark writes for characters Markdown cannot hold as
    /// they are (a tab in the minutes), as their characters; a control character other than
    /// the tab, or a number that is no character, stays as written.
    static func decodeNumericEntities(_ line: String) -> String {
        guard line.contains("&#") else { return line }
        var result = ""
        var rest = Substring(line)
        while let start = rest.range(of: "&#") {
            result += rest[..<start.lowerBound]
            let body = rest[start.upperBound...]
            let isHex = body.first == "x" || body.first == "X"
            let digits = (isHex ? body.dropFirst() : body).prefix { isHex ? $0.isHexDigit : $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count <= 8, digits.endIndex < body.endIndex, body[digits.endIndex] == ";",
               let value = UInt32(digits, radix: isHex ? 16 : 10), let scalar = Unicode.Scalar(value),
               value == 9 || (value >= 0x20 && value != 0x7F) {
                result.unicodeScalars.append(scalar)
                rest = body[body.index(after: digits.endIndex)...]
            } else {
                result += "&#"
                rest = body
            }
        }
        return result + rest
    }
}
