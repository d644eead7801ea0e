import Foundation

/// The output formats of spec 5.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case md, html, json, eml, ics
}

/// Why a document cannot be made: one line that says what to do.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public var diagnostics: [Diagnostic]

    init(_ description: String, diagnostics: [Diagnostic] = []) {
        self.description = description
        self.diagnostics = diagnostics
    }
}

/// Renders the documents of spec 7 from a linked notebook.
public struct Documents: Sendable {
    public let notebook: Notebook
    public let templates: TemplateSet
    /// Threads a document may render on (the report's series); the text is the same.
    public var jobs = 1

    public init(_ notebook: Notebook) {
        self.init(notebook, templates: TemplateSet(overrides: notebook.templateOverrides))
    }

    private init(_ notebook: Notebook, templates: TemplateSet) {
        self.notebook = notebook
        self.templates = templates
    }

    /// These documents with one session note read again in full (`Notebook.readingInFull`),
    /// the templates kept as they are.
    public func readingInFull(_ file: String) -> Documents {
        var documents = Documents(notebook.readingInFull(file), templates: templates)
        documents.jobs = jobs
        return documents
    }

    /// Everything `mentor check` reports: the notebook's diagnostics and its templates'.
    public var allDiagnostics: [Diagnostic] {
        (notebook.diagnostics + templates.diagnostics).sortedForReport()
    }

    // MARK: - Agenda

    /// The agenda of the series' upcoming session, or of every series that has one.
    public func agenda(series seriesID: String?, format: DocumentFormat) throws(DocumentError) -> String {
        guard format == .md || format == .html else {
            throw DocumentError("the agenda comes as md or html, not \(format.rawValue)")
        }
        var contexts: [[String: Any]] = []
        if let seriesID {
            let series = try series(named: seriesID)
            guard let upcoming = notebook.upcoming.first(where: { $0.series == series.id }) else {
                // The plan names a day whose note says it was called off.
                if let planned = series.heldSessions.last?.header.next?.date,
                   let cancelled = series.sessions.last(where: { $0.date == planned && $0.status == .cancelled }) {
                    throw DocumentError("series \(series.id) has no upcoming session: the meeting planned for \(planned) is cancelled (\(cancelled.file)); plan another in its `## Next session`, or run `mentor new \(series.id)`")
                }
                throw DocumentError("series \(series.id) has no upcoming session; add a `## Next session` with `- When:` to its last note, or run `mentor new \(series.id)`")
            }
            contexts.append(AgendaDocument.context(for: upcoming, in: series, asOf: notebook.asOf))
        } else {
            var seen = Set<String>()
            for upcoming in notebook.upcoming where seen.insert(upcoming.series).inserted {
                guard let series = notebook.series(upcoming.series) else { continue }
                contexts.append(AgendaDocument.context(for: upcoming, in: series, asOf: notebook.asOf))
            }
            guard !contexts.isEmpty else {
                throw DocumentError("no series has an upcoming session; plan one in a note's `## Next session` section")
            }
        }
        let template = "agenda.\(format.rawValue)"
        return try combine(contexts.map { context throws(DocumentError) in try render(template, context) },
                           format: format)
    }

    // MARK: - Follow-up

    /// The follow-up of a held session named by path (relative to `workingDirectory` or the
    /// notebook root) or by series id (its latest held session); nil means the latest held
    /// session of the notebook.
    public func followUp(session reference: String?, workingDirectory: String,
                         format: DocumentFormat) throws(DocumentError) -> String {
        let (session, series) = try heldSession(reference, workingDirectory: workingDirectory)
        let context = FollowUpDocument.context(for: session, in: series, asOf: notebook.asOf,
                                               defaultMentor: notebook.config.mentor)
        switch format {
        case .md, .html:
            return try render("followup.\(format.rawValue)", context)
        case .eml:
            guard let email = series.profile?.header.email, EmailMessage.isAddress(email) else {
                if let email = series.profile?.header.email, let file = series.profile?.file {
                    throw DocumentError("'\(email)' in \(file) is not an email address; write it like alex@example.com (in ASCII: a domain with other letters in its punycode form, xn--...)")
                }
                let hint = series.profile.map { "add `email:` to \($0.file)" }
                    ?? "write a profile note (`type: profile`, `name: \(series.mentee ?? series.id)`, `email: ...`)"
                throw DocumentError("no email address for \(series.mentee ?? series.id): \(hint)")
            }
            let mentorEmail = notebook.profiles.first {
                $0.header.role == .mentor && $0.header.name.lowercased() == series.mentor?.lowercased()
            }?.header.email.flatMap { EmailMessage.isAddress($0) ? $0 : nil }  // else `check`'s bad-email
            return EmailMessage(
                to: .init(name: series.mentee ?? series.id, address: email),
                from: mentorEmail.map { .init(name: series.mentor ?? "", address: $0) },
                subject: "Follow-up: our session on \(session.date)",
                date: session.date, time: session.time, timeZone: notebook.config.timeZone,
                messageID: "followup.\(series.id).\(session.date)\(Documents.sameDaySuffixes(in: series)[session.file] ?? "")@mentor.invalid",
                text: PlainText.fromMarkdown(try render("followup.md", context)), html: try render("followup.html", context)
            ).rendered()
        case .json, .ics:
            throw DocumentError("the follow-up comes as md, html or eml, not \(format.rawValue)")
        }
    }

    /// For each of a series' notes that is not the first of its date: `-2`, `-3`, ... (counted
    /// over that date's notes in chain order, cancelled ones too), in one pass. Two meetings
    /// on one day get their own Message-ID and calendar UID (which must be unique), while the
    /// usual one a day keeps the id it always had; a note keeps its id when another note's
    /// status changes. A note not listed, or a meeting with no note of its own, adds nothing.
    static func sameDaySuffixes(in series: Series) -> [String: String] {
        var seen: [LocalDate: Int] = [:]
        var suffixes: [String: String] = [:]
        for index in series.sessions.indices {
            let count = seen[series.sessions[index].date, default: 0] + 1
            seen[series.sessions[index].date] = count
            if count > 1 { suffixes[series.sessions[index].file] = "-\(count)" }
        }
        return suffixes
    }

    // MARK: - Report

    /// The weekly report of `period`, for one series or all.
    public func report(period: ReportPeriod, series seriesID: String?, format: DocumentFormat) throws(DocumentError) -> String {
        let report = try weeklyReport(period: period, series: seriesID)
        switch format {
        case .md, .html: return try render("report.\(format.rawValue)", ReportDocument.context(report), jobs: jobs)
        case .json: return ReportDocument.renderJSON(report)
        case .eml, .ics: throw DocumentError("the report comes as md, html or json, not \(format.rawValue)")
        }
    }

    /// The report's figures for a period, of every series or of one; for writing the JSON a
    /// chunk at a time with `ReportDocument.writeJSON`.
    public func weeklyReport(period: ReportPeriod, series seriesID: String?) throws(DocumentError) -> WeeklyReport {
        if let seriesID { _ = try series(named: seriesID) }
        return WeeklyReport(notebook, period: period, seriesID: seriesID.map(Slug.make), jobs: jobs)
    }

    // MARK: - Calendar

    /// An iCalendar file with an event per upcoming session, and one with `STATUS:CANCELLED`
    /// per meeting still ahead that was cancelled.
    public func calendar(series seriesID: String?) throws(DocumentError) -> String {
        var events: [CalendarFile.Event] = []
        let chosen: [Series] = try seriesID.map { id throws(DocumentError) in [try series(named: id)] } ?? notebook.series
        let ids = Set(chosen.map(\.id))
        // Upcoming sessions are already in date order.
        // The open items to review go with a series' next meeting only: each later one lists
        // its own talking points (a calendar of many meetings would repeat them all, and grow
        // with the square).
        var described: Set<String> = []
        var indexByFile: [String: [String: Int]] = [:]
        for upcoming in notebook.upcoming where ids.contains(upcoming.series) {
            guard let series = notebook.series(upcoming.series) else { continue }
            let agenda: [String: Any]
            if described.insert(series.id).inserted {
                agenda = AgendaDocument.context(for: upcoming, in: series, asOf: notebook.asOf)
            } else {
                if indexByFile[series.id] == nil {
                    var files: [String: Int] = [:]
                    for index in series.sessions.indices { files[series.sessions[index].file] = index }
                    indexByFile[series.id] = files
                }
                let index = upcoming.file.flatMap { indexByFile[series.id]?[$0] }
                agenda = ["session": AgendaDocument.session(upcoming),
                          "talkingPoints": ContextValues.nonEmpty(AgendaDocument.talkingPoints(for: upcoming, at: index, in: series))]
            }
            events.append(CalendarFile.Event(upcoming: upcoming, series: series,
                                             description: CalendarFile.description(agenda)))
        }
        // Meetings still ahead that were cancelled, as they were planned (an earlier plan for
        // their date filling in), so that a calendar drops them.
        var cancelled: [CalendarFile.Event] = []
        for series in chosen {
            // The latest plan for each date so far, in one pass (not a search per note).
            var plans: [LocalDate: NextSessionPlan] = [:]
            for index in series.sessions.indices {
                let session = series.sessions[index]
                if session.status == .cancelled && session.date >= notebook.asOf {
                    cancelled.append(CalendarFile.Event(
                        upcoming: UpcomingSession(series: series.id, session: session, plan: plans[session.date], plannedIn: nil),
                        series: series, description: "", isCancelled: true))
                }
                if let plan = session.header.next, let date = plan.date { plans[date] = plan }
            }
        }
        if events.isEmpty && cancelled.isEmpty {
            throw DocumentError(seriesID.map { "series \($0) has no upcoming session to put in a calendar" }
                                ?? "no series has an upcoming session to put in a calendar")
        }
        if !cancelled.isEmpty {
            events = (events + cancelled).enumerated().sorted { a, b in
                let (x, y) = (a.element.upcoming, b.element.upcoming)
                return (x.date, x.time?.minutes ?? -1, x.series, a.offset) < (y.date, y.time?.minutes ?? -1, y.series, b.offset)
            }.map(\.element)
        }
        return CalendarFile(events: events, timeZone: notebook.config.timeZone, stamp: notebook.asOf).rendered()
    }

    // MARK: - Helpers

    func series(named id: String) throws(DocumentError) -> Series {
        if let series = notebook.series(id) ?? notebook.series(Slug.make(id)) { return series }
        let ids = notebook.series.map(\.id)
        let known = ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? ", and \(ids.count - 10) more" : "")
        throw DocumentError("no series \(id)" + (known.isEmpty ? "; the notebook has no sessions yet" : "; known series: \(known)"))
    }

    /// The file of the held session `followUp(session:...)` would follow up, or its error.
    public func heldSessionFile(_ reference: String?, workingDirectory: String) throws(DocumentError) -> String {
        try heldSession(reference, workingDirectory: workingDirectory).0.file
    }

    func heldSession(_ reference: String?, workingDirectory: String) throws(DocumentError) -> (Session, Series) {
        // Sessions are found by index: pairing every session with its series as values
        // copied them all (tens of megabytes for a big notebook).
        guard let reference else {
            var latest: (series: Int, session: Int)?
            for seriesIndex in notebook.series.indices {
                let sessions = notebook.series[seriesIndex].sessions
                for sessionIndex in sessions.indices where sessions[sessionIndex].status == .held {
                    let candidate = sessions[sessionIndex]
                    if let best = latest {
                        let current = notebook.series[best.series].sessions[best.session]
                        guard (current.date, current.time?.minutes ?? -1, current.file)
                            < (candidate.date, candidate.time?.minutes ?? -1, candidate.file) else { continue }
                    }
                    latest = (seriesIndex, sessionIndex)
                }
            }
            guard let latest else { throw DocumentError("no held session in the notebook to follow up") }
            return (notebook.series[latest.series].sessions[latest.session], notebook.series[latest.series])
        }
        if let series = notebook.series(reference) ?? notebook.series(Slug.make(reference)),
           !reference.contains("/"), !reference.hasSuffix(".md") {
            guard let last = series.heldSessions.last else {
                throw DocumentError("series \(series.id) has no held session yet")
            }
            return (last, series)
        }
        let root = URL(fileURLWithPath: notebook.root).standardizedFileURL.path
        let candidates = [
            NotebookLocator.absolute(reference, from: workingDirectory),
            NotebookLocator.absolute(reference, from: root),
        ]
        func heldSession(_ file: String) throws(DocumentError) -> (Session, Series)? {
            guard let series = notebook.series.first(where: { $0.sessions.contains { $0.file == file } }),
                  let session = series.sessions.first(where: { $0.file == file }) else { return nil }
            guard session.status == .held else {
                if session.statusAsWritten == .held {
                    throw DocumentError("\(file) is marked held but dated \(session.date), after \(notebook.asOf); fix its date, or pass --as-of \(session.date) once it took place")
                }
                throw DocumentError("\(file) is \(session.status.rawValue), not held; a follow-up is for a session that took place")
            }
            return (session, series)
        }
        for candidate in candidates where candidate.hasPrefix(root + "/") {
            let written = String(candidate.dropFirst(root.count + 1))
            // A link to a note names that note.
            let relative = notebook.aliases[written] ?? written
            if let found = try heldSession(relative) { return found }
            // A note of the notebook that could not be read: say why, not that it is unknown.
            let errors = notebook.diagnostics.filter { $0.file == relative && $0.severity == .error }
            if !errors.isEmpty {
                throw DocumentError("\(relative) cannot be read as a session (its errors are above); fix them, then follow it up",
                                    diagnostics: errors)
            }
        }
        // A note read under another name (through a folder link) is found by its file.
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate) {
            if let file = notebook.note(sameFileAs: candidate), let found = try heldSession(file) { return found }
        }
        throw DocumentError("\(reference) is neither a session note of the notebook nor a series id; give a note's path or a series id")
    }

    func render(_ template: String, _ context: [String: Any], jobs: Int = 1) throws(DocumentError) -> String {
        switch templates.renderDocument(template, context, jobs: jobs) {
        case .success(let text):
            return text
        case .failure(.missing):
            throw DocumentError("no template \(template).mustache")
        case .failure(.broken(let names)):
            let files = Set(names.map { "templates/\($0).mustache" })
            let list = names.map { "\($0).mustache" }.joined(separator: ", ")
            throw DocumentError("the notebook's template \(list) does not parse"
                                    + (names.contains(template) ? "" : " (\(template).mustache includes it)"),
                                diagnostics: templates.diagnostics.filter { files.contains($0.file) })
        }
    }

    /// Several documents of one format as one: Markdown joined by a rule, HTML bodies in one page.
    func combine(_ documents: [String], format: DocumentFormat) -> String {
        guard documents.count > 1 else { return documents.first ?? "" }
        if format == .md { return documents.joined(separator: "\n---\n\n") }
        guard let first = documents.first, let headEnd = first.range(of: "<body>") else {
            return documents.joined(separator: "\n")
        }
        let bodies = documents.map { document -> String in
            guard let start = document.range(of: "<body>"), let end = document.range(of: "</body>", options: .backwards),
                  start.upperBound <= end.lowerBound else { return document }
            return String(document[start.upperBound..<end.lowerBound])
        }
        return String(first[..<headEnd.upperBound]) + bodies.joined(separator: "<hr class=\"document\">\n") + "</body>\n</html>\n"
    }
}
