import ArgumentParser
import Foundation

/// `mentor`: mentoring session notes in, agendas, follow-ups and reports out.
struct Mentor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mentor",
        abstract: "Turn a folder of Markdown mentoring-session notes into agendas, follow-ups and reports.",
        discussion: """
        A notebook is a folder of session notes with YAML front matter. mentor finds it from \
        --notebook DIR, else $MENTOR_NOTEBOOK, else the nearest folder at or above the working \
        directory holding mentor.yml, else the working directory.

        Example:
          mentor report --notebook sample-notebook --as-of 2026-12-01 --week 2026-W48
          mentor new alex-chen --edit
        """,
        version: "0.1.0",
        subcommands: [CheckCommand.self, ExportCommand.self, AgendaCommand.self, FollowupCommand.self,
                      ReportCommand.self, IcsCommand.self, NewCommand.self, InitCommand.self,
                      StatusCommand.self]
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try Mentor.parseAsRoot()
            try command.run()
        } catch {
            // Bad usage exits 2 (spec 5); everything else keeps the parser's own handling.
            if Mentor.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((Mentor.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            Mentor.exit(withError: error)
        }
    }
}
