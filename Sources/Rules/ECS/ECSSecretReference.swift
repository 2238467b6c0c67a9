import Foundation
import Inventory

/// One container `secrets[].valueFrom` as the execution role must be able to
/// read it: the store, the IAM action ECS calls, and the resource it names.
struct ECSSecretReference: Sendable, Equatable {
    /// Where the value lives.
    enum Store: Sendable, Equatable {
        case secretsManager, parameterStore
    }

    let store: Store
    /// The resource as IAM matches it (a partial Secrets Manager ARN leaves the suffix unknown).
    let resource: IAMResourceName
    /// The secret's ARN (without a JSON key suffix) or the parameter's name or ARN, as written.
    let display: String

    /// The action ECS calls with the execution role to fetch the value.
    var action: String { store == .secretsManager ? "secretsmanager:GetSecretValue" : "ssm:GetParameters" }

    /// Reads `valueFrom`: a Secrets Manager ARN (full or partial, optionally
    /// followed by `:json-key:version-stage:version-id`), an SSM parameter ARN,
    /// or an SSM parameter name, which is an ARN in the task's partition,
    /// Region and account (`nil` when those are not known). Anything else: `nil`.
    init?(valueFrom: String, partition: String, region: String?, account: String?) {
        guard valueFrom.hasPrefix("arn:") else {
            guard !valueFrom.isEmpty, let region, let account, !region.isEmpty, !account.isEmpty else { return nil }
            let path = valueFrom.hasPrefix("/") ? valueFrom : "/" + valueFrom
            store = .parameterStore
            resource = IAMResourceName("arn:\(partition):ssm:\(region):\(account):parameter\(path)")
            display = valueFrom
            return
        }
        let parts = valueFrom.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6 else { return nil }
        switch (parts[2], parts[5]) {
        case ("secretsmanager", "secret"):
            guard parts.count >= 7, !parts[6].isEmpty else { return nil }
            let arn = parts[0...6].joined(separator: ":")
            store = .secretsManager
            resource = Self.secretARN(arn, name: parts[6])
            display = arn
        case ("ssm", let kind) where kind.hasPrefix("parameter/") && parts.count == 6:
            store = .parameterStore
            resource = IAMResourceName(valueFrom)
            display = valueFrom
        default:
            return nil
        }
    }

    /// Secrets Manager names a secret's ARN `NAME-` plus six random
    /// characters. A name that ends like that may still be a partial ARN of a
    /// secret so named: both spellings stay possible. Any other is partial.
    static func secretARN(_ arn: String, name: String) -> IAMResourceName {
        let suffix = [IAMResourceName.Symbol.known("-")] + Array(repeating: .unknownAlphanumeric, count: 6)
        let written = arn.unicodeScalars.map(IAMResourceName.Symbol.known)
        let tail = Array(name.unicodeScalars.suffix(7))
        let looksFull = tail.count == 7 && tail[0] == "-"
            && tail.dropFirst().allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        return IAMResourceName(spellings: looksFull ? [written, written + suffix] : [written + suffix])
    }

    /// (partition, Region, account) of an ARN such as a task definition's; `nil` for anything else.
    static func arnContext(_ arn: String) -> (partition: String, region: String, account: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[3].isEmpty, !parts[4].isEmpty else { return nil }
        return (String(parts[1]), String(parts[3]), String(parts[4]))
    }
}
