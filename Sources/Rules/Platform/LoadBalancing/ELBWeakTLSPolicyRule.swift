import Foundation
import Inventory

/// `elb_weak_tls_policy`: an HTTPS or TLS listener still accepts TLS 1.0/1.1.
public struct ELBWeakTLSPolicyRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "elb_weak_tls_policy",
        title: "Listener accepts TLS 1.0 or 1.1",
        severity: .medium,
        rationale: """
            TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on weak hashes and cipher suites and let a \
            downgrade expose traffic the HTTPS listener was meant to protect. Policies such as \
            ELBSecurityPolicy-2016-08, still the default of older tooling, accept them.
            """,
        remediation: """
            Move the listener to a policy whose minimum is TLS 1.2: \
            `aws elbv2 modify-listener --listener-arn <LISTENER_ARN> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06`.
            """,
        references: ["ELB.17", "prowler elbv2_insecure_ssl_ciphers"],
        triggering: [
            RuleExample("HTTPS listener on ELBSecurityPolicy-2016-08", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.listeners = [PlatformFixtures.listener(protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-2016-08")]
            }, flagged: ["hydrous-alb:443"]),
            RuleExample("TLS 1.3 policy that still allows 1.1", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.listeners = [PlatformFixtures.listener(protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-1-2021-06")]
            }, flagged: ["hydrous-alb:443"]),
        ],
        nonTriggering: [
            RuleExample("the guide: no HTTPS listener at all", PlatformFixtures.guide),
            RuleExample("HTTPS listener on the TLS 1.3 / 1.2 policy", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.listeners = [PlatformFixtures.listener(protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06")]
            }),
            RuleExample("HTTPS listener on a TLS 1.2 forward-secrecy policy", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.listeners = [PlatformFixtures.listener(protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-FS-1-2-Res-2020-10")]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per HTTPS/TLS listener whose policy the table knows to accept TLS 1.0/1.1;
    /// an unstated or unknown policy is silent.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.listeners.compactMap { listener in
            guard let proto = listener.protocol?.uppercased(), proto == "HTTPS" || proto == "TLS",
                  let policy = listener.sslPolicy, TLSPolicyTable.allowsLegacyTLS(policy) == true else { return nil }
            let owner = context.inventory.loadBalancer(listener.loadBalancerArn)?.name ?? arnSuffix(listener.loadBalancerArn)
            return context.finding(
                listener,
                message: "Listener \(LoadBalancerFacts.describe(listener)) of \(owner) uses \(policy), which accepts TLS 1.0/1.1.",
                field: "sslPolicy"
            )
        }
    }
}
