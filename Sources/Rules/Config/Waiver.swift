import Foundation
import Inventory

/// A decision to accept a finding for a while (`waivers:` in `rules/*.yml`).
public struct Waiver: Sendable, Equatable, Hashable {
    /// The rule whose findings it waives.
    public var rule: String
    /// A glob (`*`, `?`) matched against the resource's id or ARN.
    public var resource: String
    /// Why the finding is accepted (shown in reports).
    public var reason: String
    /// `YYYY-MM-DD`: the last day the waiver holds; `nil` never expires.
    public var expires: String?
    /// When given, only the finding with this fingerprint is waived.
    public var fingerprint: String?
    /// Where the waiver is written, for notices.
    public var source: SourceLocation?

    /// Creates a waiver.
    public init(
        rule: String, resource: String, reason: String, expires: String? = nil, fingerprint: String? = nil,
        source: SourceLocation? = nil
    ) {
        self.rule = rule
        self.resource = resource
        self.reason = reason
        self.expires = expires
        self.fingerprint = fingerprint
        self.source = source
    }

    /// True when the waiver has expired on `today` (`YYYY-MM-DD`): it holds through its expiry day.
    public func isExpired(today: String) -> Bool {
        guard let expires else { return false }
        return expires < today
    }

    /// True when the waiver covers `finding` (ignoring expiry).
    public func matches(_ finding: Finding) -> Bool {
        guard finding.ruleId == rule else { return false }
        if let fingerprint, fingerprint != finding.fingerprint { return false }
        return Glob.matches(resource, finding.resource.id) || finding.resource.arn.map { Glob.matches(resource, $0) } == true
    }

    /// `file:line: ` of the waiver, or empty.
    var place: String {
        source.map { "\($0.file):\($0.line): " } ?? ""
    }
}

/// Shell-style globs: `*` any run of characters, `?` one character.
enum Glob {
    /// True when `pattern` matches all of `text`.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
