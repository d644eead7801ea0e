/// Orders one series' sessions: by date and time, except that `previous:` links win.
///
/// Sessions are given in base order (date, time, path). A link `previous: P` on N puts P
/// before N; links that form a cycle are dropped by the caller. Several sessions may
/// name the same predecessor (a cancelled session and its replacement both follow the
/// last meeting): each becomes free once that predecessor is placed. The order is the topological
/// order of the links that takes the earliest session in base order whenever several are
/// free, so without links it is the base order itself.
enum ChainOrder {
    /// `links[n]` is the base index of n's explicit predecessor, or nil.
    static func order(count: Int, links: [Int?]) -> [Int] {
        var successors = [[Int]](repeating: [], count: count)
        for (node, previous) in links.enumerated() {
            if let previous { successors[previous].append(node) }
        }
        var free = MinHeap()
        for node in 0..<count where links[node] == nil { free.push(node) }
        var order: [Int] = []
        order.reserveCapacity(count)
        while let node = free.pop() {
            order.append(node)
            for next in successors[node] { free.push(next) }
        }
        return order
    }

    /// Reorders `elements` in place so that position i holds what was at `order[i]`,
    /// by swaps along the permutation's cycles: elements are moved, never copied.
    static func permute<Element>(_ elements: inout [Element], by order: [Int]) {
        precondition(order.count == elements.count, "the order must be a permutation of the elements")
        var placed = [Bool](repeating: false, count: order.count)
        for start in order.indices where !placed[start] {
            var position = start
            while true {
                placed[position] = true
                let source = order[position]
                if source == start { break }
                elements.swapAt(position, source)
                position = source
            }
        }
    }

    /// Explicit links that close a cycle: every node on one.
    static func nodesOnCycles(links: [Int?]) -> Set<Int> {
        var state = [UInt8](repeating: 0, count: links.count)  // 0 new, 1 on path, 2 done
        var onCycle: Set<Int> = []
        for start in links.indices where state[start] == 0 {
            var path: [Int] = []
            var node: Int? = start
            while let current = node, state[current] == 0 {
                state[current] = 1
                path.append(current)
                node = links[current]
            }
            if let current = node, state[current] == 1, let cycleStart = path.firstIndex(of: current) {
                onCycle.formUnion(path[cycleStart...])
            }
            for visited in path { state[visited] = 2 }
        }
        return onCycle
    }
}

/// A binary min-heap of integers.
struct MinHeap {
    private var values: [Int] = []

    mutating func push(_ value: Int) {
        values.append(value)
        var child = values.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard values[child] < values[parent] else { break }
            values.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard let first = values.first else { return nil }
        let last = values.removeLast()
        if !values.isEmpty {
            values[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < values.count, values[left] < values[smallest] { smallest = left }
                if right < values.count, values[right] < values[smallest] { smallest = right }
                if smallest == parent { break }
                values.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
