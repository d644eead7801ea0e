/// An item in one of a report series' lists as templates see it (`item` in
/// docs/templates.md): each value made from the tracked item and its standing at the end of
/// the period when a template asks for it. Three words, so the template engine, which boxes
/// every value it looks at as `Any`, stores it without allocating.
struct ReportItemContext: LazyContext {
    enum List: Sendable { case created, closed, open, overdue }

    let series: ReportSeriesContext
    let list: List
    let position: Int

    var names: [String] { ContextValues.itemNames }

    func value(named name: String) -> Any? {
        let standing = series.standings(list)[position]
        // Read in place: copying the item out of the array would retain its dozen strings and
        // arrays at every lookup.
        return series.figures.series.items.withUnsafeBufferPointer { items in
            ContextValues.itemValue(name, of: items.baseAddress! + standing.index, standing: standing, asOf: series.asOf)
        }
    }
}
