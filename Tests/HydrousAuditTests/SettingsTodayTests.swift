import Foundation
@testable import HydrousAudit
import XCTest

/// `AuditSettings.effectiveToday` works the UTC day out by arithmetic; it
/// must name the day Foundation's Gregorian calendar in UTC names, for every
/// instant (waivers expire by it, `pricing refresh` stamps it).
final class SettingsTodayTests: XCTestCase {
    private func calendarDay(_ seconds: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    func testKnownDays() {
        XCTAssertEqual(AuditSettings.utcDay(unixSeconds: 0), "1970-01-01")
        XCTAssertEqual(AuditSettings.utcDay(unixSeconds: 86_399.999), "1970-01-01")
        XCTAssertEqual(AuditSettings.utcDay(unixSeconds: 86_400), "1970-01-02")
        XCTAssertEqual(AuditSettings.utcDay(unixSeconds: -0.5), "1969-12-31")
        XCTAssertEqual(AuditSettings.utcDay(unixSeconds: 951_782_400), "2000-02-29")
        XCTAssertEqual(AuditSettings.utcDay(unixSeconds: 1_709_164_800), "2024-02-29")
        XCTAssertEqual(AuditSettings.utcDay(unixSeconds: 4_107_542_400), "2100-03-01")
        XCTAssertEqual(AuditSettings.utcDay(unixSeconds: .nan), "1970-01-01")
    }

    /// Every day from 1900 to 2200 at a few times of day, midnight's edges
    /// included, against the calendar.
    func testEveryDayAgainstTheCalendar() {
        let first = -2_208_988_800.0  // 1900-01-01
        let last = 7_258_118_400.0  // 2200-01-01
        var day = first
        while day < last {
            for offset in [0.0, 0.25, 43_200, 86_399.75] {
                let instant = day + offset
                XCTAssertEqual(AuditSettings.utcDay(unixSeconds: instant), calendarDay(instant), "at \(instant)")
            }
            day += 86_400
        }
    }

    func testNowAndTheOverride() {
        XCTAssertEqual(AuditSettings(today: "2026-01-02").effectiveToday, "2026-01-02")
        let before = calendarDay(Date().timeIntervalSince1970)
        let today = AuditSettings().effectiveToday
        let after = calendarDay(Date().timeIntervalSince1970)
        XCTAssertTrue(today == before || today == after, today)
    }
}
