import Foundation
import Inventory

/// `elb_open_port_without_listener`: the load balancer's security group opens a port no listener serves.
public struct ELBOpenPortWithoutListenerRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "elb_open_port_without_listener",
        title: "Load balancer security group opens a port no listener serves",
        severity: .low,
        rationale: """
            A port opened for a listener that was never created is a sign the setup stopped halfway (typically \
            443 opened for HTTPS that was never configured) and widens what the internet may reach if a \
            listener is added later without review.
            """,
        remediation: """
            Either create the missing listener (for 443: an HTTPS listener with an ACM certificate), or close the \
            port: \
            `aws ec2 revoke-security-group-ingress --group-id <ALB_SG_ID> --protocol tcp --port 443 --cidr 0.0.0.0/0`.
            """,
        references: [],
        triggering: [
            RuleExample("the guide: 80 and 443 open, only an HTTP:80 listener", PlatformFixtures.guide, flagged: ["hydrous-alb"]),
        ],
        nonTriggering: [
            RuleExample("80 and 443 open, both served", PlatformFixtures.inventory { inv in
                inv.securityGroups = PlatformFixtures.guideSecurityGroups
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.listeners = [
                    PlatformFixtures.listener(protocol: "HTTP", port: 80, actions: [PlatformFixtures.redirectToHTTPS]),
                    PlatformFixtures.listener(protocol: "HTTPS", port: 443),
                ]
            }),
            RuleExample("load balancer read from a file whose listeners are not stated", PlatformFixtures.inventory { inv in
                inv.securityGroups = PlatformFixtures.guideSecurityGroups
                inv.loadBalancers = [PlatformFixtures.loadBalancer { $0.locations = PlatformFixtures.fileLocation(228) }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per load balancer listing the single TCP ports its groups
    /// open that no listener serves. Port ranges and all-traffic rules are left
    /// to other rules. Silent when the load balancer came from a file and no
    /// listener of it is known.
    public func check(_ context: RuleContext) -> [Finding] {
        let inventory = context.inventory
        return inventory.loadBalancers.compactMap { lb in
            let listeners = inventory.listeners(of: lb.arn)
            if listeners.isEmpty, lb.locations[LocationKey.resource] != nil { return nil }
            let served = Set(listeners.compactMap(\.port))
            var unserved: [Int: [String]] = [:]
            var anchors: [Int: SourceLocation] = [:]
            for groupId in lb.securityGroups {
                guard let group = inventory.securityGroup(groupId) else { continue }
                for (index, permission) in group.ingress.enumerated() {
                    guard let port = permission.fromPort, port == permission.toPort, port >= 0,
                          permission.covers(port: port), !served.contains(port) else { continue }
                    unserved[port, default: []].append(group.id)
                    if anchors[port] == nil, let location = group.location(of: "ingress.\(index)") { anchors[port] = location }
                }
            }
            guard !unserved.isEmpty else { return nil }
            let ports = unserved.keys.sorted()
            let phrases = ports.map { port in "\(port) (\(Set(unserved[port] ?? []).sorted().joined(separator: ", ")))" }
            let servedList = served.sorted().map(String.init).joined(separator: ", ")
            let servedText = served.isEmpty ? "no listener" : "listeners only on \(servedList)"
            let anchor = ports.lazy.compactMap { anchors[$0] }.first
            var finding = context.finding(
                lb,
                message: "\(lb.name)'s security groups open port\(ports.count == 1 ? "" : "s") \(englishList(phrases)) "
                    + "but it has \(servedText)."
            )
            finding.location = anchor ?? finding.location
            return finding
        }
    }
}
