/// The agenda before a session (spec 7): logistics, the mentee's talking points, progress,
/// what happened last time, the open items to review and, before a first session, the
/// mentee's profile.
public enum AgendaDocument {
    /// The template context for the agenda of `upcoming`. Names: docs/templates.md.
    public static func context(for upcoming: UpcomingSession, in series: Series, asOf: LocalDate) -> [String: Any] {
        let plannedIndex = upcoming.file.flatMap { file in series.sessions.indices.first { series.sessions[$0].file == file } }
        let planned = plannedIndex.map { series.sessions[$0] }
        // Counted, not filtered: a copy of each held session would retain its whole note, for
        // every agenda of a calendar of many meetings.
        var heldCount = 0
        var lastHeld: Int?
        for index in series.sessions.indices where series.sessions[index].status == .held {
            heldCount += 1
            lastHeld = index
        }
        let last = lastHeld.map { series.sessions[$0] }
        let visible = series.items.filter { !$0.isPrivate }
        let open = visible.filter { $0.status.isActive }.sorted(by: oldestFirst)
        var context: [String: Any] = [
            "document": "agenda", "asOf": asOf.description,
            "series": ContextValues.series(series),
            "session": session(upcoming),
            "title": "Agenda: \(series.mentee ?? series.id), \(upcoming.date)" + (upcoming.time.map { " \($0)" } ?? ""),
        ]
        var warnings: [String] = []
        if upcoming.time == nil { warnings.append("No time set: agree on a time and add it to the plan.") }
        let link = ContextValues.linkURL(upcoming.link)
        // The link is not quoted: it may be a `javascript:` one.
        if upcoming.link != nil, link == nil {
            warnings.append("The call link is not a web address a document can show: write it as https://… with no spaces (link: in the note).")
        }
        // A link no document can show is no way to meet: without a place, nothing says where.
        if upcoming.location == nil && link == nil {
            warnings.append("No place and no call link: say where you will meet (location: or link: in the note).")
        } else if upcoming.link == nil {
            warnings.append("No call link: add one (link: in the note) if anyone joins remotely.")
        } else if upcoming.location == nil {
            warnings.append("No place: add one (location: in the note) if you meet in person.")
        }
        context["logisticsWarnings"] = ContextValues.nonEmpty(warnings)

        let talkingPoints = AgendaDocument.talkingPoints(for: upcoming, at: plannedIndex, in: series)
        let challenges = planned.map { ContextValues.entries($0.note, .challenges) } ?? []
        context["talkingPoints"] = ContextValues.nonEmpty(talkingPoints)
        context["challenges"] = ContextValues.nonEmpty(challenges)

        let goals = visible.filter { $0.kind == .goal }
        let actions = visible.filter { $0.kind == .action }
        let closed = visible.filter { !$0.status.isActive && $0.status != .dropped }.count
        context["progress"] = [
            "goalsClosed": goals.filter { !$0.status.isActive }.count,
            "goalsOpen": goals.filter { $0.status.isActive }.count,
            "actionsClosed": actions.filter { !$0.status.isActive }.count,
            "actionsOpen": actions.filter { $0.status.isActive }.count,
            "done": closed, "dropped": visible.filter { $0.status == .dropped }.count,
            "open": open.count, "heldSessions": heldCount,
            "hasItems": !visible.isEmpty,
        ] as [String: Any]

        if let last {
            let written = [SectionKind.takeaways, .challenges, .guidance].contains { !ContextValues.entries(last.note, $0).isEmpty }
            context["lastTime"] = [
                "nothingWritten": !written,
                "date": last.date.description, "file": last.file,
                "title": last.note.title ?? false,
                "takeaways": ContextValues.nonEmpty(ContextValues.entries(last.note, .takeaways)),
                "challenges": ContextValues.nonEmpty(ContextValues.entries(last.note, .challenges)),
                "guidance": ContextValues.nonEmpty(ContextValues.entries(last.note, .guidance)),
            ] as [String: Any]
        } else {
            context["lastTime"] = false
        }
        context["openItems"] = ContextValues.nonEmpty(ContextValues.items(open, asOf: asOf))
        context["overdueCount"] = open.filter(\.overdue).count
        context["keepOrDrop"] = ContextValues.nonEmpty(ContextValues.items(open.filter { $0.carried >= 3 }, asOf: asOf))

        let isFirst = heldCount == 0
        context["firstSession"] = isFirst
        context["profile"] = (isFirst ? series.profile : nil).map(profile) ?? false
        return context
    }

    /// The mentee's talking points for `upcoming`: its planned note's (at `plannedIndex` in
    /// the series), then those of the meetings cancelled just before it.
    static func talkingPoints(for upcoming: UpcomingSession, at plannedIndex: Int?, in series: Series) -> [String] {
        let planned = plannedIndex.map { series.sessions[$0] }
        var talkingPoints = planned.map { ContextValues.entries($0.note, .agenda) } ?? []
        // The points of the meetings cancelled just before this one were never talked about:
        // they come along, marked, unless the planned note has them already. Only to the next
        // meeting: one planned after it has its own points.
        var cancelledBefore: [Int] = []
        var index = (plannedIndex ?? series.sessions.count) - 1
        while index >= 0, series.sessions[index].status == .cancelled {
            if series.sessions[index].date <= upcoming.date { cancelledBefore.append(index) }
            index -= 1
        }
        var keys = Set(talkingPoints.map { InlineFields.key(of: $0) })
        for index in cancelledBefore.reversed() {
            let session = series.sessions[index]
            for point in ContextValues.entries(session.note, .agenda) where keys.insert(InlineFields.key(of: point)).inserted {
                talkingPoints.append("\(point) (from the cancelled session on \(session.date))")
            }
        }
        return talkingPoints
    }

    static func session(_ upcoming: UpcomingSession) -> [String: Any] {
        var values = ContextValues.when(upcoming.date, upcoming.time)
        values["location"] = upcoming.location ?? false
        values["link"] = ContextValues.link(upcoming.link)
        values["duration"] = ContextValues.duration(upcoming.durationMinutes)
        values["durationMinutes"] = upcoming.durationMinutes ?? false
        values["file"] = upcoming.file ?? false
        return values
    }

    static func profile(_ profile: Profile) -> [String: Any] {
        let research = [profile.note.preamble] + profile.note.sections.filter { !$0.isPrivate }.map {
            "## \($0.title)\n\n\($0.markdown)"
        }
        let joined = research.filter { !$0.isEmpty }.joined(separator: "\n\n")
        let cleaned = joined.isEmpty ? "" : CMarkAdapter.safeCommonMark(joined, headingOffset: 2)
        // A profile holding only the template's comment has no research yet.
        let markdown = cleaned.unicodeScalars.allSatisfy(TextScanning.isSpace) ? "" : joined
        return [
            "name": profile.header.name, "file": profile.file,
            "email": profile.header.email ?? false, "organization": profile.header.organization ?? false,
            "links": ContextValues.nonEmpty(profile.header.links.compactMap { ContextValues.link($0) as? String }),
            "researchMarkdown": markdown.isEmpty ? false : cleaned,
            "researchHTML": markdown.isEmpty ? false : CMarkAdapter.safeHTML(markdown, headingOffset: 2),
        ]
    }

    static func oldestFirst(_ lhs: TrackedItem, _ rhs: TrackedItem) -> Bool {
        if lhs.created != rhs.created { return lhs.created < rhs.created }
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        return lhs.line < rhs.line
    }
}
