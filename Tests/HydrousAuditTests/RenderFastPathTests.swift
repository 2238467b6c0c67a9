import Foundation
import Inventory
import Pricing
import Rules
import XCTest
@testable import HydrousAudit
import TestSupport

/// The Markdown, text and SARIF renderers write findings straight to bytes,
/// over the cores, with byte-level fast paths and memos of rule-level texts.
/// Each is checked here against the previous implementation, kept below as
/// an oracle (`Previous`): the same text for texts that take every path
/// (ASCII, non-ASCII, backticks, HTML characters, table pipes, every newline
/// `Character.isNewline` knows, edge white space) and for reports large
/// enough to span several batches.
final class RenderFastPathTests: XCTestCase {
    /// Pieces that reach every branch: backticks, `&<>`, `|`, LF, CR, CR LF,
    /// VT, FF, NEL, LS, PS, NBSP and other white space, a combining mark
    /// (which joins a preceding backtick into another character), non-ASCII letters.
    static let pieces = [
        "`", "``", "&", "<", ">", "|", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
        "\u{A0}", "\u{3000}", "\t", " ", "\u{301}", "é", "—", "…", "a", "Z", "0", "-", "*", "aws ", "$ aws ",
    ]

    static func text(_ rng: inout SeededRandom, maxLength: Int = 10) -> String {
        // One text in three is plain ASCII prose, as most real texts are.
        if rng.below(3) == 0 { return rng.string(rng.int(in: 0...maxLength), from: ["a", "b", " ", "-", "9", "`", "x"]) }
        return rng.string(rng.int(in: 0...maxLength), from: pieces)
    }

    func testMarkdownHelpersAreThePreviousHelpers() {
        var rng = SeededRandom(seed: 0x3A2D)
        let fixed = ["", "`", "a`b", "`a`", "``a``", "a\u{2028}b", "\u{85}", "x\r\ny", "`\u{301}", "a`\u{301}b`", "|\r\n|",
                     " a ", "\u{A0}a", "a\u{A0}", "&<>", "é&", "`<`", "a`<b"]
        // Long texts too: the byte scans read eight bytes at a time.
        let long = ["0123456\n", "012345\u{85}xx", "abcdefg\u{2028}x", "abcdefghijklmn`", "abc\rdefgh", "abc&defgh\t", "x|bcdefghi"]
        for text in fixed + long + (0..<20_000).map({ index in Self.text(&rng, maxLength: index % 2 == 0 ? 10 : 40) }) {
            let shown = text.debugDescription
            for sought in [[UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">")], [UInt8(ascii: "|"), 0x0A, 0x0D], [UInt8(ascii: "`")],
                           [0x26, 0x3C, 0x3E, 0x60], [0x61, 0x62, 0x63, 0x64, 0x7C], [0xC3, 0x41], [0xA0], [], [0x80, 0x0A, 0xE2, 0x7C]] {
                XCTAssertEqual(RenderBytes.contains(text, anyOf: sought), text.utf8.contains { $0 < 0x80 && sought.contains($0) },
                               "\(shown) \(sought)")
            }
            XCTAssertEqual(RenderBytes.isPlainCode(text), !text.utf8.contains(UInt8(ascii: "`")) && !text.contains { $0.isNewline }, shown)
            XCTAssertEqual(RenderMarkdown.inline(text), Previous.inline(text), shown)
            XCTAssertEqual(RenderMarkdown.escapeHTML(text), Previous.escapeHTML(text), shown)
            XCTAssertEqual(RenderMarkdown.line(text), Previous.line(text), shown)
            XCTAssertEqual(RenderMarkdown.code(text), Previous.code(text), shown)
            XCTAssertEqual(RenderMarkdown.cell(text), Previous.cell(text), shown)
            XCTAssertEqual(RenderMarkdown.cellCode(text), Previous.cellCode(text), shown)
            XCTAssertEqual(TextReportRenderer.flat(text), Previous.flat(text), shown)
            if RenderBytes.hasNoEdgeWhitespace(text) {
                XCTAssertEqual(text.trimmingCharacters(in: .whitespacesAndNewlines), text, shown)
            }
            XCTAssertEqual(RenderBytes.hasNewline(text), text.contains { $0.isNewline }, shown)
            var appended: [UInt8] = []
            RenderMarkdown.appendCode(text, to: &appended)
            XCTAssertEqual(appended, Array(Previous.code(text).utf8), shown)
        }
        // Canonically equivalent texts are `==` but not the same bytes.
        let pairs = [("é", "e\u{301}"), ("a", "a"), ("", ""), ("ab", "a"), (String(repeating: "x", count: 40), String(repeating: "x", count: 40))]
        for (left, right) in pairs + (0..<2_000).map({ _ in (Self.text(&rng), Self.text(&rng)) }) {
            XCTAssertEqual(RenderBytes.sameBytes(left, right), Array(left.utf8) == Array(right.utf8), "\(left.debugDescription) \(right.debugDescription)")
            XCTAssertTrue(RenderBytes.sameBytes(left, left))
        }
    }

    func testAppendDecimalSpellsAsString() {
        var rng = SeededRandom(seed: 0xDEC)
        let values = [0, 1, -1, 9, 10, 99, 100, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
            + (0..<2_000).map { _ in Int(truncatingIfNeeded: rng.next()) >> rng.below(63) }
        for value in values {
            var out: [UInt8] = [0x41]
            RenderBytes.appendDecimal(value, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), "A" + String(value))
        }
    }

    /// A report of `count` findings whose rules repeat their title,
    /// remediation and references (as real ones do), one finding in five
    /// varying them (the memos must not hand out a stale text), with
    /// evidence, locations, cost deltas and names on some, and waived findings.
    static func report(findings count: Int, seed: UInt64) -> Report {
        var rng = SeededRandom(seed: seed)
        var report = RenderSample.report()
        let rules = (0..<6).map { index in
            (id: "rule_\(index)_" + ["a", "bb", "ccc_long_name"][index % 3], title: "Title \(index) " + text(&rng),
             remediation: index == 0 ? "aws ecs update-service --cluster x" + text(&rng, maxLength: 30)
                 : index == 1 ? "Short fix " + text(&rng) : "Long " + String(repeating: "text ", count: 40) + text(&rng),
             references: (0..<(index % 3)).map { _ in "REF-" + text(&rng, maxLength: 4) })
        }
        let severities: [Severity] = [.critical, .high, .medium, .low, .info]
        func finding(_ index: Int) -> Finding {
            let rule = rng.pick(rules)
            let varies = rng.below(5) == 0
            var finding = Finding(
                ruleId: rule.id, severity: rng.pick(severities), title: varies && rng.below(2) == 0 ? "Other " + text(&rng) : rule.title,
                resource: ResourceRef(type: "ecs:task-definition", id: "svc-\(index)" + text(&rng, maxLength: 3),
                                      arn: rng.below(2) == 0 ? nil : "arn:aws:ecs:us-east-1:1:task/\(index)" + text(&rng, maxLength: 2),
                                      name: rng.below(3) == 0 ? text(&rng) : nil),
                message: text(&rng, maxLength: 40), detail: "\(index)",
                evidence: rng.below(4) == 0 ? SecretEvidence(variable: "V\(index)", value: text(&rng) + "secret") : nil,
                remediation: varies ? text(&rng, maxLength: 30) : rule.remediation,
                references: varies && rng.below(2) == 0 ? [text(&rng)] : rule.references,
                location: rng.below(5) == 0 ? SourceLocation(file: "dir/f \(text(&rng, maxLength: 3)).json", line: index) : nil)
            finding.monthlyCostDelta = rng.below(3) == 0 ? Double(rng.below(2_000_000)) / 1_000 - 1_000 : nil
            return finding
        }
        report.findings = (0..<count).map(finding)
        report.waived = (0..<(count / 50)).map { index in
            WaivedFinding(finding: finding(count + index), reason: "Reason " + text(&rng), expires: rng.below(2) == 0 ? nil : "2027-01-0\(index % 9 + 1)")
        }
        report.summary = SeveritySummary(report.findings)
        return report
    }

    func testMarkdownFindingBlocksAreThePreviousBlocks() throws {
        for (count, seed) in [(0, UInt64(1)), (1, 2), (7, 3), (1_500, 0x4D)] {
            let report = Self.report(findings: count, seed: seed)
            let page = try MarkdownReportRenderer().render(report)
            let ordered = report.canonicallyOrdered()
            var blocks = ["## Findings"]
            if ordered.findings.isEmpty { blocks.append("No findings.") }
            var number = 0
            for severity in Severity.allCases.reversed() {
                let group = ordered.findings.filter { $0.severity == severity }
                guard !group.isEmpty else { continue }
                blocks.append("### \(RenderMarkdown.severityName(severity)) (\(group.count))")
                // A run: findings in a row with the same rule id, title, remediation and references (bytes).
                func texts(_ finding: Finding) -> [[UInt8]] {
                    [finding.ruleId, finding.title, finding.remediation].map { Array($0.utf8) } + finding.references.map { Array($0.utf8) }
                }
                var runStart: (finding: Finding, number: Int)?
                for finding in group {
                    number += 1
                    if let start = runStart, texts(start.finding) == texts(finding) {
                        blocks.append(Previous.findingBlock(finding, number: number, remediationShownAt: start.number))
                    } else {
                        runStart = (finding, number)
                        blocks.append(Previous.findingBlock(finding, number: number))
                    }
                }
            }
            let section = "\n\n" + blocks.joined(separator: "\n\n") + "\n\n## Monthly cost"
            XCTAssertTrue(page.contains(section), "\(count) findings: the findings section differs from the previous renderer's")
            // Long remediations repeated in a run are written out once (1,500 findings of six rules make runs).
            XCTAssertEqual(page.contains("Remediation: as for finding "), count > 100, "\(count) findings")
            var streamed: [UInt8] = []
            try ReportOutput.stream(report, format: .markdown) { streamed += $0 }
            XCTAssertEqual(String(decoding: streamed, as: UTF8.self), page)
        }
    }

    func testTextLinesAreThePreviousLines() throws {
        for (count, seed) in [(0, UInt64(5)), (3, 6), (1_300, 0x7E)] {
            let report = Self.report(findings: count, seed: seed)
            let text = try TextReportRenderer().render(report)
            let ordered = report.canonicallyOrdered()
            let width = ordered.findings.map { $0.ruleId.count }.max() ?? 0
            let lines = ordered.findings.map { Previous.findingLine($0, ruleWidth: width) }
            let expected = lines.isEmpty ? "No findings.\n\nFindings:" : lines.joined(separator: "\n") + "\n\nFindings:"
            XCTAssertTrue(text.hasPrefix(expected), "\(count) findings: the finding lines differ from the previous renderer's")
            var streamed: [UInt8] = []
            try ReportOutput.stream(report, format: .text) { streamed += $0 }
            XCTAssertEqual(String(decoding: streamed, as: UTF8.self), text)
        }
    }

    func testSARIFIsThePreviousTree() throws {
        let docs = ReportOutput.ruleDocs
        for (count, seed) in [(0, UInt64(9)), (2, 10), (1_200, 0x5A)] {
            let report = Self.report(findings: count, seed: seed)
            let renderer = SARIFRenderer(ruleDocs: docs)
            let sarif = try renderer.render(report)
            XCTAssertEqual(sarif, ReportJSONWriter.pretty(Previous.sarif(report, renderer: renderer)), "\(count) findings")
            var streamed: [UInt8] = []
            try ReportOutput.stream(report, format: .sarif) { streamed += $0 }
            XCTAssertEqual(String(decoding: streamed, as: UTF8.self), sarif)
        }
    }

    /// The diff JSON is the previous tree's text; `run --compare --format json`
    /// is the report with `changes` (that diff) as its first member, every
    /// key in sorted order (it was appended last, after `waived`, as `"changes" :`).
    func testDiffJSONAndCompareJSON() throws {
        let previous = Self.report(findings: 900, seed: 0xD1)
        var current = Self.report(findings: 900, seed: 0xD1)
        current.findings.removeFirst(100)
        current.findings += Self.report(findings: 700, seed: 0xD2).findings
        current.summary = SeveritySummary(current.findings)
        let diff = ReportDiff.compare(previous: previous, current: current)
        XCTAssertFalse(diff.new.isEmpty || diff.resolved.isEmpty || diff.open.isEmpty)
        let diffText = try DiffJSONRenderer().render(diff)
        XCTAssertEqual(diffText, Previous.diffJSON(diff))

        let compared = try ReportOutput.render(current, format: .json, changesSince: previous)
        let report = try ReportOutput.render(current, format: .json)
        let indented = diffText.trimmingCharacters(in: .newlines).replacingOccurrences(of: "\n", with: "\n  ")
        XCTAssertEqual(compared, "{\n  \"changes\": " + indented + "," + report.dropFirst(1))
        assertKeysSorted(Array(compared.utf8))
    }
}
