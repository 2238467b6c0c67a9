import Foundation
import Inventory

/// Whether traffic from a set of source security groups (and the subnets the
/// sources sit in) may pass a set of target security groups on one TCP port.
///
/// Admitted when some target group has an ingress permission covering the
/// port that names one of the source groups, or whose IPv4 range holds the
/// CIDR of every source subnet (`0.0.0.0/0` and `::/0` hold everything).
/// Egress of the source groups is not checked (AWS allows all by default).
enum Reachability: Equatable, Sendable {
    case admitted
    /// Every target group is known and none lets the sources in.
    case denied
    /// Some fact is missing (an unknown group, a subnet without CIDR, an
    /// IPv6 range): the audit cannot tell.
    case unknown

    /// Decides reachability from `sourceGroups` in `sourceSubnets` to
    /// `targetGroups` on TCP `port`.
    static func evaluate(
        from sourceGroups: [String], subnets sourceSubnets: [String], to targetGroups: [String],
        port: Int, in inventory: Inventory
    ) -> Reachability {
        guard !sourceGroups.isEmpty, !targetGroups.isEmpty else { return .unknown }
        let sources = Set(sourceGroups)
        let subnetBlocks: [IPv4CIDR]? = {
            let blocks = sourceSubnets.compactMap { id in
                inventory.subnets.first { $0.id == id }?.cidrBlock.flatMap(IPv4CIDR.init)
            }
            return sourceSubnets.isEmpty || blocks.count != sourceSubnets.count ? nil : blocks
        }()
        var missingFacts = false
        for id in targetGroups {
            guard let group = inventory.securityGroup(id), group.rulesKnown != false else {
                missingFacts = true
                continue
            }
            for permission in group.ingress where permission.covers(port: port) {
                if !sources.isDisjoint(with: permission.sourceGroups) || permission.isWorldOpen { return .admitted }
                for range in permission.ipv4Ranges {
                    guard let block = IPv4CIDR(range) else { continue }
                    guard let subnetBlocks else {
                        missingFacts = true
                        continue
                    }
                    if subnetBlocks.allSatisfy(block.contains) { return .admitted }
                }
                if !permission.ipv6Ranges.isEmpty { missingFacts = true }
            }
        }
        return missingFacts ? .unknown : .denied
    }
}
