/// A person's name as notes write it: `Jane Smith`, `Dr. Jane Smith`, `Smith, Jane`.
enum PersonName {
    /// Titles written before a name, compared without their period and case: an owner's
    /// `@jane` is Dr. Jane Smith's first name, not `@dr.`.
    static let titles: Set<String> = ["dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame",
                                      "rev", "fr", "lord", "lady", "md"]

    /// What follows a name after a comma without being a given name: `King, Jr.`. Compared
    /// without periods and case. After a name of one word (`Smith, Ms. Jane`), a part with any
    /// other word is the given name; after a longer one (`Jane Smith, MBA, CFA`) never.
    static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "msc", "ms", "ma", "ba",
                                        "bsc", "esq", "dds", "cpa", "rn", "pe", "pmp", "obe", "mbe", "cbe", "frs"]

    /// The given name, as written: the first word after any title, or after the comma of a
    /// `Family, Given` name whose family part is one word (see `suffixes`), without the
    /// punctuation around it. Nil for a name with no word.
    static func firstName(of name: String) -> String? {
        let parts = name.split(separator: ",", maxSplits: 1)
        let given = parts.dropFirst().first.flatMap { rest -> Substring? in
            // One word of name before the comma, titles and suffixes aside (`Dr. Smith, Jane`).
            let family = parts[0].split(whereSeparator: { $0.isWhitespace }).filter { word in
                let bare = word.lowercased().filter { $0 != "." }
                return !titles.contains(bare) && !suffixes.contains(bare)
            }
            guard family.count == 1 else { return nil }
            let words = rest.split(whereSeparator: { $0.isWhitespace || $0 == ";" || $0 == "," })
                .map { $0.lowercased().filter { $0 != "." } }
                .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
            return words.contains(where: { !suffixes.contains($0) }) ? rest : nil
        } ?? Substring(name)
        // Punctuation trimmed by `Character` (Foundation's `CharacterSet` is slow on Linux,
        // and this runs for every series' people).
        let words = given.split(whereSeparator: { $0.isWhitespace }).map { word -> Substring in
            var word = word
            while word.first?.isPunctuation == true { word.removeFirst() }
            while word.last?.isPunctuation == true { word.removeLast() }
            return word
        }.filter { !$0.isEmpty }
        let first = words.first { !titles.contains($0.lowercased()) } ?? words.first
        return (first ?? name.split(whereSeparator: { $0.isWhitespace }).first).map(String.init)
    }
}
