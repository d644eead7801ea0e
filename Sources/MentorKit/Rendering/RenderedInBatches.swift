import Foundation

/// What the export's series array is made of: entries, or series already rendered.
protocol SeriesWriting {
    func write<Failure: Error>(to writer: inout JSONWriter,
                               flush: (inout JSONWriter) throws(Failure) -> Void) throws(Failure)
}

extension ExportDocument.SeriesEntry: SeriesWriting {}

/// The export's series rendered a batch at a time on several threads, handed out in order.
/// A batch is a few series per thread, so memory stays that of a few series.
struct RenderedInBatches: Sequence, IteratorProtocol {
    struct Rendered: SeriesWriting {
        var bytes: [UInt8]

        func write<Failure: Error>(to writer: inout JSONWriter,
                                   flush: (inout JSONWriter) throws(Failure) -> Void) throws(Failure) {
            writer.appendFragment(bytes)
            try flush(&writer)
        }
    }

    let series: [Series]
    let includePrivate: Bool
    let jobs: Int
    private var nextSeries = 0
    private var batch: [[UInt8]] = []
    private var position = 0

    init(series: [Series], includePrivate: Bool, jobs: Int) {
        self.series = series
        self.includePrivate = includePrivate
        self.jobs = jobs
    }

    mutating func next() -> Rendered? {
        if position == batch.count {
            guard nextSeries < series.count else { return nil }
            let range = nextSeries..<Swift.min(series.count, nextSeries + jobs * 4)
            batch = Self.render(series, range, includePrivate: includePrivate)
            position = 0
            nextSeries = range.upperBound
        }
        defer { position += 1 }
        return Rendered(bytes: batch[position])
    }

    /// Each series of `range` as the bytes it takes inside the series array (depth 2).
    private static func render(_ series: [Series], _ range: Range<Int>, includePrivate: Bool) -> [[UInt8]] {
        // A batch has a few series per thread: each series is a task of its own.
        ParallelChunks.map(count: range.count, jobs: range.count) { offset in
            var fragment = JSONWriter(capacity: 1 << 16, fragmentAt: 2)
            ExportDocument.SeriesEntry(series[range.lowerBound + offset], includePrivate: includePrivate)
                .write(to: &fragment, flush: { (_: inout JSONWriter) in })
            return fragment.bytes
        }
    }
}
