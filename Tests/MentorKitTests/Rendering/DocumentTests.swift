import Foundation
import Testing
@testable import MentorKit

@Suite("Documents: agenda, follow-up, report, eml, ics")
struct DocumentTests {
    static func documents(_ path: String) -> Documents {
        Documents(Notebook.open(at: path, asOf: LocalDate("2026-12-01"), now: Date(timeIntervalSince1970: 0), jobs: 2))
    }

    static let basic = documents(PackagePaths.fixtures + "/basic")
    static let sample = documents(PackagePaths.sampleNotebook)
    static let hostile = documents(PackagePaths.fixtures + "/hostile")
    static let week48 = ReportPeriod.week("2026-W48", startsOn: .monday)!

    /// Every document of a notebook, by golden file name.
    static func allOutputs(_ documents: Documents, followUp: String) throws -> [(String, String)] {
        [
            ("agenda.md", try documents.agenda(series: nil, format: .md)),
            ("agenda.html", try documents.agenda(series: nil, format: .html)),
            ("followup.md", try documents.followUp(session: followUp, workingDirectory: "/", format: .md)),
            ("followup.html", try documents.followUp(session: followUp, workingDirectory: "/", format: .html)),
            ("followup.eml", try documents.followUp(session: followUp, workingDirectory: "/", format: .eml)),
            ("report.md", try documents.report(period: week48, series: nil, format: .md)),
            ("report.html", try documents.report(period: week48, series: nil, format: .html)),
            ("report.json", try documents.report(period: week48, series: nil, format: .json)),
            ("calendar.ics", try documents.calendar(series: nil)),
        ]
    }

    @Test("Golden documents", arguments: [("basic", "sessions/alex/2026-11-10.md"), ("sample-notebook", "alex-chen")])
    func golden(name: String, followUp: String) throws {
        let documents = name == "basic" ? Self.basic : Self.sample
        for (file, text) in try Self.allOutputs(documents, followUp: followUp) {
            try expectGolden(text, "\(name).expected/\(file)")
        }
    }

    @Test("No script and no javascript: link reaches any output of a hostile notebook")
    func hostileNotesStayText() throws {
        var outputs = try Self.allOutputs(Self.hostile, followUp: "x")
        outputs.append(("agenda-first.md", try Self.hostile.agenda(series: "z", format: .md)))
        outputs.append(("agenda-first.html", try Self.hostile.agenda(series: "z", format: .html)))
        for (name, text) in outputs {
            #expect(!text.lowercased().contains("<script"), "\(name) contains <script")
            #expect(!text.lowercased().contains("javascript:"), "\(name) contains javascript:")
            #expect(!text.contains("onerror="), "\(name) contains onerror=")
            #expect(!text.contains("onclick="), "\(name) contains onclick=")
        }
        for (name, text) in outputs where name.hasSuffix(".html") {
            _ = try parseBack("html", text)
        }
        let first = try Self.hostile.agenda(series: "z", format: .html)
        #expect(first.contains("First session: about Zed &lt;script&gt;"))
        #expect(first.contains("https://example.com/zed") == false)
    }

    @Test("HTML pages are complete, balanced and self-contained", arguments: ["agenda", "followup", "report"])
    func htmlIsWellFormed(document: String) throws {
        let text: String
        switch document {
        case "agenda": text = try Self.sample.agenda(series: nil, format: .html)
        case "followup": text = try Self.sample.followUp(session: "priya-natarajan", workingDirectory: "/", format: .html)
        default: text = try Self.sample.report(period: Self.week48, series: nil, format: .html)
        }
        let parsed = try parseBack("html", text)
        let tags = parsed["tags"] as? [String] ?? []
        #expect(tags.contains("style") && tags.contains("h1"))
        if document == "report" { #expect(tags.contains("svg") && tags.contains("rect")) }
    }

    @Test func calendarParsesBackWithICalendar() throws {
        let parsed = try parseBack("ics", try Self.sample.calendar(series: nil))
        let events = parsed["events"] as? [[String: Any]] ?? []
        #expect(parsed["version"] as? String == "2.0")
        #expect(events.map { $0["uid"] as? String } == [
            "alex-chen-2026-12-03@mentor.invalid", "sam-okafor-2026-12-08@mentor.invalid",
            "priya-natarajan-2026-12-10@mentor.invalid",
        ].map(Optional.some) || events.count == 3)
        let alex = try #require(events.first { ($0["uid"] as? String)?.hasPrefix("alex-chen") == true })
        #expect(alex["start"] as? String == "2026-12-03T16:00:00+00:00")
        #expect(alex["end"] as? String == "2026-12-03T17:00:00+00:00")
        #expect(alex["location"] as? String == "Fernwood Café, Clerkenwell")
        #expect((alex["description"] as? String)?.contains("Talking points:\n- Walk through") == true)
    }

    @Test func calendarTimesFollowTheNotebookTimeZone() throws {
        let parsed = try parseBack("ics", try Self.hostile.calendar(series: "x"))
        let event = try #require((parsed["events"] as? [[String: Any]])?.first)
        // 16:00 in New York on 2026-12-08 is 21:00 UTC.
        #expect(event["start"] as? String == "2026-12-08T21:00:00+00:00")
        #expect(event["url"] == nil || event["url"] is NSNull)
        let allDay = try parseBack("ics", try Self.hostile.calendar(series: "z"))
        #expect((allDay["events"] as? [[String: Any]])?.first?["start"] as? String == "2026-12-09")
    }

    @Test func emailParsesBackWithPythonsEmailPackage() throws {
        let text = try Self.basic.followUp(session: "sessions/alex/2026-11-10.md", workingDirectory: "/", format: .eml)
        let parsed = try parseBack("eml", text)
        #expect(parsed["to"] as? String == "Alex Chen <alex@example.com>")
        #expect(parsed["type"] as? String == "multipart/alternative")
        #expect(parsed["parts"] as? [String] == ["text/html", "text/plain"])
        #expect(parsed["subject"] as? String == "Follow-up: our session on 2026-11-10")
        #expect((parsed["text"] as? String)?.contains("Block two mornings a week") == true)
        #expect((parsed["html"] as? String)?.contains("<li>Block two mornings a week</li>") == true)
        #expect(text.contains("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func nonASCIISubjectsAndNamesAreEncodedWords() throws {
        let text = try Self.hostile.followUp(session: "x", workingDirectory: "/", format: .eml)
        let parsed = try parseBack("eml", text)
        #expect((parsed["to"] as? String)?.hasSuffix("<mallory@example.com>") == true)
        let message = EmailMessage(to: .init(name: "Zoë Brûlé", address: "zoe@example.com"), from: nil,
                                   subject: "Suivi : séance du 10 novembre", date: LocalDate("2026-11-10")!,
                                   time: nil, timeZone: "Europe/Paris", messageID: "a@b", text: "é", html: "<p>é</p>")
        let parsedMessage = try parseBack("eml", message.rendered())
        #expect(parsedMessage["subject"] as? String == "Suivi : séance du 10 novembre")
        #expect(parsedMessage["to"] as? String == "Zoë Brûlé <zoe@example.com>")
        #expect(parsedMessage["date"] as? String == "Tue, 10 Nov 2026 09:00:00 +0100")
    }

    @Test func emailWithoutAProfileAddressIsAClearError() {
        let notebook = InlineNotebook([("s/a.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen"))]).link()
        #expect(throws: DocumentError.self) {
            try Documents(notebook).followUp(session: "alex-chen", workingDirectory: "/", format: .eml)
        }
        do {
            _ = try Documents(notebook).followUp(session: "alex-chen", workingDirectory: "/", format: .eml)
        } catch {
            #expect(error.description.contains("write a profile note"))
        }
    }

    @Test func privateSectionsAppearInNoDocument() throws {
        for (name, text) in try Self.allOutputs(Self.basic, followUp: "sessions/alex/2026-11-10.md") {
            #expect(!text.contains("burning out"), "\(name) shows a private item")
        }
    }

    @Test func reportFormatsAgreeOnTheFigures() throws {
        let json = try Self.sample.report(period: Self.week48, series: nil, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Int])
        let markdown = try Self.sample.report(period: Self.week48, series: nil, format: .md)
        #expect(markdown.contains("- Sessions held: \(totals["sessionsHeld"] ?? -1)\n"))
        #expect(markdown.contains("created: \(totals["created"] ?? -1), closed: \(totals["closed"] ?? -1), still open: \(totals["open"] ?? -1), overdue: \(totals["overdue"] ?? -1)"))
        let html = try Self.sample.report(period: Self.week48, series: nil, format: .html)
        #expect(html.contains("<td class=\"num\">\(totals["sessionsHeld"] ?? -1)</td>"))
        #expect((object["chart"] as? [Any])?.count == 8)
    }

    @Test func agendaOfAFirstSessionShowsTheProfile() throws {
        let notebook = InlineNotebook([
            ("people/sam.md", "---\ntype: profile\nname: Sam Lee\norganization: Acme\n---\nLoves **Rust**.\n"),
            ("s/2026-12-08.md", sessionNote("date: 2026-12-08\ntime: \"10:00\"\nmentee: Sam Lee\nstatus: planned")),
        ]).link()
        let agenda = try Documents(notebook).agenda(series: "sam-lee", format: .md)
        #expect(agenda.contains("## First session: about Sam Lee"))
        #expect(agenda.contains("**Organization:** Acme"))
        #expect(agenda.contains("Loves **Rust**."))
        #expect(agenda.contains("No place and no call link"))
        let empty = InlineNotebook([
            ("people/ana.md", "---\ntype: profile\nname: Ana Ruiz\n---\n<!-- only the template's comment -->\n"),
            ("s/2026-12-08.md", sessionNote("date: 2026-12-08\nmentee: Ana Ruiz\nstatus: planned")),
        ]).link()
        #expect(try Documents(empty).agenda(series: "ana-ruiz", format: .md).contains("Nothing written yet in people/ana.md"))
    }

    @Test func missingThingsAreClearErrors() {
        #expect(throws: DocumentError.self) { try Self.basic.agenda(series: "nobody", format: .md) }
        #expect(throws: DocumentError.self) { try Self.basic.followUp(session: "sessions/alex/2026-12-03.md", workingDirectory: "/", format: .md) }
        #expect(throws: DocumentError.self) { try Self.basic.agenda(series: nil, format: .eml) }
    }

    @Test func notebookTemplatesOverrideTheDefaults() throws {
        let notebook = InlineNotebook([("s/a.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen",
                                                               "## Next session\n- When: 2026-12-08\n"))]).link()
        var overridden = notebook
        overridden.templateOverrides = ["agenda.md.mustache": "{{% CONTENT_TYPE: MARKDOWN }}\nAGENDA for {{series.mentee}} on {{session.date}}\n"]
        #expect(try Documents(overridden).agenda(series: nil, format: .md) == "AGENDA for Alex Chen on 2026-12-08\n")
        #expect(try Documents(notebook).agenda(series: nil, format: .md).hasPrefix("# Agenda: Alex Chen"))
    }

    @Test func aBrokenTemplateIsADiagnosticWithItsLine() throws {
        var notebook = InlineNotebook([("s/a.md", sessionNote("date: 2026-11-10\nmentee: Alex Chen",
                                                               "## Next session\n- When: 2026-12-08\n"))]).link()
        notebook.templateOverrides = ["agenda.md.mustache": "line one\n{{#items}}\nnever closed\n"]
        let documents = Documents(notebook)
        #expect(documents.templates.diagnostics.map(\.file) == ["templates/agenda.md.mustache"])
        #expect(documents.templates.diagnostics.first?.code == .badTemplate)
        #expect((documents.templates.diagnostics.first?.line ?? 0) >= 2)
        #expect(throws: DocumentError.self) { try documents.agenda(series: nil, format: .md) }
        #expect(try documents.report(period: Self.week48, series: nil, format: .md).hasPrefix("# Mentoring report"))
    }

    @Test("ISO weeks", arguments: [
        ("2026-W48", "2026-11-23", "2026-11-29"), ("2026-W01", "2025-12-29", "2026-01-04"),
        ("2020-W53", "2020-12-28", "2021-01-03"),
    ])
    func isoWeeks(label: String, from: String, to: String) throws {
        let week = try #require(ReportPeriod.week(label, startsOn: .monday))
        #expect(week.from.description == from && week.to.description == to && week.label == label)
        #expect(ReportPeriod.week(holding: LocalDate(to)!, startsOn: .monday).label == label)
        let sunday = try #require(ReportPeriod.week(label, startsOn: .sunday))
        #expect(sunday.from == week.from.adding(days: -1))
        #expect(ReportPeriod.week("2025-W53", startsOn: .monday) == nil)
    }

    @Test func icsLinesAreFoldedAndEscaped() {
        #expect(CalendarFile.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        // A tab kept the words around it apart (an audit found them joined); other controls go.
        #expect(CalendarFile.escape("Room\t4\u{7}\r") == "Room 4")
        let folded = CalendarFile.fold("DESCRIPTION:" + String(repeating: "é", count: 100))
        #expect(folded.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "DESCRIPTION:" + String(repeating: "é", count: 100))
    }
}
