import Foundation
import Inventory
import XCTest

/// Work split with `map` or `mapEach` inside either side of `Parallel.both`
/// must still run on several cores. `both` used `concurrentPerform`, and
/// libdispatch gives a `concurrentPerform` started inside another a share of
/// the outer width: on two cores every `mapEach` inside `both` (the rules
/// engine inside the audit) ran its pieces one after another.
///
/// Each piece waits (up to 20 s) for the other to start: run one after the
/// other, the first piece gives up and reports that it ran alone. Nothing is timed.
final class ParallelNestingTests: XCTestCase {
    /// Two pieces of work meeting: each arrives, then waits for the other.
    final class Rendezvous: @unchecked Sendable {
        private let condition = NSCondition()
        private var arrived = 0

        /// True when the other piece arrived within `timeout` seconds.
        func meet(timeout: TimeInterval = 20) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            arrived += 1
            condition.broadcast()
            let deadline = Date(timeIntervalSinceNow: timeout)
            while arrived < 2 {
                if !condition.wait(until: deadline) { return arrived >= 2 }
            }
            return true
        }
    }

    func testMapEachInsideBothRunsAtOnce() throws {
        try XCTSkipIf(Parallel.width < 2, "one core: nothing runs at once")
        let (left, right) = Parallel.both({ () -> [Bool] in
            let meeting = Rendezvous()
            return Parallel.mapEach(2) { _ in meeting.meet() }
        }, { () -> [Bool] in
            let meeting = Rendezvous()
            return Parallel.mapEach(2) { _ in meeting.meet() }
        })
        XCTAssertEqual(left, [true, true], "the caller's side ran its pieces one after the other")
        XCTAssertEqual(right, [true, true], "the other side ran its pieces one after the other")
    }

    func testMapInsideBothRunsAtOnce() throws {
        try XCTSkipIf(Parallel.width < 2, "one core: nothing runs at once")
        let (left, _) = Parallel.both({ () -> [Bool] in
            let meeting = Rendezvous()
            return Parallel.map(2) { _ in meeting.meet() }
        }, { () -> Int in 1 })
        XCTAssertEqual(left, [true, true])
    }
}
