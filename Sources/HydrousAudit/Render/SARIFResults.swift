import Foundation
import Inventory
import Rules

/// SARIF `result` objects written straight into a `JSONTextWriter`, keys in
/// sorted order: the text `ReportJSONWriter.pretty` writes for each result's
/// tree, without building 13,000 trees first.
enum SARIFResults {
    /// One result per entry (a finding, and the waiver that set it aside if
    /// any), as items of the array open in `out`, written over the cores.
    static func writeItems(_ entries: [(Finding, WaivedFinding?)], ruleIndex: [String: Int], into out: inout JSONTextWriter) {
        out.appendItems(count: entries.count, state: { () }, item: { index, writer, _ in
            let (finding, waiver) = entries[index]
            write(finding, ruleIndex: ruleIndex[finding.ruleId] ?? 0, suppression: waiver, into: &writer)
        })
    }

    /// One result: `level`, `locations`, `message`, `partialFingerprints`,
    /// `properties`, `ruleId`, `ruleIndex` and, when waived, `suppressions`.
    static func write(_ finding: Finding, ruleIndex: Int, suppression: WaivedFinding?, into out: inout JSONTextWriter) {
        out.beginObject()
        out.key("level")
        out.string(SARIFRenderer.level(finding.severity))
        out.key("locations")
        out.beginArray()
        out.item()
        out.beginObject()
        out.key("logicalLocations")
        out.beginArray()
        out.item()
        out.beginObject()
        out.key("fullyQualifiedName")
        out.string(finding.resource.arn ?? "\(finding.resource.type)/\(finding.resource.id)")
        out.key("kind")
        out.string("resource")
        out.key("name")
        out.string(finding.resource.id)
        out.endObject()
        out.endArray()
        if let source = finding.location {
            out.key("physicalLocation")
            out.value(.object([
                "artifactLocation": .object(["uri": .string(SARIFRenderer.uri(source.file))]),
                "region": .object(["startLine": .int(max(1, source.line))]),
            ]))
        }
        out.endObject()
        out.endArray()
        out.key("message")
        out.beginObject()
        out.key("text")
        if let evidence = finding.evidence {
            out.string(finding.message + " Evidence: " + RenderMarkdown.evidence(evidence) + ".")
        } else {
            out.string(finding.message)
        }
        out.endObject()
        out.key("partialFingerprints")
        out.beginObject()
        out.key("hydrousAudit/v1")
        out.string(finding.fingerprint)
        out.endObject()
        out.key("properties")
        out.beginObject()
        if let delta = finding.monthlyCostDelta {
            out.key("monthlyCostDelta")
            out.value(.money(delta))
        }
        out.key("resourceId")
        out.string(finding.resource.id)
        out.key("resourceType")
        out.string(finding.resource.type)
        out.key("severity")
        out.string(finding.severity.rawValue)
        out.endObject()
        out.key("ruleId")
        out.string(finding.ruleId)
        out.key("ruleIndex")
        out.value(.int(ruleIndex))
        if let suppression {
            var justification = suppression.reason
            if let expires = suppression.expires { justification += " (expires \(expires))" }
            out.key("suppressions")
            out.value(.array([.object(["kind": .string("external"), "justification": .string(justification)])]))
        }
        out.endObject()
    }
}
