import Foundation
import XCTest

/// The gate on a listener rule: the corrected guide with one more
/// `create-rule` that forwards over HTTP fails, at that rule's line; one that
/// answers a fixed response passes.
final class CheckListenerRuleTests: XCTestCase {
    let fixedGuide = "examples/guide/aws-deployment-guide.fixed.md"
    let redirect = "--default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'\n"

    /// The corrected guide, its HTTP listener captured in `$HTTP_ARN`, followed by `rule`.
    func guide(adding rule: String) throws -> String {
        let fixed = try String(contentsOfFile: CLI.path(fixedGuide), encoding: .utf8)
        XCTAssertEqual(fixed.components(separatedBy: redirect).count, 2, "the corrected guide's HTTP listener redirects once")
        let capture = fixed.replacingOccurrences(
            of: "aws elbv2 create-listener \\\n    --load-balancer-arn \"$ALB_ARN\" \\\n    --protocol HTTP \\",
            with: "HTTP_ARN=$(aws elbv2 create-listener \\\n    --load-balancer-arn \"$ALB_ARN\" \\\n    --protocol HTTP \\")
        XCTAssertNotEqual(capture, fixed)
        return capture.replacingOccurrences(
            of: redirect, with: redirect.dropLast() + " \\\n    --query 'Listeners[0].ListenerArn' --output text)\n" + rule)
    }

    func check(_ text: String) throws -> (CLI.Result, [[String: Any]]) {
        let dir = try CLI.temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try text.write(to: dir.appendingPathComponent("guide.md"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "guide.md", "--fail-on", "high", "--format", "json"], in: dir.path)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
        return (result, report["findings"] as? [[String: Any]] ?? [])
    }

    func testAForwardingRuleOnTheRedirectingListenerFailsTheGateAtItsLine() throws {
        let text = try guide(adding: """
        aws elbv2 create-rule --listener-arn "$HTTP_ARN" --priority 10 \\
            --conditions Field=path-pattern,Values='/api/*' \\
            --actions Type=forward,TargetGroupArn="$TG_ARN"

        """)
        let (result, findings) = try check(text)
        XCTAssertEqual(result.status, 1, result.stderr)
        let finding = try XCTUnwrap(findings.first { $0["ruleId"] as? String == "elb_http_only_listener" })
        XCTAssertEqual(finding["message"] as? String,
                       "hydrous-alb serves plain HTTP: listener HTTP:80 forwards requests matching path-pattern /api/* (rule 10) "
                           + "instead of redirecting them to HTTPS.")
        let actionsLine = try XCTUnwrap(text.components(separatedBy: "\n").firstIndex { $0.contains("--actions Type=forward") }) + 1
        XCTAssertEqual((finding["location"] as? [String: Any])?["line"] as? Int, actionsLine)
        XCTAssertEqual(findings.count, 1, "nothing else changes: \(findings.map { $0["ruleId"] ?? "?" })")
    }

    func testAFixedResponseRulePasses() throws {
        let (result, findings) = try check(try guide(adding: """
        aws elbv2 create-rule --listener-arn "$HTTP_ARN" --priority 1 \\
            --conditions Field=path-pattern,Values=/health \\
            --actions 'Type=fixed-response,FixedResponseConfig={StatusCode=200,ContentType=text/plain,MessageBody=ok}'

        """))
        XCTAssertEqual(result.status, 0, "\(findings)")
        XCTAssertEqual(findings.count, 0)
    }
}
