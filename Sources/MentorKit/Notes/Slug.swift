import Foundation

/// Series ids: lower-case ASCII letters and digits joined by single hyphens.
public enum Slug {
    /// `Alex Chen` → `alex-chen`; `Zoë O'Brien` → `zoe-obrien`.
    public static func make(_ text: some StringProtocol) -> String {
        if let ascii = text.utf8.withContiguousStorageIfAvailable(asciiSlug), let ascii { return ascii }
        return foldedSlug(text)
    }

    /// The slug by its definition: folded with Foundation, then filtered.
    static func foldedSlug(_ text: some StringProtocol) -> String {
        let folded = String(text).folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                                          locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar == "'" || scalar == "’" || scalar == "ʻ" || scalar == "ʼ" { continue }
            let letters = scalar.isASCII ? nil : latinLetters[scalar]
            if letters != nil || (scalar.isASCII && CharacterSet.alphanumerics.contains(scalar)) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                if let letters { slug += letters } else { slug.unicodeScalars.append(scalar) }
            } else {
                pendingHyphen = true
            }
        }
        return slug.lowercased()
    }

    /// Latin letters that folding leaves as they are (they have no accent to drop), as
    /// they are usually written in ASCII: `Łukasz` → `lukasz`, `Þórðarson` → `thordarson`.
    private static let latinLetters: [Unicode.Scalar: String] = [
        "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ð": "d", "Ð": "d",
        "þ": "th", "Þ": "th", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h",
        "ı": "i", "ß": "ss", "ẞ": "ss", "ŋ": "ng", "Ŋ": "ng", "ə": "e", "Ə": "e", "ŧ": "t", "Ŧ": "t",
        "ɔ": "o", "Ɔ": "o", "ǆ": "dz", "ǅ": "dz", "Ǆ": "dz", "ĳ": "ij", "Ĳ": "ij",
    ]

    /// The slug of ASCII text, on bytes (folding changes nothing there but case); nil when
    /// the text is not all ASCII.
    private static func asciiSlug(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            var pendingHyphen = false
            for byte in bytes where byte != UInt8(ascii: "'") {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    if pendingHyphen && count > 0 {
                        output[count] = UInt8(ascii: "-")
                        count += 1
                    }
                    pendingHyphen = false
                    output[count] = lower
                    count += 1
                } else {
                    pendingHyphen = true
                }
            }
            return count
        }
    }
}
