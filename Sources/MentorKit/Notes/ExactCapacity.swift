extension Array {
    /// The same elements in storage of exactly their count. Arrays grown by appending have
    /// up to twice the room they need; the model keeps hundreds of thousands of small
    /// arrays (sections, entries, items) for as long as a command runs.
    func withExactCapacity() -> [Element] {
        guard capacity > count else { return self }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = buffer.initialize(from: self)
            initialized = count
        }
    }
}
