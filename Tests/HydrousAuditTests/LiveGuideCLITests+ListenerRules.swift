import Foundation
import XCTest

/// The guide's load balancer fixed by the book (HTTPS listener, HTTP redirect),
/// then broken again by one listener rule that forwards `/api/*` over HTTP:
/// the live audit must see the rule (`DescribeRules`), and an auditor who may
/// not call it must get an incomplete audit (exit 3), never a silent pass.
extension LiveGuideCLITests {
    func test4_AForwardingRuleOnTheRedirectingHTTPListenerIsFlagged() throws {
        let url = try emulator()
        func value(_ arguments: [String]) throws -> String {
            try aws(url, arguments).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let lb = try value(["elbv2", "describe-load-balancers", "--names", "hydrous-alb", "--query", "LoadBalancers[0].LoadBalancerArn"])
        let group = try value(["elbv2", "describe-target-groups", "--names", "hydrous-tg", "--query", "TargetGroups[0].TargetGroupArn"])
        let http = try value(["elbv2", "describe-listeners", "--load-balancer-arn", lb,
                              "--query", "Listeners[?Port==`80`].ListenerArn | [0]"])
        let certificate = try value(["acm", "request-certificate", "--domain-name", "api.hydrous.example",
                                     "--validation-method", "DNS", "--query", "CertificateArn"])
        _ = try aws(url, ["elbv2", "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTPS", "--port", "443",
                          "--ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06", "--certificates", "CertificateArn=\(certificate)",
                          "--default-actions", "Type=forward,TargetGroupArn=\(group)"])
        _ = try aws(url, ["elbv2", "modify-listener", "--listener-arn", http, "--default-actions",
                          "Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}"])

        func httpFindings() throws -> (report: [String: Any], messages: [String]) {
            let result = try audit(url, ["--format", "json"])
            XCTAssertEqual(result.status, 1, result.stderr)
            let json = try report(result)
            XCTAssertEqual(json["complete"] as? Bool, true, "coverage: \(json["coverage"] ?? "")")
            let messages = findings(json).filter { $0["ruleId"] as? String == "elb_http_only_listener" }
                .compactMap { $0["message"] as? String }
            return (json, messages)
        }
        XCTAssertEqual(try httpFindings().messages, [], "HTTPS plus a redirecting HTTP listener is what the rule asks for")

        _ = try aws(url, ["elbv2", "create-rule", "--listener-arn", http, "--priority", "10",
                          "--conditions", "Field=path-pattern,Values=/api/*", "--actions", "Type=forward,TargetGroupArn=\(group)"])
        let (json, messages) = try httpFindings()
        XCTAssertEqual(messages, [
            "hydrous-alb serves plain HTTP: listener HTTP:80 forwards requests matching path-pattern /api/* (rule 10) "
                + "instead of redirecting them to HTTPS.",
        ])
        let coverage = (json["coverage"] as? [[String: Any]] ?? []).first { $0["operation"] as? String == "DescribeRules" }
        XCTAssertEqual(coverage?["status"] as? String, "ok")

        // An auditor whose policy lacks DescribeRules: moto enforces IAM, the call is denied, the audit is incomplete.
        let policy = try CLI.run(["iam-policy"]).stdout
        XCTAssertTrue(policy.contains("\"elasticloadbalancing:DescribeRules\""), policy)
        let file = try CLI.temporaryDirectory().appendingPathComponent("policy-without-rules.json")
        try Data(policy.replacingOccurrences(of: "        \"elasticloadbalancing:DescribeRules\",\n", with: "").utf8).write(to: file)
        let user = try EmulatorIAMUser.create("hydrous-auditor-no-rules", policy: "file://\(file.path)") { try aws(url, $0) }
        try post(url + "/moto-api/reset-auth", body: "0")
        defer { try? post(url + "/moto-api/reset-auth", body: "1000000000") }
        let denied = try audit(url, ["--format", "json"], key: user.key, secret: user.secret)
        XCTAssertEqual(denied.status, 3, "a denied DescribeRules leaves the audit incomplete: \(denied.stderr)")
        let deniedJSON = try report(denied)
        XCTAssertEqual(deniedJSON["complete"] as? Bool, false)
        let entries = (deniedJSON["coverage"] as? [[String: Any]] ?? []).filter { $0["status"] as? String != "ok" }
        XCTAssertEqual(entries.compactMap { $0["operation"] as? String }, ["DescribeRules"], "only DescribeRules is denied")
        XCTAssertEqual(entries.first?["status"] as? String, "denied")
    }
}
