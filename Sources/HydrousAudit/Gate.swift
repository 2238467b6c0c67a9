import Foundation
import Rules

/// The threshold of `--fail-on`.
public enum FailThreshold: String, CaseIterable, Sendable {
    case critical, high, medium, low, none

    /// The lowest severity that fails, `nil` for `none`.
    public var severity: Severity? {
        switch self {
        case .critical: return .critical
        case .high: return .high
        case .medium: return .medium
        case .low: return .low
        case .none: return nil
        }
    }
}

/// The exit codes of contract.md.
public enum ExitStatus: Int32, Sendable {
    /// Audit complete, nothing at or above the threshold.
    case clean = 0
    /// Audit complete, a finding at or above the threshold.
    case findings = 1
    /// Usage or input error.
    case inputError = 2
    /// Some data could not be read.
    case incomplete = 3
}

/// Decides the exit code of an audit: fails closed on an incomplete audit.
public enum Gate {
    /// The exit status for `report` under `threshold`; `allowIncomplete`
    /// turns 3 into 0/1. Only active (not waived) findings count.
    public static func status(of report: Report, failOn threshold: FailThreshold, allowIncomplete: Bool) -> ExitStatus {
        if !report.complete && !allowIncomplete { return .incomplete }
        guard let floor = threshold.severity else { return .clean }
        return report.findings.contains { $0.severity >= floor } ? .findings : .clean
    }
}
