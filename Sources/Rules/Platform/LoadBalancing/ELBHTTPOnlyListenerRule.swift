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
            securely. HTTP should only answer with a redirect to HTTPS. A listener rule counts as much as the \
            default action: an HTTP listener that redirects by default but has a rule forwarding `/api/*` (or \
            one host name) to the application still serves those requests in clear text. A rule that \
            authenticates (`authenticate-oidc`, `authenticate-cognito`) counts too, since the sign-in exchange \
            and its session cookie then cross in clear text, and so does a redirect that stays on HTTP. A rule \
            that answers a fixed response does not: that answer carries nothing of the application's.
            """,
        remediation: """
            Add an HTTPS listener with an ACM certificate, then turn the HTTP listener into a redirect: \
            `aws elbv2 create-listener --load-balancer-arn <ALB_ARN> --protocol HTTPS --port 443 \
            --certificates CertificateArn=<ACM_CERTIFICATE_ARN> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 \
            --default-actions Type=forward,TargetGroupArn=<TARGET_GROUP_ARN>` and \
            `aws elbv2 modify-listener --listener-arn <HTTP_LISTENER_ARN> --default-actions \
            'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'`. \
            A listener rule that forwards over HTTP belongs on the HTTPS listener: create it there, then make \
            the HTTP one redirect: `aws elbv2 modify-rule --rule-arn <RULE_ARN> --actions \
            'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'` (or delete the rule).
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
            RuleExample("HTTP redirects to HTTPS by default, but a rule forwards /api/* to the application", withHTTPRule(
                PlatformFixtures.listenerRule(priority: 10, conditions: ["path-pattern /api/*"], actions: [PlatformFixtures.forward])
            ), flagged: ["hydrous-alb"]),
            RuleExample("HTTP redirects to HTTPS by default, but a rule authenticates one host before forwarding", withHTTPRule(
                PlatformFixtures.listenerRule(priority: 5, conditions: ["host-header admin.example.com"], actions: [
                    ListenerAction(type: "authenticate-oidc"), PlatformFixtures.forward,
                ])
            ), flagged: ["hydrous-alb"]),
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
            RuleExample("HTTP redirects to HTTPS and its rule redirects /old/* to HTTPS too", withHTTPRule(
                PlatformFixtures.listenerRule(priority: 10, conditions: ["path-pattern /old/*"], actions: [
                    ListenerAction(type: "redirect", redirect: RedirectConfig(protocol: "HTTPS", port: "443", statusCode: "HTTP_301")),
                ])
            )),
            RuleExample("HTTP redirects to HTTPS and its rule answers a fixed response to /health", withHTTPRule(
                PlatformFixtures.listenerRule(priority: 1, conditions: ["path-pattern /health"], actions: [PlatformFixtures.fixedResponse])
            )),
            RuleExample("the HTTPS listener's rule forwards /api/* (over TLS)", PlatformFixtures.inventory { inv in
                inv.loadBalancers = [PlatformFixtures.loadBalancer()]
                var https = PlatformFixtures.listener(protocol: "HTTPS", port: 443)
                https.rules = [PlatformFixtures.listenerRule(priority: 10, conditions: ["path-pattern /api/*"], actions: [PlatformFixtures.forward])]
                inv.listeners = [PlatformFixtures.listener(protocol: "HTTP", port: 80, actions: [PlatformFixtures.redirectToHTTPS]), https]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// An inventory whose load balancer has an HTTP:80 listener redirecting to
    /// HTTPS by default, with `rule`, and an HTTPS:443 listener.
    static func withHTTPRule(_ rule: ListenerRule) -> Inventory {
        PlatformFixtures.inventory { inv in
            inv.loadBalancers = [PlatformFixtures.loadBalancer()]
            var http = PlatformFixtures.listener(protocol: "HTTP", port: 80, actions: [PlatformFixtures.redirectToHTTPS])
            http.rules = [rule]
            inv.listeners = [http, PlatformFixtures.listener(protocol: "HTTPS", port: 443)]
        }
    }

    /// One finding per application load balancer with a forwarding HTTP
    /// listener, an HTTP listener rule that serves the application, or
    /// without any HTTPS listener; located at the first such listener (or rule).
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.loadBalancers.filter(LoadBalancerFacts.isApplication).compactMap { lb in
            let listeners = context.inventory.listeners(of: lb.arn).sorted { ($0.port ?? 0) < ($1.port ?? 0) }
            guard !listeners.isEmpty else { return nil }
            let http = listeners.filter { $0.protocol?.uppercased() == "HTTP" }
            let plain = http.filter { !$0.defaultActions.contains(where: \.redirectsToHTTPS) }
            // Rules matter where the default redirects: a forwarding default already says it all.
            let ruled = http.filter { $0.defaultActions.contains(where: \.redirectsToHTTPS) }.compactMap { listener -> (Listener, [ListenerRule])? in
                let rules = listener.rules.filter(Self.servesPlainHTTP).sorted(by: ListenerRule.evaluationOrder)
                return rules.isEmpty ? nil : (listener, rules)
            }
            let hasHTTPS = listeners.contains { $0.protocol?.uppercased() == "HTTPS" }
            guard !plain.isEmpty || !ruled.isEmpty || !hasHTTPS else { return nil }
            var reasons: [String] = []
            if !plain.isEmpty {
                let names = plain.map(LoadBalancerFacts.describe)
                reasons.append("listener\(names.count == 1 ? "" : "s") \(englishList(names)) "
                    + "\(names.count == 1 ? "forwards" : "forward") traffic instead of redirecting to HTTPS")
            }
            for (listener, rules) in ruled { reasons.append(Self.reason(listener, rules)) }
            if !hasHTTPS { reasons.append("it has no HTTPS listener") }
            var finding = context.finding(
                lb, message: "\(lb.name) serves plain HTTP: \(reasons.joined(separator: ", and ")).", field: "listeners"
            )
            if let listener = plain.first ?? (ruled.isEmpty ? listeners.first : nil) {
                finding.location = listener.location(of: "defaultActions") ?? lb.location(of: "listeners")
            } else if let (listener, rules) = ruled.first, let rule = rules.first {
                finding.location = listener.location(of: "rules.\(rule.priority)") ?? lb.location(of: "listeners")
            }
            return finding
        }
    }

    /// True when a rule of an HTTP listener serves the request over HTTP:
    /// any action other than a redirect to HTTPS or a fixed response
    /// (`forward`, `authenticate-*`, a redirect that stays on HTTP).
    static func servesPlainHTTP(_ rule: ListenerRule) -> Bool {
        rule.actions.contains { !$0.redirectsToHTTPS && $0.type.lowercased() != "fixed-response" }
    }

    /// "listener HTTP:80 forwards requests matching path-pattern /api/* (rule 10) instead of redirecting them to HTTPS";
    /// at most three rules are named, then how many more.
    static func reason(_ listener: Listener, _ rules: [ListenerRule]) -> String {
        var phrases = rules.prefix(3).map { rule -> String in
            let matching = rule.conditions.isEmpty
                ? "all requests" : "requests matching \(rule.conditions.joined(separator: " and "))"
            let types = rule.actions.map { $0.type.lowercased() }
            if types.contains("forward") { return "forwards \(matching) (rule \(rule.priority))" }
            if types.contains(where: { $0.hasPrefix("authenticate") }) { return "authenticates \(matching) (rule \(rule.priority))" }
            if types.contains("redirect") { return "keeps \(matching) (rule \(rule.priority)) on plain HTTP" }
            return "answers \(matching) (rule \(rule.priority))"
        }
        if rules.count > 3 { phrases.append("\(rules.count - 3) more rule\(rules.count == 4 ? "" : "s")") }
        return "listener \(LoadBalancerFacts.describe(listener)) \(englishList(phrases)) instead of redirecting them to HTTPS"
    }
}
