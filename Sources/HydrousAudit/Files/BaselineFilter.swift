import Foundation
import Rules

/// The findings whose fingerprint is not in `baselineFingerprints`: what is
/// new since the baseline. Fingerprints hash rule, resource and detail, never
/// the line, so moving a command within a file keeps it matched.
public func filterByBaseline(findings: [Finding], baselineFingerprints: Set<String>) -> [Finding] {
    findings.filter { !baselineFingerprints.contains($0.fingerprint) }
}
