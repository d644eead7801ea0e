/// One mentorship of the report as templates see it (`series` in docs/templates.md), its
/// values made when a template asks for them. A class so that its item contexts can share
/// it by reference, each a few words instead of a copy of the figures.
final class ReportSeriesContext: LazyContext, Sendable {
    let figures: WeeklyReport.SeriesFigures
    /// The day overdue days are counted to: the report's end, or the as-of date when earlier.
    let asOf: LocalDate

    init(_ figures: WeeklyReport.SeriesFigures, asOf: LocalDate) {
        self.figures = figures
        self.asOf = asOf
    }

    static let names = ContextValues.seriesNames + [
        "sessionsHeld", "sessionCount", "created", "closed", "open", "overdue", "createdCount", "closedCount",
        "openCount", "overdueCount", "lastSession", "daysSinceLastSession", "daysSinceLastSessionLabel",
        "stalled", "next",
    ]

    var names: [String] { Self.names }

    func value(named name: String) -> Any? {
        switch name {
        case "created": return items(.created)
        case "closed": return items(.closed)
        case "open": return items(.open)
        case "overdue": return items(.overdue)
        case "createdCount": return figures.created.count
        case "closedCount": return figures.closed.count
        case "openCount": return figures.open.count
        case "overdueCount": return figures.overdue.count
        case "sessionsHeld":
            return ContextValues.nonEmpty(figures.sessionsHeld.map { session in
                var when = ContextValues.when(session.date, session.time)
                when["file"] = session.file
                when["title"] = session.note.title ?? false
                return ContextValues.withPresenceFlags(when)
            })
        case "sessionCount": return figures.sessionsHeld.count
        case "lastSession": return figures.lastSession?.description ?? false
        case "daysSinceLastSession": return figures.daysSinceLastSession ?? false
        case "daysSinceLastSessionLabel":
            return figures.daysSinceLastSession.map { $0 == 1 ? "1 day ago" : "\($0) days ago" } ?? false
        case "stalled": return figures.stalled
        case "next":
            return figures.next.map { next in
                var when = ContextValues.when(next.date, next.time)
                when["location"] = next.location ?? false
                when["link"] = ContextValues.link(next.link)
                return ContextValues.withPresenceFlags(when)
            } ?? false
        default: return ContextValues.seriesValue(name, of: figures.series)
        }
    }

    func standings(_ list: ReportItemContext.List) -> [WeeklyReport.ItemStanding] {
        switch list {
        case .created: return figures.created
        case .closed: return figures.closed
        case .open: return figures.open
        case .overdue: return figures.overdue
        }
    }

    private func items(_ list: ReportItemContext.List) -> Any {
        ContextValues.nonEmpty(standings(list).indices.map { ReportItemContext(series: self, list: list, position: $0) })
    }
}
