import ArgumentParser
import Foundation
import MentorKit

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "One line per mentorship: last session, next session, open, overdue, carried, stalled.",
        discussion: """
        Colour only on a terminal, and never when NO_COLOR is set (to anything but empty).

        Examples:
          mentor status
          mentor status --format json
          mentor status --output status.txt
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var notebook: NotebookOptions
    @Option(name: .long, help: "text (default) or json.") var format: Format = .text
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let model = try notebook.open(keepingEntries: false)
            let table = StatusTable(model)
            if table.rows.isEmpty { Console.error("no mentorships yet; start one with `mentor new --first \"Full Name\"`") }
            switch format {
            case .text:
                let environment = ProcessInfo.processInfo.environment
                let colour = output.output == nil && isatty(STDOUT_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
                    && environment["TERM"] != "dumb"
                try output.emit(TextDocument(text: table.text(colour: colour)), notebook: model)
            case .json:
                try output.emit(TextDocument(text: table.json.rendered()), notebook: model)
            }
            Console.summarizeProblems(in: model)
        }
    }
}
