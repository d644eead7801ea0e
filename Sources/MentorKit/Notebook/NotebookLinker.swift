import Foundation

/// The link stage: turns parsed notes into the `Notebook` model.
extension Notebook {
    /// Links a read notebook as of a date: series, chains, profiles, items, upcoming sessions.
    public static func link(_ source: consuming NotebookSource, asOf: LocalDate, jobs: Int = 1) -> Notebook {
        var linker = NotebookLinker(source: source, asOf: asOf)
        return linker.run(jobs: jobs)
    }
}

/// The notes being linked, each moved out once by whichever thread links its series; an
/// empty note takes its place, so the array still holds valid values when it is freed.
private struct NotePool: @unchecked Sendable {
    let base: UnsafeMutablePointer<Note>?
    private static let empty = Note(path: "", kind: .other)

    func take(_ index: Int) -> Note {
        let slot = base! + index
        let note = slot.move()
        slot.initialize(to: NotePool.empty)
        return note
    }
}

/// Links the notes of a notebook into series (spec 3.2-3.5).
///
/// Series are linked independently of each other, so they are spread over `jobs` threads;
/// each keeps its own diagnostics, joined in series order, so the result is the same
/// whatever the number of threads.
struct NotebookLinker {
    /// The notebook without its notes: they are moved into sessions and profiles.
    var source: NotebookSource
    let asOf: LocalDate
    var diagnostics: [Diagnostic] = []

    init(source: consuming NotebookSource, asOf: LocalDate) {
        self.source = source
        self.asOf = asOf
    }

    mutating func run(jobs: Int = 1) -> Notebook {
        // Each note is moved, not copied, into its session or profile: a copy would retain
        // every string and array of every note, and touch all their memory again.
        var notes: [Note] = []
        swap(&notes, &source.notes)
        let fileCount = notes.count
        // Each session note's series id, worked out on all threads: reading the headers of
        // notes another thread made is most of what grouping them costs.
        var seriesIDs: [String?] = []
        do {
            let shared = notes
            seriesIDs = ParallelChunks.map(count: shared.count, jobs: jobs) { index in
                shared[index].session.map(NotebookLinker.seriesID(of:))
            }
        }
        diagnostics = source.diagnostics
        var readProfiles: [Profile] = []
        // Series hold the indexes of their notes: the notes stay where they are until the
        // series' thread moves them out.
        var notesBySeries: [String: [Int]] = [:]
        var sessionPaths: [String] = []
        let linked = notes.withUnsafeMutableBufferPointer { buffer -> [(Series, [UpcomingSession], [Diagnostic])] in
            let pool = NotePool(base: buffer.baseAddress)
            for index in buffer.indices {
                diagnostics += buffer[index].diagnostics
                if let header = buffer[index].profile {
                    let profileSeries = header.series ?? Slug.make(header.name)
                    // A note made with both headers (the reader never makes one) is both.
                    let note = seriesIDs[index] == nil ? pool.take(index) : buffer[index]
                    readProfiles.append(Profile(note: note, header: header, seriesID: profileSeries))
                }
                if let seriesID = seriesIDs[index] {
                    if seriesID.isEmpty {
                        // No series: reported here, and the note is left out.
                        if let header = buffer[index].session { _ = makeSession(pool.take(index), header) }
                        continue
                    }
                    sessionPaths.append(buffer[index].path)
                    notesBySeries[seriesID, default: []].append(index)
                }
            }
            reportStrays(notesBySeries, paths: { buffer[$0].path }, mentee: { buffer[$0].session?.mentee })
            let profiles = readProfiles
            let profileIndex = ProfileIndex(profiles)
            let resolver = PreviousResolver(paths: sessionPaths, aliases: source.aliases)
            let ids = notesBySeries.keys.sorted()
            let members = ids.map { notesBySeries[$0] ?? [] }
            return ParallelChunks.map(count: ids.count, jobs: jobs) { [self] index in
                var local = NotebookLinker(source: source, asOf: asOf)
                // Notes become sessions here, on the series' thread (their diagnostics with them).
                var sessions: [Session] = []
                sessions.reserveCapacity(members[index].count)
                for member in members[index] {
                    let note = pool.take(member)
                    guard let header = note.session, let session = local.makeSession(consume note, header) else { continue }
                    sessions.append(session)
                }
                let series = local.series(ids[index], sessions: consume sessions, resolver: resolver,
                                          profiles: profiles, index: profileIndex)
                let upcoming = local.upcomingSessions(of: series)
                return (series, upcoming, local.diagnostics)
            }
        }
        var allSeries: [Series] = []
        var upcoming: [UpcomingSession] = []
        allSeries.reserveCapacity(linked.count)
        for (series, seriesUpcoming, problems) in linked {
            allSeries.append(series)
            upcoming += seriesUpcoming
            diagnostics += problems
        }
        upcoming.sort { ($0.date, $0.time?.minutes ?? -1, $0.series) < ($1.date, $1.time?.minutes ?? -1, $1.series) }
        return Notebook(root: source.root, config: source.config, asOf: asOf, series: allSeries,
                        profiles: readProfiles, upcoming: upcoming, diagnostics: diagnostics.sortedForReport(),
                        fileCount: fileCount, templateOverrides: source.templateOverrides, aliases: source.aliases)
    }

    /// One series: its chain, people, profile and items.
    private mutating func series(_ id: String, sessions unordered: consuming [Session], resolver: PreviousResolver,
                                 profiles: [Profile], index: ProfileIndex) -> Series {
        let sessions = chain(consume unordered, series: id, resolver: resolver)
        let mentee = sessions.reversed().lazy.compactMap(\.header.mentee).first
        let mentor = sessions.reversed().lazy.compactMap(\.header.mentor).first ?? source.config.mentor
        var series = Series(id: id, mentee: mentee, mentor: mentor, profile: nil, sessions: sessions, items: [])
        series.profile = profile(for: series, among: profiles, index: index)
        if series.mentee == nil { series.mentee = series.profile?.header.name }

        var mentions = 0
        for index in sessions.indices where sessions[index].status == .held { mentions += sessions[index].note.mentions.count }
        var tracker = ItemTracker(people: .init(mentee: series.mentee, mentor: series.mentor,
                                                defaultOwner: source.config.defaultOwner),
                                  asOf: asOf, mentions: mentions)
        sessions.withUnsafeBufferPointer { held in
            for index in held.indices where held[index].status == .held { tracker.apply(held.baseAddress! + index) }
        }
        series.items = tracker.finish()
        for unknown in tracker.unknownIDs {
            diagnostics.append(Diagnostic(
                file: unknown.file, line: unknown.line, column: unknown.column, code: .unknownItemID,
                message: "^\(unknown.id) has no text of its own and names no earlier item of this series; write the item's text with it, or fix the id",
                isPrivate: unknown.isPrivate))
        }
        for duplicate in tracker.likelyDuplicates {
            let meant = duplicate.meant.map { item in
                "'\(item.text)'" + (item.explicitID.map { " (^\($0))" } ?? "") + " from \(item.created)"
            }
            let message: String
            switch duplicate.kind {
            case .unmatchedUpdate:
                message = "this review line matches no earlier item of the series, so it is a new action item; if it updates \(meant ?? "one"), write its text as it was or its ^id"
            case .otherID:
                message = "this item's ^id names no earlier item, but its text is that of \(meant ?? "an earlier item"), so it is a new item; write that item's ^id to update it, or change the text"
            }
            diagnostics.append(Diagnostic(file: duplicate.file, line: duplicate.line, column: duplicate.column,
                                          code: duplicate.kind == .unmatchedUpdate ? .unmatchedUpdate : .itemIDMismatch,
                                          message: message, isPrivate: duplicate.isPrivate || (duplicate.meant?.isPrivate ?? false)))
        }
        return series
    }

    /// A note filed in a folder named after another series, among at least two of that
    /// series' notes (`sessions/alex-romero/` holding a note with `mentee: Alex`), starts a
    /// series of its own: said, since nothing else would show it. Folders are compared by
    /// name with series ids; a folder of several series' notes, named after none, is fine.
    private mutating func reportStrays(_ notesBySeries: [String: [Int]], paths: (Int) -> String, mentee: (Int) -> String?) {
        // A folder and its own name, as `previous:` names folders.
        func folder(_ path: String) -> (path: Substring, name: Substring)? {
            let folder = PreviousResolver.folderSlice(of: path)
            guard !folder.isEmpty else { return nil }
            let name = folder.utf8.lastIndex(of: UInt8(ascii: "/")).map { folder[folder.utf8.index(after: $0)...] } ?? folder
            return (folder, name)
        }
        // Only a note filed away from a folder named after its series can be a stray: when
        // none is (as in most notebooks), the folders need no counting (which hashed every
        // note's folder, serially: 3 % of the report of 10,500 notes).
        let anyAway = notesBySeries.contains { id, indices in
            indices.contains { index in
                let path = paths(index)
                return !Self.isFiled(path, inFolderNamed: id) && folder(path).map { $0.name != id } ?? false
            }
        }
        guard anyAway else { return }
        var homeCounts: [Substring: Int] = [:]
        for (id, indices) in notesBySeries {
            for index in indices {
                if let (path, name) = folder(paths(index)), name == id { homeCounts[path, default: 0] += 1 }
            }
        }
        guard !homeCounts.isEmpty else { return }
        for (id, indices) in notesBySeries {
            for index in indices {
                let file = paths(index)
                guard let (path, name) = folder(file), name != id, (homeCounts[path] ?? 0) >= 2 else { continue }
                let source = mentee(index).map { "from its mentee '\($0)'" } ?? "from its `series:`"
                report(file, 1, .strayNote,
                       "this note is in series '\(id)' (\(source)), but it is filed with the notes of series '\(name)' in \(path)/; if it belongs to that mentorship, write the mentee's name as those notes do, or `series: \(name)`")
            }
        }
    }

    /// Whether the folder `path` is in has the bytes of `name` for its name: a test on bytes
    /// for the usual case, which the comparison of strings (equal for other spellings in
    /// Unicode too) decides otherwise.
    static func isFiled(_ path: String, inFolderNamed name: String) -> Bool {
        var path = path, name = name
        return path.withUTF8 { path in
            name.withUTF8 { name in
                let slash = UInt8(ascii: "/")
                guard !name.isEmpty, let last = path.lastIndex(of: slash) else { return false }
                let start = path[..<last].lastIndex(of: slash).map { $0 + 1 } ?? 0
                return last - start == name.count && memcmp(path.baseAddress! + start, name.baseAddress!, name.count) == 0
            }
        }
    }

    // MARK: - Sessions

    /// A session's series: `series:` as written, else slug(mentee); empty when neither.
    static func seriesID(of header: SessionHeader) -> String {
        header.series ?? header.mentee.map { Slug.make($0) } ?? ""
    }

    private mutating func makeSession(_ note: consuming Note, _ header: SessionHeader) -> Session? {
        let seriesID = NotebookLinker.seriesID(of: header)
        guard !seriesID.isEmpty else {
            if header.mentee != nil {
                report(note.path, 1, .missingMentee,
                       "mentee name has no letters or digits to make a series id from; add `series: id`")
            }
            return nil
        }
        let status = header.status == .held && header.date > asOf ? .planned
            : header.status ?? (header.date <= asOf ? .held : .planned)
        if header.status == .planned, header.date < asOf {
            report(note.path, header.statusLine, .plannedInPast,
                   "session on \(header.date) is still `planned` although that date has passed; set `status: held` or `cancelled`")
        }
        if header.status == .held, header.date > asOf {
            report(note.path, header.statusLine, .heldInFuture,
                   "session on \(header.date) is marked `held` but that date is after \(asOf); set `status: planned` or fix the date")
        }
        return Session(note: note, header: header, seriesID: seriesID, status: status)
    }

    /// Orders a series' sessions into its chain and sets previous/next.
    private mutating func chain(_ unordered: consuming [Session], series: String, resolver: PreviousResolver) -> [Session] {
        // Sorted and reordered in place: sessions are moved, never copied (`consume`: without
        // it the parameter kept a second reference, and sorting copied every session).
        var sessions = consume unordered
        sessions.sort { lhs, rhs in
            if lhs.date != rhs.date { return lhs.date < rhs.date }
            let left = lhs.time?.minutes ?? -1, right = rhs.time?.minutes ?? -1
            if left != right { return left < right }
            return TextScanning.precedesInBytes(lhs.file, rhs.file)
        }
        var seriesSessions = PreviousResolver.SeriesSessions(sessions)
        var position: [String: Int] = [:]
        // By index: iterating the sessions would copy each one (and retain all it holds).
        for index in sessions.indices { position[sessions[index].file] = index }

        var links = [Int?](repeating: nil, count: sessions.count)
        for index in sessions.indices {
            guard let value = sessions[index].header.previous else { continue }
            let file = sessions[index].file
            let line = sessions[index].header.previousLine
            switch resolver.resolve(value, from: file, in: &seriesSessions) {
            case .notFound:
                // The example is the note just before this one in date order, if any, as this
                // note can name it: its file name in the same folder, else its notebook path.
                let example = index > 0 ? PreviousResolver.name(of: sessions[index - 1].file, from: file) : nil
                report(file, line, .badPrevious,
                       "previous: '\(value)' matches no session note; name a file (\(example ?? "YYYY-MM-DD.md")), a [[wikilink]] or the date of a session in series \(series)")
            case .ambiguous(let paths):
                report(file, line, .ambiguousPrevious,
                       "previous: '\(value)' matches \(paths.count) sessions (\(paths.joined(separator: ", "))); name the file's path instead")
            case .found(let path):
                if let target = position[path] {
                    links[index] = target
                } else {
                    report(file, line, .previousOtherSeries,
                           "previous: '\(value)' is a session of another series (\(path)); the link is ignored")
                }
            }
        }
        // Cycles first, so that a link dropped for a cycle does not also claim a successor.
        let onCycles = ChainOrder.nodesOnCycles(links: links)
        for index in onCycles.sorted() {
            let value = sessions[index].header.previous ?? ""
            report(sessions[index].file, sessions[index].header.previousLine, .previousCycle,
                   "previous: '\(value)' makes a cycle of \(links[index] == index ? "one session naming itself" : "previous links"); remove or fix `previous:` so the chain has a start")
            links[index] = nil
        }
        // Two held sessions following the same one is a fork in the record; a cancelled or
        // planned session beside a held one is rescheduling or planning ahead.
        var successorOf: [Int: Int] = [:]
        for index in links.indices where sessions[index].status == .held {
            guard let target = links[index] else { continue }
            if let other = successorOf[target] {
                let value = sessions[index].header.previous ?? ""
                report(sessions[index].file, sessions[index].header.previousLine, .previousShared,
                       "previous: '\(value)' is already the previous session of \(sessions[other].file); a session has one successor, so fix one of the two")
                links[index] = nil
            } else {
                successorOf[target] = index
            }
        }
        reportSameTime(sessions, links: links)

        // `previous` is what the note says where it says it (a link may skip a cancelled
        // session), else the neighbour; `next` is always the neighbour in the chain.
        let order = ChainOrder.order(count: sessions.count, links: links)
        let files = seriesSessions.files
        ChainOrder.permute(&sessions, by: order)
        for (index, base) in order.enumerated() {
            sessions[index].previous = links[base].map { files[$0] } ?? (index > 0 ? files[order[index - 1]] : nil)
            sessions[index].next = index + 1 < order.count ? files[order[index + 1]] : nil
        }
        return sessions
    }

    /// Two sessions on the same date and time are an error unless one names the other.
    private mutating func reportSameTime(_ sessions: [Session], links: [Int?]) {
        var start = 0
        while start < sessions.count {
            var end = start + 1
            while end < sessions.count, sessions[end].date == sessions[start].date,
                  sessions[end].time == sessions[start].time { end += 1 }
            if end - start > 1 {
                // Pairwise: sessions linked by `previous:` (directly or through each other)
                // form one run; every run after the first conflicts with the first.
                var component = Array(start..<end)
                func root(_ member: Int) -> Int {
                    var node = member
                    while component[node - start] != node { node = component[node - start] }
                    return node
                }
                for member in start..<end {
                    if let previous = links[member], (start..<end).contains(previous) {
                        let (a, b) = (root(member), root(previous))
                        component[max(a, b) - start] = min(a, b)
                    }
                }
                var reported = Set<Int>([root(start)])
                for member in start..<end where reported.insert(root(member)).inserted {
                    let when = sessions[member].date.description + (sessions[member].time.map { " " + $0.description } ?? "")
                    report(sessions[member].file, sessions[member].header.dateLine, .sameTimeConflict,
                           "another session of this series is on \(when) too (\(sessions[start].file)); give one a different time or set `previous:` to say which comes first")
                }
            }
            start = end
        }
    }

    // MARK: - Profiles

    private mutating func profile(for series: Series, among profiles: [Profile], index: ProfileIndex) -> Profile? {
        let matches = index.candidates(series: series.id, mentee: series.mentee).map { profiles[$0] }
            .filter { $0.header.role != .mentor }
        guard let first = matches.first else { return nil }
        for extra in matches.dropFirst() {
            report(extra.file, 1, .duplicateProfile,
                   "another profile (\(first.file)) already describes series \(series.id); this one is not used")
        }
        return first
    }

    /// Profiles by series id and by lower-cased name, so that finding a series' profile
    /// does not look at every profile (quadratic in a notebook with many mentees).
    struct ProfileIndex: Sendable {
        private var bySeries: [String: [Int]] = [:]
        private var byName: [String: [Int]] = [:]

        init(_ profiles: [Profile]) {
            for (index, profile) in profiles.enumerated() {
                bySeries[profile.seriesID, default: []].append(index)
                byName[profile.header.name.lowercased(), default: []].append(index)
            }
        }

        /// Indexes of the profiles whose series id or name matches, in notebook order.
        func candidates(series: String, mentee: String?) -> [Int] {
            let byID = bySeries[series] ?? []
            guard let mentee, let named = byName[mentee.lowercased()] else { return byID }
            return Array(Set(byID).union(named)).sorted()
        }
    }

    // MARK: - Upcoming

    /// Planned notes, plus the plan of the last note when no later note exists (spec 3.5).
    private mutating func upcomingSessions(of series: Series) -> [UpcomingSession] {
        // A planned note followed by a held one, or by a cancelled one whose day has come, is
        // not upcoming any more. A cancellation written ahead of time leaves the meetings
        // before it upcoming.
        let afterLastRecorded = (series.sessions.lastIndex {
            $0.status == .held || ($0.status == .cancelled && $0.date <= asOf)
        }).map { $0 + 1 } ?? 0
        // A planned note is the meeting an earlier note planned for its date: what the note
        // leaves out (time, place, link, length) comes from that plan.
        let plans = series.sessions[..<afterLastRecorded].compactMap { session -> (String, NextSessionPlan)? in
            guard let plan = session.header.next, plan.date != nil else { return nil }
            return (session.file, plan)
        }
        var result = series.sessions[afterLastRecorded...].filter { $0.status == .planned }.map { session in
            let plan = plans.last { $0.1.date == session.date }
            return UpcomingSession(series: series.id, session: session, plan: plan?.1, plannedIn: plan?.0)
        }
        // A plan is the upcoming session only while no later note exists for it: so only the
        // last note's own plan can be, past cancellations written ahead of time.
        let passedOver = series.cancellationsAheadPassedOver(asOf: asOf)
        guard let last = series.sessions.dropLast(passedOver).last, last.status != .planned else { return result }
        if let plan = last.header.next, let date = plan.date, date > last.date {
            result.append(UpcomingSession(series: series.id, date: date, time: plan.time,
                                          location: plan.location, link: plan.link,
                                          durationMinutes: plan.durationMinutes, file: nil,
                                          plannedIn: last.file))
        } else if last.status == .held, !last.note.diagnostics.contains(where: { $0.code == .badDate }) {
            // A plan whose date could not be read has its `bad-date` (the only one a session
            // keeps: a bad `date:` leaves the note out); "no next session planned" would
            // contradict it.
            let section = last.note.sections(.next).first
            // Without the section, a plan is the front matter's `next:` map: the advice and the
            // line are that map's.
            let inFrontMatter = section == nil && last.header.next != nil
            let message: String
            if section == nil, last.header.next == nil {
                message = "no next session planned after this one; add a `## Next session` section with `- When: YYYY-MM-DD HH:MM`"
            } else if let date = last.header.next?.date {
                message = "no next session planned after this one: the plan's date \(date) is not after this session's (\(last.date)); write the next meeting's date in "
                    + (inFrontMatter ? "the front matter's `next:` map, as `date: YYYY-MM-DD`" : "`- When: YYYY-MM-DD HH:MM`")
            } else if inFrontMatter {
                message = "no next session planned after this one: its date is not known yet; once you agree on one, write `date: YYYY-MM-DD` in the front matter's `next:` map"
            } else {
                message = "no next session planned after this one: its date is not known yet; once you agree on one, write `- When: YYYY-MM-DD HH:MM` in its `## Next session` section"
            }
            report(last.file, section?.line ?? last.header.next?.line ?? 1, .noNextSession, message)
        }
        return result
    }

    private mutating func report(_ file: String, _ line: Int, _ code: DiagnosticCode, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, code: code, message: message))
    }
}
