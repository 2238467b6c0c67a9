import Foundation
import Rules
import XCTest
@testable import HydrousAudit
import TestSupport

/// `JSONEscapeMemo`: a memoised string is written exactly as `string(_:)`
/// writes it, whether the text repeats (the copy path), changes under the
/// same key (the text must not be taken from the memo), or shares no storage
/// with the text it was stored for.
final class JSONEscapeMemoTests: XCTestCase {
    func testMemoisedStringsAreWrittenAsEscaped() {
        var rng = SeededRandom(seed: 0x3E30)
        var memo = JSONEscapeMemo()
        var plain = JSONTextWriter(pretty: false)
        var memoised = JSONTextWriter(pretty: false)
        let keys = ["a", "b", "c"]
        var texts = keys.map { _ in JSONTextWriterTests.text(&rng, maxLength: 40) }
        var copies = 0
        plain.beginArray()
        memoised.beginArray()
        for round in 0..<5_000 {
            let slot = rng.below(keys.count)
            // One text in five changes its slot's text (as a remediation with a per-finding value would).
            if rng.below(5) == 0 { texts[slot] = JSONTextWriterTests.text(&rng, maxLength: 40) }
            // Every other round, an equal text with storage of its own (not the stored string).
            let text = round.isMultiple(of: 2) ? texts[slot] : String(decoding: Array(texts[slot].utf8), as: UTF8.self)
            if memo.escaped(text, key: keys[slot]) != nil { copies += 1 }
            plain.item()
            plain.string(text)
            memoised.item()
            memoised.string(text, key: keys[slot], memo: &memo)
        }
        plain.endArray()
        memoised.endArray()
        XCTAssertEqual(memoised.text, plain.text)
        XCTAssertGreaterThan(copies, 2_000, "repeated texts are copied from the memo")
    }

    func testAChangedTextUnderTheSameKeyIsNotTakenFromTheMemo() {
        var memo = JSONEscapeMemo()
        var writer = JSONTextWriter(pretty: false)
        writer.string("first \"one\"", key: "rule", memo: &memo)
        XCTAssertNil(memo.escaped("second", key: "rule"))
        XCTAssertNil(memo.escaped("first \"one\"", key: "other rule"))
        XCTAssertEqual(memo.escaped("first \"one\"", key: "rule"), Array("\"first \\\"one\\\"\"".utf8))
        writer.string("second", key: "rule", memo: &memo)
        XCTAssertEqual(writer.text, "\"first \\\"one\\\"\"\"second\"")
        XCTAssertNil(memo.escaped("first \"one\"", key: "rule"), "a slot holds the last text stored under its key")
    }

    /// A large report whose findings repeat their rule's title and remediation
    /// (as real ones do), with some findings of a rule differing: the memo's
    /// copies give the previous writer's text.
    func testRepeatedRuleTextsRenderAsThePreviousWriter() {
        var report = JSONTextWriterTests.largeReport(findings: 3_000)
        var rng = SeededRandom(seed: 0x7E57)
        let shared = ["ecs_plaintext_secret_env", "rds_backup_short", "logs_no_retention"].map { rule in
            (rule, "Title of \(rule) \u{2028} \"q\"", "aws \(rule) --x '{\"a\":\"<ARN>\"}'\n\t\\ " + JSONTextWriterTests.text(&rng))
        }
        for index in report.findings.indices where rng.below(6) != 0 {
            let (rule, title, remediation) = shared[rng.below(shared.count)]
            report.findings[index].ruleId = rule
            report.findings[index].title = title
            report.findings[index].remediation = remediation
        }
        let written = String(decoding: JSONReportRenderer.bytes(of: report), as: UTF8.self)
        let previous = JSONTextWriterTests.PreviousWriter.pretty(JSONReportRenderer.value(of: report.canonicallyOrdered()))
        XCTAssertEqual(written, previous)
    }
}
