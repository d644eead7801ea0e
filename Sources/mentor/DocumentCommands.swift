import ArgumentParser
import Foundation
import MentorKit

/// The formats one command offers, so help and completions list only those.
protocol FormatChoice: RawRepresentable<String>, ExpressibleByArgument, CaseIterable {}

extension FormatChoice {
    var document: DocumentFormat { DocumentFormat(rawValue: rawValue) ?? .md }
}

enum AgendaFormat: String, FormatChoice { case md, html }
enum FollowupFormat: String, FormatChoice { case md, html, eml }
enum ReportFormat: String, FormatChoice { case md, html, json }

/// Renders one document: open the notebook, make the text, write it, report other errors.
private func produce(_ notebook: NotebookOptions, _ output: OutputOptions,
                     fullNote: ((Documents) throws(DocumentError) -> String)? = nil,
                     _ make: (Documents) throws(DocumentError) -> String) throws {
    try produceChunks(notebook, output, fullNote: fullNote) { (documents) throws(DocumentError) in
        TextDocument(text: try make(documents))
    }
}

/// The same for a document written a chunk at a time. Notes are read without their
/// sections' Markdown; a document that shows one session's (the follow-up) names its note
/// with `fullNote`, and that one note is read again in full. A document that shows no
/// section entries (the report) passes `keepingEntries: false`.
private func produceChunks(_ notebook: NotebookOptions, _ output: OutputOptions,
                           fullNote: ((Documents) throws(DocumentError) -> String)? = nil,
                           keepingEntries: Bool = true,
                           _ make: (Documents) throws(DocumentError) -> any ChunkedDocument) throws {
    let model = try notebook.open(keepingEntries: keepingEntries)
    var documents = Documents(model)
    documents.jobs = notebook.jobs ?? ProcessInfo.processInfo.activeProcessorCount
    do {
        if let fullNote { documents = documents.readingInFull(try fullNote(documents)) }
        try output.emit(try make(documents), notebook: model)
    } catch let error as DocumentError {
        for diagnostic in error.diagnostics { FileHandle.standardError.write(Data((diagnostic.formatted + "\n").utf8)) }
        throw Failure(error.description)
    }
    Console.summarizeProblems(in: model)
}

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "The agenda for the upcoming session of a series (of every series with one, without SERIES).",
        discussion: """
        Logistics with a warning for what is missing, the mentee's talking points and challenges, \
        progress so far, what happened last time, the open items to review (oldest first, overdue \
        ones marked, "keep or drop?" for items carried three times) and, before a first session, \
        the mentee's profile.

        Examples:
          mentor agenda alex-chen
          mentor agenda alex-chen --format html --output agenda.html
        """
    )

    @Argument(help: "The series id, e.g. alex-chen.") var series: String?
    @OptionGroup var notebook: NotebookOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: "md (default) or html.") var format: AgendaFormat = .md

    func run() throws {
        try reportingFailures {
            try produce(notebook, output) { (documents) throws(DocumentError) in
                try documents.agenda(series: series, format: format.document)
            }
        }
    }
}

struct FollowupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "The follow-up for a held session: minutes, takeaways, goals, action items, next session, resources.",
        discussion: """
        SESSION is a note's path (relative to the working directory or the notebook) or a series id \
        (its latest held session); without it, the notebook's latest held session. --format eml \
        writes an email to the mentee's profile address, with a text and an HTML part.

        Examples:
          mentor followup alex-chen
          mentor followup sessions/alex-chen/2026-11-10.md --format eml --output followup.eml
        """
    )

    @Argument(help: "A session note's path, or a series id.") var session: String?
    @OptionGroup var notebook: NotebookOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: "md (default), html or eml.") var format: FollowupFormat = .md

    func run() throws {
        try reportingFailures {
            let workingDirectory = FileManager.default.currentDirectoryPath
            try produce(notebook, output, fullNote: { (documents) throws(DocumentError) in
                try documents.heldSessionFile(session, workingDirectory: workingDirectory)
            }) { (documents) throws(DocumentError) in
                try documents.followUp(session: session, workingDirectory: workingDirectory, format: format.document)
            }
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The weekly progress report across all mentorships.",
        discussion: """
        Per mentorship: sessions held, items created, closed, still open and overdue, days since \
        the last session, stalled or not, the next session. For the notebook: totals, \
        follow-through by owner and a progress chart of the last eight weeks. Default period: \
        the week holding the as-of date.

        Examples:
          mentor report
          mentor report --week 2026-W48 --format html --output report.html
          mentor report --from 2026-11-01 --to 2026-11-30 --format json
        """
    )

    @OptionGroup var notebook: NotebookOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: ArgumentHelp("The ISO week to report.", valueName: "YYYY-Www")) var week: String?
    @Option(name: .long, help: ArgumentHelp("First day of the period.", valueName: "YYYY-MM-DD")) var from: String?
    @Option(name: .long, help: ArgumentHelp("Last day of the period.", valueName: "YYYY-MM-DD")) var to: String?
    @Option(name: .long, help: "Only this series.") var series: String?
    @Option(name: .long, help: "md (default), html or json.") var format: ReportFormat = .md

    func validate() throws {
        if week != nil && (from != nil || to != nil) { throw ValidationError("give --week or --from/--to, not both") }
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        if let week, ReportPeriod.week(week, startsOn: .monday).map({ (1000...9000).contains($0.from.year) }) != true {
            throw ValidationError("--week '\(week)' is not an ISO week between the years 1000 and 9000; write it like 2026-W48")
        }
        for value in [from, to].compactMap({ $0 }) where LocalDate(value).map({ (1000...9000).contains($0.year) }) != true {
            throw ValidationError("'\(value)' is not a date between the years 1000 and 9000; write YYYY-MM-DD")
        }
        if let from, let to, let start = LocalDate(from), let end = LocalDate(to), end < start {
            throw ValidationError("--to is before --from")
        }
    }

    func run() throws {
        try reportingFailures {
            try produceChunks(notebook, output, keepingEntries: false) { (documents) throws(DocumentError) -> any ChunkedDocument in
                let config = documents.notebook.config
                let period: ReportPeriod
                if let week, let parsed = ReportPeriod.week(week, startsOn: config.weekStarts) {
                    period = parsed
                } else if let from = from.flatMap({ LocalDate($0) }), let to = to.flatMap({ LocalDate($0) }) {
                    period = ReportPeriod(from: from, to: to)
                } else {
                    period = ReportPeriod.week(holding: documents.notebook.asOf, startsOn: config.weekStarts)
                }
                // The JSON is streamed: for thousands of mentorships it is tens of megabytes.
                if format == .json {
                    return ReportJSON(report: try documents.weeklyReport(period: period, series: series), jobs: documents.jobs)
                }
                return TextDocument(text: try documents.report(period: period, series: series, format: format.document))
            }
        }
    }
}

struct IcsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "An iCalendar file of the upcoming sessions, to import into a calendar app.",
        discussion: """
        One event per upcoming session, times in UTC converted from the notebook's time zone, \
        the agenda as the description.

        Examples:
          mentor ics --output mentoring.ics
          mentor ics alex-chen
        """
    )

    /// Spec 5: every command that renders takes `--format`; the calendar has one.
    enum Format: String, ExpressibleByArgument, CaseIterable { case ics }

    @Argument(help: "Only this series.") var series: String?
    @OptionGroup var notebook: NotebookOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: "ics (the only format).") var format: Format = .ics

    func run() throws {
        try reportingFailures {
            try produce(notebook, output) { (documents) throws(DocumentError) in
                try documents.calendar(series: series)
            }
        }
    }
}
