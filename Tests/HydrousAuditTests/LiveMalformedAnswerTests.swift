import AWSClient
import Foundation
@testable import HydrousAudit
import Inventory
import XCTest

/// A transport that forwards to the emulator and removes one member from the
/// answers of chosen operations: in each answer, the first object holding it
/// (JSON, breadth first, keys in sorted order) or the first such element (XML),
/// as `scripts/fault-proxy.py --strip` does.
final class LiveStrippingTransport: HTTPTransport {
    let inner: any HTTPTransport
    /// Operation → member to remove.
    let strip: [String: String]

    init(inner: any HTTPTransport, strip: [String: String]) {
        self.inner = inner
        self.strip = strip
    }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        var response = try await inner.send(request)
        guard response.status == 200, let field = strip[LiveDenyingTransport.operation(of: request)] else { return response }
        response.body = Array(Self.stripping(field, from: Data(response.body)))
        return response
    }

    static func stripping(_ field: String, from data: Data) -> Data {
        guard let root = try? JSONSerialization.jsonObject(with: data) else {
            let text = String(decoding: data, as: UTF8.self)
            let name = NSRegularExpression.escapedPattern(for: field)
            guard let pattern = try? NSRegularExpression(pattern: "<\(name)(\\s[^>]*)?(/>|>.*?</\(name)>)", options: [.dotMatchesLineSeparators]),
                  let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                  let range = Range(match.range, in: text) else { return data }
            return Data(text.replacingCharacters(in: range, with: "").utf8)
        }
        var queue: [(node: Any, path: [Any])] = [(root, [])]
        var found: [Any]?
        while !queue.isEmpty, found == nil {
            let (node, path) = queue.removeFirst()
            if let object = node as? [String: Any] {
                if object[field] != nil { found = path; break }
                for key in object.keys.sorted() { queue.append((object[key] as Any, path + [key])) }
            } else if let array = node as? [Any] {
                for (index, item) in array.enumerated() { queue.append((item, path + [index])) }
            }
        }
        guard let path = found else { return data }
        func removing(_ node: Any, _ path: ArraySlice<Any>) -> Any {
            if let key = path.first as? String, var object = node as? [String: Any] {
                object[key] = removing(object[key] as Any, path.dropFirst())
                return object
            }
            if let index = path.first as? Int, var array = node as? [Any] {
                array[index] = removing(array[index], path.dropFirst())
                return array
            }
            guard var object = node as? [String: Any] else { return node }
            object[field] = nil
            return object
        }
        return (try? JSONSerialization.data(withJSONObject: removing(root, path[...]))) ?? data
    }
}

/// Answers that parse but lack a field the audit needs to identify a resource:
/// that resource is reported as not read (coverage `failed`, naming the action,
/// the item's position and the field, and what to do), the audit is
/// incomplete (exit 3), and everything else is still read and reported.
final class LiveMalformedAnswerTests: XCTestCase {
    func testJSONAnswersMissingIdentifyingFieldsAreNotReadAndTheRestIs() async throws {
        let moto = try LiveMoto.fixture()
        let clean = await LiveSource(client: try moto.client()).read(scope: Scope())
        XCTAssertTrue(clean.isComplete, "\(clean.coverage.filter { $0.status != .ok })")
        let transport = LiveStrippingTransport(
            inner: try moto.client().configuration.transport,
            strip: ["DescribeServices": "serviceName", "DescribeTaskDefinition": "name"])
        let client = try moto.client(transport: transport)
        let inventory = await LiveSource(client: client).read(scope: Scope())
        XCTAssertFalse(inventory.isComplete)
        let services = try XCTUnwrap(inventory.coverage.first { $0.operation == "DescribeServices" })
        XCTAssertEqual(services.status, .failed)
        let detail = services.detail ?? ""
        XCTAssertTrue(detail.hasPrefix("DescribeServices answered services[0] without serviceName: that service was left out"), detail)
        XCTAssertTrue(detail.contains("rerun it"), "the message says what to do next: \(detail)")
        let answers = client.counter.snapshot().callsByOperation["ecs DescribeServices"] ?? 0
        XCTAssertGreaterThan(answers, 1)
        XCTAssertEqual(inventory.services.count, clean.services.count - answers, "only the first service of each answer is lost")
        let definitions = try XCTUnwrap(inventory.coverage.first { $0.operation == "DescribeTaskDefinition" })
        XCTAssertEqual(definitions.status, .failed)
        XCTAssertTrue(definitions.detail?.contains("answered containerDefinitions[0] without name: that container of") == true,
                      definitions.detail ?? "")
        // The task definitions themselves are still read, each without the container that lost its name.
        XCTAssertEqual(inventory.taskDefinitions.map(\.arn), clean.taskDefinitions.map(\.arn))
        XCTAssertEqual(inventory.taskDefinitions.map(\.containers.count), clean.taskDefinitions.map { $0.containers.count - 1 })
        XCTAssertEqual(inventory.coverage.filter { $0.status != .ok }.map(\.operation), ["DescribeServices", "DescribeTaskDefinition"])
        XCTAssertEqual(inventory.clusters, clean.clusters)
        XCTAssertEqual(inventory.loadBalancers, clean.loadBalancers)
        XCTAssertEqual(inventory.dbInstances, clean.dbInstances)
    }

    func testQueryAnswersMissingIdentifyingFieldsAreNotReadAndTheRestIs() async throws {
        let moto = try LiveMoto.fixture()
        let clean = await LiveSource(client: try moto.client()).read(scope: Scope())
        let transport = LiveStrippingTransport(
            inner: try moto.client().configuration.transport,
            strip: ["DescribeDBInstances": "DBInstanceIdentifier", "DescribeLoadBalancers": "LoadBalancerName"])
        let inventory = await LiveSource(client: try moto.client(transport: transport)).read(scope: Scope())
        XCTAssertFalse(inventory.isComplete)
        let byOperation = Dictionary(inventory.coverage.map { ($0.operation, $0) }, uniquingKeysWith: { first, _ in first })
        let rds = try XCTUnwrap(byOperation["DescribeDBInstances"])
        XCTAssertEqual(rds.status, .failed)
        XCTAssertTrue(rds.detail?.hasPrefix(
            "DescribeDBInstances answered DBInstances[0] without DBInstanceIdentifier: that DB instance was left out of the audit") == true,
            rds.detail ?? "")
        XCTAssertTrue(rds.detail?.hasSuffix("(1 item not read over 1 call)") == true, rds.detail ?? "")
        let elb = try XCTUnwrap(byOperation["DescribeLoadBalancers"])
        XCTAssertEqual(elb.status, .failed)
        XCTAssertTrue(elb.detail?.contains("LoadBalancers[0] without LoadBalancerName: that load balancer") == true, elb.detail ?? "")
        XCTAssertEqual(inventory.dbInstances.count, clean.dbInstances.count - 1)
        XCTAssertEqual(inventory.loadBalancers.count, clean.loadBalancers.count - 1)
        XCTAssertEqual(inventory.services, clean.services)
        XCTAssertEqual(inventory.taskDefinitions, clean.taskDefinitions)
        XCTAssertEqual(inventory.cacheClusters, clean.cacheClusters)
    }

    func testRequiredFieldsOfParsedItems() throws {
        let external: JSONValue = [
            "serviceArn": "arn:aws:ecs:us-east-1:1:service/c/s", "serviceName": "s",
            "deploymentController": ["type": "EXTERNAL"],
        ]
        XCTAssertNil(try ECSCollector.service(external, cluster: "c").taskDefinition, "task sets carry it")
        let ecsControlled: JSONValue = ["serviceArn": "arn:aws:ecs:us-east-1:1:service/c/s", "serviceName": "s"]
        XCTAssertThrowsError(try ECSCollector.service(ecsControlled, cluster: "c")) { error in
            XCTAssertEqual((error as? LiveMissingField)?.field, "taskDefinition")
        }
        let group = try AWSXMLNode.parse("""
            <item><groupId>sg-1</groupId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>5432</fromPort>
            <toPort>5432</toPort><ipRanges><item><cidrIp>10.0.0.0/16</cidrIp></item><item><description>x</description></item>
            </ipRanges></item></ipPermissions></item>
            """)
        XCTAssertThrowsError(try EC2Collector.securityGroup(group)) { error in
            XCTAssertEqual((error as? LiveMissingField)?.field, "ipPermissions[0].ipRanges[1].cidrIp",
                           "a range without its CIDR would make the rule look narrower than it is")
        }
    }

    func testTheCLIExitsThreeNamingTheMissingFieldAndStillReportsTheRest() throws {
        let moto = try LiveMoto.fixture()
        let proxy = try FaultProxy(upstream: moto.endpoint)
        defer { proxy.stop() }
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cleanSnapshot = folder.appendingPathComponent("clean.json").path
        XCTAssertEqual(try snapshot(proxy, cleanSnapshot).status, 0)

        let strip: [String: Any] = ["strip": ["DescribeServices": "serviceName", "DescribeDBInstances": "DBInstanceIdentifier"]]
        try proxy.configure(strip)
        let (result, _, report) = try FaultAudit.run(endpoint: proxy.url)
        XCTAssertEqual(result.status, 3, result.stderr)
        let audited = try XCTUnwrap(report, result.stderr)
        XCTAssertEqual(audited.complete, false)
        let services = try XCTUnwrap(audited.coverage("ecs", "DescribeServices"))
        XCTAssertEqual(services["status"] as? String, "failed")
        XCTAssertTrue((services["detail"] as? String)?.hasPrefix("DescribeServices answered services[0] without serviceName") == true,
                      "\(services)")
        let rds = try XCTUnwrap(audited.coverage("rds", "DescribeDBInstances"))
        XCTAssertEqual(rds["status"] as? String, "failed")
        XCTAssertTrue((rds["detail"] as? String)?.contains("DBInstances[0] without DBInstanceIdentifier") == true, "\(rds)")
        XCTAssertEqual(audited.coverage.filter { $0["status"] as? String != "ok" }.count, 2)
        XCTAssertTrue(result.stderr.contains("the audit is incomplete"), result.stderr)
        XCTAssertTrue(result.stderr.contains("ecs:DescribeServices failed: DescribeServices answered services[0] without serviceName"),
                      result.stderr)
        let rules = Set(audited.findings.compactMap { $0["ruleId"] as? String })
        for rule in ["elb_http_only_listener", "ecs_plaintext_secret_env", "cache_transit_encryption_off"] {
            XCTAssertTrue(rules.contains(rule), "\(rule) is still reported: \(rules.sorted())")
        }

        // What was read is all there but the items that lost their identity.
        let strippedSnapshot = folder.appendingPathComponent("stripped.json").path
        try proxy.configure(strip) // clears the proxy's counts: the snapshot's own answers are counted below
        let saved = try snapshot(proxy, strippedSnapshot)
        XCTAssertEqual(saved.status, 3, saved.stderr)
        let answers = try proxy.count("ecs DescribeServices")
        let before = try arrays(cleanSnapshot), after = try arrays(strippedSnapshot)
        XCTAssertGreaterThan(before["dbInstances", default: 0], 1)
        XCTAssertEqual(after["dbInstances", default: 0], before["dbInstances", default: 0] - 1)
        XCTAssertEqual(after["services", default: 0], before["services", default: 0] - answers, "an empty list is left out")
        for key in ["clusters", "taskDefinitions", "loadBalancers", "listeners", "cacheClusters", "securityGroups"] {
            XCTAssertGreaterThan(before[key, default: 0], 0, key)
            XCTAssertEqual(after[key], before[key], key)
        }
    }

    private func snapshot(_ proxy: FaultProxy, _ path: String) throws -> CLI.Result {
        try CLI.run(["snapshot", "--region", "us-east-1", "--endpoint-url", proxy.url, "--output", path],
                    environment: FaultHarness.dummyCredentials)
    }

    /// The length of every array at the top of a snapshot file.
    private func arrays(_ path: String) throws -> [String: Int] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let top = try XCTUnwrap(object as? [String: Any])
        return top.compactMapValues { ($0 as? [Any])?.count }
    }
}
