import Foundation
import Inventory
import Rules

/// Findings read straight from a report's parsed tree. A 1,000-service
/// report holds 13,000 of them; writing the tree back to text for
/// `JSONDecoder` took most of a second a report.
///
/// Each reader accepts exactly what the `Decodable` conformances accept
/// (optional members absent or `null`, other members ignored) and answers
/// `nil` for anything else: the caller then decodes the whole report with
/// `JSONDecoder`, whose error names the member and line.
enum ReportTreeDecoder {
    /// `report` with findings and waived findings read from `root`'s tree,
    /// the rest by `JSONDecoder`; `nil` when any of it does not decode.
    static func report(_ root: [String: ReportJSONValue]) -> Report? {
        guard case let .array(findingValues)? = root["findings"], case let .array(waivedValues)? = root["waived"] else { return nil }
        var findings: [Finding] = []
        findings.reserveCapacity(findingValues.count)
        for value in findingValues {
            guard let finding = finding(value) else { return nil }
            findings.append(finding)
        }
        var waived: [WaivedFinding] = []
        for value in waivedValues {
            guard case let .object(members) = value, let finding = members["finding"].flatMap(Self.finding),
                  let reason = string(members["reason"]), let expires = optionalString(members["expires"]) else { return nil }
            waived.append(WaivedFinding(finding: finding, reason: reason, expires: expires))
        }
        var rest = root
        rest["findings"] = .array([])
        rest["waived"] = .array([])
        guard var report = try? JSONDecoder().decode(Report.self, from: Data(ReportJSONWriter.compact(.object(rest)).utf8)) else {
            return nil
        }
        report.findings = findings
        report.waived = waived
        return report
    }

    /// A finding, as `Finding.init(from:)` reads it.
    static func finding(_ value: ReportJSONValue) -> Finding? {
        guard case let .object(members) = value,
              let ruleId = string(members["ruleId"]),
              let severity = string(members["severity"]).flatMap(Severity.init(rawValue:)),
              let title = string(members["title"]),
              let resource = readResource(members["resource"]),
              let message = string(members["message"]),
              let evidence = optional(members["evidence"], readEvidence),
              let remediation = string(members["remediation"]),
              case let .array(referenceValues)? = members["references"],
              let fingerprint = string(members["fingerprint"]),
              let location = optional(members["location"], readLocation),
              let delta = optional(members["monthlyCostDelta"], readDouble)
        else { return nil }
        var references: [String] = []
        for reference in referenceValues {
            guard let text = string(reference) else { return nil }
            references.append(text)
        }
        return Finding(
            ruleId: ruleId, severity: severity, title: title, resource: resource, message: message, evidence: evidence,
            remediation: remediation, references: references, fingerprint: fingerprint, location: location,
            monthlyCostDelta: delta)
    }

    private static func readResource(_ value: ReportJSONValue?) -> ResourceRef? {
        guard case let .object(members)? = value, let type = string(members["type"]), let id = string(members["id"]),
              let arn = optionalString(members["arn"]), let name = optionalString(members["name"]) else { return nil }
        return ResourceRef(type: type, id: id, arn: arn, name: name)
    }

    private static func readEvidence(_ value: ReportJSONValue) -> SecretEvidence? {
        guard case let .object(members) = value, let variable = string(members["variable"]),
              let preview = string(members["preview"]), let sha256 = string(members["sha256"]) else { return nil }
        return SecretEvidence(variable: variable, preview: preview, sha256: sha256)
    }

    private static func readLocation(_ value: ReportJSONValue) -> SourceLocation? {
        guard case let .object(members) = value, let file = string(members["file"]),
              case let .number(text)? = members["line"], isInteger(text), let line = Int(text) else { return nil }
        return SourceLocation(file: file, line: line)
    }

    private static func readDouble(_ value: ReportJSONValue) -> Double? {
        guard case let .number(text) = value, let number = Double(text), number.isFinite else { return nil }
        return number
    }

    /// `-?[0-9]+`: the integers `Int`'s decoding surely reads as `Int(text)` does.
    private static func isInteger(_ text: String) -> Bool {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func string(_ value: ReportJSONValue?) -> String? {
        if case let .string(text)? = value { return text }
        return nil
    }

    /// `.some(nil)` for an absent or `null` member, `.some(text)` for a string, `nil` for anything else.
    private static func optionalString(_ value: ReportJSONValue?) -> String?? {
        optional(value) { string($0) }
    }

    /// `decodeIfPresent`: `.some(nil)` when absent or `null`, `.some(read)` when `read` accepts it, `nil` otherwise.
    private static func optional<T>(_ value: ReportJSONValue?, _ read: (ReportJSONValue) -> T?) -> T?? {
        guard let value, value != .null else { return .some(nil) }
        guard let read = read(value) else { return nil }
        return .some(read)
    }
}
