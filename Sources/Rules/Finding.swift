import Digests
import Foundation
import Inventory

/// What a finding shows of a secret: never the value itself.
public struct SecretEvidence: Codable, Sendable, Equatable, Hashable {
    /// The variable, flag or key that holds the secret.
    public var variable: String
    /// A masked preview: first and last two characters of values of 8 or more
    /// characters (`hy…rd`), otherwise only `…`.
    public var preview: String
    /// The first 8 hex digits of the value's SHA-256: lets a user tell two
    /// secrets apart (or see that one was rotated) without seeing either.
    public var sha256: String

    /// Builds the evidence for `value` held by `variable`.
    public init(variable: String, value: String) {
        self.variable = variable
        self.preview = SecretEvidence.mask(value)
        self.sha256 = Digest.sha256Hex(value, digits: 8)
    }

    /// Evidence from its parts (e.g. read back from a redaction token).
    public init(variable: String, preview: String, sha256: String) {
        self.variable = variable
        self.preview = preview
        self.sha256 = sha256
    }

    /// The masked preview of `value`.
    public static func mask(_ value: String) -> String {
        if FastText.isPrintableASCII(value) {
            // One character a byte: no array of characters.
            let bytes = value.utf8
            guard bytes.count >= 8 else { return "…" }
            return String(decoding: bytes.prefix(2), as: UTF8.self) + "…" + String(decoding: bytes.suffix(2), as: UTF8.self)
        }
        let chars = Array(value)
        guard chars.count >= 8 else { return "…" }
        return String(chars.prefix(2)) + "…" + String(chars.suffix(2))
    }
}

/// One problem found on one resource by one rule.
///
/// The fields live in one shared, copy-on-write box (`Finding.Fields`): a
/// finding is a single reference, so sorting, joining and handing 13,000
/// findings around retains one object each instead of a dozen strings.
/// Writing a property copies the box first when another finding shares it.
public struct Finding: Sendable {
    private(set) var box: FindingBox

    /// The rule that found it.
    public var ruleId: String {
        get { box.fields.ruleId }
        set { update(\.ruleId, newValue) }
    }
    /// How bad it is (after `rules/*.yml` overrides).
    public var severity: Severity {
        get { box.fields.severity }
        set { update(\.severity, newValue) }
    }
    /// The rule's one-line title.
    public var title: String {
        get { box.fields.title }
        set { update(\.title, newValue) }
    }
    /// The resource at fault.
    public var resource: ResourceRef {
        get { box.fields.resource }
        set { update(\.resource, newValue) }
    }
    /// What is wrong on this resource; never holds a secret value.
    public var message: String {
        get { box.fields.message }
        set { update(\.message, newValue) }
    }
    /// For secrets: the variable, masked preview and SHA-256 prefix.
    public var evidence: SecretEvidence? {
        get { box.fields.evidence }
        set { update(\.evidence, newValue) }
    }
    /// What to change, as an AWS CLI command where one exists.
    public var remediation: String {
        get { box.fields.remediation }
        set { update(\.remediation, newValue) }
    }
    /// FSBP control, Prowler check and other references.
    public var references: [String] {
        get { box.fields.references }
        set { update(\.references, newValue) }
    }
    /// Stable hash of rule id, resource and detail (not of the message, the
    /// severity or the location): the identity baselines and diffs match on.
    public var fingerprint: String {
        get { box.fields.fingerprint }
        set { update(\.fingerprint, newValue) }
    }
    /// File and line when the finding came from a reviewed file.
    public var location: SourceLocation? {
        get { box.fields.location }
        set { update(\.location, newValue) }
    }
    /// Monthly cost change in USD if the finding is fixed as remediated; `nil` when free.
    public var monthlyCostDelta: Double? {
        get { box.fields.monthlyCostDelta }
        set { update(\.monthlyCostDelta, newValue) }
    }

    /// Every field at once.
    var fields: Fields { box.fields }

    /// A finding holding `fields`.
    init(fields: Fields) {
        box = FindingBox(fields)
    }

    /// Writes one field, copying the box first when another finding shares it (copy on write).
    private mutating func update<Value>(_ field: WritableKeyPath<Fields, Value>, _ value: Value) {
        if !isKnownUniquelyReferenced(&box) { box = FindingBox(box.fields) }
        box.fields[keyPath: field] = value
    }

    /// Creates a finding; `detail` distinguishes findings of one rule on one
    /// resource (e.g. the variable name) and enters the fingerprint.
    public init(
        ruleId: String, severity: Severity, title: String, resource: ResourceRef, message: String,
        detail: String = "", evidence: SecretEvidence? = nil, remediation: String, references: [String],
        location: SourceLocation? = nil
    ) {
        self.init(fields: Fields(
            ruleId: ruleId, severity: severity, title: title, resource: resource, message: message, evidence: evidence,
            remediation: remediation, references: references,
            fingerprint: Finding.fingerprint(ruleId: ruleId, resource: resource, detail: detail), location: location,
            monthlyCostDelta: nil))
    }

    /// The fingerprint: 16 hex digits of SHA-256 over rule id, resource type,
    /// resource id and detail. Independent of line numbers and wording.
    public static func fingerprint(ruleId: String, resource: ResourceRef, detail: String) -> String {
        // The UTF-8 of the four joined by U+001F, built as bytes.
        let parts = [ruleId, resource.type, resource.id, detail]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(parts.count) { $0 + $1.utf8.count })
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(0x1F) }
            bytes.append(contentsOf: part.utf8)
        }
        return Digest.sha256Hex(bytes, digits: 16)
    }

    /// Sort order of reports: severity (worst first), rule, resource, fingerprint.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        reportOrder(lhs.box, rhs.box)
    }

    /// `reportOrder` on the boxes, each field read in place: through the
    /// properties, every comparison copied both resources (four strings each).
    static func reportOrder(_ lhs: FindingBox, _ rhs: FindingBox) -> Bool {
        if lhs.fields.severity != rhs.fields.severity { return lhs.fields.severity > rhs.fields.severity }
        if lhs.fields.ruleId != rhs.fields.ruleId { return lhs.fields.ruleId < rhs.fields.ruleId }
        if lhs.fields.resource.type != rhs.fields.resource.type { return lhs.fields.resource.type < rhs.fields.resource.type }
        if lhs.fields.resource.id != rhs.fields.resource.id { return lhs.fields.resource.id < rhs.fields.resource.id }
        let lLine = lineKey(lhs.fields.location)
        let rLine = lineKey(rhs.fields.location)
        if lLine != rLine { return lLine < rLine }
        return lhs.fields.fingerprint < rhs.fields.fingerprint
    }

    /// `file:00000042`: locations compare by file, then line.
    static func lineKey(_ location: SourceLocation?) -> String {
        location.map { "\($0.file):\(String(format: "%08d", $0.line))" } ?? ""
    }
}
