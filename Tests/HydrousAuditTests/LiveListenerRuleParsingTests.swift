import AWSClient
import Foundation
@testable import HydrousAudit
import Inventory
import XCTest

/// `DescribeRules` answers as AWS writes them: typed condition configs,
/// legacy `Values`, regex values, ordered actions, the default rule.
final class LiveListenerRuleParsingTests: XCTestCase {
    func testARuleReadsItsConditionsAndItsActionsInOrder() throws {
        let item = try AWSXMLNode.parse("""
            <member><RuleArn>arn:rule/1</RuleArn><Priority>10</Priority><IsDefault>false</IsDefault>
            <Conditions>
              <member><Field>path-pattern</Field><PathPatternConfig><Values><member>/api/*</member><member>/v2/*</member></Values>
                </PathPatternConfig><Values><member>/api/*</member><member>/v2/*</member></Values></member>
              <member><Field>host-header</Field><Values><member>api.example.com</member></Values></member>
              <member><Field>http-header</Field><HttpHeaderConfig><HttpHeaderName>X-Origin-Verify</HttpHeaderName>
                <Values><member>Zq8-origin-secret</member></Values></HttpHeaderConfig></member>
              <member><Field>query-string</Field><QueryStringConfig><Values><member><Key>token</Key><Value>abc123secret</Value></member>
                <member><Value>only-a-value</Value></member></Values></QueryStringConfig></member>
              <member><Field>path-pattern</Field><PathPatternConfig><RegexValues><member>^/api/v[0-9]+/</member></RegexValues>
                </PathPatternConfig></member>
            </Conditions>
            <Actions>
              <member><Type>forward</Type><Order>2</Order><TargetGroupArn>arn:tg</TargetGroupArn></member>
              <member><Type>authenticate-oidc</Type><Order>1</Order></member>
            </Actions></member>
            """)
        let rule = try XCTUnwrap(try ELBv2Collector.rule(item))
        XCTAssertEqual(rule.arn, "arn:rule/1")
        XCTAssertEqual(rule.priority, "10")
        XCTAssertEqual(rule.conditions, [
            "path-pattern /api/* or /v2/*", "host-header api.example.com", "http-header X-Origin-Verify",
            "query-string token or (any key)", "path-pattern regex ^/api/v[0-9]+/",
        ])
        XCTAssertEqual(rule.actions.map(\.type), ["authenticate-oidc", "forward"], "actions run in Order")
        XCTAssertEqual(rule.actions.last?.targetGroupArn, "arn:tg")
        let text = rule.conditions.joined()
        for secret in ["Zq8-origin-secret", "abc123secret", "only-a-value"] {
            XCTAssertFalse(text.contains(secret), "a matched header or query value is never kept")
        }
    }

    func testTheDefaultRuleIsLeftOutAndARuleWithoutItsARNIsNotRead() throws {
        let fallback = try AWSXMLNode.parse("""
            <member><RuleArn>arn:rule/default</RuleArn><Priority>default</Priority><IsDefault>true</IsDefault>
            <Actions><member><Type>forward</Type></member></Actions></member>
            """)
        XCTAssertNil(try ELBv2Collector.rule(fallback), "it mirrors the listener's default actions")
        let anonymous = try AWSXMLNode.parse("""
            <member><Priority>3</Priority><IsDefault>false</IsDefault><Actions><member><Type>forward</Type></member></Actions></member>
            """)
        XCTAssertThrowsError(try ELBv2Collector.rule(anonymous)) { error in
            XCTAssertEqual((error as? LiveMissingField)?.field, "RuleArn")
        }
    }

    func testOnlyHTTPListenersHaveTheirRulesRead() {
        func listener(_ proto: String?) -> Listener {
            var listener = Listener(arn: "arn:l", loadBalancerArn: "arn:lb")
            listener.protocol = proto
            return listener
        }
        XCTAssertTrue(ELBv2Collector.readsRules(of: listener("HTTP")))
        XCTAssertTrue(ELBv2Collector.readsRules(of: listener("http")))
        for other in ["HTTPS", "TCP", "TLS", "UDP", nil] {
            XCTAssertFalse(ELBv2Collector.readsRules(of: listener(other)), other ?? "nil")
        }
    }
}
