import Foundation
import Testing
@testable import MentorKit

/// The reader's hot paths work on UTF-8 bytes; these check them against the character
/// based definitions they replace.
@Suite("Byte-level reading agrees with the character definitions")
struct BytePathTests {
    static let texts: [String] = [
        "", " ", "plain words only", "  leading and trailing  ", "tab\tand\nnewline",
        "no\u{00A0}break space", "em\u{2003}space and ideographic\u{3000}space", "line\u{2028}separator",
        "next\u{0085}line", "ogham\u{1680}mark", "narrow\u{202F}nbsp", "Zoë and Tomás", "東京 の 会議",
        "e\u{301}t\u{301}e\u{301}", "emoji 📅 2026-11-17 ✅2026-11-14", "(due:2026-11-21) [done:2026-11-20]",
        "@alex: review (@jade) #tag #123 #a/b- ^id-1", "Due:2026-11-21 DONE:2026-11-22", "d:x dx: de:",
        "{@x} [[#y]] ((due:2026-01-01))", "ends with ^",
    ]

    @Test("Words split on bytes equal words split on scalars", arguments: texts)
    func words(text: String) {
        let bytes = Array(text.utf8)[...]
        let fromBytes = TextScanning.wordRanges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(fromBytes == TextScanning.words(text).map(String.init))
    }

    @Test("Joining byte ranges equals joining the words", arguments: texts)
    func joined(text: String) {
        let bytes = Array(text.utf8)[...]
        #expect(TextScanning.joined(TextScanning.wordRanges(bytes), of: bytes) == TextScanning.collapse(text))
    }

    @Test("Inline fields read from bytes equal those read from the string", arguments: texts)
    func inlineFields(text: String) {
        #expect(InlineFields(utf8: Array(text.utf8)[...]) == InlineFields(parsing: text))
        #expect(InlineFields(parsing: text[...]) == InlineFields(parsing: text))
    }

    @Test("The ASCII key equals the Unicode key", arguments: [
        "Plain Words", "  Mixed   CASE, punctuation!  ", "tabs\tand\nlines", "#tag @owner ^id", "123 go-go",
        "", "...", "a.b.c", "Ω not ascii",
    ])
    func keys(text: String) {
        #expect(InlineFields.key(of: text) == InlineFields.unicodeKey(of: text))
    }

    @Test("Checkboxes read from bytes equal those read from characters", arguments: [
        "[ ] open", "[x] done", "[X]", "[-] dropped", "[/] going", "[ ]", "[x]tight", "[xx] no", "[ x] no",
        "[é] no", "[", "[]", "[ ]\ttab", "[ ]\nline", "plain",
    ])
    func checkboxes(text: String) {
        let fromBytes = ItemStatus.checkbox(in: Array(text.utf8)[...])
        let fromCharacters = ItemStatus.checkbox(at: text[...])
        #expect(fromBytes?.0 == fromCharacters?.0)
        #expect(fromBytes.map { String(decoding: $0.1, as: UTF8.self) } == fromCharacters.map { String($0.1) })
    }

    @Test("ASCII slugs equal folded slugs", arguments: [
        "Alex Chen", "O'Brien", "  many   spaces ", "C#", "a--b", "UPPER lower 123", "-lead and trail-", "", "'",
    ])
    func slugs(text: String) {
        #expect(Slug.make(text) == Slug.foldedSlug(text))
    }

    /// Letters without an accent to fold away were dropped (`Łukasz` → `ukasz`; an audit
    /// found `Þórðarson` → `or-arson`): they are written as ASCII usually writes them.
    @Test("Latin letters that do not fold are transliterated", arguments: [
        ("Łukasz Wójcik", "lukasz-wojcik"), ("Páll Þórðarson", "pall-thordarson"), ("Søren Kierkegaard", "soren-kierkegaard"),
        ("Æsa Œuvre", "aesa-oeuvre"), ("Straße", "strasse"), ("Zoë O'Brien", "zoe-obrien"), ("Đorđe", "dorde"),
        ("Əli Həsənov", "eli-hesenov"), ("Hawaiʻi Ŧom", "hawaii-tom"), ("Ǆuro", "dzuro"),
    ])
    func transliteratedSlugs(name: String, slug: String) {
        #expect(Slug.make(name) == slug)
    }

    @Test("ASCII tags equal tags read on characters", arguments: [
        "#tag", "#a/b-", "#123", "#12a", "#-", "#", "#under_score!", "#x/y/z/", "#a.b", "#tag#two",
    ])
    func tags(token: String) {
        #expect(InlineFields.tag(token) == InlineFields.unicodeTag(token))
    }

    @Test("Next-session lines read on bytes as on characters", arguments: [
        "When: 2026-11-10 16:00", "  Where :  Room 4  ", "Link:https://meet.example.com/x", "no colon here",
        "Duration:\t45m\t", ":", "A:B:C", "KEY: Value", "Time :", "\u{0B}Place\u{0C}: x", "Wh en: y", "",
    ])
    func planFields(line: String) {
        let fast = BodyReader.planField(line)
        let slow = BodyReader.unicodePlanField(line)
        #expect(fast?.key == slow?.key && fast?.value == slow?.value)
        #expect((fast == nil) == (slow == nil))
    }

    @Test("Dataview fields in any case, several, with bad dates")
    func dataview() {
        let fields = InlineFields(parsing: "Ship it [DUE:: 2026-11-17] then [Done::2026-11-20] and [due:: soon]")
        #expect(fields.due == LocalDate("2026-11-17"))
        #expect(fields.done == LocalDate("2026-11-20"))
        #expect(fields.badDates == [.init(field: "due", value: "soon")])
        #expect(fields.text == "Ship it then and")
        #expect(InlineFields(parsing: "open [due:: 2026-11-17 never closed").text == "open [due:: 2026-11-17 never closed")
        // Spaces and tabs around the value are trimmed, on bytes as on characters.
        let padded = InlineFields(parsing: "Tabs [due::\t 2026-11-18 \t] and [done:: \tlater\t ]")
        #expect(padded.due == LocalDate("2026-11-18"))
        #expect(padded.badDates == [.init(field: "done", value: "later")])
        let accented = InlineFields(parsing: "Café [due::\t 2026-11-18 \t] and [done:: \tlater\t ]")
        #expect(accented.due == padded.due && accented.badDates == padded.badDates)
    }

    @Test("ASCII headings are classified as the general path does", arguments: [
        "Agenda", "2. Check-in:", "Goals for the coming week", "Notes (private)", "Private", "Action Items!",
        "  Next   session  ", "Résumé", "Links & resources", "42", "", "2. Private", "Notes private",
        "Goals (PRIVATE)", "private", "12 34", "1. Talking points (private):", "Check in!!", "To-do",
    ])
    func headings(heading: String) {
        #expect(SectionKind.normalizedWords(heading) == SectionKind.unicodeWords(heading))
        #expect(SectionKind.classify(heading: heading) == SectionKind.unicodeClassify(heading: heading))
    }

    @Test("Random ASCII headings are classified as the general path does")
    func randomHeadings() {
        // Pieces of known headings, numbers, `private` in its forms and separators, so that
        // most random headings come near a rule.
        let pieces = ["Goals", "for", "the", "coming", "week", "Next", "SESSION", "agenda", "Check", "in", "-",
                      "Private", "(private)", "(PRIVATE)", "private:", "2.", "12", "3)", " ", "  ", "\t", ":", "!",
                      "&", "links", "resources", "x", "Action", "items", "to-do", "minutes", "#", "*"]
        var random = SeededRandom(seed: 15)
        var kinds = Set<String>()
        var privates = 0
        for _ in 0..<4_000 {
            let heading = (0..<(random.next() % 7)).map { _ in
                pieces[random.next() % pieces.count]
            }.joined(separator: random.next() % 2 == 0 ? " " : "")
            let fast = SectionKind.classify(heading: heading)
            #expect(fast == SectionKind.unicodeClassify(heading: heading), "\(heading)")
            // The bytes as written, white space uncollapsed, as the emptying reads them.
            let raw = Array(heading.utf8).withUnsafeBufferPointer(SectionKind.classify(asciiHeading:))
            #expect(raw.map { $0 == SectionKind.classify(heading: TextScanning.collapse(heading)) } == true, "\(heading)")
            kinds.insert("\(fast.kind)")
            if fast.isPrivate { privates += 1 }
        }
        // The headings reached several kinds and private ones, not just `.other`.
        #expect(kinds.count >= 4)
        #expect(privates > 50)
    }
}

@Suite("Profile lookup by index")
struct ProfileIndexTests {
    static func profile(_ name: String, series: String?, file: String) -> Profile {
        let header = ProfileHeader(name: name, role: .mentee, series: series)
        return Profile(note: Note(path: file, kind: .profile, profile: header), header: header,
                       seriesID: series ?? Slug.make(name))
    }

    @Test("Matches by series id and by name, each profile once, in notebook order")
    func candidates() {
        let profiles = [
            Self.profile("Alex Chen", series: "alex", file: "people/a.md"),
            Self.profile("Sam Lee", series: nil, file: "people/b.md"),
            Self.profile("alex chen", series: nil, file: "people/c.md"),
            Self.profile("Someone", series: "alex", file: "people/d.md"),
        ]
        let index = NotebookLinker.ProfileIndex(profiles)
        #expect(index.candidates(series: "alex", mentee: "Alex Chen") == [0, 2, 3])
        #expect(index.candidates(series: "alex", mentee: nil) == [0, 3])
        #expect(index.candidates(series: "sam-lee", mentee: "Nobody") == [1])
        #expect(index.candidates(series: "none", mentee: "SAM LEE") == [1])
        #expect(index.candidates(series: "none", mentee: nil).isEmpty)
    }
}

@Suite("File stems and folders on bytes")
struct PathPartsTests {
    /// The definitions the byte versions replace.
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    static func folder(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    @Test(arguments: ["a.md", "x/y/2026-11-03.md", "UPPER.MD", "no-extension", ".md", "md", "a/.md", "dir/",
                      "", "/", "deep//name.Md", "é/ü.md", "x.md.md", "s\u{0600}/2026-11-17.md",
                      "notes/\u{301}x.md", "a/b\u{0600}.md", "a/b.md\u{301}", "a/\u{FE0F}b.md"])
    func sameAsDefinition(path: String) {
        #expect(PreviousResolver.stem(of: path) == Self.stem(path))
        #expect(PreviousResolver.folder(of: path) == Self.folder(path))
    }
}

@Suite("Byte order of paths")
struct ByteOrderTests {
    @Test(arguments: [("a", "b"), ("a", "a"), ("", "a"), ("a", ""), ("ab", "a"), ("Z", "a"), ("é", "f"),
                      ("sessions/a/2026-11-03.md", "sessions/a/2026-11-03.md.bak"), ("x/y", "x.y")])
    func sameAsUTF8Order(pair: (String, String)) {
        #expect(TextScanning.precedesInBytes(pair.0, pair.1) == pair.0.utf8.lexicographicallyPrecedes(pair.1.utf8))
        #expect(TextScanning.precedesInBytes(pair.1, pair.0) == pair.1.utf8.lexicographicallyPrecedes(pair.0.utf8))
    }
}

@Suite("Markdown file names")
struct MarkdownNameTests {
    @Test(arguments: ["a.md", "A.MD", "x.Md", "md", ".md", "a.mdx", "a.m", "é.md", "x\u{0600}.md", "x.md\u{301}",
                      "x.\u{301}md", ""])
    func sameAsDefinition(name: String) {
        #expect(NotebookWalker.isMarkdownName(name) == name.lowercased().hasSuffix(".md"))
    }
}

@Suite("Found in review of the byte paths")
struct BytePathReviewTests {
    @Test("An owner whose name has no Latin letters is nobody's but their own")
    func nonLatinOwners() throws {
        let notebook = InlineNotebook([
            ("s/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: 王芳\nseries: wang",
                                            "## Action items\n- [ ] @张伟 write the plan due:2026-11-25 ^a\n- [ ] @mentee own this ^b\n")),
        ]).link()
        let series = try #require(notebook.series.first)
        #expect(series.item("a")?.ownerRole == .other)
        #expect(series.item("a")?.owner == "张伟")
        #expect(series.item("b")?.ownerRole == .mentee)
    }

    @Test("`previous:` that is empty names no session; only a list or map is an error")
    func emptyPrevious() {
        for (value, errors) in [("\"\"", 0), ("''", 0), ("", 0), ("[a, b]", 1), ("{a: b}", 1)] {
            let notebook = InlineNotebook([
                ("s/2026-11-24.md", sessionNote("date: 2026-11-24\nmentee: Ann Lee\nprevious: \(value)")),
            ]).link()
            #expect(notebook.diagnostics(.badPrevious).count == errors, "previous: \(value)")
        }
    }

    @Test("A Dataview field joined to a combining mark is not a field, as on characters")
    func dataviewBesideCombiningMarks() {
        for text in ["Ship [due:: 2026-11-17]\u{301} later", "Ship [due::\u{301} 2026-11-17]", "[done::\u{FE0F}2026-11-17] x"] {
            let fields = InlineFields(parsing: text)
            #expect(fields.due == nil && fields.done == nil, "\(text)")
        }
        #expect(InlineFields(parsing: "Ship [due:: 2026-11-17] é").due == LocalDate("2026-11-17"))
        // Text beyond ASCII around a field that stands apart is read on the bytes, the same.
        let accented = InlineFields(parsing: "Révise thé plan [DUE:: 2026-11-17] et [done::2026-11-20]é")
        #expect(accented.due == LocalDate("2026-11-17") && accented.done == LocalDate("2026-11-20"))
        // A prepended mark before `[` sends the text to the definition, which finds the field too.
        #expect(InlineFields(parsing: "Ship \u{0600}[due:: 2026-11-17]") ==
                InlineFieldsReference(utf8: Array("Ship \u{0600}[due:: 2026-11-17]".utf8)[...]).fields)
        #expect(accented == InlineFieldsReference(utf8: Array("Révise thé plan [DUE:: 2026-11-17] et [done::2026-11-20]é".utf8)[...]).fields)
        #expect(InlineFields(parsing: "Ship [due:: \u{2003}2026-11-17\u{2003}] é").due == LocalDate("2026-11-17"))
    }
}

@Suite("Complexity guard markers")
struct ComplexityGuardMarkerTests {
    @Test("An ordered list marker needs digits before its dot or parenthesis")
    func orderedMarkers() {
        let dots = String(repeating: ". ", count: 600) + "x\n"
        #expect(ComplexityGuard.check(dots[...]) == nil)
        let parens = String(repeating: ") ", count: 600) + "x\n"
        #expect(ComplexityGuard.check(parens[...]) == nil)
        let ordered = String(repeating: "1. ", count: 600) + "x\n"
        #expect(ComplexityGuard.check(ordered[...]) != nil)
        let quotes = String(repeating: "> ", count: 600) + "x\n"
        #expect(ComplexityGuard.check(quotes[...]) != nil)
    }
}

@Suite("Unicode paths agree with their definitions on random text")
struct RandomUnicodeTests {
    /// Scalars chosen to be awkward: case pairs with special mappings, combining marks,
    /// every kind of white space, letters from several scripts, digits, emoji, punctuation.
    static let alphabet: [Unicode.Scalar] = Array("aZ09 \t\n\r.,:;!?#@^[](){}-_/'\"`*~".unicodeScalars) + [
        "\u{00A0}", "\u{0085}", "\u{1680}", "\u{2000}", "\u{2009}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}",
        "\u{205F}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{0301}", "\u{0308}", "\u{20DD}", "\u{FE0F}", "\u{200D}",
        "É", "é", "Á", "ß", "ẞ", "İ", "ı", "Σ", "σ", "ς", "Ω", "ǅ", "ﬁ", "Ⅻ", "①", "٣", "東", "京", "한",
        "\u{0600}", "\u{0D4E}", "😀", "📅", "✅", "🏽", "Ǆ", "ŉ", "ΐ", "Ⓐ",
    ]

    /// `scalarKey` skips the case mappings of a scalar no case mapping changes: on this
    /// Unicode version, its fold is itself, for every such scalar of the first two planes.
    @Test func scalarsNoCaseMappingChangesFoldToThemselves() {
        var checked = 0
        for value in UInt32(0x80)..<0x20000 {
            guard let scalar = Unicode.Scalar(value), !scalar.properties.changesWhenCaseMapped else { continue }
            let folded = scalar.properties.lowercaseMapping.unicodeScalars.flatMap { lowered in
                lowered.properties.uppercaseMapping.unicodeScalars.flatMap { Array($0.properties.lowercaseMapping.unicodeScalars) }
            }
            if folded != [scalar] { Issue.record("U+\(String(value, radix: 16)) folds to \(folded)") }
            checked += 1
        }
        #expect(checked > 100_000)
    }

    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        func next() -> Int { random.next() }
        return (0..<count).map { _ in
            var text = String.UnicodeScalarView()
            for _ in 0..<(next() % 24) { text.append(alphabet[next() % alphabet.count]) }
            return String(text)
        }
    }

    /// Trimming decided on the end bytes agrees with trimming scalars, for white space of
    /// every kind at either end (a combining mark after a space keeps it a character of its own).
    @Test func trimmingSpacesAsByScalars() {
        for text in Self.randomTexts(count: 20_000, seed: 31) + ["", " ", "a", " a ", "\u{00A0}a", "a\u{3000}", "\ta\r\n"] {
            var scalars = Array(text.unicodeScalars)
            while let first = scalars.first, TextScanning.isSpace(first) { scalars.removeFirst() }
            while let last = scalars.last, TextScanning.isSpace(last) { scalars.removeLast() }
            var expected = String.UnicodeScalarView()
            expected.append(contentsOf: scalars)
            #expect(text.trimmedOfSpaces().unicodeScalars.elementsEqual(expected), "\(text.debugDescription)")
            #expect(text[...].trimmedOfSpaces().unicodeScalars.elementsEqual(expected), "\(text.debugDescription)")
        }
    }

    /// Null is the empty plain scalar and YAML's four spellings of it, nothing else.
    @Test func nullSpellings() {
        let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
        for text in Self.randomTexts(count: 2_000, seed: 37) + ["", "~", "null", "Null", "NULL", "nULL", "nul", "nulls", "~~", " ~"] {
            #expect(FrontMatter.isNull(text, plain: true) == nulls.contains(text), "\(text.debugDescription)")
            #expect(!FrontMatter.isNull(text, plain: false))
        }
    }

    /// Mostly long ASCII words, so that the eight-byte runs of the collapser and of the word
    /// finder meet every kind of byte that ends one, at every offset of the run.
    @Test func collapsingLongWords() {
        let rare: [Unicode.Scalar] = [" ", "  ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "!", "~", "/", ":", "@", "[", "`", "{", "\u{10}", "\u{19}",
                                      "\u{00A0}", "\u{3000}", "\u{2009}", "é", "東", "😀", "\u{0301}"].map { $0.unicodeScalars.first! }
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCXYZ0189".unicodeScalars)
        var random = SeededRandom(seed: 91)
        func next() -> Int { random.next() }
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<(next() % 120) {
                text.append(next() % 9 == 0 ? rare[next() % rare.count] : letters[next() % letters.count])
            }
            let string = String(text)
            let expected = TextScanning.words(string).joined(separator: " ")
            let collapsed = Array(string.utf8).withUnsafeBufferPointer(TextScanning.collapsed)
            #expect(collapsed == expected, "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
            let ascii = String(String.UnicodeScalarView(string.unicodeScalars.filter(\.isASCII)))
            #expect(InlineFields.key(of: ascii) == InlineFields.unicodeKey(of: ascii), "\(ascii.debugDescription)")
            let bytes = Array(string.utf8)[...]
            #expect(TextScanning.wordRanges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
                    == TextScanning.words(string).map(String.init), "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func keysAndCollapsing() {
        for text in Self.randomTexts(count: 20_000, seed: 42) {
            #expect(InlineFields.scalarKey(of: text) == InlineFields.unicodeKey(of: text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(TextScanning.collapse(text) == TextScanning.words(text).joined(separator: " "),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            let bytes = Array(text.utf8)[...]
            #expect(TextScanning.wordRanges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
                    == TextScanning.words(text).map(String.init))
        }
    }
}

@Suite("One-pass text of the Markdown tree agrees with its definition")
struct CollapsedTextTests {
    static let pieces = [
        "word", " ", "  ", "\n", "\t", "*em*", "**strong**", "`code  span`", "[link](http://x.y)", "![img](i.png)",
        "<b>", "&eacute;", "\u{00A0}", "\u{3000}", "é", "東京", "- ", "1. ", "> ", "# ", "```\ncode\n```\n", "\\*",
        "[ ] ", "[x] ", "  \n", "\n\n", "    indented\n", "<!-- c -->", "line  \nbreak", "[", "]", "x", "/", "-",
        "[x]", "[ ]", "\t", "[-]\n",
    ]

    @Test func randomMarkdown() {
        var random = SeededRandom(seed: 7)
        func next() -> Int { random.next() }
        for _ in 0..<3_000 {
            let markdown = (0..<(next() % 30)).map { _ in Self.pieces[next() % Self.pieces.count] }.joined()
            let tree = CMarkAdapter.parse(markdown[...])
            for index in tree.nodes.indices {
                #expect(tree.collapsedText(of: index) == TextScanning.collapse(tree.plainText(of: index)),
                        "\(markdown.debugDescription) node \(index)")
                let text = tree.plainTextBytes(of: index)[...].drop(while: { $0 == 0x20 })
                #expect(tree.leadingCheckbox(of: index) == ItemStatus.checkbox(in: text)?.0,
                        "\(markdown.debugDescription) node \(index)")
            }
        }
    }

    @Test("Every known phrase, as written, capitalised and private, is its kind on bytes as on characters")
    func everyKnownPhrase() {
        for (phrase, kind) in SectionKind.headingWords {
            let capitalised = phrase.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            #expect(SectionKind.classify(heading: phrase) == (kind, false), "\(phrase)")
            #expect(SectionKind.classify(heading: "2. " + capitalised + ":") == (kind, false), "\(phrase)")
            #expect(SectionKind.classify(heading: capitalised + " (private)") == (kind, true), "\(phrase)")
            #expect(SectionKind.classify(heading: phrase + "s") == SectionKind.unicodeClassify(heading: phrase + "s"), "\(phrase)")
            #expect(SectionKind.classify(heading: String(phrase.dropLast())) == SectionKind.unicodeClassify(heading: String(phrase.dropLast())), "\(phrase)")
        }
    }

    @Test func randomHeadings() {
        let words = ["goals", "for", "the", "Coming", "week", "private", "(private)", "(PRIVATE)", "2.", "12",
                     "check-in", "Check", "in", "next", "session", ":", "!", " ", "  ", "-", "Notes", "todo",
                     "to", "do", "Private:", "1)", "key", "takeaways", "links", "x"]
        var random = SeededRandom(seed: 11)
        func next() -> Int { random.next() }
        for _ in 0..<20_000 {
            let heading = (0..<(next() % 6)).map { _ in words[next() % words.count] }
                .joined(separator: next() % 3 == 0 ? "" : " ")
            #expect(SectionKind.classify(heading: heading) == SectionKind.unicodeClassify(heading: heading), "\(heading)")
        }
    }
}

/// The byte-at-a-time scans the word-at-a-time ones replaced, as the definition they keep.
private enum ByteAtATime {
    static func check(_ body: UnsafeBufferPointer<UInt8>) -> ComplexityGuard.Problem? {
        var line = 1
        var imageOpeners = 0
        var atLineStart = true
        var depth = 0
        var previous: UInt8 = 0
        var expectingMarkerSpace = false
        var inDigits = false
        var deepest = 0
        var steps = 0
        for byte in body {
            if byte == 0x0A {
                deepest = max(deepest, depth)
                steps += deepest
                if steps > ComplexityGuard.maximumContainerSteps { return ComplexityGuard.Problem.tooManyLinesUnderNesting(line: line, depth: deepest) }
                line += 1
                atLineStart = true
                depth = 0
                previous = byte
                expectingMarkerSpace = false
                inDigits = false
                continue
            }
            if byte == 0x5B, previous == 0x21 {  // "![" opens an image
                imageOpeners += 1
                if imageOpeners > ComplexityGuard.maximumImageOpeners { return ComplexityGuard.Problem.tooManyImageOpeners(line: line, count: imageOpeners) }
            }
            previous = byte
            guard atLineStart else { continue }
            // Count container markers at the line start: `>`, `-`/`*`/`+` or `1.`/`1)` then a space.
            if expectingMarkerSpace {
                expectingMarkerSpace = false
                if byte == 0x20 || byte == 0x09 {
                    depth += 1
                    if depth > ComplexityGuard.maximumNesting { return ComplexityGuard.Problem.tooDeep(line: line, depth: depth) }
                    continue
                }
                atLineStart = false
                continue
            }
            switch byte {
            case 0x20, 0x09:
                inDigits = false
            case 0x3E:  // ">" needs no space after it
                depth += 1
                inDigits = false
                if depth > ComplexityGuard.maximumNesting { return ComplexityGuard.Problem.tooDeep(line: line, depth: depth) }
            case 0x2D, 0x2A, 0x2B:
                expectingMarkerSpace = true
            case 0x30...0x39:
                inDigits = true
            case 0x2E where inDigits, 0x29 where inDigits:
                inDigits = false
                expectingMarkerSpace = true
            default:
                atLineStart = false
            }
        }
        return nil
    }

}

@Suite("Scans eight bytes at a time agree with scans one byte at a time")
struct ByteScanTests {
    static func randomBytes(_ random: inout SeededRandom, alphabet: [UInt8]) -> [UInt8] {
        (0..<(random.next() % 70)).map { _ in alphabet[random.next() % alphabet.count] }
    }

    @Test func summaryAndSearch() {
        var state = SeededRandom(seed: 5)
        // With the bytes a borrow from a match just below them marks too, those one bit off
        // the bytes searched for (0x0B, 0x0C, 0x20, 0x22, 0x3B), and `#` and `:`.
        let alphabet: [UInt8] = [0x61, 0x20, 0x0A, 0x0D, 0x00, 0x21, 0xC3, 0xA9, 0x5B, 0xFF, 0x80, 0x7F,
                                 0x0B, 0x0C, 0x23, 0x22, 0x3A, 0x3B]
        for _ in 0..<20_000 {
            let bytes = Self.randomBytes(&state, alphabet: alphabet)
            let summary = bytes.withUnsafeBufferPointer(ByteScan.summary)
            #expect(summary == ByteScan.Summary(firstNUL: bytes.firstIndex(of: 0), hasCR: bytes.contains(0x0D),
                                                hasLF: bytes.contains(0x0A), isASCII: bytes.allSatisfy { $0 < 0x80 }),
                    "\(bytes)")
            let text = String(decoding: bytes, as: UTF8.self)[...]
            // Line starts: after each LF, CRLF and lone CR (of the text, its invalid bytes repaired).
            let utf8 = Array(text.utf8)
            var starts = [0]
            var index = 0
            while index < utf8.count {
                if utf8[index] == 0x0D, index + 1 < utf8.count, utf8[index + 1] == 0x0A { index += 1 }
                if utf8[index] == 0x0A || utf8[index] == 0x0D { starts.append(index + 1) }
                index += 1
            }
            let lines = BodyLines(text)
            #expect((0..<lines.count).map(lines.startOffset(of:)) == starts, "\(bytes)")
            // Printable bytes, the two at the ends of the range among them, and now and then
            // one that is not, anywhere.
            var mostly = Self.randomBytes(&state, alphabet: [0x61, 0x20, 0x7E, 0x21, 0x3A])
            if state.next() % 2 == 0 {
                let outsiders: [UInt8] = [0x7F, 0x1F, 0x80, 0x00, 0x09, 0xC3, 0xFF]
                mostly.insert(outsiders[state.next() % outsiders.count], at: state.next() % (mostly.count + 1))
            }
            for sample in [bytes, mostly] {
                let printable = sample.withUnsafeBufferPointer(ByteScan.isPrintableASCII)
                #expect(printable == sample.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(sample)")
            }
            for byte: UInt8 in [0x0A, 0x0D, 0x21, 0x00, 0xFF] {
                let count = bytes.withUnsafeBufferPointer { ByteScan.count(of: byte, in: $0) }
                #expect(count == bytes.count { $0 == byte }, "\(bytes), \(byte)")
            }
            // The pairs the scans use: the complexity guard's, the lines', the text's, the front
            // matter's lines and plain scalars.
            for (a, b) in [(UInt8(0x0A), UInt8(0x21)), (0x0A, 0x0D), (0x0D, 0x0D), (0x0A, 0x0A), (0x23, 0x3A)] {
                for start in [0, 1, 7, 9, bytes.count].filter({ $0 <= bytes.count }) {
                    let found = bytes.withUnsafeBufferPointer { ByteScan.firstIndex(of: a, or: b, in: $0, from: start) }
                    #expect(found == (bytes[start...].firstIndex { $0 == a || $0 == b } ?? bytes.count),
                            "\(bytes) from \(start), \(a) or \(b)")
                }
            }
        }
    }

    @Test func complexityGuardSameAsByteAtATime() {
        var state = SeededRandom(seed: 9)
        // Markers, images and line feeds, often enough to nest and to count.
        let alphabet = Array("- * + > 1. 2) ![ ! [ x\n\n\t".utf8)
        for _ in 0..<20_000 {
            var bytes = Self.randomBytes(&state, alphabet: alphabet)
            bytes += bytes + bytes
            let fast = bytes.withUnsafeBufferPointer { ComplexityGuard.check(String(decoding: $0, as: UTF8.self)[...]) }
            let definition = bytes.withUnsafeBufferPointer(ByteAtATime.check)
            #expect(fast == definition, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
        // The limits themselves, found at the same line.
        let deep = Array(String(repeating: "> ", count: 600).utf8) + [0x0A]
        let images = Array(String(repeating: "a ![x", count: 10_001).utf8)
        for bytes in [deep, images] {
            #expect(ComplexityGuard.check(String(decoding: bytes, as: UTF8.self)[...]) == bytes.withUnsafeBufferPointer(ByteAtATime.check))
            #expect(ComplexityGuard.check(String(decoding: bytes, as: UTF8.self)[...]) != nil)
        }
    }
}

@Suite("Inline fields read with stack buffers agree with the reader they replaced")
struct InlineFieldsReferenceTests {
    @Test("Fixed texts", arguments: ByteScanTests.itemTexts + BytePathTests.texts)
    func fixed(text: String) {
        #expect(InlineFields(utf8: Array(text.utf8)[...]) == InlineFieldsReference(utf8: Array(text.utf8)[...]).fields)
    }

    @Test func random() {
        var random = SeededRandom(seed: 21)
        func next() -> Int { random.next() }
        let words = ["Share", "the", "RFC", "(16.0)", "^g16-0", "#tag", "#12", "@mentee", "@Zoë", "(@alex:", "due:2026-11-21",
                     "DONE:2026-02-30", "📅", "2026-11-28", "✅2026-11-14", "[due::", "2026-11-17]", "[done:: x]", "é",
                     "\u{00A0}", "  ", "\t", "^", "^x^", "d:", "dx:", "(due:2026-01-01))", "!", "東京", "e\u{301}",
                     // Beside a field: marks that join what is before or after them, spaces beyond ASCII.
                     "\u{301}", "]\u{301}", "\u{FE0F}", "\u{0600}", "\u{200D}", "[DUE::", "[Done::", "\u{2003}", "]", "thé",
                     // Dates an emoji field takes with what its trimming drops, or keeps.
                     "2026-11-28.", "2026-11-28),", "2026-11-28?!", "2026-11-28\u{301}", "2026-11-28.\u{301}", "2026-11-28x"]
        for _ in 0..<20_000 {
            let text = (0..<(next() % 9)).map { _ in words[next() % words.count] }.joined(separator: next() % 4 == 0 ? "" : " ")
            #expect(InlineFields(utf8: Array(text.utf8)[...]) == InlineFieldsReference(utf8: Array(text.utf8)[...]).fields,
                    "\(text.debugDescription)")
        }
    }
}

extension ByteScanTests {
    static let itemTexts = [
        "Share the RFC (16.0) ^g16-0", "plan a talk proposal #stakeholders [14.0]!", "Book the RFC (19.0) 📅 2026-11-28 ^g19-0",
        "Ask a talk proposal (19.1) [due:: 2026-11-28] ^g19-1", "@mentee Outline the onboarding guide #public-speaking [19.1]",
        "", " ", "^only", "x ^", "a [DUE:: 2026-13-01] b [done::2026-11-02]",
    ]
}

@Suite("ASCII token helpers agree with their definitions on characters")
struct TokenHelperTests {
    @Test func randomTokens() {
        var random = SeededRandom(seed: 33)
        func next() -> Int { random.next() }
        let alphabet = Array("@([{)]},;:!?.-_aZ09#^x")
        for _ in 0..<30_000 {
            let token = String((0..<(next() % 9)).map { _ in alphabet[next() % alphabet.count] })
            #expect(InlineFields.core(of: token) == InlineFields.unicodeCore(of: token), "\(token)")
            let fast = InlineFields.mention(token[...]), definition = InlineFields.unicodeMention(token[...])
            #expect(fast?.name == definition?.name && fast?.trailing == definition?.trailing, "\(token)")
        }
    }
}

@Suite("Times and dates read on bytes agree with their definitions")
struct TimeOnBytesTests {
    @Test func randomTimes() {
        var random = SeededRandom(seed: 44)
        func next() -> Int { random.next() }
        let alphabet = Array("0123456789::: a٣1\u{301}")
        for _ in 0..<30_000 {
            let text = String((0..<(next() % 9)).map { _ in alphabet[next() % alphabet.count] })
            #expect(LocalTime(text) == LocalTime.byDefinition(text), "\(text.debugDescription)")
            #expect(LocalTime(text[...]) == LocalTime.byDefinition(text), "\(text.debugDescription)")
        }
        for text in ["9:05", "09:05", "23:59:59", "24:00", "12:60", "7:5", "12:30:60", "12:30:", "١٢:٣٠"] {
            #expect(LocalTime(text) == LocalTime.byDefinition(text), "\(text)")
        }
    }

    @Test("Dates", arguments: ["2026-11-30", "2026-02-30", "2026-1-30", "2026-11-3x", "２０２６-11-30", "2026-11-30 ", "0000-01-01"])
    func dates(text: String) {
        let bytes = Array(text.utf8)
        let expected: LocalDate? = bytes.count == 10 && bytes[4] == 0x2D && bytes[7] == 0x2D
            ? LocalDate.number(bytes[0..<4]).flatMap { year in
                LocalDate.number(bytes[5..<7]).flatMap { month in
                    LocalDate.number(bytes[8..<10]).flatMap { LocalDate(year: year, month: month, day: $0) }
                }
            } : nil
        #expect(LocalDate(text) == expected)
        #expect(LocalDate(text[...]) == expected)
    }
}

@Suite("previous: values read on bytes agree with their definitions")
struct PreviousValueTests {
    @Test func randomPathsAndValues() {
        var random = SeededRandom(seed: 55)
        func next() -> Int { random.next() }
        let alphabet = Array("ab./\u{301} \t\u{00A0}é")
        for _ in 0..<30_000 {
            let text = String((0..<(next() % 10)).map { _ in alphabet[next() % alphabet.count] })
            #expect(PreviousResolver.normalize(text) == PreviousResolver.normalizeByDefinition(text), "\(text.debugDescription)")
            #expect(PreviousResolver.trimmed(text) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}

@Suite("Durations read on bytes agree with their definition")
struct DurationOnBytesTests {
    @Test func randomDurations() {
        var random = SeededRandom(seed: 66)
        func next() -> Int { random.next() }
        let pieces = ["1", "0", "45", "90", "1.5", ".", "h", "H", "hr", "hrs", "hour", "hours", "m", "M", "min", "mins",
                      "minute", "minutes", " ", "\t", "x", "99999", "100000", "0.2", "1e3", "-"]
        for _ in 0..<30_000 {
            let text = (0..<(next() % 6)).map { _ in pieces[next() % pieces.count] }.joined()
            #expect(DurationText.minutes(text) == DurationText.minutesByDefinition(text), "\(text.debugDescription)")
        }
        for text in ["45m", "1h", "1h30m", "1h30", "90", "1.5h", " 2 hours ", "0", "0.4m", "ħ", "١٢"] {
            #expect(DurationText.minutes(text) == DurationText.minutesByDefinition(text), "\(text)")
        }
    }
}

@Suite("The plain text of a tree, written out")
struct PlainTextPinTests {
    @Test("Literals in order, breaks and later blocks as spaces, HTML and link targets left out")
    func pinned() throws {
        let markdown = "- [x] *Ship* the `RFC`\n  soft break [link](http://x) <b>bold</b>\n\n  second paragraph\n"
        let tree = CMarkAdapter.parse(markdown[...])
        let item = try #require(tree.nodes.indices.first { tree.nodes[$0].kind == .item })
        let expected = "[x] Ship the RFC soft break link bold second paragraph"
        #expect(tree.plainText(of: item) == expected)
        #expect(tree.collapsedText(of: item) == expected)
        let paragraph = try #require(tree.firstChild(of: item))
        #expect(tree.leadingCheckbox(of: paragraph) == .done)
        #expect(tree.withPlainTextBytes(of: paragraph) { String(decoding: $0, as: UTF8.self) }
                == "[x] Ship the RFC soft break link bold")
    }
}
