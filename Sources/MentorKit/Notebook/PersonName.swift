import Foundation

/// A person's name as notes write it: `Jane Smith`, `Dr. Jane Smith`, `Smith, Jane`.
enum PersonName {
    /// Titles written before a name, compared without their period and case: an owner's
    /// `@jane` is Dr. Jane Smith's first name, not `@dr.`.
    static let titles: Set<String> = ["dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame",
                                      "rev", "fr", "lord", "lady"]

    /// The given name, as written: the first word after any title, or after the comma of a
    /// `Family, Given` name, without the punctuation around it. Nil for a name with no word.
    static func firstName(of name: String) -> String? {
        let given = name.split(separator: ",", maxSplits: 1).dropFirst().first.flatMap { rest in
            rest.contains(where: { $0.isLetter || $0.isNumber }) ? rest : nil
        } ?? Substring(name)
        let words = given.split(whereSeparator: { $0.isWhitespace })
            .map { $0.trimmingCharacters(in: .punctuationCharacters) }
            .filter { !$0.isEmpty }
        let first = words.first { !titles.contains($0.lowercased()) } ?? words.first
        return first ?? name.split(whereSeparator: { $0.isWhitespace }).first.map(String.init)
    }
}
