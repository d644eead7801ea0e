import Foundation
import Testing
@testable import MentorKit

/// Spec rules an audit found with no test that would fail if they broke.
@Suite("Spec rules pinned down")
struct SpecPinTests {
    @Test("stalled-after decides when a mentorship without a plan is stalled (spec 2, 7)", arguments: [(7, true), (14, false)])
    func stalledAfter(days: Int, stalled: Bool) throws {
        var config = NotebookConfig(mentor: "Jade Green")
        config.stalledAfter = days
        let notebook = InlineNotebook([("s/2026-11-21.md", sessionNote("date: 2026-11-21\nmentee: Ann Lee"))],
                                      config: config).link(asOf: "2026-12-01")
        let report = WeeklyReport(notebook, period: ReportPeriod.week(holding: notebook.asOf, startsOn: .monday))
        #expect(try #require(report.series.first).stalled == stalled)
        #expect(StatusTable(notebook).rows.first?.stalled == stalled)
    }

    @Test("week-starts: sunday moves the report's default week (spec 2, 7)")
    func weekStartsSunday() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("mentor.yml", "week-starts: sunday\ntimezone: UTC\n")
        try folder.write("s/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee",
                                                        "## Next session\n- When: 2026-12-08 10:00\n"))
        let run = try CommandLineTests.run(["report", "--notebook", folder.path, "--as-of", "2026-12-01", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"from\": \"2026-11-29\"") && run.stdout.contains("\"to\": \"2026-12-05\""))
    }

    @Test("A [[wikilink]] matching two notes of the series is ambiguous (spec 3.2)")
    func ambiguousWikilink() {
        let notebook = InlineNotebook([
            ("s/a/x.md", sessionNote("date: 2026-11-03\nmentee: Ann Lee")),
            ("s/b/x.md", sessionNote("date: 2026-11-10\nmentee: Ann Lee")),
            ("s/c/y.md", sessionNote("date: 2026-11-17\nmentee: Ann Lee\nprevious: \"[[x]]\"")),
        ]).link()
        let errors = notebook.diagnostics(.ambiguousPrevious)
        #expect(errors.count == 1)
        #expect(errors.first?.file == "s/c/y.md")
    }

    @Test("A mention without ^id matches the item that has one by its text (spec 3.4)")
    func mentionWithoutIDMatchesByKey() throws {
        let notebook = InlineNotebook([
            ("s/2026-11-10.md", sessionNote("date: 2026-11-10\nmentee: Ann Lee", "## Action items\n- [ ] Update the CV ^cv\n")),
            ("s/2026-11-17.md", sessionNote("date: 2026-11-17\nmentee: Ann Lee\nprevious: 2026-11-10",
                                            "## Review\n- [x] update the CV\n")),
        ]).link()
        let series = try #require(notebook.series.first)
        #expect(series.items.count == 1)
        #expect(series.item("cv")?.status == .done)
        #expect(series.item("cv")?.closedIn == "s/2026-11-17.md")
    }

    @Test("check exits 0 when there are only warnings (spec 5)")
    func warningsOnlyExitZero() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("mentor.yml", "timezone: UTC\n")
        try folder.write("s/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee"))
        let run = try CommandLineTests.run(["check", "--notebook", folder.path, "--as-of", "2026-12-01"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("warning:") && run.stdout.contains("[no-next-session]"))
    }

    @Test("One thread and seven give the same bytes, diagnostics included (spec 5)", arguments: [
        ["check"], ["check", "--format", "json"], ["report", "--format", "json"], ["report"], ["status", "--format", "json"],
        ["agenda"], ["ics"], ["export", "--include-private"],
    ])
    func jobsDoNotChangeOutput(command: [String]) throws {
        for fixture in ["broken", "hostile"] {
            let path = PackagePaths.fixtures + "/" + fixture
            let base = command + ["--notebook", path, "--as-of", "2026-12-01"]
            let one = try ProcessRun.run(CommandLineTests.binary, base + ["--jobs", "1"])
            let seven = try ProcessRun.run(CommandLineTests.binary, base + ["--jobs", "7"])
            #expect(one.status == seven.status, "\(fixture) \(command)")
            #expect(one.stdout == seven.stdout, "\(fixture) \(command)")
            #expect(one.stderr == seven.stderr, "\(fixture) \(command)")
        }
    }
}
