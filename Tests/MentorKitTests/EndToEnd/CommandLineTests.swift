import Foundation
import Testing

/// Runs the built `mentor` binary and checks its output and exit code.
@Suite("mentor on the command line")
struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [beside, beside.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("mentor").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return PackagePaths.root + "/.build/debug/mentor"
    }

    static func run(_ arguments: [String], in directory: String? = nil, executable: String? = nil,
                    environment: [String: String] = [:]) throws -> Run {
        let run = try ProcessRun.run(executable ?? binary, arguments, in: directory, environment: environment)
        return Run(status: run.status, stdout: String(decoding: run.stdout, as: UTF8.self),
                   stderr: String(decoding: run.stderr, as: UTF8.self))
    }

    static let basic = PackagePaths.fixtures + "/basic"
    static let broken = PackagePaths.fixtures + "/broken"

    @Test func checkOnACleanNotebookExitsZero() throws {
        let run = try Self.run(["check", "--notebook", Self.basic, "--as-of", "2026-12-01"])
        #expect(run.status == 0)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("0 errors, 0 warnings"))
    }

    @Test func checkOnABrokenNotebookPrintsDiagnosticsAndExitsOne() throws {
        let run = try Self.run(["check", "--notebook", Self.broken, "--as-of", "2026-12-01"])
        #expect(run.status == 1)
        try expectGolden(run.stdout, "broken.expected/check.txt")
        #expect(run.stdout.contains("sessions/unterminated.md:1:1: error: "))
    }

    @Test func checkJSONFormat() throws {
        let run = try Self.run(["check", "--notebook", Self.broken, "--as-of", "2026-12-01", "--format", "json"])
        #expect(run.status == 1)
        try expectGolden(run.stdout, "broken.expected/check.json")
    }

    /// Output that cannot be written is an error that says so, for every command that
    /// prints: `check` and `status` used `print`, which drops a failed write and exits as if
    /// all went well.
    @Test("A failed write to standard output is an error", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")),
          arguments: [["check"], ["check", "--format", "json"], ["status"], ["status", "--format", "json"], ["report"],
                      ["export"], ["agenda"]])
    func fullStandardOutput(command: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = command + ["--notebook", Self.broken, "--as-of", "2026-12-01"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("mentor: cannot write to standard output: No space left on device"))
    }

    @Test("export prints the golden JSON and exits 0, even with broken notes", arguments: ["basic", "broken"])
    func export(name: String) throws {
        let run = try Self.run(["export", "--notebook", PackagePaths.fixtures + "/" + name, "--as-of", "2026-12-01"])
        #expect(run.status == 0)
        try expectGolden(run.stdout, "\(name).expected/export.json")
        #expect(run.stderr.contains("run `mentor check`") == (name == "broken"))
    }

    @Test func notebookFoundFromTheEnvironmentAndFromMentorYml() throws {
        let fromEnvironment = try Self.run(["export", "--as-of", "2026-12-01"], in: "/",
                                           environment: ["MENTOR_NOTEBOOK": Self.basic])
        #expect(fromEnvironment.status == 0)
        let fromFolder = try Self.run(["export", "--as-of", "2026-12-01"], in: Self.basic + "/sessions/alex")
        #expect(fromFolder.status == 0)
        #expect(fromEnvironment.stdout == fromFolder.stdout)
        #expect(fromFolder.stdout.contains("\"id\": \"alex-chen\""))
    }

    @Test("Bad usage exits 2", arguments: [
        ["check", "--as-of", "2026-13-01"], ["export", "--format", "xml"], ["check", "--bogus"], ["frobnicate"],
    ])
    func badUsage(arguments: [String]) throws {
        let run = try Self.run(arguments + ["--notebook", Self.basic])
        #expect(run.status == 2)
        #expect(!run.stderr.isEmpty)
    }

    @Test func missingNotebookIsOneLineAndExitOne() throws {
        let run = try Self.run(["check", "--notebook", "/nonexistent/notebook"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("does not exist"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func outputFileIsWrittenAndNotOverwrittenWithoutForce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.path + "/export.json"
        let first = try Self.run(["export", "--notebook", Self.basic, "--as-of", "2026-12-01", "--output", target])
        #expect(first.status == 0)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.hasPrefix("{\n  \"version\": 1,"))
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        let second = try Self.run(["export", "--notebook", Self.basic, "--as-of", "2026-12-01", "--output", target])
        #expect(second.status == 1)
        #expect(second.stderr.contains("--force"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        let forced = try Self.run(["export", "--notebook", Self.basic, "--as-of", "2026-12-01", "--output", target,
                                   "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == written)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["export.json"])
    }

    /// `--force` replaces a file, never a note: a session, a profile, or a note that could
    /// not be read. A document written into the notebook before is replaced as usual.
    @Test("--output with --force refuses the notebook's notes", arguments: [
        ("sessions/a.md", true), ("people/alex.md", true), ("sessions/broken.md", true),
        ("reports/w49.md", false), ("sessions/../sessions/a.md", true),
    ])
    func outputNeverReplacesANote(target: String, isNote: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let notes = [
            "sessions/a.md": "---\ndate: 2026-11-10\nmentee: Alex Chen\n---\n## Action items\n- [ ] Ship\n",
            "people/alex.md": "---\ntype: profile\nname: Alex Chen\n---\nLikes maps.\n",
            "sessions/broken.md": "---\ndate: 2026-13-40\nmentee: Alex Chen\n---\n",
            "reports/w49.md": "# An earlier report\n",
        ]
        for (path, text) in notes { try folder.write(path, text) }
        let before = try String(contentsOfFile: folder.path + "/" + target, encoding: .utf8)
        let run = try Self.run(["report", "--notebook", folder.path, "--as-of", "2026-12-01",
                                "--output", folder.path + "/" + target, "--force"])
        let after = try String(contentsOfFile: folder.path + "/" + target, encoding: .utf8)
        #expect(run.status == (isNote ? 1 : 0))
        #expect(run.stderr.contains("never replaces a note") == isNote)
        #expect((after == before) == isNote)
        if !isNote { #expect(after.hasPrefix("# Mentoring report 2026-W49")) }
    }

    /// The note is found through a link to the notebook folder too.
    @Test func outputNeverReplacesANoteThroughALink() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("nb/sessions/a.md", "---\ndate: 2026-11-10\nmentee: Alex Chen\n---\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: folder.path + "/nb")
        let run = try Self.run(["report", "--notebook", folder.path + "/nb", "--as-of", "2026-12-01",
                                "--output", folder.path + "/link/sessions/a.md", "--force"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("never replaces a note"))
        #expect(try String(contentsOfFile: folder.path + "/nb/sessions/a.md", encoding: .utf8).hasPrefix("---\ndate: 2026-11-10"))
    }

    /// A folder link inside the notebook that the walk reaches first names the notes below
    /// it by the link's path: their real paths were not recognised, and `--force` replaced
    /// a session note (an audit found it). The notebook's settings and templates are kept
    /// too; and a follow-up by the real path finds the note.
    @Test func outputNeverReplacesANoteReadThroughAFolderLink() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let note = "---\ndate: 2026-11-10\nmentee: Alex Chen\n---\n## Notes\nWe met.\n"
        try folder.write("sessions/alex-chen/2026-11-10.md", note)
        try folder.write("mentor.yml", "mentor: Jade Green\n")
        try folder.write("templates/report.md.mustache", "# {{title}}\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/alex", withDestinationPath: "sessions/alex-chen")
        for (target, own) in [("sessions/alex-chen/2026-11-10.md", "note alex/2026-11-10.md; mentor never replaces a note"),
                              ("mentor.yml", "own file mentor.yml; mentor never writes its settings"),
                              ("templates/report.md.mustache", "own file templates/report.md.mustache; mentor never writes its settings")] {
            let before = try String(contentsOfFile: folder.path + "/" + target, encoding: .utf8)
            let run = try Self.run(["report", "--notebook", folder.path, "--as-of", "2026-12-01",
                                    "--output", folder.path + "/" + target, "--force"])
            #expect(run.status == 1)
            #expect(run.stderr.contains("is the notebook's \(own)"))
            #expect(try String(contentsOfFile: folder.path + "/" + target, encoding: .utf8) == before)
        }
        let followUp = try Self.run(["followup", folder.path + "/sessions/alex-chen/2026-11-10.md", "--notebook", folder.path,
                                     "--as-of", "2026-12-01"])
        #expect(followUp.status == 0)
        #expect(followUp.stdout.contains("We met."))
    }

    /// A settings file or template that does not exist yet is refused too: written there, a
    /// report would become the notebook's `mentor.yml` or override its template for every
    /// later command (an audit found both). No `templates/` folder is made for it either.
    @Test("--output refuses new settings and new templates", arguments: [
        ("mentor.yml", "is the notebook's own file mentor.yml; mentor never writes its settings or templates"),
        ("templates/report.md.mustache", "is the notebook's own file templates/report.md.mustache"),
        ("templates/new.txt", "is the notebook's own file templates/new.txt"),
    ])
    func outputNeverMakesSettingsOrFolders(target: String, message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("sessions/a.md", "---\ndate: 2026-11-10\nmentee: Alex Chen\n---\n")
        for options in [[], ["--force"]] {
            let run = try Self.run(["report", "--notebook", folder.path, "--as-of", "2026-12-01",
                                    "--output", folder.path + "/" + target] + options)
            #expect(run.status == 1)
            #expect(run.stderr.contains(message))
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/" + target))
        }
        let top = (target as NSString).pathComponents[0]
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/" + top))
        let check = try Self.run(["check", "--notebook", folder.path, "--as-of", "2026-12-01"])
        #expect(check.status == 0)
    }

    /// Through a link to the notebook, with no `templates/` yet: the path's links were resolved
    /// only in a folder that exists, so the template was made (a review found it).
    @Test func outputNeverMakesATemplateThroughALink() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("nb/sessions/a.md", "---\ndate: 2026-11-10\nmentee: Alex Chen\n---\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: folder.path + "/nb")
        for target in ["link/templates/report.md.mustache", "link/mentor.yml", "link/templates/deep/x.md"] {
            let run = try Self.run(["report", "--notebook", folder.path + "/nb", "--as-of", "2026-12-01",
                                    "--output", folder.path + "/" + target, "--force"])
            #expect(run.status == 1)
            #expect(run.stderr.contains("is the notebook's own file"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/nb/templates"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/nb/mentor.yml"))
    }

    /// The `-2` of a second meeting that day skips a name a file of the user's has, even
    /// with `--force` (a review found mentor picking it, and replacing it with `--force`).
    @Test func aSecondMeetingsNameSkipsTheUsersFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("sessions/alex-chen/2026-11-10.md", "---\ndate: 2026-11-10\ntime: \"16:00\"\nmentee: Alex Chen\n---\n")
        try folder.write("sessions/alex-chen/2026-11-10-2.md", "scratch\n")
        let run = try Self.run(["new", "alex-chen", "--notebook", folder.path, "--as-of", "2026-11-10",
                                "--date", "2026-11-10", "--time", "18:00", "--force"])
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: folder.path + "/sessions/alex-chen/2026-11-10-2.md", encoding: .utf8) == "scratch\n")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/sessions/alex-chen/2026-11-10-3.md"))
    }

    /// A note drafted for today counts as held at once (spec 3), so `new` says so, as it does
    /// for a date before today (a workflow test found a second meeting that evening taken
    /// as held without a word).
    @Test func newSaysANoteDatedTodayCountsAsHeld() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("sessions/alex-chen/2026-12-01.md", "---\ndate: 2026-12-01\ntime: \"16:00\"\nmentee: Alex Chen\n---\n")
        let today = try Self.run(["new", "alex-chen", "--notebook", folder.path, "--as-of", "2026-12-01",
                                  "--date", "2026-12-01", "--time", "18:00"])
        #expect(today.status == 0)
        #expect(today.stderr.contains("dated today, so it counts as held already; add `status: planned`"))
        let later = try Self.run(["new", "alex-chen", "--notebook", folder.path, "--as-of", "2026-12-01"])
        #expect(later.status == 0)
        #expect(!later.stderr.contains("counts as held"))
    }

    /// `status` renders, so it takes `--output` as the documents do (spec 5): the same text
    /// as on standard output, and an existing file kept without `--force`.
    @Test("status --output writes what standard output shows", arguments: [[], ["--format", "json"]])
    func statusTakesOutput(format: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("nb/sessions/a.md", "---\ndate: 2026-11-10\nmentee: Alex Chen\n---\n## Action items\n- [ ] Ship\n")
        let arguments = ["status", "--notebook", folder.path + "/nb", "--as-of", "2026-12-01"] + format
        let shown = try Self.run(arguments)
        let target = folder.path + "/status.out"
        let written = try Self.run(arguments + ["--output", target])
        #expect(shown.status == 0 && written.status == 0)
        #expect(shown.stdout.contains("alex-chen"))
        #expect(written.stdout.isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == shown.stdout)
        let again = try Self.run(arguments + ["--output", target])
        #expect(again.status == 1)
        #expect(again.stderr.contains("--force"))
    }

    @Test func helpHasExamples() throws {
        for command in ["check", "export"] {
            let run = try Self.run([command, "--help"])
            #expect(run.status == 0)
            #expect(run.stdout.contains("Example"))
        }
    }
}
