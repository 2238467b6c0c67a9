import Foundation
import Inventory
import Pricing
import Rules
import XCTest
@testable import HydrousAudit
import TestSupport

/// `JSONTextWriter` (bytes, streamed or buffered) against the String-based
/// `ReportJSONWriter` it replaced, copied below from
/// `git show 1c5676f~1:Sources/HydrousAudit/Render/ReportJSONValue.swift`.
final class JSONTextWriterTests: XCTestCase {
    enum PreviousWriter {
        static func pretty(_ value: ReportJSONValue) -> String {
            var out = ""
            write(value, indent: 0, pretty: true, into: &out)
            out.append("\n")
            return out
        }

        static func compact(_ value: ReportJSONValue) -> String {
            var out = ""
            write(value, indent: 0, pretty: false, into: &out)
            return out
        }

        static func write(_ value: ReportJSONValue, indent: Int, pretty: Bool, into out: inout String) {
            switch value {
            case .null: out.append("null")
            case let .bool(flag): out.append(flag ? "true" : "false")
            case let .number(text): out.append(text)
            case let .string(text): appendQuoted(text, into: &out)
            case let .array(items):
                guard !items.isEmpty else { out.append("[]"); return }
                out.append("[")
                for (index, item) in items.enumerated() {
                    if index > 0 { out.append(",") }
                    newline(indent + 1, pretty: pretty, into: &out)
                    write(item, indent: indent + 1, pretty: pretty, into: &out)
                }
                newline(indent, pretty: pretty, into: &out)
                out.append("]")
            case let .object(members):
                guard !members.isEmpty else { out.append("{}"); return }
                out.append("{")
                for (index, key) in members.keys.sorted().enumerated() {
                    if index > 0 { out.append(",") }
                    newline(indent + 1, pretty: pretty, into: &out)
                    appendQuoted(key, into: &out)
                    out.append(pretty ? ": " : ":")
                    write(members[key] ?? .null, indent: indent + 1, pretty: pretty, into: &out)
                }
                newline(indent, pretty: pretty, into: &out)
                out.append("}")
            }
        }

        static func newline(_ indent: Int, pretty: Bool, into out: inout String) {
            guard pretty else { return }
            out.append("\n")
            out.append(String(repeating: "  ", count: indent))
        }

        static func appendQuoted(_ text: String, into out: inout String) {
            out.append("\"")
            let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
            guard needsEscape else {
                out.append(text)
                out.append("\"")
                return
            }
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out.append("\\\"")
                case "\\": out.append("\\\\")
                case "\n": out.append("\\n")
                case "\r": out.append("\\r")
                case "\t": out.append("\\t")
                case "\u{08}": out.append("\\b")
                case "\u{0C}": out.append("\\f")
                default:
                    if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                        out.append(String(format: "\\u%04x", scalar.value))
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out.append("\"")
        }
    }

    /// Text pieces: every control character, quotes, backslashes, the two
    /// JavaScript line separators, their E2-led neighbours, emoji.
    static let pieces: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        + ["\"", "\\", "/", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "\u{2018}", "\u{2000}", "\u{2030}", "\u{20AC}",
           "\u{2060}", "\u{2080}", "\u{2713}", "\u{2FFF}", "\u{7F}", "é", "😀", "👨‍👩‍👧", "\r\n", "a", "Z", "0", " ", "{", "]", ":", ","]

    static func text(_ rng: inout SeededRandom, maxLength: Int = 10) -> String {
        rng.string(rng.int(in: 0...maxLength), from: pieces)
    }

    static func quoted(_ text: String) -> String {
        var writer = JSONTextWriter(pretty: false)
        writer.string(text)
        return writer.text
    }

    func testStringEscapingIsThePreviousEscaping() {
        var rng = SeededRandom(seed: 0x15_0E)
        let fixed = ["", "plain", "\u{2028}", "a\u{2029}", "\u{E2}", "\u{2028}\u{2028}", "x\u{20AC}\u{2028}y", "\0", "\u{1F}"]
        for text in fixed + (0..<30_000).map({ _ in Self.text(&rng) }) {
            var previous = ""
            PreviousWriter.appendQuoted(text, into: &previous)
            XCTAssertEqual(Self.quoted(text), previous, text.debugDescription)
        }
        XCTAssertEqual(Self.quoted("a\u{2028}b\u{2029}\u{1}\u{20AC}"), "\"a\\u2028b\\u2029\\u0001\u{20AC}\"")
    }

    /// Long texts (runs of plain bytes the writer skips 8 at a time, with an
    /// escape or a multi-byte character at every offset) escape as before.
    func testLongStringEscapingIsThePreviousEscaping() {
        var rng = SeededRandom(seed: 0x10_96)
        let plain = SeededRandom.pieces("abcXYZ019 -_:/.~!@#$%^&*()[]{}<>|=+,;?")
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<rng.int(in: 0...4) {
                text += rng.string(rng.int(in: 0...20), from: plain)
                text += rng.pick(Self.pieces)
            }
            var previous = ""
            PreviousWriter.appendQuoted(text, into: &previous)
            XCTAssertEqual(Self.quoted(text), previous, text.debugDescription)
        }
    }

    /// A random JSON tree: nested objects and arrays, random keys and text.
    static func tree(_ rng: inout SeededRandom, depth: Int) -> ReportJSONValue {
        switch depth > 3 ? rng.below(4) : rng.below(6) {
        case 0: return .null
        case 1: return .bool(rng.below(2) == 0)
        case 2: return .number(rng.pick(["0", "-1.5", "15.44", "730", "1e3"]))
        case 3: return .string(text(&rng))
        case 4: return .array((0..<rng.below(4)).map { _ in tree(&rng, depth: depth + 1) })
        default:
            var members: [String: ReportJSONValue] = [:]
            for _ in 0..<rng.below(5) { members[text(&rng, maxLength: 4)] = tree(&rng, depth: depth + 1) }
            return .object(members)
        }
    }

    func testTreesAreWrittenAsBefore() {
        var rng = SeededRandom(seed: 0x7EE)
        for _ in 0..<2_000 {
            let value = Self.tree(&rng, depth: 0)
            XCTAssertEqual(ReportJSONWriter.pretty(value), PreviousWriter.pretty(value))
            XCTAssertEqual(ReportJSONWriter.compact(value), PreviousWriter.compact(value))
        }
    }

    /// A report with `count` findings and cost lines of random text and amounts.
    static func largeReport(findings count: Int) -> Report {
        var rng = SeededRandom(seed: 0x4E9)
        var report = RenderSample.report()
        let severities: [Severity] = [.critical, .high, .medium, .low, .info]
        for index in 0..<count {
            var finding = Finding(
                ruleId: rng.pick(["ecs_plaintext_secret_env", "rds_backup_short", "logs_no_retention"]),
                severity: rng.pick(severities), title: "T" + text(&rng),
                resource: ResourceRef(type: "ecs:task-definition", id: "svc-\(index)" + text(&rng, maxLength: 3),
                                      arn: rng.below(2) == 0 ? nil : "arn:aws:ecs:us-east-1:1:task/\(index)",
                                      name: rng.below(3) == 0 ? text(&rng) : nil),
                message: text(&rng, maxLength: 40), detail: "\(index)",
                evidence: rng.below(4) == 0 ? SecretEvidence(variable: "V\(index)", value: text(&rng) + "secret") : nil,
                remediation: text(&rng, maxLength: 30), references: (0..<rng.below(3)).map { _ in text(&rng) },
                location: rng.below(5) == 0 ? SourceLocation(file: "f\(text(&rng)).yml", line: index) : nil)
            finding.monthlyCostDelta = rng.below(3) == 0 ? Double(rng.below(2_000_000)) / 1_000 - 1_000 : nil
            report.findings.append(finding)
        }
        for index in 0..<(count / 4) {
            report.cost.lines.append(CostLine(
                component: "ecs", resource: "svc-\(index)", item: text(&rng), monthly: rng.below(5) == 0 ? nil : Double(rng.below(10_000_000)) / 997,
                guideRow: nil, label: text(&rng), basis: text(&rng, maxLength: 20)))
        }
        report.notices = (0..<20).map { _ in text(&rng) }
        return report
    }

    func testStreamIsBufferedIsPreviousWriter() throws {
        let report = Self.largeReport(findings: 2_000)
        let buffered = JSONReportRenderer.bytes(of: report)
        var chunks: [[UInt8]] = []
        JSONReportRenderer.stream(report) { chunks.append(Array($0)) }
        XCTAssertGreaterThan(chunks.count, 2, "a report this size is handed over in several chunks")
        XCTAssertTrue(chunks.dropLast().allSatisfy { $0.count >= 1 << 16 }, "chunks of at least 64 KiB but the last")
        XCTAssertEqual(chunks.flatMap { $0 }, buffered, "streamed and buffered bytes differ")

        let previous = PreviousWriter.pretty(JSONReportRenderer.value(of: report.canonicallyOrdered()))
        XCTAssertEqual(String(decoding: buffered, as: UTF8.self), previous, "not the previous writer's text")
        var streamed: [UInt8] = []
        try ReportOutput.stream(report, format: .json) { streamed += $0 }
        XCTAssertEqual(streamed, buffered)

        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(buffered)) as? [String: Any])
        XCTAssertEqual((parsed["findings"] as? [Any])?.count, report.findings.count)
        assertKeysSorted(buffered)
    }
}

extension XCTestCase {
    /// Every object's keys, as written, in ascending order (a small scanner:
    /// a string followed by `:` is a key of the innermost open object).
    func assertKeysSorted(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        var keys: [[String]] = []
        var index = 0
        var checked = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): keys.append([])
            case UInt8(ascii: "["): keys.append([])
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let closed = keys.removeLast()
                XCTAssertEqual(closed, closed.sorted(), "keys out of order", file: file, line: line)
                checked += closed.count
            case UInt8(ascii: "\""):
                var end = index + 1
                while bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
                var next = end + 1
                while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
                if next < bytes.count, bytes[next] == UInt8(ascii: ":") {
                    // The report's keys are plain ASCII names: no escapes to decode.
                    keys[keys.count - 1].append(String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
                }
                index = end
            default: break
            }
            index += 1
        }
        XCTAssertTrue(keys.isEmpty, file: file, line: line)
        XCTAssertGreaterThan(checked, 1_000, file: file, line: line)
    }
}
