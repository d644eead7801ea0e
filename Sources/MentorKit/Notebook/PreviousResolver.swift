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
    private let byFolderStem: [String: [String]]
    private let bySeriesStem: [String: [String]]
    private let bySeriesDate: [String: [String]]

    init(sessions: [Candidate]) {
        var byPath: [String: Candidate] = [:]
        var byStem: [String: [String]] = [:]
        var byFolderStem: [String: [String]] = [:]
        var bySeriesStem: [String: [String]] = [:]
        var bySeriesDate: [String: [String]] = [:]
        for candidate in sessions {
            byPath[candidate.path] = candidate
            let stem = PreviousResolver.stem(of: candidate.path)
            byStem[stem, default: []].append(candidate.path)
            byFolderStem[PreviousResolver.folder(of: candidate.path) + "/" + stem, default: []].append(candidate.path)
            bySeriesStem[candidate.series + "|" + stem, default: []].append(candidate.path)
            bySeriesDate[candidate.series + "|" + candidate.date.description, default: []].append(candidate.path)
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
            let sameDay = bySeriesDate[series + "|" + date.description] ?? []
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
            byFolderStem[folder + "/" + name] ?? [],
            bySeriesStem[series + "|" + name] ?? [],
            byStem[name] ?? [],
        ]
        for tier in tiers where !tier.isEmpty {
            return tier.count == 1 ? .found(tier[0]) : .ambiguous(tier.sorted())
        }
        return .notFound
    }

    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
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
