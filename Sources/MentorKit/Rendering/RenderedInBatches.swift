import Foundation

/// What the export's series array is made of: entries, or series already rendered.
protocol SeriesWriting {
    func write<Failure: Error>(to writer: inout JSONWriter,
                               flush: (inout JSONWriter) throws(Failure) -> Void) throws(Failure)
}

extension ExportDocument.SeriesEntry: SeriesWriting {}

/// The export's series rendered a batch at a time on several threads, handed out in order
/// (`FragmentsInBatches`).
struct RenderedInBatches: Sequence, IteratorProtocol {
    struct Rendered: SeriesWriting {
        var bytes: [UInt8]

        func write<Failure: Error>(to writer: inout JSONWriter,
                                   flush: (inout JSONWriter) throws(Failure) -> Void) throws(Failure) {
            writer.appendFragment(bytes)
            try flush(&writer)
        }
    }

    private var fragments: FragmentsInBatches

    init(series: [Series], includePrivate: Bool, jobs: Int) {
        fragments = FragmentsInBatches(count: series.count, jobs: jobs, capacity: 1 << 16) { index, writer in
            ExportDocument.SeriesEntry(series[index], includePrivate: includePrivate)
                .write(to: &writer, flush: { (_: inout JSONWriter) in })
        }
    }

    mutating func next() -> Rendered? { fragments.next().map(Rendered.init) }
}
