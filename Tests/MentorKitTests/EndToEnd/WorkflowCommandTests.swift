import Foundation
import Testing

@Suite("new, init and status on the command line")
struct WorkflowCommandTests {
    /// A writable copy of a fixture notebook.
    static func copy(_ fixture: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: fixture, toPath: folder.path)
        return folder
    }

    static func run(_ arguments: [String], _ folder: TemporaryFolder, environment: [String: String] = [:]) throws -> CommandLineTests.Run {
        try CommandLineTests.run(arguments + ["--notebook", folder.path, "--as-of", "2026-12-01"], environment: environment)
    }

    @Test func newThenCheckGivesNoNewProblemAndKeepsEveryItem() throws {
        let notebook = try Self.copy(PackagePaths.sampleNotebook)
        defer { notebook.remove() }
        let before = try Self.run(["export"], notebook)
        let new = try Self.run(["new", "priya-natarajan"], notebook)
        #expect(new.status == 0)
        #expect(new.stdout.hasSuffix("sessions/priya-natarajan/2026-12-10.md\n"))
        let written = try String(contentsOfFile: notebook.path + "/sessions/priya-natarajan/2026-12-10.md", encoding: .utf8)
        #expect(written.contains("- [/] @priya Draft the queue migration RFC due:2026-11-06 ^rfc"))
        let check = try Self.run(["check"], notebook)
        #expect(check.status == 0)
        #expect(check.stdout.isEmpty)
        let after = try Self.run(["export"], notebook)
        #expect(try Self.itemStates(after.stdout) == Self.itemStates(before.stdout))
    }

    /// A profile at the first session's profile path (the mentor's own, say) is never
    /// replaced: the refusal said "pass --force to replace it" even with --force given.
    @Test func newFirstNeverReplacesAProfile() throws {
        let notebook = try TemporaryFolder()
        defer { notebook.remove() }
        let profile = "---\ntype: profile\nname: Jade Green\nrole: mentor\n---\nMe.\n"
        try notebook.write("people/jade-green.md", profile)
        let run = try Self.run(["new", "--first", "Jade Green", "--force"], notebook)
        #expect(run.status == 1)
        #expect(run.stderr.contains("people/jade-green.md already exists and is not the profile of this mentee; mentor new never replaces a profile, even with --force"))
        #expect(!run.stderr.contains("pass --force"))
        #expect(try String(contentsOfFile: notebook.path + "/people/jade-green.md", encoding: .utf8) == profile)
    }

    @Test func newTwiceIsRefusedAndForceReplaces() throws {
        let notebook = try Self.copy(PackagePaths.fixtures + "/basic")
        defer { notebook.remove() }
        #expect(try Self.run(["new", "alex-chen", "--date", "2026-12-10"], notebook).status == 0)
        let path = notebook.path + "/sessions/alex/2026-12-10.md"
        try Data("my own words\n".utf8).write(to: URL(fileURLWithPath: path))
        let again = try Self.run(["new", "alex-chen", "--date", "2026-12-10"], notebook)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists") && again.stderr.contains("--force"))
        #expect(again.stderr.contains("edit it, pass --date for another day"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my own words\n")
        let forced = try Self.run(["new", "alex-chen", "--date", "2026-12-10", "--force"], notebook)
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("---\ndate: 2026-12-10\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: notebook.path + "/sessions/alex")
        #expect(!leftovers.contains { $0.hasPrefix(".") })
    }

    @Test func newForASeriesWhoseLastSessionHasNoPlan() throws {
        let notebook = try TemporaryFolder()
        defer { notebook.remove() }
        try notebook.write("mentor.yml", "mentor: Jade Green\n")
        try notebook.write("sessions/sam/2026-11-24.md",
                           "---\ndate: 2026-11-24\ntime: \"18:30\"\nmentee: Sam Lee\n---\n## Action items\n- [ ] Apply to five roles\n")
        let new = try Self.run(["new", "sam-lee"], notebook)
        #expect(new.status == 0)
        let text = try String(contentsOfFile: notebook.path + "/sessions/sam/2026-12-01.md", encoding: .utf8)
        #expect(text.contains("date: 2026-12-01\ntime: \"18:30\"\n"))
        #expect(text.contains("previous: \"2026-11-24.md\""))
        #expect(text.contains("- [ ] @sam Apply to five roles"))
        let check = try Self.run(["check"], notebook)
        #expect(check.stdout == "sessions/sam/2026-11-24.md:1:1: warning: no next session planned after this one; add a `## Next session` section with `- When: YYYY-MM-DD HH:MM` [no-next-session]\n" || check.stdout.isEmpty)
        #expect(!check.stdout.contains("2026-12-01.md"))
    }

    @Test func newFirstWritesAProfileAndAFirstSession() throws {
        let notebook = try Self.copy(PackagePaths.fixtures + "/basic")
        defer { notebook.remove() }
        let run = try Self.run(["new", "--first", "Sam Lee", "--date", "2026-12-08", "--time", "10:00"], notebook)
        #expect(run.status == 0)
        #expect(run.stderr.contains("created ") && run.stderr.contains("people/sam-lee.md"))
        #expect(FileManager.default.fileExists(atPath: notebook.path + "/sessions/sam-lee/2026-12-08.md"))
        let agenda = try Self.run(["agenda", "sam-lee"], notebook)
        #expect(agenda.status == 0)
        #expect(agenda.stdout.contains("## First session: about Sam Lee"))
        #expect(try Self.run(["check"], notebook).status == 0)
        let again = try Self.run(["new", "--first", "Alex Chen"], notebook)
        #expect(again.status == 1)
    }

    @Test("Hostile series names are refused and write nothing", arguments: ["../x", "/tmp/evil", "", "a/../../b"])
    func hostileNames(name: String) throws {
        let notebook = try Self.copy(PackagePaths.fixtures + "/basic")
        defer { notebook.remove() }
        let before = try DocumentCommandTests.hashes(of: notebook.path)
        let run = try Self.run(["new", name], notebook)
        #expect(run.status == 1 || run.status == 2)
        #expect(try DocumentCommandTests.hashes(of: notebook.path) == before)
    }

    @Test func initIntoAnEmptyAndANonEmptyFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/.git", withIntermediateDirectories: true)
        let first = try CommandLineTests.run(["init", folder.path])
        #expect(first.status == 0)
        for file in ["mentor.yml", "README.md", ".gitignore", "people/example-mentee.md", "templates/agenda.md.mustache",
                     "templates/session.md.mustache", "templates/report.html.mustache"] {
            #expect(FileManager.default.fileExists(atPath: folder.path + "/" + file), "\(file) missing")
        }
        let check = try CommandLineTests.run(["check", "--notebook", folder.path, "--as-of", "2026-12-01"])
        #expect(check.status == 0 && check.stdout.isEmpty)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/mentor.yml"))
        let second = try CommandLineTests.run(["init", folder.path])
        #expect(second.status == 1)
        #expect(second.stderr.contains("not empty") && second.stderr.contains("--force"))
        #expect(try String(contentsOfFile: folder.path + "/mentor.yml", encoding: .utf8) == "mine\n")
        try FileManager.default.removeItem(atPath: folder.path + "/templates/agenda.md.mustache")
        let forced = try CommandLineTests.run(["init", folder.path, "--force"])
        #expect(forced.status == 0)
        // --force adds what is missing and keeps what exists.
        #expect(try String(contentsOfFile: folder.path + "/mentor.yml", encoding: .utf8) == "mine\n")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/templates/agenda.md.mustache"))
    }

    @Test func initThenFirstSessionThenNewWorkflow() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try CommandLineTests.run(["init", folder.path]).status == 0)
        #expect(try Self.run(["new", "--first", "Ana Ruiz", "--date", "2026-11-24", "--time", "09:00"], folder).status == 0)
        #expect(try Self.run(["new", "ana-ruiz"], folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/sessions/ana-ruiz/2026-12-01.md"))
        let report = try Self.run(["report"], folder)
        #expect(report.status == 0 && report.stdout.contains("Ana Ruiz"))
    }

    @Test("status output", arguments: ["text", "json"])
    func status(format: String) throws {
        let run = try CommandLineTests.run(["status", "--format", format, "--notebook", PackagePaths.sampleNotebook,
                                            "--as-of", "2026-12-01"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("\u{1B}["))
        try expectGolden(run.stdout, "sample-notebook.expected/status.\(format == "text" ? "txt" : "json")")
    }

    @Test("status is coloured on a terminal, never with NO_COLOR", arguments: [false, true])
    func colourOnATerminal(noColor: Bool) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        // util-linux `script` runs the command on a pseudo-terminal, as a user's shell would.
        let command = "'\(CommandLineTests.binary)' status --notebook '\(PackagePaths.sampleNotebook)' --as-of 2026-12-01"
        let run = try CommandLineTests.run(["-qc", command, "/dev/null"], executable: "/usr/bin/script",
                                           environment: ["NO_COLOR": noColor ? "1" : "", "TERM": "xterm"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("sam-okafor"))
        #expect(run.stdout.contains("\u{1B}[31m") == !noColor)
    }

    @Test("--edit runs a terminal editor in the foreground of the terminal")
    func editOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let notebook = try Self.copy(PackagePaths.fixtures + "/basic")
        defer { notebook.remove() }
        let marker = notebook.path + "/edited"
        // `stty` changes terminal modes, which stops a process that is not in the terminal's
        // foreground group: exactly what a full-screen editor does first.
        let editor = "stty -echo; stty echo; touch '\(marker)'; true"
        let command = "EDITOR=\"\(editor)\" VISUAL= '\(CommandLineTests.binary)' new alex-chen --date 2026-12-10 --edit "
            + "--notebook '\(notebook.path)' --as-of 2026-12-01"
        let run = try CommandLineTests.run(["20", "/usr/bin/script", "-qc", command, "/dev/null"],
                                           executable: "/usr/bin/timeout")
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: marker))
    }

    @Test func editOpensTheEditorFromTheEnvironment() throws {
        let notebook = try Self.copy(PackagePaths.fixtures + "/basic")
        defer { notebook.remove() }
        let marker = notebook.path + "/edited.txt"
        let run = try Self.run(["new", "alex-chen", "--date", "2026-12-10", "--edit"], notebook,
                               environment: ["VISUAL": "", "EDITOR": "cp -f \"$1\" '\(marker)'; true"])
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: marker, encoding: .utf8).hasPrefix("---\ndate: 2026-12-10"))
    }

    @Test func helpOfEveryCommandHasAnExample() throws {
        for command in ["check", "export", "agenda", "followup", "report", "ics", "new", "init", "status"] {
            let run = try CommandLineTests.run([command, "--help"])
            #expect(run.status == 0)
            #expect(run.stdout.contains("Example"), "\(command) --help has no example")
        }
        let completion = try CommandLineTests.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.stdout.contains("_mentor"))
    }

    static func itemStates(_ export: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [String: Any]
        let series = object?["series"] as? [[String: Any]] ?? []
        return series.flatMap { entry in
            (entry["items"] as? [[String: Any]] ?? []).map {
                "\($0["id"] ?? "")|\($0["status"] ?? "")|\($0["owner"] ?? "")|\($0["due"] ?? "")|\($0["closed"] ?? "")"
            }
        }
    }
}
