import AWSClient
import Foundation
import Inventory

/// Reads the IAM roles task definitions refer to: the role with its decoded
/// trust policy and tags, attached managed policies, and its inline policies'
/// names and documents.
struct IAMCollector: Sendable {
    let calls: LiveCalls

    /// Reads each role in `arns` (role ARNs or names) once.
    func read(roles arns: [String]) async -> [IAMRole] {
        let names = liveUnique(arns.map(Self.roleName)).sorted()
        return await calls.map(names) { name in await role(name) }.compactMap { $0 }
    }

    private func role(_ name: String) async -> IAMRole? {
        let parameters = [("RoleName", name)]
        // A role that no longer exists is a fact (the reference dangles), not a gap in coverage.
        guard let answer = await calls.query(.iam, "GetRole", parameters, absentCodes: ["NoSuchEntity"]).value else { return nil }
        guard let item = answer.child("Role"), let arn = item.liveString("Arn") else {
            let field = answer.child("Role") == nil ? "Role" : "Role.Arn"
            calls.unreadable(.iam, "GetRole", at: "role \(name)", field: field, lost: "that role")
            return nil
        }
        var role = IAMRole(name: item.liveString("RoleName") ?? name, arn: arn)
        role.assumeRolePolicyDocument = item.liveString("AssumeRolePolicyDocument").map(Self.decodeDocument)
        role.tags = item.liveTags("Tags")
        async let attached = calls.queryPages(.iam, "ListAttachedRolePolicies", parameters, tokenParam: "Marker", tokenPath: ["Marker"])
        async let inline = calls.queryPages(.iam, "ListRolePolicies", parameters, tokenParam: "Marker", tokenPath: ["Marker"])
        role.attachedPolicyArns = (await attached ?? []).flatMap { page in
            calls.items(page.liveItems("AttachedPolicies"), of: .iam, "ListAttachedRolePolicies", list: "AttachedPolicies",
                        kind: "policy attachment of \(name)") { policy throws(LiveMissingField) in try policy.liveRequired("PolicyArn") }
        }
        let inlineNames = (await inline ?? []).flatMap { $0.liveItems("PolicyNames") }.map(\.text)
        let documents = await calls.map(inlineNames) { policy in await inlineDocument(role: name, policy: policy) }
        for (policy, document) in zip(inlineNames, documents) {
            switch document {
            case .ok(let text): role.inlinePolicies[policy] = text
            // Deleted between the list and the get: the role no longer has it.
            case .absent: continue
            // Denied, failed or unreadable (already in coverage): named, contents unknown.
            case .failed: break
            }
            role.inlinePolicyNames.append(policy)
        }
        return role
    }

    /// One inline policy's document (`GetRolePolicy`), decoded from IAM's URL encoding.
    private func inlineDocument(role: String, policy: String) async -> LiveAnswer<String> {
        let answer = await calls.query(
            .iam, "GetRolePolicy", [("RoleName", role), ("PolicyName", policy)], absentCodes: ["NoSuchEntity"])
        switch answer {
        case .ok(let node):
            guard let document = node.liveString("PolicyDocument") else {
                calls.unreadable(.iam, "GetRolePolicy", at: "policy \(policy) of role \(role)", field: "PolicyDocument",
                                 lost: "that policy's document")
                return .failed
            }
            return .ok(Self.decodeDocument(document))
        case .absent: return .absent
        case .failed: return .failed
        }
    }

    /// `arn:aws:iam::ACCOUNT:role/path/NAME` → `NAME`; a bare name stays as it is.
    static func roleName(_ reference: String) -> String {
        guard reference.hasPrefix("arn:") else { return reference }
        return arnSuffix(reference)
    }

    /// IAM answers policy documents URL-encoded (RFC 3986); plain JSON passes through.
    static func decodeDocument(_ text: String) -> String {
        guard !text.hasPrefix("{"), let decoded = text.removingPercentEncoding else { return text }
        return decoded
    }
}
