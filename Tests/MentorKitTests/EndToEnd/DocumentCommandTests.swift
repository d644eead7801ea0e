import Foundation
import Testing

@Suite("Document commands on the command line")
struct DocumentCommandTests {
    static let sample = PackagePaths.sampleNotebook
    static let basic = PackagePaths.fixtures + "/basic"

    @Test("Each document command prints its golden output", arguments: [
        (["agenda"], "agenda.md"),
        (["agenda", "--format", "html"], "agenda.html"),
        (["followup", "alex-chen", "--format", "eml"], "followup.eml"),
        (["report", "--week", "2026-W48", "--format", "json"], "report.json"),
        (["report", "--week", "2026-W48"], "report.md"),
        (["ics"], "calendar.ics"),
        (["ics", "--format", "ics"], "calendar.ics"),
    ])
    func documents(arguments: [String], golden: String) throws {
        let run = try CommandLineTests.run(arguments + ["--notebook", Self.sample, "--as-of", "2026-12-01"])
        #expect(run.status == 0)
        try expectGolden(run.stdout, "sample-notebook.expected/\(golden)")
    }

    @Test("Without `timezone:`, calendar times and \"today\" both use the system's zone (spec 2)")
    func systemTimeZoneByDefault() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("s/2026-11-24.md", sessionNote("date: 2026-11-24\ntime: \"10:00\"\nmentee: Ann Lee",
                                                        "## Next session\n- When: 2026-12-08 10:00\n"))
        let tokyo = try CommandLineTests.run(["ics", "--notebook", folder.path, "--as-of", "2026-12-01"],
                                             environment: ["TZ": "Asia/Tokyo"])
        #expect(tokyo.status == 0)
        #expect(tokyo.stdout.contains("DTSTART:20261208T010000Z"))
        let utc = try CommandLineTests.run(["ics", "--notebook", folder.path, "--as-of", "2026-12-01"],
                                           environment: ["TZ": "UTC"])
        #expect(utc.stdout.contains("DTSTART:20261208T100000Z"))
    }

    @Test func followupBySessionPathRelativeToTheWorkingDirectory() throws {
        let run = try CommandLineTests.run(["followup", "2026-11-10.md", "--as-of", "2026-12-01"],
                                           in: Self.basic + "/sessions/alex")
        #expect(run.status == 0)
        try expectGolden(run.stdout, "basic.expected/followup.md")
        let fromRoot = try CommandLineTests.run(["followup", "sessions/alex/2026-11-10.md", "--notebook", Self.basic,
                                                 "--as-of", "2026-12-01"], in: "/")
        #expect(fromRoot.stdout == run.stdout)
    }

    /// A note that cannot be read is named with its errors, not called unknown.
    @Test func followupOfANoteThatCannotBeReadShowsItsErrors() throws {
        let run = try CommandLineTests.run(["followup", "sessions/bad-date.md", "--notebook", CommandLineTests.broken,
                                            "--as-of", "2026-12-01"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("sessions/bad-date.md:2:1: error: date '2026-02-30' is not a real date"))
        #expect(run.stderr.contains("mentor: sessions/bad-date.md cannot be read as a session"))
        #expect(!run.stderr.contains("neither a session note"))
    }

    @Test("What does not exist is one line on standard error and exit 1", arguments: [
        ["agenda", "nobody"], ["followup", "sessions/alex/2026-12-03.md"], ["followup", "nothing.md"],
        ["ics", "nobody"], ["report", "--series", "nobody"],
    ])
    func missing(arguments: [String]) throws {
        let run = try CommandLineTests.run(arguments + ["--notebook", Self.basic, "--as-of", "2026-12-01"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("mentor: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test("Bad usage of document commands exits 2", arguments: [
        ["report", "--week", "2026-48"], ["report", "--from", "2026-11-01"], ["agenda", "--format", "json"],
        ["report", "--from", "2026-11-10", "--to", "2026-11-01"], ["ics", "--format", "md"],
    ])
    func badUsage(arguments: [String]) throws {
        let run = try CommandLineTests.run(arguments + ["--notebook", Self.basic])
        #expect(run.status == 2)
    }

    @Test func outputCreatesItsFolderAndHelpListsOnlyTheFormatsOfACommand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CommandLineTests.run(["report", "--notebook", Self.sample, "--as-of", "2026-12-01",
                                            "--output", folder.path + "/out/reports/w49.md"])
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/reports/w49.md"))
        let help = try CommandLineTests.run(["agenda", "--help"])
        #expect(help.stdout.contains("values: md, html;"))
        let completion = try CommandLineTests.run(["--generate-completion-script", "fish"])
        #expect(!completion.stdout.contains("md html json eml ics"))
    }

    @Test func documentsRenderEvenWhenOtherNotesHaveErrors() throws {
        let run = try CommandLineTests.run(["report", "--notebook", PackagePaths.fixtures + "/broken", "--as-of", "2026-12-01"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("# Mentoring report 2026-W49"))
        #expect(run.stderr.contains("errors in") && run.stderr.contains("run `mentor check`"))
    }

    @Test func aCopiedBinaryRendersWithItsEmbeddedTemplates() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let copy = folder.path + "/mentor"
        try FileManager.default.copyItem(atPath: CommandLineTests.binary, toPath: copy)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: copy)
        process.arguments = ["agenda", "--format", "html", "--notebook", Self.sample, "--as-of", "2026-12-01"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try expectGolden(String(decoding: data, as: UTF8.self), "sample-notebook.expected/agenda.html")
    }

    @Test func aNotebookTemplateOverridesTheDefaultAndABrokenOneFailsClearly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("sessions/a.md", "---\ndate: 2026-11-10\nmentee: Alex Chen\n---\n## Next session\n- When: 2026-12-08 10:00\n")
        try folder.write("templates/agenda.md.mustache", "{{% CONTENT_TYPE: MARKDOWN }}\nOurs: {{series.mentee}} {{session.label}}\n")
        let ours = try CommandLineTests.run(["agenda", "--notebook", folder.path, "--as-of", "2026-12-01"])
        #expect(ours.status == 0)
        #expect(ours.stdout == "Ours: Alex Chen Tuesday 2026-12-08 10:00\n")
        try folder.write("templates/agenda.md.mustache", "Ours\n{{#session}}\n")
        let broken = try CommandLineTests.run(["agenda", "--notebook", folder.path, "--as-of", "2026-12-01"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("templates/agenda.md.mustache:"))
        #expect(broken.stderr.contains("[bad-template]"))
        let check = try CommandLineTests.run(["check", "--notebook", folder.path, "--as-of", "2026-12-01"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("templates/agenda.md.mustache:"))
    }

    @Test func noCommandChangesANote() throws {
        let before = try Self.hashes(of: Self.sample)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for arguments in [["check"], ["export"], ["agenda"], ["followup"], ["report"], ["ics"],
                          ["report", "--format", "html", "--output", folder.path + "/r.html"]] {
            _ = try CommandLineTests.run(arguments + ["--notebook", Self.sample, "--as-of", "2026-12-01"])
        }
        #expect(try Self.hashes(of: Self.sample) == before)
    }

    static func hashes(of root: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: root + "/" + path)
            }
        }
        return result
    }
}
