import Foundation

/// An iCalendar (RFC 5545) file of upcoming sessions: CRLF lines folded at 75 octets,
/// text escaped, times in UTC (converted from the notebook's time zone), stable UIDs.
struct CalendarFile {
    struct Event {
        var upcoming: UpcomingSession
        var series: Series
        var description: String
        /// A meeting still ahead whose note says it is cancelled: written with
        /// `STATUS:CANCELLED` under the UID it had while planned, so that a calendar the
        /// earlier file was imported into drops it.
        var isCancelled = false
    }

    var events: [Event]
    var timeZone: String?
    /// DTSTAMP: the as-of date, so the same notes give the same file.
    var stamp: LocalDate

    func rendered() -> String {
        // No METHOD: the file is a calendar to import, not a scheduling message (RFC 5546's
        // PUBLISH would require an ORGANIZER, which a notebook may not know).
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mentor//mentoring notebook//EN",
                     "CALSCALE:GREGORIAN"]
        // Each series' UID suffixes, worked out once a series (a series may have many events).
        var suffixes: [String: [String: String]] = [:]
        for event in events {
            let upcoming = event.upcoming
            let people = (event.series.mentee ?? event.series.id) + (event.series.mentor.map { " and \($0)" } ?? "")
            if suffixes[event.series.id] == nil { suffixes[event.series.id] = Documents.sameDaySuffixes(in: event.series) }
            let suffix = upcoming.file.flatMap { suffixes[event.series.id]?[$0] } ?? ""
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + CalendarFile.escape("\(upcoming.series)-\(upcoming.date)\(suffix)@mentor.invalid"))
            lines.append("DTSTAMP:" + CalendarFile.basic(stamp) + "T000000Z")
            if let time = upcoming.time {
                let start = utc(upcoming.date, time)
                let end = start.addingTimeInterval(TimeInterval((upcoming.durationMinutes ?? 60) * 60))
                lines.append("DTSTART:" + CalendarFile.utcStamp(start))
                lines.append("DTEND:" + CalendarFile.utcStamp(end))
            } else {
                lines.append("DTSTART;VALUE=DATE:" + CalendarFile.basic(upcoming.date))
                lines.append("DTEND;VALUE=DATE:" + CalendarFile.basic(upcoming.date.adding(days: 1)))
            }
            if event.isCancelled { lines.append("STATUS:CANCELLED") }
            lines.append("SUMMARY:" + CalendarFile.escape((event.isCancelled ? "Cancelled: " : "") + "Mentoring: \(people)"))
            if let location = upcoming.location { lines.append("LOCATION:" + CalendarFile.escape(location)) }
            if let link = ContextValues.linkURL(upcoming.link) { lines.append("URL:" + EmailMessage.clean(link)) }
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + CalendarFile.escape(event.description)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(CalendarFile.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The agenda as plain text for DESCRIPTION.
    static func description(_ agenda: [String: Any]) -> String {
        var parts: [String] = []
        if let link = (agenda["session"] as? [String: Any])?["link"] as? String { parts.append("Call: \(link)") }
        if let points = agenda["talkingPoints"] as? [String] {
            parts.append("Talking points:\n" + points.map { "- \($0)" }.joined(separator: "\n"))
        }
        if let items = agenda["openItems"] as? [[String: Any]] {
            parts.append("To review:\n" + items.compactMap { item in
                guard let text = item["text"] as? String else { return nil }
                let owner = (item["owner"] as? String).map { " (@\($0))" } ?? ""
                let due = (item["due"] as? String).map { ", due \($0)" } ?? ""
                return "- \(text)\(owner)\(due)"
            }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    func utc(_ date: LocalDate, _ time: LocalTime) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = NotebookConfig.zone(timeZone)
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day,
                                                  hour: time.hour, minute: time.minute)) ?? Date(timeIntervalSince1970: 0)
    }

    static func utcStamp(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    static func basic(_ date: LocalDate) -> String {
        String(format: "%04d%02d%02d", date.year, date.month, date.day)
    }

    /// RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped; a tab is a space
    /// (dropped, it joined the words around it); other controls dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\r": continue
            case "\t": result += " "
            // Some calendar apps show descriptions as HTML: a note's tag must stay text.
            case "<": result += "‹"
            case ">": result += "›"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Lines longer than 75 octets continue on lines starting with a space, never splitting
    /// a UTF-8 sequence. The cut falls between scalars (RFC 5545 allows splitting a
    /// character of several scalars, which a long run of combining marks needs).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var pieces: [String] = []
        var current = ""
        var octets = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
                limit = 74
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
