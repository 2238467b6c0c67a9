import Foundation
@testable import Pricing
import XCTest

/// `PriceTable.isDate` reads ASCII text byte by byte: the answers must be
/// those of its `Character` reading (kept for other text).
final class PriceTableDateTests: XCTestCase {
    private func characterReading(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    func testSameAnswersAsTheCharacterReading() {
        let texts = [
            "2026-11-30", "2026-1-30", "2026-11-3", "20261-1-30", "2026/11/30", "2026-11-30 ", " 2026-11-30", "2026-11-3a",
            "abcd-ef-gh", "", "----------", "2026--1130", "0000-00-00", "9999-99-99", "2026-11-30-", "2026_11_30",
            "２０２６-１１-３０", "2026-11-3٠", "2026-1½-30",
        ]
        for text in texts {
            XCTAssertEqual(PriceTable.isDate(text), characterReading(text), text)
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-a ")
        for _ in 0..<5_000 {
            let text = String((0..<Int.random(in: 8...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
            XCTAssertEqual(PriceTable.isDate(text), characterReading(text), text)
        }
    }
}
