extension Array {
    /// The same elements in storage of exactly their count. Arrays grown by appending have
    /// up to twice the room they need; the model keeps hundreds of thousands of small
    /// arrays (sections, entries, items) for as long as a command runs.
    consuming func withExactCapacity() -> [Element] {
        guard hasSlack else { return self }
        // Moved one by one when this is the only reference to the buffer (a copy would retain
        // every string and array of every element, and release them again right after).
        var source = consume self
        var result: [Element] = []
        result.reserveCapacity(source.count)
        source.reverse()
        while let element = source.popLast() { result.append(element) }
        return result
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
