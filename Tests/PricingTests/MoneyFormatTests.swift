import Foundation
import XCTest
@testable import Pricing
import TestSupport

/// `Money.format`, `usd` and `fixedPoint` against `String(format:)`, which
/// they replaced: `format` was `%.<n>f` with trailing zeros and a bare point
/// trimmed and `-0` written `0`; `usd` was `%.2f` of `cents(value)`.
final class MoneyFormatTests: XCTestCase {
    /// `String(format: "%.<decimals>f", value)` by `vsnprintf`, which does the
    /// digits behind it (`testCFormatIsStringFormat`) at a fraction of the
    /// cost, so a million values fit in a debug test run.
    static func cFormat(_ value: Double, _ decimals: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        let written = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(decimals)f", $0) }
        precondition(written > 0 && Int(written) < buffer.count)
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Random values per test: 100,000 keeps a debug run to a few seconds;
    /// `MONEY_FORMAT_SAMPLES=1000000 swift test --filter MoneyFormatTests` for a long run.
    static let samples = ProcessInfo.processInfo.environment["MONEY_FORMAT_SAMPLES"].flatMap { Int($0) } ?? 100_000

    static func previousFormat(_ value: Double, maxDecimals: Int = 6) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        var text = cFormat(value, maxDecimals)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    static func previousUSD(_ value: Double) -> String {
        cFormat(Money.cents(value), 2)
    }

    /// Hand-picked edges: ties in binary and decimal, signs, zeros, limits.
    static let edges: [Double] = [
        0, -0.0, 0.0000005, -0.0000005, 0.0000015, 0.0000025, 4.999999e-7, 5.000001e-7, 2.675, -2.675, 1.005, 0.125, -0.001,
        -0.004, -0.005, 0.005, 0.015, 0.045, 1e8 + 0.125, 1e8 + 0.0000005, 999_999_999.5, 999.9999995, 999.9999994, 1e9 - 0.5,
        1e9 + 0.5, 1e15 - 0.5, 1e15, 1e15 + 2, 1e16, 123_456.7, 0.1 + 0.2, 16.425, 0.0225 * 730, -3.655, 1 / 3, 2 / 3,
        .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity, .nan, 0.000001,
        0.0000009999999, 9.9999995, -9.9999995, 0.0049999999, 0.00499999999999, 42.004999999, 7.39, 1.62,
    ]

    /// A double of random magnitude (1e-9 … 1e12), sign, and shape: plain,
    /// on a decimal grid, a decimal tie (…5 one place past `decimals`), or a
    /// neighbour of either one ulp away.
    static func sample(_ rng: inout SeededRandom) -> Double {
        let magnitude = pow(10, Double(rng.int(in: -9...12)))
        var value: Double
        switch rng.below(4) {
        case 0:
            value = rng.unit() * magnitude
        case 1:
            let places = rng.int(in: 0...8)
            value = Double(rng.below(2_000_000_000)) / pow(10, Double(places))
        case 2:
            let places = rng.int(in: 1...7)
            value = (Double(rng.below(20_000_000)) + 0.5) / pow(10, Double(places))
        default:
            let places = rng.int(in: 1...7)
            let tie = (Double(rng.below(20_000_000)) + 0.5) / pow(10, Double(places))
            value = rng.below(2) == 0 ? tie.nextUp : tie.nextDown
        }
        return rng.below(3) == 0 ? -value : value
    }

    func testCFormatIsStringFormat() {
        var rng = SeededRandom(seed: 0xCF)
        for value in Self.edges + (0..<10_000).map({ _ in Self.sample(&rng) }) {
            for decimals in [2, 3, 6] {
                XCTAssertEqual(Self.cFormat(value, decimals), String(format: "%.\(decimals)f", value), value.debugDescription)
            }
        }
    }

    func testFormatIsTrimmedStringFormat() {
        var rng = SeededRandom(seed: 0x4D0E)
        var failures = 0
        for value in Self.edges + (0..<Self.samples).map({ _ in Self.sample(&rng) }) {
            let fast = Money.format(value), previous = Self.previousFormat(value)
            if fast != previous, failures < 10 {
                failures += 1
                XCTFail("format(\(value.debugDescription)): \(fast), String(format:) \(previous)")
            }
        }
        // (Not 0: the previous code trimmed the zeros of `%.0f`'s integer,
        // `format(999.9999995, maxDecimals: 0)` was "1", now "1000"; no caller passes 0.)
        for value in Self.edges {
            for decimals in [1, 2, 3, 9, 10] {
                XCTAssertEqual(Money.format(value, maxDecimals: decimals), Self.previousFormat(value, maxDecimals: decimals),
                               "\(value.debugDescription) at \(decimals)")
            }
        }
    }

    func testUSDIsTwoDecimalsOfCents() {
        var rng = SeededRandom(seed: 0x05D)
        var failures = 0
        for value in Self.edges + (0..<Self.samples).map({ _ in Self.sample(&rng) }) {
            let fast = Money.usd(value), previous = Self.previousUSD(value)
            if fast != previous, failures < 10 {
                failures += 1
                XCTFail("usd(\(value.debugDescription)): \(fast), String(format:) \(previous)")
            }
        }
        XCTAssertEqual(Money.usd(-0.001), "-0.00", "as %.2f wrote it")
        XCTAssertEqual(Money.usd(2.675), "2.68", "cents first: 2.675 is read as the decimal figure")
        XCTAssertEqual(Money.signedUSD(-0.001), "-0.00")
    }

    /// `fixedPoint` itself, at every precision it takes: its answer (when it
    /// gives one) is `String(format:)`'s, and it declines only near ties or
    /// beyond its range.
    func testFixedPointIsStringFormatOrDeclines() {
        var rng = SeededRandom(seed: 0xF1C5)
        var answered = 0
        let count = 60_000
        for _ in 0..<count {
            let value = Self.sample(&rng)
            let decimals = rng.int(in: 0...9)
            let expected = Self.cFormat(value, decimals)
            if let fast = Money.fixedPoint(value, decimals: decimals, trimZeros: false) {
                answered += 1
                XCTAssertEqual(fast, expected, "\(value.debugDescription) at \(decimals)")
            }
        }
        XCTAssertGreaterThan(answered, count / 2, "the fast path should answer most values")
        XCTAssertNil(Money.fixedPoint(0.0000005, decimals: 6, trimZeros: true), "a tie goes to the formatter")
        XCTAssertNil(Money.fixedPoint(1e8 + 0.125, decimals: 2, trimZeros: false), "too large once scaled")
        XCTAssertNil(Money.fixedPoint(.nan, decimals: 2, trimZeros: false))
        XCTAssertNil(Money.fixedPoint(1, decimals: 10, trimZeros: false))
        XCTAssertEqual(Money.fixedPoint(-0.0, decimals: 2, trimZeros: false), "-0.00")
        XCTAssertEqual(Money.fixedPoint(-0.0000001, decimals: 6, trimZeros: true), "0")
    }
}
