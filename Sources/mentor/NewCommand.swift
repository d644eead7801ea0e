import ArgumentParser
import Foundation
import MentorKit

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write the next session's note for a series, started from where the last one left off.",
        discussion: """
        The date and time come from the last session's planned next session (else a week after \
        it, same time); mentee, mentor, location, link and duration are carried over; every open \
        goal and action item is listed in the Review section as a task line to tick. With --first \
        NAME: a first session for a new mentee, with a profile note for your research. The note \
        goes to sessions/SERIES/DATE.md (or the pattern the series already uses); an existing \
        file is never replaced without --force. Prints the new note's path.

        Examples:
          mentor new alex-chen
          mentor new alex-chen --date 2026-12-10 --time 16:00 --edit
          mentor new --first "Sam Lee" --date 2026-12-08
        """
    )

    @Argument(help: "The series id, e.g. alex-chen.") var series: String?
    @Option(name: .long, help: ArgumentHelp("Start a new mentorship with this mentee.", valueName: "NAME"))
    var first: String?
    @Option(name: .customLong("series"),
            help: ArgumentHelp("With --first: the series id, when the name gives none (e.g. a name in another script).", valueName: "ID"))
    var firstSeries: String?
    @Option(name: .long, help: ArgumentHelp("The session's date.", valueName: "YYYY-MM-DD")) var date: String?
    @Option(name: .long, help: ArgumentHelp("The session's time.", valueName: "HH:MM")) var time: String?
    @Flag(name: .long, help: "Open the note in $VISUAL or $EDITOR.") var edit = false
    @Flag(name: .long, help: "Replace the note if it exists.") var force = false
    @OptionGroup var notebook: NotebookOptions

    func validate() throws {
        if (series == nil) == (first == nil) { throw ValidationError("give a SERIES, or --first NAME for a new mentee") }
        if let first, first.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--first needs a name") }
        if firstSeries != nil && first == nil { throw ValidationError("--series goes with --first") }
        if let date, LocalDate(date).map({ (1000...9000).contains($0.year) }) != true {
            throw ValidationError("--date '\(date)' is not a date between the years 1000 and 9000; write YYYY-MM-DD")
        }
        if let time, LocalTime(time) == nil { throw ValidationError("--time '\(time)' is not a time; write HH:MM") }
    }

    func run() throws {
        try reportingFailures {
            let model = try notebook.open()
            let templates = TemplateSet(overrides: model.templateOverrides)
            let drafts: [NoteDraft]
            do {
                if let first {
                    drafts = try SessionDraft.first(in: model, name: first, series: firstSeries, date: date.flatMap { LocalDate($0) },
                                                    time: time.flatMap { LocalTime($0) }, templates: templates)
                } else {
                    drafts = [try SessionDraft.next(in: model, series: series ?? "", date: date.flatMap { LocalDate($0) },
                                                    time: time.flatMap { LocalTime($0) }, templates: templates)]
                }
                // All checks before any write, so a refused note leaves no profile behind; the
                // profile is only written when missing, an existing one is never touched.
                // --force is for the session note (the last draft), never for a profile.
                let last = drafts.count - 1
                for (index, draft) in drafts.enumerated() {
                    do {
                        try NotebookWriter.check(draft, root: model.root, force: force && index == last)
                    } catch let error as WriteError where index == last {
                        guard let existing = error.existingFile else { throw error }
                        throw Failure("\(existing) already exists; edit it, pass --date for another day, or --force to replace it")
                    } catch let error as WriteError {
                        // A profile at the path is never replaced, --force or not.
                        guard let existing = error.existingFile else { throw error }
                        throw Failure("\(existing) already exists and is not the profile of this mentee; mentor new never replaces a profile, even with --force, so give the series another id with --series")
                    }
                }
                var written: [String] = []
                for (index, draft) in drafts.enumerated() {
                    written.append(try NotebookWriter.write(draft, root: model.root, force: force && index == last))
                }
                for path in written.dropLast() { Console.error("created \(path)") }
                if let date = drafts.last?.date, date < model.asOf {
                    Console.error("the session is dated \(date), before today (\(model.asOf)), so it counts as held; add `status: cancelled` to it if it did not take place")
                } else if let date = drafts.last?.date, date == model.asOf {
                    // Held from its date on (spec 3): the agenda already looks past it.
                    Console.error("the session is dated today, so it counts as held already; add `status: planned` to it until the meeting is over to see its agenda")
                }
                guard let note = written.last else { return }
                if edit, let editor = Editor.command() {
                    // With --first, the new profile opens too: the research goes there.
                    try Editor.open([note] + written.dropLast(), with: editor)
                } else {
                    if edit { Console.error("neither $VISUAL nor $EDITOR is set; open the note yourself") }
                    try StandardOutput.write(note + "\n")
                }
            } catch let error as WriteError {
                throw Failure(error.description)
            }
        }
    }
}

/// The user's editor: `$VISUAL`, else `$EDITOR`.
enum Editor {
    static func command() -> String? {
        let environment = ProcessInfo.processInfo.environment
        return [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// Runs the editor in the foreground, in mentor's own process group with its terminal:
    /// Foundation's `Process` starts children in a new group, where a terminal editor
    /// (vim, nano) is stopped as soon as it touches the terminal.
    static func open(_ paths: [String], with editor: String) throws {
        let path = paths.first ?? ""
        // The editor variable may carry arguments ("code -w"), so the shell splits it.
        let arguments = ["/bin/sh", "-c", editor + " \"$@\"", "editor"] + paths
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/bin/sh", nil, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw Failure("cannot start the editor (\(editor)): \(String(cString: strerror(spawned))); the note is at \(path)")
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7F) == 0
        let code = (status >> 8) & 0xFF
        if !exited || code != 0 {
            throw Failure("the editor (\(editor)) did not finish cleanly (status \(status)); the note is at \(path)")
        }
    }
}
