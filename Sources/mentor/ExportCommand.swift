import ArgumentParser
import Foundation
import MentorKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the whole notebook model as JSON (version 1), diagnostics included.",
        discussion: """
        Private sections stay out unless --include-private is given.

        Example:
          mentor export --as-of 2026-12-01 --output notebook.json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json }

    @OptionGroup var notebook: NotebookOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: "json (the only format).") var format: Format = .json
    @Flag(name: .long, help: "Include items and entries of private sections.") var includePrivate = false

    func run() throws {
        try reportingFailures {
            let model = try notebook.open()
            try output.emit(Export(notebook: model, includePrivate: includePrivate,
                                   jobs: notebook.jobs ?? ProcessInfo.processInfo.activeProcessorCount),
                            notebook: model)
            Console.summarizeProblems(in: model)
        }
    }

    /// The export streamed: 64 KB at a time instead of one 48 MB string for 10,000 notes.
    private struct Export: ChunkedDocument {
        var notebook: Notebook
        var includePrivate: Bool
        var jobs: Int

        func write<WriteFailure: Error>(to sink: (UnsafeRawBufferPointer) throws(WriteFailure) -> Void) throws(WriteFailure) {
            try ExportDocument.write(notebook, includePrivate: includePrivate, jobs: jobs, to: sink)
        }
    }
}
