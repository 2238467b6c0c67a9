import Foundation
import XCTest
@testable import HydrousAudit

/// The AWS CLI shorthand syntax.
final class FilesShorthandTests: XCTestCase {
    func testNetworkConfiguration() throws {
        let value = try CLIShorthand.parse(
            "awsvpcConfiguration={subnets=[subnet-1,subnet-2],securityGroups=[sg-1],assignPublicIp=ENABLED}", line: 7
        )
        let vpc = try XCTUnwrap(value["awsvpcConfiguration"])
        XCTAssertEqual(vpc["subnets"]?.strings, ["subnet-1", "subnet-2"])
        XCTAssertEqual(vpc["securityGroups"]?.strings, ["sg-1"])
        XCTAssertEqual(vpc["assignPublicIp"]?.string, "ENABLED")
        XCTAssertEqual(vpc["assignPublicIp"]?.line, 7)
    }

    func testActionsWithARNsTagsAndLists() throws {
        let action = try CLIShorthand.parse("Type=forward,TargetGroupArn=arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/tg/abc", line: 1)
        XCTAssertEqual(action["Type"]?.string, "forward")
        XCTAssertEqual(action["TargetGroupArn"]?.string, "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/tg/abc")
        XCTAssertEqual(try CLIShorthand.parse("Key=Project,Value=X", line: 1)["value"]?.string, "X")
        XCTAssertEqual(try CLIShorthand.parse("key=Project,value=X", line: 1)["Key"]?.string, "Project")
        XCTAssertEqual(try CLIShorthand.parse("Name=tag:Env,Values=a,b,c", line: 1)["Values"]?.strings, ["a", "b", "c"])
        let redirect = try CLIShorthand.parse("Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}", line: 1)
        XCTAssertEqual(redirect["RedirectConfig"]?["Protocol"]?.string, "HTTPS")
        let permission = try CLIShorthand.parse("IpProtocol=tcp,FromPort=5432,ToPort=5432,IpRanges=[{CidrIp=10.0.0.0/16}]", line: 1)
        XCTAssertEqual(permission["IpRanges"]?.array?.first?["CidrIp"]?.string, "10.0.0.0/16")
        XCTAssertEqual(try CLIShorthand.parse("Name=\"a,b\",Value='c'", line: 1)["Name"]?.string, "a,b")
    }

    func testSyntaxErrors() {
        XCTAssertThrowsError(try CLIShorthand.parse("just-a-word", line: 1))
        XCTAssertThrowsError(try CLIShorthand.parse("a={b=c", line: 1))
        XCTAssertThrowsError(try CLIShorthand.parse("a=[b,c", line: 1))
        XCTAssertThrowsError(try CLIShorthand.parse(String(repeating: "a={", count: 100), line: 1))
    }
}
