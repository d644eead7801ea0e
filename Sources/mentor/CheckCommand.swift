import ArgumentParser
import MentorKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse every note and list what is wrong, as FILE:LINE:COL: error|warning: MESSAGE [code].",
        discussion: """
        Exits 1 when any error was found, 0 otherwise (warnings alone pass).

        Examples:
          mentor check
          mentor check --notebook ~/mentoring --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var notebook: NotebookOptions
    @Option(name: .long, help: "text (default) or json.") var format: Format = .text

    func run() throws {
        try reportingFailures {
            let model = try notebook.open(keepingEntries: false)
            let diagnostics = Documents(model).allDiagnostics
            switch format {
            case .text:
                let lines = diagnostics.map { $0.formatted + "\n" }.joined()
                try StandardOutput.write(lines)
                let notes = model.fileCount
                Console.error("\(diagnostics.errorCount) error\(diagnostics.errorCount == 1 ? "" : "s"), \(diagnostics.warningCount) warning\(diagnostics.warningCount == 1 ? "" : "s") in \(notes) file\(notes == 1 ? "" : "s")")
            case .json:
                try StandardOutput.write(ExportDocument.checkJSON(diagnostics, asOf: model.asOf).rendered())
            }
            if diagnostics.errorCount > 0 { throw ExitCode(1) }
        }
    }
}
