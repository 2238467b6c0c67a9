import Foundation
import Inventory

extension Finding {
    /// The stored fields of a finding, in the order they are encoded.
    struct Fields: Sendable, Equatable, Hashable {
        var ruleId: String
        var severity: Severity
        var title: String
        var resource: ResourceRef
        var message: String
        var evidence: SecretEvidence?
        var remediation: String
        var references: [String]
        var fingerprint: String
        var location: SourceLocation?
        var monthlyCostDelta: Double?
    }
}

/// The box a `Finding`'s fields live in, shared by copies of the finding.
/// Only `Finding` writes to it, and only after making sure no other finding
/// holds it (`isKnownUniquelyReferenced`), so sharing it across threads is safe.
///
/// For the same reason no read of `fields` can overlap a write, and its
/// accesses are not checked at run time: the dynamic exclusivity check cost
/// ~63 instructions on every read of every finding property (~1% of a
/// 1,000-service run).
final class FindingBox: @unchecked Sendable {
    @exclusivity(unchecked) var fields: Finding.Fields

    init(_ fields: Finding.Fields) {
        self.fields = fields
    }
}

extension Finding: Equatable, Hashable {
    /// Findings are equal when every field is.
    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    /// Hashes every field.
    public func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }
}

extension Finding: Codable {
    /// The JSON keys: the field names (as the memberwise struct encoded them).
    enum CodingKeys: String, CodingKey {
        case ruleId, severity, title, resource, message, evidence, remediation, references, fingerprint, location, monthlyCostDelta
    }

    /// Decodes a finding; optional fields may be absent or `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(fields: Fields(
            ruleId: try container.decode(String.self, forKey: .ruleId),
            severity: try container.decode(Severity.self, forKey: .severity),
            title: try container.decode(String.self, forKey: .title),
            resource: try container.decode(ResourceRef.self, forKey: .resource),
            message: try container.decode(String.self, forKey: .message),
            evidence: try container.decodeIfPresent(SecretEvidence.self, forKey: .evidence),
            remediation: try container.decode(String.self, forKey: .remediation),
            references: try container.decode([String].self, forKey: .references),
            fingerprint: try container.decode(String.self, forKey: .fingerprint),
            location: try container.decodeIfPresent(SourceLocation.self, forKey: .location),
            monthlyCostDelta: try container.decodeIfPresent(Double.self, forKey: .monthlyCostDelta)))
    }

    /// Encodes every field in declaration order; absent optionals are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let fields = box.fields
        try container.encode(fields.ruleId, forKey: .ruleId)
        try container.encode(fields.severity, forKey: .severity)
        try container.encode(fields.title, forKey: .title)
        try container.encode(fields.resource, forKey: .resource)
        try container.encode(fields.message, forKey: .message)
        try container.encodeIfPresent(fields.evidence, forKey: .evidence)
        try container.encode(fields.remediation, forKey: .remediation)
        try container.encode(fields.references, forKey: .references)
        try container.encode(fields.fingerprint, forKey: .fingerprint)
        try container.encodeIfPresent(fields.location, forKey: .location)
        try container.encodeIfPresent(fields.monthlyCostDelta, forKey: .monthlyCostDelta)
    }
}

extension Finding {
    /// A finding read back from a report: every field as stored, the
    /// fingerprint included (it is not worked out again).
    public init(
        ruleId: String, severity: Severity, title: String, resource: ResourceRef, message: String, evidence: SecretEvidence?,
        remediation: String, references: [String], fingerprint: String, location: SourceLocation?, monthlyCostDelta: Double?
    ) {
        self.init(fields: Fields(
            ruleId: ruleId, severity: severity, title: title, resource: resource, message: message, evidence: evidence,
            remediation: remediation, references: references, fingerprint: fingerprint, location: location,
            monthlyCostDelta: monthlyCostDelta))
    }
}
