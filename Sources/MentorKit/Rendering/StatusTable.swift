/// `mentor status`: one line per series with last and next session, open, overdue and
/// carried items and whether the mentorship stalled.
public struct StatusTable: Sendable {
    public struct Row: Sendable {
        public var series: String
        public var mentee: String
        public var lastSession: LocalDate?
        public var daysSinceLastSession: Int?
        public var next: UpcomingSession?
        public var open: Int
        public var overdue: Int
        /// Open items carried over at least once.
        public var carried: Int
        public var stalled: Bool
    }

    public var asOf: LocalDate
    public var rows: [Row]

    public init(_ notebook: Notebook) {
        asOf = notebook.asOf
        // The first upcoming session of each series, found once (a search per series was
        // quadratic in the number of mentorships).
        var nextOfSeries: [String: UpcomingSession] = [:]
        for upcoming in notebook.upcoming where nextOfSeries[upcoming.series] == nil {
            nextOfSeries[upcoming.series] = upcoming
        }
        rows = notebook.series.map { series in
            let items = series.items.filter { !$0.isPrivate && $0.status.isActive }
            // Held means on or before the as-of date (`Session.status`).
            let last = series.heldSessions.last
            let days = last.map { $0.date.days(to: notebook.asOf) }
            let next = nextOfSeries[series.id]
            return Row(series: series.id, mentee: series.mentee ?? series.id, lastSession: last?.date,
                       daysSinceLastSession: days,
                       next: next,
                       open: items.count, overdue: items.filter(\.overdue).count,
                       carried: items.filter { $0.carried > 0 }.count,
                       stalled: WeeklyReport.isStalled(daysSinceLastSession: days, hasNext: next != nil,
                                                        stalledAfter: notebook.config.stalledAfter))
        }
    }

    /// Aligned columns; with `colour`, overdue counts in red and stalled in yellow (ANSI).
    public func text(colour: Bool) -> String {
        let header = ["SERIES", "MENTEE", "LAST", "NEXT", "OPEN", "OVERDUE", "CARRIED", "STALLED"]
        let cells: [[String]] = rows.map { row in
            [
                row.series, row.mentee,
                row.lastSession.map { "\($0) (\(row.daysSinceLastSession ?? 0)d)" } ?? "-",
                row.next.map { "\($0.date)" + ($0.time.map { " \($0)" } ?? "") + ($0.date < asOf ? " (past)" : "") } ?? "-",
                String(row.open), String(row.overdue), String(row.carried), row.stalled ? "yes" : "no",
            ]
        }
        let widths = header.indices.map { column in
            ([header[column]] + cells.map { $0[column] }).map(StatusTable.displayWidth).max() ?? 0
        }
        let numeric: Set<Int> = [4, 5, 6]
        func line(_ values: [String], row: Row?) -> String {
            values.enumerated().map { column, value in
                let padding = String(repeating: " ", count: max(0, widths[column] - StatusTable.displayWidth(value)))
                var cell = numeric.contains(column) ? padding + value : value + padding
                if colour, let row {
                    if column == 5, row.overdue > 0 { cell = "\u{1B}[31m" + cell + "\u{1B}[0m" }
                    if column == 7, row.stalled { cell = "\u{1B}[33m" + cell + "\u{1B}[0m" }
                }
                return cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(header, row: nil)]
        for (row, values) in zip(rows, cells) { lines.append(line(values, row: row)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Terminal columns a text takes: East Asian wide characters and most emoji take two,
    /// combining marks none.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return width
            default: break
            }
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value)
                || (0x1F900...0x1F9FF).contains(value) || (0x20000...0x3FFFD).contains(value)
            return width + (wide ? 2 : 1)
        }
    }

    public var json: JSONValue {
        .object([
            ("version", .int(1)), ("asOf", .string(asOf.description)),
            ("series", .array(rows.map { row in
                .object([
                    ("id", .string(row.series)), ("mentee", .string(row.mentee)),
                    ("lastSession", .string(row.lastSession?.description)),
                    ("daysSinceLastSession", .int(row.daysSinceLastSession)),
                    ("nextSession", row.next.map { next in
                        .object([("date", .string(next.date.description)), ("time", .string(next.time?.description)),
                                 ("file", .string(next.file))])
                    } ?? .null),
                    ("open", .int(row.open)), ("overdue", .int(row.overdue)), ("carried", .int(row.carried)),
                    ("stalled", .bool(row.stalled)),
                ])
            })),
        ])
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
