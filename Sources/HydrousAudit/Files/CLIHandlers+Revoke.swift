import Foundation
import Inventory

/// `revoke-security-group-ingress` / `-egress`: the inverse of `authorize-*`,
/// with the same argument forms, on a group the files created or opened.
extension FileInventoryBuilder {
    mutating func revoke(_ c: AWSCLICommand, egress: Bool) -> String? {
        let command = "`aws ec2 \(c.operation)`"
        guard let reference = c.value("group-id") ?? c.value("group-name") else {
            problem(c.line, "\(command) without --group-id or --group-name was skipped")
            return nil
        }
        guard c.flag("security-group-rule-ids") == nil else {
            problem(c.line, "\(command) --security-group-rule-ids names rules by AWS ids the files do not show: the change was not checked")
            return nil
        }
        let id = resolveGroup(reference)
        guard var group = inventory.securityGroup(id) else {
            problem(c.line, "\(command) changes \(reference), which no command in the files creates or opens: the change was not checked")
            return nil
        }
        let revoked = permissionArguments(c)
        guard !revoked.isEmpty else {
            problem(c.line, "\(command) names no permission (--protocol and --port with --cidr or --source-group, or "
                + "--ip-permissions): nothing was revoked")
            return nil
        }
        let prefix = egress ? "egress" : "ingress"
        let existing = egress ? group.egress : group.ingress
        // Each permission with its location, so the survivors keep theirs when renumbered.
        var rules = existing.enumerated().map { (permission: $0.element, location: group.locations["\(prefix).\($0.offset)"]) }
        for (permission, line) in revoked {
            var emptied = Set<Int>()
            var matched = false
            for index in rules.indices where Self.sameProtocolAndPorts(rules[index].permission, permission) {
                var rule = rules[index].permission
                rule.ipv4Ranges.removeAll { permission.ipv4Ranges.contains($0) }
                rule.ipv6Ranges.removeAll { permission.ipv6Ranges.contains($0) }
                rule.sourceGroups.removeAll { permission.sourceGroups.contains($0) }
                guard rule != rules[index].permission else { continue }
                matched = true
                rules[index].permission = rule
                if rule.ipv4Ranges.isEmpty, rule.ipv6Ranges.isEmpty, rule.sourceGroups.isEmpty { emptied.insert(index) }
            }
            rules = rules.enumerated().filter { !emptied.contains($0.offset) }.map(\.element)
            if !matched {
                problem(line, "\(command) revokes \(Self.describe(permission)) from \(id), which no command in the files grants: "
                    + "nothing was revoked")
            }
        }
        for key in group.locations.keys where key.hasPrefix("\(prefix).") { group.locations.removeValue(forKey: key) }
        for (index, rule) in rules.enumerated() {
            if let location = rule.location { group.locations["\(prefix).\(index)"] = location }
        }
        if egress { group.egress = rules.map(\.permission) } else { group.ingress = rules.map(\.permission) }
        inventory.securityGroups.removeAll { $0.id == id }
        inventory.securityGroups.append(group)
        return nil
    }

    /// True when two permissions name the same protocol and port range
    /// (`all`, `-1` alike; `6` is `tcp`, `17` is `udp`; ports do not matter for all traffic).
    static func sameProtocolAndPorts(_ a: IPPermission, _ b: IPPermission) -> Bool {
        func proto(_ text: String) -> String {
            switch text.lowercased() {
            case "all", "-1": return "-1"
            case "6": return "tcp"
            case "17": return "udp"
            case "1": return "icmp"
            default: return text.lowercased()
            }
        }
        func port(_ value: Int?) -> Int? { value.flatMap { $0 < 0 ? nil : $0 } }
        guard proto(a.ipProtocol) == proto(b.ipProtocol) else { return false }
        return proto(a.ipProtocol) == "-1" || (port(a.fromPort) == port(b.fromPort) && port(a.toPort) == port(b.toPort))
    }

    /// `tcp 5432 from 0.0.0.0/0`, for problems.
    static func describe(_ permission: IPPermission) -> String {
        let proto = ["-1", "all"].contains(permission.ipProtocol.lowercased()) ? "all traffic" : permission.ipProtocol
        let ports: String
        switch (permission.fromPort, permission.toPort) {
        case let (from?, to?) where from == to && from >= 0: ports = " \(from)"
        case let (from?, to?) where from >= 0: ports = " \(from)-\(to)"
        default: ports = ""
        }
        let sources = permission.ipv4Ranges + permission.ipv6Ranges + permission.sourceGroups
        return "\(proto)\(ports)" + (sources.isEmpty ? "" : " from \(sources.joined(separator: ", "))")
    }
}
