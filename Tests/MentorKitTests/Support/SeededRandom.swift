/// The deterministic generator of the tests on random input (a 64-bit linear congruential
/// generator): the same seed gives the same cases on every run and every machine.
struct SeededRandom {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(state >> 33)
    }
}
