import AWSClient
import Foundation
import HydrousAudit
import Inventory
import Synchronization
import XCTest

/// A transport that forwards to the emulator but answers AccessDenied (or a
/// server error) for chosen operations, and records every operation it saw.
final class LiveDenyingTransport: HTTPTransport {
    let inner: any HTTPTransport
    let denied: Set<String>
    let broken: Set<String>
    private let seen = Mutex(Set<String>())

    init(inner: any HTTPTransport, denied: Set<String>, broken: Set<String> = []) {
        self.inner = inner
        self.denied = denied
        self.broken = broken
    }

    var operations: Set<String> { seen.withLock { $0 } }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        let operation = Self.operation(of: request)
        seen.withLock { _ = $0.insert(operation) }
        if denied.contains(operation) {
            if request.header("X-Amz-Target") != nil {
                return AWSHTTPResponse(
                    status: 400, headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.1")],
                    text: #"{"__type":"AccessDeniedException","message":"User is not authorized to perform \#(operation)"}"#)
            }
            return AWSHTTPResponse(
                status: 403, headers: [HTTPHeader("Content-Type", "text/xml")],
                text: "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform \(operation)</Message></Error><RequestId>r-1</RequestId></ErrorResponse>")
        }
        if broken.contains(operation) {
            return AWSHTTPResponse(
                status: 400, headers: [HTTPHeader("Content-Type", "text/xml")],
                text: "<ErrorResponse><Error><Code>InvalidParameterValue</Code><Message>bad marker</Message></Error></ErrorResponse>")
        }
        return try await inner.send(request)
    }

    /// `Operation` from `X-Amz-Target: Prefix.Operation` or the form body's `Action=`.
    static func operation(of request: AWSHTTPRequest) -> String {
        if let target = request.header("X-Amz-Target"), let dot = target.lastIndex(of: ".") {
            return String(target[target.index(after: dot)...])
        }
        let body = String(decoding: request.body, as: UTF8.self)
        for pair in body.split(separator: "&") where pair.hasPrefix("Action=") {
            return String(pair.dropFirst("Action=".count))
        }
        return "?"
    }
}

/// Coverage and the least-privilege action list, observed against the emulator.
final class LiveCoverageTests: XCTestCase {
    func testEveryActionCalledIsListedAndEveryListedActionIsCalled() async throws {
        let moto = try LiveMoto.fixture()
        let client = try moto.client()
        _ = await LiveSource(client: client).read(scope: Scope())
        let observed = Set(client.counter.snapshot().callsByOperation.keys.map { key -> String in
            let parts = key.split(separator: " ").map(String.init)
            guard parts.count == 2, let service = AWSService(rawValue: parts[0]) else { return key }
            return LiveAuditActions.action(service, parts[1])
        })
        let listed = Set(LiveAuditActions.all)
        XCTAssertEqual(observed.subtracting(listed).sorted(), [], "called but missing from LiveAuditActions.all")
        XCTAssertEqual(listed.subtracting(observed).sorted(), [], "listed but never called (the fixture runs a task)")
        XCTAssertEqual(LiveAuditActions.all, LiveAuditActions.all.sorted())
        XCTAssertTrue(LiveAuditActions.conditional.isSubset(of: listed))
        for action in LiveAuditActions.all {
            let name = action.split(separator: ":").last.map(String.init) ?? ""
            XCTAssertTrue(ReadOnlyGuard.isReadOnly(name), "\(action) is not read-only")
        }
    }

    func testPolicyDocumentIsValidJSONWithExactlyTheActions() throws {
        let data = Data(LiveAuditActions.policyDocument().utf8)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let statements = try XCTUnwrap(object["Statement"] as? [[String: Any]])
        XCTAssertEqual(statements.count, 1)
        XCTAssertEqual(statements.first?["Action"] as? [String], LiveAuditActions.all)
        XCTAssertEqual(statements.first?["Effect"] as? String, "Allow")
    }

    func testDeniedAndFailedCallsAreRecordedAndTheRestIsStillRead() async throws {
        let moto = try LiveMoto.fixture()
        let base = try moto.client()
        let transport = LiveDenyingTransport(
            inner: base.configuration.transport, denied: ["DescribeDBInstances", "ListServices", "GetRole"],
            broken: ["DescribeVpcs"])
        let client = try moto.client(transport: transport)
        let inventory = await LiveSource(client: client).read(scope: LiveSourceTests.guideScope)
        XCTAssertFalse(inventory.isComplete)
        let byOperation = Dictionary(inventory.coverage.map { ("\($0.service) \($0.operation)", $0) },
                                     uniquingKeysWith: { first, _ in first })
        let rds = try XCTUnwrap(byOperation["rds DescribeDBInstances"])
        XCTAssertEqual(rds.status, .denied)
        XCTAssertTrue(rds.detail?.hasPrefix("AccessDenied: not authorized to perform DescribeDBInstances") == true, rds.detail ?? "")
        let services = try XCTUnwrap(byOperation["ecs ListServices"])
        XCTAssertEqual(services.status, .denied)
        XCTAssertTrue(services.detail?.contains("AccessDeniedException") == true, services.detail ?? "")
        XCTAssertEqual(byOperation["iam GetRole"]?.status, .denied)
        let vpcs = try XCTUnwrap(byOperation["ec2 DescribeVpcs"])
        XCTAssertEqual(vpcs.status, .failed)
        XCTAssertTrue(vpcs.detail?.contains("InvalidParameterValue") == true, vpcs.detail ?? "")
        XCTAssertEqual(byOperation["elbv2 DescribeLoadBalancers"]?.status, .ok)
        // What could be read still is.
        XCTAssertTrue(inventory.dbInstances.isEmpty)
        XCTAssertTrue(inventory.services.isEmpty)
        XCTAssertTrue(inventory.roles.isEmpty)
        XCTAssertEqual(inventory.clusters.map(\.name), ["hydrous-cluster"])
        XCTAssertEqual(inventory.loadBalancers.map(\.name), ["hydrous-alb"])
        XCTAssertEqual(inventory.cacheClusters.map(\.id), ["hydrous-redis"])
        XCTAssertFalse(inventory.taskDefinitions.isEmpty, "tagged or not, the family's latest revision is read")
        // Denied operations are never retried into oblivion nor thrown.
        XCTAssertTrue(transport.operations.contains("DescribeDBInstances"))
    }

    func testADeniedDescribeRulesLeavesTheAuditIncomplete() async throws {
        let moto = try LiveMoto.fixture()
        let base = try moto.client()
        let transport = LiveDenyingTransport(inner: base.configuration.transport, denied: ["DescribeRules"])
        let inventory = await LiveSource(client: try moto.client(transport: transport)).read(scope: LiveSourceTests.guideScope)
        XCTAssertFalse(inventory.isComplete, "listener rules that could not be read may hide plain HTTP")
        let failures = inventory.coverage.filter { $0.status != .ok }
        XCTAssertEqual(failures.map { "\($0.service) \($0.operation) \($0.status)" }, ["elbv2 DescribeRules denied"])
        XCTAssertTrue(failures.first?.detail?.contains("AccessDenied") == true, failures.first?.detail ?? "")
        XCTAssertEqual(inventory.listeners.map(\.port), [80], "the listener itself is still read")
        XCTAssertTrue(transport.operations.contains("DescribeRules"))
    }

    func testCoverageCountsEveryCallOfAnOperation() async throws {
        let moto = try LiveMoto.fixture()
        let inventory = await LiveSource(client: try moto.client()).read(scope: Scope())
        let describe = try XCTUnwrap(inventory.coverage.first { $0.operation == "DescribeTaskDefinition" })
        XCTAssertEqual(describe.status, .ok)
        let families = Set(inventory.taskDefinitions.map(\.family))
        XCTAssertGreaterThanOrEqual(families.count, 3)
        XCTAssertEqual(describe.detail, "\(inventory.taskDefinitions.count) calls", "each revision described once")
        XCTAssertEqual(inventory.coverage, inventory.coverage.sorted {
            ($0.service, $0.operation) < ($1.service, $1.operation)
        })
    }

    func testTaskDefinitionsCostOneDescribeEachAndNoListCallPerFamily() async throws {
        let moto = try LiveMoto.fixture()
        let client = try moto.client()
        let inventory = await LiveSource(client: client).read(scope: Scope())
        let calls = client.counter.snapshot().callsByOperation
        XCTAssertNil(calls["ecs ListTaskDefinitions"], "a bare family names its newest ACTIVE revision: no list call per family")
        XCTAssertEqual(calls["ecs ListTaskDefinitionFamilies"], 1, "one page of families")
        XCTAssertEqual(calls["ecs DescribeTaskDefinition"], inventory.taskDefinitions.count, "one describe per revision read")
    }

    /// Deregistered revisions (moto patched to answer as AWS does): the newest
    /// ACTIVE revision is read, not the newest registered; a family in use whose
    /// revisions are all INACTIVE is no failure; one describe per revision read.
    func testNewestActiveRevisionsAndRetiredFamiliesInUse() async throws {
        let moto = try LiveMoto.fixture()
        _ = try Self.revisionsFixture(moto)
        let client = try Self.client(moto, region: Self.revisionsRegion)
        let everything = await LiveSource(client: client).read(scope: Scope())
        XCTAssertTrue(everything.isComplete, "\(everything.coverage.filter { $0.status != .ok })")
        XCTAssertEqual(everything.taskDefinitions.map(\.familyRevision), ["retired:1", "rolling:1", "rolling:2", "unused:1"])
        XCTAssertEqual(everything.taskDefinitions.first { $0.family == "retired" }?.status, "INACTIVE")
        var calls = client.counter.snapshot().callsByOperation
        XCTAssertEqual(calls["ecs DescribeTaskDefinition"], 4, "rolling, unused by family; rolling:1 and retired:1 in use")
        XCTAssertNil(calls["ecs ListTaskDefinitions"])

        let scopedClient = try Self.client(moto, region: Self.revisionsRegion)
        let scoped = await LiveSource(client: scopedClient).read(scope: Scope(clusters: ["revisions"]))
        XCTAssertTrue(scoped.isComplete, "\(scoped.coverage.filter { $0.status != .ok })")
        XCTAssertEqual(scoped.taskDefinitions.map(\.familyRevision), ["retired:1", "rolling:1", "rolling:2"])
        calls = scopedClient.counter.snapshot().callsByOperation
        XCTAssertEqual(calls["ecs DescribeTaskDefinition"], 4, "rolling and retired by family (retired has none ACTIVE), then the two in use")
        XCTAssertNil(calls["ecs ListTaskDefinitionFamilies"])
    }

    static let revisionsRegion = "eu-west-1"
    private static let revisions = Mutex<Result<String, LiveHarnessError>?>(nil)

    /// Once per process, in a region of its own on the shared emulator: family
    /// `rolling` (3 revisions, :3 deregistered, a service on :1), `retired`
    /// (its only revision deregistered, a service still on it), `unused`.
    static func revisionsFixture(_ moto: LiveMoto) throws -> String {
        try LiveHarnessError.once(revisions) {
            let script = """
                import sys, boto3
                ecs = boto3.client("ecs", endpoint_url=sys.argv[1], region_name=sys.argv[2],
                                   aws_access_key_id="testing", aws_secret_access_key="testing")
                containers = [{"name": "app", "image": "nginx:1.27", "memory": 128}]
                for family in ["rolling", "rolling", "rolling", "retired", "unused"]:
                    ecs.register_task_definition(family=family, containerDefinitions=containers)
                ecs.create_cluster(clusterName="revisions")
                ecs.create_service(cluster="revisions", serviceName="on-old", taskDefinition="rolling:1", desiredCount=1)
                ecs.create_service(cluster="revisions", serviceName="on-retired", taskDefinition="retired:1", desiredCount=1)
                ecs.deregister_task_definition(taskDefinition="rolling:3")
                ecs.deregister_task_definition(taskDefinition="retired:1")
                """
            _ = try LiveMoto.run(["python3", "-c", script, moto.endpoint, revisionsRegion])
            return moto.endpoint
        }
    }

    /// A client of the emulator in `region`.
    static func client(_ moto: LiveMoto, region: String) throws -> AWSClient {
        let environment = AWSEnvironment(
            variables: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": region],
            homeDirectory: LiveMoto.stateDir)
        return AWSClient(configuration: try AWSClientConfiguration.standard(endpointURL: moto.endpoint, environment: environment))
    }

    func testTwoReadsGiveTheSameSnapshotBytes() async throws {
        let moto = try LiveMoto.fixture()
        let first = await LiveSource(client: try moto.client(), maxInFlight: 8).read(scope: LiveSourceTests.guideScope)
        let second = await LiveSource(client: try moto.client(), maxInFlight: 1).read(scope: LiveSourceTests.guideScope)
        let (one, two) = (try first.encodedSnapshot(), try second.encodedSnapshot())
        guard one != two else { return }
        // Name the first line that differs: the sizes alone say nothing.
        let lines = (String(decoding: one, as: UTF8.self).split(separator: "\n"), String(decoding: two, as: UTF8.self).split(separator: "\n"))
        let index = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(lines.0.count, lines.1.count)
        let around = { (side: [Substring]) in side[max(0, index - 3)..<min(side.count, index + 3)].joined(separator: "\n") }
        XCTFail("the two reads differ from line \(index + 1):\n\(around(lines.0))\n--- vs ---\n\(around(lines.1))")
    }
}
