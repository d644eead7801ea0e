import Foundation
import Testing
@testable import MentorKit

/// The fast report agrees with the old one (`ReportReference`) on every figure and every
/// template value, not only on what the default templates show.
@Suite("The fast report agrees with the old one")
struct ReportEquivalenceTests {
    static let notebooks: [(String, Documents)] = [
        ("sample", DocumentTests.sample), ("basic", DocumentTests.basic), ("hostile", DocumentTests.hostile),
    ]

    static let periods: [ReportPeriod] = [
        ReportPeriod.week("2026-W48", startsOn: .monday)!,
        ReportPeriod.week("2026-W45", startsOn: .monday)!,
        ReportPeriod(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!),
        ReportPeriod(from: LocalDate("2000-01-01")!, to: LocalDate("2099-12-31")!),
        // After the as-of date, and before any note.
        ReportPeriod.week("2027-W02", startsOn: .monday)!,
        ReportPeriod.week("2020-W01", startsOn: .monday)!,
    ]

    /// Every notebook, period and choice of series (all, and each one alone).
    static var cases: [(name: String, notebook: Notebook, period: ReportPeriod, series: String?)] {
        notebooks.flatMap { name, documents in
            let choices: [String?] = [nil] + documents.notebook.series.map(\.id)
            return periods.flatMap { period in
                choices.map { (name: "\(name) \(period.label) \($0 ?? "all")", notebook: documents.notebook, period: period, series: $0) }
            }
        }
    }

    @Test func figuresAreTheOldOnes() {
        for test in Self.cases {
            let report = WeeklyReport(test.notebook, period: test.period, seriesID: test.series)
            let old = ReportReference(test.notebook, period: test.period, seriesID: test.series)
            #expect(report.series.count == old.series.count, "\(test.name)")
            for (new, old) in zip(report.series, old.series) {
                #expect(new.series.id == old.series.id, "\(test.name)")
                #expect(new.sessionsHeld.map(\.file) == old.sessionsHeld.map(\.file), "\(test.name)")
                #expect(new.created.map(new.item) == old.created, "\(test.name) \(new.series.id) created")
                #expect(new.closed.map(new.item) == old.closed, "\(test.name) \(new.series.id) closed")
                #expect(new.open.map(new.item) == old.open, "\(test.name) \(new.series.id) open")
                #expect(new.overdue.map(new.item) == old.overdue, "\(test.name) \(new.series.id) overdue")
                #expect(new.lastSession == old.lastSession && new.daysSinceLastSession == old.daysSinceLastSession
                        && new.stalled == old.stalled && new.next == old.next, "\(test.name) \(new.series.id)")
            }
            #expect(report.followThrough.map { [$0.closedOnTime, $0.closedLate, $0.openOverdue] }
                    == old.followThrough.map { [$0.closedOnTime, $0.closedLate, $0.openOverdue] }, "\(test.name)")
            #expect(report.chart.map { "\($0.label) \($0.from) \($0.to) \($0.closed) \($0.open)" }
                    == old.chart.map { "\($0.label) \($0.from) \($0.to) \($0.closed) \($0.open)" }, "\(test.name)")
        }
    }
}
