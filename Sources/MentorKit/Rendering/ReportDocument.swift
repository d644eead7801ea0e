/// The weekly report as a template context and as JSON, from the same `WeeklyReport`.
public enum ReportDocument {
    /// The template context. Names: docs/templates.md. Series and their items are
    /// `LazyContext`s, whose values are made when a template shows them.
    public static func context(_ report: WeeklyReport) -> [String: Any] {
        let totals = report.totals
        return [
            "document": "report", "asOf": report.asOf.description,
            "title": "Mentoring report \(report.period.label)",
            "period": ["label": report.period.label, "from": report.period.from.description,
                       "to": report.period.to.description, "isWeek": report.period.isWeek,
                       "noun": report.period.isWeek ? "week" : "period"] as [String: Any],
            "totals": ["mentorships": report.series.count, "sessionsHeld": totals.sessionsHeld,
                       "created": totals.created, "closed": totals.closed, "open": totals.open,
                       "overdue": totals.overdue, "stalled": totals.stalled, "anyStalled": totals.stalled > 0],
            "series": ContextValues.nonEmpty(report.series.map {
                ReportSeriesContext($0, asOf: min(report.period.to, report.asOf))
            }),
            "followThrough": report.followThrough.map { figures in
                [
                    "owner": figures.owner, "closedOnTime": figures.closedOnTime, "closedLate": figures.closedLate,
                    "openOverdue": figures.openOverdue,
                    "percentOnTime": figures.percentOnTime.map { "\($0)%" } ?? "n/a",
                ] as [String: Any]
            },
            "chart": report.chart.map { week in
                ["label": week.label, "from": week.from.description, "to": week.to.description,
                 "closed": week.closed, "open": week.open] as [String: Any]
            },
            "chartText": ProgressChart.text(report.chart),
            "chartSVG": ProgressChart.svg(report.chart),
        ]
    }

    /// The report's JSON as a value tree: the same figures, keys in a fixed order (the
    /// command streams the same bytes with `writeJSON`).
    public static func json(_ report: WeeklyReport) -> JSONValue {
        .object(jsonHead(report) + [("series", .array(report.series.map(json)))] + jsonTail(report))
    }

    /// The JSON text, written series by series so that only one series' tree exists at a
    /// time: the same bytes as `json(report).rendered()`, in far less memory.
    public static func renderJSON(_ report: WeeklyReport) -> String {
        var writer = JSONWriter()
        writeJSON(report, to: &writer, flush: { (_: inout JSONWriter) in })
        return writer.text
    }

    /// The JSON handed to `sink` a chunk at a time, in order: the same bytes as
    /// `renderJSON(report)`, without the whole text in memory (it is tens of megabytes for
    /// thousands of mentorships). Each buffer is valid only during its call.
    /// With `jobs` above 1, the series are written a few per thread, in batches, and handed
    /// out in order: the same bytes.
    public static func writeJSON<Failure: Error>(_ report: WeeklyReport, chunkSize: Int = 1 << 16, jobs: Int = 1,
                                                 to sink: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        var writer = JSONWriter(capacity: min(chunkSize, 1 << 22) / 2 * 3)
        try writeJSON(report, jobs: jobs, to: &writer) { (writer) throws(Failure) in
            if writer.count >= chunkSize { try writer.flush(to: sink) }
        }
        try writer.flush(to: sink)
    }

    /// The one layout of the report's JSON; `flush` is called after each series.
    private static func writeJSON<Failure: Error>(_ report: WeeklyReport, jobs: Int = 1, to writer: inout JSONWriter,
                                                  flush: (inout JSONWriter) throws(Failure) -> Void) throws(Failure) {
        writer.beginObject()
        for (name, value) in jsonHead(report) {
            writer.key(name)
            value.write(to: &writer)
        }
        writer.key("series")
        writer.beginArray()
        if jobs > 1 {
            let series = report.series
            for bytes in FragmentsInBatches(count: series.count, jobs: jobs, capacity: 1 << 14, write: { index, fragment in
                json(series[index]).write(to: &fragment)
            }) {
                writer.element()
                writer.appendFragment(bytes)
                try flush(&writer)
            }
        } else {
            for figures in report.series {
                writer.element()
                json(figures).write(to: &writer)
                try flush(&writer)
            }
        }
        writer.endArray()
        for (name, value) in jsonTail(report) {
            writer.key(name)
            value.write(to: &writer)
        }
        writer.endObject()
        writer.newline()
        try flush(&writer)
    }

    /// The members before `series`.
    static func jsonHead(_ report: WeeklyReport) -> [(String, JSONValue)] {
        let totals = report.totals
        return [
            ("version", .int(1)),
            ("asOf", .string(report.asOf.description)),
            ("period", .object([("label", .string(report.period.label)), ("from", .string(report.period.from.description)),
                                ("to", .string(report.period.to.description))])),
            ("totals", .object([
                ("mentorships", .int(report.series.count)), ("sessionsHeld", .int(totals.sessionsHeld)),
                ("created", .int(totals.created)), ("closed", .int(totals.closed)), ("open", .int(totals.open)),
                ("overdue", .int(totals.overdue)), ("stalled", .int(totals.stalled)),
            ])),
        ]
    }

    /// The members after `series`.
    static func jsonTail(_ report: WeeklyReport) -> [(String, JSONValue)] {
        [
            ("followThrough", .array(report.followThrough.map { figures in
                .object([("owner", .string(figures.owner)), ("closedOnTime", .int(figures.closedOnTime)),
                         ("closedLate", .int(figures.closedLate)), ("openOverdue", .int(figures.openOverdue)),
                         ("percentOnTime", .int(figures.percentOnTime))])
            })),
            ("chart", .array(report.chart.map { week in
                .object([("week", .string(week.label)), ("from", .string(week.from.description)),
                         ("to", .string(week.to.description)), ("closed", .int(week.closed)), ("open", .int(week.open))])
            })),
        ]
    }

    static func json(_ figures: WeeklyReport.SeriesFigures) -> JSONValue {
        // Items are read in place: a copy of one retains its dozen strings and arrays.
        func items(_ list: [WeeklyReport.ItemStanding]) -> JSONValue {
            figures.series.items.withUnsafeBufferPointer { items in
                .array(list.map { json(items[$0.index], as: $0) })
            }
        }
        return .object([
            ("id", .string(figures.series.id)), ("mentee", .string(figures.series.mentee)),
            ("mentor", .string(figures.series.mentor)),
            ("sessionsHeld", .array(figures.sessionsHeld.map { session in
                .object([("file", .string(session.file)), ("date", .string(session.date.description)),
                         ("time", .string(session.time?.description))])
            })),
            ("created", items(figures.created)), ("closed", items(figures.closed)),
            ("open", items(figures.open)), ("overdue", items(figures.overdue)),
            ("lastSession", .string(figures.lastSession?.description)),
            ("daysSinceLastSession", .int(figures.daysSinceLastSession)),
            ("stalled", .bool(figures.stalled)),
            ("next", figures.next.map { next in
                .object([("date", .string(next.date.description)), ("time", .string(next.time?.description)),
                         ("file", .string(next.file))])
            } ?? .null),
        ])
    }

    /// An item as it stood at the end of the period.
    // Inlined so that the item is read where the caller has it, not copied.
    @inline(__always)
    static func json(_ item: TrackedItem, as standing: WeeklyReport.ItemStanding) -> JSONValue {
        .object([
            ("id", .string(item.id)), ("kind", .string(item.kind.rawValue)), ("text", .string(item.text)),
            ("owner", .string(item.owner)), ("due", .string(standing.due?.description)),
            ("status", .string(standing.status.rawValue)), ("created", .string(item.created.description)),
            ("closed", .string(standing.closed?.description)), ("carried", .int(standing.carried)),
            ("file", .string(item.file)), ("line", .int(item.line)),
        ])
    }
}
