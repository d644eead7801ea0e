#include <cmark.h>

/* The calling thread's cmark arena (MentorKit's NoteArena), in a C thread-local: Swift has
   none of its own, and pthread_getspecific cost about 17 instructions on each of the few
   hundred allocations cmark makes per note. The variable lives inside the function, which
   is emitted with the one Swift file that calls it. */
static inline void **mentor_note_arena_slot(void) {
    static __thread void *arena;
    return &arena;
}
