import Inventory
@testable import Rules
import XCTest

/// `elb_http_only_listener` on listener rules: the message names each rule
/// that serves plain HTTP, the fingerprint stays the load balancer's, and the
/// finding points at the rule.
final class ListenerRuleMessageTests: XCTestCase {
    private func inventory(rules: [ListenerRule], https: Bool = true, httpDefault: ListenerAction = PlatformFixtures.redirectToHTTPS) -> Inventory {
        PlatformFixtures.inventory { inv in
            inv.loadBalancers = [PlatformFixtures.loadBalancer()]
            var http = PlatformFixtures.listener(protocol: "HTTP", port: 80, actions: [httpDefault])
            http.rules = rules
            inv.listeners = [http] + (https ? [PlatformFixtures.listener(protocol: "HTTPS", port: 443)] : [])
        }
    }

    private func rule(_ priority: Int, _ conditions: [String], _ actions: [ListenerAction]) -> ListenerRule {
        PlatformFixtures.listenerRule(priority: priority, conditions: conditions, actions: actions)
    }

    func testAForwardingRuleIsNamedWithItsPriorityAndConditions() throws {
        let findings = runPlatformRule(ELBHTTPOnlyListenerRule.self, inventory(rules: [
            rule(20, ["host-header api.example.com", "path-pattern /v2/*"], [PlatformFixtures.forward]),
            rule(10, ["path-pattern /api/*"], [PlatformFixtures.forward]),
            rule(5, ["path-pattern /health"], [PlatformFixtures.fixedResponse]),
        ]))
        XCTAssertEqual(findings.count, 1, "one finding per load balancer")
        XCTAssertEqual(
            findings.first?.message,
            "hydrous-alb serves plain HTTP: listener HTTP:80 forwards requests matching path-pattern /api/* (rule 10) and "
                + "forwards requests matching host-header api.example.com and path-pattern /v2/* (rule 20) "
                + "instead of redirecting them to HTTPS.")
    }

    func testTheFingerprintIsTheLoadBalancersWhateverTheReason() throws {
        let byRule = try XCTUnwrap(runPlatformRule(ELBHTTPOnlyListenerRule.self, inventory(rules: [
            rule(10, ["path-pattern /api/*"], [PlatformFixtures.forward]),
        ])).first)
        let byDefault = try XCTUnwrap(runPlatformRule(ELBHTTPOnlyListenerRule.self, PlatformFixtures.guide).first)
        XCTAssertEqual(byRule.fingerprint, byDefault.fingerprint)
        XCTAssertEqual(byRule.resource.id, "hydrous-alb")
    }

    func testOtherActionsAndTheNoHTTPSReasonReadAsOneSentence() {
        let findings = runPlatformRule(ELBHTTPOnlyListenerRule.self, inventory(rules: [
            rule(3, ["host-header old.example.com"], [
                ListenerAction(type: "redirect", redirect: RedirectConfig(protocol: "HTTP", port: "8080", statusCode: "HTTP_302")),
            ]),
            rule(4, ["path-pattern /admin/*"], [ListenerAction(type: "authenticate-cognito"), PlatformFixtures.fixedResponse]),
            rule(6, [], [PlatformFixtures.forward]),
        ], https: false))
        XCTAssertEqual(
            findings.first?.message,
            "hydrous-alb serves plain HTTP: listener HTTP:80 keeps requests matching host-header old.example.com (rule 3) on plain HTTP, "
                + "authenticates requests matching path-pattern /admin/* (rule 4) and forwards all requests (rule 6) "
                + "instead of redirecting them to HTTPS, and it has no HTTPS listener.")
    }

    func testAtMostThreeRulesAreNamed() {
        let rules = (1...6).map { rule($0 * 10, ["path-pattern /p\($0)/*"], [PlatformFixtures.forward]) }
        let message = runPlatformRule(ELBHTTPOnlyListenerRule.self, inventory(rules: rules)).first?.message ?? ""
        XCTAssertTrue(message.contains("(rule 30) and 3 more rules instead of redirecting them to HTTPS."), message)
        XCTAssertFalse(message.contains("rule 40"), message)
    }

    func testAForwardingDefaultSaysItAllAndItsRulesAreNotListed() {
        let findings = runPlatformRule(ELBHTTPOnlyListenerRule.self, inventory(
            rules: [rule(10, ["path-pattern /api/*"], [PlatformFixtures.forward])], httpDefault: PlatformFixtures.forward))
        XCTAssertEqual(
            findings.first?.message, "hydrous-alb serves plain HTTP: listener HTTP:80 forwards traffic instead of redirecting to HTTPS.")
    }

    func testTheFindingPointsAtTheRuleInTheReviewedFile() {
        var inv = inventory(rules: [rule(10, ["path-pattern /api/*"], [PlatformFixtures.forward])])
        inv.listeners[0].locations = [
            LocationKey.resource: SourceLocation(file: "deploy.sh", line: 3),
            "defaultActions": SourceLocation(file: "deploy.sh", line: 4),
            "rules.10": SourceLocation(file: "deploy.sh", line: 9),
        ]
        let findings = runPlatformRule(ELBHTTPOnlyListenerRule.self, inv)
        XCTAssertEqual(findings.first?.location, SourceLocation(file: "deploy.sh", line: 9))
    }

    func testConditionSummariesNeverCarryHeaderOrQueryValues() {
        XCTAssertEqual(
            ListenerRule.conditionSummary(field: "http-header", values: ["s3cr3t-origin-token"], headerName: "X-Origin-Verify"),
            "http-header X-Origin-Verify")
        XCTAssertEqual(
            ListenerRule.conditionSummary(field: "query-string", values: ["k=v"], queryKeys: ["api_key", nil]),
            "query-string api_key or (any key)")
        XCTAssertEqual(ListenerRule.conditionSummary(field: "path-pattern", values: ["/api/*", "/v2/*"]), "path-pattern /api/* or /v2/*")
        XCTAssertEqual(ListenerRule.conditionSummary(field: "source-ip"), "source-ip")
    }
}
