import Foundation
import Pricing
import Rules

/// Markdown text helpers shared by the report and diff renderers.
enum RenderMarkdown {
    /// Text safe inside a table cell: `|` escaped, newlines as `<br>`, HTML tags neutralised.
    static func cell(_ text: String) -> String {
        let escaped = inline(text)
        guard RenderBytes.contains(escaped, anyOf: cellSpecials) else { return escaped }
        if RenderBytes.isASCII(escaped) { return asciiCell(escaped) }
        return escaped
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }

    /// An inline code span safe inside a table cell.
    static func cellCode(_ text: String) -> String {
        let span = code(text)
        guard RenderBytes.contains(span, anyOf: [UInt8(ascii: "|")]) else { return span }
        return span.replacingOccurrences(of: "|", with: "\\|")
    }

    private static let cellSpecials: [UInt8] = [UInt8(ascii: "|"), 0x0A, 0x0D]

    /// `cell`'s replacements on ASCII text, in one pass: `|` → `\|`; CR LF, LF and CR → `<br>`.
    private static func asciiCell(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var previousCR = false
        for byte in text.utf8 {
            if byte == 0x0A, previousCR {
                previousCR = false
                continue  // the LF of a CR LF already written as one `<br>`
            }
            previousCR = byte == 0x0D
            switch byte {
            case UInt8(ascii: "|"): out.append(contentsOf: "\\|".utf8)
            case 0x0A, 0x0D: out.append(contentsOf: "<br>".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Prose safe in a paragraph or list item: no raw HTML. Text inside
    /// backtick code spans is left as written, since Markdown shows entities
    /// there literally (`<ID>` must not become `&lt;ID&gt;`).
    static func inline(_ text: String) -> String {
        // Without `&`, `<` or `>` nothing changes (splitting at backticks and
        // joining with them gives the text back); without a backtick byte
        // there is no backtick character.
        guard RenderBytes.contains(text, anyOf: htmlSpecials) else { return text }
        guard RenderBytes.contains(text, anyOf: [UInt8(ascii: "`")]), text.contains("`") else { return escapeHTML(text) }
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        // An odd number of backticks leaves the last span open: escape it as prose.
        let closed = parts.count % 2 == 1
        return parts.enumerated().map { index, part in
            let insideCode = index % 2 == 1 && (closed || index < parts.count - 1)
            return insideCode ? String(part) : escapeHTML(String(part))
        }.joined(separator: "`")
    }

    /// `&`, `<` and `>` as entities.
    static func escapeHTML(_ text: String) -> String {
        guard RenderBytes.contains(text, anyOf: htmlSpecials) else { return text }
        if RenderBytes.isASCII(text) { return RenderBytes.replacing(text, htmlEntities) }
        return text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A single-line paragraph (newlines folded to spaces).
    static func line(_ text: String) -> String {
        let escaped = inline(text)
        guard RenderBytes.hasNewline(escaped) else { return escaped }
        return escaped.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static let htmlSpecials: [UInt8] = [UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">")]
    private static let htmlEntities: [UInt8: String] = [
        UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;",
    ]

    /// An inline code span that survives backticks in `text`.
    static func code(_ text: String) -> String {
        if RenderBytes.isPlainCode(text) { return "`" + text + "`" }
        if RenderBytes.isASCII(text), !RenderBytes.hasNewline(text) {
            // One character a byte: the same fence and padding, worked out on bytes.
            let backtick = UInt8(ascii: "`")
            guard text.utf8.contains(backtick) else { return "`" + text + "`" }
            var longest = 0
            var run = 0
            for byte in text.utf8 {
                run = byte == backtick ? run + 1 : 0
                longest = max(longest, run)
            }
            let fence = String(repeating: "`", count: longest + 1)
            let pad = text.utf8.first == backtick || text.utf8.last == backtick ? " " : ""
            return fence + pad + text + pad + fence
        }
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// `code(text)` appended to `out` as UTF-8 (the common span, text
    /// without backticks or newlines, without building a string).
    static func appendCode(_ text: String, to out: inout [UInt8]) {
        guard RenderBytes.isPlainCode(text) else {
            out.append(contentsOf: code(text).utf8)
            return
        }
        out.append(UInt8(ascii: "`"))
        out.append(contentsOf: text.utf8)
        out.append(UInt8(ascii: "`"))
    }

    /// A fenced code block that survives backtick fences in `text`.
    static func codeBlock(_ text: String, language: String) -> String {
        var fence = "```"
        while text.contains(fence) { fence += "`" }
        return fence + language + "\n" + text.trimmingCharacters(in: .newlines) + "\n" + fence
    }

    /// True when `text` reads as a shell command (an `aws` call or similar) rather than prose.
    static func isCommand(_ text: String) -> Bool {
        let first = RenderBytes.hasNoEdgeWhitespace(text) ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefixes = ["aws ", "$ aws ", "terraform ", "kubectl ", "docker ", "export "]
        return prefixes.contains { first.hasPrefix($0) }
    }

    /// `VARIABLE (hy…rd, sha256 1a2b3c4d)`.
    static func evidence(_ evidence: SecretEvidence) -> String {
        "\(evidence.variable) (\(evidence.preview), sha256 \(evidence.sha256))"
    }

    /// A table: header row, alignment row, body rows (cells already escaped).
    static func table(_ header: [String], align: [String], rows: [[String]]) -> String {
        var text = "| " + header.joined(separator: " | ") + " |\n|" + align.joined(separator: "|") + "|"
        text.reserveCapacity(text.utf8.count + rows.reduce(0) { $0 + $1.reduce(4) { $0 + $1.utf8.count + 3 } })
        for row in rows { appendRow(row, to: &text) }
        return text
    }

    /// A table's body row (cells already escaped) after a newline: `\n| a | b |`.
    static func appendRow(_ cells: [String], to text: inout String) {
        text += "\n|"
        for cell in cells {
            text += " "
            text += cell
            text += " |"
        }
    }

    /// Money for people: `15.44 USD`.
    static func usd(_ value: Double) -> String {
        Cents.display(value, minus: "−") + " USD"
    }

    /// The guide's figure: `15–25`, `20`, or `—`.
    static func guideFigure(min: Double?, max: Double?) -> String {
        switch (min, max) {
        case let (low?, high?) where Cents.cents(low) == Cents.cents(high): return Cents.display(low)
        case let (low?, high?): return Cents.display(low) + "–" + Cents.display(high)
        case let (low?, nil): return "≥ " + Cents.display(low)
        case let (nil, high?): return "≤ " + Cents.display(high)
        case (nil, nil): return "—"
        }
    }

    /// A status word for people.
    static func status(_ status: RowStatus) -> String {
        switch status {
        case .within: return "within"
        case .below: return "below"
        case .above: return "**above**"
        case .notInGuide: return "not in guide"
        case .variable: return "guide: variable"
        case .unknown: return "unknown price"
        }
    }

    /// A heading-cased severity name.
    static func severityName(_ severity: Severity) -> String {
        severity.rawValue.prefix(1).uppercased() + severity.rawValue.dropFirst()
    }
}
