import Foundation

/// Reads a note's Markdown body: its title, sections, section entries and item mentions.
struct BodyReader {
    let path: String
    let tree: MarkdownTree
    /// The body's lines, found once: boxes are checked at their written place, and fences
    /// and sections' Markdown are read by line.
    private let lines: BodyLines
    private let body: Substring
    private var lineCount: Int { lines.count }
    let lineOffset: Int

    private(set) var title: String?
    private(set) var preamble = ""
    /// Body lines of the preamble that a heading marked private hides.
    private var preambleHidden: [Range<Int>] = []
    private(set) var sections: [NoteSection] = []
    private(set) var mentions: [ItemMention] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// The plan of the next-session sections: where several give a field, the first wins.
    private(set) var plan: NextSessionPlan?
    /// The mention index of each item node that became one (so nested items find their
    /// parent), -1 for the others; made on the note's first mention. Sections are disjoint
    /// ranges of nodes, so one table serves the whole note.
    private var mentionOfNode: [Int32] = []

    /// Whether every section keeps its Markdown (a profile's research is shown whole);
    /// otherwise only the sections documents show as Markdown do, which saves memory.
    let keepsAllMarkdown: Bool
    /// Whether any section keeps its Markdown at all.
    let keepsMarkdown: Bool
    /// Whether sections keep their entries and links; items, logistics and diagnostics are
    /// read either way.
    let keepsEntries: Bool

    /// Whether a heading a letter or two away from a known one gets `unknown-section`: in
    /// session notes, whose headings say what their sections hold (a profile's are free).
    let warnsOfNearMisses: Bool

    /// Reads the body whose lines are `lines` (`BodyLines(body)`, found by the caller).
    /// `parsed` is what cmark parses instead of the body, when the caller emptied the lines
    /// of sections the read throws away (`UnreadSections`): the kept lines are the body's.
    init(path: String, lines: BodyLines, parsed: [UInt8]? = nil, lineOffset: Int, keepsAllMarkdown: Bool = true,
         keepsMarkdown: Bool = true, keepsEntries: Bool = true, warnsOfNearMisses: Bool = false) {
        self.warnsOfNearMisses = warnsOfNearMisses
        self.path = path
        self.lineOffset = lineOffset
        self.keepsAllMarkdown = keepsAllMarkdown
        self.keepsMarkdown = keepsMarkdown
        self.keepsEntries = keepsEntries
        tree = parsed.map { $0.withUnsafeBufferPointer(CMarkAdapter.parse) } ?? CMarkAdapter.parse(lines.body)
        body = lines.body
        self.lines = lines
    }

    mutating func read() {
        let blocks = tree.children(of: 0)
        var preambleBlocks: [Int] = []
        // A section's blocks are the top-level blocks between its heading and the next: a
        // slice of `blocks`, no array of its own.
        var current: (heading: Int, firstBlock: Int)?
        var titleHeading: Int?
        // Room for every section up front (level-2 headings, and level-1 ones after the first).
        var sectionCount = 0
        for block in blocks where tree.nodes[block].kind == .heading {
            let level = tree.nodes[block].level
            if level == 2 || (level == 1 && sectionCount > 0) { sectionCount += 1 }
        }
        sections.reserveCapacity(sectionCount)
        // Room for a mention per list item, the most there can be, up to what a long note
        // has: one allocation instead of one per doubling (trimmed at the end). Capped, so
        // that a note of a hundred thousand list items does not reserve megabytes.
        var itemCount = 0
        for node in tree.nodes where node.kind == .item { itemCount += 1 }
        mentions.reserveCapacity(min(itemCount, 128))
        for (position, block) in blocks.enumerated() {
            let node = tree.nodes[block]
            if node.kind == .heading, node.level <= 2 {
                // Level-1 headings before the first section are title and preamble; after
                // it, they close the section (and open one of kind `other`).
                if node.level == 1, current == nil {
                    if titleHeading == nil { titleHeading = block }
                    // The title among the preamble's blocks too: it ends a private part above
                    // it, and a private title hides what follows it.
                    preambleBlocks.append(block)
                    continue
                }
                if let open = current {
                    finishSection(heading: open.heading, blocks: blocks[open.firstBlock..<position], until: node.line)
                } else {
                    finishPreamble(preambleBlocks[...], until: node.line)
                }
                current = (block, position + 1)
            } else if current == nil {
                preambleBlocks.append(block)
            }
        }
        if let open = current {
            finishSection(heading: open.heading, blocks: blocks[open.firstBlock...], until: lineCount + 1)
        } else {
            finishPreamble(preambleBlocks[...], until: lineCount + 1)
        }

        sections.trimCapacity()
        mentions.trimCapacity()
        reportUnclosedFences()
        // A title marked private is private too: no document shows it.
        if let titleHeading {
            let text = tree.collapsedText(of: titleHeading)
            if !SectionKind.isPrivate(heading: text) { title = text }
        }
        let preambleEnd = sections.first.map { $0.line - lineOffset } ?? lineCount + 1
        let preambleStart = titleHeading.map { tree.nodes[$0].endLine + 1 } ?? 1
        // Only a profile's preamble is shown (as research), so a lean read leaves it out.
        preamble = keepsMarkdown ? source(from: preambleStart, to: preambleEnd, skipping: preambleHidden) : ""
    }

    /// The items of the blocks before the first section, hidden as in a section where a
    /// heading marked private (the title too) stands among them.
    private mutating func finishPreamble(_ blocks: ArraySlice<Int>, until nextLine: Int) {
        let (_, privateBlocks, hiddenLines) = privateParts(of: blocks, allPrivate: false, until: nextLine)
        preambleHidden = hiddenLines
        collectMentions(in: blocks, section: nil, privateBlocks: privateBlocks.isEmpty ? [] : Set(privateBlocks))
    }

    /// A fence or an HTML comment that is never closed turns the rest of the note into code
    /// or hides it, silently dropping its sections and items: worth a warning.
    private mutating func reportUnclosedFences() {
        for (index, node) in tree.nodes.enumerated() where node.kind == .htmlBlock {
            guard let literal = tree.literal(of: index), literal.hasPrefix("<!--"), !literal.contains("-->"),
                  node.endLine >= lineCount - 1 else { continue }
            diagnostics.append(Diagnostic(
                file: path, line: node.line + lineOffset, column: node.column, code: .unclosedCodeBlock,
                message: "HTML comment opened with <!-- is never closed, so everything after it is hidden; add -->"))
        }
        for node in tree.nodes where node.kind == .codeBlock {
            guard node.line >= 1, node.line <= lineCount else { continue }
            let opening = lines[node.line - 1].drop(while: { $0 == " " })
            guard let fence = opening.first, fence == "`" || fence == "~" else { continue }
            let length = opening.prefix(while: { $0 == fence }).count
            guard length >= 3 else { continue }
            let closingLine = node.endLine >= 1 && node.endLine <= lines.count ? lines[node.endLine - 1] : ""
            let closing = closingLine.trimmedOfSpaces()
            let closed = node.endLine > node.line && closing.count >= length && closing.allSatisfy { $0 == fence }
            if !closed {
                let marks = String(repeating: String(fence), count: length)
                diagnostics.append(Diagnostic(
                    file: path, line: node.line + lineOffset, column: node.column, code: .unclosedCodeBlock,
                    message: "code block opened with \(marks) is never closed, so everything after it is read as code; add a closing \(marks) line"))
            }
        }
    }

    // MARK: - Sections

    private mutating func finishSection(heading: Int, blocks: ArraySlice<Int>, until nextLine: Int) {
        let headingNode = tree.nodes[heading]
        let title = tree.collapsedText(of: heading)
        var (kind, isPrivate) = SectionKind.classify(heading: title)
        if headingNode.level == 1 { kind = .other }
        if headingNode.level == 2, warnsOfNearMisses {
            if kind == .other, let (known, meant) = SectionKind.nearMiss(heading: title) {
                diagnostics.append(Diagnostic(
                    file: path, line: headingNode.line + lineOffset, column: headingNode.column, code: .unknownSection,
                    message: "'\(title)' is no section heading mentor knows, so this section is not read for \(meant.readFor); did you mean '\(known)'?",
                    isPrivate: isPrivate))
            }
            if !isPrivate, SectionKind.mentionsPrivate(heading: title) {
                // Said in the export too: the section is public already, the heading is not the secret.
                diagnostics.append(Diagnostic(
                    file: path, line: headingNode.line + lineOffset, column: headingNode.column, code: .unknownSection,
                    message: "'\(title)' does not make this section private, so its text can reach follow-ups, agendas and reports; title it 'Private' or end the heading with '(private)'"))
            }
        }

        let (publicBlocks, privateBlocks, hiddenLines) = privateParts(of: blocks, allPrivate: isPrivate, until: nextLine)
        // A private section keeps its entries (readers leave the section out unless asked);
        // a public one keeps those outside its private subsections.
        let ownBlocks = isPrivate ? blocks : publicBlocks
        let markdown = keepsMarkdown && (keepsAllMarkdown || kind.isShownAsMarkdown)
            ? source(from: headingNode.endLine + 1, to: nextLine, skipping: hiddenLines) : ""
        sections.append(NoteSection(kind: kind, title: title, isPrivate: isPrivate,
                                    line: headingNode.line + lineOffset, markdown: markdown,
                                    entries: keepsEntries && kind.hasEntries ? entries(in: ownBlocks).withExactCapacity() : [],
                                    links: keepsEntries && kind == .resources ? links(in: ownBlocks).withExactCapacity() : []))
        collectMentions(in: blocks, section: kind, privateBlocks: privateBlocks.isEmpty ? [] : Set(privateBlocks))
        if kind == .next && !isPrivate { readPlan(in: publicBlocks) }
    }

    /// What headings marked private hide among `blocks` (all of them when `allPrivate`): each
    /// such heading hides what follows it, up to the next heading of its level or above. The
    /// blocks left public, those hidden, and the body lines hidden (up to `nextLine`).
    private func privateParts(of blocks: ArraySlice<Int>, allPrivate: Bool, until nextLine: Int)
        -> (publicBlocks: ArraySlice<Int>, privateBlocks: [Int], hiddenLines: [Range<Int>]) {
        var publicBlocks: ArraySlice<Int> = []
        var privateBlocks: [Int] = []
        var hiddenLines: [Range<Int>] = []
        var privateLevel: Int?
        for (position, block) in blocks.enumerated() {
            let node = tree.nodes[block]
            if node.kind == .heading {
                if let level = privateLevel, node.level <= level {
                    privateLevel = nil
                    if let open = hiddenLines.popLast() { hiddenLines.append(open.lowerBound..<node.line) }
                }
                if privateLevel == nil, SectionKind.isPrivate(heading: tree.collapsedText(of: block)) {
                    privateLevel = node.level
                    hiddenLines.append(node.line..<nextLine)
                }
            }
            // Most sections hide nothing: public blocks are collected only once one is hidden.
            if privateLevel != nil || allPrivate {
                if privateBlocks.isEmpty { publicBlocks = ArraySlice(blocks.prefix(position)) }
                privateBlocks.append(block)
            } else if !privateBlocks.isEmpty {
                publicBlocks.append(block)
            }
        }
        if privateBlocks.isEmpty { publicBlocks = blocks }
        return (publicBlocks, privateBlocks, hiddenLines)
    }

    /// Top-level list items of the section, or its paragraphs where it has no list.
    private func entries(in blocks: ArraySlice<Int>) -> [SectionEntry] {
        var entries: [SectionEntry] = []
        // Room for every item (or paragraph) up front: one allocation, no growing.
        var room = 0
        for block in blocks where tree.nodes[block].kind == .list {
            var item = block + 1
            while item < tree.end(of: block) {
                room += 1
                item = tree.end(of: item)
            }
        }
        if room == 0 { room = blocks.count }
        entries.reserveCapacity(room)
        var sawList = false
        for block in blocks where tree.nodes[block].kind == .list {
            sawList = true
            var item = block + 1
            let stop = tree.end(of: block)
            while item < stop {
                let text = itemText(item)
                if !text.isEmpty { entries.append(SectionEntry(text: text, line: tree.nodes[item].line + lineOffset)) }
                item = tree.end(of: item)
            }
        }
        if sawList { return entries }
        for paragraph in blocks where tree.nodes[paragraph].kind == .paragraph {
            let text = tree.collapsedText(of: paragraph)
            if !text.isEmpty { entries.append(SectionEntry(text: text, line: tree.nodes[paragraph].line + lineOffset)) }
        }
        return entries
    }

    /// The plain text of an item's first paragraph, without a leading checkbox. `hasBox`,
    /// when the caller knows it, spares finding the box again.
    private func itemText(_ item: Int, hasBox known: Bool? = nil) -> String {
        guard let first = tree.firstChild(of: item) else { return "" }
        guard tree.nodes[first].kind == .paragraph else {
            // `- 2026. was a good year` and `- # of calls` are a list or a heading inside the
            // item to CommonMark; the entry is the line as written rather than nothing.
            let kind = tree.nodes[first].kind
            return kind == .list || kind == .heading ? writtenText(ofItem: item) : ""
        }
        let text = tree.collapsedText(of: first)
        // A box only where the item's written bytes make one (`checkbox(ofParagraph:)`, which
        // decides what is a task): collapsing turns a no-break space into a space, and `[ ]`
        // followed or filled by one is text the note shows as written.
        guard known ?? (checkbox(ofParagraph: first) != nil) else { return text }
        return collapse(Substring(text.utf8.dropFirst(BodyReader.boxWidth(startingWith: text.utf8.first))))
    }

    /// The text of an item whose first block CommonMark reads as a list or a heading
    /// (`- 2026. a good year`, `- # of calls`): that block's marker as written (`2026.`,
    /// `#`) and its plain text, white space collapsed; empty for other items.
    private func writtenText(ofItem item: Int) -> String {
        guard let first = tree.firstChild(of: item) else { return "" }
        switch tree.nodes[first].kind {
        case .heading:
            return joined(marker(at: first, while: { $0 == UInt8(ascii: "#") }), tree.collapsedText(of: first))
        case .list:
            guard let inner = tree.firstChild(of: first) else { return "" }
            let mark = marker(at: inner) { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ")")
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "+") }
            guard let content = tree.firstChild(of: inner) else { return mark }
            switch tree.nodes[content].kind {
            case .paragraph: return joined(mark, itemText(inner))
            case .list, .heading: return joined(mark, writtenText(ofItem: inner))
            default: return mark
            }
        default:
            return ""
        }
    }

    /// The written bytes at a node's start that `isMarker` takes (a list marker, `#`s).
    private func marker(at node: Int, while isMarker: (UInt8) -> Bool) -> String {
        let written = tree.nodes[node]
        guard written.line >= 1, written.line <= lines.count, written.column >= 1 else { return "" }
        let line = lines[written.line - 1].utf8
        guard let start = line.index(line.startIndex, offsetBy: written.column - 1, limitedBy: line.endIndex) else { return "" }
        return String(Substring(line[start...].prefix(while: isMarker)))
    }

    private func joined(_ marker: String, _ text: String) -> String {
        marker.isEmpty ? text : text.isEmpty ? marker : marker + " " + text
    }

    /// Whether an item opens with a list whose first item is a task (`- 1. [ ] Send it`):
    /// then that inner item is the task, and the outer one no item of its own.
    private func opensWithTask(_ item: Int) -> Bool {
        guard let first = tree.firstChild(of: item), tree.nodes[first].kind == .list,
              let inner = tree.firstChild(of: first), let content = tree.firstChild(of: inner) else { return false }
        switch tree.nodes[content].kind {
        case .paragraph: return checkbox(ofParagraph: content) != nil
        case .list: return opensWithTask(inner)
        default: return false
        }
    }

    /// The item an item opens on its line when it is the first item of the list that opens
    /// it (`- 1. [ ] Send it`: `[ ] Send it` opens `- 1.`), else nil.
    private func openedItem(_ index: Int) -> Int? {
        guard let list = tree.parent(of: index), tree.firstChild(of: list) == index,
              let outer = tree.parent(of: list), tree.nodes[outer].kind == .item,
              tree.firstChild(of: outer) == list, tree.nodes[outer].line == tree.nodes[index].line else { return nil }
        return outer
    }

    /// How many bytes of an item's plain text the written box takes: three (`[x]`), or one
    /// where a link reference definition (`[x]: https://...` elsewhere in the note) made it a
    /// link, whose text is the mark alone.
    private static func boxWidth(startingWith first: UInt8?) -> Int {
        first == UInt8(ascii: "[") ? 3 : 1
    }

    /// Links of the section: Markdown links and autolinks, else a bare URL, else the text.
    private func links(in blocks: ArraySlice<Int>) -> [ResourceLink] {
        var units: [Int] = []
        for block in blocks {
            switch tree.nodes[block].kind {
            case .list: units += tree.children(of: block)
            case .paragraph: units.append(block)
            default: break
            }
        }
        var links: [ResourceLink] = []
        for unit in units {
            var found = false
            for index in unit..<tree.nodes[unit].end where tree.nodes[index].kind == .link {
                let url = tree.url(of: index) ?? ""
                let text = tree.collapsedText(of: index)
                links.append(ResourceLink(title: text.isEmpty ? url : text, url: url.isEmpty ? nil : url))
                found = true
            }
            if found { continue }
            let text = tree.nodes[unit].kind == .item ? itemText(unit) : tree.collapsedText(of: unit)
            guard !text.isEmpty else { continue }
            if let url = text.split(separator: " ").first(where: { $0.hasPrefix("http://") || $0.hasPrefix("https://") }) {
                var title = text.replacingOccurrences(of: url, with: "")
                    .trimmingCharacters(in: CharacterSet(charactersIn: " -–—:|()<>"))
                if title.isEmpty { title = String(url) }
                links.append(ResourceLink(title: title, url: String(url)))
            } else {
                links.append(ResourceLink(title: text, url: nil))
            }
        }
        return links
    }

    // MARK: - Logistics

    /// Reads `When:`, `Where:`, `Link:` and `Duration:` lines of a next-session section.
    private mutating func readPlan(in blocks: ArraySlice<Int>) {
        var units: [Int] = []
        for block in blocks {
            switch tree.nodes[block].kind {
            case .list:
                units += tree.children(of: block).compactMap { item in
                    tree.firstChild(of: item).flatMap { tree.nodes[$0].kind == .paragraph ? $0 : nil }
                }
            case .paragraph: units.append(block)
            default: break
            }
        }
        var plan = NextSessionPlan(line: 1)
        var sawField = false
        // `When:` with a time wins over `Time:`, as `date:` does over `time:` in front matter.
        var timeFromWhen: LocalTime?
        var timeFields: [(time: LocalTime, line: Int)] = []
        for unit in units {
            for line in textLines(of: unit) {
                guard let (key, value) = BodyReader.planField(line.text) else { continue }
                let fileLine = line.line + lineOffset
                if !sawField { plan.line = fileLine }
                switch key {
                case "when", "date":
                    sawField = true
                    if let (date, time) = DateTimeText.parsePlan(value) {
                        plan.date = date
                        if let time { timeFromWhen = time }
                    } else if !DateTimeText.isNotYetKnown(value) {
                        diagnostics.append(Diagnostic(
                            file: path, line: fileLine, code: .badDate,
                            message: "next session date '\(value)'" + DateTimeText.planDateProblem(value, form: "`When: YYYY-MM-DD HH:MM`")))
                    }
                case "time":
                    sawField = true
                    if let time = LocalTime(value) { timeFields.append((time, fileLine)) }
                case "where", "location", "place":
                    sawField = true
                    if !value.isEmpty { plan.location = value }
                case "link", "call", "url":
                    sawField = true
                    if let url = line.url ?? (value.isEmpty ? nil : value) { plan.link = url }
                case "duration":
                    sawField = true
                    if let minutes = DurationText.minutes(value) {
                        plan.durationMinutes = minutes
                    } else {
                        diagnostics.append(Diagnostic(
                            file: path, line: fileLine, code: .badDuration,
                            message: "next session duration '\(value)' is not a duration; write 45m, 1h or 1h30m"))
                    }
                default:
                    continue
                }
            }
        }
        plan.time = timeFromWhen ?? timeFields.last?.time
        if let whenTime = timeFromWhen {
            for (time, line) in timeFields where time != whenTime {
                diagnostics.append(Diagnostic(
                    file: path, line: line, severity: .warning, code: .badTime,
                    message: "Time: \(time) disagrees with the time in When: (\(whenTime)), which is the one used; keep one of them"))
            }
        }
        guard sawField, !plan.isEmpty else { return }
        if var earlier = self.plan {
            // Several next-session sections: the first one to give a field wins it.
            earlier.date = earlier.date ?? plan.date
            earlier.time = earlier.time ?? plan.time
            earlier.location = earlier.location ?? plan.location
            earlier.link = earlier.link ?? plan.link
            earlier.durationMinutes = earlier.durationMinutes ?? plan.durationMinutes
            self.plan = earlier
        } else {
            self.plan = plan
        }
    }

    /// `Key: value` of a next-session line: the key trimmed and lower-cased, the value
    /// trimmed; nil without a colon. ASCII lines are read on their bytes (their characters
    /// are their bytes), the others on characters.
    static func planField(_ text: String) -> (key: String, value: String)? {
        if TextScanning.isASCII(text), let fields = text.utf8.withContiguousStorageIfAvailable(asciiPlanField) {
            return fields
        }
        return unicodePlanField(text)
    }

    /// `planField` by its definition, on characters.
    static func unicodePlanField(_ text: String) -> (key: String, value: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (text[..<colon].trimmedOfSpaces().lowercased(), text[text.index(after: colon)...].trimmedOfSpaces())
    }

    private static func asciiPlanField(_ bytes: UnsafeBufferPointer<UInt8>) -> (key: String, value: String)? {
        guard let colon = bytes.firstIndex(of: 0x3A) else { return nil }
        // `TextScanning.isSpace` on ASCII: the space, tab, line feed, vertical tab, form feed, CR.
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        func trimmed(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            var start = range.lowerBound, end = range.upperBound
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            return UnsafeBufferPointer(rebasing: bytes[start..<end])
        }
        let key = trimmed(0..<colon)
        let lowered = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(key.count, 1)) { buffer in
            for (index, byte) in key.enumerated() { buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<key.count]), as: UTF8.self)
        }
        return (lowered, String(decoding: trimmed((colon + 1)..<bytes.count), as: UTF8.self))
    }

    /// A paragraph split at its line breaks, each piece with its first link's URL.
    private func textLines(of paragraph: Int) -> [(text: String, url: String?, line: Int)] {
        var result: [(text: String, url: String?, line: Int)] = []
        var text = ""
        var url: String?
        var line = tree.nodes[paragraph].line
        for index in (paragraph + 1)..<tree.nodes[paragraph].end {
            let node = tree.nodes[index]
            switch node.kind {
            case .text, .code: text += tree.literal(of: index) ?? ""
            case .link: if url == nil { url = tree.url(of: index) }
            case .softBreak, .lineBreak:
                result.append((collapse(text), url, line))
                text = ""
                url = nil
                line += 1
            default: break
            }
        }
        result.append((collapse(text), url, line))
        return result
    }

    // MARK: - Items

    private mutating func collectMentions(in blocks: ArraySlice<Int>, section: SectionKind?, privateBlocks: Set<Int>) {
        for block in blocks {
            let isPrivate = privateBlocks.contains(block)
            for index in block..<tree.nodes[block].end where tree.nodes[index].kind == .item {
                // The first item of a list that opens an item on its line (`- 3. Call Sam`) is
                // part of that item's written text, not an item of its own.
                let opener = openedItem(index)
                if let opener, !opensWithTask(opener) { continue }
                // The box alone first: the item's text is made only if it becomes an item.
                let firstParagraph = tree.firstChild(of: index).flatMap { tree.nodes[$0].kind == .paragraph ? $0 : nil }
                let status = firstParagraph.flatMap { checkbox(ofParagraph: $0) }
                // A task that opens its item (`- 1. [ ] Send it`) stands where that item does.
                var standIn = index
                while let outer = openedItem(standIn) { standIn = outer }
                let outerItem = enclosingItem(of: standIn)
                let isTopLevel = outerItem == nil && tree.parent(of: standIn).flatMap(tree.parent(of:)) == 0
                // The nearest item above that is itself a goal or action, past detail lines.
                var outerMention: Int?
                var ancestor = outerItem
                while let candidate = ancestor, outerMention == nil {
                    outerMention = mention(ofNode: candidate)
                    ancestor = enclosingItem(of: candidate)
                }

                let role: ItemMention.Role?
                switch section {
                case .goals?:
                    role = isTopLevel || (status != nil && outerMention != nil) ? .goal : nil
                case .review?:
                    role = status != nil ? .update : nil
                case .actions?:
                    role = isTopLevel || status != nil ? .action : nil
                default:
                    role = status != nil ? .action : nil
                }
                // Fields only for what becomes an item: most list items are entries or details.
                let fields = role != nil ? itemFields(index, afterCheckbox: status != nil) : nil
                // The text alone, not the fields, taken out of the optional: `map` copied them all.
                var key = ""
                if let text = fields?.text { key = InlineFields.key(of: text) }
                // A text of only symbols (`- [ ] 🚀🚀`) has no key by the rule: it is keyed by
                // itself, so that it is an item (and its nested tasks have a parent) that
                // the same text follows.
                if key.isEmpty, let text = fields?.text, !text.isEmpty { key = text }
                // A mention of only an `^id` (`- [x] ^cs` in a review) names its item by the id.
                guard let role, let fields, fields.id != nil || !key.isEmpty else {
                    if let outerMention, status == nil {
                        let detail = itemText(index, hasBox: false)
                        if !detail.isEmpty { mentions[outerMention].details.append(detail) }
                    }
                    continue
                }
                let node = tree.nodes[index]
                for bad in fields.badDates {
                    diagnostics.append(Diagnostic(
                        file: path, line: node.line + lineOffset, column: node.column, code: .badFieldDate,
                        message: "\(bad.field) date '\(bad.value)' is not a real date; write YYYY-MM-DD (the field is ignored)",
                        isPrivate: isPrivate))
                }
                if mentionOfNode.isEmpty { mentionOfNode = [Int32](repeating: -1, count: tree.nodes.count) }
                mentionOfNode[index] = Int32(mentions.count)
                mentions.append(ItemMention(
                    role: role, checkbox: status, fields: fields, key: key,
                    line: node.line + lineOffset, column: node.column, parent: outerMention,
                    details: [], sectionKind: section, isPrivate: isPrivate))
            }
        }
    }

    /// The mention an item node became, if any.
    private func mention(ofNode node: Int) -> Int? {
        guard !mentionOfNode.isEmpty, mentionOfNode[node] >= 0 else { return nil }
        return Int(mentionOfNode[node])
    }

    /// The fields of an item's first paragraph, read after its checkbox when it has one
    /// (`checkbox(ofParagraph:)` found it); nil when the item does not start with a paragraph. The
    /// text is made on the stack.
    private func itemFields(_ item: Int, afterCheckbox: Bool) -> InlineFields? {
        guard let first = tree.firstChild(of: item) else { return nil }
        guard tree.nodes[first].kind == .paragraph else {
            // `- 2026. Ship it`, `- # of calls`: the line as written (see `itemText`).
            let kind = tree.nodes[first].kind
            guard kind == .list || kind == .heading, !opensWithTask(item) else { return nil }
            let text = writtenText(ofItem: item)
            return text.isEmpty ? nil : InlineFields(parsing: text)
        }
        if tree.containsCodeSpan(first), let (text, code) = tree.plainTextHidingCode(of: first) {
            var fields = text.withUnsafeBufferPointer { BodyReader.fieldsAfterCheckbox(of: $0, afterCheckbox: afterCheckbox) }
            fields.text = collapse(BodyReader.restoring(code, in: fields.text))
            for index in fields.badDates.indices {
                fields.badDates[index].value = BodyReader.restoring(code, in: fields.badDates[index].value)
            }
            return fields
        }
        return tree.withPlainTextBytes(of: first) { BodyReader.fieldsAfterCheckbox(of: $0, afterCheckbox: afterCheckbox) }
    }

    // Static: a method's closure would copy the reader, retaining each of its arrays.
    private static func fieldsAfterCheckbox(of text: UnsafeBufferPointer<UInt8>, afterCheckbox: Bool) -> InlineFields {
        guard afterCheckbox else { return InlineFields(utf8: text) }
        // The box comes after the leading spaces.
        var start = 0
        while start < text.count, text[start] == 0x20 { start += 1 }
        let box = BodyReader.boxWidth(startingWith: start < text.count ? text[start] : nil)
        return InlineFields(utf8: UnsafeBufferPointer(rebasing: text[min(text.count, start + box)...]))
    }

    /// `text` with each code placeholder (`MarkdownTree.plainTextHidingCode`) given back its
    /// code span's text.
    private static func restoring(_ code: [[UInt8]], in text: String) -> String {
        guard !code.isEmpty, text.utf8.contains(where: { $0 == 0xEE || $0 == 0xEF }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            let span = Int(scalar.value) - Int(MarkdownTree.codePlaceholders.lowerBound)
            if span >= 0, span < code.count {
                result += String(decoding: code[span], as: UTF8.self)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The box a paragraph starts with, as GFM's task lists read it: the written bytes, not
    /// the parsed text, start with `[`, the mark and `]` (so `\\[x]`, `` `[ ]` `` and `*[-]*`
    /// are text), and the text then holds the box and a space, tab or line end.
    private func checkbox(ofParagraph paragraph: Int) -> ItemStatus? {
        let node = tree.nodes[paragraph]
        guard node.line >= 1, node.column >= 1, let start = lineStart(node.line) else { return nil }
        let offset = start + node.column - 1
        let written: ItemStatus?? = body.utf8.withContiguousStorageIfAvailable { bytes in
            guard offset >= 0, offset + 3 <= bytes.count else { return nil }
            return ItemStatus.checkboxStatus(in: UnsafeBufferPointer(rebasing: bytes[offset..<min(bytes.count, offset + 4)]))
        }
        // Bytes that are not one buffer (never, for a note's body) leave the text's answer.
        return written ?? tree.leadingCheckbox(of: paragraph)
    }

    /// Where body line `line` (1-based) starts, as a byte offset into the body.
    private func lineStart(_ line: Int) -> Int? {
        line <= lines.count ? lines.startOffset(of: line - 1) : nil
    }

    /// The nearest list item this item is nested in, if any.
    private func enclosingItem(of item: Int) -> Int? {
        tree.enclosingItem(of: item)
    }

    // MARK: - Text

    /// Body lines `from` up to, not including, `to` (1-based body lines), trimmed of blank edges.
    private func source(from start: Int, to end: Int, skipping hidden: [Range<Int>] = []) -> String {
        let lower = max(0, start - 1)
        let upper = min(lines.count, end - 1)
        guard lower < upper else { return "" }
        var slice = (lower..<upper).filter { index in !hidden.contains { $0.contains(index + 1) } }
            .map { lines[$0] }[...]
        while let first = slice.first, first.unicodeScalars.allSatisfy(TextScanning.isSpace) { slice = slice.dropFirst() }
        while let last = slice.last, last.unicodeScalars.allSatisfy(TextScanning.isSpace) { slice = slice.dropLast() }
        return slice.joined(separator: "\n")
    }

    private func collapse(_ text: some StringProtocol) -> String {
        TextScanning.collapse(text)
    }
}
