/// Follows a series' goals and action items through its held sessions (spec 3.4).
///
/// One table per series for goals and action items: a mention matches an item by `^id`,
/// else by key. The first mention creates the item; later mentions with a checkbox set
/// its state, a later due date replaces the earlier, and closing dates come from a done
/// field or the closing session. Work is linear in the number of mentions.
struct ItemTracker {
    struct People {
        var mentee: String?
        var mentor: String?
        var defaultOwner: NotebookConfig.DefaultOwner
    }

    private let people: People
    private let asOf: LocalDate
    private(set) var items: [TrackedItem] = []
    private var byID: [String: Int] = [:]
    private var byKey: [String: Int] = [:]
    /// The newest item made with its own `^id` on a text an earlier item has: the latest
    /// round of a recurring task.
    private var newestRound: [String: Int] = [:]
    /// For active items: the held-session index whose end was last accounted for in `carried`.
    private var openSince: [Int?] = []
    /// The item each item is nested under; turned into its id at the end, since an id can
    /// still change when a later mention adds a `^id`.
    private var parents: [Int?] = []
    /// The held-session index that created each item: it never counts as a carry.
    private var createdAt: [Int] = []
    private var heldIndex = -1
    /// Items the current session reopened, with the closing they had: a session's last
    /// mention is its word (as the report's history reads it), so one that reopens and then
    /// closes an item again the same way leaves its closing where it was.
    private var reopenedThisSession: [Int: (status: ItemStatus, closed: LocalDate?, closedIn: String?)] = [:]
    /// Mentions of only an `^id` that no earlier item has: they create nothing.
    private(set) var unknownIDs: [(file: String, line: Int, column: Int, id: String, isPrivate: Bool)] = []
    /// Mentions that made a new item where an earlier one was probably meant: a review tick
    /// (done, dropped or in progress) that matches no item (spec 3.3 makes it a new action
    /// item), or an `^id` no item has
    /// on the text of an item that has another id. With the item meant, where one is close.
    private(set) var likelyDuplicates: [(file: String, line: Int, column: Int, isPrivate: Bool,
                                         kind: DuplicateKind, meant: TrackedItem?)] = []

    enum DuplicateKind { case unmatchedUpdate, otherID }
    /// How many more unmatched ticks get the item they probably meant looked for.
    private var suggestionsLeft = 20

    /// The people's first names and slugs, worked out once per series instead of per item.
    private let menteeFirst: String?
    private let mentorFirst: String?
    private let menteeSlugs: (first: String, full: String)?
    private let mentorSlugs: (first: String, full: String)?

    /// `mentions`: about how many mentions the series has, to make room for them at once.
    init(people: People, asOf: LocalDate, mentions: Int = 0) {
        self.people = people
        self.asOf = asOf
        items.reserveCapacity(mentions)
        byKey.reserveCapacity(mentions)
        menteeFirst = people.mentee.flatMap(ItemTracker.firstName)
        mentorFirst = people.mentor.flatMap(ItemTracker.firstName)
        menteeSlugs = people.mentee.map { [menteeFirst] in (Slug.make(menteeFirst ?? ""), Slug.make($0)) }
        mentorSlugs = people.mentor.map { [mentorFirst] in (Slug.make(mentorFirst ?? ""), Slug.make($0)) }
    }

    /// Applies one held session's mentions, in document order.
    mutating func apply(_ session: UnsafePointer<Session>) {
        heldIndex += 1
        if !reopenedThisSession.isEmpty { reopenedThisSession.removeAll(keepingCapacity: true) }
        // Through the buffer, not by element: a mention is a large value, which indexing the
        // array copies (a retain and a release per string of it) to pass it on.
        session.pointee.note.mentions.withUnsafeBufferPointer { mentions in
            var itemOfMention = [Int](repeating: -1, count: mentions.count)
            for mentionIndex in mentions.indices {
                let mention = mentions.baseAddress! + mentionIndex
                let parentItem = mention.pointee.parent.flatMap { itemOfMention[$0] >= 0 ? itemOfMention[$0] : nil }
                let index: Int
                if let existing = find(mention) {
                    index = existing
                    update(index, with: mention, in: session)
                } else if mention.pointee.fields.text.isEmpty {
                    // Nothing to create an item from: an id alone only names an item.
                    unknownIDs.append((session.pointee.file, mention.pointee.line, mention.pointee.column,
                                       mention.pointee.fields.id ?? "", mention.pointee.isPrivate))
                    continue
                } else {
                    noteLikelyDuplicate(mention, in: session)
                    index = create(mention, in: session, parent: parentItem)
                }
                itemOfMention[mentionIndex] = index
            }
        }
    }

    /// Closes the books: counts carries up to the last held session and marks overdue items.
    mutating func finish() -> [TrackedItem] {
        for index in items.indices {
            if let since = openSince[index] { items[index].carried += heldIndex - since }
            items[index].parent = parents[index].map { items[$0].id }
            // Fields read in place: a copy of the item would retain each of its strings.
            items[index].overdue = items[index].status.isActive && (items[index].due.map { $0 < asOf } ?? false)
            items[index].history.trimCapacity()
        }
        items.trimCapacity()
        return items
    }

    private mutating func find(_ mention: UnsafePointer<ItemMention>) -> Int? {
        if let id = mention.pointee.fields.id {
            if let index = byID[id] { return index }
            // An id added to an item first written without one still names that item.
            // Not to a closed item: its text again with an id is a new round of it.
            if !mention.pointee.key.isEmpty, let index = byKey[mention.pointee.key], items[index].explicitID == nil,
               items[index].status.isActive {
                items[index].explicitID = id
                items[index].id = id
                byID[id] = index
                return index
            }
            return nil
        }
        guard let first = byKey[mention.pointee.key] else { return nil }
        // A tick by text goes to the open round of a recurring task when the first is closed.
        if !items[first].status.isActive, let round = newestRound[mention.pointee.key], items[round].status.isActive {
            return round
        }
        return first
    }

    /// Records a mention about to make a new item where an earlier one was probably meant.
    private mutating func noteLikelyDuplicate(_ mention: UnsafePointer<ItemMention>, in session: UnsafePointer<Session>) {
        let kind: DuplicateKind
        let meant: Int?
        // A closed item's text again with a new id is a new round of a recurring task.
        if mention.pointee.fields.id != nil, let index = byKey[mention.pointee.key], items[index].status.isActive {
            kind = .otherID
            meant = index
        } else if mention.pointee.role == .update, heldIndex > 0, let box = mention.pointee.checkbox, box != .open {
            // A new open task in the review is a new task; a tick says something was done.
            // In the series' first session there is nothing earlier to tick.
            kind = .unmatchedUpdate
            // The search looks at every open item: a few ticks a series get it, so that a
            // note of thousands of unmatched ticks stays linear.
            meant = suggestionsLeft > 0 ? closestItem(to: mention.pointee.key) : nil
            suggestionsLeft -= 1
        } else {
            return
        }
        likelyDuplicates.append((session.pointee.file, mention.pointee.line, mention.pointee.column,
                                 mention.pointee.isPrivate, kind, meant.map { items[$0] }))
    }

    /// The open earlier item whose key shares the most words with `key`, when it shares at
    /// least half of the longer key's words: what a retyped review tick most likely meant.
    /// Words are compared on the keys' bytes, without sets: a notebook may have many such
    /// ticks, each compared with every open item of its series.
    private func closestItem(to key: String) -> Int? {
        var key = key
        return key.withUTF8 { keyBytes -> Int? in
            let words = ItemTracker.words(of: keyBytes)
            guard !words.isEmpty else { return nil }
            var best: (index: Int, shared: Int)?
            for index in items.indices where items[index].status.isActive {
                var other = items[index].key
                // The other key's words walked in place: an array of them for every open item
                // of the series, for every unmatched tick, was most of the linker's allocations.
                let (shared, count) = other.withUTF8 { otherBytes in
                    var shared = 0
                    var count = 0
                    ItemTracker.forEachWord(in: otherBytes) { word in
                        count += 1
                        if words.contains(where: { keyBytes[$0].elementsEqual(otherBytes[word]) }) { shared += 1 }
                    }
                    return (shared, count)
                }
                guard shared * 2 >= max(words.count, count), shared > (best?.shared ?? 0) else { continue }
                best = (index, shared)
            }
            return best?.index
        }
    }

    /// The words of a key (single spaces between them), as byte ranges.
    private static func words(of bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        forEachWord(in: bytes) { words.append($0) }
        return words
    }

    /// Each word of a key, as a byte range, in order.
    private static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x20 {
            if index > start { body(start..<index) }
            start = index + 1
        }
    }

    private mutating func create(_ mention: UnsafePointer<ItemMention>, in session: UnsafePointer<Session>, parent: Int?) -> Int {
        let status = mention.pointee.checkbox ?? .open
        let (owner, role) = owner(of: mention)
        let index = items.count
        let closesNow = !status.isActive
        // Made in the array's append, not in a variable first: that is copied, then freed.
        items.append(TrackedItem(
            id: mention.pointee.fields.id ?? mention.pointee.key, explicitID: mention.pointee.fields.id, key: mention.pointee.key,
            kind: mention.pointee.role == .goal ? .goal : .action, text: mention.pointee.fields.text,
            owner: owner, ownerRole: role, due: mention.pointee.fields.due, status: status,
            created: session.pointee.date, file: session.pointee.file, line: mention.pointee.line,
            closed: closesNow ? mention.pointee.fields.done ?? session.pointee.date : nil,
            closedIn: closesNow ? session.pointee.file : nil, carried: 0, overdue: false,
            parent: nil, tags: mention.pointee.fields.tags,
            details: mention.pointee.details, isPrivate: mention.pointee.isPrivate,
            history: [.init(file: session.pointee.file, date: session.pointee.date, line: mention.pointee.line,
                            status: status, checkbox: mention.pointee.checkbox, due: mention.pointee.fields.due,
                            carried: 0, closed: closesNow ? mention.pointee.fields.done ?? session.pointee.date : nil,
                            closedIn: closesNow ? session.pointee.file : nil)],
            unreadableDues: mention.pointee.fields.due == nil ? ItemTracker.unreadableDues(of: mention) : []))
        openSince.append(status.isActive ? heldIndex : nil)
        parents.append(parent)
        createdAt.append(heldIndex)
        if let id = mention.pointee.fields.id { byID[id] = index }
        // An empty key (text of marks alone, named by its id) is no key: it names nothing.
        // A new round of a recurring task (its text again with a new `^id`) is what the text
        // names from now on: a tick by text closes the round that is open.
        if !mention.pointee.key.isEmpty {
            if mention.pointee.fields.id != nil, byKey[mention.pointee.key] != nil { newestRound[mention.pointee.key] = index }
            byKey.insertIfAbsent(mention.pointee.key, index)
        }
        return index
    }

    /// The due dates `mention` wrote that cannot be read, as written (`due:`, `[due:: ]` or 📅).
    private static func unreadableDues(of mention: UnsafePointer<ItemMention>) -> [String] {
        guard !mention.pointee.fields.badDates.isEmpty else { return [] }
        return mention.pointee.fields.badDates.filter { $0.field == "due" || $0.field == "📅" }.map(\.value)
    }

    private mutating func update(_ index: Int, with mention: UnsafePointer<ItemMention>, in session: UnsafePointer<Session>) {
        let unreadable = ItemTracker.unreadableDues(of: mention)
        if let due = mention.pointee.fields.due {
            // A due date that reads beside unreadable ones: a correction when it is new (the
            // slips go), the date carried over when it is the one the item had (a draft's
            // review line writes it first, then the slips it keeps).
            items[index].unreadableDues = items[index].due == due ? unreadable : []
            items[index].due = due
        } else if !unreadable.isEmpty {
            items[index].unreadableDues = unreadable
        }
        if mention.pointee.fields.owner != nil {
            let (owner, role) = owner(of: mention)
            items[index].owner = owner
            items[index].ownerRole = role
        }
        for detail in mention.pointee.details where !items[index].details.contains(detail) {
            items[index].details.append(detail)
        }
        for tag in mention.pointee.fields.tags where !items[index].tags.contains(tag) {
            items[index].tags.append(tag)
        }
        // A mention without an id was found by its key, which is then in the table already.
        if mention.pointee.fields.id != nil, !mention.pointee.key.isEmpty { byKey.insertIfAbsent(mention.pointee.key, index) }
        if let status = mention.pointee.checkbox {
            transition(index, to: status, done: mention.pointee.fields.done, in: session)
        } else if let done = mention.pointee.fields.done, !items[index].status.isActive {
            items[index].closed = done
        }
        // Carried as it stands at this session's end: what is counted, plus the sessions since
        // it was last counted while it stays open (what `finish` adds at the last one).
        let carried = items[index].carried + (openSince[index].map { heldIndex - $0 } ?? 0)
        items[index].history.append(.init(file: session.pointee.file, date: session.pointee.date, line: mention.pointee.line,
                                          status: items[index].status, checkbox: mention.pointee.checkbox,
                                          due: items[index].due, carried: carried, closed: items[index].closed,
                                          done: mention.pointee.fields.done, closedIn: items[index].closedIn))
    }

    private mutating func transition(_ index: Int, to status: ItemStatus, done: LocalDate?, in session: UnsafePointer<Session>) {
        let old = items[index].status
        if old == status {
            // A closing dated again is the same closing, redated: it stays where it was made,
            // as the follow-ups' "closed in this session" and the report's history read it.
            if !status.isActive, let done { items[index].closed = done }
            return
        }
        items[index].status = status
        switch (old.isActive, status.isActive) {
        case (true, false):
            if let since = openSince[index] { items[index].carried += max(0, heldIndex - 1 - since) }
            openSince[index] = nil
            if let before = reopenedThisSession[index], before.status == status {
                items[index].closed = done ?? before.closed
                items[index].closedIn = before.closedIn
            } else {
                items[index].closed = done ?? session.pointee.date
                items[index].closedIn = session.pointee.file
            }
        case (false, true):
            if reopenedThisSession[index] == nil {
                reopenedThisSession[index] = (old, items[index].closed, items[index].closedIn)
            }
            // Reopened: this session's end counts, unless this is the session that created it.
            openSince[index] = max(heldIndex - 1, createdAt[index])
            items[index].closed = nil
            items[index].closedIn = nil
        case (false, false):
            items[index].closed = done ?? session.pointee.date
            items[index].closedIn = session.pointee.file
        case (true, true):
            break
        }
    }

    /// The owner as the export names it: the name after `@` lower-cased; `@mentee`,
    /// `@mentor` and a missing owner (by `default-owner`) give that person's first name.
    private func owner(of mention: UnsafePointer<ItemMention>) -> (String?, TrackedItem.OwnerRole?) {
        guard let written = mention.pointee.fields.owner?.lowercased() else {
            switch people.defaultOwner {
            case .mentee: return (menteeFirst, .mentee)
            case .mentor: return (mentorFirst, .mentor)
            case .none: return (nil, nil)
            }
        }
        switch written {
        case "mentee": return (menteeFirst, .mentee)
        case "mentor": return (mentorFirst, .mentor)
        default:
            // Compared without accents or case, so `@tomas` is Tomás and `@zoe-obrien` Zoë O'Brien.
            let folded = Slug.make(written)
            func names(_ slugs: (first: String, full: String)?) -> Bool {
                // A name with no Latin letters or digits has an empty slug: it names no one.
                guard let slugs, !folded.isEmpty else { return false }
                return folded == slugs.first || folded == slugs.full
            }
            if names(menteeSlugs) { return (written, .mentee) }
            if names(mentorSlugs) { return (written, .mentor) }
            return (written, .other)
        }
    }

    /// The first name as an owner writes it: lower-cased.
    static func firstName(_ name: String) -> String? {
        PersonName.firstName(of: name)?.lowercased()
    }
}

extension Dictionary {
    /// Sets `value` for `key` unless it has one, in a single lookup.
    mutating func insertIfAbsent(_ key: Key, _ value: Value) {
        // The `default:` subscript's modify inserts the default when the key is absent.
        func keep(_: inout Value) {}
        keep(&self[key, default: value])
    }
}
