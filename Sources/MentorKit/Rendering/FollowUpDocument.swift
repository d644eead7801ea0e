/// The follow-up after a held session (spec 7): minutes, takeaways, guidance, goals and
/// action items for the coming period, what was closed, next-session logistics, resources.
public enum FollowUpDocument {
    /// The template context for the follow-up of `session`. Names: docs/templates.md.
    /// `defaultMentor`: `mentor.yml`'s, for a note that names none (spec 3).
    public static func context(for session: Session, in series: Series, asOf: LocalDate,
                               defaultMentor: String? = nil) -> [String: Any] {
        let note = session.note
        let visible = series.items.filter { !$0.isPrivate }
        // Each item as it stood at the end of this session: its last mention in it (not the
        // last of its date: two sessions can share a day), so a follow-up rendered again later
        // reads as it did that day, an item closed and reopened since included.
        let mentioned: [(item: TrackedItem, event: TrackedItem.Event, closedHere: Bool)] = visible.compactMap { item in
            guard let last = item.history.lastIndex(where: { $0.file == session.file }) else { return nil }
            // Closed here when the closing that stands at this session's end is this session's:
            // what `closedIn` says (done before and dropped here moves it here; reopened and
            // closed again as before leaves it where it was).
            return (item, item.history[last], item.history[last].closedIn == session.file)
        }
        func values(_ entries: [(item: TrackedItem, event: TrackedItem.Event, closedHere: Bool)]) -> Any {
            ContextValues.nonEmpty(entries.map { entry in
                let event = entry.event
                let standing = WeeklyReport.ItemStanding(
                    index: 0, status: event.status, closed: event.closed, carried: event.carried,
                    overdue: event.status.isActive && (event.due.map { $0 < session.date } ?? false), due: event.due)
                return ContextValues.item(entry.item, standing: standing, asOf: session.date)
            })
        }
        let goals = mentioned.filter { $0.item.kind == .goal && $0.event.status.isActive }
        let actions = mentioned.filter { $0.item.kind == .action && $0.event.status.isActive }
        let closed = mentioned.filter(\.closedHere)

        let minutes = ContextValues.markdown(note, .notes)
        let checkin = ContextValues.markdown(note, .checkin)
        var context: [String: Any] = [
            "document": "followup", "asOf": asOf.description,
            "series": ContextValues.series(series),
            "title": "Follow-up: \(series.mentee ?? series.id), \(session.date)",
            "sessionTitle": note.title ?? false,
            "session": sessionValues(session, defaultMentor: defaultMentor),
            "minutesMarkdown": minutes.markdown, "minutesHTML": minutes.html,
            "checkinMarkdown": checkin.markdown, "checkinHTML": checkin.html,
            "takeaways": ContextValues.nonEmpty(ContextValues.entries(note, .takeaways)),
            "guidance": ContextValues.nonEmpty(ContextValues.entries(note, .guidance)),
            "challenges": ContextValues.nonEmpty(ContextValues.entries(note, .challenges)),
            "goals": values(goals), "actions": values(actions), "closed": values(closed),
            "resources": ContextValues.nonEmpty(ContextValues.resources(note)),
            "email": series.profile?.header.email ?? false,
        ]
        context["next"] = nextMeeting(after: session, in: series).map { meeting -> [String: Any] in
            var next: [String: Any] = meeting.date.map { ContextValues.when($0, meeting.time) } ?? ["label": false]
            next["location"] = meeting.location ?? false
            next["link"] = ContextValues.link(meeting.link)
            next["duration"] = ContextValues.duration(meeting.durationMinutes)
            // The plan's day has a cancelled note and no other: that meeting is called off.
            next["cancelled"] = meeting.date.map { date in
                let later = series.sessions.drop { $0.file != session.file }.dropFirst().filter { $0.date == date }
                return !later.isEmpty && later.allSatisfy { $0.status == .cancelled }
            } ?? false
            return next
        } ?? false
        return context
    }

    /// The meeting planned after `session`: its own plan, or the later note of the series on
    /// the plan's date (spec 3.5: that note is the meeting, so its values win and the plan
    /// fills in, as in the agenda), or, without a planned date, the next note that is not
    /// cancelled. Nil when neither says anything.
    static func nextMeeting(after session: Session, in series: Series) -> NextSessionPlan? {
        let plan = session.header.next.flatMap { $0.isEmpty ? nil : $0 }
        let later = series.sessions.firstIndex { $0.file == session.file }.flatMap { index in
            series.sessions[(index + 1)...].first { note in
                note.status != .cancelled && (plan?.date).map { $0 == note.date } ?? true
            }
        }
        guard let later else { return plan }
        let meeting = UpcomingSession(series: series.id, session: later, plan: plan, plannedIn: nil)
        return NextSessionPlan(date: meeting.date, time: meeting.time, location: meeting.location,
                               link: meeting.link, durationMinutes: meeting.durationMinutes, line: plan?.line ?? 1)
    }

    static func sessionValues(_ session: Session, defaultMentor: String?) -> [String: Any] {
        var values = ContextValues.when(session.date, session.time)
        values["file"] = session.file
        values["location"] = session.header.location ?? false
        values["link"] = ContextValues.link(session.header.link)
        values["duration"] = ContextValues.duration(session.header.durationMinutes)
        // The note's mentor, else `mentor.yml`'s (spec 3), not another note's.
        values["mentor"] = session.header.mentor ?? defaultMentor ?? false
        return values
    }
}
