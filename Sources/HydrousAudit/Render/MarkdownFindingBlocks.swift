import Foundation
import Inventory
import Pricing
import Rules

/// The Markdown page's finding blocks, written straight to UTF-8.
///
/// What a rule repeats in each of its findings (the heading's rule and
/// title, the remediation and the references) is rendered once per run of
/// equal texts and then copied; the rest goes through the `RenderMarkdown`
/// helpers. The blocks are written over the cores (`ParallelText`).
enum MarkdownFindingBlocks {
    /// The blocks of `findings` (numbered from `firstNumber`), each preceded
    /// by the blank line that separates page blocks, handed to `sink` a batch at a time.
    static func write(_ findings: ArraySlice<Finding>, firstNumber: Int, to sink: (ArraySlice<UInt8>) -> Void) {
        let base = findings.startIndex
        ParallelText.write(count: findings.count, bytesPerItem: 1_600, state: { Memo() }, item: { position, out, memo in
            out.append(contentsOf: "\n\n".utf8)
            block(findings[base + position], number: firstNumber + position, into: &out, memo: &memo)
        }, to: sink)
    }

    /// One finding's block (no separator before or after it).
    static func block(_ finding: Finding, number: Int, into out: inout [UInt8], memo: inout Memo) {
        out.append(contentsOf: "#### \(number). ".utf8)
        out.append(contentsOf: memo.heading(finding))
        out.append(contentsOf: "\n\n- **Resource:** ".utf8)
        out.append(contentsOf: RenderMarkdown.code(finding.resource.type).utf8)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: RenderMarkdown.code(finding.resource.id).utf8)
        if let name = finding.resource.name, name != finding.resource.id {
            out.append(contentsOf: " (\(RenderMarkdown.line(name)))".utf8)
        }
        if let location = finding.location {
            out.append(contentsOf: "\n- **Location:** \(RenderMarkdown.code("\(location.file):\(location.line)"))".utf8)
        }
        if let evidence = finding.evidence {
            out.append(contentsOf: "\n- **Evidence:** \(RenderMarkdown.code(RenderMarkdown.evidence(evidence)))".utf8)
        }
        if let delta = finding.monthlyCostDelta {
            out.append(contentsOf: "\n- **Monthly cost if fixed:** \(Cents.signed(delta, minus: "−")) USD".utf8)
        }
        let remediation = memo.remediation(finding.remediation, rule: finding.ruleId)
        out.append(contentsOf: remediation.listItem)
        out.append(contentsOf: "\n\n".utf8)
        let message = RenderMarkdown.inline(finding.message)
        out.append(contentsOf: (RenderBytes.hasNoEdgeWhitespace(message)
            ? message : message.trimmingCharacters(in: .whitespacesAndNewlines)).utf8)
        out.append(contentsOf: "\n\n<details><summary>Details</summary>\n\n".utf8)
        out.append(contentsOf: remediation.details)
        out.append(contentsOf: memo.references(finding))
        if let arn = finding.resource.arn { out.append(contentsOf: "ARN: \(RenderMarkdown.code(arn))  \n".utf8) }
        out.append(contentsOf: "Fingerprint: \(RenderMarkdown.code(finding.fingerprint))\n\n</details>".utf8)
    }

    /// A remediation's two places in a block: the short list item (with its
    /// leading newline) or the lines inside `<details>` (each ending in a newline).
    struct RemediationText {
        var listItem: [UInt8] = []
        var details: [UInt8] = []

        init(_ text: String) {
            let remediation = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let command = RenderMarkdown.isCommand(remediation)
            let short = !remediation.contains("\n") && remediation.count <= 160 && !command
            if short, !remediation.isEmpty {
                listItem = Array("\n- **Remediation:** \(RenderMarkdown.line(remediation))".utf8)
            }
            if !short {
                let body = command ? RenderMarkdown.codeBlock(remediation, language: "sh") : RenderMarkdown.inline(remediation)
                details = Array("Remediation:\n\n\(body)\n\n".utf8)
            }
        }
    }

    /// The rendered rule-level texts of one writer, by rule id. A slot holds
    /// the last text seen for its rule and is rendered again when the text differs.
    struct Memo {
        private var headings: [String: (title: String, bytes: [UInt8])] = [:]
        private var remediations: [String: (text: String, rendered: RemediationText)] = [:]
        private var references: [String: (list: [String], bytes: [UInt8])] = [:]

        /// `` `rule_id` — Title ``.
        mutating func heading(_ finding: Finding) -> [UInt8] {
            if let slot = headings[finding.ruleId], slot.title == finding.title { return slot.bytes }
            let bytes = Array("\(RenderMarkdown.code(finding.ruleId)) — \(RenderMarkdown.line(finding.title))".utf8)
            headings[finding.ruleId] = (finding.title, bytes)
            return bytes
        }

        /// The remediation's list item and details lines.
        mutating func remediation(_ text: String, rule: String) -> RemediationText {
            if let slot = remediations[rule], slot.text == text { return slot.rendered }
            let rendered = RemediationText(text)
            remediations[rule] = (text, rendered)
            return rendered
        }

        /// `References: A, B  ` and its newline, or nothing.
        mutating func references(_ finding: Finding) -> [UInt8] {
            if let slot = references[finding.ruleId], slot.list == finding.references { return slot.bytes }
            let bytes = finding.references.isEmpty
                ? [] : Array("References: \(finding.references.map(RenderMarkdown.line).joined(separator: ", "))  \n".utf8)
            references[finding.ruleId] = (finding.references, bytes)
            return bytes
        }
    }
}
