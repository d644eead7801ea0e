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
                       "overdue": totals.overdue, "stalled": totals.stalled],
            "series": ContextValues.nonEmpty(report.series.map { ReportSeriesContext($0, asOf: min(report.period.to, report.asOf)) }),
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

    /// `mentor report --format json`: the same figures, keys in a fixed order.
    public static func json(_ report: WeeklyReport) -> JSONValue {
        let totals = report.totals
        func items(_ list: [TrackedItem]) -> JSONValue {
            .array(list.map { item in
                .object([
                    ("id", .string(item.id)), ("kind", .string(item.kind.rawValue)), ("text", .string(item.text)),
                    ("owner", .string(item.owner)), ("due", .string(item.due?.description)),
                    ("status", .string(item.status.rawValue)), ("created", .string(item.created.description)),
                    ("closed", .string(item.closed?.description)), ("carried", .int(item.carried)),
                    ("file", .string(item.file)), ("line", .int(item.line)),
                ])
            })
        }
        return .object([
            ("version", .int(1)),
            ("asOf", .string(report.asOf.description)),
            ("period", .object([("label", .string(report.period.label)), ("from", .string(report.period.from.description)),
                                ("to", .string(report.period.to.description))])),
            ("totals", .object([
                ("mentorships", .int(report.series.count)), ("sessionsHeld", .int(totals.sessionsHeld)),
                ("created", .int(totals.created)), ("closed", .int(totals.closed)), ("open", .int(totals.open)),
                ("overdue", .int(totals.overdue)), ("stalled", .int(totals.stalled)),
            ])),
            ("series", .array(report.series.map { figures in
                .object([
                    ("id", .string(figures.series.id)), ("mentee", .string(figures.series.mentee)),
                    ("mentor", .string(figures.series.mentor)),
                    ("sessionsHeld", .array(figures.sessionsHeld.map { session in
                        .object([("file", .string(session.file)), ("date", .string(session.date.description)),
                                 ("time", .string(session.time?.description))])
                    })),
                    ("created", items(figures.created.map(figures.item))), ("closed", items(figures.closed.map(figures.item))),
                    ("open", items(figures.open.map(figures.item))), ("overdue", items(figures.overdue.map(figures.item))),
                    ("lastSession", .string(figures.lastSession?.description)),
                    ("daysSinceLastSession", .int(figures.daysSinceLastSession)),
                    ("stalled", .bool(figures.stalled)),
                    ("next", figures.next.map { next in
                        .object([("date", .string(next.date.description)), ("time", .string(next.time?.description)),
                                 ("file", .string(next.file))])
                    } ?? .null),
                ])
            })),
            ("followThrough", .array(report.followThrough.map { figures in
                .object([("owner", .string(figures.owner)), ("closedOnTime", .int(figures.closedOnTime)),
                         ("closedLate", .int(figures.closedLate)), ("openOverdue", .int(figures.openOverdue)),
                         ("percentOnTime", .int(figures.percentOnTime))])
            })),
            ("chart", .array(report.chart.map { week in
                .object([("week", .string(week.label)), ("from", .string(week.from.description)),
                         ("to", .string(week.to.description)), ("closed", .int(week.closed)), ("open", .int(week.open))])
            })),
        ])
    }
}
