#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCmark

/// Bump allocation for the cmark tree of one note.
///
/// cmark makes a few hundred small allocations and reallocations per note (its nodes and
/// growing buffers), all of which die together as soon as `CMarkAdapter` has copied the
/// tree. They come from a per-thread arena instead, which `reset()` empties in one step;
/// measured, that took a fifth off reading 10,000 notes. cmark's allocator callbacks get
/// no context, so each thread's arena is found through a thread-local variable, and its
/// state is plain memory behind a pointer: no reference counting or exclusivity checks
/// on a path taken a few hundred times per note.
enum NoteArena {
    struct State {
        /// The block allocations come from, how much of it is used, and its size.
        var current: UnsafeMutableRawPointer?
        var used: Int
        var capacity: Int
        /// The block kept between notes (the first one made).
        var first: UnsafeMutableRawPointer?
        var firstCapacity: Int
        /// Further blocks of the note being read, chained through their first word.
        var extra: UnsafeMutableRawPointer?
        /// The latest allocation, which `resize` can grow where it is.
        var last: UnsafeMutableRawPointer?
    }

    private static let blockSize = 256 * 1024
    /// Each block starts with a link to the next; each allocation with its size.
    private static let header = 16

    // MARK: - The arena of this thread

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let state = pointer?.assumingMemoryBound(to: State.self) else { return }
            NoteArena.reset(state)
            free(state.pointee.first)
            state.deinitialize(count: 1)
            state.deallocate()
        }
        return key
    }()

    /// Found through a C thread-local (`shim.h`); the key is only there to free the arena
    /// when its thread ends.
    static var current: UnsafeMutablePointer<State> { currentState() }

    /// Never inlined: each file of the module that calls the C function gets a copy of its
    /// variable (a build compiles the files apart), and an arena reset through one copy
    /// while cmark allocates from another would never be emptied. This is the one caller.
    @inline(never)
    private static func currentState() -> UnsafeMutablePointer<State> {
        if let pointer = mentor_note_arena_slot().pointee { return pointer.assumingMemoryBound(to: State.self) }
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State(current: nil, used: 0, capacity: 0, first: nil, firstCapacity: 0,
                                   extra: nil, last: nil))
        pthread_setspecific(key, state)
        mentor_note_arena_slot().pointee = UnsafeMutableRawPointer(state)
        return state
    }

    // MARK: - Allocating

    /// Inlined into cmark's callbacks: the usual allocation is a bump in the current block,
    /// about a dozen instructions; starting a new block is the rare call out.
    @inline(__always)
    static func allocate(_ size: Int, in state: UnsafeMutablePointer<State>) -> UnsafeMutableRawPointer? {
        guard size >= 0, size <= Int.max - 2 * (header + 16) else { return nil }
        let needed = (size + header + 15) & ~15
        guard let base = state.pointee.current, state.pointee.used + needed <= state.pointee.capacity else {
            return allocateInNewBlock(size, needed: needed, in: state)
        }
        return bump(base, size, needed: needed, in: state)
    }

    @inline(never)
    private static func allocateInNewBlock(_ size: Int, needed: Int, in state: UnsafeMutablePointer<State>) -> UnsafeMutableRawPointer? {
        guard startBlock(holding: needed, in: state), let base = state.pointee.current else { return nil }
        return bump(base, size, needed: needed, in: state)
    }

    /// Takes `needed` bytes of the current block (which has them), whose start is `base`,
    /// for an allocation of `size`.
    @inline(__always)
    private static func bump(_ base: UnsafeMutableRawPointer, _ size: Int, needed: Int,
                             in state: UnsafeMutablePointer<State>) -> UnsafeMutableRawPointer {
        let start = base + state.pointee.used
        state.pointee.used += needed
        start.storeBytes(of: size, as: Int.self)
        state.pointee.last = start + header
        return start + header
    }

    /// Makes a block with room for `needed` bytes the current one; false when out of memory.
    private static func startBlock(holding needed: Int, in state: UnsafeMutablePointer<State>) -> Bool {
        let capacity = max(blockSize, needed + header)
        guard let block = malloc(capacity) else { return false }
        if state.pointee.first == nil {
            state.pointee.first = block
            state.pointee.firstCapacity = capacity
        } else {
            block.storeBytes(of: state.pointee.extra, as: UnsafeMutableRawPointer?.self)
            state.pointee.extra = block
        }
        state.pointee.current = block
        state.pointee.used = header
        state.pointee.capacity = capacity
        return true
    }

    /// `realloc`: the latest allocation grows in place when its block has room (cmark
    /// grows one buffer at a time); anything else is copied to a new allocation.
    static func resize(_ old: UnsafeMutableRawPointer?, to size: Int,
                       in state: UnsafeMutablePointer<State>) -> UnsafeMutableRawPointer? {
        guard let old else { return allocate(size, in: state) }
        guard size >= 0, size <= Int.max - 2 * (header + 16) else { return nil }
        let oldSize = old.load(fromByteOffset: -header, as: Int.self)
        if old == state.pointee.last, let base = state.pointee.current {
            let start = base.distance(to: old) - header
            let needed = (size + header + 15) & ~15
            if start + needed <= state.pointee.capacity {
                state.pointee.used = start + needed
                (old - header).storeBytes(of: size, as: Int.self)
                return old
            }
        }
        guard let pointer = allocate(size, in: state) else { return nil }
        memcpy(pointer, old, min(oldSize, size))
        return pointer
    }

    /// Forgets every allocation of this thread's arena; keeps its first block.
    static func reset(_ state: UnsafeMutablePointer<State> = current) {
        var block = state.pointee.extra
        while let next = block {
            block = next.load(as: UnsafeMutableRawPointer?.self)
            free(next)
        }
        state.pointee.extra = nil
        state.pointee.current = state.pointee.first
        state.pointee.used = header
        state.pointee.capacity = state.pointee.firstCapacity
        state.pointee.last = nil
    }

    /// cmark's allocator interface, served by the calling thread's arena. A size that
    /// overflows gets nil, on which cmark stops with a message (as it does when out of memory).
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            calloc: { count, size in
                let (total, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow, let pointer = NoteArena.allocate(total, in: NoteArena.current) else { return nil }
                memset(pointer, 0, total)
                return pointer
            },
            realloc: { old, size in NoteArena.resize(old, to: size, in: NoteArena.current) },
            free: { _ in }))
        return memory
    }()
}
