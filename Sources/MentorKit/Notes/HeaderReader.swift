import Foundation
import Yams

/// Turns front matter into a session or profile header, reporting what it cannot use.
struct HeaderReader {
    let path: String
    let frontMatter: FrontMatter
    var diagnostics: [Diagnostic] = []

    static let sessionKeys: Set<String> = [
        "type", "date", "time", "mentee", "mentor", "series", "previous", "status", "duration",
        "location", "link", "tags", "next", "title", "aliases",
    ]
    static let profileKeys: Set<String> = [
        "type", "name", "role", "email", "series", "links", "organization", "title", "tags",
        "aliases", "mentor",
    ]

    init(path: String, frontMatter: FrontMatter) {
        self.path = path
        self.frontMatter = frontMatter
    }

    /// What the front matter says the file is.
    func classify() -> Note.Kind {
        let hasPerson = frontMatter["mentee"] != nil || frontMatter["series"] != nil
        switch frontMatter.string("type")?.lowercased() {
        case "session"?: return .session
        case "profile"?: return .profile
        case nil:
            // A mentee without a date is a session that forgot its date, reported as such.
            return hasPerson ? .session : .other
        default:
            return hasPerson && frontMatter["date"] != nil ? .session : .other
        }
    }

    mutating func session() -> SessionHeader? {
        warnUnknownKeys(HeaderReader.sessionKeys, kind: "session")
        guard let dateEntry = frontMatter["date"], let dateText = FrontMatter.string(dateEntry.value) else {
            let line = frontMatter["date"]?.line ?? 1
            report(.missingDate, line: line,
                   "session note has no date; add `date: YYYY-MM-DD` to its front matter")
            return nil
        }
        guard let (date, dateTime) = DateTimeText.parse(dateText) else {
            report(.badDate, line: dateEntry.line, column: dateEntry.column,
                   "date '\(dateText)' is not a real date; write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM")
            return nil
        }
        var header = SessionHeader(date: date, time: dateTime, dateLine: dateEntry.line)
        if let entry = frontMatter["time"], let text = FrontMatter.string(entry.value) {
            if let time = LocalTime(text) {
                if let dateTime = header.time, dateTime != time {
                    diagnostics.append(Diagnostic(
                        file: path, line: entry.line, column: entry.column, severity: .warning, code: .badTime,
                        message: "time '\(text)' disagrees with the time in date (\(dateTime)), which is the one used; keep one of them"))
                }
                if header.time == nil { header.time = time }
            } else {
                report(.badTime, line: entry.line, column: entry.column,
                       "time '\(text)' is not a time of day; write it as \"HH:MM\" (quoted), e.g. \"16:00\"")
            }
        }
        header.mentee = text("mentee")
        header.mentor = text("mentor")
        if let series = text("series") {
            let slug = Slug.make(series)
            if slug.isEmpty {
                report(.badValue, line: frontMatter["series"]?.line ?? 1,
                       "series '\(series)' has no letters or digits; use an id like alex-chen")
            } else {
                header.series = slug
            }
        }
        if header.mentee == nil && header.series == nil {
            report(.missingMentee, line: 1,
                   "session note names no mentee; add `mentee: Full Name` (or `series: id`) to its front matter")
        }
        if let entry = frontMatter["previous"] {
            header.previous = previousText(entry.value)
            header.previousLine = entry.line
            // Only a list or map is an error here; an empty value just names no previous session.
            if header.previous == nil, !entry.value.isScalar {
                report(.badPrevious, line: entry.line, column: entry.column,
                       "previous: is a list or a map; write one file, [[wikilink]] or date, in quotes")
            }
        }
        if let entry = frontMatter["status"], let text = FrontMatter.string(entry.value) {
            switch text.lowercased() {
            case "planned": header.status = .planned
            case "held", "done": header.status = .held
            case "cancelled", "canceled": header.status = .cancelled
            default:
                report(.badStatus, line: entry.line, column: entry.column,
                       "status '\(text)' is not one of planned, held, cancelled")
            }
            header.statusLine = entry.line
        }
        if let entry = frontMatter["duration"] {
            header.durationMinutes = duration(entry)
        }
        header.location = text("location")
        header.link = text("link")
        header.tags = list("tags").map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
        if let entry = frontMatter["next"] {
            header.next = nextPlan(entry)
        }
        return header
    }

    mutating func profile() -> ProfileHeader? {
        warnUnknownKeys(HeaderReader.profileKeys, kind: "profile")
        guard let name = text("name") else {
            report(.missingName, line: 1, "profile note has no name; add `name: Full Name` to its front matter")
            return nil
        }
        var header = ProfileHeader(name: name)
        if let entry = frontMatter["role"], let role = FrontMatter.string(entry.value) {
            header.role = ProfileHeader.Role(rawValue: role.lowercased())
            if header.role == nil {
                report(.badValue, line: entry.line, column: entry.column,
                       "role '\(role)' is not mentee or mentor")
            }
        }
        header.email = text("email")
        if let email = header.email, let entry = frontMatter["email"], !EmailMessage.isAddress(email) {
            // A warning: only the follow-up's email needs it, and refuses it then.
            report(.badEmail, line: entry.line, column: entry.column,
                   "'\(email)' is not an email address a follow-up email can use; write the address alone, like alex@example.com (in ASCII: a domain with other letters in its punycode form, xn--...)")
        }
        header.series = text("series").map(Slug.make).flatMap { $0.isEmpty ? nil : $0 }
        header.links = list("links")
        header.organization = text("organization")
        return header
    }

    // MARK: - Values

    private mutating func text(_ key: String) -> String? {
        guard let entry = frontMatter[key] else { return nil }
        guard entry.value.isScalar else {
            report(.badValue, line: entry.line, column: entry.column,
                   "`\(key)` should be a single value, not a list or map; write `\(key): value`")
            return nil
        }
        return FrontMatter.string(entry.value)
    }

    private mutating func list(_ key: String) -> [String] {
        guard let entry = frontMatter[key] else { return [] }
        guard let values = FrontMatter.strings(entry.value) else {
            report(.badValue, line: entry.line, column: entry.column,
                   "`\(key)` should be a list of words; write it like [career, portfolio]")
            return []
        }
        return values
    }

    /// `previous: [[2026-11-03]]` is a YAML flow sequence in a sequence: read it back as text.
    private func previousText(_ value: FrontMatter.Value) -> String? {
        if let text = FrontMatter.string(value) { return text }
        // One list in a list, of one name, as the fast path reads `[[name]]` or Yams composed it.
        let name: String?
        switch value {
        case .sequence(let outer) where outer.count == 1:
            guard case .sequence(let inner) = outer[0], inner.count == 1 else { return nil }
            name = FrontMatter.string(inner[0])
        case .node(.sequence(let outer)) where outer.count == 1:
            guard case .sequence(let inner) = outer[0], inner.count == 1 else { return nil }
            name = FrontMatter.string(inner[0])
        default:
            return nil
        }
        return name.map { "[[\($0)]]" }
    }

    private mutating func duration(_ entry: FrontMatter.Entry) -> Int? {
        guard let text = FrontMatter.string(entry.value) else { return nil }
        if let minutes = DurationText.minutes(text) { return minutes }
        report(.badDuration, line: entry.line, column: entry.column,
               "duration '\(text)' is not a duration; write minutes (45) or 45m, 1h, 1h30m")
        return nil
    }

    private mutating func nextPlan(_ entry: FrontMatter.Entry) -> NextSessionPlan? {
        // Each field's key, text and line, as the fast path or Yams read the map.
        let fields: [(key: String?, text: String?, line: Int)]
        switch entry.value {
        case .mapping(let mapping):
            fields = mapping.map { (FrontMatter.string(.scalar($0.key, plain: true)), FrontMatter.string($0.value), $0.line) }
        case .node(.mapping(let mapping)):
            // From the key's own mark: a block map starts on the line after `next:`.
            fields = mapping.map { keyNode, value in
                (FrontMatter.string(keyNode), FrontMatter.string(value),
                 keyNode.mark.map { entry.markLineOffset + $0.line } ?? entry.line)
            }
        default:
            report(.badValue, line: entry.line, column: entry.column,
                   "`next` should be a map with date, time, location, link, duration")
            return nil
        }
        var plan = NextSessionPlan(line: entry.line)
        for field in fields {
            guard let key = field.key?.lowercased(), let text = field.text else { continue }
            let line = field.line
            switch key {
            case "date", "when":
                if let (date, time) = DateTimeText.parsePlan(text) {
                    plan.date = date
                    if let time { plan.time = time }
                } else if !DateTimeText.isNotYetKnown(text) {
                    report(.badDate, line: line, "next session date '\(text)'" + DateTimeText.planDateProblem(text, form: "YYYY-MM-DD"))
                }
            case "time":
                if let time = LocalTime(text) { plan.time = time } else {
                    report(.badTime, line: line, "next session time '\(text)' is not a time; write \"HH:MM\"")
                }
            case "location", "where": plan.location = text
            case "link", "url", "call": plan.link = text
            case "duration":
                plan.durationMinutes = DurationText.minutes(text)
                if plan.durationMinutes == nil {
                    report(.badDuration, line: line,
                           "next session duration '\(text)' is not a duration; write 45m, 1h or 1h30m")
                }
            default:
                report(.unknownKey, line: line,
                       "unknown key `\(key)` in `next`; use date, time, location, link, duration")
            }
        }
        return plan
    }

    private mutating func warnUnknownKeys(_ known: Set<String>, kind: String) {
        var unknown = 0
        for index in frontMatter.entries.indices where !known.contains(frontMatter.entries[index].key) {
            let entry = frontMatter.entries[index]
            if entry.key == "\u{0}non-scalar key" {
                report(.badValue, line: entry.line, column: entry.column,
                       "a front matter key is a list or a map; write plain `key: value` lines")
                continue
            }
            if entry.key == "<<" {
                report(.badValue, line: entry.line, column: entry.column,
                       "YAML merge keys (`<<`) are not read; write the keys out in this note")
                continue
            }
            unknown += 1
            if unknown == 21 {
                report(.unknownKey, line: entry.line, column: entry.column,
                       "and \(frontMatter.entries.filter { !known.contains($0.key) }.count - 20) more unknown keys; check the front matter")
            }
            if unknown > 20 { continue }
            report(.unknownKey, line: entry.line, column: entry.column,
                   "unknown front matter key `\(entry.key)` in a \(kind) note; check its spelling (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    private mutating func report(_ code: DiagnosticCode, line: Int, column: Int = 1, _ message: String) {
        diagnostics.append(Diagnostic(file: path, line: line, column: column, code: code, message: message))
    }
}
