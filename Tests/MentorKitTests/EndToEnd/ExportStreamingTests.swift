import Foundation
import Testing
@testable import MentorKit

/// `mentor export` streamed to standard output and to `--output`, on a notebook whose export
/// is many chunks long.
@Suite("Export streamed on the command line")
struct ExportStreamingTests {
    /// Standard output and error as bytes, not strings: `String` equality would call
    /// differently composed accents equal.
    /// The run with standard output as bytes: the export is compared byte for byte.
    static func run(_ arguments: [String]) throws -> ProcessRun {
        try ProcessRun.run(CommandLineTests.binary, arguments)
    }

    /// Three series of 40 weekly sessions with long entries and characters that are escaped.
    static func bigNotebook() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("mentor.yml", "mentor: Jade Green\ntimezone: Europe/London\n")
        let start = try #require(LocalDate("2026-01-05"))
        for mentee in ["Ann Lee", "Bo \"Quoted\" <Chen>", "Cé Dupont"] {
            let folderName = Slug.make(mentee)
            for week in 0..<40 {
                let date = start.adding(days: 7 * week)
                let body = """
                # Session \(week) with \(mentee)

                ## Agenda
                - Where are we with the plan? Tab\there, a quote " and a backslash \\ in \(week)
                - \(String(repeating: "A long talking point that goes on and on. ", count: 8))

                ## Challenges
                - Line separator \u{2028} and paragraph separator \u{2029} — and <b>markup</b>

                ## Takeaways
                - Kept: \(String(repeating: "é漢字🎉 ", count: 10))

                ## Action items
                - [ ] @alex Write the summary number \(week) [due:: \(date.adding(days: 3))]
                - [x] Read chapter \(week)

                ## Resources
                - [Reading <\(week)>](https://example.com/r/\(week)?a=1&b="2")

                """
                try folder.write("sessions/\(folderName)/\(date).md",
                                 sessionNote("date: \(date)\ntime: \"16:00\"\nmentee: \(mentee)\nduration: 45m", body))
            }
        }
        return folder
    }

    @Test("--output, standard output, one thread and many all give the same bytes, many chunks long")
    func outputFileEqualsStandardOutput() throws {
        let notebook = try Self.bigNotebook()
        defer { notebook.remove() }
        let target = notebook.path + "/out/export.json"
        let arguments = ["export", "--notebook", notebook.path, "--as-of", "2026-12-01"]
        let printed = try Self.run(arguments)
        #expect(printed.status == 0)
        #expect(printed.stdout.count > 4 * 65_536)
        let model = Notebook.open(at: notebook.path, asOf: LocalDate("2026-12-01"), now: Date(), jobs: 2)
        #expect(printed.stdout == Data(ExportDocument.render(model).utf8))

        let written = try Self.run(arguments + ["--output", target])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == printed.stdout)

        let oneThread = try Self.run(arguments + ["--jobs", "1"])
        #expect(oneThread.stdout == printed.stdout)
    }

    @Test("An existing --output is refused without --force, before anything is written")
    func existingOutputIsRefused() throws {
        let notebook = try Self.bigNotebook()
        defer { notebook.remove() }
        let target = notebook.path + "/export.json"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        let arguments = ["export", "--notebook", notebook.path, "--as-of", "2026-12-01", "--output", target]

        let refused = try Self.run(arguments)
        #expect(refused.status == 1)
        let refusal = String(decoding: refused.stderr, as: UTF8.self)
        #expect(refusal.contains("already exists") && refusal.contains("--force"))
        #expect(refused.stdout.isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: notebook.path).filter { $0.hasPrefix(".mentor-") }
        #expect(leftovers.isEmpty)

        let forced = try Self.run(arguments + ["--force"])
        #expect(forced.status == 0)
        let printed = try Self.run(Array(arguments.dropLast(2)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == printed.stdout)
    }
}
