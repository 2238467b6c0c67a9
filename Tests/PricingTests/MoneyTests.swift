import Pricing
import XCTest

/// Cents, half away from zero, without binary noise.
final class MoneyTests: XCTestCase {
    func testRoundingHalfAwayFromZero() {
        XCTAssertEqual(Money.cents(0.0225 * 730), 16.43)
        XCTAssertEqual(Money.cents(16.425), 16.43)
        XCTAssertEqual(Money.cents(-3.655), -3.66)
        XCTAssertEqual(Money.cents(0.005), 0.01)
        XCTAssertEqual(Money.cents(0.0049), 0)
        XCTAssertEqual(Money.cents(0.25 * 0.04048 * 730), 7.39)
        XCTAssertEqual(Money.cents(0.5 * 0.004445 * 730), 1.62)
        XCTAssertEqual(Money.sum([13.14, 2.30]), 15.44)
    }

    func testFormatting() {
        XCTAssertEqual(Money.format(730), "730")
        XCTAssertEqual(Money.format(0.018), "0.018")
        XCTAssertEqual(Money.format(0.000111), "0.000111")
        XCTAssertEqual(Money.format(0.25), "0.25")
        XCTAssertEqual(Money.usd(2.3), "2.30")
        XCTAssertEqual(Money.signedUSD(0.4), "+0.40")
        XCTAssertEqual(Money.signedUSD(-3.65), "-3.65")
    }
}
