import Foundation
import Inventory

/// What the rules that read one boolean load balancer attribute
/// (`elb_access_logs_off`, `elb_deletion_protection_off`,
/// `elb_invalid_headers_not_dropped`) share: their check and their examples.
extension LoadBalancerFacts {
    /// One finding per load balancer of `balancers` whose `attribute` is (or
    /// defaults to) false; `saying` is what that means, e.g. "access logs are off".
    static func attributeOffFindings(
        _ context: RuleContext, attribute: String, in balancers: [LoadBalancer], saying: String
    ) -> [Finding] {
        balancers.compactMap { lb in
            guard flag(attribute, of: lb) == false else { return nil }
            let stated = lb.attributes[attribute] == nil ? " (not set: the AWS default)" : ""
            return context.finding(
                lb, message: "\(lb.name): \(saying) (`\(attribute)` is false\(stated)).",
                field: "attributes.\(attribute)"
            )
        }
    }

    /// Inventories each of these rules must flag.
    static let attributeOffTriggering: [RuleExample] = [
        RuleExample("the guide: attribute left at the AWS default", PlatformFixtures.guide, flagged: ["hydrous-alb"]),
        RuleExample("attribute absent from a live read (AWS default false)", PlatformFixtures.inventory { inv in
            inv.loadBalancers = [PlatformFixtures.loadBalancer { $0.attributes = ["idle_timeout.timeout_seconds": "60"] }]
        }, flagged: ["hydrous-alb"]),
    ]

    /// Inventories each of these rules must not flag.
    static let attributeOffNonTriggering: [RuleExample] = [
        RuleExample("attribute set to true", PlatformFixtures.inventory { inv in
            inv.loadBalancers = [PlatformFixtures.loadBalancer { $0.attributes = PlatformFixtures.hardenedAttributes }]
        }),
        RuleExample("read from a file that states no attributes: unknown", PlatformFixtures.inventory { inv in
            inv.loadBalancers = [PlatformFixtures.loadBalancer {
                $0.attributes = [:]
                $0.locations = PlatformFixtures.fileLocation(228)
            }]
        }),
    ]
}
