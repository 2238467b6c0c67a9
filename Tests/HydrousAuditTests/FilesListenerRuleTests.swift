import Foundation
import XCTest
@testable import HydrousAudit
import Inventory

/// `aws elbv2 create-rule` in reviewed files: which listener it lands on,
/// its conditions and actions in every argument form, and its line.
final class FilesListenerRuleTests: XCTestCase {
    private let prelude = """
    LB=$(aws elbv2 create-load-balancer --name web-lb --subnets s1 s2 --query 'LoadBalancers[0].LoadBalancerArn' --output text)
    TG=$(aws elbv2 create-target-group --name web-tg --protocol HTTP --port 8000 --target-type ip --output text)
    HTTP=$(aws elbv2 create-listener --load-balancer-arn "$LB" --protocol HTTP --port 80 \\
      --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}' --output text)
    aws elbv2 create-listener --load-balancer-arn "$LB" --protocol HTTPS --port 443 \\
      --certificates CertificateArn=arn:aws:acm:us-east-1:1:certificate/c --default-actions Type=forward,TargetGroupArn=$TG

    """

    private func httpListener(_ inventory: Inventory) throws -> Listener {
        try XCTUnwrap(inventory.listeners.first { $0.port == 80 })
    }

    func testShorthandJSONAndFileArgumentsGiveTheSameKindOfRule() throws {
        let directory = try FilesFixtures.temporaryDirectory(self)
        try #"[{"Type": "authenticate-oidc", "Order": 1}, {"Type": "forward", "TargetGroupArn": "arn:tg/x", "Order": 2}]"#
            .write(to: directory.appendingPathComponent("actions.json"), atomically: true, encoding: .utf8)
        let script = directory.appendingPathComponent("deploy.sh")
        try (prelude + """
        aws elbv2 create-rule --listener-arn "$HTTP" --priority 10 \\
          --conditions Field=path-pattern,Values='/api/*' \\
          --actions Type=forward,TargetGroupArn=$TG
        aws elbv2 create-rule --listener-arn $HTTP --priority 5 \\
          --conditions '[{"Field": "host-header", "HostHeaderConfig": {"Values": ["api.example.com", "v2.example.com"]}},
                         {"Field": "http-header", "HttpHeaderConfig": {"HttpHeaderName": "X-Origin-Verify", "Values": ["Zq8-origin-secret"]}}]' \\
          --actions file://actions.json
        aws elbv2 create-rule --listener-arn "$HTTP" --priority 1 --conditions 'Field=path-pattern,PathPatternConfig={Values=[/health]}' \\
          --actions 'Type=fixed-response,FixedResponseConfig={StatusCode=200,ContentType=text/plain,MessageBody=ok}'
        """).write(to: script, atomically: true, encoding: .utf8)
        let result = try FileSource().read(paths: [script.path])
        XCTAssertEqual(result.problems, [])
        let listener = try httpListener(result.inventory)
        XCTAssertEqual(listener.rules.map(\.priority), ["1", "5", "10"], "in evaluation order")
        XCTAssertEqual(listener.rules.map(\.conditions), [
            ["path-pattern /health"],
            ["host-header api.example.com or v2.example.com", "http-header X-Origin-Verify"],
            ["path-pattern /api/*"],
        ])
        XCTAssertEqual(listener.rules.map { $0.actions.map(\.type) }, [["fixed-response"], ["authenticate-oidc", "forward"], ["forward"]])
        let group = try XCTUnwrap(result.inventory.targetGroups.first)
        XCTAssertEqual(listener.rules[2].actions.first?.targetGroupArn, group.arn, "$TG holds the created group")
        XCTAssertEqual(listener.rules[2].arn, "file:elbv2/listener-rule/web-lb/80/10")
        XCTAssertEqual(listener.location(of: "rules.10")?.line, 9, "the rule is at its --actions line")
        XCTAssertEqual(listener.location(of: "rules.5")?.line, 13)
        XCTAssertFalse(String(decoding: try result.inventory.encodedSnapshot(), as: UTF8.self).contains("Zq8-origin-secret"),
                       "a header value matched by a rule is never kept")
    }

    func testAnAWSListenerARNFindsTheOnlyListenerOfItsLoadBalancer() throws {
        let result = try FilesFixtures.markdown("""
        ```bash
        aws elbv2 create-load-balancer --name hydrous-alb --subnets s1 s2
        aws elbv2 create-listener \\
            --load-balancer-arn arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/hydrous-alb/f3b89d4ca2680661 \\
            --protocol HTTP --port 80 --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'
        aws elbv2 create-rule \\
            --listener-arn arn:aws:elasticloadbalancing:us-east-1:1:listener/app/hydrous-alb/f3b89d4ca2680661/0a1b2c3d4e5f \\
            --priority 20 --conditions Field=host-header,Values=admin.example.com --actions Type=forward,TargetGroupArn=arn:tg
        ```
        """)
        XCTAssertEqual(result.problems, [])
        let listener = try httpListener(result.inventory)
        XCTAssertEqual(listener.rules.map(\.conditions), [["host-header admin.example.com"]])
        XCTAssertEqual(listener.location(of: "rules.20")?.line, 8)
    }

    func testARuleWhoseListenerCannotBeToldIsAProblemNotAGuess() throws {
        let result = try FilesFixtures.shell(prelude + """
        aws elbv2 create-rule --listener-arn arn:aws:elasticloadbalancing:us-east-1:1:listener/app/web-lb/abc/def \\
          --priority 10 --conditions Field=path-pattern,Values=/api/* --actions Type=forward,TargetGroupArn=$TG
        aws elbv2 create-rule --listener-arn "$UNKNOWN" --priority 11 --actions Type=forward,TargetGroupArn=$TG
        aws elbv2 create-rule --priority 12 --actions Type=forward,TargetGroupArn=$TG
        """)
        XCTAssertEqual(result.problems.count, 3, "\(result.problems)")
        XCTAssertTrue(result.problems[0].hasPrefix("deploy.sh:7: `aws elbv2 create-rule` adds a rule to arn:aws:elasticloadbalancing"),
                      "two listeners of web-lb: \(result.problems[0])")
        XCTAssertTrue(result.problems[1].hasPrefix("deploy.sh:9: `aws elbv2 create-rule` adds a rule to $UNKNOWN"), result.problems[1])
        XCTAssertEqual(result.problems[2], "deploy.sh:10: `aws elbv2 create-rule` without --listener-arn was skipped")
        XCTAssertTrue(result.inventory.listeners.allSatisfy(\.rules.isEmpty))
    }

    func testTheSamePriorityTwiceKeepsTheLastRule() throws {
        let result = try FilesFixtures.shell(prelude + """
        aws elbv2 create-rule --listener-arn "$HTTP" --priority 10 --conditions Field=path-pattern,Values=/a --actions Type=forward,TargetGroupArn=$TG
        aws elbv2 create-rule --listener-arn "$HTTP" --priority 10 --conditions Field=path-pattern,Values=/b --actions Type=fixed-response
        """)
        let listener = try httpListener(result.inventory)
        XCTAssertEqual(listener.rules.map(\.conditions), [["path-pattern /b"]])
        XCTAssertEqual(listener.location(of: "rules.10")?.line, 8)
    }
}
