import Foundation
import Synchronization
import XCTest

@testable import AWSClient

/// The client-side token buckets: deterministic, on a virtual clock, no real waits.
final class RateLimiterTests: XCTestCase {
    private let ok = Fixtures.json(200, #"{"clusters":[]}"#)
    private let stsOK = Fixtures.xml(200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
    private let throttle = Fixtures.xml(400, "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>")

    /// Checks that no window [permits[i], permits[j]] holds more than capacity + rate × its length.
    private func assertWithinQuota(
        _ permits: [Date], capacity: Double, rate: Double, file: StaticString = #filePath, line: UInt = #line
    ) {
        let sorted = permits.sorted()
        for i in sorted.indices {
            for j in i..<sorted.count {
                let allowed = capacity + rate * sorted[j].timeIntervalSince(sorted[i]) + 1e-4
                if Double(j - i + 1) > allowed {
                    return XCTFail("\(j - i + 1) requests in \(sorted[j].timeIntervalSince(sorted[i])) s > \(allowed)",
                                   file: file, line: line)
                }
            }
        }
    }

    func testNoWindowCarriesMoreThanBurstPlusRefill() async {
        let clock = VirtualClock()
        let limiter = RateLimiter(policy: RateLimitPolicy(clock: clock, sleep: clock.sleep))
        // ECS task-definition reads share one bucket of 50, refilled 20 a second.
        var permits: [Date] = []
        var seed: UInt64 = 42
        func fraction() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double((seed >> 33) % 1000) / 1000
        }
        // Bursts of up to 40 simultaneous requests (far above the 20/s refill),
        // random gaps, and now and then an idle spell that refills the bucket.
        for round in 0..<30 {
            clock.advance(round % 10 == 9 ? 5 : fraction())
            for index in 0..<Int(1 + 40 * fraction()) {
                let operation = ["DescribeTaskDefinition", "ListTaskDefinitions", "ListTaskDefinitionFamilies"][index % 3]
                let wait = await limiter.reserve(.ecs, operation)
                XCTAssertGreaterThanOrEqual(wait, 0)
                permits.append(clock.now().addingTimeInterval(wait))
            }
        }
        XCTAssertGreaterThan(permits.count, 400)
        assertWithinQuota(permits, capacity: 50, rate: 20)
        // Reservations are served in the order they were made.
        XCTAssertEqual(permits, permits.sorted())
    }

    func testWaitsInsteadOfFailingAndPacesAtTheRefillRate() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport(Array(repeating: ok, count: 60))
        let waits = Mutex<[TimeInterval]>([])
        let client = Fixtures.pacedClient(transport, clock: clock) { event in waits.withLock { $0.append(event.rateLimitWait) } }
        for _ in 0..<60 { _ = try await client.json(.ecs, "DescribeClusters", ["clusters": ["c"]]) }
        XCTAssertEqual(transport.sent.count, 60)
        XCTAssertEqual(client.counter.snapshot().failures, 0)
        // The first 50 go at once (the burst); each later one waits 1/20 s for a refilled token.
        let recorded = waits.withLock { $0 }
        XCTAssertEqual(recorded.prefix(50).filter { $0 > 0 }.count, 0)
        for wait in recorded.suffix(10) { XCTAssertEqual(wait, 0.05, accuracy: 1e-6) }
        XCTAssertEqual(clock.now().timeIntervalSince(Fixtures.date), 0.5, accuracy: 1e-6)
    }

    func testConcurrentCallersQueueInsteadOfBursting() async throws {
        // A clock that never moves and a sleep that does not advance it: every
        // caller past the burst reserves a later slot, 1/20 s apart.
        let sleeps = SleepRecorder()
        let client = AWSClient(configuration: AWSClientConfiguration(
            region: "eu-west-1", credentials: StaticCredentialProvider(Fixtures.credentials),
            transport: FakeTransport(Array(repeating: ok, count: 70)), retry: .none, clock: FixedClock(Fixtures.date),
            rateLimit: RateLimitPolicy(clock: FixedClock(Fixtures.date), sleep: sleeps.sleep)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<70 { group.addTask { _ = try await client.json(.ecs, "ListServices", ["cluster": "c"]) } }
            try await group.waitForAll()
        }
        // Service reads: a bucket of 100, so none of the 70 waits.
        XCTAssertEqual(sleeps.delays, [])
        let more = AWSClient(configuration: AWSClientConfiguration(
            region: "eu-west-1", credentials: StaticCredentialProvider(Fixtures.credentials),
            transport: FakeTransport(Array(repeating: ok, count: 60)), retry: .none, clock: FixedClock(Fixtures.date),
            rateLimit: RateLimitPolicy(clock: FixedClock(Fixtures.date), sleep: sleeps.sleep)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<60 { group.addTask { _ = try await more.json(.ecs, "DescribeTaskDefinition", ["taskDefinition": "t"]) } }
            try await group.waitForAll()
        }
        // Task-definition reads: 50 at once, then slots 0.05, 0.10, ... 0.50 s out.
        let delays = sleeps.delays.sorted()
        XCTAssertEqual(delays.count, 10)
        for (index, delay) in delays.enumerated() { XCTAssertEqual(delay, 0.05 * Double(index + 1), accuracy: 1e-6) }
    }

    func testEveryRetryTakesAToken() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport([throttle, throttle, stsOK])
        let client = Fixtures.pacedClient(
            transport, clock: clock, quotas: .perService(capacity: 1, refillPerSecond: 1))
        _ = try await client.query(.sts, "GetCallerIdentity")
        XCTAssertEqual(transport.sent.count, 3)
        // One token for the first attempt; each retry waits a second for the next.
        XCTAssertEqual(clock.slept, [1, 1])
        let tokens = await client.rateLimiter?.tokens(.sts, "GetCallerIdentity")
        XCTAssertEqual(tokens ?? .nan, 0, accuracy: 1e-6)
    }

    func testWaitingForTokensDoesNotSpendTheRetryBudget() async throws {
        let clock = VirtualClock()
        let transport = FakeTransport([stsOK, throttle, stsOK])
        let retry = RetryPolicy(maxAttempts: 3, totalBudget: 1, random: { 0 }, sleep: { _ in })
        let client = Fixtures.pacedClient(
            transport, clock: clock, quotas: .perService(capacity: 1, refillPerSecond: 0.1), retry: retry)
        _ = try await client.query(.sts, "GetCallerIdentity")
        // Queues 10 s, is throttled, queues 10 s more: still within a 1 s retry budget.
        _ = try await client.query(.sts, "GetCallerIdentity")
        XCTAssertEqual(transport.sent.count, 3)
        XCTAssertEqual(clock.slept, [10, 10])
    }

    func testServicesAndActionGroupsHaveSeparateBuckets() async {
        let limiter = RateLimiter(policy: RateLimitPolicy(clock: FixedClock(Fixtures.date)))
        for _ in 0..<50 { _ = await limiter.reserve(.ecs, "DescribeClusters") }
        // ECS cluster reads are spent: ListClusters shares their bucket ...
        let listClusters = await limiter.reserve(.ecs, "ListClusters")
        XCTAssertEqual(listClusters, 0.05, accuracy: 1e-6)
        // ... but other ECS groups and other services do not.
        for (service, operation) in [
            (AWSService.ecs, "DescribeServices"), (.ecs, "DescribeTaskDefinition"), (.ecs, "ListTasks"),
            (.elbv2, "DescribeLoadBalancers"), (.ec2, "DescribeVpcs"), (.rds, "DescribeDBInstances"),
            (.logs, "DescribeLogGroups"), (.ecr, "DescribeRepositories"), (.iam, "GetRole"), (.sts, "GetCallerIdentity"),
        ] {
            let wait = await limiter.reserve(service, operation)
            XCTAssertEqual(wait, 0, "\(service) \(operation)")
        }
        // EC2 throttles each action on its own; ELB throttles the whole API as one.
        for _ in 0..<99 { _ = await limiter.reserve(.ec2, "DescribeVpcs") }
        let nextVpcs = await limiter.reserve(.ec2, "DescribeVpcs")
        let subnets = await limiter.reserve(.ec2, "DescribeSubnets")
        XCTAssertGreaterThan(nextVpcs, 0)
        XCTAssertEqual(subnets, 0)
        for _ in 0..<39 { _ = await limiter.reserve(.elbv2, "DescribeTags") }
        let listeners = await limiter.reserve(.elbv2, "DescribeListeners")
        XCTAssertEqual(listeners, 0.1, accuracy: 1e-6)
    }

    func testIdleBucketsRefillOnlyToCapacityAndAClockSteppingBackRefillsNothing() async {
        let clock = VirtualClock()
        let limiter = RateLimiter(policy: RateLimitPolicy(quotas: .perService(capacity: 3, refillPerSecond: 1), clock: clock))
        for _ in 0..<3 { _ = await limiter.reserve(.ecr, "DescribeImages") }
        clock.advance(3600)
        let refilled = await limiter.tokens(.ecr, "DescribeImages")
        XCTAssertEqual(refilled, 3)
        for _ in 0..<3 { _ = await limiter.reserve(.ecr, "DescribeImages") }
        clock.advance(-10)
        let wait = await limiter.reserve(.ecr, "DescribeImages")
        XCTAssertEqual(wait, 1, accuracy: 1e-6)
    }

    func testPacingOffSendsAtOnce() async throws {
        let transport = FakeTransport(Array(repeating: ok, count: 80))
        let client = AWSClient(configuration: AWSClientConfiguration(
            region: "eu-west-1", credentials: StaticCredentialProvider(Fixtures.credentials), transport: transport,
            retry: .none, clock: FixedClock(Fixtures.date), rateLimit: nil))
        XCTAssertNil(client.rateLimiter)
        for _ in 0..<80 { _ = try await client.json(.ecs, "DescribeClusters") }
        XCTAssertEqual(transport.sent.count, 80)
    }

    func testCancelledWaitEndsTheCallWithoutSending() async throws {
        let transport = FakeTransport([ok, ok])
        let client = AWSClient(configuration: AWSClientConfiguration(
            region: "eu-west-1", credentials: StaticCredentialProvider(Fixtures.credentials), transport: transport,
            retry: .none, clock: FixedClock(Fixtures.date),
            rateLimit: RateLimitPolicy(
                quotas: .perService(capacity: 1, refillPerSecond: 1), clock: FixedClock(Fixtures.date), sleep: { _ in
                throw CancellationError()
            })))
        _ = try await client.json(.ecs, "ListClusters")
        do {
            _ = try await client.json(.ecs, "ListClusters")
            XCTFail("expected the cancelled wait to end the call")
        } catch is CancellationError {}
        XCTAssertEqual(transport.sent.count, 1)
    }
}
