import Foundation
import Inventory
import Pricing
import Rules

/// The report's largest parts written straight into a `JSONTextWriter`:
/// the same text as their `ReportJSONValue` trees, without building them.
extension JSONReportRenderer {
    /// `findings` as items of the array open in `out`, written over the cores
    /// (`JSONTextWriter.appendItems`), each writer with its own memo.
    static func writeItems(_ findings: [Finding], into out: inout JSONTextWriter) {
        out.appendItems(count: findings.count, state: { FindingTextMemo() }, item: { index, writer, memo in
            write(findings[index], into: &writer, memo: &memo)
        })
    }

    /// `value(of: finding)`, written directly (keys in sorted order); the
    /// rule-level texts (title, remediation) go through `memo`.
    static func write(_ finding: Finding, into out: inout JSONTextWriter, memo: inout FindingTextMemo) {
        out.beginObject()
        out.key("evidence")
        if let evidence = finding.evidence {
            out.beginObject()
            out.key("preview")
            out.string(evidence.preview)
            out.key("sha256")
            out.string(evidence.sha256)
            out.key("variable")
            out.string(evidence.variable)
            out.endObject()
        } else {
            out.null()
        }
        out.key("fingerprint")
        out.string(finding.fingerprint)
        out.key("location")
        if let location = finding.location {
            out.beginObject()
            out.key("file")
            out.string(location.file)
            out.key("line")
            out.number(String(location.line))
            out.endObject()
        } else {
            out.null()
        }
        out.key("message")
        out.string(finding.message)
        out.key("monthlyCostDelta")
        out.value(.money(finding.monthlyCostDelta))
        out.key("references")
        out.beginArray()
        for reference in finding.references {
            out.item()
            out.string(reference)
        }
        out.endArray()
        out.key("remediation")
        out.string(finding.remediation, key: finding.ruleId, memo: &memo.remediation)
        out.key("resource")
        out.beginObject()
        out.key("arn")
        optional(finding.resource.arn, into: &out)
        out.key("id")
        out.string(finding.resource.id)
        out.key("name")
        optional(finding.resource.name, into: &out)
        out.key("type")
        out.string(finding.resource.type)
        out.endObject()
        out.key("ruleId")
        out.string(finding.ruleId)
        out.key("severity")
        out.string(finding.severity.rawValue)
        out.key("title")
        out.string(finding.title, key: finding.ruleId, memo: &memo.title)
        out.endObject()
    }

    /// The escaped titles and remediations of one writer's findings, by rule id.
    struct FindingTextMemo {
        var title = JSONEscapeMemo()
        var remediation = JSONEscapeMemo()
    }

    static func optional(_ text: String?, into out: inout JSONTextWriter) {
        if let text { out.string(text) } else { out.null() }
    }

    /// `value(of: cost)`, written directly (keys in sorted order).
    static func write(_ cost: CostReport, into out: inout JSONTextWriter) {
        let members = costMembers(cost)
        out.beginObject()
        for name in (Array(members.keys) + ["lines"]).sorted() {
            out.key(name)
            if name == "lines" {
                writeLines(cost.lines, into: &out)
            } else {
                out.value(members[name] ?? .null)
            }
        }
        out.endObject()
    }

    /// The cost lines as a JSON array (the tree's `lines`, without the tree).
    static func writeLines(_ lines: [CostLine], into out: inout JSONTextWriter) {
        out.beginArray()
        for line in lines {
            out.item()
            out.beginObject()
            out.key("basis")
            out.string(line.basis)
            out.key("component")
            out.string(line.component)
            out.key("guideRow")
            optional(line.guideRow, into: &out)
            out.key("item")
            out.string(line.item)
            out.key("label")
            out.string(line.label)
            out.key("monthly")
            out.value(.money(line.monthly))
            out.key("resource")
            out.string(line.resource)
            out.endObject()
        }
        out.endArray()
    }
}
