import Foundation
import Testing
@testable import MentorKit

/// Notes written to break `UnreadSections` (a review's): the reads that keep no Markdown must
/// still come to the full read without what they never keep.
@Suite("Sections a lean read leaves out: written cases")
struct UnreadSectionsCasesTests {
    static let head = "---\ndate: 2026-11-10\nmentee: X\n---\n"
    static let bodies: [String] = [
        "## Action items\n- [ ] Read [a\\]]\n## Notes\n[a\\]\n]: /u\n",
        "# Talk [a\\]]\n## Notes\n[a\\]\n]: /u\n",
        "## Notes\n[a\\]\nb]: /u\n## Goals [a\\] b]\n- g\n",
        "- [ ] Read [a\\]]\n## Notes\n[a\\]\n]: /u\n",
        "## Next session\n- When: 2026-11-17 10:00\n- Link: [call][a\\]]\n## Notes\n[a\\]\n]: /u\n",
        "## Action items\n- [ ] Read [a\\]]\n## Notes\n- [a\\]\n  ]: /u\n",
        "## Action items\n- [ ] Read [a\\]]\n## Notes\n> [a\\]\n> ]: /u\n",
        "## Notes\nfoo\n## Goals\n- g\n",
        "## Notes\r\nfoo\r\n## Goals\r\n- [ ] g\r\n",
        "## Notes\nfoo\r",
        "## Notes\nfoo\n- \n  [ ] x\n",
        "## Notes\n-\n  [ ] x\n",
        "## Notes\n- 3. [ ] x\n",
        "## Notes\n- x\n\n  [ ] y\n",
        "## Notes #\nx\n## Goals ##\n- g\n",
        "## Notes\t#\t\nx\n",
        "## Notes\n## \n- [ ] x\n",
        "# T\n## Notes\nx\n# Part\ny\n",
        "## Notes (private)\nx\n### Private\ny\n",
        "## Goal\nx\n",
        "## Private notes\nx\n",
        "## Notes\nx\n## Actions\n- do\n  - detail\n",
        "## Notes\n\tx\n",
        "## Notes\n    x\n",
        "## Notes\n    ```\n",
        "## Notes\n\u{00A0}## Goals\n- g\n",
        "## Notes\n- a\n## Goals\n  - [ ] lazy?\n",
        "## Notes\n> a\n## Goals\n- g\n",
        "## Notes\n* * *\n## Goals\n- g\n",
        "## Notes\n- - -\n## Goals\n- g\n",
        "## Notes\n> Goals\n> ---\n",
        "## Notes\nfoo\n> ===\n## Goals\n- g\n",
        "## Notes\n1234567890. [ ] x\n",
        "## Notes\n- [x]\n",
        "## Notes\n[x]\n",
        "## Action items\n- [ ] [x]\n## Notes\n[x]\n: /u\n",
        "## Notes\n`[ ]` x\n",
        "## Notes\n\\[ ] x\n",
        "## Résumé\nx\n## Notes ✅\nx\n",
        "## Notes\n#\n",
        "## Notes\n#x\n",
        "## Notes\n####### x\n",
        "## Notes\nx\n##\n",
        "## Notes\nx\n## #\n",
        "## Notes\u{000C}\nx\n",
        "## \u{000C}Goals\nx\n",
        "## Goals\u{000B}\nx\n",
        "## Notes\nx\u{000C}\n",
        "## Action items\n- [ ] Read [a]\n## Notes\n[a]:\n/u\n",
        "## Action items\n- [ ] Read [a b]\n## Notes\n[a\nb]: /u\n",
        "## Action items\n- [ ] Read [a\\[]\n## Notes\n[a\\[\n]: /u\n",
        "## [Goals][x\\]]\n- Learn Swift\n## Notes\n[x\\]\n]: /u\n",
        "## Notes\n[a\\\\\\]\n]: /u\n## Actions\n- [ ] [a\\\\\\]]\n",
        "\u{FEFF}## Goals\n- g\n# Part\nx\n## Notes\ny\n",
        "## Notes\nx",
        "## Notes",
        "",
        "# A\n# B\n## Notes\nx\n# C\n- [ ] t\n",
        "## Notes\n> a\nb\n## Goals\n- g\n",
        "## Notes\n- a\n\n      b\n## Goals\n- g\n",
    ]

    @Test("each reads the same with sections emptied as in full", arguments: Array(bodies.indices))
    func readsTheSame(index: Int) {
        let bytes = Array((Self.head + Self.bodies[index]).utf8)
        for (read, full) in UnreadSectionsTests.readsAndFull("sessions/x/2026-11-10.md", bytes) {
            #expect(read == full, "body \(index) \(Self.bodies[index].debugDescription)")
        }
    }
}
