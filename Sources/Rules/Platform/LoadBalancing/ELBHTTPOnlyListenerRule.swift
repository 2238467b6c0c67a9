import Foundation
import Inventory

/// `elb_http_only_listener`: a load balancer serves plain HTTP.
public struct ELBHTTPOnlyListenerRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "elb_http_only_listener",
        title: "Load balancer serves plain HTTP",
        severity: .high,
        rationale: """
            An HTTP listener that forwards to the application sends every request, session cookie and token \
            across the internet in clear text; with no HTTPS listener at all, clients have no way to connect \
            securely. HTTP should only answer with a redirect to HTTPS.
            """,
        remediation: """
            Add an HTTPS listener with an ACM certificate, then turn the HTTP listener into a redirect: \
            `aws elbv2 create-listener --load-balancer-arn <ALB_ARN> --protocol HTTPS --port 443 \
            --certificates CertificateArn=<ACM_CERTIFICATE_ARN> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 \
            --default-actions Type=forward,TargetGroupArn=<TARGET_GROUP_ARN>` and \
            `aws elbv2 modify-listener --listener-arn <HTTP_LISTENER_ARN> --default-actions \
            'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'`.
            """,
        references: ["ELB.1", "prowler elbv2_ssl_listeners"],
        triggering: [
            RuleExample("the guide: one HTTP:80 listener forwarding to the target group", PlatformFixtures.guide, flagged: ["hydrous-alb"]),
            RuleExample("HTTPS exists but HTTP still forwards", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.listeners = [
                    PlatformFixtures.listener(protocol: "HTTP", port: 80),
                    PlatformFixtures.listener(protocol: "HTTPS", port: 443),
                ]
            }, flagged: ["hydrous-alb"]),
            RuleExample("HTTP redirects to HTTPS but no HTTPS listener exists", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.listeners = [PlatformFixtures.listener(protocol: "HTTP", port: 80, actions: [PlatformFixtures.redirectToHTTPS])]
            }, flagged: ["hydrous-alb"]),
        ],
        nonTriggering: [
            RuleExample("HTTP redirects to HTTPS, HTTPS forwards", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.listeners = [
                    PlatformFixtures.listener(protocol: "HTTP", port: 80, actions: [PlatformFixtures.redirectToHTTPS]),
                    PlatformFixtures.listener(protocol: "HTTPS", port: 443),
                ]
            }),
            RuleExample("HTTPS only", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                inv.listeners = [PlatformFixtures.listener(protocol: "HTTPS", port: 443)]
            }),
            RuleExample("a network load balancer with a TCP listener", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer { $0.type = "network" }]
                inv.listeners = [PlatformFixtures.listener(protocol: "TCP", port: 5432)]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per application load balancer with a forwarding HTTP
    /// listener or without any HTTPS listener; located at the first such listener.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.loadBalancers.filter(LoadBalancerFacts.isApplication).compactMap { lb in
            let listeners = context.inventory.listeners(of: lb.arn).sorted { ($0.port ?? 0) < ($1.port ?? 0) }
            guard !listeners.isEmpty else { return nil }
            let plain = listeners.filter { listener in
                listener.protocol?.uppercased() == "HTTP" && !listener.defaultActions.contains(where: \.redirectsToHTTPS)
            }
            let hasHTTPS = listeners.contains { $0.protocol?.uppercased() == "HTTPS" }
            guard !plain.isEmpty || !hasHTTPS else { return nil }
            var reasons: [String] = []
            if !plain.isEmpty {
                let names = plain.map(LoadBalancerFacts.describe)
                reasons.append("listener\(names.count == 1 ? "" : "s") \(englishList(names)) "
                    + "\(names.count == 1 ? "forwards" : "forward") traffic instead of redirecting to HTTPS")
            }
            if !hasHTTPS { reasons.append("it has no HTTPS listener") }
            var finding = context.finding(
                lb, message: "\(lb.name) serves plain HTTP: \(reasons.joined(separator: ", and ")).", field: "listeners"
            )
            let anchor = plain.first ?? listeners.first
            finding.location = anchor?.location(of: "defaultActions") ?? lb.location(of: "listeners")
            return finding
        }
    }
}
