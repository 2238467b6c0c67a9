import Dispatch
import Foundation

/// Work split over the machine's cores with results in a fixed order, so a
/// parallel run gives exactly what a sequential one gives.
public enum Parallel {
    /// How many pieces of work run at once.
    public static var width: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// The indices of chunk `chunk` when `count` items are split into
    /// `chunks` contiguous chunks of near-equal size, in order.
    public static func range(ofChunk chunk: Int, of chunks: Int, count: Int) -> Range<Int> {
        (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
    }

    /// `(0..<count).map(body)`, with the indices split into contiguous chunks
    /// run at once; `body` must not depend on the order calls happen in.
    public static func map<T: Sendable>(_ count: Int, minimumPerChunk: Int = 1, _ body: @Sendable (Int) -> T) -> [T] {
        let chunks = min(width, count / max(1, minimumPerChunk))
        guard chunks > 1 else { return (0..<count).map(body) }
        let results = ChunkResults<T>(chunks: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            results.store(range(ofChunk: chunk, of: chunks, count: count).map(body), at: chunk)
        }
        return results.joined()
    }

    /// `(0..<count).map(body)` with every call its own piece of work, taken
    /// by whichever core is free: for a few calls of very different cost.
    public static func mapEach<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard width > 1, count > 1 else { return (0..<count).map(body) }
        let results = ChunkResults<T>(chunks: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.store([body(index)], at: index)
        }
        return results.joined()
    }

    /// `(first(), second())`, the two run at once: `second` on a thread of
    /// its own (a private queue's), `first` on the caller's. Not through
    /// `concurrentPerform`: libdispatch divides the width of a
    /// `concurrentPerform` started inside another among the outer one's
    /// iterations, so on two cores every `map` and `mapEach` inside either
    /// side ran on one core (the rules, 300 ms of a 1,000-service audit, did).
    public static func both<A: Sendable, B: Sendable>(
        _ first: @escaping @Sendable () -> A, _ second: @escaping @Sendable () -> B
    ) -> (A, B) {
        alongside(second) { first() }
    }

    /// `(current(), background())`, the two run at once: `background` on a
    /// thread of its own (as `both`'s `second`), `current` on the caller's,
    /// where it may use what is not `Sendable` (a renderer's output sink).
    public static func alongside<A, B: Sendable>(_ background: @escaping @Sendable () -> B, _ current: () -> A) -> (A, B) {
        guard width > 1 else { return (current(), background()) }
        let result = ChunkResults<B>(chunks: 1)
        let group = DispatchGroup()
        DispatchQueue(label: "Parallel.alongside").async(group: group) { result.store([background()], at: 0) }
        let a = current()
        group.wait()
        guard let b = result.joined().first else { return (a, background()) }
        return (a, b)
    }
}

/// A value worked out once, by whichever thread asks for it first; the
/// others wait for it. For work two parallel sides both need, where neither
/// may wait for the other to start (on one core `Parallel.both` runs them one
/// after the other).
public final class SharedOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: @Sendable () -> Value

    /// A value `make` will work out on first use.
    public init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The value, worked out now if no thread has yet.
    public var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}

/// Per-chunk results, written from several threads under a lock.
private final class ChunkResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [[T]]

    init(chunks: Int) {
        self.chunks = Array(repeating: [], count: chunks)
    }

    func store(_ values: [T], at chunk: Int) {
        lock.lock()
        chunks[chunk] = values
        lock.unlock()
    }

    func joined() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return chunks.flatMap { $0 }
    }
}
