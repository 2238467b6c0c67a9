import Foundation
import Inventory
import Pricing
import Rules

/// The Markdown page's finding blocks, written straight to UTF-8.
///
/// What a rule repeats in each of its findings (the heading's rule and
/// title, the remediation and the references) is rendered once per run of
/// findings that share it, before the blocks are written; the rest goes
/// through the `RenderMarkdown` helpers. The blocks are written over the
/// cores (`ParallelText`).
///
/// A long remediation (a command, or text over one line) is written out in
/// the first block of its run only; the run's later blocks point to that
/// finding's number. At 1,000 services the same 700-byte command stood in
/// 3,000 blocks, and the page weighed 14 MB.
enum MarkdownFindingBlocks {
    /// The blocks of `findings` (numbered from `firstNumber`), each preceded
    /// by the blank line that separates page blocks, handed to `sink` a batch at a time.
    static func write(_ findings: ArraySlice<Finding>, firstNumber: Int, to sink: (ArraySlice<UInt8>) -> Void) {
        let base = findings.startIndex
        let texts = RuleTexts.runs(of: findings)
        // Each run's pointer to its first block, for the blocks after it.
        let pointers = texts.firsts.map { Array("Remediation: as for finding \(firstNumber + $0) above.\n\n".utf8) }
        ParallelText.write(count: findings.count, bytesPerItem: 1_000, state: { () }, item: { position, out, _ in
            out.append(contentsOf: "\n\n".utf8)
            let slot = texts.slots[position]
            block(
                findings[base + position], number: firstNumber + position, texts: texts.texts[slot],
                remediationPointer: texts.firsts[slot] == position ? nil : pointers[slot], into: &out)
        }, to: sink)
    }

    /// One finding's block (no separator before or after it), appended
    /// piece by piece: interpolated strings cost most of the page's time.
    /// With `remediationPointer` (its paragraph, pointing to an earlier
    /// block of the run), a long remediation is not repeated.
    static func block(
        _ finding: Finding, number: Int, texts: RuleTexts, remediationPointer pointer: [UInt8]? = nil, into out: inout [UInt8]
    ) {
        let resource = finding.resource
        out.append(contentsOf: "#### ".utf8)
        RenderBytes.appendDecimal(number, to: &out)
        out.append(contentsOf: ". ".utf8)
        out.append(contentsOf: texts.heading)
        out.append(contentsOf: "\n\n- **Resource:** ".utf8)
        RenderMarkdown.appendCode(resource.type, to: &out)
        out.append(UInt8(ascii: " "))
        RenderMarkdown.appendCode(resource.id, to: &out)
        if let name = resource.name, name != resource.id {
            out.append(contentsOf: " (".utf8)
            out.append(contentsOf: RenderMarkdown.line(name).utf8)
            out.append(UInt8(ascii: ")"))
        }
        if let location = finding.location {
            out.append(contentsOf: "\n- **Location:** ".utf8)
            RenderMarkdown.appendCode("\(location.file):\(location.line)", to: &out)
        }
        if let evidence = finding.evidence {
            out.append(contentsOf: "\n- **Evidence:** ".utf8)
            appendEvidence(evidence, to: &out)
        }
        if let delta = finding.monthlyCostDelta {
            out.append(contentsOf: "\n- **Monthly cost if fixed:** ".utf8)
            out.append(contentsOf: Cents.signed(delta, minus: "−").utf8)
            out.append(contentsOf: " USD".utf8)
        }
        out.append(contentsOf: texts.remediationItem)
        out.append(contentsOf: "\n\n".utf8)
        let message = RenderMarkdown.inline(finding.message)
        out.append(contentsOf: (RenderBytes.hasNoEdgeWhitespace(message)
            ? message : message.trimmingCharacters(in: .whitespacesAndNewlines)).utf8)
        out.append(contentsOf: "\n\n<details><summary>Details</summary>\n\n".utf8)
        if let pointer, !texts.remediationDetails.isEmpty {
            out.append(contentsOf: pointer)
        } else {
            out.append(contentsOf: texts.remediationDetails)
        }
        out.append(contentsOf: texts.references)
        if let arn = resource.arn {
            out.append(contentsOf: "ARN: ".utf8)
            RenderMarkdown.appendCode(arn, to: &out)
            out.append(contentsOf: "  \n".utf8)
        }
        out.append(contentsOf: "Fingerprint: ".utf8)
        RenderMarkdown.appendCode(finding.fingerprint, to: &out)
        out.append(contentsOf: "\n\n</details>".utf8)
    }

    /// `code(evidence(e))`: when no part holds a backtick or newline (the
    /// joining text holds neither) the span is the parts between backticks.
    private static func appendEvidence(_ evidence: SecretEvidence, to out: inout [UInt8]) {
        guard RenderBytes.isPlainCode(evidence.variable), RenderBytes.isPlainCode(evidence.preview),
              RenderBytes.isPlainCode(evidence.sha256) else {
            out.append(contentsOf: RenderMarkdown.code(RenderMarkdown.evidence(evidence)).utf8)
            return
        }
        out.append(UInt8(ascii: "`"))
        out.append(contentsOf: evidence.variable.utf8)
        out.append(contentsOf: " (".utf8)
        out.append(contentsOf: evidence.preview.utf8)
        out.append(contentsOf: ", sha256 ".utf8)
        out.append(contentsOf: evidence.sha256.utf8)
        out.append(contentsOf: ")`".utf8)
    }

    /// A rule's texts as its findings' blocks show them: the heading, the
    /// remediation's short list item (with its leading newline) or its lines
    /// inside `<details>` (each ending in a newline), and the references line.
    struct RuleTexts: Sendable {
        var heading: [UInt8]
        var remediationItem: [UInt8] = []
        var remediationDetails: [UInt8] = []
        var references: [UInt8]

        init(_ finding: Finding) {
            heading = Array("\(RenderMarkdown.code(finding.ruleId)) — \(RenderMarkdown.line(finding.title))".utf8)
            references = finding.references.isEmpty
                ? [] : Array("References: \(finding.references.map(RenderMarkdown.line).joined(separator: ", "))  \n".utf8)
            let text = finding.remediation
            let remediation = RenderBytes.hasNoEdgeWhitespace(text) ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
            let command = RenderMarkdown.isCommand(remediation)
            // Without a line feed byte the text holds no "\n"; ASCII without a
            // carriage return (CR LF is one character) has a character a byte.
            let lineFeed = RenderBytes.contains(remediation, anyOf: [0x0A]) && remediation.contains("\n")
            let oneByteCharacters = RenderBytes.isASCII(remediation) && !RenderBytes.contains(remediation, anyOf: [0x0D])
            let length = oneByteCharacters ? remediation.utf8.count : remediation.count
            let short = !lineFeed && length <= 160 && !command
            if short, !remediation.isEmpty {
                remediationItem = Array("\n- **Remediation:** \(RenderMarkdown.line(remediation))".utf8)
            }
            if !short {
                let body = command ? RenderMarkdown.codeBlock(remediation, language: "sh") : RenderMarkdown.inline(remediation)
                remediationDetails = Array("Remediation:\n\n\(body)\n\n".utf8)
            }
        }

        /// The texts of each run of `findings` that share rule id, title,
        /// remediation and references (report order keeps a rule's findings
        /// together), each run's first position and each finding's run. A
        /// rule's findings share its texts' storage, so comparing them with
        /// the previous finding's is cheap.
        static func runs(of findings: ArraySlice<Finding>) -> (texts: [RuleTexts], firsts: [Int], slots: [Int]) {
            var texts: [RuleTexts] = []
            var firsts: [Int] = []
            var slots: [Int] = []
            slots.reserveCapacity(findings.count)
            // The run's texts, read from its first finding once.
            var run: (rule: String, title: String, remediation: String, references: [String])?
            for finding in findings {
                let rule = finding.ruleId
                let title = finding.title
                let remediation = finding.remediation
                let references = finding.references
                if let run, RenderBytes.sameBytes(run.rule, rule), RenderBytes.sameBytes(run.title, title),
                   RenderBytes.sameBytes(run.remediation, remediation), run.references.count == references.count,
                   zip(run.references, references).allSatisfy(RenderBytes.sameBytes) {
                    slots.append(texts.count - 1)
                    continue
                }
                firsts.append(slots.count)
                texts.append(RuleTexts(finding))
                slots.append(texts.count - 1)
                run = (rule, title, remediation, references)
            }
            return (texts, firsts, slots)
        }
    }
}
