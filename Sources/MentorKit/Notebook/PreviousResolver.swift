import Foundation

/// Resolves a session's `previous:` value to one session note.
///
/// The value may be a path relative to the note or to the notebook root, a `[[wikilink]]`
/// naming a file without `.md`, or the date (optionally with time) of a session in the
/// same series.
struct PreviousResolver {
    struct Candidate {
        var path: String
        var series: String
        var date: LocalDate
        var time: LocalTime?
    }

    enum Resolution: Equatable {
        case found(String)
        case notFound
        case ambiguous([String])
    }

    private let byPath: [String: Candidate]
    private let byStem: [String: [String]]
    /// Two-part keys as a pair, not a joined string: no string is built per session.
    private struct Pair: Hashable {
        var first: String
        var second: String
    }

    private struct SeriesDate: Hashable {
        var series: String
        var date: LocalDate
    }

    private let byFolderStem: [Pair: [String]]
    private let bySeriesStem: [Pair: [String]]
    private let bySeriesDate: [SeriesDate: [String]]

    init(sessions: [Candidate]) {
        var byPath: [String: Candidate] = [:]
        var byStem: [String: [String]] = [:]
        var byFolderStem: [Pair: [String]] = [:]
        var bySeriesStem: [Pair: [String]] = [:]
        var bySeriesDate: [SeriesDate: [String]] = [:]
        byPath.reserveCapacity(sessions.count)
        byStem.reserveCapacity(sessions.count)
        byFolderStem.reserveCapacity(sessions.count)
        bySeriesStem.reserveCapacity(sessions.count)
        bySeriesDate.reserveCapacity(sessions.count)
        for candidate in sessions {
            byPath[candidate.path] = candidate
            let stem = PreviousResolver.stem(of: candidate.path)
            byStem[stem, default: []].append(candidate.path)
            byFolderStem[Pair(first: PreviousResolver.folder(of: candidate.path), second: stem), default: []]
                .append(candidate.path)
            bySeriesStem[Pair(first: candidate.series, second: stem), default: []].append(candidate.path)
            bySeriesDate[SeriesDate(series: candidate.series, date: candidate.date), default: []].append(candidate.path)
        }
        self.byPath = byPath
        self.byStem = byStem
        self.byFolderStem = byFolderStem
        self.bySeriesStem = bySeriesStem
        self.bySeriesDate = bySeriesDate
    }

    func resolve(_ raw: String, from notePath: String, series: String) -> Resolution {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("[["), value.hasSuffix("]]") {
            return resolveWikilink(String(value.dropFirst(2).dropLast(2)), from: notePath, series: series)
        }
        if let (date, time) = DateTimeText.parse(value) {
            let sameDay = bySeriesDate[SeriesDate(series: series, date: date)] ?? []
            let matches = sameDay.filter { $0 != notePath && (time == nil || byPath[$0]?.time == time) }
            if matches.count == 1 { return .found(matches[0]) }
            if matches.count > 1 { return .ambiguous(matches.sorted()) }
            // A date that is also a file name next to the note ("2026-11-03") falls through.
        }
        // Relative to the note first, then to the notebook root: the first that exists wins.
        let folder = PreviousResolver.folder(of: notePath)
        for base in [folder, ""] {
            for spelling in [value, value + ".md"] {
                guard let path = PreviousResolver.normalize(base.isEmpty ? spelling : base + "/" + spelling),
                      byPath[path] != nil else { continue }
                return .found(path)
            }
        }
        return .notFound
    }

    /// `[[name]]`, `[[name|alias]]`, `[[name#heading]]`: the closest file named `name`.
    private func resolveWikilink(_ inner: String, from notePath: String, series: String) -> Resolution {
        var name = inner
        if let bar = name.firstIndex(of: "|") { name = String(name[..<bar]) }
        if let hash = name.firstIndex(of: "#") { name = String(name[..<hash]) }
        name = name.trimmingCharacters(in: .whitespaces)
        if name.lowercased().hasSuffix(".md") { name = String(name.dropLast(3)) }
        if name.contains("/") {
            let path = PreviousResolver.normalize(name + ".md")
            if let path, byPath[path] != nil { return .found(path) }
            let folder = PreviousResolver.folder(of: notePath)
            if let path = PreviousResolver.normalize(folder + "/" + name + ".md"), byPath[path] != nil {
                return .found(path)
            }
            return .notFound
        }
        let folder = PreviousResolver.folder(of: notePath)
        // Closest first: the same folder, then the same series, then anywhere; each tier is
        // looked up, not filtered, so a stem shared by many series costs nothing.
        let tiers = [
            byFolderStem[Pair(first: folder, second: name)] ?? [],
            bySeriesStem[Pair(first: series, second: name)] ?? [],
            byStem[name] ?? [],
        ]
        for tier in tiers where !tier.isEmpty {
            return tier.count == 1 ? .found(tier[0]) : .ambiguous(tier.sorted())
        }
        return .notFound
    }

    /// The file name without a `.md` ending in any case; found on bytes.
    static func stem(of path: String) -> String {
        let utf8 = path.utf8
        // Beyond ASCII a mark can join `/` or `.` to its neighbour as one character, which
        // the definition (on characters) does not split at: that case keeps the definition.
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name
        }
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        let start = utf8[..<end].lastIndex(of: UInt8(ascii: "/")).map(utf8.index(after:)) ?? utf8.startIndex
        guard start < end else { return path }
        let name = utf8[start..<end]
        if name.count >= 3 {
            let tail = name.suffix(3).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            if tail == Array(".md".utf8) { return String(path[start..<utf8.index(end, offsetBy: -3)]) }
        }
        return String(path[start..<end])
    }

    static func folder(of path: String) -> String {
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else {
            guard let slash = path.lastIndex(of: "/") else { return "" }
            return String(path[..<slash])
        }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Resolves `.` and `..`; nil when the path climbs out of the notebook.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
