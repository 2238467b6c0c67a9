import Foundation
import XCTest
@testable import Pricing
import TestSupport

/// `Price.replacing` (UTF-8 bytes) against `replacingOccurrences(of:with:)`,
/// which it replaced in `perUnit`.
final class PriceReplacingTests: XCTestCase {
    static let pieces = ["-hour", "-h", "hour", "-", "h", "10k-calls", "10k", "-calls", "calls", "GB", "-month", "vCPU", " ",
                         "x", "0", "é", "\u{301}", "😀", "\r\n", "ﬃ"]

    func testBytesAreReplacingOccurrences() {
        let pairs = [("-hour", "-h"), ("10k-calls", "10k calls"), ("h", "hh"), ("hh", "h"), ("-", ""), ("x", "é")]
        var rng = SeededRandom(seed: 0x9E1C)
        for _ in 0..<20_000 {
            let (target, replacement) = rng.pick(pairs)
            var text = ""
            let pieces = rng.below(2) == 0 ? Self.pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : Self.pieces
            for _ in 0..<rng.int(in: 0...8) { text += rng.pick(pieces) }
            XCTAssertEqual(Price.replacing(target, with: replacement, in: text),
                           text.replacingOccurrences(of: target, with: replacement),
                           "\(target) → \(replacement) in \(text.debugDescription)")
        }
    }

    /// Foundation leaves an occurrence a combining mark follows alone; the
    /// byte loop replaced it (found by `testBytesAreReplacingOccurrences`).
    func testAnOccurrenceACombiningMarkFollowsStays() {
        XCTAssertEqual("GB-hour\u{301}".replacingOccurrences(of: "-hour", with: "-h"), "GB-hour\u{301}")
        XCTAssertEqual(Price.replacing("-hour", with: "-h", in: "GB-hour\u{301}"), "GB-hour\u{301}")
        XCTAssertEqual(Price(usd: 1, unit: "10k-calls\u{301}", source: "s", date: "d").perUnit, "USD/10k-calls\u{301}")
    }

    func testEveryShippedUnit() {
        let units = ["hour", "GB-month", "vCPU-hour", "GB-hour", "LCU-hour", "GB", "secret-month", "10k-calls", "AZ-hour", "", "-hour"]
        for unit in units {
            let price = Price(usd: 1, unit: unit, source: "s", date: "2026-01-01")
            let short = unit == "hour" ? "h" : unit.replacingOccurrences(of: "-hour", with: "-h")
            XCTAssertEqual(price.perUnit, "USD/" + short.replacingOccurrences(of: "10k-calls", with: "10k calls"), unit)
        }
        XCTAssertEqual(Price(usd: 1, unit: "vCPU-hour", source: "s", date: "d").perUnit, "USD/vCPU-h")
        XCTAssertEqual(Price(usd: 1, unit: "10k-calls", source: "s", date: "d").perUnit, "USD/10k calls")
    }
}
