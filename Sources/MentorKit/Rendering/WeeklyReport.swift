/// The figures of the weekly progress report (spec 7), computed once and shown by every
/// format: Markdown, HTML and JSON hold the same numbers.
///
/// An item counts as open on a day when it was created on or before that day and not
/// closed (done or dropped) on or before it; "overdue" is judged on the report's end, or
/// on the as-of date when that comes first.
public struct WeeklyReport: Sendable {
    /// A followed item as it stood at the end of the period, by its place in `Series.items`:
    /// the report keeps this small record instead of a changed copy of every item.
    public struct ItemStanding: Sendable, Hashable {
        /// The item's index in its series' `items`.
        public var index: Int
        public var status: ItemStatus
        /// The closing date; nil when the item was still open (its `closedIn` is then nil too).
        public var closed: LocalDate?
        public var carried: Int
        public var overdue: Bool
        /// The due date as it stood then (a later mention may have moved it since).
        public var due: LocalDate?
    }

    public struct SeriesFigures: Sendable {
        public var series: Series
        public var sessionsHeld: [Session]
        public var created: [ItemStanding]
        public var closed: [ItemStanding]
        public var open: [ItemStanding]
        public var overdue: [ItemStanding]
        public var lastSession: LocalDate?
        public var daysSinceLastSession: Int?
        public var stalled: Bool
        public var next: UpcomingSession?

        /// The item of `standing` as it stood then: a copy of the tracked item with the
        /// standing's status, closing, carried count and overdue flag.
        public func item(_ standing: ItemStanding) -> TrackedItem {
            var item = series.items[standing.index]
            item.status = standing.status
            if standing.closed == nil { item.closedIn = nil }
            item.closed = standing.closed
            item.carried = standing.carried
            item.overdue = standing.overdue
            return item
        }
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
    /// - Parameter jobs: threads the series' figures are worked out on; the report is the same.
    public init(_ notebook: Notebook, period: ReportPeriod, seriesID: String? = nil, jobs: Int = 1) {
        self.period = period
        asOf = notebook.asOf
        let end = min(period.to, notebook.asOf)
        let chosen = notebook.series.filter { series in
            (seriesID == nil || series.id == seriesID) && series.sessions.contains { $0.date <= period.to }
        }
        var upcoming: [String: [UpcomingSession]] = [:]
        for session in notebook.upcoming { upcoming[session.series, default: []].append(session) }
        var followThrough = ["mentee", "mentor"].map {
            FollowThrough(owner: $0, closedOnTime: 0, closedLate: 0, openOverdue: 0)
        }
        let lastWeek = ReportPeriod.week(holding: period.to, startsOn: notebook.config.weekStarts)
        var chart = (0..<8).reversed().map { back in
            let from = lastWeek.from.adding(days: -7 * back)
            let week = ReportPeriod.week(holding: from, startsOn: notebook.config.weekStarts)
            return ChartWeek(label: week.label, from: from, to: from.adding(days: 6), closed: 0, open: 0)
        }
        // An item counts as open in a week's bar as it stood on the week's last day, or on
        // the as-of date when that comes first.
        let weeks = chart.map { (from: $0.from, to: $0.to, openOn: min($0.to, notebook.asOf)) }
        let byID = upcoming
        let stalledAfter = notebook.config.stalledAfter
        // Each series' figures and its counts for the two tables, on all threads; the counts
        // are added up after, in series order.
        let worked = ParallelChunks.map(count: chosen.count, jobs: jobs) { index in
            (WeeklyReport.figures(of: chosen[index], period: period, end: end,
                                  upcoming: byID[chosen[index].id] ?? [], stalledAfter: stalledAfter, asOf: notebook.asOf),
             Tally(chosen[index], period: period, end: end, weeks: weeks))
        }
        series = worked.map(\.0)
        for (_, tally) in worked {
            for row in 0..<2 {
                followThrough[row].closedOnTime += tally.closedOnTime[row]
                followThrough[row].closedLate += tally.closedLate[row]
                followThrough[row].openOverdue += tally.openOverdue[row]
            }
            for index in chart.indices {
                chart[index].closed += tally.closed[index]
                chart[index].open += tally.open[index]
            }
        }
        self.followThrough = followThrough
        self.chart = chart
    }

    /// One series' share of the follow-through table (mentee, mentor) and of the chart.
    private struct Tally {
        var closedOnTime = [0, 0], closedLate = [0, 0], openOverdue = [0, 0]
        var closed: [Int], open: [Int]

        /// One pass over the series' items for both tables, reading them in place rather than
        /// filtering copies of them once per owner and twice per week.
        init(_ series: Series, period: ReportPeriod, end: LocalDate,
             weeks: [(from: LocalDate, to: LocalDate, openOn: LocalDate)]) {
            closed = Array(repeating: 0, count: weeks.count)
            open = Array(repeating: 0, count: weeks.count)
            // In place, through pointers: a copy of an item retains its dozen strings.
            series.items.withUnsafeBufferPointer { items in
                for index in items.indices where !items[index].isPrivate {
                    let item = items.baseAddress! + index
                    let created = item.pointee.created
                    // An item that closed once and stayed so is read from its final state; one
                    // reopened (or dropped after done) from its history, day by day.
                    let once = TrackedItem.closesOnce(item)
                    let steps = once ? [] : TrackedItem.transitions(of: item)
                    func state(on day: LocalDate) -> (status: ItemStatus, closed: LocalDate?) {
                        guard created <= day else { return (.open, nil) }
                        if once { return TrackedItem.state(of: item, on: day, closesOnce: true).map { ($0.status, $0.closed) } ?? (.open, nil) }
                        let state = TrackedItem.state(in: steps, on: day)
                        return (state.status, state.closed)
                    }
                    func isOpen(on day: LocalDate) -> Bool { created <= day && state(on: day).closed == nil }
                    if created <= period.to, let role = item.pointee.ownerRole, role != .other {
                        let row = role == .mentee ? 0 : 1
                        let atEnd = state(on: period.to)
                        // Each against the due date that stood then: when it was closed, or at the end.
                        if atEnd.status == .done, let closedOn = atEnd.closed {
                            if let due = TrackedItem.due(of: item, on: closedOn), closedOn > due { closedLate[row] += 1 } else { closedOnTime[row] += 1 }
                        } else if isOpen(on: end), let due = TrackedItem.due(of: item, on: end), due < end {
                            openOverdue[row] += 1
                        }
                    }
                    for (week, bounds) in weeks.enumerated() {
                        // Closed in the week; an item that closed once by its final closing date
                        // (a `done:` may date it before the session that created it).
                        // (An item that closes once counts from its closing date: `closesOnce`
                        // sends a closing dated before the change it follows to `transitions`.)
                        if once {
                            if let closedOn = item.pointee.closed, closedOn >= bounds.from, closedOn <= bounds.to { closed[week] += 1 }
                        } else if created <= bounds.to, let last = steps.last(where: { $0.date <= bounds.to }), last.closed != nil,
                                  last.date >= bounds.from {
                            closed[week] += 1
                        }
                        if isOpen(on: bounds.openOn) { open[week] += 1 }
                    }
                }
            }
        }
    }

    /// One series' figures: its sessions and items as they stood at the end of the period.
    static func figures(of series: Series, period: ReportPeriod, end: LocalDate,
                        upcoming: [UpcomingSession], stalledAfter: Int, asOf: LocalDate) -> SeriesFigures {
        // Dates and indices rather than copies of the sessions, which hold whole notes.
        var heldDates: [LocalDate] = []
        var heldInPeriod: [Int] = []
        for index in series.sessions.indices where series.sessions[index].status == .held {
            let date = series.sessions[index].date
            heldDates.append(date)
            // Up to `end`, the period's end or the as-of date (no held note is dated later:
            // one marked so is planned, `Session.status`).
            if date >= period.from && date <= end { heldInPeriod.append(index) }
        }
        var created: [ItemStanding] = []
        var closed: [ItemStanding] = []
        var open: [ItemStanding] = []
        var overdue: [ItemStanding] = []
        // Items are read in place: a copy of one retains its dozen strings and arrays.
        series.items.withUnsafeBufferPointer { items in
            for index in items.indices where !items[index].isPrivate && items[index].created <= end {
                // Every item as it stood at the end of the period, not as it stands today.
                let (standing, closedFrom) = WeeklyReport.standing(of: items.baseAddress! + index, at: index, on: end,
                                                                   heldDates: heldDates)
                if items[index].created >= period.from && items[index].created <= period.to { created.append(standing) }
                // Closed in the period by the day the closing counts from (`transitions`).
                if let day = closedFrom, day >= period.from && day <= period.to { closed.append(standing) }
                if standing.status.isActive {
                    open.append(standing)
                    if standing.overdue { overdue.append(standing) }
                }
            }
        }
        // The latest date, not the last in chain order (`previous:` may order notes otherwise).
        let last = heldDates.filter { $0 <= end }.max()
        let days = last.map { $0.days(to: end) }
        // A past period's next session is the first note after it (what an earlier note's
        // plan for its date says filling in what it leaves out), else the upcoming one; the
        // current period's is the first upcoming session, which may fall inside it.
        let upcomingFirst = upcoming.first { $0.date >= period.from }
        let following: UpcomingSession?
        do {
            // By index: `first(where:)` would copy every session it looks at.
            // The earliest date after the period (`previous:` may order the chain otherwise),
            // the first in the chain of that date.
            following = series.sessions.indices.filter {
                series.sessions[$0].date > period.to && series.sessions[$0].status != .cancelled
            }.min { series.sessions[$0].date < series.sessions[$1].date }.map { index in
                let session = series.sessions[index]
                let plan = series.sessions[..<index].indices.reversed().lazy
                    .compactMap { series.sessions[$0].header.next }.first { $0.date == session.date }
                return UpcomingSession(series: series.id, session: session, plan: plan, plannedIn: nil)
            }
        }
        let next = period.to < asOf ? following ?? upcomingFirst : upcomingFirst ?? following
        return SeriesFigures(
            series: series,
            sessionsHeld: heldInPeriod.map { series.sessions[$0] },
            created: created, closed: closed, open: open, overdue: overdue,
            lastSession: last, daysSinceLastSession: days,
            stalled: WeeklyReport.isStalled(daysSinceLastSession: days, hasNext: next != nil,
                                            stalledAfter: stalledAfter),
            next: next)
    }

    /// Stalled: no held session for more than `stalledAfter` days; a mentorship whose first
    /// session is still ahead is not stalled, one with no session held and none planned is.
    static func isStalled(daysSinceLastSession days: Int?, hasNext: Bool, stalledAfter: Int) -> Bool {
        guard let days else { return !hasNext }
        return days > stalledAfter
    }

    /// The item as it stood at the end of `day`: status, closing, carried count and overdue,
    /// with the day its closing counts from, for an item closed by then. Overdue is open and
    /// due before `day`, as on any day: an item due on a past week's last day is not overdue
    /// in that week, so the week reads the same whatever the as-of date.
    // Through a pointer: an item passed by value is copied (its dozen strings retained).
    static func standing(of item: UnsafePointer<TrackedItem>, at index: Int, on day: LocalDate,
                         heldDates: [LocalDate]) -> (standing: ItemStanding, closedFrom: LocalDate?) {
        let due = TrackedItem.due(of: item, on: day)
        let once = TrackedItem.closesOnce(item)
        if once {
            if let closed = item.pointee.closed, closed <= day {
                return (ItemStanding(index: index, status: item.pointee.status, closed: closed, carried: item.pointee.carried,
                                     overdue: false, due: due), closed)
            }
        } else if let step = TrackedItem.transitions(of: item).last(where: { $0.date <= day }), let closed = step.closed {
            return (ItemStanding(index: index, status: step.status, closed: closed, carried: step.carried,
                                 overdue: false, due: due), step.date)
        }
        var status = item.pointee.history.last { $0.date <= day && $0.status.isActive }?.status ?? .open
        if !status.isActive { status = .open }
        // Held sessions since it was created; for an item reopened since, since its last
        // mention, on top of the count that mention left (the sessions it was closed for are
        // not carries).
        let since = once ? nil : item.pointee.history.last { $0.date <= day }
        var carried = since?.carried ?? 0
        for date in heldDates where date > (since?.date ?? item.pointee.created) && date <= day { carried += 1 }
        return (ItemStanding(index: index, status: status, closed: nil, carried: carried,
                             overdue: due.map { $0 < day } ?? false, due: due), nil)
    }
}
