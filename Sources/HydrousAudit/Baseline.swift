import Foundation
import Rules

/// A previous JSON report whose findings are accepted: with `--baseline`, only
/// findings whose fingerprint it lacks stay active (and can fail the gate).
public struct Baseline: Sendable {
    /// Fingerprints of the accepted findings.
    public let fingerprints: Set<String>
    /// The file, for notices.
    public let file: String

    /// Creates a baseline from fingerprints.
    public init(fingerprints: Set<String>, file: String) {
        self.fingerprints = fingerprints
        self.file = file
    }

    /// Reads the fingerprints of a JSON report (active and waived findings).
    public static func load(path: String) throws -> Baseline {
        let report = try ReportJSON.load(path: path)
        let all = report.findings.map(\.fingerprint) + report.waived.map(\.finding.fingerprint)
        return Baseline(fingerprints: Set(all), file: path)
    }

    /// `report` with baseline findings moved to `waived` (reason: in baseline).
    public func apply(to report: Report) -> Report {
        var copy = report
        let (known, fresh) = report.findings.reduce(into: ([Finding](), [Finding]())) { acc, finding in
            if fingerprints.contains(finding.fingerprint) { acc.0.append(finding) } else { acc.1.append(finding) }
        }
        copy.findings = fresh
        copy.waived += known.map { WaivedFinding(finding: $0, reason: "in baseline \(file)", expires: nil) }
        copy.waived.sort { Finding.reportOrder($0.finding, $1.finding) }
        copy.summary = SeveritySummary(fresh)
        if !known.isEmpty {
            copy.notices.append("\(known.count) finding(s) accepted by the baseline \(file); \(fresh.count) new.")
        }
        return copy
    }
}
