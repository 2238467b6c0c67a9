import Foundation
import XCTest

@testable import AWSClient

final class RetryAndGuardTests: XCTestCase {
    private let ok = Fixtures.xml(200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
    private let throttle = Fixtures.xml(400, "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>")

    private func policy(_ sleeper: SleepRecorder, attempts: Int = 5, budget: TimeInterval = 60, random: Double = 0.5) -> RetryPolicy {
        RetryPolicy(maxAttempts: attempts, totalBudget: budget, random: { random }, sleep: sleeper.sleep)
    }

    func testThrottledTwiceThenSuccessMakesThreeCalls() async throws {
        let transport = FakeTransport([throttle, throttle, ok])
        let sleeper = SleepRecorder()
        let client = Fixtures.client(transport, retry: policy(sleeper))
        let result = try await client.query(.sts, "GetCallerIdentity")
        XCTAssertEqual(result.text("Account"), "123")
        XCTAssertEqual(transport.sent.count, 3)
        XCTAssertEqual(sleeper.delays, [0.05, 0.1])  // full jitter: 0.5 × 100 ms × 2^(n-1)
        XCTAssertEqual(client.counter.snapshot().httpRequests, 3)
        XCTAssertEqual(client.counter.snapshot().callsByOperation, ["sts GetCallerIdentity": 1])
    }

    func testAccessDeniedIsNotRetried() async throws {
        let transport = FakeTransport([
            Fixtures.json(400, #"{"__type":"AccessDeniedException","message":"nope"}"#), ok,
        ])
        let client = Fixtures.client(transport, retry: policy(SleepRecorder()))
        do {
            _ = try await client.json(.ecs, "ListClusters")
            XCTFail("expected AccessDenied")
        } catch let error as AWSError {
            XCTAssertTrue(error.isAccessDenied)
            XCTAssertEqual(error.operation, "ListClusters")
        }
        XCTAssertEqual(transport.sent.count, 1)
    }

    func testRetryAfterIsHonoured() async throws {
        let limited = FakeTransport.Step.respond(AWSHTTPResponse(
            status: 429, headers: [HTTPHeader("Retry-After", "3")], text: #"{"__type":"TooManyRequestsException"}"#))
        let transport = FakeTransport([limited, Fixtures.json(200, #"{"clusterArns":[]}"#)])
        let sleeper = SleepRecorder()
        let client = Fixtures.client(transport, retry: policy(sleeper))
        let answer = try await client.json(.ecs, "ListClusters")
        XCTAssertEqual(answer["clusterArns"]?.array, [])
        XCTAssertEqual(sleeper.delays, [3])
    }

    func testBudgetExhaustedStopsWithAnError() async throws {
        let transport = FakeTransport(Array(repeating: throttle, count: 10))
        let sleeper = SleepRecorder()
        let client = Fixtures.client(transport, retry: policy(sleeper, attempts: 10, budget: 0.2, random: 1))
        do {
            _ = try await client.query(.sts, "GetCallerIdentity")
            XCTFail("expected the budget to run out")
        } catch let error as AWSClientError {
            guard case .retryBudgetExhausted(_, _, let attempts, let last) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(attempts, 2)  // slept 0.1, then 0.2 more would exceed 0.2 s
            XCTAssertTrue(last.contains("Throttling"))
        }
        XCTAssertEqual(sleeper.delays, [0.1])
    }

    func testMaxAttemptsEndsWithTheLastServiceError() async throws {
        let transport = FakeTransport(Array(repeating: throttle, count: 10))
        let client = Fixtures.client(transport, retry: policy(SleepRecorder(), attempts: 3))
        do {
            _ = try await client.query(.sts, "GetCallerIdentity")
            XCTFail("expected throttling")
        } catch let error as AWSError {
            XCTAssertTrue(error.isThrottling)
        }
        XCTAssertEqual(transport.sent.count, 3)
    }

    func testDroppedConnectionsAndTimeoutsAreRetried() async throws {
        let transport = FakeTransport([
            .fail(.networkFailure(host: "x", reason: "connection reset", isTimeout: false)),
            .fail(.networkFailure(host: "x", reason: "timed out", isTimeout: true)),
            ok,
        ])
        let client = Fixtures.client(transport, retry: policy(SleepRecorder()))
        _ = try await client.query(.sts, "GetCallerIdentity")
        XCTAssertEqual(transport.sent.count, 3)
        let tls = FakeTransport([.fail(.tlsFailure(host: "x", reason: "untrusted")), ok])
        do {
            _ = try await Fixtures.client(tls, retry: policy(SleepRecorder())).query(.sts, "GetCallerIdentity")
            XCTFail("TLS failures must not be retried")
        } catch AWSClientError.tlsFailure {}
        XCTAssertEqual(tls.sent.count, 1)
    }

    func testServerErrorsAreRetried() async throws {
        for status in [500, 502, 503, 504] {
            let transport = FakeTransport([.respond(AWSHTTPResponse(status: status, text: "")), ok])
            _ = try await Fixtures.client(transport, retry: policy(SleepRecorder())).query(.sts, "GetCallerIdentity")
            XCTAssertEqual(transport.sent.count, 2, "HTTP \(status)")
        }
    }

    func testJitterStaysUnderTheCap() {
        let policy = RetryPolicy(random: { 0.999 })
        XCTAssertEqual(policy.delay(afterAttempt: 1), 0.0999, accuracy: 1e-9)
        XCTAssertLessThanOrEqual(policy.delay(afterAttempt: 20), 5)
        XCTAssertEqual(RetryPolicy(random: { 0 }).delay(afterAttempt: 3), 0)
        XCTAssertEqual(RetryPolicy.parseRetryAfter("Sun, 30 Aug 2015 12:36:10 GMT", now: Fixtures.date), 10)
    }

    func testWriteShapedOperationsAreRefusedBeforeAnyTransportCall() async throws {
        let names = [
            "CreateCluster", "DeleteService", "PutLifecyclePolicy", "UpdateService", "RegisterTaskDefinition",
            "DeregisterTaskDefinition", "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress",
            "ModifyDBInstance", "TagResource", "UntagResource", "AttachRolePolicy", "RunTask", "StartTask", "StopTask",
            "AssumeRole", "AssumeRoleWithWebIdentity", "SetLoadBalancerPoliciesOfListener", "Getaway", "List", "describeX",
            "RebootDBInstance", "ExecuteCommand",
        ]
        let transport = FakeTransport([])
        let client = Fixtures.client(transport)
        for name in names {
            do {
                _ = try await client.query(.sts, name)
                XCTFail("\(name) was not refused")
            } catch AWSClientError.writeOperationRefused(_, let operation) {
                XCTAssertEqual(operation, name)
            }
            do {
                _ = try await client.json(.ecs, name, [:])
                XCTFail("\(name) was not refused")
            } catch AWSClientError.writeOperationRefused {}
        }
        XCTAssertEqual(transport.sent.count, 0)
        for name in ["DescribeServices", "ListClusters", "GetRole", "GetCallerIdentity", "GetLifecyclePolicy"] {
            XCTAssertTrue(ReadOnlyGuard.isReadOnly(name), name)
        }
        XCTAssertNoThrow(try ReadOnlyGuard.checkCredentialExchange(.sts, "AssumeRole"))
        XCTAssertThrowsError(try ReadOnlyGuard.checkCredentialExchange(.iam, "AssumeRole"))
        XCTAssertThrowsError(try ReadOnlyGuard.checkCredentialExchange(.sts, "DecodeAuthorizationMessage"))
    }
}

final class FailureKindTests: XCTestCase {
    func testClassification() {
        let denied = AWSError(code: "AccessDeniedException", message: "", httpStatus: 400, service: "ecs", operation: "X")
        let throttled = AWSError(code: "ThrottlingException", message: "", httpStatus: 400, service: "ecs", operation: "X")
        let invalid = AWSError(code: "ValidationError", message: "", httpStatus: 400, service: "rds", operation: "X")
        XCTAssertEqual(AWSFailureKind(denied), .denied)
        XCTAssertEqual(AWSFailureKind(throttled), .throttled)
        XCTAssertEqual(AWSFailureKind(invalid), .failed)
        XCTAssertEqual(AWSFailureKind(AWSClientError.networkFailure(host: "h", reason: "r", isTimeout: true)), .unreachable)
        XCTAssertEqual(AWSFailureKind(AWSClientError.noCredentials(tried: [])), .denied)
        XCTAssertEqual(
            AWSFailureKind(AWSClientError.retryBudgetExhausted(service: "s", operation: "o", attempts: 3, lastError: "Throttling (HTTP 400)")),
            .throttled)
    }

    func testCallerIdentity() async throws {
        let transport = FakeTransport([Fixtures.xml(200, """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
            <Arn>arn:aws:iam::123456789012:user/auditor</Arn><UserId>AIDA</UserId><Account>123456789012</Account>
            </GetCallerIdentityResult></GetCallerIdentityResponse>
            """)])
        let identity = try await Fixtures.client(transport).callerIdentity()
        XCTAssertEqual(identity.account, "123456789012")
        XCTAssertEqual(identity.arn, "arn:aws:iam::123456789012:user/auditor")
    }
}
