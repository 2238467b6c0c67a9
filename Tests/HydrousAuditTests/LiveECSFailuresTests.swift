import AWSClient
import Foundation
@testable import HydrousAudit
import Inventory
import XCTest

/// A transport that forwards to the emulator and rewrites the JSON answers of one operation.
final class LiveRewritingTransport: HTTPTransport {
    let inner: any HTTPTransport
    let operation: String
    let rewrite: @Sendable (inout [String: Any]) -> Void

    init(inner: any HTTPTransport, operation: String, rewrite: @escaping @Sendable (inout [String: Any]) -> Void) {
        self.inner = inner
        self.operation = operation
        self.rewrite = rewrite
    }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        var response = try await inner.send(request)
        guard response.status == 200, LiveDenyingTransport.operation(of: request) == operation,
              var object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else { return response }
        rewrite(&object)
        response.body = Array(try JSONSerialization.data(withJSONObject: object))
        return response
    }

    /// Moves the first item of `list` into `failures` with `reason` (nil: drops it without a word).
    static func failingFirst(of list: String, arnKey: String, reason: String?) -> @Sendable (inout [String: Any]) -> Void {
        { object in
            guard var items = object[list] as? [[String: Any]], let first = items.first else { return }
            items.removeFirst()
            object[list] = items
            if let reason {
                var failures = object["failures"] as? [[String: Any]] ?? []
                failures.append(["arn": first[arnKey] as? String ?? "", "reason": reason])
                object["failures"] = failures
            }
        }
    }
}

/// ECS describe calls answer 200 and list what they could not describe in
/// `failures`: each such resource is missing from the audit and must say so
/// in coverage (exit 3), except one deleted between the list and the describe.
final class LiveECSFailuresTests: XCTestCase {
    func testAClusterNamedByTheScopeThatDoesNotExistIsReported() async throws {
        let moto = try LiveMoto.fixture()
        let clean = await LiveSource(client: try moto.client()).read(scope: Scope())
        let existing = try XCTUnwrap(clean.clusters.first?.name)
        let inventory = await LiveSource(client: try moto.client()).read(scope: Scope(clusters: [existing, "no-such-cluster"]))
        XCTAssertFalse(inventory.isComplete)
        let clusters = try XCTUnwrap(inventory.coverage.first { $0.operation == "DescribeClusters" })
        XCTAssertEqual(clusters.status, .failed)
        let detail = clusters.detail ?? ""
        XCTAssertTrue(detail.contains("could not describe cluster"), detail)
        XCTAssertTrue(detail.contains("no-such-cluster: MISSING"), detail)
        XCTAssertTrue(detail.contains("check the name"), detail)
        XCTAssertEqual(inventory.clusters.map(\.name), [existing], "the cluster that exists is still read")
        XCTAssertEqual(inventory.services.map(\.arn), clean.services.filter { $0.clusterArn == clean.clusters.first?.arn }.map(\.arn))
    }

    func testAServiceECSCouldNotDescribeIsReportedAndTheRestIsRead() async throws {
        let moto = try LiveMoto.fixture()
        let clean = await LiveSource(client: try moto.client()).read(scope: Scope())
        XCTAssertFalse(clean.services.isEmpty)
        let transport = LiveRewritingTransport(
            inner: try moto.client().configuration.transport, operation: "DescribeServices",
            rewrite: LiveRewritingTransport.failingFirst(of: "services", arnKey: "serviceArn", reason: "INTERNAL_FAILURE"))
        let inventory = await LiveSource(client: try moto.client(transport: transport)).read(scope: Scope())
        XCTAssertFalse(inventory.isComplete)
        let services = try XCTUnwrap(inventory.coverage.first { $0.operation == "DescribeServices" })
        XCTAssertEqual(services.status, .failed)
        XCTAssertTrue(services.detail?.contains("could not describe service arn:aws:ecs:") == true, services.detail ?? "")
        XCTAssertTrue(services.detail?.contains(": INTERNAL_FAILURE; that service is not in the audit: rerun it") == true,
                      services.detail ?? "")
        XCTAssertLessThan(inventory.services.count, clean.services.count)
        XCTAssertEqual(inventory.coverage.filter { $0.status != .ok }.map(\.operation), ["DescribeServices"])
        XCTAssertEqual(inventory.loadBalancers, clean.loadBalancers)
    }

    func testAServiceDeletedBetweenTheListAndTheDescribeIsNotAFailure() async throws {
        let moto = try LiveMoto.fixture()
        let clean = await LiveSource(client: try moto.client()).read(scope: Scope())
        let transport = LiveRewritingTransport(
            inner: try moto.client().configuration.transport, operation: "DescribeServices",
            rewrite: LiveRewritingTransport.failingFirst(of: "services", arnKey: "serviceArn", reason: "MISSING"))
        let inventory = await LiveSource(client: try moto.client(transport: transport)).read(scope: Scope())
        XCTAssertTrue(inventory.isComplete, "\(inventory.coverage.filter { $0.status != .ok })")
        XCTAssertLessThan(inventory.services.count, clean.services.count, "the deleted service is gone")
    }

    func testAnAnswerThatLeavesAskedServicesUnaccountedForIsReported() async throws {
        let moto = try LiveMoto.fixture()
        let transport = LiveRewritingTransport(
            inner: try moto.client().configuration.transport, operation: "DescribeServices",
            rewrite: LiveRewritingTransport.failingFirst(of: "services", arnKey: "serviceArn", reason: nil))
        let inventory = await LiveSource(client: try moto.client(transport: transport)).read(scope: Scope())
        XCTAssertFalse(inventory.isComplete)
        let services = try XCTUnwrap(inventory.coverage.first { $0.operation == "DescribeServices" })
        XCTAssertEqual(services.status, .failed)
        XCTAssertTrue(services.detail?.range(of: #"was asked for (\d+) services and answered for \d+: the others are not in the audit"#,
                                             options: .regularExpression) != nil, services.detail ?? "")
    }
}
