import Foundation
import Inventory

/// EC2 security groups and IAM roles.
extension FileInventoryBuilder {
    /// A security group reference as an id: names created in the files resolve
    /// to their id (`file:sg/NAME` when the file shows no id).
    func resolveGroup(_ reference: String) -> String {
        securityGroupNames[reference] ?? reference
    }

    mutating func createSecurityGroup(_ c: AWSCLICommand) -> String? {
        guard let name = required("group-name", of: c) else { return nil }
        let id = securityGroupNames[name] ?? "file:sg/\(name)"
        securityGroupNames[name] = id
        var group = inventory.securityGroup(id) ?? SecurityGroup(id: id, name: name)
        group.name = name
        group.description = c.value("description")
        group.vpcId = c.value("vpc-id")
        group.locations[LocationKey.resource] = location(c.line)
        for spec in structured(c, "tag-specifications") {
            for tag in spec["Tags"]?.array ?? [] {
                if let key = tag["Key"]?.string { group.tags[key] = tag["Value"]?.string ?? "" }
            }
        }
        inventory.securityGroups.removeAll { $0.id == id }
        inventory.securityGroups.append(group)
        return id
    }

    mutating func authorize(_ c: AWSCLICommand, egress: Bool) -> String? {
        guard let reference = c.value("group-id") ?? c.value("group-name") else {
            problem(c.line, "`aws ec2 \(c.operation)` without --group-id or --group-name was skipped")
            return nil
        }
        let id = resolveGroup(reference)
        var group = inventory.securityGroup(id) ?? SecurityGroup(id: id, name: c.value("group-name"))
        if group.locations[LocationKey.resource] == nil { group.locations[LocationKey.resource] = location(c.line) }
        let added = permissionArguments(c)
        for (permission, line) in added {
            let key = egress ? "egress.\(group.egress.count)" : "ingress.\(group.ingress.count)"
            if egress { group.egress.append(permission) } else { group.ingress.append(permission) }
            group.locations[key] = location(line)
        }
        inventory.securityGroups.removeAll { $0.id == id }
        inventory.securityGroups.append(group)
        return nil
    }

    /// The permissions a command's arguments name, each with its line:
    /// `--protocol --port --cidr|--source-group`, and `--ip-permissions`
    /// (JSON or shorthand). `authorize-*` and `revoke-*` take the same forms.
    mutating func permissionArguments(_ c: AWSCLICommand) -> [(IPPermission, Int)] {
        var out: [(IPPermission, Int)] = []
        if let proto = c.value("protocol") {
            let (from, to) = Self.portRange(c.value("port"))
            var permission = IPPermission(ipProtocol: proto == "all" ? "-1" : proto, fromPort: from, toPort: to)
            if let cidr = c.value("cidr") {
                if cidr.contains(":") { permission.ipv6Ranges = [cidr] } else { permission.ipv4Ranges = [cidr] }
            }
            if let source = c.value("source-group") { permission.sourceGroups = [resolveGroup(source)] }
            out.append((permission, c.line("cidr") ?? c.line("source-group") ?? c.line("port") ?? c.line))
        }
        for item in structured(c, "ip-permissions") {
            var permission = IPPermission(
                ipProtocol: item["IpProtocol"]?.string ?? "-1", fromPort: item["FromPort"]?.int, toPort: item["ToPort"]?.int
            )
            permission.ipv4Ranges = (item["IpRanges"]?.array ?? []).compactMap { $0["CidrIp"]?.string }
            permission.ipv6Ranges = (item["Ipv6Ranges"]?.array ?? []).compactMap { $0["CidrIpv6"]?.string }
            permission.sourceGroups = (item["UserIdGroupPairs"]?.array ?? []).compactMap { $0["GroupId"]?.string ?? $0["GroupName"]?.string }
                .map(resolveGroup)
            out.append((permission, item.line))
        }
        return out
    }

    /// `80` → (80, 80); `8000-8010` → (8000, 8010); `-1` or absent → all ports.
    static func portRange(_ text: String?) -> (Int?, Int?) {
        guard let text, text != "-1" else { return (nil, nil) }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        switch parts.count {
        case 1: return (parts[0], parts[0])
        case 2: return (parts[0], parts[1])
        default: return (nil, nil)
        }
    }

    mutating func createRole(_ c: AWSCLICommand) -> String? {
        guard let name = required("role-name", of: c) else { return nil }
        var role = inventory.roles.first { $0.name == name } ?? IAMRole(name: name, arn: Self.syntheticARN("iam/role", name))
        if let document = structured(c, "assume-role-policy-document").first {
            role.assumeRolePolicyDocument = document.compactText
        }
        role.tags.merge(tags(c)) { $1 }
        role.locations[LocationKey.resource] = location(c.line)
        if let line = c.line("assume-role-policy-document") { role.locations["assumeRolePolicyDocument"] = location(line) }
        upsertRole(role)
        return role.arn
    }

    mutating func attachRolePolicy(_ c: AWSCLICommand) -> String? {
        guard let name = c.value("role-name"), let policy = c.value("policy-arn") else { return nil }
        var role = roleForUpdate(name, line: c.line)
        if !role.attachedPolicyArns.contains(policy) { role.attachedPolicyArns.append(policy) }
        role.locations["attachedPolicyArns.\(arnSuffix(policy))"] = location(c.line("policy-arn") ?? c.line)
        upsertRole(role)
        return nil
    }

    /// `detach-role-policy`: the policy leaves a role the files created or
    /// attached policies to; any other role, or a policy the files never
    /// attached, is a problem and nothing changes.
    mutating func detachRolePolicy(_ c: AWSCLICommand) -> String? {
        guard let name = c.value("role-name"), let policy = c.value("policy-arn") else {
            problem(c.line, "`aws iam detach-role-policy` without --role-name and --policy-arn was skipped")
            return nil
        }
        guard var role = inventory.roles.first(where: { $0.name == name }) else {
            notCreated(c, "the role \(name)", by: "command")
            return nil
        }
        guard role.attachedPolicyArns.contains(policy) else {
            problem(c.line, "`aws iam detach-role-policy` detaches \(policy) from \(name), which no command in the files attaches: "
                + "nothing was detached")
            return nil
        }
        role.attachedPolicyArns.removeAll { $0 == policy }
        role.locations.removeValue(forKey: "attachedPolicyArns.\(arnSuffix(policy))")
        upsertRole(role)
        return nil
    }

    mutating func putRolePolicy(_ c: AWSCLICommand) -> String? {
        guard let name = c.value("role-name"), let policy = c.value("policy-name") else { return nil }
        var role = roleForUpdate(name, line: c.line)
        if !role.inlinePolicyNames.contains(policy) { role.inlinePolicyNames.append(policy) }
        // The document, for the rules that judge what the role may do; one that
        // cannot be read leaves the policy's contents unknown.
        role.inlinePolicies[policy] = quietJSON(c, "policy-document")
        upsertRole(role)
        return nil
    }

    /// A flag's JSON argument (inline or `file://`) as compact text, or `nil`,
    /// read without noting problems or collecting secrets: it only informs
    /// rules about grants, so reports that do not need it stay as they were.
    func quietJSON(_ command: AWSCLICommand, _ name: String) -> String? {
        guard let first = command.flag(name)?.values.first else { return nil }
        guard first.text.hasPrefix("file://") else {
            return (try? LocatedJSON.parse(first.text, file: file, firstLine: first.line))?.compactText
        }
        let path = resolvedReference(first.text)
        if let cached = readJSONFiles[(path as NSString).standardizingPath] { return cached.compactText }
        guard let text = try? FileSource.readText(path: path, maxBytes: maxBytes) else { return nil }
        return (try? LocatedJSON.parse(text, file: path))?.compactText
    }

    private func roleForUpdate(_ name: String, line: Int) -> IAMRole {
        if let role = inventory.roles.first(where: { $0.name == name }) { return role }
        var role = IAMRole(name: name, arn: Self.syntheticARN("iam/role", name))
        role.locations[LocationKey.resource] = location(line)
        return role
    }

    private mutating func upsertRole(_ role: IAMRole) {
        inventory.roles.removeAll { $0.name == role.name }
        inventory.roles.append(role)
    }
}
