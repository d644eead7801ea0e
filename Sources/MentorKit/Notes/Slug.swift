import Foundation

/// Series ids: lower-case ASCII letters and digits joined by single hyphens.
public enum Slug {
    /// `Alex Chen` → `alex-chen`; `Zoë O'Brien` → `zoe-obrien`.
    public static func make(_ text: some StringProtocol) -> String {
        let folded = String(text).folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                                          locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar == "'" || scalar == "’" { continue }
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug.lowercased()
    }
}
