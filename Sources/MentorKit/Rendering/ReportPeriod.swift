import Foundation

/// The days a report covers, both ends included.
public struct ReportPeriod: Sendable, Hashable {
    public var from: LocalDate
    public var to: LocalDate
    /// `2026-W48` for a week, `2026-11-01..2026-11-30` for another range.
    public var label: String

    /// True for a whole week (`--week`, or the default), false for a `--from`/`--to` range.
    public var isWeek: Bool { label.contains("-W") }

    public init(from: LocalDate, to: LocalDate, label: String? = nil) {
        self.from = from
        self.to = to
        self.label = label ?? "\(from)..\(to)"
    }

    /// The week holding `date`, starting on Monday or Sunday.
    public static func week(holding date: LocalDate, startsOn start: NotebookConfig.WeekStart) -> ReportPeriod {
        let offset = start == .monday ? date.isoWeekday - 1 : date.isoWeekday % 7
        let first = date.adding(days: -offset)
        // Label by the ISO week of the week's Monday (for Sunday weeks, the day after).
        let monday = start == .monday ? first : first.adding(days: 1)
        return ReportPeriod(from: first, to: first.adding(days: 6), label: isoWeekLabel(of: monday))
    }

    /// Parses `YYYY-Www` (ISO 8601 week).
    public static func week(_ text: String, startsOn start: NotebookConfig.WeekStart) -> ReportPeriod? {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].hasPrefix("W"),
              let week = Int(parts[1].dropFirst()), (1...53).contains(week),
              let january4 = LocalDate(year: year, month: 1, day: 4) else { return nil }
        let weekOneMonday = january4.adding(days: -(january4.isoWeekday - 1))
        let monday = weekOneMonday.adding(days: (week - 1) * 7)
        guard isoWeekLabel(of: monday) == String(format: "%04d-W%02d", year, week) else { return nil }
        return self.week(holding: start == .monday ? monday : monday.adding(days: -1), startsOn: start)
    }

    /// `2026-W48` for the ISO week holding `date`.
    public static func isoWeekLabel(of date: LocalDate) -> String {
        let thursday = date.adding(days: 4 - date.isoWeekday)
        // Day numbers, not a validated LocalDate: the Thursday may fall in year 0 or 10000.
        let january1 = LocalDate.dayNumber(year: thursday.year, month: 1, day: 1)
        let week = (thursday.dayNumber - january1) / 7 + 1
        return String(format: "%04d-W%02d", thursday.year, week)
    }
}
