import Foundation
import Inventory
import Rules

extension FileReadResult {
    /// Sets aside the findings an inline `# hydrous-audit:ignore RULE reason`
    /// covers (same rule, same file and line). A comment without a reason
    /// waives nothing: its finding stays active and a notice asks for a reason.
    /// A comment that matches no finding gets a notice too (stale suppression).
    public func applySuppressions(to findings: [Finding]) -> (active: [Finding], waived: [WaivedFinding], notices: [String]) {
        var active: [Finding] = []
        var waived: [WaivedFinding] = []
        var used = Set<Suppression>()
        for finding in findings {
            let matching = suppressions.filter { $0.covers(finding.ruleId, at: finding.location) }
            matching.forEach { used.insert($0) }
            if let reasoned = matching.first(where: { $0.reason != nil }), let reason = reasoned.reason {
                waived.append(WaivedFinding(
                    finding: finding, reason: "\(reasoned.file):\(reasoned.commentLine): hydrous-audit:ignore: \(reason)", expires: nil
                ))
            } else {
                active.append(finding)
            }
        }
        var notices: [String] = []
        for suppression in suppressions {
            let place = "\(suppression.file):\(suppression.commentLine)"
            if suppression.reason == nil {
                notices.append("\(place): `# hydrous-audit:ignore \(suppression.ruleId)` gives no reason, so the finding stays active; write the reason after the rule id.")
            } else if !used.contains(suppression) {
                notices.append("\(place): `# hydrous-audit:ignore \(suppression.ruleId)` matches no finding on line \(suppression.line); remove it or move it above the flagged line.")
            }
        }
        return (active, waived, notices)
    }
}
