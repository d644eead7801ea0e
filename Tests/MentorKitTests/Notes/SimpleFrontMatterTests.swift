import Foundation
import Testing
@testable import MentorKit

@Suite("The fast front matter reader agrees with Yams")
struct SimpleFrontMatterTests {
    static func describe(_ result: Result<FrontMatter, FrontMatter.Failure>) -> [String] {
        switch result {
        case .success(let frontMatter):
            return frontMatter.entries.map { entry in
                let list = FrontMatter.strings(entry.value).map { $0.joined(separator: "|") } ?? "-"
                return "\(entry.key)@\(entry.line):\(entry.column)=\(FrontMatter.string(entry.value) ?? "nil")/\(list)"
                    + "/\(entry.value.isScalar)" + fields(entry)
            }
        case .failure(let failure):
            return ["failure \(failure)"]
        }
    }

    /// A map's keys, texts and lines, as the fast path or Yams read it.
    static func fields(_ entry: FrontMatter.Entry) -> String {
        switch entry.value {
        case .mapping(let fields):
            return "{" + fields.map { "\(FrontMatter.string(.scalar($0.key, plain: true)) ?? "nil")@\($0.line)=\(FrontMatter.string($0.value) ?? "nil")" }
                .joined(separator: ",") + "}"
        case .node(.mapping(let mapping)):
            return "{" + mapping.map { key, value in
                "\(FrontMatter.string(key) ?? "nil")@\(key.mark.map { entry.markLineOffset + $0.line } ?? 0)=\(FrontMatter.string(value) ?? "nil")"
            }.joined(separator: ",") + "}"
        default:
            return ""
        }
    }

    /// The session header a front matter gives, with its diagnostics: what a reader sees.
    static func session(_ yaml: String, fastPath: Bool) -> String {
        guard case .success(let frontMatter) = FrontMatter.parse(yaml, firstLine: 2, fastPath: fastPath) else { return "failure" }
        var headers = HeaderReader(path: "s/a.md", frontMatter: frontMatter)
        let header = headers.session()
        return "\(String(describing: header?.next)) \(String(describing: header?.tags)) "
            + headers.diagnostics.map { "\($0.line):\($0.column):\($0.code.rawValue):\($0.message)" }.joined(separator: ";")
    }

    static let samples: [String] = [
        "date: 2026-11-10\ntime: \"16:00\"\nmentee: Alex Chen\n",
        "date: 2026-11-10\ntime: 16:00\nmentee: 'O''Brien'\ntags: [portfolio, career]\n",
        "tags: []\nlink: https://meet.example.com/abc # the call\nlocation: Blue Bottle, 5th Ave\n",
        "previous: \"[[2026-11-03]]\"\nstatus: held\nduration: 1h30m\n",
        "title: \"Say \\\"hi\\\" \\\\ there\"\nmentor: Jade Green\n",
        "# a comment\n\ndate: 2026-11-10\nmentee: C#\nseries: c-sharp\n",
        "date: yes\nmentee: ~\nseries: null\n",
        "tags: [\"a b\", 'c', d]\nkey_with-dash: value\n",
        "date: 2026-11-10\r\nmentee: CRLF Person\r\n",
        // Blocks, wikilinks and empty values (read here since session 12) and what goes to
        // Yams; the answer must be the same either way.
        "previous: [[2026-11-03]]\n", "next:\n  date: 2026-11-17\n", "links:\n  - a\n  - b\n", "email:\n",
        "a: &x 1\nb: *x\n", "mentee: a: b\n", "date: 2026-11-10\ndate: 2026-11-11\n", "key: \"unterminated\n",
        "tags: [a, [b]]\n", "\"quoted key\": v\n", "x: |\n  block\n", "k: v\n  continued\n", "k:\tv\n",
        "k: 'it''s'\n", "k: \"\\u00e9\"\n", "k: - not a list\n", "k: @at\n", "k: value:\n",
        // Plain scalars read on bytes: comments, trailing spaces, colons, non-ASCII.
        "k: a #b\nl: a#b\nm: a:b\nn: trailing   \n", "k: a: #c\n", "k: a:  \n", "k: Zoë O'Brien\n",
        "k: é\n", "k: 東京 # city\n", "k:  two spaces\n", "k: x\r\n\r\nl: y\r\n", "k: a\n\n# c\n",
        "k: ok\nk2: :start\n", "k: 1\nK: 2\n",
        // Quoted values and lists read on bytes.
        "tags: [a, b ,c]\n", "tags: [ a ]\n", "tags: [a,,b]\n", "tags: [a # c]\n", "tags: [x] # c\n",
        "tags: [a:b]\n", "tags: [x]#c\n", "tags: [   ]\n", "tags: [a, 'b c', \"d\"]\n", "tags: [é, ü]\n",
        "k: \"a\" # c\n", "k: 'a' #c\n", "k: \"a\"#c\n", "k: \"\"\n", "k: ''\n", "k: 'a''b'\n", "k: \"a\\\"b\"\n",
        "k: \"10:30\"\n", "k: \"x\" y\n", "k: 'x' y\n",
        "k: \"a\\tb\\/c\\nd\"\n", "tags: ['it''s', \"q\\\"x\"]\n", "k: Émilie\n", "k: \"\\x41\"\n", "tags: [é, 'ü ö']\n",
        "k: 'a'' '\n", "k: \"a\\\n", "tags: [a, \"b\" c]\n", "tags: [\"a\" # c]\n", "tags: [a, 'b' # c]\n",
        "tags: [\"a\" , 'b' ]\n",
        // Keys left empty, block lists and one-level maps: read here, as Yams reads them.
        "email:\norganization:\n", "email: \nname: A\n", "email: # none yet\nname: A\n", "k:\n\n# c\nl: v\n",
        "links:\n  - https://a.example\n  - 'b c'\n  - \"d\" # c\n", "links:\n- a\n- b\nname: A\n",
        "links:\n  - a\n\n  # c\n  - b\nk: v\n", "links:\r\n  - a\r\n  - b\r\n",
        "next:\n  date: 2026-11-24\n  time: \"10:00\"\n  location: Video call\n  link: https://meet.example.com/x\n  duration: 30m\n",
        "next: # the plan\n    date: 2026-11-24\n    Where: Café\nmentee: A\n", "next:\n  date: 2026-11-24 # c\n\n  # c\n  time: 9:30\n",
        "next:\n  null: x\n  ~: y\n  when: 2026-11-24 at 16:00\n",
        "previous: [[ 2026-11-03 ]] # c\n", "previous: [['2026-11-03']]\n",
        "previous: [[a b]]\ndate: 2026-11-10\n", "previous: [[2026-11-03]]x\n", "previous: [[a, b]]\n",
        "previous: [[a]]]\n", "previous: [[a], [b]]\n", "previous: [[]]\n", "previous: [[a:b]]\n", "previous: [[[a]]]\n",
        "previous: [[a] ]\n", "previous: [ [a]]\n", "previous: [[a]\n", "previous: [[#a]]\n", "previous: [[a #b]]\n",
        // And what they leave to Yams: a comment holding what Yams reads as a line break or
        // refuses (a review found these read as comments to their end).
        "next:\n  date: 2026-11-10\n  # c\u{2028}time: 10:00\n", "next:\n  date: 2026-11-10\n  # c\u{85}time: 10:00\n",
        "links:\n  - a\n  # c\rx: 1\n", "links:\n  - a\n  # c\u{7F}\n", "links:\n  - a\n  # c\u{C}\n", "links:\n  - a\n  # c\u{FFFE}\n",
        "k: v\n# c\rother: 1\n", "k: v\n# c\u{2028}other: 1\n", "k: v\n# c\u{1}\n", "k:\n# c\u{2029}l: 1\n",
        "links:\n  - a\n  - b: c\n", "links:\n  - a\n    b\n", "links:\n  -\n", "links:\n  - \n", "links:\n  - [a]\n",
        "links:\n  - a\n - b\n", "links:\n  - a\n- b\n", "links:\n- a\n  - b\n", "links:\n  - #c\n", "links:\n  -a\n",
        "next:\n  date:\n", "next:\n  date: 1\n  date: 2\n", "next:\n  date: 1\n   time: 2\n", "next:\n  date: 1\n    more\n",
        "next:\n  a b: c\n", "next:\n  k: [a, b]\n", "next:\n  - a\n", "next:\n  d: 1\n  - a\n", "next:\n  inner:\n    x: 1\n",
        "next:\n  text without colon\n", "next:\n\tdate: 1\n", "k:#c\n", "k:\n  # c\n  v\n", "next:\n  date: 'a\n",
        // Characters Yams rejects or reads as line breaks, in LF and CRLF notes.
        "title: Review\u{7F}\n", "title: Review\u{7F}\r\nmentee: A\r\n", "k: a\u{85}b\n", "k: a\u{2028}b\n",
        "k: \"a\u{2029}b\"\n", "k: \u{FEFF}Alex Chen\r\n", "k: x\u{FFFE}\n", "k: x\u{FFFF}\n", "k: a\u{9F}\n",
        // Lines and values longer than the eight bytes scanned at a time, with what stops a
        // scan past the first eight.
        "title: a title long enough for two words\u{7F} and more\n", "title: a title long enough\u{1}\n",
        "title: a title long enough\tthen a tab\n", "location: the café on the corner # the usual\n",
        "location: the long way round#not a comment\nlink: https://meet.example.com/long-name: x\n",
        "location: the long way round: a colon\n", "location: ends with a colon after all:\n",
        "tags: [one long tag, another long tag: x]\n", "tags: [one long tag, another long tag # c]\n",
        "k: : x\n", "k: :x\n", "k: a : b\n",
    ]

    /// The bytes YAML reads as indicators, as the YAML spec lists them.
    @Test func indicatorBytes() {
        let plain = Set("[]{}&*!|>%@`-?,#'\"".utf8), flow = Set("[]{}:".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(SimpleFrontMatter.isPlainIndicator(byte) == plain.contains(byte), "\(byte)")
            #expect(SimpleFrontMatter.isFlowIndicator(byte) == flow.contains(byte), "\(byte)")
        }
    }

    @Test("Same entries with and without the fast path", arguments: samples)
    func sameAsYams(yaml: String) {
        #expect(Self.describe(FrontMatter.parse(yaml, firstLine: 2)) ==
                Self.describe(FrontMatter.parse(yaml, firstLine: 2, fastPath: false)))
    }

    @Test("The same session header and diagnostics with and without the fast path", arguments: samples)
    func sameHeaderAsYams(yaml: String) {
        #expect(Self.session(yaml, fastPath: true) == Self.session(yaml, fastPath: false))
    }

    /// Front matter made of lines that blocks are built from, in seeded random orders: the
    /// fast path must read every one as Yams does, or leave it to Yams.
    @Test func randomBlocksReadAsYamsReadsThem() {
        let lines = [
            "date: 2026-11-10", "mentee: Alex Chen", "next:", "links:", "tags:", "email:", "next: # c", "k: v",
            "  - a", "  - 'b c'", "  - \"d\" # c", "- x", "- 'y'", "    - deep", "  -", "  - ", "-", "  - a: b", "  -x",
            "  date: 2026-11-17", "  time: \"10:00\"", "  location: Video call", "  link: https://x.example/a",
            "  duration: 30m", "  Date: 2026-11-20", "  when: 2026-11-20 at 16:00", "  date:", "  dup: 1", "  dup: 2",
            "    date: 1", "   time: 2", "  a b: c", "  k: [a, b]", "  k: v # c", "  null: x", "  multi", "",
            "  ", "# c", "  # c", "\tx: y", "k:#c", "date: 2026-11-10 # c", "  - [a]", "  ~: y",
            "previous: [[2026-11-03]]", "previous: [[a, b]]", "previous: [[x]] # c", "  - [[a]]",
            "  # c\u{2028}time: 1", "# c\u{85}k: v", "  # c\u{7F}", "# c\rk: 2",
        ]
        var random = SeededRandom(seed: 5)
        var fast = 0
        for _ in 0..<4_000 {
            let count = 1 + random.next() % 7
            let yaml = (0..<count).map { _ in lines[random.next() % lines.count] }.joined(separator: random.next() % 5 == 0 ? "\r\n" : "\n") + "\n"
            if SimpleFrontMatter.parse(yaml, firstLine: 2) != nil { fast += 1 }
            #expect(Self.describe(FrontMatter.parse(yaml, firstLine: 2)) ==
                    Self.describe(FrontMatter.parse(yaml, firstLine: 2, fastPath: false)), "\(yaml.debugDescription)")
            #expect(Self.session(yaml, fastPath: true) == Self.session(yaml, fastPath: false), "\(yaml.debugDescription)")
        }
        // Enough of them take the fast path for the comparison to mean something.
        #expect(fast > 200)
    }

    @Test func sameOnEveryFixtureAndSampleNote() throws {
        var checked = 0
        for root in [PackagePaths.fixtures, PackagePaths.sampleNotebook] {
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let path = enumerator?.nextObject() as? String {
                guard path.hasSuffix(".md"), let data = FileManager.default.contents(atPath: root + "/" + path),
                      case .success(let split) = NoteText.split([UInt8](data)), let yaml = split.frontMatter else { continue }
                #expect(Self.describe(FrontMatter.parse(yaml, firstLine: 2)) ==
                        Self.describe(FrontMatter.parse(yaml, firstLine: 2, fastPath: false)), "\(path)")
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    @Test("What Yams composes is kept as it is, and read only as deep as a key needs")
    func yamsValuesStayNodes() throws {
        // Three levels of a thousand aliases: a billion values if anything expanded them.
        let width = 1000
        let yaml = "date: 2026-11-10\nprevious: [[2026-11-03]]\n"
            + "a: &a [" + Array(repeating: "x", count: width).joined(separator: ", ") + "]\n"
            + "b: &b [" + Array(repeating: "*a", count: width).joined(separator: ", ") + "]\n"
            + "tags: [" + Array(repeating: "*b", count: width).joined(separator: ", ") + "]\n"
            + "next:\n  date: 2026-11-17\n"
        guard case .success(let frontMatter) = FrontMatter.parse(yaml, firstLine: 2) else {
            Issue.record("not parsed")
            return
        }
        for key in ["date", "previous", "a", "b", "tags", "next"] {
            guard case .node = try #require(frontMatter[key]?.value) else {
                Issue.record("\(key) was converted")
                continue
            }
        }
        #expect(FrontMatter.string(try #require(frontMatter["date"]?.value)) == "2026-11-10")
        #expect(FrontMatter.strings(try #require(frontMatter["a"]?.value))?.count == width)
        #expect(FrontMatter.strings(try #require(frontMatter["tags"]?.value)) == nil)
        #expect(frontMatter["tags"]?.value.isScalar == false && frontMatter["date"]?.value.isScalar == true)
        // And through the header reader: the list of lists is a bad value, `previous:` a wikilink.
        var headers = HeaderReader(path: "s/a.md", frontMatter: frontMatter)
        let read = headers.session()
        let header = try #require(read)
        #expect(header.previous == "[[2026-11-03]]")
        #expect(header.tags.isEmpty)
        #expect(headers.diagnostics.contains { $0.code == .badValue && $0.line == 6 })
    }

    @Test func theFastPathIsTakenForOrdinaryFrontMatter() {
        #expect(SimpleFrontMatter.parse("date: 2026-11-10\nmentee: Alex\ntags: [a, b]\n", firstLine: 2)?.count == 3)
        #expect(SimpleFrontMatter.parse("next:\n  inner:\n    date: 2026-11-17\n", firstLine: 2) == nil)
        // The spec's own blocks: a profile's `links:` list, a session's `next:` map, a key left empty.
        #expect(SimpleFrontMatter.parse("next:\n  date: 2026-11-17\n", firstLine: 2)?.count == 1)
        #expect(SimpleFrontMatter.parse("links:\n  - https://a.example\nemail:\n", firstLine: 2)?.count == 2)
        #expect(SimpleFrontMatter.parse("previous: [[2026-11-03]]\n", firstLine: 2)?.count == 1)
    }
}
