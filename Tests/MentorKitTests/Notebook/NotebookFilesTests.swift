import Foundation
import Testing
@testable import MentorKit

@Suite("Finding and reading a notebook's files")
struct NotebookFilesTests {
    @Test("Walks recursively, skipping hidden folders and the root's templates", arguments: [1, 2])
    func walksRecursivelySkippingHiddenAndTemplates(jobs: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for path in ["a.md", "deep/er/b.md", "templates/session.md", ".git/x.md", "notes/.hidden/c.md",
                     ".draft.md", "notes/templates/kept.md", "image.png", "UPPER.MD", "deep-b.md", "deep/a.md",
                     "deep.md", "deep/er-x/c.md"] {
            try folder.write(path, "x")
        }
        let (files, problems) = NotebookWalker.markdownFiles(under: folder.path, jobs: jobs)
        // In byte order, where `-` and `.` come before `/`.
        #expect(files == ["UPPER.MD", "a.md", "deep-b.md", "deep.md", "deep/a.md", "deep/er-x/c.md", "deep/er/b.md",
                          "notes/templates/kept.md"])
        #expect(problems.isEmpty)
    }

    @Test("A file name that is not UTF-8 is reported and skipped, the rest is read", arguments: [1, 2])
    func nameThatIsNotUTF8(jobs: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("good.md", "x")
        let badName = Array(folder.path.utf8) + Array("/bad-".utf8) + [0xFF] + Array(".md".utf8) + [0]
        let descriptor = badName.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(descriptor >= 0)
        close(descriptor)
        let (files, problems) = NotebookWalker.markdownFiles(under: folder.path, jobs: jobs)
        #expect(files == ["good.md"])
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("cannot be examined") == true)
        #expect(problems.first?.severity == .warning)
    }

    @Test("A folder reached through a link and by its name is listed once, under the name that sorts first",
          arguments: [1, 2])
    func linkedFolderOrder(jobs: Int) throws {
        for (real, link) in [("a", "b"), ("y", "x")] {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            try folder.write("\(real)/note.md", "x")
            try FileManager.default.createSymbolicLink(atPath: folder.path + "/" + link, withDestinationPath: folder.path + "/" + real)
            let (files, problems) = NotebookWalker.markdownFiles(under: folder.path, jobs: jobs)
            #expect(files == [min(real, link) + "/note.md"])
            #expect(problems.isEmpty)
        }
    }

    @Test("Twin folders whose names differ only in Unicode normalization are walked as one thread does")
    func twinFoldersInTwoNormalizations() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // As a notebook synced between a Mac (decomposed names) and Linux can hold them.
        try folder.write("sessions/Zoe\u{308}/2026-01-05.md", "x")
        try folder.write("sessions/Zo\u{EB}/2026-01-12.md", "x")
        let one = NotebookWalker.markdownFiles(under: folder.path, jobs: 1)
        let two = NotebookWalker.markdownFiles(under: folder.path, jobs: 2)
        #expect(one.0.map { Array($0.utf8) } == two.0.map { Array($0.utf8) })
        #expect(one.1.map(\.file) == two.1.map(\.file))
        #expect(one.0.contains { Array($0.utf8) == Array("sessions/Zoe\u{308}/2026-01-05.md".utf8) })
    }

    @Test("Links are followed only inside the notebook, and a loop ends", arguments: [1, 2])
    func symlinksStayInsideTheNotebookAndLoopsEnd(jobs: Int) throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        defer { folder.remove(); outside.remove() }
        try folder.write("real/a.md", "x")
        try outside.write("secret.md", "x")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: folder.path + "/loop", withDestinationPath: folder.path)
        try fm.createSymbolicLink(atPath: folder.path + "/inside.md", withDestinationPath: folder.path + "/real/a.md")
        try fm.createSymbolicLink(atPath: folder.path + "/out.md", withDestinationPath: outside.path + "/secret.md")
        try fm.createSymbolicLink(atPath: folder.path + "/outdir", withDestinationPath: outside.path)
        let (files, problems) = NotebookWalker.markdownFiles(under: folder.path, jobs: jobs)
        // `inside.md` is followed, and leads to `real/a.md`, which is read once under its own path.
        #expect(files == ["real/a.md"])
        #expect(Set(problems.map(\.file)) == ["out.md", "outdir"])
        #expect(problems.allSatisfy { $0.severity == .warning })
    }

    @Test func unreadableFileIsADiagnosticAndTheRestIsRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("good.md", sessionNote("date: 2026-11-10\nmentee: A"))
        let notes = NotebookSource.readNotes(["good.md", "vanished.md"], root: folder.path, jobs: 2)
        #expect(notes.map(\.kind) == [.session, .other])
        #expect(notes[1].diagnostics.map(\.code) == [.unreadableFile])
    }

    @Test func configIsReadWithDefaultsAndProblems() {
        let (config, problems) = NotebookConfig.parse(bytes: Array("""
        mentor: Jade Green
        timezone: Europe/London
        week-starts: sunday
        default-owner: none
        stalled-after: 14
        """.utf8))
        #expect(config == NotebookConfig(mentor: "Jade Green", timeZone: "Europe/London", weekStarts: .sunday,
                                         defaultOwner: .none, stalledAfter: 14))
        #expect(problems.isEmpty)
        let (fallback, complaints) = NotebookConfig.parse(bytes: Array("week-starts: friday\nstalled-after: soon\nextra: 1\n".utf8))
        #expect(fallback == NotebookConfig())
        #expect(complaints.map(\.code) == [.badConfig, .badConfig, .unknownKey])
        #expect(complaints.map(\.line) == [1, 2, 3])
    }

    /// A `mentor.yml` with old Mac line ends after a comment: the fast reader took the comment
    /// to run to the end of the file, and every setting fell back to its default (a review
    /// found it). YAML ends the comment at the CR.
    @Test func configWithLoneCRLineEndsAfterAComment() {
        let (config, problems) = NotebookConfig.parse(bytes: Array("# settings\rmentor: Jade Green\rweek-starts: sunday\r".utf8))
        #expect(config.mentor == "Jade Green" && config.weekStarts == .sunday)
        #expect(problems.isEmpty)
    }

    /// A `mentor.yml` saved with a byte order mark (or CRLF line ends) by an editor was bad
    /// YAML, and every setting fell back to its default (an audit found it).
    @Test("mentor.yml reads the same with a byte order mark and CRLF", arguments: [
        [0xEF, 0xBB, 0xBF] as [UInt8], [],
    ])
    func configWithAByteOrderMark(prefix: [UInt8]) {
        for end in ["\n", "\r\n"] {
            let text = ["mentor: Jade Green", "timezone: Europe/London", "stalled-after: 14", ""].joined(separator: end)
            let (config, problems) = NotebookConfig.parse(bytes: prefix + Array(text.utf8))
            #expect(config == NotebookConfig(mentor: "Jade Green", timeZone: "Europe/London", stalledAfter: 14))
            #expect(problems.isEmpty)
        }
    }

    @Test func locatorPrefersFlagThenEnvironmentThenMentorYml() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("mentor.yml", "mentor: X\n")
        try folder.write("sessions/a/x.md", "x")
        let deep = folder.path + "/sessions/a"
        let real = URL(fileURLWithPath: folder.path).standardizedFileURL.path
        #expect(NotebookLocator.locate(explicit: "/tmp/nb", environment: ["MENTOR_NOTEBOOK": "/e"], workingDirectory: deep) == "/tmp/nb")
        #expect(NotebookLocator.locate(explicit: nil, environment: ["MENTOR_NOTEBOOK": "/e"], workingDirectory: deep) == "/e")
        #expect(NotebookLocator.locate(explicit: nil, environment: [:], workingDirectory: deep) == real)
        #expect(NotebookLocator.locate(explicit: "nb", environment: [:], workingDirectory: "/work") == "/work/nb")
        #expect(NotebookLocator.locate(explicit: nil, environment: [:], workingDirectory: "/") == "/")
    }

    @Test func atomicWritesRefuseToClobber() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/out.txt"
        try AtomicFile.write("one", to: path, overwrite: false)
        #expect(throws: AtomicFile.Failure.exists(path)) { try AtomicFile.write("two", to: path, overwrite: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        try AtomicFile.write("three", to: path, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "three")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }

    @Test("Today is the date in the notebook's time zone", arguments: [
        ("Europe/London", "2026-12-01"), ("Pacific/Auckland", "2026-12-02"), ("America/Los_Angeles", "2026-12-01"),
    ])
    func todayInTheNotebooksTimeZone(zone: String, date: String) {
        // 2026-12-01 23:30 UTC: already the 2nd in New Zealand.
        let instant = Date(timeIntervalSince1970: Double(LocalDate("2026-12-01")!.dayNumber) * 86_400 + 23.5 * 3600)
        #expect(LocalDate(instant, in: zone).description == date)
    }

    @Test func localDateArithmetic() {
        let date = LocalDate("2026-12-01")!
        #expect(LocalDate(dayNumber: date.dayNumber) == date)
        #expect(date.adding(days: 31).description == "2027-01-01")
        #expect(date.isoWeekday == 2)
        #expect(LocalDate("2024-02-29") != nil && LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2026-1-01") == nil)
    }

    @Test("Dates and times are written as YYYY-MM-DD and HH:MM, years padded to four digits")
    func dateAndTimeText() {
        // The text made by concatenation before it was written byte by byte.
        func reference(_ date: LocalDate) -> String {
            let y = String(date.year), m = String(date.month), d = String(date.day)
            return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
                + (m.count < 2 ? "0" : "") + m + "-" + (d.count < 2 ? "0" : "") + d
        }
        let first = LocalDate(year: 1, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: 9999, month: 12, day: 31)!.dayNumber
        for day in stride(from: first - 800, through: last + 800, by: 97) {
            let date = LocalDate(dayNumber: day)
            #expect(date.description == reference(date))
        }
        #expect(LocalDate(year: 7, month: 3, day: 9)!.description == "0007-03-09")
        #expect(LocalDate(dayNumber: last + 1).description == "10000-01-01")
        for minutes in 0..<(24 * 60) {
            let time = LocalTime(hour: minutes / 60, minute: minutes % 60)!
            #expect(time.description == (time.hour < 10 ? "0" : "") + String(time.hour) + ":"
                + (time.minute < 10 ? "0" : "") + String(time.minute))
        }
    }
}
