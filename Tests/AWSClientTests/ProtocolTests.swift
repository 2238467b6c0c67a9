import Foundation
import XCTest

@testable import AWSClient

final class ProtocolTests: XCTestCase {
    func testXMLMemberListsAndPaths() throws {
        let xml = """
            <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
              <DescribeDBInstancesResult>
                <DBInstances>
                  <DBInstance><DBInstanceIdentifier>hydrous-db</DBInstanceIdentifier>
                    <Endpoint><Address>db.example</Address><Port>5432</Port></Endpoint>
                    <TagList><Tag><Key>Project</Key><Value>HydrousBackend</Value></Tag></TagList>
                  </DBInstance>
                </DBInstances>
                <Marker>next-page</Marker>
              </DescribeDBInstancesResult>
              <ResponseMetadata><RequestId>abc</RequestId></ResponseMetadata>
            </DescribeDBInstancesResponse>
            """
        let root = try AWSXMLNode.parse(xml)
        XCTAssertEqual(root.name, "DescribeDBInstancesResponse")
        let result = try XCTUnwrap(root.child("DescribeDBInstancesResult"))
        let instances = try XCTUnwrap(result.child("DBInstances")).children("DBInstance")
        XCTAssertEqual(instances.count, 1)
        XCTAssertEqual(instances[0].text("DBInstanceIdentifier"), "hydrous-db")
        XCTAssertEqual(instances[0].path("Endpoint", "Port")?.text, "5432")
        XCTAssertEqual(result.text("Marker"), "next-page")
        XCTAssertEqual(root.descendant("RequestId")?.text, "abc")
        XCTAssertNil(result.path("Nope", "Deeper"))
    }

    func testXMLMemberAndEC2ItemLists() throws {
        let elb = try AWSXMLNode.parse("""
            <R><SecurityGroups><member>sg-1</member><member>sg-2</member></SecurityGroups>
            <Tags><member><Key>a</Key><Value>1</Value></member></Tags></R>
            """)
        XCTAssertEqual(elb.strings("SecurityGroups"), ["sg-1", "sg-2"])
        XCTAssertEqual(elb.tags("Tags"), ["a": "1"])
        let ec2 = try AWSXMLNode.parse("""
            <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>r1</requestId>
              <securityGroupInfo>
                <item><groupId>sg-1</groupId><ipPermissions>
                  <item><fromPort>5432</fromPort><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item>
                </ipPermissions><tagSet><item><key>Name</key><value>db</value></item></tagSet></item>
                <item><groupId>sg-2</groupId></item>
              </securityGroupInfo>
            </DescribeSecurityGroupsResponse>
            """)
        let groups = ec2.list("securityGroupInfo")
        XCTAssertEqual(groups.map { $0.text("groupId") }, ["sg-1", "sg-2"])
        XCTAssertEqual(groups[0].list("ipPermissions")[0].list("ipRanges")[0].text("cidrIp"), "0.0.0.0/0")
        XCTAssertEqual(groups[0].tags("tagSet"), ["Name": "db"])
        XCTAssertEqual(groups[1].list("ipPermissions"), [])
    }

    func testQueryRequestEncoding() throws {
        let endpoint = Endpoint(scheme: "https", host: "ec2.eu-west-1.amazonaws.com", signingRegion: "eu-west-1")
        let parameters = QueryParameters.list("GroupId", ["sg-1", "sg-2"], ec2: true)
            + QueryParameters.ec2Filters([(name: "vpc-id", values: ["vpc 1"])])
        let request = ServiceProtocol(.ec2).request(operation: "DescribeSecurityGroups", parameters: parameters, endpoint: endpoint)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/")
        XCTAssertEqual(request.header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8")
        XCTAssertEqual(
            String(decoding: request.body, as: UTF8.self),
            "Action=DescribeSecurityGroups&Version=2016-11-15&GroupId.1=sg-1&GroupId.2=sg-2"
                + "&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc%201")
        XCTAssertEqual(QueryParameters.list("Names", ["a"]).map { $0.0 }, ["Names.member.1"])
    }

    func testJSONRequestEncoding() throws {
        let endpoint = Endpoint(scheme: "https", host: "ecs.eu-west-1.amazonaws.com", signingRegion: "eu-west-1")
        let body: JSONValue = ["cluster": "x", "include": ["TAGS"], "maxResults": 100]
        let request = ServiceProtocol(.ecs).request(operation: "DescribeServices", body: body, endpoint: endpoint)
        XCTAssertEqual(request.header("Content-Type"), "application/x-amz-json-1.1")
        XCTAssertEqual(request.header("X-Amz-Target"), "AmazonEC2ContainerServiceV20141113.DescribeServices")
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), #"{"cluster":"x","include":["TAGS"],"maxResults":100}"#)
    }

    func testJSONValueReading() throws {
        let value = try JSONValue.parse(#"{"services":[{"serviceName":"api","desiredCount":2,"x":true,"n":null}]}"#)
        XCTAssertEqual(value["services"]?[0]?["serviceName"]?.string, "api")
        XCTAssertEqual(value["services"]?[0]?["desiredCount"]?.int, 2)
        XCTAssertEqual(value["services"]?[0]?["x"]?.bool, true)
        XCTAssertEqual(value["services"]?[0]?["n"]?.isNull, true)
        XCTAssertNil(value["services"]?[5])
        XCTAssertNil(value["missing"]?["deeper"])
    }

    func testQueryErrorDecoding() {
        let response = AWSHTTPResponse(status: 403, text: """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code>
              <Message>User: arn:aws:iam::123:user/x is not authorized to perform: iam:GetRole</Message></Error>
              <RequestId>req-1</RequestId>
            </ErrorResponse>
            """)
        let error = ServiceProtocol(.iam).decodeError(response, service: "iam", operation: "GetRole")
        XCTAssertEqual(error.code, "AccessDenied")
        XCTAssertEqual(error.requestId, "req-1")
        XCTAssertEqual(error.httpStatus, 403)
        XCTAssertTrue(error.isAccessDenied)
        XCTAssertFalse(error.isRetryable)
        XCTAssertTrue(error.localizedDescription.contains("iam GetRole: access denied (AccessDenied)"))
        XCTAssertTrue(error.localizedDescription.contains("not authorized to perform: iam:GetRole"))
    }

    func testEC2ErrorDecoding() {
        let response = AWSHTTPResponse(status: 403, text: """
            <Response><Errors><Error><Code>UnauthorizedOperation</Code>
            <Message>You are not authorized to perform this operation.</Message></Error></Errors>
            <RequestID>ec2-req</RequestID></Response>
            """)
        let error = ServiceProtocol(.ec2).decodeError(response, service: "ec2", operation: "DescribeVpcs")
        XCTAssertEqual(error.code, "UnauthorizedOperation")
        XCTAssertEqual(error.requestId, "ec2-req")
        XCTAssertTrue(error.isAccessDenied)
        let throttled = ServiceProtocol(.ec2).decodeError(AWSHTTPResponse(status: 503, text: """
            <Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow</Message></Error></Errors></Response>
            """), service: "ec2", operation: "DescribeVpcs")
        XCTAssertTrue(throttled.isThrottling)
        XCTAssertTrue(throttled.isRetryable)
    }

    func testJSONErrorDecoding() {
        let response = AWSHTTPResponse(
            status: 400, headers: [HTTPHeader("x-amzn-RequestId", "json-req")],
            text: #"{"__type":"com.amazonaws.ecs#AccessDeniedException","message":"no ecs:DescribeServices"}"#)
        let error = ServiceProtocol(.ecs).decodeError(response, service: "ecs", operation: "DescribeServices")
        XCTAssertEqual(error.code, "AccessDeniedException")
        XCTAssertEqual(error.message, "no ecs:DescribeServices")
        XCTAssertEqual(error.requestId, "json-req")
        XCTAssertTrue(error.isAccessDenied)
        let capital = ServiceProtocol(.logs).decodeError(
            AWSHTTPResponse(status: 400, text: #"{"__type":"ThrottlingException","Message":"Rate exceeded"}"#),
            service: "logs", operation: "DescribeLogGroups")
        XCTAssertEqual(capital.code, "ThrottlingException")
        XCTAssertEqual(capital.message, "Rate exceeded")
        XCTAssertTrue(capital.isThrottling)
        let bare = ServiceProtocol(.ecr).decodeError(
            AWSHTTPResponse(status: 502, text: "<html>bad gateway</html>"), service: "ecr", operation: "DescribeRepositories")
        XCTAssertEqual(bare.code, "HTTP502")
        XCTAssertTrue(bare.isRetryable)
    }

    func testSignatureErrorsAreNamedAndScrubbed() {
        let response = AWSHTTPResponse(status: 403, text: """
            <ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not \
            match. The Canonical String for this request should have been 'POST / x-amz-security-token:SECRET-TOKEN'</Message>\
            </Error></ErrorResponse>
            """)
        let error = ServiceProtocol(.sts).decodeError(response, service: "sts", operation: "GetCallerIdentity")
        let text = error.localizedDescription
        XCTAssertTrue(text.contains("the request signature was rejected (SignatureDoesNotMatch): check the secret access key"))
        XCTAssertFalse(text.contains("SECRET-TOKEN"))
        XCTAssertTrue(error.isAccessDenied)
        let expired = AWSError(code: "ExpiredToken", message: "x", httpStatus: 403, service: "sts", operation: "GetCallerIdentity")
        XCTAssertTrue(expired.localizedDescription.contains("expired"))
        let unknown = AWSError(code: "InvalidClientTokenId", message: "", httpStatus: 403, service: "sts", operation: "X")
        XCTAssertTrue(unknown.localizedDescription.contains("access key id was not recognised"))
    }

    func testMalformedAnswersAreDistinctErrors() {
        let html = AWSHTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "text/html")], text: "<html><body>oops")
        XCTAssertThrowsError(try ServiceProtocol(.rds).decodeXML(html, service: "rds", operation: "DescribeDBInstances")) {
            guard case AWSClientError.malformedResponse(_, _, let reason) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("text/html"))
        }
        XCTAssertThrowsError(try ServiceProtocol(.ecs).decodeJSON(html, service: "ecs", operation: "ListClusters")) {
            guard case AWSClientError.malformedResponse = $0 else { return XCTFail("\($0)") }
        }
        let array = AWSHTTPResponse(status: 200, text: "[1,2]")
        XCTAssertThrowsError(try ServiceProtocol(.ecs).decodeJSON(array, service: "ecs", operation: "ListClusters"))
        let empty = AWSHTTPResponse(status: 200, text: "")
        XCTAssertEqual(try ServiceProtocol(.ecs).decodeJSON(empty, service: "ecs", operation: "ListClusters"), [:])
    }
}
