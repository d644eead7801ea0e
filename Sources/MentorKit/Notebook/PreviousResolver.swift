import Foundation

/// Resolves a session's `previous:` value to one session note.
///
/// The value may be a path relative to the note or to the notebook root, a `[[wikilink]]`
/// naming a file without `.md`, or the date (optionally with time) of a session in the
/// same series.
struct PreviousResolver: Sendable {
    enum Resolution: Equatable {
        case found(String)
        case notFound
        case ambiguous([String])
    }

    /// The sessions of the series being chained, sorted by date: a date is looked up in them,
    /// and a file name in them when it is not in the note's folder.
    struct SeriesSessions {
        fileprivate let paths: [String]
        fileprivate let dates: [LocalDate]
        fileprivate let times: [LocalTime?]
        /// Built on the first wikilink that is not in the note's folder.
        fileprivate var byStem: [String: [String]]?

        /// `sessions` sorted by date.
        init(_ sessions: [Session]) {
            paths = sessions.map(\.file)
            dates = sessions.map(\.date)
            times = sessions.map(\.time)
        }

        /// The sessions' files, in the order given.
        var files: [String] { paths }

        fileprivate func sameDay(_ date: LocalDate) -> Range<Int> {
            var low = 0, high = dates.count
            while low < high {
                let middle = (low + high) / 2
                if dates[middle] < date { low = middle + 1 } else { high = middle }
            }
            var end = low
            while end < dates.count, dates[end] == date { end += 1 }
            return low..<end
        }
    }

    /// Every session's path. A `Set` compares paths as `String`s do (canonically
    /// equivalent spellings are one path), as a typed `previous:` is compared.
    private let paths: Set<String>
    /// Paths beyond ASCII by folder and stem, which follow their definition on characters
    /// (`stem(of:)`) and are not found by probing spellings; usually empty.
    private let unusualByFolderStem: [Pair: [String]]
    /// All sessions by stem, for the last tier of a wikilink: built once, when first needed.
    private let byStem: LazyStemIndex

    private struct Pair: Hashable {
        var first: String
        var second: String
    }

    /// Links to notes read under another path (`NotebookSource.aliases`).
    private let aliases: [String: String]

    /// `paths`: every session's, in notebook order; `aliases`: links to notes, with the
    /// paths the notes are read under.
    init(paths sessionPaths: [String], aliases: [String: String] = [:]) {
        self.aliases = aliases
        var paths = Set<String>(minimumCapacity: sessionPaths.count)
        var unusual: [Pair: [String]] = [:]
        for path in sessionPaths {
            paths.insert(path)
            if !TextScanning.isASCII(path) {
                unusual[Pair(first: PreviousResolver.folder(of: path), second: PreviousResolver.stem(of: path)), default: []]
                    .append(path)
            }
        }
        self.paths = paths
        unusualByFolderStem = unusual
        byStem = LazyStemIndex(paths: sessionPaths)
    }

    /// The session a written path names: itself, or the note a link at that path leads to.
    private func session(at written: String) -> String? {
        let path = aliases[written] ?? written
        return paths.contains(path) ? path : nil
    }

    func resolve(_ raw: String, from notePath: String, in series: inout SeriesSessions) -> Resolution {
        let value = PreviousResolver.trimmed(raw)
        if value.hasPrefix("[["), value.hasSuffix("]]") {
            return resolveWikilink(String(value.dropFirst(2).dropLast(2)), from: notePath, in: &series)
        }
        if let (date, time) = DateTimeText.parse(value) {
            let matches = series.sameDay(date).filter {
                series.paths[$0] != notePath && (time == nil || series.times[$0] == time)
            }.map { series.paths[$0] }
            if matches.count == 1 { return .found(matches[0]) }
            if matches.count > 1 { return .ambiguous(matches.sorted()) }
            // A date that is also a file name next to the note ("2026-11-03") falls through.
        }
        // Relative to the note first, then to the notebook root: the first that exists wins.
        let folder = PreviousResolver.folder(of: notePath)
        for base in [folder, ""] {
            for spelling in [value, value + ".md"] {
                guard let written = PreviousResolver.normalize(base.isEmpty ? spelling : base + "/" + spelling),
                      let path = session(at: written) else { continue }
                return .found(path)
            }
        }
        return .notFound
    }

    /// How the note at `notePath` can name `target` in `previous:`: the file name when both
    /// are in one folder, else the path from the notebook root (which `resolve` also takes).
    static func name(of target: String, from notePath: String) -> String {
        let folder = folder(of: target)
        return folder == self.folder(of: notePath) ? String(target.dropFirst(folder.isEmpty ? 0 : folder.count + 1)) : target
    }

    /// Without spaces and tabs (and Unicode spaces) at either end; a value that starts and
    /// ends with another ASCII character is given back as it is.
    static func trimmed(_ raw: String) -> String {
        if let first = raw.utf8.first, let last = raw.utf8.last, first < 0x80, last < 0x80,
           first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return raw
        }
        return raw.trimmingCharacters(in: .whitespaces)
    }

    /// `[[name]]`, `[[name|alias]]`, `[[name#heading]]`: the closest file named `name`.
    private func resolveWikilink(_ inner: String, from notePath: String, in series: inout SeriesSessions) -> Resolution {
        // An ASCII name is searched on bytes: there each character is one byte (but CRLF,
        // which holds no `|`, `#` or `/`); the search on characters costs about 4,000
        // instructions a link.
        let isASCII = TextScanning.isASCII(inner)
        func firstIndex(of mark: Character, in text: String) -> String.Index? {
            isASCII ? text.utf8.firstIndex(of: mark.asciiValue!) : text.firstIndex(of: mark)
        }
        var name = inner
        if let bar = firstIndex(of: "|", in: name) { name = String(name[..<bar]) }
        if let hash = firstIndex(of: "#", in: name) { name = String(name[..<hash]) }
        name = PreviousResolver.trimmed(name)
        if name.lowercased().hasSuffix(".md") { name = String(name.dropLast(3)) }
        if firstIndex(of: "/", in: name) != nil {
            if let path = PreviousResolver.normalize(name + ".md").flatMap(session(at:)) { return .found(path) }
            let folder = PreviousResolver.folder(of: notePath)
            if let path = PreviousResolver.normalize(folder + "/" + name + ".md").flatMap(session(at:)) {
                return .found(path)
            }
            return .notFound
        }
        let folder = PreviousResolver.folder(of: notePath)
        // Closest first: the same folder, then the same series, then anywhere.
        let inFolder = sessions(inFolder: folder, stem: name)
        if !inFolder.isEmpty { return Self.resolution(inFolder) }
        if series.byStem == nil {
            var byStem: [String: [String]] = [:]
            for path in series.paths { byStem[PreviousResolver.stem(of: path), default: []].append(path) }
            series.byStem = byStem
        }
        if let inSeries = series.byStem?[name], !inSeries.isEmpty { return Self.resolution(inSeries) }
        if let anywhere = byStem.paths(stem: name), !anywhere.isEmpty { return Self.resolution(anywhere) }
        return .notFound
    }

    private static func resolution(_ paths: [String]) -> Resolution {
        paths.count == 1 ? .found(paths[0]) : .ambiguous(paths.sorted())
    }

    /// The sessions in `folder` whose stem is `stem`. An ASCII path is its folder, its stem
    /// and `.md` in some case (or no ending, when the stem has none), so those spellings are
    /// looked up; paths beyond ASCII are found in their own index.
    private func sessions(inFolder folder: String, stem: String) -> [String] {
        var found: [String] = []
        let base = folder.isEmpty ? stem : folder + "/" + stem
        var spellings = [base + ".md", base + ".MD", base + ".Md", base + ".mD"]
        if !stem.lowercased().hasSuffix(".md") { spellings.append(base) }
        for spelling in spellings {
            guard let index = paths.firstIndex(of: spelling) else { continue }
            let path = paths[index]
            if TextScanning.isASCII(path), !found.contains(path) { found.append(path) }
        }
        found += unusualByFolderStem[Pair(first: folder, second: stem)] ?? []
        return found
    }

    /// Sessions by stem over the whole notebook, made on first use: only a wikilink that
    /// matches nothing in its folder or series needs it.
    final class LazyStemIndex: @unchecked Sendable {
        private let allPaths: [String]
        private var byStem: [String: [String]]?
        private let lock = NSLock()

        init(paths: [String]) { allPaths = paths }

        func paths(stem: String) -> [String]? {
            lock.lock()
            defer { lock.unlock() }
            if byStem == nil {
                var index: [String: [String]] = [:]
                for path in allPaths { index[PreviousResolver.stem(of: path), default: []].append(path) }
                byStem = index
            }
            return byStem?[stem]
        }
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

    static func folder(of path: String) -> String { String(folderSlice(of: path)) }

    /// `folder(of:)` without a copy, for passes over every note.
    static func folderSlice(of path: String) -> Substring {
        guard TextScanning.isASCII(path) else {
            guard let slash = path.lastIndex(of: "/") else { return "" }
            return path[..<slash]
        }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return path[..<slash]
    }

    /// Resolves `.` and `..`; nil when the path climbs out of the notebook.
    static func normalize(_ path: String) -> String? {
        // Most paths have nothing to resolve: no `.` or `..` part and no empty one.
        if !path.isEmpty, let plain = path.utf8.withContiguousStorageIfAvailable(isPlainPath), plain { return path }
        return normalizeByDefinition(path)
    }

    /// Whether the bytes have no part (between slashes) that is empty, `.` or `..`; then
    /// `normalizeByDefinition` gives the path back as it is (splitting on characters finds
    /// no more separators than bytes do).
    private static func isPlainPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x2F {
            let length = index - start
            if length == 0 { return false }
            if bytes[start] == 0x2E && (length == 1 || (length == 2 && bytes[start + 1] == 0x2E)) { return false }
            start = index + 1
        }
        return true
    }

    /// `normalize(_:)` by its definition, on characters.
    static func normalizeByDefinition(_ path: String) -> String? {
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
