/// The JSON export, version 1 (spec section 6): the stable contract for scripts.
///
/// These types mirror the JSON exactly and are kept apart from the internal model, so the
/// model can change without breaking users. Keys are written in the order listed here.
public struct ExportDocument: Sendable {
    public static let version = 1

    public struct SeriesEntry: Sendable {
        public var id: String
        public var mentee: String?
        public var mentor: String?
        public var profile: String?
        public var sessions: [SessionEntry]
        public var items: [ItemEntry]
    }

    public struct SessionEntry: Sendable {
        public var file: String
        public var date: String
        public var time: String?
        public var status: String
        public var previous: String?
        public var next: String?
        public var title: String?
        public var durationMinutes: Int?
        public var location: String?
        public var link: String?
        public var tags: [String]
        public var talkingPoints: [String]
        public var challenges: [String]
        public var guidance: [String]
        public var takeaways: [String]
        public var resources: [ResourceEntry]
        public var nextSession: NextSessionEntry?
    }

    public struct ResourceEntry: Sendable {
        public var title: String
        public var url: String?
    }

    public struct NextSessionEntry: Sendable {
        public var date: String?
        public var time: String?
        public var location: String?
        public var link: String?
        public var durationMinutes: Int?
    }

    public struct ItemEntry: Sendable {
        public var id: String
        public var key: String
        public var kind: String
        public var text: String
        public var owner: String?
        public var due: String?
        public var status: String
        public var created: String
        public var file: String
        public var line: Int
        public var closed: String?
        public var closedIn: String?
        public var carried: Int
        public var overdue: Bool
        public var parent: String?
        public var tags: [String]
    }

    public struct UpcomingEntry: Sendable {
        public var series: String
        public var date: String
        public var time: String?
        public var file: String?
    }

    public struct DiagnosticEntry: Sendable {
        public var file: String
        public var line: Int
        public var column: Int
        public var severity: String
        public var code: String
        public var message: String
    }

    public var asOf: String
    public var series: [SeriesEntry]
    public var upcoming: [UpcomingEntry]
    public var diagnostics: [DiagnosticEntry]

    /// The export of a linked notebook. Private sections' entries and items are left out
    /// unless `includePrivate` is set.
    public init(_ notebook: Notebook, includePrivate: Bool = false) {
        asOf = notebook.asOf.description
        series = notebook.series.map { SeriesEntry($0, includePrivate: includePrivate) }
        upcoming = notebook.upcoming.map(UpcomingEntry.init)
        diagnostics = notebook.diagnostics.map { DiagnosticEntry($0, includePrivate: includePrivate) }
    }

    /// The JSON text, pretty-printed, keys in contract order.
    public func rendered() -> String {
        var writer = JSONWriter()
        ExportDocument.write(asOf: asOf, series: series, upcoming: upcoming, diagnostics: diagnostics,
                             to: &writer, flush: { _ in })
        return writer.text
    }

    /// The export of a notebook written series by series, so that only one series' entries
    /// exist at a time: the same bytes as `ExportDocument(notebook).rendered()`, in far less
    /// memory for a big notebook.
    public static func render(_ notebook: Notebook, includePrivate: Bool = false) -> String {
        var writer = JSONWriter()
        write(notebook, includePrivate: includePrivate, to: &writer, flush: { _ in })
        return writer.text
    }

    /// The export of a notebook handed to `sink` a chunk at a time, in order: the same bytes
    /// as `render(notebook)`, without the whole text ever being in memory. Chunks are about
    /// `chunkSize` bytes (more when one entry is bigger); each buffer is valid only during its
    /// call. The export stops at the first error `sink` throws.
    /// With `jobs` above 1, series are rendered that many at a time on as many threads, in
    /// small batches, and written in order: the same bytes.
    public static func write<Failure: Error>(
        _ notebook: Notebook, includePrivate: Bool = false, chunkSize: Int = 1 << 16, jobs: Int = 1,
        to sink: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        // Room for a full chunk and the entry that crosses the mark, so the buffer rarely grows
        // (past a few megabytes it grows when it has to).
        var writer = JSONWriter(capacity: min(chunkSize, 1 << 22) / 2 * 3)
        let flush = { (writer: inout JSONWriter) throws(Failure) in
            if writer.count >= chunkSize { try writer.flush(to: sink) }
        }
        if jobs > 1 {
            try write(asOf: notebook.asOf.description,
                      series: RenderedInBatches(series: notebook.series, includePrivate: includePrivate, jobs: jobs),
                      upcoming: notebook.upcoming.lazy.map(UpcomingEntry.init),
                      diagnostics: notebook.diagnostics.lazy.map { DiagnosticEntry($0, includePrivate: includePrivate) },
                      to: &writer, flush: flush)
        } else {
            try write(notebook, includePrivate: includePrivate, to: &writer, flush: flush)
        }
        try writer.flush(to: sink)
    }

    /// The export of a notebook, its entries made one series at a time, just before they are
    /// written. `flush` is called between entries with the bytes written so far.
    static func write<Failure: Error>(_ notebook: Notebook, includePrivate: Bool, to writer: inout JSONWriter,
                                      flush: (inout JSONWriter) throws(Failure) -> Void) throws(Failure) {
        try write(asOf: notebook.asOf.description,
                  series: notebook.series.lazy.map { SeriesEntry($0, includePrivate: includePrivate) },
                  upcoming: notebook.upcoming.lazy.map(UpcomingEntry.init),
                  diagnostics: notebook.diagnostics.lazy.map { DiagnosticEntry($0, includePrivate: includePrivate) },
                  to: &writer, flush: flush)
    }

    /// The one layout of the document, whether its entries exist already or are made as it is
    /// written.
    private static func write<Failure: Error>(asOf: String, series: some Sequence<some SeriesWriting>,
                                              upcoming: some Sequence<UpcomingEntry>,
                                              diagnostics: some Sequence<DiagnosticEntry>,
                                              to writer: inout JSONWriter,
                                              flush: (inout JSONWriter) throws(Failure) -> Void) throws(Failure) {
        writer.beginObject()
        writer.field("version", version)
        writer.field("asOf", asOf)
        writer.key("series")
        writer.beginArray()
        for entry in series {
            writer.element()
            try entry.write(to: &writer, flush: flush)
        }
        writer.endArray()
        writer.key("upcoming")
        writer.beginArray()
        for entry in upcoming {
            writer.element()
            entry.write(to: &writer)
            try flush(&writer)
        }
        writer.endArray()
        writer.key("diagnostics")
        writer.beginArray()
        for entry in diagnostics {
            writer.element()
            entry.write(to: &writer)
            try flush(&writer)
        }
        writer.endArray()
        writer.endObject()
        writer.newline()
        try flush(&writer)
    }

    public var json: JSONValue {
        .object([
            ("version", .int(ExportDocument.version)),
            ("asOf", .string(asOf)),
            ("series", .array(series.map(\.json))),
            ("upcoming", .array(upcoming.map(\.json))),
            ("diagnostics", .array(diagnostics.map(\.json))),
        ])
    }

    /// `mentor check --format json`: the diagnostics alone.
    public static func checkJSON(_ diagnostics: [Diagnostic], asOf: LocalDate) -> JSONValue {
        .object([
            ("version", .int(version)),
            ("asOf", .string(asOf.description)),
            ("diagnostics", .array(diagnostics.map { DiagnosticEntry($0).json })),
        ])
    }
}

extension ExportDocument.SeriesEntry {
    init(_ series: Series, includePrivate: Bool) {
        // By index, so that sessions and items are read in place: `map` and `filter` would copy
        // each one (a retain and a release per string of it) on the way.
        // Through the buffers: indexing the arrays would copy each element to pass it on.
        var sessions: [ExportDocument.SessionEntry] = []
        sessions.reserveCapacity(series.sessions.count)
        series.sessions.withUnsafeBufferPointer { all in
            for index in all.indices {
                sessions.append(ExportDocument.SessionEntry(all.baseAddress! + index, includePrivate: includePrivate))
            }
        }
        var items: [ExportDocument.ItemEntry] = []
        items.reserveCapacity(series.items.count)
        series.items.withUnsafeBufferPointer { all in
            for index in all.indices where includePrivate || !all[index].isPrivate {
                items.append(ExportDocument.ItemEntry(all.baseAddress! + index))
            }
        }
        self.init(id: series.id, mentee: series.mentee, mentor: series.mentor, profile: series.profile?.file,
                  sessions: sessions, items: items)
    }

    var json: JSONValue {
        .object([
            ("id", .string(id)), ("mentee", .string(mentee)), ("mentor", .string(mentor)),
            ("profile", .string(profile)),
            ("sessions", .array(sessions.map(\.json))),
            ("items", .array(items.map(\.json))),
        ])
    }

    /// A series can hold any number of sessions and items: `flush` gets a chance after each.
    func write<Failure: Error>(to writer: inout JSONWriter,
                               flush: (inout JSONWriter) throws(Failure) -> Void) throws(Failure) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("mentee", mentee)
        writer.field("mentor", mentor)
        writer.field("profile", profile)
        writer.key("sessions")
        writer.beginArray()
        // By index, so that each entry is written in place rather than copied out first.
        for index in sessions.indices {
            writer.element()
            sessions[index].write(to: &writer)
            try flush(&writer)
        }
        writer.endArray()
        writer.key("items")
        writer.beginArray()
        for index in items.indices {
            writer.element()
            items[index].write(to: &writer)
            try flush(&writer)
        }
        writer.endArray()
        writer.endObject()
    }
}

extension ExportDocument.SessionEntry {
    /// Read through a pointer: a `Session` passed by value is copied out of its array first.
    init(_ session: UnsafePointer<Session>, includePrivate: Bool) {
        // One pass over the sections for the five lists, each keeping the sections' order.
        var talkingPoints: [String] = [], challenges: [String] = [], guidance: [String] = []
        var takeaways: [String] = [], resources: [ExportDocument.ResourceEntry] = []
        for index in session.pointee.note.sections.indices where includePrivate || !session.pointee.note.sections[index].isPrivate {
            switch session.pointee.note.sections[index].kind {
            case .agenda: talkingPoints.append(contentsOf: session.pointee.note.sections[index].entries.lazy.map(\.text))
            case .challenges: challenges.append(contentsOf: session.pointee.note.sections[index].entries.lazy.map(\.text))
            case .guidance: guidance.append(contentsOf: session.pointee.note.sections[index].entries.lazy.map(\.text))
            case .takeaways: takeaways.append(contentsOf: session.pointee.note.sections[index].entries.lazy.map(\.text))
            case .resources:
                resources.append(contentsOf: session.pointee.note.sections[index].links.lazy.map {
                    ExportDocument.ResourceEntry(title: $0.title, url: $0.url)
                })
            default: break
            }
        }
        let plan = session.pointee.header.next
        self.init(
            file: session.pointee.file, date: session.pointee.date.description, time: session.pointee.time?.description,
            status: session.pointee.status.rawValue, previous: session.pointee.previous, next: session.pointee.next,
            title: session.pointee.note.title, durationMinutes: session.pointee.header.durationMinutes,
            location: session.pointee.header.location, link: session.pointee.header.link, tags: session.pointee.header.tags,
            talkingPoints: talkingPoints, challenges: challenges, guidance: guidance, takeaways: takeaways,
            resources: resources,
            nextSession: plan.map {
                ExportDocument.NextSessionEntry(date: $0.date?.description, time: $0.time?.description,
                                                location: $0.location, link: $0.link,
                                                durationMinutes: $0.durationMinutes)
            })
    }

    var json: JSONValue {
        .object([
            ("file", .string(file)), ("date", .string(date)), ("time", .string(time)),
            ("status", .string(status)), ("previous", .string(previous)), ("next", .string(next)),
            ("title", .string(title)), ("durationMinutes", .int(durationMinutes)),
            ("location", .string(location)), ("link", .string(link)), ("tags", .strings(tags)),
            ("talkingPoints", .strings(talkingPoints)), ("challenges", .strings(challenges)),
            ("guidance", .strings(guidance)), ("takeaways", .strings(takeaways)),
            ("resources", .array(resources.map { .object([("title", .string($0.title)), ("url", .string($0.url))]) })),
            ("nextSession", nextSession.map { plan in
                .object([
                    ("date", .string(plan.date)), ("time", .string(plan.time)),
                    ("location", .string(plan.location)), ("link", .string(plan.link)),
                    ("durationMinutes", .int(plan.durationMinutes)),
                ])
            } ?? .null),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("file", file)
        writer.field("date", date)
        writer.field("time", time)
        writer.field("status", status)
        writer.field("previous", previous)
        writer.field("next", next)
        writer.field("title", title)
        writer.field("durationMinutes", durationMinutes)
        writer.field("location", location)
        writer.field("link", link)
        writer.field("tags", tags)
        writer.field("talkingPoints", talkingPoints)
        writer.field("challenges", challenges)
        writer.field("guidance", guidance)
        writer.field("takeaways", takeaways)
        writer.key("resources")
        writer.beginArray()
        for resource in resources {
            writer.element()
            writer.beginObject()
            writer.field("title", resource.title)
            writer.field("url", resource.url)
            writer.endObject()
        }
        writer.endArray()
        writer.key("nextSession")
        if let plan = nextSession {
            writer.beginObject()
            writer.field("date", plan.date)
            writer.field("time", plan.time)
            writer.field("location", plan.location)
            writer.field("link", plan.link)
            writer.field("durationMinutes", plan.durationMinutes)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.endObject()
    }
}

extension ExportDocument.ItemEntry {
    init(_ item: UnsafePointer<TrackedItem>) {
        self.init(id: item.pointee.id, key: item.pointee.key, kind: item.pointee.kind.rawValue, text: item.pointee.text, owner: item.pointee.owner,
                  due: item.pointee.due?.description, status: item.pointee.status.rawValue, created: item.pointee.created.description,
                  file: item.pointee.file, line: item.pointee.line, closed: item.pointee.closed?.description, closedIn: item.pointee.closedIn,
                  carried: item.pointee.carried, overdue: item.pointee.overdue, parent: item.pointee.parent, tags: item.pointee.tags)
    }

    var json: JSONValue {
        .object([
            ("id", .string(id)), ("key", .string(key)), ("kind", .string(kind)), ("text", .string(text)),
            ("owner", .string(owner)), ("due", .string(due)), ("status", .string(status)),
            ("created", .string(created)), ("file", .string(file)), ("line", .int(line)),
            ("closed", .string(closed)), ("closedIn", .string(closedIn)), ("carried", .int(carried)),
            ("overdue", .bool(overdue)), ("parent", .string(parent)), ("tags", .strings(tags)),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("key", key)
        writer.field("kind", kind)
        writer.field("text", text)
        writer.field("owner", owner)
        writer.field("due", due)
        writer.field("status", status)
        writer.field("created", created)
        writer.field("file", file)
        writer.field("line", line)
        writer.field("closed", closed)
        writer.field("closedIn", closedIn)
        writer.field("carried", carried)
        writer.field("overdue", overdue)
        writer.field("parent", parent)
        writer.field("tags", tags)
        writer.endObject()
    }
}

extension ExportDocument.UpcomingEntry {
    init(_ upcoming: UpcomingSession) {
        self.init(series: upcoming.series, date: upcoming.date.description, time: upcoming.time?.description,
                  file: upcoming.file)
    }

    var json: JSONValue {
        .object([("series", .string(series)), ("date", .string(date)), ("time", .string(time)),
                 ("file", .string(file))])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("series", series)
        writer.field("date", date)
        writer.field("time", time)
        writer.field("file", file)
        writer.endObject()
    }
}

extension ExportDocument.DiagnosticEntry {
    /// A diagnostic as the export shows it: one in a private part keeps its place and code,
    /// and its message (which quotes the private text) only with `includePrivate`.
    init(_ diagnostic: Diagnostic, includePrivate: Bool = true) {
        self.init(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column,
                  severity: diagnostic.severity.rawValue, code: diagnostic.code.rawValue,
                  message: diagnostic.isPrivate && !includePrivate
                      ? "in a private part of the note; `mentor check` shows it" : diagnostic.message)
    }

    var json: JSONValue {
        .object([
            ("file", .string(file)), ("line", .int(line)), ("column", .int(column)),
            ("severity", .string(severity)), ("code", .string(code)), ("message", .string(message)),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("file", file)
        writer.field("line", line)
        writer.field("column", column)
        writer.field("severity", severity)
        writer.field("code", code)
        writer.field("message", message)
        writer.endObject()
    }
}
