/// SplitMix64: the same numbers on every machine and run, for the tests that
/// compare a hand-written fast path with the code it replaces.
public struct SeededRandom {
    /// The generator's state; the next number follows from it alone.
    public var state: UInt64

    /// A generator whose numbers follow from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// A double in `[0, 1)` with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992 }

    /// True `percent` times in a hundred.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// One of `items` (not empty).
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `length` pieces drawn from `pieces`, joined.
    public mutating func string(_ length: Int, from pieces: [String]) -> String {
        var text = ""
        for _ in 0..<length { text += pick(pieces) }
        return text
    }

    /// Characters of `text` (as strings), for use as pieces.
    public static func pieces(_ text: String) -> [String] { text.map(String.init) }
}
