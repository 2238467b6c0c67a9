import AWSClient
import Foundation
import HydrousAudit
import Inventory
import Synchronization
import XCTest

/// A transport that forwards and records every request (operation and body).
final class RecordingTransport: HTTPTransport {
    let inner: any HTTPTransport
    private let seen = Mutex([(operation: String, body: String)]())

    init(inner: any HTTPTransport) { self.inner = inner }

    var requests: [(operation: String, body: String)] { seen.withLock { $0 } }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        let body = String(decoding: request.body, as: UTF8.self)
        let operation = LiveDenyingTransport.operation(of: request)
        seen.withLock { $0.append((operation, body)) }
        return try await inner.send(request)
    }

    /// The JSON bodies sent for `operation`.
    func jsonBodies(_ operation: String) -> [[String: Any]] {
        requests.filter { $0.operation == operation }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any]
        }
    }

    /// The form fields sent for `operation`, one dictionary per request.
    func formFields(_ operation: String) -> [[String: String]] {
        requests.filter { $0.operation == operation }.map { request in
            var fields: [String: String] = [:]
            for pair in request.body.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                fields[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return fields
        }
    }
}

/// Pagination at scale: one cluster with 120 services (120 task definition
/// families), 60 log groups, 30 load balancers with 60 listeners and 25 DB
/// instances, created in moto by scripts/scale-deployment.py once per class.
/// moto answers ECS/ECR list calls in one piece, so those are paged by
/// scripts/fault-proxy.py --paginate the way AWS pages them.
final class PaginationTests: XCTestCase {
    struct Fixture: Sendable {
        let endpoint: String
        let proxy: FaultProxy
        let counts: [String: String]
    }

    private static let state = Mutex<Result<Fixture, FaultHarnessError>?>(nil)

    override class func setUp() {
        super.setUp()
        let result: Result<Fixture, FaultHarnessError>
        do {
            let endpoint = try FaultHarness.motoEndpoint()
            try FaultHarness.enforceAuthentication(endpoint, false)
            try FaultHarness.reset(endpoint)
            let output = try FaultHarness.run([
                "scripts/scale-deployment.py", endpoint, "--clusters", "1", "--services", "120", "--log-groups", "60",
                "--load-balancers", "30", "--db-instances", "25",
            ])
            result = .success(Fixture(endpoint: endpoint, proxy: try FaultProxy(upstream: endpoint), counts: FaultHarness.keyValues(output)))
        } catch let error as FaultHarnessError {
            result = .failure(error)
        } catch {
            result = .failure(FaultHarnessError(description: "\(error)"))
        }
        state.withLock { $0 = result }
    }

    override class func tearDown() {
        if case .success(let fixture)? = state.withLock({ $0 }) { fixture.proxy.stop() }
        super.tearDown()
    }

    private func fixture(file: StaticString = #filePath, line: UInt = #line) throws -> Fixture {
        switch Self.state.withLock({ $0 }) {
        case .success(let fixture)?: return fixture
        case .failure(let error)?:
            XCTFail("pagination harness unavailable: \(error)", file: file, line: line)
            throw error
        case nil:
            throw FaultHarnessError(description: "class setUp did not run")
        }
    }

    private func client(_ endpoint: String, transport: (any HTTPTransport)? = nil) throws -> AWSClient {
        let environment = AWSEnvironment(variables: FaultHarness.dummyCredentials, homeDirectory: FaultHarness.privateStateDir)
        var configuration = try AWSClientConfiguration.standard(endpointURL: endpoint, environment: environment)
        if let transport { configuration.transport = transport }
        return AWSClient(configuration: configuration)
    }

    /// `hydrous-audit snapshot` through the proxy; the snapshot's arrays by key.
    private func snapshot(through proxy: FaultProxy, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("snapshot.json").path
        let result = try CLI.run(["snapshot", "--region", "us-east-1", "--endpoint-url", proxy.url, "--output", path],
                                 environment: FaultHarness.dummyCredentials, file: file, line: line)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], file: file, line: line)
    }

    private func count(_ snapshot: [String: Any], _ key: String) -> Int { (snapshot[key] as? [Any])?.count ?? 0 }

    func testTheLiveReadFindsEveryResourceWhenPagesAreSmall() throws {
        let fixture = try fixture()
        XCTAssertEqual(fixture.counts["SERVICES"], "120")
        try fixture.proxy.configure(["paginate": true, "pageSize": 7])
        let snapshot = try snapshot(through: fixture.proxy)
        XCTAssertEqual(count(snapshot, "clusters"), 1)
        XCTAssertEqual(count(snapshot, "services"), 120)
        XCTAssertEqual(count(snapshot, "taskDefinitions"), 120, "one family per service, each described once")
        XCTAssertEqual(count(snapshot, "logGroups"), 60)
        XCTAssertEqual(count(snapshot, "loadBalancers"), 30)
        XCTAssertEqual(count(snapshot, "listeners"), 60)
        XCTAssertEqual(count(snapshot, "targetGroups"), 30)
        XCTAssertEqual(count(snapshot, "dbInstances"), 25)
        let names = Set(((snapshot["services"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
        XCTAssertEqual(names.count, 120, "no service twice, none missing")
        // 120 items at 7 a page: 18 pages each; the batch limits hold whatever the page size.
        XCTAssertEqual(try fixture.proxy.count("ecs ListServices"), 18)
        XCTAssertEqual(try fixture.proxy.count("ecs ListTaskDefinitionFamilies"), 18)
        XCTAssertEqual(try fixture.proxy.count("ecs DescribeServices"), 12, "10 services a call")
        XCTAssertEqual(try fixture.proxy.count("elasticloadbalancing DescribeTags"), 6, "20 ARNs a call over 120 ARNs")
        XCTAssertEqual(try fixture.proxy.count("logs DescribeLogGroups"), 2, "moto pages log groups at the limit of 50")
        XCTAssertEqual(try fixture.proxy.count("ecs DescribeTaskDefinition"), 120)
    }

    func testTheCollectorsAskForTheLargestDocumentedPages() async throws {
        let fixture = try fixture()
        let recorder = RecordingTransport(inner: try client(fixture.endpoint).configuration.transport)
        let inventory = await LiveSource(client: try client(fixture.endpoint, transport: recorder)).read(scope: Scope())
        XCTAssertTrue(inventory.isComplete, "\(inventory.coverage.filter { $0.status != .ok })")
        XCTAssertEqual(inventory.services.count, 120)
        for operation in ["ListClusters", "ListServices", "ListTasks", "ListTaskDefinitionFamilies"] {
            let bodies = recorder.jsonBodies(operation)
            XCTAssertFalse(bodies.isEmpty, operation)
            XCTAssertTrue(bodies.allSatisfy { $0["maxResults"] as? Int == 100 }, "\(operation): \(bodies)")
        }
        XCTAssertTrue(recorder.jsonBodies("DescribeServices").allSatisfy { ($0["services"] as? [Any])?.count ?? 99 <= 10 })
        XCTAssertEqual(recorder.jsonBodies("DescribeServices").count, 12)
        XCTAssertTrue(recorder.jsonBodies("DescribeLogGroups").allSatisfy { $0["limit"] as? Int == 50 })
        XCTAssertEqual(recorder.jsonBodies("DescribeLogGroups").count, 2)
        for operation in ["DescribeLoadBalancers", "DescribeTargetGroups", "DescribeListeners", "DescribeRules"] {
            let forms = recorder.formFields(operation)
            XCTAssertFalse(forms.isEmpty, operation)
            XCTAssertTrue(forms.allSatisfy { $0["PageSize"] == "400" }, operation)
        }
        // One DescribeRules per HTTP listener (all 60 are HTTP), each for its own listener.
        let ruleForms = recorder.formFields("DescribeRules")
        XCTAssertEqual(ruleForms.count, 60)
        XCTAssertEqual(Set(ruleForms.compactMap { $0["ListenerArn"] }), Set(inventory.listeners.map(\.arn)))
        let ruled = inventory.listeners.filter { !$0.rules.isEmpty }
        XCTAssertEqual(ruled.map(\.port), [8080], "the first ALB's fixed-response listener has the rules")
        XCTAssertEqual(ruled.first?.rules.map(\.priority), ["1", "2", "3"], "the default rule is left out")
        XCTAssertEqual(ruled.first?.rules.first?.conditions, ["path-pattern /r1/*"])
        XCTAssertEqual(ruled.first?.rules.first?.actions.map(\.type), ["fixed-response"])
        XCTAssertTrue(recorder.formFields("DescribeTags").allSatisfy { fields in
            fields.keys.filter { $0.hasPrefix("ResourceArns.member.") }.count <= 20
        })
        for operation in ["DescribeDBInstances", "DescribeCacheClusters"] {
            let forms = recorder.formFields(operation)
            XCTAssertFalse(forms.isEmpty, operation)
            XCTAssertTrue(forms.allSatisfy { $0["MaxRecords"] == "100" }, operation)
        }
        // Through the paging proxy at the client's own maxResults: 120 services are 2 pages, not 12.
        try fixture.proxy.configure(["paginate": true])
        let snapshot = try snapshot(through: fixture.proxy)
        XCTAssertEqual(count(snapshot, "services"), 120)
        XCTAssertEqual(try fixture.proxy.count("ecs ListServices"), 2)
        XCTAssertEqual(try fixture.proxy.count("ecs ListTaskDefinitionFamilies"), 2)
    }

    func testTheEmulatorHonoursSmallPageSizesWhereItPages() async throws {
        let fixture = try fixture()
        let direct = try client(fixture.endpoint)
        let balancers = try await direct.paginateQuery(
            .elbv2, "DescribeLoadBalancers", [("PageSize", "7")], tokenParam: "Marker", tokenPath: ["NextMarker"])
        XCTAssertEqual(balancers.count, 5, "30 load balancers at 7 a page")
        XCTAssertEqual(balancers.flatMap { $0.list("LoadBalancers") }.count, 30)
        let databases = try await direct.paginateQuery(
            .rds, "DescribeDBInstances", [("MaxRecords", "20")], tokenParam: "Marker", tokenPath: ["Marker"])
        XCTAssertEqual(databases.count, 2, "25 instances at 20 a page")
        XCTAssertEqual(databases.compactMap { $0.child("DBInstances")?.children.count }.reduce(0, +), 25)
        // moto pages DescribeRules at PageSize too (50 when none is given): three rules and the default at 3 a page.
        let inventory = await LiveSource(client: direct).read(scope: Scope())
        let ruled = try XCTUnwrap(inventory.listeners.first { !$0.rules.isEmpty })
        let rules = try await direct.paginateQuery(
            .elbv2, "DescribeRules", [("ListenerArn", ruled.arn), ("PageSize", "3")], tokenParam: "Marker", tokenPath: ["NextMarker"])
        XCTAssertEqual(rules.count, 2)
        XCTAssertEqual(rules.flatMap { $0.list("Rules") }.count, 4)
        let groups = try await direct.paginateJSON(.logs, "DescribeLogGroups", ["limit": 7])
        XCTAssertEqual(groups.count, 9, "60 log groups at 7 a page")
        XCTAssertEqual(groups.compactMap { $0["logGroups"]?.array?.count }.reduce(0, +), 60)
        // moto ignores ECS maxResults; the proxy pages it as AWS does.
        let paged = try client(fixture.proxy.url)
        try fixture.proxy.configure(["paginate": true])
        let services = try await paged.paginateJSON(
            .ecs, "ListServices", ["cluster": "scale-cluster-00", "maxResults": 7])
        XCTAssertEqual(services.count, 18)
        let arns = services.flatMap { $0["serviceArns"]?.array ?? [] }.compactMap(\.string)
        XCTAssertEqual(arns.count, 120)
        XCTAssertEqual(Set(arns).count, 120)
    }
}
