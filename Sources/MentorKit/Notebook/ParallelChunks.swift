import Foundation

/// Work on `0..<count` spread over `jobs` threads in chunks of consecutive indexes.
///
/// Chunks, not single indexes: what the work shares is then retained once per chunk, and
/// threads do not contend for the reference counts of shared values. About 32 chunks per
/// thread, so that a thread that finishes early takes more and the last chunk leaves the
/// others idle only briefly (10,500 notes: chunks of 164). With one job, or one index,
/// the work runs on the calling thread as one chunk.
enum ParallelChunks {
    static func run(count: Int, jobs: Int, _ work: @Sendable (Range<Int>) -> Void) {
        let threads = max(1, min(jobs, count))
        guard threads > 1 else {
            work(0..<count)
            return
        }
        let chunk = max(1, count / (threads * 32))
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { part in
            work((part * chunk)..<min(count, (part + 1) * chunk))
        }
    }

    /// `(0..<count).map(transform)` on `jobs` threads: each value is made straight into its
    /// place in the result (no per-chunk arrays to copy from, no lock).
    static func map<Value: Sendable>(count: Int, jobs: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
        [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = Slots(base: buffer.baseAddress)
            run(count: count, jobs: jobs) { range in
                for index in range { (base.base! + index).initialize(to: transform(index)) }
            }
            initialized = count
        }
    }

    /// The result's storage, shared by the threads: each initializes its own indexes only.
    private struct Slots<Value>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Value>?
    }
}
