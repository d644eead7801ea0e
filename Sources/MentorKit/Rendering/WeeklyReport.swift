/// The figures of the weekly progress report (spec 7), computed once and shown by every
/// format: Markdown, HTML and JSON hold the same numbers.
///
/// An item counts as open on a day when it was created on or before that day and not
/// closed (done or dropped) on or before it; "overdue" is judged on the report's end, or
/// on the as-of date when that comes first.
public struct WeeklyReport: Sendable {
    public struct SeriesFigures: Sendable {
        public var series: Series
        public var sessionsHeld: [Session]
        public var created: [TrackedItem]
        public var closed: [TrackedItem]
        public var open: [TrackedItem]
        public var overdue: [TrackedItem]
        public var lastSession: LocalDate?
        public var daysSinceLastSession: Int?
        public var stalled: Bool
        public var next: UpcomingSession?
    }

    public struct FollowThrough: Sendable {
        /// `mentee` or `mentor`.
        public var owner: String
        public var closedOnTime: Int
        public var closedLate: Int
        public var openOverdue: Int
        /// Whole percent of closedOnTime among all three, nil when there is nothing to judge.
        public var percentOnTime: Int? {
            let total = closedOnTime + closedLate + openOverdue
            return total == 0 ? nil : (closedOnTime * 100 + total / 2) / total
        }
    }

    public struct ChartWeek: Sendable {
        public var label: String
        public var from: LocalDate
        public var to: LocalDate
        public var closed: Int
        public var open: Int
    }

    public var period: ReportPeriod
    public var asOf: LocalDate
    public var series: [SeriesFigures]
    public var followThrough: [FollowThrough]
    public var chart: [ChartWeek]

    public var totals: (sessionsHeld: Int, created: Int, closed: Int, open: Int, overdue: Int, stalled: Int) {
        series.reduce((0, 0, 0, 0, 0, 0)) { sum, figures in
            (sum.0 + figures.sessionsHeld.count, sum.1 + figures.created.count, sum.2 + figures.closed.count,
             sum.3 + figures.open.count, sum.4 + figures.overdue.count, sum.5 + (figures.stalled ? 1 : 0))
        }
    }

    /// The report of `period` over the series with a session on or before its end.
    public init(_ notebook: Notebook, period: ReportPeriod, seriesID: String? = nil) {
        self.period = period
        asOf = notebook.asOf
        let end = min(period.to, notebook.asOf)
        let overdueBefore = min(period.to.adding(days: 1), notebook.asOf)
        let chosen = notebook.series.filter { series in
            (seriesID == nil || series.id == seriesID) && series.sessions.contains { $0.date <= period.to }
        }
        series = chosen.map { series in
            let held = series.heldSessions
            let heldDates = held.map(\.date)
            // Every item as it stood at the end of the period, not as it stands today.
            let items = series.items.filter { !$0.isPrivate && $0.created <= end }
                .map { WeeklyReport.snapshot($0, on: end, heldDates: heldDates, overdueBefore: overdueBefore) }
            let last = held.last { $0.date <= end }
            let days = last.map { $0.date.days(to: end) }
            let open = items.filter { $0.status.isActive }
            let followingNote = series.sessions.first { $0.date > period.to && $0.status != .cancelled }.map { session in
                UpcomingSession(series: series.id, date: session.date, time: session.time, location: session.header.location,
                                link: session.header.link, durationMinutes: session.header.durationMinutes,
                                file: session.file, plannedIn: nil)
            }
            let next = followingNote ?? notebook.upcoming.first { $0.series == series.id && $0.date >= period.from }
            return SeriesFigures(
                series: series,
                sessionsHeld: held.filter { $0.date >= period.from && $0.date <= period.to },
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
                } else if WeeklyReport.isOpen(item, on: end), let due = item.due, due < overdueBefore {
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
                open: allItems.filter { WeeklyReport.isOpen($0, on: min(to, notebook.asOf)) }.count)
        }
    }

    /// Stalled: no held session for more than `stalledAfter` days; a mentorship whose first
    /// session is still ahead is not stalled, one with no session held and none planned is.
    static func isStalled(daysSinceLastSession days: Int?, hasNext: Bool, stalledAfter: Int) -> Bool {
        guard let days else { return !hasNext }
        return days > stalledAfter
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
}
