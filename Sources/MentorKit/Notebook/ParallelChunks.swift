import Foundation

/// Work on `0..<count` spread over `jobs` threads in chunks of consecutive indexes.
///
/// Chunks, not single indexes: what the work shares is then retained once per chunk, and
/// threads do not contend for the reference counts of shared values. Several chunks per
/// thread, so that a thread that finishes early takes more. With one job, or one index,
/// the work runs on the calling thread as one chunk.
enum ParallelChunks {
    static func run(count: Int, jobs: Int, _ work: @Sendable (Range<Int>) -> Void) {
        let threads = max(1, min(jobs, count))
        guard threads > 1 else {
            work(0..<count)
            return
        }
        let chunk = max(1, count / (threads * 8))
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { part in
            work((part * chunk)..<min(count, (part + 1) * chunk))
        }
    }
}
