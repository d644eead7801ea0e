import Foundation
import Testing
@testable import MentorKit

/// The byte-level JSON writer: escaping, layout, and an export handed on in chunks.
@Suite("JSON writer")
struct JSONWriterTests {
    /// The escaping the writer replaced (`JSONValue.writeString`, one Unicode scalar at a
    /// time, on `String`), kept as the reference the fast one must agree with byte for byte.
    static func referenceEscaped(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case "<": output.append("\\u003c")
            case ">": output.append("\\u003e")
            case "\u{2028}": output.append("\\u2028")
            case "\u{2029}": output.append("\\u2029")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    static func escaped(_ value: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.string(value)
        return writer.bytes
    }

    /// Deterministic pseudo-random numbers (SplitMix64), so a failure can be run again.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("Every ASCII character is escaped as before, on its own and inside text")
    func everyASCIICharacter() {
        for value in 0..<0x80 {
            let character = String(UnicodeScalar(UInt8(value)))
            for text in [character, "ab" + character + "cd", "0123456789" + character + "abcdefghijklmnop"] {
                #expect(Self.escaped(text) == Array(Self.referenceEscaped(text).utf8), "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func specialCharactersByName() {
        let expected: [(String, String)] = [
            ("\"", #""\"""#), ("\\", #""\\""#), ("\n", #""\n""#), ("\r", #""\r""#), ("\t", #""\t""#),
            ("<", #""\u003c""#), (">", #""\u003e""#), ("\u{2028}", #""\u2028""#), ("\u{2029}", #""\u2029""#),
            ("\u{0}", #""\u0000""#), ("\u{8}", #""\u0008""#), ("\u{C}", #""\u000c""#), ("\u{1B}", #""\u001b""#),
            ("\u{1F}", #""\u001f""#), ("\u{7F}", #""\u007f""#),
            // E2 sequences other than U+2028 and U+2029, and other non-ASCII text, stay as they are.
            ("\u{2027}\u{202A}—’€", "\"\u{2027}\u{202A}—’€\""), ("é漢字🎉", "\"é漢字🎉\""), ("e\u{301}", "\"e\u{301}\""),
            ("/&'", #""/&'""#), ("", #""""#),
        ]
        for (input, output) in expected {
            #expect(Self.escaped(input) == Array(output.utf8), "\(input.unicodeScalars.map(\.value))")
        }
    }

    @Test("A special character at every position of strings of every length up to 40")
    func everyPositionAndLength() {
        // The writer looks at eight bytes at a time and at the last eight of a string: these
        // put each special character in each place of those blocks.
        for special in ["\"", "\\", "\n", "<", ">", "\u{7F}", "\u{1}", "\u{2028}", "\u{2029}", "—", "é", "🎉"] {
            for length in 0...40 {
                for position in 0...length {
                    let plain = String(repeating: "x", count: length)
                    let index = plain.index(plain.startIndex, offsetBy: position)
                    let text = String(plain[..<index]) + special + String(plain[index...])
                    #expect(Self.escaped(text) == Array(Self.referenceEscaped(text).utf8))
                }
            }
        }
    }

    @Test("Random text agrees with the reference escaping")
    func randomText() {
        let alphabet: [String] = ["a", "b", "Z", " ", "0", "\"", "\\", "<", ">", "&", "/", "\n", "\r", "\t", "\u{0}",
                                  "\u{1F}", "\u{7F}", "\u{80}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "—",
                                  "é", "漢", "🎉", "e\u{301}", "\u{FEFF}"]
        var random = SplitMix(state: 2026)
        for _ in 0..<2000 {
            let length = Int.random(in: 0...100, using: &random)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &random)! }.joined()
            #expect(Self.escaped(text) == Array(Self.referenceEscaped(text).utf8))
        }
    }

    @Test func integers() {
        for value in [0, 7, 10, -1, -10, 45, 1_000_000, Int.max, Int.min] {
            var writer = JSONWriter()
            writer.int(value)
            #expect(writer.text == String(value))
        }
    }

    @Test("Layout: two-space indentation, empty containers, keys escaped, final newline")
    func layout() {
        let value = JSONValue.object([
            ("a", .array([])), ("b", .object([])), ("c", .array([.int(1), .null, .bool(true), .bool(false)])),
            ("d<\"", .object([("e", .array([.object([("f", .string("g"))])]))])), ("h", .string(nil)),
        ])
        #expect(value.rendered() == """
            {
              "a": [],
              "b": {},
              "c": [
                1,
                null,
                true,
                false
              ],
              "d\\u003c\\"": {
                "e": [
                  {
                    "f": "g"
                  }
                ]
              },
              "h": null
            }

            """)
        #expect(JSONValue.array([]).rendered() == "[]\n")
        #expect(JSONValue.string("x").rendered() == "\"x\"\n")
    }

    @Test("Nesting deeper than any document: indentation keeps growing")
    func deepNesting() {
        var value = JSONValue.int(1)
        for _ in 0..<60 { value = .array([value]) }
        let lines = value.rendered().split(separator: "\n")
        #expect(lines.count == 121)
        #expect(lines[60] == Substring(String(repeating: " ", count: 120) + "1"))
    }

    @Test func flushHandsOnTheBytesAndKeepsTheLayout() {
        var writer = JSONWriter(capacity: 1)
        var chunks: [[UInt8]] = []
        writer.beginArray()
        for value in 0..<100 {
            writer.element()
            writer.string(String(repeating: "v", count: value))
            writer.flush { chunks.append(Array($0)) }
        }
        writer.endArray()
        writer.flush { chunks.append(Array($0)) }
        writer.flush { _ in Issue.record("nothing left to hand on") }
        let whole = JSONValue.strings((0..<100).map { String(repeating: "v", count: $0) }).rendered()
        #expect(chunks.joined() + Array("\n".utf8) == Array(whole.utf8))
        #expect(chunks.count == 101)
    }

    static let fixtures = ExportGoldenTests.fixtures.map(\.name)

    @Test("The export handed on in chunks is the same bytes as the whole text", arguments: fixtures)
    func chunkedExport(name: String) throws {
        let notebook = ExportGoldenTests.open(try #require(ExportGoldenTests.fixtures.first { $0.name == name }).path)
        for includePrivate in [false, true] {
            let whole = Array(ExportDocument.render(notebook, includePrivate: includePrivate).utf8)
            // Streamed on one thread and on several, and rendered whole: one text.
            #expect(whole == Array(ExportDocument(notebook, includePrivate: includePrivate).rendered().utf8))
            var parallel: [UInt8] = []
            ExportDocument.write(notebook, includePrivate: includePrivate, jobs: 3) { parallel += $0 }
            #expect(parallel == whole)
            for chunkSize in [1, 100, 4096, 1 << 16] {
                var chunks: [[UInt8]] = []
                ExportDocument.write(notebook, includePrivate: includePrivate, chunkSize: chunkSize) {
                    chunks.append(Array($0))
                }
                #expect(chunks.joined().elementsEqual(whole))
                #expect(chunks.allSatisfy { !$0.isEmpty })
                // Entries are a few hundred bytes: a chunk is never much more than asked for.
                #expect(chunks.dropLast().allSatisfy { $0.count >= chunkSize && $0.count < chunkSize + 4096 })
            }
        }
    }

    struct Stop: Error, Equatable {}

    @Test func anErrorFromTheSinkStopsTheExport() {
        let notebook = ExportGoldenTests.open(PackagePaths.sampleNotebook)
        var calls = 0
        #expect(throws: Stop()) {
            try ExportDocument.write(notebook, chunkSize: 1000) { (_) throws(Stop) in
                calls += 1
                if calls == 3 { throw Stop() }
            }
        }
        #expect(calls == 3)
    }

    /// Hands `text` to an `AtomicFile` chunk sink.
    static func append(_ text: String, to sink: (UnsafeRawBufferPointer) throws(AtomicFile.Failure) -> Void)
        throws(AtomicFile.Failure) {
        try Array(text.utf8).withUnsafeBytes { buffer in Result { () throws(AtomicFile.Failure) in try sink(buffer) } }.get()
    }

    @Test("A file written in chunks: all of them, or nothing when one fails")
    func atomicFileInChunks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/export.json"
        try AtomicFile.write(to: path, overwrite: false) { (append) throws(AtomicFile.Failure) in
            for part in ["one ", "two ", "three"] { try Self.append(part, to: append) }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one two three")

        // Refused before anything is made: the contents are never asked for.
        #expect(throws: AtomicFile.Failure.exists(path)) {
            try AtomicFile.write(to: path, overwrite: false) { (_) throws(AtomicFile.Failure) in
                Issue.record("contents asked for although the file exists")
            }
        }
        // A failure half-way leaves the old file and no temporary file.
        #expect(throws: AtomicFile.Failure.cannotWrite(path, "stopped")) {
            try AtomicFile.write(to: path, overwrite: true) { (append) throws(AtomicFile.Failure) in
                try Self.append("new", to: append)
                throw .cannotWrite(path, "stopped")
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one two three")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["export.json"])
    }
}
