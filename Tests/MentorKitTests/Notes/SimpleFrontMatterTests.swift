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
            }
        case .failure(let failure):
            return ["failure \(failure)"]
        }
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
        // These go to Yams; the answer must still be the same.
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
        // Characters Yams rejects or reads as line breaks, in LF and CRLF notes.
        "title: Review\u{7F}\n", "title: Review\u{7F}\r\nmentee: A\r\n", "k: a\u{85}b\n", "k: a\u{2028}b\n",
        "k: \"a\u{2029}b\"\n", "k: \u{FEFF}Alex Chen\r\n", "k: x\u{FFFE}\n", "k: x\u{FFFF}\n", "k: a\u{9F}\n",
    ]

    @Test("Same entries with and without the fast path", arguments: samples)
    func sameAsYams(yaml: String) {
        #expect(Self.describe(FrontMatter.parse(yaml, firstLine: 2)) ==
                Self.describe(FrontMatter.parse(yaml, firstLine: 2, fastPath: false)))
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
        #expect(SimpleFrontMatter.parse("next:\n  date: 2026-11-17\n", firstLine: 2) == nil)
    }
}
