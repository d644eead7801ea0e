extension Array {
    /// The same elements in storage of exactly their count. Arrays grown by appending have
    /// up to twice the room they need; the model keeps hundreds of thousands of small
    /// arrays (sections, entries, items) for as long as a command runs.
    consuming func withExactCapacity() -> [Element] {
        guard hasSlack else { return self }
        // Moved one by one when this is the only reference to the buffer (a copy would retain
        // every string and array of every element, and release them again right after).
        // Popped from the end into their place from the end: `reverse()` would swap by copying.
        var source = consume self
        let count = source.count
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            var index = count
            while let element = source.popLast() {
                index -= 1
                (buffer.baseAddress! + index).initialize(to: element)
            }
            initialized = count
        }
    }

    /// Trims the capacity to the count in place, moving the elements.
    mutating func trimCapacity() {
        guard hasSlack else { return }
        var source: [Element] = []
        swap(&source, &self)
        self = (consume source).withExactCapacity()
    }

    /// Room for more than malloc's rounding: storage made for exactly `count` elements can
    /// report a few more, and moving those again would gain nothing.
    private var hasSlack: Bool {
        (capacity - count) * MemoryLayout<Element>.stride >= 32
    }
}
