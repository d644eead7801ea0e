import Foundation

/// An RFC 5322 message with a `multipart/alternative` body (plain text and HTML, UTF-8,
/// quoted-printable), ready to open in a mail client and send.
///
/// Everything is deterministic: the Date header is the session's own time, the boundary
/// and Message-ID derive from the content, so the same notes give the same bytes.
struct EmailMessage {
    struct Address {
        var name: String
        var address: String
    }

    var to: Address
    var from: Address?
    var subject: String
    var date: LocalDate
    var time: LocalTime?
    var timeZone: String?
    var messageID: String
    var text: String
    var html: String

    func rendered() -> String {
        let boundary = "mentor-" + String(EmailMessage.fnv1a(text + html), radix: 16)
        var headers: [String] = []
        if let from { headers.append(EmailMessage.fold("From: " + EmailMessage.mailbox(from))) }
        headers.append(EmailMessage.fold("To: " + EmailMessage.mailbox(to)))
        headers.append(EmailMessage.fold("Subject: " + EmailMessage.encodedWord(subject)))
        headers.append("Date: " + dateHeader())
        headers.append("Message-ID: <\(EmailMessage.clean(messageID))>")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        var lines = headers
        lines.append("")
        lines.append("This is a message in MIME format: a plain text and an HTML version.")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--" + boundary)
            lines.append("Content-Type: \(type); charset=utf-8")
            // Plain text holding a `<` (a note's own markup, shown as text) goes as base64,
            // so that not even the raw message carries a tag from a note.
            if type == "text/plain" && body.contains("<") {
                lines.append("Content-Transfer-Encoding: base64")
                lines.append("")
                lines.append(EmailMessage.base64Lines(body))
            } else {
                lines.append("Content-Transfer-Encoding: quoted-printable")
                lines.append("")
                lines.append(EmailMessage.quotedPrintable(body))
            }
        }
        lines.append("--" + boundary + "--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - Headers

    /// A plain `local@domain` address: no spaces, brackets, quotes or control characters.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
              !parts[1].hasSuffix(".") else { return false }
        // ASCII only (RFC 5322's addr-spec): a message with a raw UTF-8 address needs a mail
        // system that speaks SMTPUTF8, which a file opened in any client cannot count on.
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains(scalar)
        }
    }

    /// `Name <address>`, the name quoted or encoded as needed; control characters dropped.
    static func mailbox(_ address: Address) -> String {
        let name = clean(address.name)
        let mail = clean(address.address).filter { !$0.isWhitespace && $0 != "<" && $0 != ">" }
        guard !name.isEmpty else { return "<\(mail)>" }
        if !name.allSatisfy({ $0.isASCII }) || name.contains("<") || name.contains(">") {
            return encodedWord(name, always: true) + " <\(mail)>"
        }
        let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        if name.unicodeScalars.contains(where: specials.contains) {
            return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\" <\(mail)>"
        }
        return name + " <\(mail)>"
    }

    /// RFC 2047 `=?UTF-8?B?...?=` for non-ASCII text, in words short enough to fold: at
    /// most 39 bytes each, 64 characters encoded, so that `Subject: ` and a word fit in the
    /// 76 characters a line with encoded words may have.
    static func encodedWord(_ raw: String, always: Bool = false) -> String {
        let text = clean(raw)
        // Angle brackets are encoded too, so no header carries markup from a note.
        guard always || !text.allSatisfy({ $0.isASCII }) || text.contains("<") || text.contains(">") else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if (chunk + String(character)).utf8.count > 39 {
                // Cut after a space where there is one: the white space between encoded
                // words is dropped when they are read, so the space stays inside the first,
                // and a reader that keeps it anyway (Python's does, in names) splits no word.
                if let space = chunk.lastIndex(of: " "), chunk.index(after: space) < chunk.endIndex {
                    words.append(String(chunk[...space]))
                    chunk = String(chunk[chunk.index(after: space)...])
                } else {
                    words.append(chunk)
                    chunk = ""
                }
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: " ")
    }

    /// Folds a header line at spaces so no line exceeds 76 characters (RFC 2047's limit for
    /// lines with encoded words; RFC 5322 asks for 78).
    static func fold(_ line: String) -> String {
        guard line.count > 76 else { return line }
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > 76 {
                lines.append(current)
                current = " " + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// Header text never carries a line break or other control character from a note.
    static func clean(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
    }

    func dateHeader() -> String {
        var calendar = Calendar(identifier: .gregorian)
        let zone = NotebookConfig.zone(timeZone)
        calendar.timeZone = zone
        let components = DateComponents(year: date.year, month: date.month, day: date.day,
                                        hour: time?.hour ?? 9, minute: time?.minute ?? 0)
        let instant = calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
        let offset = zone.secondsFromGMT(for: instant) / 60
        let sign = offset < 0 ? "-" : "+"
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%@, %d %@ %04d %02d:%02d:00 %@%02d%02d", days[date.isoWeekday - 1], date.day,
                      months[date.month - 1], date.year, time?.hour ?? 9, time?.minute ?? 0, sign,
                      abs(offset) / 60, abs(offset) % 60)
    }

    // MARK: - Body

    /// RFC 2045 quoted-printable with CRLF line breaks and soft breaks at 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        var output: [String] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for line in lines {
            var encoded = ""
            var length = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                var piece: String
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast) {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = String(format: "=%02X", byte)
                }
                if length + piece.count > 75 {
                    encoded += "=\r\n"
                    length = 0
                }
                encoded += piece
                length += piece.count
            }
            output.append(encoded)
        }
        return output.joined(separator: "\r\n")
    }

    /// Base64 in lines of 76 characters (RFC 2045), CRLF line breaks in the text first.
    static func base64Lines(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString()
        var lines: [Substring] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\r\n")
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return hash
    }
}
