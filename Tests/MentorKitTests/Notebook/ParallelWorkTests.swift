import Foundation
import Testing
@testable import MentorKit

/// The two ways work is spread over threads: chunks of indexes that shrink as the work runs
/// out, and JSON fragments written ahead of the caller and handed out in order.
@Suite("Parallel work")
struct ParallelWorkTests {
    /// Records what the threads did; the lock keeps it exact.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int] = []
        func add(_ value: Int) { lock.withLock { values.append(value) } }
        var all: [Int] { lock.withLock { values } }
    }

    @Test("Chunks cover every index once, in consecutive runs, and shrink toward the end",
          arguments: [(0, 2), (1, 2), (2, 2), (7, 3), (20, 2), (500, 2), (1_050, 2), (10_500, 2), (10_500, 4), (333, 1)])
    func chunksCoverEveryIndexOnce(count: Int, jobs: Int) {
        // Each chunk logged as one value, its start and size together: two logs written one
        // after the other could pair one thread's start with another's size.
        let chunks = Log()
        let seen = Log()
        ParallelChunks.run(count: count, jobs: jobs) { range in
            chunks.add(range.lowerBound << 32 | range.count)
            for index in range { seen.add(index) }
        }
        #expect(seen.all.sorted() == Array(0..<count))
        let ordered = chunks.all.sorted().map { $0 & 0xFFFF_FFFF }
        #expect(count == 0 || ordered.allSatisfy { $0 > 0 })
        // In the order of their starts, the chunks never grow (the claims are made under
        // one lock, each from where the last ended).
        #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0 >= $1 })
        if jobs > 1, count >= 1_000 {
            #expect(ordered.count < 40 * jobs)
            #expect(ordered.last! <= count / (jobs * 256) + 1)
            #expect(ordered.first! >= count / (jobs * 8))
        }
        if jobs == 1 || count <= 1 { #expect(ordered.count <= 1) }
    }

    @Test("map puts each value in its place", arguments: [0, 1, 5, 1_000, 4_321])
    func mapKeepsOrder(count: Int) {
        #expect(ParallelChunks.map(count: count, jobs: 3) { $0 * 7 + 1 } == (0..<count).map { $0 * 7 + 1 })
    }

    /// A fragment that says which element it is, of a length that varies, so that a
    /// fragment in the wrong place or cut short shows.
    static func fragment(_ index: Int, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("index", index)
        writer.field("text", String(repeating: "x", count: (index * 37) % 300))
        writer.endObject()
    }

    static func expected(_ index: Int) -> [UInt8] {
        var writer = JSONWriter(capacity: 64, fragmentAt: 2)
        fragment(index, &writer)
        return writer.bytes
    }

    @Test("Fragments come out in order, each the bytes one thread writes",
          arguments: [(0, 2), (1, 2), (2, 2), (9, 2), (100, 2), (100, 3), (257, 4), (40, 1)])
    func fragmentsInOrder(count: Int, jobs: Int) {
        let fragments = Array(FragmentsInBatches(count: count, jobs: jobs, capacity: 16) { index, writer in
            // Uneven work, so later elements are often done before earlier ones.
            if index % 5 == 0 { usleep(200) }
            Self.fragment(index, &writer)
        })
        #expect(fragments.count == count)
        #expect(fragments == (0..<count).map(Self.expected))
    }

    @Test("A caller that stops early leaves no writer behind, and writers stay a window ahead")
    func stoppingEarly() {
        let written = Log()
        let count = 1_000
        do {
            var fragments = FragmentsInBatches(count: count, jobs: 2, capacity: 16) { index, writer in
                written.add(index)
                Self.fragment(index, &writer)
            }
            for index in 0..<10 { #expect(fragments.next() == Self.expected(index)) }
            // The writers wait for room: at most a window (4 per thread, at least 8) past
            // what was taken, plus what each had claimed.
            usleep(20_000)
            #expect(written.all.count <= 10 + 8 + 2)
        }
        // The sequence is gone: its writers were stopped and waited for.
        let after = written.all.count
        usleep(20_000)
        #expect(written.all.count == after)
        #expect(after < count)
    }
}
