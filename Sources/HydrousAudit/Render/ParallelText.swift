import Inventory

/// Text for a long list written over the cores, in order: items go in
/// batches of 512; each batch is split into one contiguous range per core,
/// each range written on its own and the parts taken in order. The text is
/// the same as writing the items one by one, and only one batch's parts are
/// held at a time (batches of 2,048 held ~5 MB and set the 1,000-service
/// run's peak RSS).
enum ParallelText {
    /// The parts of items `0..<count`: `part` writes a range, `take` receives the parts in order.
    static func parts<Part: Sendable>(count: Int, part: @Sendable (Range<Int>) -> Part, take: (Part) -> Void) {
        let batch = 512
        for start in stride(from: 0, to: count, by: batch) {
            let end = min(count, start + batch)
            let width = Parallel.width
            let parts = Parallel.mapEach(width) { chunk in
                let range = Parallel.range(ofChunk: chunk, of: width, count: end - start)
                return part((start + range.lowerBound)..<(start + range.upperBound))
            }
            for made in parts { take(made) }
        }
    }

    /// Writes items `0..<count` with `item` (each range with its own `State`,
    /// e.g. a memo of repeated texts) and hands the text to `sink` as it goes.
    static func write<State>(
        count: Int, bytesPerItem: Int, state: @Sendable () -> State,
        item: @Sendable (Int, inout [UInt8], inout State) -> Void, to sink: (ArraySlice<UInt8>) -> Void
    ) {
        parts(count: count, part: { range -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(range.count * bytesPerItem)
            var local = state()
            for index in range { item(index, &out, &local) }
            return out
        }, take: { text in
            if !text.isEmpty { sink(text[...]) }
        })
    }
}
