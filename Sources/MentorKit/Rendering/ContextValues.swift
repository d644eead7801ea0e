/// Building blocks of the template contexts: how items, sessions and people appear to a
/// template. Every name here is part of the documented template context
/// (docs/templates.md); add names, never rename them.
enum ContextValues {
    /// The names an item has; `daysOverdue` and `daysOverdueLabel` only while it is overdue.
    static let itemNames = [
        "id", "explicitID", "key", "text", "kind", "isGoal", "status", "statusLabel", "checkbox", "isOpen",
        "owner", "due", "overdue", "daysOverdue", "daysOverdueLabel", "carried", "wasCarried", "keepOrDrop",
        "created", "closed", "file", "line", "tags", "details",
    ]

    /// The item's values: as it stands, or as it stood at `standing`.
    static func item(_ item: TrackedItem, standing: WeeklyReport.ItemStanding? = nil, asOf: LocalDate) -> [String: Any] {
        withUnsafePointer(to: item) { item in values(itemNames) { itemValue($0, of: item, standing: standing, asOf: asOf) } }
    }

    /// One value of `item`, as it stood at the end of a report's period when `standing` is
    /// given, else as it stands; nil for a name items do not have.
    // Through a pointer: an item passed by value was copied at every lookup, retaining its
    // dozen strings and arrays.
    static func itemValue(_ name: String, of item: UnsafePointer<TrackedItem>,
                          standing: WeeklyReport.ItemStanding? = nil, asOf: LocalDate) -> Any? {
        let status = standing?.status ?? item.pointee.status
        let carried = standing?.carried ?? item.pointee.carried
        let overdue = standing?.overdue ?? item.pointee.overdue
        let due = standing != nil ? standing?.due : item.pointee.due
        // A switch on strings tries the cases in order: what the default templates show comes first.
        switch name {
        case "checkbox": return checkbox(status)
        case "text": return item.pointee.text
        case "owner": return item.pointee.owner ?? false
        case "due": return due?.description ?? false
        case "daysOverdue", "daysOverdueLabel":
            guard overdue, let due else { return nil }
            let days = due.days(to: asOf)
            if name == "daysOverdue" { return days }
            return days == 1 ? "1 day late" : "\(days) days late"
        case "id": return item.pointee.id
        case "explicitID": return item.pointee.explicitID ?? false
        case "key": return item.pointee.key
        case "kind": return item.pointee.kind.rawValue
        case "isGoal": return item.pointee.kind == .goal
        case "status": return status.rawValue
        case "statusLabel": return statusLabel(status)
        case "isOpen": return status.isActive
        case "overdue": return overdue
        case "carried": return carried
        case "wasCarried": return carried > 0
        case "keepOrDrop": return carried >= 3
        case "created": return item.pointee.created.description
        case "closed": return (standing.map(\.closed) ?? item.pointee.closed)?.description ?? false
        case "file": return item.pointee.file
        case "line": return item.pointee.line
        case "tags": return list(item.pointee.tags)
        case "details": return list(item.pointee.details)
        default: return nil
        }
    }

    static func items(_ items: [TrackedItem], asOf: LocalDate) -> [[String: Any]] {
        items.map { item($0, asOf: asOf) }
    }

    static func statusLabel(_ status: ItemStatus) -> String {
        switch status {
        case .open: return "open"
        case .inProgress: return "in progress"
        case .done: return "done"
        case .dropped: return "dropped"
        }
    }

    static func checkbox(_ status: ItemStatus) -> String {
        switch status {
        case .open: return "[ ]"
        case .inProgress: return "[/]"
        case .done: return "[x]"
        case .dropped: return "[-]"
        }
    }

    static let seriesNames = ["id", "mentee", "mentor", "menteeFirstName"]

    static func series(_ series: Series) -> [String: Any] {
        values(seriesNames) { seriesValue($0, of: series) }
    }

    /// One value of a series; nil for a name series do not have.
    static func seriesValue(_ name: String, of series: Series) -> Any? {
        switch name {
        case "id": return series.id
        case "mentee": return series.mentee ?? series.id
        case "mentor": return series.mentor ?? false
        case "menteeFirstName": return series.mentee.flatMap(PersonName.firstName(of:)) ?? series.id
        default: return nil
        }
    }

    /// A dictionary of the values `value` has for `names` (nil ones left out).
    static func values(_ names: [String], _ value: (String) -> Any?) -> [String: Any] {
        var values: [String: Any] = [:]
        for name in names { values[name] = value(name) }
        return values
    }

    static func duration(_ minutes: Int?) -> Any {
        guard let minutes else { return false }
        if minutes < 60 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    static func when(_ date: LocalDate, _ time: LocalTime?) -> [String: Any] {
        [
            "date": date.description, "weekday": date.weekdayName,
            "time": time?.description ?? false,
            "label": date.weekdayName + " " + date.description + (time.map { " " + $0.description } ?? ""),
        ]
    }

    /// Entries of a kind from a note's sections, private ones left out.
    static func entries(_ note: Note, _ kind: SectionKind) -> [String] {
        note.sections.filter { $0.kind == kind && !$0.isPrivate }.flatMap { $0.entries.map(\.text) }
    }

    static func resources(_ note: Note) -> [[String: Any]] {
        note.sections.filter { $0.kind == .resources && !$0.isPrivate }.flatMap(\.links).map { link in
            ["title": link.title, "url": ContextValues.linkTarget(link.url)]
        }
    }

    /// A section's Markdown in both output forms, or false when absent or private.
    static func markdown(_ note: Note, _ kind: SectionKind) -> (markdown: Any, html: Any) {
        let text = note.sections.filter { $0.kind == kind && !$0.isPrivate }.map(\.markdown)
            .filter { !$0.isEmpty }.joined(separator: "\n\n")
        guard !text.isEmpty else { return (false, false) }
        return (CMarkAdapter.safeCommonMark(text, headingOffset: 1), CMarkAdapter.safeHTML(text, headingOffset: 1))
    }

    static func nonEmpty(_ values: [Any]) -> Any { values.isEmpty ? false : values }

    /// A list as `withPresenceFlags` leaves it: that pass turns an empty list into an empty
    /// list of dictionaries (it casts every list to one), which a transform can tell apart
    /// (`{{sorted(tags)}}` shows nothing instead of `[]`).
    static func list(_ values: [String]) -> Any { values.isEmpty ? [[String: Any]]() : values }

    /// A link a document may show (`linkURL`), else false.
    static func link(_ url: String?) -> Any { linkURL(url) ?? false }

    /// The target of a resource's Markdown link (`[title](<url>)`, where escapes work), else
    /// false: a relative one (`docs/guide.md`) too, as the note wrote it, but no unsafe
    /// scheme, white space, quote or angle bracket.
    static func linkTarget(_ url: String?) -> Any {
        guard let url, isWritable(url) else { return false }
        return linkURL(url) ?? url
    }

    /// A non-empty URL of a safe scheme (not `javascript:` ...) without white space, control
    /// characters, quotes or angle brackets: one a document can write as it is.
    private static func isWritable(_ url: String) -> Bool {
        !url.isEmpty && CMarkAdapter.isSafeURL(url) && !url.unicodeScalars.contains { scalar in
            scalar.value <= 0x20 || scalar.value == 0x7F || scalar == "\"" || scalar == "<" || scalar == ">"
                || scalar.properties.isWhitespace
        }
    }

    /// A link as documents show it, nil for none: an absolute URL of a safe scheme (not
    /// `javascript:` ...) without white space, control characters, quotes or angle brackets,
    /// so that a Markdown template may write it as an autolink, `<{{{link}}}>`, where
    /// backslash escapes would be part of the URL. A bare host and path
    /// (`meet.example.com/abc`, as invitations often give it) gets `https://`.
    static func linkURL(_ url: String?) -> String? {
        guard let url, isWritable(url) else { return nil }
        if hasScheme(url) { return url }
        // A host, with a port of digits at most: `meet.example.com/abc`, `localhost:3000/room`.
        let authority = url.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.prefix { $0 != ":" }
        let port = authority.dropFirst(host.count)
        let isHost = (host.contains(".") || host.lowercased() == "localhost") && !host.hasPrefix(".") && !host.hasSuffix(".")
            && host.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-.".unicodeScalars.contains($0) }
            && (port.isEmpty || (port.count > 1 && port.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }))
        return isHost ? "https://" + url : nil
    }

    /// Whether a URL starts with a scheme as CommonMark's autolinks take it: a letter, then
    /// letters, digits, `+` or `-` (a dot would make `host.com:8080` one), 2 to 32 in all, and
    /// `:`, not followed by a port (`localhost:3000` is a host).
    private static func hasScheme(_ url: String) -> Bool {
        let scheme = url.utf8.prefix { $0 != UInt8(ascii: ":") }
        guard scheme.count >= 2, scheme.count <= 32, scheme.count < url.utf8.count,
              let first = scheme.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") else { return false }
        // `localhost:3000/room` is a host and port; `tel:5551234567` is a scheme.
        let rest = url.utf8.dropFirst(scheme.count + 1)
        let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let after = rest.dropFirst(digits.count).first
        if scheme.map({ $0 | 0x20 }).elementsEqual("localhost".utf8), !digits.isEmpty,
           after == nil || after == UInt8(ascii: "/") || after == UInt8(ascii: "?") || after == UInt8(ascii: "#") { return false }
        return scheme.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }
    }

    /// Adds `hasX` (true when the list is non-empty) beside every list `X`, at every depth, so
    /// templates can show a heading once above a list: `{{#hasGoals}}## Goals{{/hasGoals}}`.
    /// A `LazyContext` inside is left alone: it derives its own flags by the same rule.
    static func withPresenceFlags(_ context: [String: Any]) -> [String: Any] {
        var result = context
        for (key, value) in context {
            guard let present = presence(of: value, named: key) else {
                if let nested = value as? [String: Any] { result[key] = withPresenceFlags(nested) }
                continue
            }
            let flag = flagName(of: key)
            if result[flag] == nil { result[flag] = present }
            if let dictionaries = value as? [[String: Any]] { result[key] = dictionaries.map(withPresenceFlags) }
        }
        return result
    }

    /// Names that get a flag `false` when they are false rather than a list: lists that are
    /// false when empty.
    static let listNames: Set<String> = [
        "talkingPoints", "challenges", "takeaways", "guidance", "goals", "actions", "closed", "resources",
        "openItems", "keepOrDrop", "logisticsWarnings", "links", "sessionsHeld", "created", "open", "overdue",
        "series",
    ]

    static func flagName(of key: String) -> String {
        "has" + key.prefix(1).uppercased() + key.dropFirst()
    }

    /// The flag beside `value`: whether a list has entries, false for a list name whose value
    /// is false, nil when it gets none.
    static func presence(of value: Any, named key: String) -> Bool? {
        // `any ContextList` rather than `[Any]`: casting to `[Any]` copies every element.
        if let list = value as? any ContextList { return !list.isEmpty }
        if value as? Bool == false, listNames.contains(key) { return false }
        return nil
    }

    /// The flag `name` (`hasX`) of a context that makes its values on demand: found by the
    /// rule of `withPresenceFlags` from the value of `x`; nil when `name` is no flag.
    static func presenceFlag(named name: String, in value: (String) -> Any?) -> Bool? {
        guard name.hasPrefix("has"), name.count > 3 else { return nil }
        let rest = name.dropFirst(3)
        let key = rest.prefix(1).lowercased() + rest.dropFirst()
        guard flagName(of: key) == name, let found = value(key) else { return nil }
        return presence(of: found, named: key)
    }
}

/// A list in a template context, whatever its elements: what gets a presence flag.
protocol ContextList {
    var isEmpty: Bool { get }
}

extension Array: ContextList {}
