import Foundation
import Inventory
import XCTest

/// `Parallel.map`, `mapEach` and `both` give what the sequential code gives:
/// results in index order, each index computed exactly once, whatever order
/// the work finishes in.
final class ParallelTests: XCTestCase {
    /// Counts calls per index from several threads.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int: Int] = [:]

        func record(_ index: Int) {
            lock.lock()
            counts[index, default: 0] += 1
            lock.unlock()
        }

        func exactlyOnce(_ count: Int) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            return counts.count == count && counts.values.allSatisfy { $0 == 1 } && (0..<count).allSatisfy { counts[$0] != nil }
        }
    }

    static func value(_ index: Int) -> String { "item-\(index)-\(index &* 2_654_435_761 % 1_000)" }

    /// `value`, slowest for the first indices, so later chunks tend to finish first.
    static func work(_ index: Int) -> String {
        if index < 3 { usleep(UInt32(1_000 * (3 - index))) }
        return value(index)
    }

    static let counts = [0, 1, 2, 3, 7, 1_000]

    func testMapKeepsIndexOrder() {
        for count in Self.counts {
            for minimum in [0, 1, 2, 3, 4, 500, 999, 1_000, 1_001, 5_000] {
                let calls = Calls()
                let result = Parallel.map(count, minimumPerChunk: minimum) { index in
                    calls.record(index)
                    return Self.work(index)
                }
                XCTAssertEqual(result, (0..<count).map(Self.value), "count \(count), minimum \(minimum)")
                XCTAssertTrue(calls.exactlyOnce(count), "count \(count), minimum \(minimum)")
            }
        }
        XCTAssertEqual(Parallel.map(5) { $0 * $0 }, [0, 1, 4, 9, 16], "default minimum")
    }

    func testMapEachKeepsIndexOrder() {
        for count in Self.counts {
            let calls = Calls()
            let result = Parallel.mapEach(count) { index in
                calls.record(index)
                return Self.work(index)
            }
            XCTAssertEqual(result, (0..<count).map(Self.value), "count \(count)")
            XCTAssertTrue(calls.exactlyOnce(count), "count \(count)")
        }
    }

    func testBothKeepsItsOrder() {
        for _ in 0..<50 {
            let calls = Calls()
            let (first, second) = Parallel.both({ () -> String in
                calls.record(0)
                usleep(1_000)
                return "first"
            }, { () -> Int in
                calls.record(1)
                return 2
            })
            XCTAssertEqual(first, "first")
            XCTAssertEqual(second, 2)
            XCTAssertTrue(calls.exactlyOnce(2))
        }
        let (none, some) = Parallel.both({ nil as Int? }, { [1, 2] as [Int]? })
        XCTAssertNil(none, "an optional result is handed back as is")
        XCTAssertEqual(some, [1, 2])
    }

    func testWidthIsAtLeastOne() {
        XCTAssertGreaterThanOrEqual(Parallel.width, 1)
    }
}
