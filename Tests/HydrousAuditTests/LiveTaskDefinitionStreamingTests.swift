import AWSClient
import Foundation
@testable import HydrousAudit
import Inventory
import Synchronization
import XCTest

/// Answers ECS's task-definition reads from a script: two pages of families,
/// and a describe for any family. The second page is held back until a
/// describe has arrived (or `patience` runs out), so a reader that waits for
/// every page before describing is caught, not merely slower.
private final class FamilyPagesTransport: HTTPTransport {
    let secondPage: (status: Int, text: String)
    let patience: TimeInterval
    private let state = Mutex((describes: [String](), describedBeforeSecondPage: false))

    init(secondPage: (status: Int, text: String), patience: TimeInterval = 10) {
        self.secondPage = secondPage
        self.patience = patience
    }

    var describes: [String] { state.withLock { $0.describes } }
    var describedBeforeSecondPage: Bool { state.withLock { $0.describedBeforeSecondPage } }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        switch LiveDenyingTransport.operation(of: request) {
        case "ListTaskDefinitionFamilies" where body["nextToken"] == nil:
            return Self.json(200, #"{"families": ["alpha", "bravo"], "nextToken": "page-2"}"#)
        case "ListTaskDefinitionFamilies":
            let deadline = Date().addingTimeInterval(patience)
            while describes.isEmpty, Date() < deadline { try await Task.sleep(nanoseconds: 1_000_000) }
            state.withLock { $0.describedBeforeSecondPage = !$0.describes.isEmpty }
            return Self.json(secondPage.status, secondPage.text)
        case "DescribeTaskDefinition":
            let family = body["taskDefinition"] as? String ?? "?"
            state.withLock { $0.describes.append(family) }
            return Self.json(200, """
                {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/\(family):3",
                 "family": "\(family)", "revision": 3, "containerDefinitions": [{"name": "app", "image": "nginx"}]}}
                """)
        default:
            return Self.json(400, #"{"__type": "InvalidParameterException", "message": "not scripted"}"#)
        }
    }

    static func json(_ status: Int, _ text: String) -> AWSHTTPResponse {
        AWSHTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.1")], text: text)
    }
}

/// `ECSTaskDefinitionReader.newestOfActiveFamilies` describes each page's
/// families while the next page is read.
final class LiveTaskDefinitionStreamingTests: XCTestCase {
    private func read(
        _ transport: FamilyPagesTransport
    ) async -> (definitions: [TaskDefinition], coverage: [CoverageEntry]) {
        let client = AWSClient(configuration: AWSClientConfiguration(
            region: "us-east-1",
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example")),
            transport: transport, rateLimit: nil))
        let coverage = LiveCoverageRecorder()
        let calls = LiveCalls(client: client, coverage: coverage, limit: 8)
        let definitions = await ECSTaskDefinitionReader(calls: calls).newestOfActiveFamilies()
        return (definitions, coverage.entries())
    }

    func testFirstPageIsDescribedWhileTheSecondIsReadAndResultsStayInFamilyOrder() async {
        let transport = FamilyPagesTransport(secondPage: (200, #"{"families": ["alpha", "charlie"]}"#))
        let (definitions, coverage) = await read(transport)
        XCTAssertTrue(transport.describedBeforeSecondPage, "no describe left before the last page was answered")
        XCTAssertEqual(definitions.map(\.familyRevision), ["alpha:3", "bravo:3", "charlie:3"])
        // A family named on two pages is described once.
        XCTAssertEqual(transport.describes.sorted(), ["alpha", "bravo", "charlie"])
        XCTAssertEqual(coverage.first { $0.operation == "ListTaskDefinitionFamilies" }?.status, .ok)
        XCTAssertEqual(coverage.first { $0.operation == "ListTaskDefinitionFamilies" }?.detail, "2 calls")
    }

    func testFamiliesOfPagesReadBeforeAFailedPageAreStillDescribed() async {
        let denied = #"{"__type": "AccessDeniedException", "message": "not authorized to perform ListTaskDefinitionFamilies"}"#
        let transport = FamilyPagesTransport(secondPage: (400, denied))
        let (definitions, coverage) = await read(transport)
        XCTAssertEqual(definitions.map(\.family), ["alpha", "bravo"])
        let listing = coverage.first { $0.operation == "ListTaskDefinitionFamilies" }
        XCTAssertEqual(listing?.status, .denied, "the listing is incomplete, so coverage must say so")
    }

    func testArrivingMapStartsItemsAsTheyComeAndKeepsTheLimit() async {
        let client = AWSClient(configuration: AWSClientConfiguration(
            region: "us-east-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "a", secretAccessKey: "b"))))
        let calls = LiveCalls(client: client, coverage: LiveCoverageRecorder(), limit: 3)
        let gauge = Mutex((current: 0, peak: 0))
        let (items, feed) = AsyncStream.makeStream(of: Int.self)
        async let results = calls.map(arriving: items) { item -> Int in
            gauge.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) }
            await Task.yield()
            gauge.withLock { $0.current -= 1 }
            return item * 2
        }
        for item in 0..<40 {
            feed.yield(item)
            if item % 7 == 0 { await Task.yield() }
        }
        feed.finish()
        let doubled = await results
        XCTAssertEqual(doubled, (0..<40).map { $0 * 2 })
        XCTAssertLessThanOrEqual(gauge.withLock { $0.peak }, 3)
        XCTAssertEqual(gauge.withLock { $0.current }, 0)
    }
}
