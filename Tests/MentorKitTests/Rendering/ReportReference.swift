@testable import MentorKit

// The report as mentor built it before it was made fast (commit 71a3ad6), copied verbatim:
// every item copied and changed, every context value in a dictionary, presence flags added
// by a recursive pass. It is the reference the fast code must agree with value for value,
// for templates other than the defaults (the golden files cover those).

/// The old `WeeklyReport`.
struct ReportReference {
    struct SeriesFigures {
        var series: Series
        var sessionsHeld: [Session]
        var created: [TrackedItem]
        var closed: [TrackedItem]
        var open: [TrackedItem]
        var overdue: [TrackedItem]
        var lastSession: LocalDate?
        var daysSinceLastSession: Int?
        var stalled: Bool
        var next: UpcomingSession?
    }
    typealias FollowThrough = WeeklyReport.FollowThrough
    typealias ChartWeek = WeeklyReport.ChartWeek

    var period: ReportPeriod
    var asOf: LocalDate
    var series: [SeriesFigures]
    var followThrough: [FollowThrough]
    var chart: [ChartWeek]

    var totals: (sessionsHeld: Int, created: Int, closed: Int, open: Int, overdue: Int, stalled: Int) {
        series.reduce((0, 0, 0, 0, 0, 0)) { sum, figures in
            (sum.0 + figures.sessionsHeld.count, sum.1 + figures.created.count, sum.2 + figures.closed.count,
             sum.3 + figures.open.count, sum.4 + figures.overdue.count, sum.5 + (figures.stalled ? 1 : 0))
        }
    }

    init(_ notebook: Notebook, period: ReportPeriod, seriesID: String? = nil) {
        self.period = period
        asOf = notebook.asOf
        let end = min(period.to, notebook.asOf)
        let overdueBefore = end
        let chosen = notebook.series.filter { series in
            (seriesID == nil || series.id == seriesID) && series.sessions.contains { $0.date <= period.to }
        }
        series = chosen.map { series in
            let held = series.heldSessions
            let heldDates = held.map(\.date)
            // Every item as it stood at the end of the period, not as it stands today.
            let items = series.items.filter { !$0.isPrivate && $0.created <= end }
                .map { ReportReference.snapshot($0, on: end, heldDates: heldDates, overdueBefore: overdueBefore) }
            // The latest held date up to the end, whatever the chain's order.
            let last = held.filter { $0.date <= end }.max { $0.date < $1.date }
            let days = last.map { $0.date.days(to: end) }
            let open = items.filter { $0.status.isActive }
            // A past period's next session is the first note after it (an earlier plan for its
            // date filling in); the current one's is the first upcoming session.
            let followingNote = series.sessions.filter { $0.date > period.to && $0.status != .cancelled }
                .min { $0.date < $1.date }.map { session in
                // An earlier note in the chain that planned this date.
                let plan = series.sessions.prefix { $0.file != session.file }
                    .compactMap(\.header.next).last { $0.date == session.date }
                return UpcomingSession(series: series.id, date: session.date, time: session.time ?? plan?.time,
                                       location: session.header.location ?? plan?.location,
                                       link: session.header.link ?? plan?.link,
                                       durationMinutes: session.header.durationMinutes ?? plan?.durationMinutes,
                                       file: session.file, plannedIn: nil)
            }
            let upcoming = notebook.upcoming.first { $0.series == series.id && $0.date >= period.from }
            let next = period.to < notebook.asOf ? followingNote ?? upcoming : upcoming ?? followingNote
            return SeriesFigures(
                series: series,
                sessionsHeld: held.filter { $0.date >= period.from && $0.date <= end },
                created: items.filter { $0.created >= period.from && $0.created <= period.to },
                closed: items.filter { $0.closed.map { $0 >= period.from && $0 <= period.to } ?? false },
                open: open,
                overdue: open.filter(\.overdue),
                lastSession: last?.date, daysSinceLastSession: days,
                stalled: WeeklyReport.isStalled(daysSinceLastSession: days, hasNext: next != nil,
                                                stalledAfter: notebook.config.stalledAfter),
                next: next)
        }
        let allItems = chosen.flatMap(\.items).filter { !$0.isPrivate }
        followThrough = ["mentee", "mentor"].map { owner in
            let role: TrackedItem.OwnerRole = owner == "mentee" ? .mentee : .mentor
            var figures = FollowThrough(owner: owner, closedOnTime: 0, closedLate: 0, openOverdue: 0)
            for item in allItems where item.ownerRole == role && item.created <= period.to {
                if item.status == .done, let closed = item.closed, closed <= period.to {
                    if let due = item.due, closed > due { figures.closedLate += 1 } else { figures.closedOnTime += 1 }
                } else if ReportReference.isOpen(item, on: end), let due = item.due, due < overdueBefore {
                    figures.openOverdue += 1
                }
            }
            return figures
        }
        let lastWeek = ReportPeriod.week(holding: period.to, startsOn: notebook.config.weekStarts)
        chart = (0..<8).reversed().map { back in
            let from = lastWeek.from.adding(days: -7 * back)
            let to = from.adding(days: 6)
            let week = ReportPeriod.week(holding: from, startsOn: notebook.config.weekStarts)
            return ChartWeek(
                label: week.label, from: from, to: to,
                closed: allItems.filter { $0.closed.map { $0 >= from && $0 <= to } ?? false }.count,
                open: allItems.filter { ReportReference.isOpen($0, on: min(to, notebook.asOf)) }.count)
        }
    }

    /// The item as it stood at the end of `day`: status, closing, carried count and overdue.
    static func snapshot(_ item: TrackedItem, on day: LocalDate, heldDates: [LocalDate],
                         overdueBefore: LocalDate) -> TrackedItem {
        var copy = item
        if !isOpen(item, on: day) { return copy }
        copy.status = item.history.last { $0.date <= day && $0.status.isActive }?.status ?? .open
        if !copy.status.isActive { copy.status = .open }
        copy.closed = nil
        copy.closedIn = nil
        copy.carried = heldDates.filter { $0 > item.created && $0 <= day }.count
        copy.overdue = item.due.map { $0 < overdueBefore } ?? false
        return copy
    }

    static func isOpen(_ item: TrackedItem, on day: LocalDate) -> Bool {
        item.created <= day && !(item.closed.map { $0 <= day } ?? false)
    }

    /// The old `ReportDocument.context` with the old presence-flag pass, as templates got it.
    static func flaggedContext(_ report: ReportReference) -> [String: Any] {
        OldContextValues.withPresenceFlags(context(report))
    }

    /// The old `ReportDocument.json`.
    static func json(_ report: ReportReference) -> JSONValue {
        let totals = report.totals
        func items(_ list: [TrackedItem]) -> JSONValue {
            .array(list.map { item in
                .object([
                    ("id", .string(item.id)), ("kind", .string(item.kind.rawValue)), ("text", .string(item.text)),
                    ("owner", .string(item.owner)), ("due", .string(item.due?.description)),
                    ("status", .string(item.status.rawValue)), ("created", .string(item.created.description)),
                    ("closed", .string(item.closed?.description)), ("carried", .int(item.carried)),
                    ("file", .string(item.file)), ("line", .int(item.line)),
                ])
            })
        }
        return .object([
            ("version", .int(1)),
            ("asOf", .string(report.asOf.description)),
            ("period", .object([("label", .string(report.period.label)), ("from", .string(report.period.from.description)),
                                ("to", .string(report.period.to.description))])),
            ("totals", .object([
                ("mentorships", .int(report.series.count)), ("sessionsHeld", .int(totals.sessionsHeld)),
                ("created", .int(totals.created)), ("closed", .int(totals.closed)), ("open", .int(totals.open)),
                ("overdue", .int(totals.overdue)), ("stalled", .int(totals.stalled)),
            ])),
            ("series", .array(report.series.map { figures in
                .object([
                    ("id", .string(figures.series.id)), ("mentee", .string(figures.series.mentee)),
                    ("mentor", .string(figures.series.mentor)),
                    ("sessionsHeld", .array(figures.sessionsHeld.map { session in
                        .object([("file", .string(session.file)), ("date", .string(session.date.description)),
                                 ("time", .string(session.time?.description))])
                    })),
                    ("created", items(figures.created)), ("closed", items(figures.closed)),
                    ("open", items(figures.open)), ("overdue", items(figures.overdue)),
                    ("lastSession", .string(figures.lastSession?.description)),
                    ("daysSinceLastSession", .int(figures.daysSinceLastSession)),
                    ("stalled", .bool(figures.stalled)),
                    ("next", figures.next.map { next in
                        .object([("date", .string(next.date.description)), ("time", .string(next.time?.description)),
                                 ("file", .string(next.file))])
                    } ?? .null),
                ])
            })),
            ("followThrough", .array(report.followThrough.map { figures in
                .object([("owner", .string(figures.owner)), ("closedOnTime", .int(figures.closedOnTime)),
                         ("closedLate", .int(figures.closedLate)), ("openOverdue", .int(figures.openOverdue)),
                         ("percentOnTime", .int(figures.percentOnTime))])
            })),
            ("chart", .array(report.chart.map { week in
                .object([("week", .string(week.label)), ("from", .string(week.from.description)),
                         ("to", .string(week.to.description)), ("closed", .int(week.closed)), ("open", .int(week.open))])
            })),
        ])
    }

    static func context(_ report: ReportReference) -> [String: Any] {
        let totals = report.totals
        return [
            "document": "report", "asOf": report.asOf.description,
            "title": "Mentoring report \(report.period.label)",
            "period": ["label": report.period.label, "from": report.period.from.description,
                       "to": report.period.to.description, "isWeek": report.period.isWeek,
                       "noun": report.period.isWeek ? "week" : "period"] as [String: Any],
            "totals": ["mentorships": report.series.count, "sessionsHeld": totals.sessionsHeld,
                       "created": totals.created, "closed": totals.closed, "open": totals.open,
                       "overdue": totals.overdue, "stalled": totals.stalled, "anyStalled": totals.stalled > 0],
            "series": OldContextValues.nonEmpty(report.series.map { series($0, asOf: min(report.period.to, report.asOf)) }),
            "followThrough": report.followThrough.map { figures in
                [
                    "owner": figures.owner, "closedOnTime": figures.closedOnTime, "closedLate": figures.closedLate,
                    "openOverdue": figures.openOverdue,
                    "percentOnTime": figures.percentOnTime.map { "\($0)%" } ?? "n/a",
                ] as [String: Any]
            },
            "chart": report.chart.map { week in
                ["label": week.label, "from": week.from.description, "to": week.to.description,
                 "closed": week.closed, "open": week.open] as [String: Any]
            },
            "chartText": ProgressChart.text(report.chart),
            "chartSVG": ProgressChart.svg(report.chart),
        ]
    }

    static func series(_ figures: SeriesFigures, asOf: LocalDate) -> [String: Any] {
        var values = OldContextValues.series(figures.series)
        values["sessionsHeld"] = OldContextValues.nonEmpty(figures.sessionsHeld.map { session in
            var when = OldContextValues.when(session.date, session.time)
            when["file"] = session.file
            when["title"] = session.note.title ?? false
            return when
        })
        values["sessionCount"] = figures.sessionsHeld.count
        values["created"] = OldContextValues.nonEmpty(OldContextValues.items(figures.created, asOf: asOf))
        values["closed"] = OldContextValues.nonEmpty(OldContextValues.items(figures.closed, asOf: asOf))
        values["open"] = OldContextValues.nonEmpty(OldContextValues.items(figures.open, asOf: asOf))
        values["overdue"] = OldContextValues.nonEmpty(OldContextValues.items(figures.overdue, asOf: asOf))
        values["createdCount"] = figures.created.count
        values["closedCount"] = figures.closed.count
        values["openCount"] = figures.open.count
        values["overdueCount"] = figures.overdue.count
        values["lastSession"] = figures.lastSession?.description ?? false
        values["daysSinceLastSession"] = figures.daysSinceLastSession ?? false
        values["daysSinceLastSessionLabel"] = figures.daysSinceLastSession.map { $0 == 1 ? "1 day ago" : "\($0) days ago" } ?? false
        values["stalled"] = figures.stalled
        values["next"] = figures.next.map { next in
            var when = OldContextValues.when(next.date, next.time)
            when["location"] = next.location ?? false
            when["link"] = OldContextValues.link(next.link)
            return when
        } ?? false
        return values
    }

}

/// The old `ContextValues`. Building blocks of the template contexts: how items, sessions and people appear to a
/// template. Every name here is part of the documented template context
/// (docs/templates.md); add names, never rename them.
enum OldContextValues {
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
            "menteeFirstName": series.mentee.flatMap(PersonName.firstName(of:)) ?? series.id,
        ]
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func when(_ date: LocalDate, _ time: LocalTime?) -> [String: Any] {
        [
            "date": date.description, "weekday": weekdays[date.isoWeekday - 1],
            "time": time?.description ?? false,
            "label": weekdays[date.isoWeekday - 1] + " " + date.description + (time.map { " " + $0.description } ?? ""),
        ]
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
