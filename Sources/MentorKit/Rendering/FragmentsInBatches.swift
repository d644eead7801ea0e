import Foundation

/// The elements of a JSON array (at depth 2: the series of the export and of the report)
/// written ahead on several threads while the caller places the earlier ones, and handed out
/// in order. At most a window of a few elements per thread is written and not yet taken, so
/// memory stays that of the window, and the bytes are those one thread would write.
///
/// A pipeline, not batches: with batches, every thread waited at the end of each batch for
/// the slowest element and for the caller to place the whole batch (the export's series on
/// 2 threads kept 1.6 cores busy).
struct FragmentsInBatches: Sequence, IteratorProtocol {
    let count: Int
    private let pipeline: Pipeline?
    /// Stops and waits for the writers when the last copy of the sequence goes away (a
    /// caller that stops early, say on a write error, leaves no thread behind).
    private let lifetime: Lifetime?
    private var nextIndex = 0

    /// `write` makes element `index` as a fragment; a writer starts with room for `capacity` bytes.
    init(count: Int, jobs: Int, capacity: Int, write: @escaping @Sendable (Int, inout JSONWriter) -> Void) {
        self.count = count
        if count > 0 {
            let pipeline = Pipeline(count: count, window: Swift.max(2, jobs) * 4, capacity: capacity, write: write)
            pipeline.start(threads: Swift.max(1, Swift.min(jobs, count)))
            self.pipeline = pipeline
            lifetime = Lifetime(pipeline)
        } else {
            pipeline = nil
            lifetime = nil
        }
    }

    mutating func next() -> [UInt8]? {
        guard nextIndex < count, let pipeline else { return nil }
        defer { nextIndex += 1 }
        return pipeline.take(nextIndex)
    }

    private final class Lifetime: Sendable {
        let pipeline: Pipeline
        init(_ pipeline: Pipeline) { self.pipeline = pipeline }
        deinit { pipeline.stop() }
    }

    /// The state the writers and the caller share, behind one lock: which element is the next
    /// to write, which the next to take, and the written ones in a ring of `window` slots.
    private final class Pipeline: @unchecked Sendable {
        let count: Int
        let window: Int
        let capacity: Int
        let write: @Sendable (Int, inout JSONWriter) -> Void
        private let condition = NSCondition()
        private let writers = DispatchGroup()
        private var slots: [[UInt8]?]
        private var claimed = 0
        private var taken = 0
        private var stopping = false

        init(count: Int, window: Int, capacity: Int, write: @escaping @Sendable (Int, inout JSONWriter) -> Void) {
            self.count = count
            self.window = window
            self.capacity = capacity
            self.write = write
            slots = Array(repeating: nil, count: window)
        }

        func start(threads: Int) {
            for _ in 0..<threads {
                writers.enter()
                DispatchQueue.global().async {
                    self.writeElements()
                    self.writers.leave()
                }
            }
        }

        /// One writer: claims the next element while the window has room, writes it outside
        /// the lock, and leaves it in its slot.
        private func writeElements() {
            while true {
                condition.lock()
                while !stopping && claimed < count && claimed >= taken + window { condition.wait() }
                guard !stopping && claimed < count else {
                    condition.unlock()
                    return
                }
                let index = claimed
                claimed += 1
                condition.unlock()
                var fragment = JSONWriter(capacity: capacity, fragmentAt: 2)
                write(index, &fragment)
                let bytes = fragment.bytes
                condition.lock()
                slots[index % window] = bytes
                condition.broadcast()
                condition.unlock()
            }
        }

        /// Element `index`, once written; elements are taken in order, each once.
        func take(_ index: Int) -> [UInt8] {
            condition.lock()
            defer { condition.unlock() }
            while slots[index % window] == nil { condition.wait() }
            let bytes = slots[index % window]!
            slots[index % window] = nil
            taken = index + 1
            condition.broadcast()
            return bytes
        }

        func stop() {
            condition.lock()
            stopping = true
            condition.broadcast()
            condition.unlock()
            writers.wait()
        }
    }
}
