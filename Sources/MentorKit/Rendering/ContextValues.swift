/// Building blocks of the template contexts: how items, sessions and people appear to a
/// template. Every name here is part of the documented template context
/// (docs/templates.md); add names, never rename them.
enum ContextValues {
    static func item(_ item: TrackedItem, asOf: LocalDate) -> [String: Any] {
        var values: [String: Any] = [
            "id": item.id, "key": item.key, "text": item.text, "kind": item.kind.rawValue,
            "isGoal": item.kind == .goal, "status": item.status.rawValue,
            "statusLabel": statusLabel(item.status), "checkbox": checkbox(item.status),
            "isOpen": item.status.isActive, "carried": item.carried, "wasCarried": item.carried > 0,
            "keepOrDrop": item.carried >= 3, "overdue": item.overdue, "created": item.created.description,
            "file": item.file, "line": item.line, "tags": item.tags, "details": item.details,
        ]
        values["owner"] = item.owner ?? false
        values["due"] = item.due?.description ?? false
        values["closed"] = item.closed?.description ?? false
        values["explicitID"] = item.explicitID ?? false
        if item.overdue, let due = item.due {
            let days = due.days(to: asOf)
            values["daysOverdue"] = days
            values["daysOverdueLabel"] = days == 1 ? "1 day late" : "\(days) days late"
        }
        return values
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

    static func series(_ series: Series) -> [String: Any] {
        [
            "id": series.id, "mentee": series.mentee ?? series.id, "mentor": series.mentor ?? false,
            "menteeFirstName": series.mentee.flatMap { $0.split(separator: " ").first.map(String.init) } ?? series.id,
        ]
    }

    static func duration(_ minutes: Int?) -> Any {
        guard let minutes else { return false }
        if minutes < 60 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func when(_ date: LocalDate, _ time: LocalTime?) -> [String: Any] {
        [
            "date": date.description, "weekday": weekdays[date.isoWeekday - 1],
            "time": time?.description ?? false,
            "label": weekdays[date.isoWeekday - 1] + " " + date.description + (time.map { " " + $0.description } ?? ""),
        ]
    }

    /// Entries of a kind from a note's sections, private ones left out.
    static func entries(_ note: Note, _ kind: SectionKind) -> [String] {
        note.sections.filter { $0.kind == kind && !$0.isPrivate }.flatMap { $0.entries.map(\.text) }
    }

    static func resources(_ note: Note) -> [[String: Any]] {
        note.sections.filter { $0.kind == .resources && !$0.isPrivate }.flatMap(\.links).map { link in
            ["title": link.title, "url": ContextValues.link(link.url)]
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

    /// A link a document may show: nil/unsafe (`javascript:` ...) or multi-word ones become false.
    static func link(_ url: String?) -> Any {
        guard let url, CMarkAdapter.isSafeURL(url), !url.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) else {
            return false
        }
        return url
    }

    /// Adds `hasX` (true when the list is non-empty) beside every list `X`, at every depth, so
    /// templates can show a heading once above a list: `{{#hasGoals}}## Goals{{/hasGoals}}`.
    static func withPresenceFlags(_ context: [String: Any]) -> [String: Any] {
        var result = context
        for (key, value) in context {
            let flag = "has" + key.prefix(1).uppercased() + key.dropFirst()
            if let list = value as? [Any] {
                if result[flag] == nil { result[flag] = !list.isEmpty }
                if let dictionaries = value as? [[String: Any]] { result[key] = dictionaries.map(withPresenceFlags) }
            } else if let nested = value as? [String: Any] {
                result[key] = withPresenceFlags(nested)
            } else if value as? Bool == false, key != "isOpen", result[flag] == nil,
                      ["talkingPoints", "challenges", "takeaways", "guidance", "goals", "actions", "closed",
                       "resources", "openItems", "keepOrDrop", "logisticsWarnings", "links", "sessionsHeld",
                       "created", "open", "overdue", "series"].contains(key) {
                result[flag] = false
            }
        }
        return result
    }
}
