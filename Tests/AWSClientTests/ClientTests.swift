import Foundation
import Synchronization
import XCTest

@testable import AWSClient

final class ClientTests: XCTestCase {
    func testQueryCallIsSignedAndShaped() async throws {
        let transport = FakeTransport([Fixtures.xml(200, """
            <DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers>
            <member><LoadBalancerName>hydrous-alb</LoadBalancerName></member></LoadBalancers>
            </DescribeLoadBalancersResult></DescribeLoadBalancersResponse>
            """)])
        let client = Fixtures.client(transport)
        let result = try await client.query(.elbv2, "DescribeLoadBalancers", QueryParameters.list("Names", ["hydrous-alb"]))
        XCTAssertEqual(result.list("LoadBalancers").first?.text("LoadBalancerName"), "hydrous-alb")
        let sent = try XCTUnwrap(transport.sent.first)
        XCTAssertEqual(sent.host, "elasticloadbalancing.eu-west-1.amazonaws.com")
        XCTAssertEqual(sent.header("X-Amz-Date"), "20150830T123600Z")
        XCTAssertEqual(sent.header("X-Amz-Security-Token"), Fixtures.credentials.sessionToken)
        let authorization = try XCTUnwrap(sent.header("Authorization"))
        XCTAssertTrue(authorization.hasPrefix(
            "AWS4-HMAC-SHA256 Credential=AKIDTESTKEY/20150830/eu-west-1/elasticloadbalancing/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="))
        XCTAssertNil(sent.header("X-Amz-Content-Sha256"))
    }

    func testJSONCallSignsTargetAndIAMSignsInUSEast1() async throws {
        let transport = FakeTransport([Fixtures.json(200, #"{"clusters":[{"clusterName":"c"}]}"#), Fixtures.xml(200, "<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName></Role></GetRoleResult></GetRoleResponse>")])
        let client = Fixtures.client(transport)
        let answer = try await client.json(.ecs, "DescribeClusters", ["clusters": ["c"], "include": ["TAGS", "SETTINGS"]])
        XCTAssertEqual(answer["clusters"]?[0]?["clusterName"]?.string, "c")
        let role = try await client.query(.iam, "GetRole", [("RoleName", "r")])
        XCTAssertEqual(role.path("Role", "RoleName")?.text, "r")
        let ecs = transport.sent[0]
        XCTAssertTrue(ecs.header("Authorization")?.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target") ?? false)
        let iam = transport.sent[1]
        XCTAssertEqual(iam.host, "iam.amazonaws.com")
        XCTAssertTrue(iam.header("Authorization")?.contains("/us-east-1/iam/aws4_request") ?? false)
    }

    func testQueryPagination() async throws {
        let transport = FakeTransport([
            Fixtures.xml(200, "<R><DescribeDBInstancesResult><DBInstances><DBInstance><DBInstanceIdentifier>a</DBInstanceIdentifier></DBInstance></DBInstances><Marker>m1</Marker></DescribeDBInstancesResult></R>"),
            Fixtures.xml(200, "<R><DescribeDBInstancesResult><DBInstances><DBInstance><DBInstanceIdentifier>b</DBInstanceIdentifier></DBInstance></DBInstances></DescribeDBInstancesResult></R>"),
        ])
        let pages = try await Fixtures.client(transport).paginateQuery(
            .rds, "DescribeDBInstances", [("MaxRecords", "100")], tokenParam: "Marker", tokenPath: ["Marker"])
        XCTAssertEqual(pages.count, 2)
        XCTAssertEqual(pages.flatMap { $0.child("DBInstances")?.children ?? [] }.compactMap { $0.text("DBInstanceIdentifier") }, ["a", "b"])
        let second = String(decoding: transport.sent[1].body, as: UTF8.self)
        XCTAssertTrue(second.hasSuffix("MaxRecords=100&Marker=m1"), second)
        XCTAssertFalse(String(decoding: transport.sent[0].body, as: UTF8.self).contains("Marker"))
    }

    func testJSONPaginationStopsOnRepeatedToken() async throws {
        let transport = FakeTransport([
            Fixtures.json(200, #"{"clusterArns":["a"],"nextToken":"t1"}"#),
            Fixtures.json(200, #"{"clusterArns":["b"],"nextToken":"t2"}"#),
            Fixtures.json(200, #"{"clusterArns":["c"],"nextToken":"t2"}"#),
            Fixtures.json(200, #"{"clusterArns":["never"]}"#),
        ])
        let pages = try await Fixtures.client(transport).paginateJSON(.ecs, "ListClusters", ["maxResults": 100])
        XCTAssertEqual(pages.compactMap { $0["clusterArns"]?[0]?.string }, ["a", "b", "c"])
        XCTAssertEqual(String(decoding: transport.sent[1].body, as: UTF8.self), #"{"maxResults":100,"nextToken":"t1"}"#)
    }

    func testCallLogCarriesNoSecrets() async throws {
        let lines = Mutex<[String]>([])
        let transport = FakeTransport([
            Fixtures.json(200, "{}"),
            Fixtures.json(400, #"{"__type":"AccessDeniedException","message":"denied"}"#),
        ])
        let client = Fixtures.client(transport) { event in lines.withLock { $0.append(event.logLine) } }
        _ = try await client.json(.logs, "DescribeLogGroups")
        _ = try? await client.json(.ecr, "DescribeRepositories")
        let logged = lines.withLock { $0 }
        XCTAssertEqual(logged.count, 2)
        XCTAssertTrue(logged[0].hasPrefix("logs DescribeLogGroups ok "))
        XCTAssertTrue(logged[1].hasPrefix("ecr DescribeRepositories AccessDeniedException (HTTP 400) "))
        for line in logged {
            XCTAssertFalse(line.contains(Fixtures.credentials.secretAccessKey))
            XCTAssertFalse(line.contains("test-token-value"))
        }
        let stats = client.counter.snapshot()
        XCTAssertEqual(stats.callsByService, ["logs": 1, "ecr": 1])
        XCTAssertEqual(stats.failures, 1)
    }

    func testCredentialsNeverPrint() {
        let credentials = Fixtures.credentials
        for text in ["\(credentials)", String(reflecting: credentials), "\([credentials])", dumped(credentials)] {
            XCTAssertTrue(text.contains("AKIDTESTKEY"), text)
            XCTAssertFalse(text.contains("test-secret-value-123"), text)
            XCTAssertFalse(text.contains("test-token-value-456"), text)
        }
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    func testConcurrentCallsFromManyTasks() async throws {
        let steps = (0..<20).map { _ in Fixtures.json(200, #"{"clusterArns":[]}"#) }
        let client = Fixtures.client(FakeTransport(steps))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = try await client.json(.ecs, "ListClusters") } }
            try await group.waitForAll()
        }
        XCTAssertEqual(client.counter.snapshot().callsByService["ecs"], 20)
    }
}
