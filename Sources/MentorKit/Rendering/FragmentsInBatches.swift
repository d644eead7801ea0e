/// The elements of a JSON array (at depth 2: the series of the export and of the report)
/// written a batch at a time on several threads and handed out in order. A batch is a few
/// elements per thread, so memory stays that of a batch, and the bytes are those one thread
/// would write.
struct FragmentsInBatches: Sequence, IteratorProtocol {
    let count: Int
    let jobs: Int
    /// The bytes a fragment's writer starts with room for.
    let capacity: Int
    /// Writes element `index` as a fragment.
    let write: @Sendable (Int, inout JSONWriter) -> Void
    private var nextIndex = 0
    private var batch: [[UInt8]] = []
    private var position = 0

    init(count: Int, jobs: Int, capacity: Int, write: @escaping @Sendable (Int, inout JSONWriter) -> Void) {
        self.count = count
        self.jobs = jobs
        self.capacity = capacity
        self.write = write
    }

    mutating func next() -> [UInt8]? {
        if position == batch.count {
            guard nextIndex < count else { return nil }
            let range = nextIndex..<Swift.min(count, nextIndex + jobs * 4)
            let (write, capacity) = (write, capacity)
            // Each element of a batch is a task of its own.
            batch = ParallelChunks.map(count: range.count, jobs: range.count) { offset in
                var fragment = JSONWriter(capacity: capacity, fragmentAt: 2)
                write(range.lowerBound + offset, &fragment)
                return fragment.bytes
            }
            position = 0
            nextIndex = range.upperBound
        }
        defer { position += 1 }
        return batch[position]
    }
}
