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

    @Test func jsonWrittenOnManyThreadsIsTheSameBytes() {
        for test in Self.cases {
            let report = WeeklyReport(test.notebook, period: test.period, seriesID: test.series)
            for (jobs, chunkSize) in [(1, 1 << 16), (3, 64), (8, 1 << 20)] {
                var bytes: [UInt8] = []
                ReportDocument.writeJSON(report, chunkSize: chunkSize, jobs: jobs) { bytes += $0 }
                #expect(String(decoding: bytes, as: UTF8.self) == ReportDocument.renderJSON(report), "\(test.name) \(jobs)")
            }
        }
    }

    @Test func jsonIsTheOldOneWrittenSeriesBySeries() {
        for test in Self.cases {
            let report = WeeklyReport(test.notebook, period: test.period, seriesID: test.series)
            let old = ReportReference.json(ReportReference(test.notebook, period: test.period, seriesID: test.series))
            #expect(ReportDocument.renderJSON(report) == old.rendered(), "\(test.name)")
            #expect(ReportDocument.json(report) == old, "\(test.name)")
            for chunkSize in [1, 100, 1 << 16] {
                var bytes: [UInt8] = []
                ReportDocument.writeJSON(report, chunkSize: chunkSize) { bytes.append(contentsOf: $0) }
                #expect(bytes == Array(old.rendered().utf8), "\(test.name), chunks of \(chunkSize)")
            }
        }
    }

    /// A value as text, dictionaries with sorted keys and lazy contexts as their dictionaries,
    /// so that two contexts can be compared whole.
    static func canonical(_ value: Any) -> String {
        switch value {
        case let context as any LazyContext: return canonical(context.dictionary)
        case let values as [String: Any]:
            return "{" + values.keys.sorted().map { "\($0): \(canonical(values[$0]!))" }.joined(separator: ", ") + "}"
        case let list as [Any]: return "[" + list.map(canonical).joined(separator: ", ") + "]"
        case let text as String: return "\"\(text)\""
        case let number as Int: return String(number)
        case let flag as Bool: return String(flag)
        default: return "?\(type(of: value))"
        }
    }

    @Test func contextIsTheOldOneValueForValue() {
        for test in Self.cases {
            let report = WeeklyReport(test.notebook, period: test.period, seriesID: test.series)
            let old = ReportReference(test.notebook, period: test.period, seriesID: test.series)
            // What `Documents.render` hands the template, then and now.
            let new = Self.canonical(ContextValues.withPresenceFlags(ReportDocument.context(report)))
            let expected = Self.canonical(ReportReference.flaggedContext(old))
            #expect(new == expected, "\(test.name)")
            #expect(!new.contains("?"), "\(test.name): a value of an unexpected type")
        }
    }

    /// A template of the user's own that shows every name at every level, the flags, and the
    /// transforms that see a context whole; the old and the new context render it alike.
    static let everyName = """
        {{title}} {{asOf}} {{document}} {{period.label}} {{period.from}} {{period.to}} {{period.isWeek}} {{period.noun}}
        {{#totals}}{{mentorships}} {{sessionsHeld}} {{created}} {{closed}} {{open}} {{overdue}} {{stalled}}{{/totals}}
        {{hasSeries}} {{hasChart}} {{hasFollowThrough}} {{count(series)}} {{count(chart)}} {{count(totals)}}
        {{#followThrough}}{{owner}} {{closedOnTime}} {{closedLate}} {{openOverdue}} {{percentOnTime}};{{/followThrough}}
        {{#chart}}{{label}} {{from}} {{to}} {{closed}} {{open}};{{/chart}}
        {{#first(series)}}first {{id}}{{/first(series)}} {{#last(series)}}last {{id}}{{/last(series)}}
        {{#series}}
        {{id}} {{mentee}} {{menteeFirstName}} {{mentor}} {{sessionCount}} {{lastSession}} {{daysSinceLastSession}}
        {{daysSinceLastSessionLabel}} {{stalled}} {{createdCount}} {{closedCount}} {{openCount}} {{overdueCount}}
        {{hasSessionsHeld}} {{hasCreated}} {{hasClosed}} {{hasOpen}} {{hasOverdue}} {{hasNext}} {{hasNothing}} {{count(.)}}
        {{count(created)}} {{count(open)}} {{empty(closed)}} {{#reversed(open)}}{{id}},{{/reversed(open)}}
        {{#next}}{{date}} {{weekday}} {{time}} {{label}} {{location}} {{link}} {{count(.)}}{{/next}}{{^next}}no next{{/next}}
        {{#sessionsHeld}}{{date}} {{weekday}} {{time}} {{label}} {{file}} {{title}};{{/sessionsHeld}}
        {{#created}}<{{> item}}>{{/created}}
        {{#closed}}<{{> item}}>{{/closed}}
        {{#open}}<{{> item}}>{{/open}}
        {{#overdue}}<{{> item}}>{{/overdue}}
        {{^open}}nothing open{{/open}}
        {{/series}}
        {{^series}}no series{{/series}}
        """

    static let item = """
        {{id}} {{explicitID}} {{key}} {{text}} {{kind}} {{isGoal}} {{status}} {{statusLabel}} {{checkbox}} {{isOpen}}
        {{owner}} {{due}} {{overdue}} {{daysOverdue}} {{daysOverdueLabel}} {{carried}} {{wasCarried}} {{keepOrDrop}}
        {{created}} {{closed}} {{file}} {{line}} {{tags}} {{details}} {{count(tags)}} {{#sorted(tags)}}{{.}},{{/sorted(tags)}} {{sorted(tags)}} {{first(details)}}
        {{hasTags}} {{hasDetails}} {{hasClosed}} {{hasOverdue}} {{hasKeepOrDrop}} {{hasText}} {{count(.)}}
        {{#sorted(.)}}{{key}}={{value}};{{/sorted(.)}} {{#owner}}{{owner}} {{uppercased(.)}}{{/owner}} {{mentee}} {{period.noun}}
        """

    @Test func aTemplateOfTheUsersOwnSeesTheSameContext() {
        let templates = TemplateSet(overrides: ["every.mustache": Self.everyName, "item.mustache": Self.item])
        for test in Self.cases {
            let report = WeeklyReport(test.notebook, period: test.period, seriesID: test.series)
            let old = ReportReference(test.notebook, period: test.period, seriesID: test.series)
            let new = templates.render("every", ContextValues.withPresenceFlags(ReportDocument.context(report)))
            let expected = templates.render("every", ReportReference.flaggedContext(old))
            #expect(new != nil && new == expected, "\(test.name)")
        }
    }

    @Test func presenceFlagsOnDemandFollowTheRuleOfThePass() {
        let values: [String: Any] = [
            "goals": ["a"], "actions": [String](), "closed": false, "mentor": false, "isOpen": false,
            "overdue": true, "open": [[String: Any]](), "text": "t", "hasItems": "kept",
        ]
        let flagged = ContextValues.withPresenceFlags(values)
        for name in ["hasGoals", "hasActions", "hasClosed", "hasMentor", "hasIsOpen", "hasOverdue", "hasOpen",
                     "hasText", "hasItems", "hasNothing", "has", "hasgoals", "goals"] {
            let onDemand: Any = values[name] ?? ContextValues.presenceFlag(named: name) { values[$0] } ?? "absent"
            #expect(Self.canonical(onDemand) == Self.canonical(flagged[name] ?? "absent"), "\(name)")
        }
    }
}

