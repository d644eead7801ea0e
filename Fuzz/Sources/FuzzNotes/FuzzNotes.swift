import Foundation
import MentorKit

/// libFuzzer entry point: one input is one note's bytes. It is read, linked into a
/// notebook with a fixed held session before it, exported, and rendered as every document,
/// so a crash anywhere from the parser to the templates shows up.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNote(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzNotes.testOneInput(data, size)
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM gives an executable its own entry point, so libFuzzer's driver is started from
/// here rather than from libFuzzer's `main`.
@main
enum FuzzNotes {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in FuzzNotes.testOneInput(data, size) })
    }

    static func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let note = NoteReader.read(path: "sessions/fuzz/2026-11-10.md", bytes: bytes)
    // Reads that keep no Markdown (the export's; the report's, which keeps no entries either
    // and so empties the sections it does not read, `UnreadSections`) must come to the full
    // read without what they never keep.
    let full = NoteReader.read(path: "sessions/fuzz/2026-11-10.md", bytes: bytes, keepingMarkdown: true)
    for keepingEntries in [true, false] {
        let read = NoteReader.read(path: "sessions/fuzz/2026-11-10.md", bytes: bytes, keepingMarkdown: false,
                                   keepingEntries: keepingEntries)
        let expected = full.keeping(markdown: false, entries: keepingEntries)
        if String(describing: read) != String(describing: expected) {
            fatalError("a read keeping no Markdown differs from the full one:\n\(read)\n\(expected)")
        }
    }
    let before = NoteReader.read(path: "sessions/fuzz/2026-11-03.md", text: """
        ---
        date: 2026-11-03
        mentee: Fuzz Person
        series: fuzz
        ---
        ## Goals
        - [ ] A goal ^goal
        ## Next session
        - When: 2026-11-10 10:00
        """)
    let source = NotebookSource(root: "/fuzz", notes: [before, note])
    let notebook = Notebook.link(source, asOf: LocalDate("2026-12-01")!)
    _ = ExportDocument(notebook, includePrivate: true).rendered()
    let documents = Documents(notebook)
    _ = try? documents.agenda(series: nil, format: .html)
    _ = try? documents.agenda(series: nil, format: .md)
    for series in notebook.series {
        _ = try? documents.followUp(session: series.id, workingDirectory: "/fuzz", format: .html)
        _ = try? documents.followUp(session: series.id, workingDirectory: "/fuzz", format: .md)
    }
    _ = try? documents.report(period: ReportPeriod.week(holding: LocalDate("2026-11-10")!, startsOn: .monday),
                              series: nil, format: .html)
    _ = try? documents.calendar(series: nil)
    _ = StatusTable(notebook).text(colour: false)
    return 0
    }
}
