/// The whole notebook, linked: mentorships with their chained sessions and followed
/// items, the profiles, the upcoming sessions and every diagnostic.
public struct Notebook: Sendable {
    /// Absolute path of the notebook folder.
    public var root: String
    public var config: NotebookConfig
    /// What "today" is for statuses, overdue items and stalled mentorships.
    public var asOf: LocalDate
    /// Mentorships sorted by id.
    public var series: [Series]
    /// Profile notes in path order.
    public var profiles: [Profile]
    /// Upcoming sessions of every series, by date, time and series.
    public var upcoming: [UpcomingSession]
    /// Every diagnostic of every file, in report order.
    public var diagnostics: [Diagnostic]
    /// How many Markdown files were read.
    public var fileCount: Int
    /// The notebook's own templates by file name (`agenda.md.mustache`).
    public var templateOverrides: [String: String] = [:]
    /// Symbolic links to notes read under another path: each link's path with that path.
    public var aliases: [String: String] = [:]

    /// The series with this id. The linker keeps series sorted by id, so this is a binary
    /// search (documents look a series up per upcoming session); a scan answers for an
    /// array reordered since.
    public func series(_ id: String) -> Series? {
        var low = 0
        var high = series.count
        while low < high {
            let middle = (low + high) / 2
            if series[middle].id < id { low = middle + 1 } else { high = middle }
        }
        if low < series.count, series[low].id == id { return series[low] }
        return series.first { $0.id == id }
    }
}

/// One mentorship: a mentee, a mentor and their sessions.
public struct Series: Sendable {
    public var id: String
    public var mentee: String?
    public var mentor: String?
    /// The mentee's profile note, if there is one.
    public var profile: Profile?
    /// Sessions in chain order.
    public var sessions: [Session]
    /// Goals and action items in creation order.
    public var items: [TrackedItem]

    /// Held sessions in chain order.
    public var heldSessions: [Session] { sessions.filter { $0.status == .held } }

    /// How many of the last notes are cancellations written ahead of time that the meeting
    /// agreed before them passes over, for upcoming sessions: the plan of the note before
    /// them is dated after that note and is not cancelled by them. 0 when there are none, or
    /// the note before them plans nothing such. (`mentor new` leaves them out more often: an
    /// undated plan keeps its place and its week.)
    func cancellationsAheadPassedOver(asOf: LocalDate) -> Int {
        let count = trailingCancellationsAhead(asOf: asOf)
        let first = sessions.endIndex - count
        guard count > 0, first > 0, sessions[first - 1].status != .planned,
              let planned = sessions[first - 1].header.next?.date, planned > sessions[first - 1].date,
              !cancelsThePlannedMeeting(lastNotes: count) else { return 0 }
        return count
    }

    /// How many of the last notes are cancellations written ahead of time.
    func trailingCancellationsAhead(asOf: LocalDate) -> Int {
        var first = sessions.endIndex
        while first > 0, sessions[first - 1].isCancellationAhead(asOf: asOf) { first -= 1 }
        return sessions.endIndex - first
    }

    /// Whether one of the last `count` notes is on the day the note before them planned:
    /// that meeting's note, cancelled.
    func cancelsThePlannedMeeting(lastNotes count: Int) -> Bool {
        let first = sessions.endIndex - count
        guard count > 0, first > 0, let planned = sessions[first - 1].header.next?.date else { return false }
        return sessions[first...].contains { $0.date == planned }
    }
}

/// A session note placed in its series.
public struct Session: Sendable {
    public var note: Note
    public var header: SessionHeader
    public var seriesID: String
    /// The status as written, else held on or before the as-of date and planned after it. A
    /// note marked held but dated after the as-of date is planned: as of that date it has
    /// not happened (spec 3.4), and it gets `held-in-future`.
    public var status: SessionStatus
    /// The note before this one in the chain.
    public var previous: String?
    /// The note after this one in the chain.
    public var next: String?

    public var file: String { note.path }
    public var date: LocalDate { header.date }
    public var time: LocalTime? { header.time }

    /// The status the note says it has: as written, else `status`. A note marked held keeps
    /// it here while dated ahead: writers keep it as the record it says it is.
    var statusAsWritten: SessionStatus { header.status ?? status }

    /// A cancellation written ahead of time: cancelled, dated after the as-of date, with no
    /// dated plan of its own (a holiday cancelled in advance). It leaves the meeting agreed
    /// before it the series' next one, unless it is that very meeting's note.
    func isCancellationAhead(asOf: LocalDate) -> Bool {
        status == .cancelled && date > asOf && header.next?.date == nil
    }
}

/// A profile note: the research a mentor does before a first session.
public struct Profile: Sendable {
    public var note: Note
    public var header: ProfileHeader
    /// The series this profile belongs to: its `series:` as a slug, else slug(name).
    public var seriesID: String

    public var file: String { note.path }
}

/// The meeting a series has next: a planned note, or the plan of its last note.
public struct UpcomingSession: Sendable, Hashable {
    public var series: String
    public var date: LocalDate
    public var time: LocalTime?
    public var location: String?
    public var link: String?
    public var durationMinutes: Int?
    /// The planned note for it, or nil when only the previous note's plan describes it.
    public var file: String?
    /// The note whose next-session plan announced it, when that is where it comes from.
    public var plannedIn: String?
}

extension UpcomingSession {
    /// `session` as the meeting an earlier note's `plan` announced for its date (spec 3.5):
    /// the note is the meeting, so its own time, place, link and length win and the plan
    /// fills in what it leaves out.
    init(series: String, session: Session, plan: NextSessionPlan?, plannedIn: String?) {
        self.init(series: series, date: session.date, time: session.time ?? plan?.time,
                  location: session.header.location ?? plan?.location,
                  link: session.header.link ?? plan?.link,
                  durationMinutes: session.header.durationMinutes ?? plan?.durationMinutes,
                  file: session.file, plannedIn: plannedIn)
    }
}

/// A goal or action item followed from the session that created it to the latest mention.
public struct TrackedItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable { case goal, action }
    /// Who an owner is in the mentorship.
    public enum OwnerRole: String, Sendable, Hashable { case mentee, mentor, other }

    /// One mention of the item in a held session.
    public struct Event: Sendable, Hashable {
        public var file: String
        public var date: LocalDate
        public var line: Int
        /// The status after this mention (unchanged where the mention had no checkbox).
        public var status: ItemStatus
        public var checkbox: ItemStatus?
        /// The due date after this mention (a later due date replaces an earlier one).
        public var due: LocalDate?
        /// The carried count at the end of this mention's session, as far as it is known then.
        public var carried: Int
        /// The closing date after this mention; nil while the item is open.
        public var closed: LocalDate?
        /// The mention's own `done:` date, when it wrote one (a closing it dates or corrects).
        public var done: LocalDate? = nil
        /// The note whose closing stands after this mention; nil while the item is open.
        public var closedIn: String? = nil
    }

    /// `^id` where given, else the key.
    public var id: String
    public var explicitID: String?
    public var key: String
    public var kind: Kind
    public var text: String
    /// The owner's name, lower-cased; nil for no owner.
    public var owner: String?
    public var ownerRole: OwnerRole?
    public var due: LocalDate?
    public var status: ItemStatus
    public var created: LocalDate
    public var file: String
    public var line: Int
    public var closed: LocalDate?
    public var closedIn: String?
    /// Held sessions after the creating one at whose end the item was still open.
    public var carried: Int
    public var overdue: Bool
    /// The `id` of the item this one is nested under.
    public var parent: String?
    public var tags: [String]
    public var details: [String]
    /// Created in a private section: left out of documents and, by default, of the export.
    public var isPrivate: Bool
    public var history: [Event]
    /// The due dates the item's latest mention to write one wrote so that they cannot be
    /// read (`due:2026-02-31`, `[due:: next week]`), as written; empty when none did, or
    /// when a later mention gave a new due date that reads (the correction wins). They have
    /// no meaning (the `bad-field-date` warning says so), but `mentor new` writes them back
    /// into the draft, so a typo is not lost with it.
    public var unreadableDues: [String] = []

    /// The due date as it stood at the end of `day`: the one the last mention on or before
    /// it left (a past week's report and a session's follow-up show that one).
    public func due(on day: LocalDate) -> LocalDate? {
        withUnsafePointer(to: self) { TrackedItem.due(of: $0, on: day) }
    }

    /// `due(on:)` through a pointer: a method called on `pointee` copies the item (and
    /// retains its dozen strings), which a report does for every item and week.
    static func due(of item: UnsafePointer<TrackedItem>, on day: LocalDate) -> LocalDate? {
        guard let last = item.pointee.history.last(where: { $0.date <= day }) else { return item.pointee.due }
        return last.due
    }

    /// The item as it stood at the end of `day`, nil before it was created: its status, its
    /// closing date (nil while open) and its carried count. A closing counts from its date
    /// (a `done:` field's, else its session's), a reopening from its session's, so a past
    /// week reads as it was even for an item reopened or dropped since. Through a pointer (a
    /// copy of an item retains its dozen strings), with `closesOnce` worked out by the
    /// caller once for many days; while the item is open and closes once, the status is
    /// `.open` (the caller reads an open item's status from its history).
    static func state(of item: UnsafePointer<TrackedItem>, on day: LocalDate, closesOnce: Bool)
        -> (status: ItemStatus, closed: LocalDate?, carried: Int)? {
        guard item.pointee.created <= day else { return nil }
        if closesOnce {
            if let closed = item.pointee.closed, closed <= day { return (item.pointee.status, closed, item.pointee.carried) }
            return (.open, nil, item.pointee.history.last { $0.date <= day }?.carried ?? 0)
        }
        return state(in: transitions(of: item), on: day)
    }

    /// The state on `day` from an item's `transitions` (worked out once for many days).
    static func state(in transitions: [(date: LocalDate, status: ItemStatus, closed: LocalDate?, carried: Int)],
                      on day: LocalDate) -> (status: ItemStatus, closed: LocalDate?, carried: Int) {
        var state: (status: ItemStatus, closed: LocalDate?, carried: Int) = (.open, nil, 0)
        for (date, status, closed, carried) in transitions where date <= day {
            state = (status, closed, carried)
        }
        return state
    }

    /// The item's changes in order, each from the day it counts: a session's last mention
    /// only (the later mention in a session wins, spec 3.4); a closing mentioned again with
    /// the same status is one closing, re-dated only by a `done:` date of its own (a
    /// correction), not by the session that mentions it again; and a closing counts from no
    /// earlier than the change before it (a `done:` dated before a reopening does not undo
    /// the reopening for the days between).
    static func transitions(of item: UnsafePointer<TrackedItem>)
        -> [(date: LocalDate, status: ItemStatus, closed: LocalDate?, carried: Int)] {
        let history = item.pointee.history
        var result: [(date: LocalDate, status: ItemStatus, closed: LocalDate?, carried: Int)] = []
        for (index, event) in history.enumerated() {
            if index + 1 < history.count, history[index + 1].file == event.file { continue }
            let closes = !event.status.isActive
            let closed = closes ? event.closed ?? event.date : nil
            if closes, let last = result.last, let lastClosed = last.closed, last.status == event.status {
                let corrected = event.done ?? lastClosed
                let before = result.count > 1 ? result[result.count - 2].date : corrected
                result[result.count - 1] = (corrected < before ? max(last.date, before) : corrected, event.status,
                                            corrected, event.carried)
                continue
            }
            // A closing dated before the change it follows counts from its own session.
            let from = closed.map { closed in result.last.map { closed < $0.date } ?? (closed < event.date) ? event.date : closed }
            result.append((from ?? event.date, event.status, closed, event.carried))
        }
        return result
    }

    /// Whether the item closed at most once and stayed as it closed (no reopening, no done
    /// turned dropped): then its final status and closing date tell its state on any day.
    static func closesOnce(_ item: UnsafePointer<TrackedItem>) -> Bool {
        // Fields read in place, by index: a copy of the history or of an event would retain
        // their strings, for each item of each report (twice: its figures and its tally).
        item.pointee.history.withUnsafeBufferPointer(closesOnce(history:))
    }

    /// `closesOnce` of an item with this history.
    static func closesOnce(history: UnsafeBufferPointer<Event>) -> Bool {
        var first = 0
        while first < history.count, history[first].status.isActive { first += 1 }
        guard first < history.count else { return true }
        // A closing mentioned again with its status (perhaps its `done:` corrected) is still
        // one closing, dated as the item's final closing date says; one dated before the
        // change it follows counts from its session, which `transitions` works out.
        if let closed = history[first].closed, closed < (first > 0 ? history[first - 1].date : history[first].date) {
            return false
        }
        let status = history[first].status
        var index = first + 1
        while index < history.count {
            if history[index].status != status { return false }
            index += 1
        }
        return true
    }
}
