/// One Markdown file of the notebook, read and parsed: a pure value of (path, bytes).
public struct Note: Sendable {
    public enum Kind: Sendable, Hashable {
        /// A session note (front matter `type: session`; without a `type`, a mentee or series;
        /// with another `type`, a date and a mentee or series).
        case session
        /// A profile note (`type: profile`).
        case profile
        /// Anything else: a README, a plain note, or a file that could not be read.
        case other
    }

    /// Path relative to the notebook root, `/`-separated.
    public var path: String
    public var kind: Kind
    /// Present for readable session notes.
    public var session: SessionHeader?
    /// Present for readable profile notes.
    public var profile: ProfileHeader?
    /// The front matter `title`, else the first level-1 heading before any section.
    public var title: String?
    /// The Markdown before the first level-2 heading, title heading excluded.
    public var preamble: String
    public var sections: [NoteSection]
    /// Every goal, action item and review update, in document order.
    public var mentions: [ItemMention]
    public var diagnostics: [Diagnostic]

    public init(path: String, kind: Kind, session: SessionHeader? = nil, profile: ProfileHeader? = nil,
                title: String? = nil, preamble: String = "", sections: [NoteSection] = [],
                mentions: [ItemMention] = [], diagnostics: [Diagnostic] = []) {
        self.path = path
        self.kind = kind
        self.session = session
        self.profile = profile
        self.title = title
        self.preamble = preamble
        self.sections = sections
        self.mentions = mentions
        self.diagnostics = diagnostics
    }

    /// The sections of a kind, in order.
    public func sections(_ kind: SectionKind) -> [NoteSection] { sections.filter { $0.kind == kind } }

    /// This note as a read that keeps less makes it (`NoteReader.read(path:bytes:keepingMarkdown:
    /// keepingEntries:)` of the same bytes): a session note without `markdown` has no preamble
    /// and no section Markdown, and without `entries` no section entries and links. A profile
    /// keeps all of its own in every read. The tests and the fuzzer hold the reads to this.
    public func keeping(markdown: Bool, entries: Bool) -> Note {
        guard kind == .session, !markdown || !entries else { return self }
        var note = self
        if !markdown { note.preamble = "" }
        note.sections = sections.map { section in
            var section = section
            if !markdown { section.markdown = "" }
            if !entries {
                section.entries = []
                section.links = []
            }
            return section
        }
        return note
    }
}

/// A session's planned or recorded state. Raw values are the front matter's and the JSON's.
public enum SessionStatus: String, Sendable, Hashable, Codable {
    case planned, held, cancelled
}

/// What a session note's front matter says.
public struct SessionHeader: Sendable, Hashable {
    public var date: LocalDate
    public var time: LocalTime?
    public var mentee: String?
    public var mentor: String?
    /// The series from front matter, as a slug; nil means slug(mentee).
    public var series: String?
    /// The `previous:` value as written, with the line it stands on.
    public var previous: String?
    public var previousLine: Int
    /// The status as written; nil means: held if the date is on or before today, else planned.
    public var status: SessionStatus?
    public var statusLine: Int
    public var dateLine: Int
    public var durationMinutes: Int?
    public var location: String?
    public var link: String?
    public var tags: [String]
    /// The front matter `next:` map, if given.
    public var next: NextSessionPlan?

    public init(date: LocalDate, time: LocalTime? = nil, mentee: String? = nil, mentor: String? = nil,
                series: String? = nil, previous: String? = nil, previousLine: Int = 1,
                status: SessionStatus? = nil, statusLine: Int = 1, dateLine: Int = 1,
                durationMinutes: Int? = nil, location: String? = nil, link: String? = nil,
                tags: [String] = [], next: NextSessionPlan? = nil) {
        self.date = date
        self.time = time
        self.mentee = mentee
        self.mentor = mentor
        self.series = series
        self.previous = previous
        self.previousLine = previousLine
        self.status = status
        self.statusLine = statusLine
        self.dateLine = dateLine
        self.durationMinutes = durationMinutes
        self.location = location
        self.link = link
        self.tags = tags
        self.next = next
    }
}

/// What a profile note's front matter says.
public struct ProfileHeader: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, Codable { case mentee, mentor }

    public var name: String
    public var role: Role?
    public var email: String?
    /// The series from front matter, as a slug; nil means slug(name).
    public var series: String?
    public var links: [String]
    public var organization: String?

    public init(name: String, role: Role? = nil, email: String? = nil, series: String? = nil,
                links: [String] = [], organization: String? = nil) {
        self.name = name
        self.role = role
        self.email = email
        self.series = series
        self.links = links
        self.organization = organization
    }
}

/// The meeting planned after a session: from its next-session section or front matter `next:`.
public struct NextSessionPlan: Sendable, Hashable {
    public var date: LocalDate?
    public var time: LocalTime?
    public var location: String?
    public var link: String?
    public var durationMinutes: Int?
    /// The file line the plan was read from.
    public var line: Int

    public init(date: LocalDate? = nil, time: LocalTime? = nil, location: String? = nil,
                link: String? = nil, durationMinutes: Int? = nil, line: Int = 1) {
        self.date = date
        self.time = time
        self.location = location
        self.link = link
        self.durationMinutes = durationMinutes
        self.line = line
    }

    /// True when nothing at all was read.
    public var isEmpty: Bool {
        date == nil && time == nil && location == nil && link == nil && durationMinutes == nil
    }
}

/// A link listed in a note: its text and its target.
public struct ResourceLink: Sendable, Hashable {
    public var title: String
    public var url: String?

    public init(title: String, url: String?) {
        self.title = title
        self.url = url
    }
}

/// One line of a section: a top-level list item or, in a section without a list, a paragraph.
public struct SectionEntry: Sendable, Hashable {
    /// Plain text, white space collapsed, a leading checkbox removed.
    public var text: String
    public var line: Int
}

/// A level-2 section of a note with what was read from it.
public struct NoteSection: Sendable {
    public var kind: SectionKind
    /// The heading as written (plain text).
    public var title: String
    public var isPrivate: Bool
    /// File line of the heading.
    public var line: Int
    /// The section's Markdown source, heading excluded. Kept for sections shown as
    /// Markdown (`SectionKind.isShownAsMarkdown`) and for every section of a profile;
    /// empty for the others.
    public var markdown: String
    public var entries: [SectionEntry]
    /// Links in the section, in order (for resources).
    public var links: [ResourceLink]
}

/// One appearance of a goal or action item in a note.
public struct ItemMention: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        /// A top-level item of the goals section (or a task nested in one).
        case goal
        /// A task-list item elsewhere, or an item of the actions section.
        case action
        /// A task-list item in the review section: updates an earlier item.
        case update
    }

    public var role: Role
    /// nil when the item has no checkbox.
    public var checkbox: ItemStatus?
    public var fields: InlineFields
    /// The identity key of the text.
    public var key: String
    public var line: Int
    public var column: Int
    /// Index, in the note's mentions, of the item this one is nested under.
    public var parent: Int?
    /// Nested items without a checkbox, as plain text.
    public var details: [String]
    public var sectionKind: SectionKind?
    public var isPrivate: Bool

    /// The identity of the item in its series: `^id` where given, else the key.
    public var identity: String { fields.id ?? key }
}
