import Foundation
import Testing
@testable import MentorKit

@Suite("The per-thread arena for cmark trees")
struct NoteArenaTests {
    @Test("Allocations are aligned, distinct, and keep their bytes when they grow")
    func allocateAndResize() throws {
        let state = NoteArena.current
        NoteArena.reset(state)
        let first = try #require(NoteArena.allocate(10, in: state))
        let second = try #require(NoteArena.allocate(3, in: state))
        #expect(Int(bitPattern: first) % 16 == 0)
        #expect(Int(bitPattern: second) % 16 == 0)
        #expect(first != second)
        memset(first, 0xAB, 10)
        // `first` is not the latest allocation: it moves, and its bytes come along.
        let moved = try #require(NoteArena.resize(first, to: 100, in: state))
        #expect(moved != first)
        #expect((0..<10).allSatisfy { moved.load(fromByteOffset: $0, as: UInt8.self) == 0xAB })
        // The latest allocation grows where it is.
        let grown = try #require(NoteArena.resize(moved, to: 200, in: state))
        #expect(grown == moved)
        // Larger than a block: a block of its own.
        let big = try #require(NoteArena.allocate(1 << 20, in: state))
        memset(big, 1, 1 << 20)
        #expect(big.load(fromByteOffset: (1 << 20) - 1, as: UInt8.self) == 1)
        #expect(state.pointee.last == big)
        // The first allocation of a new block is its latest: it changes size where it is,
        // within its block (made just large enough for it), and keeps its bytes.
        #expect(NoteArena.resize(big, to: 1 << 20, in: state) == big)
        #expect(NoteArena.resize(big, to: (1 << 20) - 100, in: state) == big)
        let moved2 = try #require(NoteArena.resize(big, to: (1 << 20) + 64, in: state))
        #expect(moved2 != big)
        #expect(moved2.load(fromByteOffset: (1 << 20) - 101, as: UInt8.self) == 1)
        let after = try #require(NoteArena.allocate(16, in: state))
        #expect(after != big)
        #expect(Int(bitPattern: after) % 16 == 0)
        // A size that would overflow gets nil (cmark then stops, as when out of memory).
        #expect(NoteArena.allocate(Int.max - 8, in: state) == nil)
        #expect(NoteArena.resize(moved2, to: Int.max, in: state) == nil)
        NoteArena.reset(state)
        #expect(state.pointee.extra == nil)
        #expect(state.pointee.current == state.pointee.first)
    }

    @Test("Notes far larger than a block parse the same, one after another")
    func bigNotesInARow() {
        let item = "- [ ] @alex Write the thing due:2026-11-20 ^a\n"
        let body = "## Action items\n" + String(repeating: item.replacingOccurrences(of: "^a\n", with: "\n"), count: 3000) + item
        for _ in 0..<3 {
            let tree = CMarkAdapter.parse(body[...])
            #expect(tree.nodes.filter { $0.kind == .item }.count == 3001)
            #expect(tree.plainText(of: tree.nodes.count - 1).contains("due:2026-11-20"))
        }
        let small = CMarkAdapter.parse("# Title\n\ntext\n"[...])
        #expect(small.nodes.map(\.kind) == [.document, .heading, .text, .paragraph, .text])
    }

    @Test("A parse allocates from this thread's arena and empties it")
    func parseUsesAndEmptiesTheArena() {
        // The arena is found through a C thread-local; a second copy of it (reached from
        // another file) would let cmark allocate from one arena while another is reset,
        // and memory would grow with every note.
        let state = NoteArena.current
        NoteArena.reset(state)
        let body = String(repeating: "- [ ] @alex Write the thing due:2026-11-20\n", count: 20_000)
        _ = CMarkAdapter.parse(body[...])
        #expect(state.pointee.first != nil)
        #expect(state.pointee.extra == nil)
        #expect(state.pointee.last == nil)
        #expect(NoteArena.current == state)
        // A block was taken from this arena for the first note: it is kept, and reused.
        let first = state.pointee.first
        _ = CMarkAdapter.parse(body[...])
        #expect(state.pointee.first == first)
    }
}
