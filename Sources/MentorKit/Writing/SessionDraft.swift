import Foundation

/// A note `mentor new` is about to write: where, and what.
public struct NoteDraft: Sendable, Hashable {
    /// Path relative to the notebook root.
    public var path: String
    public var text: String
    /// The session's date, for a session note.
    public var date: LocalDate?

    public init(path: String, text: String, date: LocalDate? = nil) {
        self.path = path
        self.text = text
        self.date = date
    }
}

/// Why `mentor new` or `mentor init` cannot write what was asked.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// The note's path when the refusal is that it exists already (the caller may say more).
    public var existingFile: String?

    init(_ description: String) { self.description = description }

    /// The note exists and `--force` was not given.
    static func exists(_ path: String) -> WriteError {
        var error = WriteError("\(path) already exists; pass --force to replace it")
        error.existingFile = path
        return error
    }
}

/// Builds the next session's note from where the last one left off (issue: `mentor new`).
public enum SessionDraft {
    /// The next note of a series: date and time from the last session's plan (else a week
    /// after the last held or cancelled note, at the last session's time), people and
    /// logistics carried over, and every open goal and action item as a task line in the
    /// review section, oldest first.
    public static func next(in notebook: Notebook, series id: String, date: LocalDate?, time: LocalTime?,
                            templates: TemplateSet) throws(WriteError) -> NoteDraft {
        let slug = try validSeries(id)
        guard let series = notebook.series(slug) else {
            let known = notebook.series.map(\.id).joined(separator: ", ")
            throw WriteError("no series \(slug)" + (known.isEmpty ? "" : " (known: \(known))")
                             + "; start one with `mentor new --first \"Full Name\"`")
        }
        // Cancellations written ahead of time are left out (a holiday cancelled in advance
        // leaves the meeting agreed before it the next one), unless one is the meeting the
        // note before them planned (that meeting, cancelled), or no note comes before them.
        let aheadCount = series.trailingCancellationsAhead(asOf: notebook.asOf)
        let ahead = series.sessions.suffix(aheadCount)
        let before = series.sessions.dropLast(aheadCount)
        let kept = before.isEmpty || series.cancelsThePlannedMeeting(lastNotes: aheadCount) ? series.sessions[...] : before
        let recorded = kept.filter { $0.status != .planned }
        let previousHeld = series.heldSessions.last
        let last = previousHeld ?? recorded.last ?? kept.last
        // The plan of the last recorded note, as for upcoming sessions: an older plan is
        // overtaken by any later note.
        let plan = recorded.last?.header.next
        // A plan's date counts only when after the last note's; an undated plan may still
        // give the place, link and length.
        let planned = plan.flatMap { plan -> NextSessionPlan? in
            guard let planDate = plan.date else { return nil }
            return last.map { planDate > $0.date } ?? true ? plan : nil
        }
        let logistics = plan?.date == nil ? plan : planned
        // Else a week after the last held or cancelled note: a cancelled meeting a week after
        // the last held one is no slot for the next.
        // Past the days of cancellations ahead that were left out: those meetings will not be.
        let lastRecordedDate = recorded.map(\.date).max() ?? last?.date
        var weekLater = lastRecordedDate.map { $0.adding(days: 7) } ?? notebook.asOf.adding(days: 7)
        while kept.count < series.sessions.count, ahead.contains(where: { $0.date == weekLater }) { weekLater = weekLater.adding(days: 7) }
        let newDate = date ?? planned?.date ?? weekLater
        let newTime = time ?? planned?.time ?? last?.time
        guard (1...9999).contains(newDate.year) else {
            throw WriteError("the next session would fall in the year \(newDate.year); pass --date")
        }
        if let lastNote = kept.last, newDate < lastNote.date {
            throw WriteError("\(newDate) is before the series' last note (\(lastNote.file), \(lastNote.date)); `mentor new` writes the next session, so pick a later --date")
        }
        // The name's pattern not from a cancellation ahead (`xmas-off.md`), kept or not,
        // unless no other note comes before them.
        var path = notePath(for: series, among: before.isEmpty ? kept : before, date: newDate)
        // A second meeting on the day of a recorded one (as written: held or cancelled), at a
        // later --time: `2026-11-10-2.md`, the first free number. Only later: an earlier one
        // would take the calendar UID the day's first event already has (the day's notes
        // number their UIDs and Message-IDs in chain order, `Documents.sameDaySuffixes`). Only
        // with --time: a note on the day a plan names is that meeting.
        if let newTime = time {
            let recordedThatDay = series.sessions.filter { $0.date == newDate && $0.statusAsWritten != .planned }
            if let latest = recordedThatDay.last(where: { ($0.time.map { $0 > newTime }) ?? false }) {
                throw WriteError("series \(slug) already has a meeting on \(newDate) at \(latest.time?.description ?? ""): \(latest.file), \(latest.statusAsWritten.rawValue); `mentor new` writes a second one that day only after it, so pass a later --time")
            }
            if let taken = recordedThatDay.first(where: { $0.file == path }), taken.time != newTime {
                // The day's note's `.md`, in its case (every note's name ends in one).
                let ending = path.suffix(3), stem = path.dropLast(3)
                // A free name: no note, and no other file the user keeps there.
                path = (2...99).lazy.map { "\(stem)-\($0)\(ending)" }.first {
                    notebook.note(at: $0) == nil && !FileManager.default.fileExists(atPath: notebook.root + "/" + $0)
                } ?? path
            }
        }
        try refuseReplacing(path, in: notebook, series: slug)
        // A note at the same path is left to the writer (refused unless --force); another
        // note at the same date and time would be a same-time conflict.
        if let existing = series.sessions.first(where: { $0.date == newDate && $0.time == newTime && $0.file != path }) {
            throw WriteError("series \(slug) already has a note for \(newDate)\(newTime.map { " \($0)" } ?? ""): \(existing.file); edit it, or pass --date for another day")
        }
        let location = logistics?.location ?? last?.header.location
        let link = logistics?.link ?? last?.header.link
        let duration = logistics?.durationMinutes ?? last?.header.durationMinutes

        // Mentee and mentor of one first name (Alex and Alex): `@alex` would read as the mentee.
        let menteeFirst = series.mentee.flatMap(ItemTracker.firstName)
        let sharedFirstName = menteeFirst != nil && menteeFirst == series.mentor.flatMap(ItemTracker.firstName) ? menteeFirst : nil
        let open = series.items.filter { $0.status.isActive }
            .sorted(by: AgendaDocument.oldestFirst)
        var context: [String: Any] = [
            "date": newDate.description, "time": newTime?.description ?? false,
            "menteeYAML": YAMLText.scalar(series.mentee ?? slug),
            "mentorYAML": series.mentor.map(YAMLText.scalar) ?? false,
            "series": slug,
            "previous": previousHeld != nil,
            "previousYAML": previousHeld.map { YAMLText.scalar(relativePath(from: path, to: $0.file)) } ?? false,
            "durationText": duration.map(durationText) ?? false,
            "locationYAML": location.map(YAMLText.scalar) ?? false,
            "linkYAML": link.map(YAMLText.scalar) ?? false,
            "titleMarkdown": MarkdownText.escape("Session with \(series.mentee ?? slug), \(newDate)"),
            "reviewItems": open.filter { !$0.isPrivate }.map { ["line": taskLine($0, sharedFirstName: sharedFirstName)] },
            "privateItems": open.filter(\.isPrivate).map { ["line": taskLine($0, sharedFirstName: sharedFirstName)] },
        ]
        // A week later, past days already cancelled (a holiday written ahead).
        var proposed = newDate.adding(days: 7)
        while series.sessions.contains(where: { $0.status == .cancelled && $0.date == proposed }) { proposed = proposed.adding(days: 7) }
        var next: [String: Any] = ["when": proposed.description + (newTime.map { " \($0)" } ?? "")]
        next["location"] = location.map(MarkdownText.escape) ?? false
        next["link"] = link.flatMap { ContextValues.link($0) as? String } ?? false
        next["durationText"] = duration.map(durationText) ?? false
        context["next"] = next
        let text = try render("session.md", context, templates: templates)
        return NoteDraft(path: path, text: text, date: newDate)
    }

    /// A first session for a new mentee, and their profile note when the series has none.
    public static func first(in notebook: Notebook, name: String, series: String? = nil, date: LocalDate?,
                             time: LocalTime?, templates: TemplateSet) throws(WriteError) -> [NoteDraft] {
        let cleaned = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cleaned.isEmpty, !cleaned.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw WriteError("the mentee's name is empty or holds control characters; give it as plain text")
        }
        let derived = series ?? Slug.make(cleaned)
        if derived.isEmpty {
            throw WriteError("'\(cleaned)' gives no series id (it has no Latin letters or digits); pass one with --series, like --series taro-tokyo")
        }
        let slug = try validSeries(derived)
        if let series = notebook.series(slug), !series.sessions.isEmpty {
            throw WriteError("series \(slug) already has sessions; use `mentor new \(slug)` for the next one")
        }
        let newDate = date ?? notebook.asOf.adding(days: 7)
        let sessionPath = "sessions/\(slug)/\(newDate).md"
        let existingProfile = notebook.profiles.first { $0.seriesID == slug && $0.header.role != .mentor }
        let profilePath = existingProfile?.file ?? "people/\(slug).md"
        var drafts: [NoteDraft] = []
        if existingProfile == nil {
            let profile = try render("profile.md", [
                "nameYAML": YAMLText.scalar(cleaned), "series": slug,
                "titleMarkdown": MarkdownText.escape(cleaned),
            ], templates: templates)
            drafts.append(NoteDraft(path: profilePath, text: profile))
        }
        let session = try render("first-session.md", [
            "date": newDate.description, "time": time?.description ?? false,
            "menteeYAML": YAMLText.scalar(cleaned), "series": slug,
            "mentorYAML": notebook.config.mentor.map(YAMLText.scalar) ?? false,
            "titleMarkdown": MarkdownText.escape("First session with \(cleaned), \(newDate)"),
            "profilePath": MarkdownText.escape(profilePath),
            "when": newDate.adding(days: 7).description + (time.map { " \($0)" } ?? ""),
        ], templates: templates)
        try refuseReplacing(sessionPath, in: notebook, series: slug)
        drafts.append(NoteDraft(path: sessionPath, text: session, date: newDate))
        return drafts
    }

    /// `--force` may replace a draft (a planned note of the series), never the record of a
    /// meeting, another series' note, a profile, or a note that could not be read.
    static func refuseReplacing(_ path: String, in notebook: Notebook, series slug: String) throws(WriteError) {
        switch notebook.note(at: path) {
        case nil, .session(series: slug, status: .planned)?:
            return
        case .session(let series, let status)?:
            let what = series == slug ? "a \(status.rawValue) session" : "series \(series)'s \(status.rawValue) session"
            throw WriteError("\(path) is the note of \(what); mentor new never replaces it, even with --force, so pass another --date")
        case .profile?:
            throw WriteError("\(path) is a profile note; mentor new never replaces it, even with --force")
        case .diagnosed?:
            throw WriteError("\(path) is a note mentor cannot read (`mentor check` says why); mentor new never replaces it, even with --force, so fix it or pass another --date")
        }
    }

    // MARK: - Pieces

    /// A series id that is safe as a folder name: a non-empty slug.
    static func validSeries(_ id: String) throws(WriteError) -> String {
        let slug = Slug.make(id)
        guard !slug.isEmpty, slug == id.lowercased(), slug.count <= 100 else {
            throw WriteError("'\(id)' is not a series id; ids are lower-case letters, digits and hyphens, like alex-chen")
        }
        return slug
    }

    /// `sessions/<series>/<date>.md`, or the folder and file-name pattern of the last of
    /// `sessions` (the first of its day; `sessions` leaves out cancellations ahead).
    static func notePath(for series: Series, among sessions: ArraySlice<Session>, date: LocalDate) -> String {
        // The pattern of the last day's first note: a second meeting's `-2` is not carried on.
        guard let lastDay = sessions.last?.date,
              let last = sessions.first(where: { $0.date == lastDay }) else { return "sessions/\(series.id)/\(date).md" }
        let folder = PreviousResolver.folder(of: last.file)
        let name = String(last.file.dropFirst(folder.isEmpty ? 0 : folder.count + 1))
        let lastDate = last.date.description
        guard name.contains(lastDate) else { return "sessions/\(series.id)/\(date).md" }
        let newName = name.replacingOccurrences(of: lastDate, with: date.description)
        return folder.isEmpty ? newName : folder + "/" + newName
    }

    /// A review line that re-reads as the same item in the same state.
    static func taskLine(_ item: TrackedItem, sharedFirstName: String? = nil) -> String {
        var line = ContextValues.checkbox(item.status) + " "
        if let owner = item.owner {
            // An owner that would not read back as one (`d'arcy`, a first name with an
            // apostrophe), or as another person (a first name mentee and mentor share), is
            // written by role; an item's owner otherwise came from an `@name`.
            if InlineFields(parsing: "@\(owner)").owner?.lowercased() == owner, owner != sharedFirstName || item.ownerRole == .other {
                line += "@\(owner) "
            } else if let role = item.ownerRole, role != .other {
                line += "@\(role.rawValue) "
            }
        }
        line += fieldSafeMarkdown(item.text, tags: item.tags)
        if let due = item.due { line += " due:\(due)" }
        for field in item.unreadableDues.compactMap(unreadableDueField) { line += " " + field }
        if let id = item.explicitID { line += " ^\(id)" }
        return line
    }

    /// A due date that cannot be read, as a field that a note's item reads back as that
    /// same date and nothing else: the value escaped for Markdown (it is the text a note's
    /// Markdown gave, `*`, `\\` or `&lt;` in it), in the bracketed form when it has spaces;
    /// nil when neither form reads back so.
    static func unreadableDueField(_ value: String) -> String? {
        let escaped = MarkdownText.escape(value)
        return ["due:\(escaped)", "[due:: \(escaped)]"].first { field in
            let note = NoteReader.read(path: "draft.md", text: "---\ndate: 2026-01-01\nmentee: A\n---\n## Action items\n- [ ] x \(field)\n")
            guard note.mentions.count == 1, let read = note.mentions.first?.fields else { return false }
            return read.text == "x" && read.due == nil && read.badDates == [InlineFields.BadDate(field: "due", value: value)]
        }
    }

    /// An item's text as Markdown that reads back as the same text and no fields: a word
    /// that came from a code span and reads as a field (`due:2026-11-01`, `@MainActor`,
    /// `#available`, `[due::`) goes back into one, the rest is escaped.
    static func fieldSafeMarkdown(_ text: String, tags: [String]) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let read = InlineFields(parsing: word)
            let isField = read.text != word || read.owner != nil || read.due != nil || read.done != nil || read.id != nil
                || !read.badDates.isEmpty || read.tags.contains { !tags.contains($0) } || word.contains("::")
            guard isField else { return MarkdownText.escape(String(word)) }
            return word.contains("`") ? "`` \(word) ``" : "`\(word)`"
        }.joined(separator: " ")
    }

    static func relativePath(from notePath: String, to target: String) -> String {
        let folder = PreviousResolver.folder(of: notePath)
        if PreviousResolver.folder(of: target) == folder {
            return String(target.dropFirst(folder.isEmpty ? 0 : folder.count + 1))
        }
        return target
    }

    static func durationText(_ minutes: Int) -> String {
        if minutes < 60 { return "\(minutes)m" }
        return minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h\(minutes % 60)m"
    }

    static func render(_ name: String, _ context: [String: Any], templates: TemplateSet) throws(WriteError) -> String {
        let text: String
        switch templates.renderDocument(name, context) {
        case .success(let rendered): text = rendered
        case .failure(.missing): throw WriteError("no template \(name).mustache")
        case .failure(.broken):
            throw WriteError("the notebook's template \(name).mustache does not parse; run `mentor check`")
        }
        // A pragma line may leave blank lines before the front matter fence.
        let trimmed = String(text.drop(while: { $0 == "\n" }))
        return trimmed.hasSuffix("\n") ? trimmed : trimmed + "\n"
    }
}
