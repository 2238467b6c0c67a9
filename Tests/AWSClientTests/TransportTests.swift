import Foundation
import Synchronization
import XCTest

@testable import AWSClient
import TestSupport

final class TransportTests: XCTestCase {
    func testSendsHeadersAndBodyAndReadsTheAnswer() async throws {
        let server = try StubHTTPServer { request in
            .init(status: 201, headers: ["X-Echo": request.headers["x-amz-target"] ?? ""], body: request.bodyText)
        }
        defer { server.stop() }
        let transport = URLSessionTransport(connectTimeout: 1, requestTimeout: 5)
        let request = AWSHTTPRequest(
            method: "POST", scheme: "http", host: "127.0.0.1", port: server.port, path: "/",
            headers: [HTTPHeader("X-Amz-Target", "Svc.Op"), HTTPHeader("Content-Type", "application/x-amz-json-1.1")],
            body: Array(#"{"a":1}"#.utf8))
        let response = try await transport.send(request)
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(response.header("x-echo"), "Svc.Op")
        XCTAssertEqual(response.bodyText, #"{"a":1}"#)
    }

    /// A POST sent on a reused keep-alive connection that the server closes
    /// without answering: libcurl re-sends it on a fresh connection, but
    /// swift-corelibs-foundation cannot rewind an `httpBody`, so the re-send
    /// carries no body and used to wait for the 20 s request timeout. It must
    /// fail at once and retryably, and the next attempt must go out whole.
    func testAPostOnAKeepAliveConnectionTheServerDropsFailsAtOnceAndRetryably() async throws {
        let server = try KeepAliveHTTPServer(dropRequest: 2)
        defer { server.stop() }
        let transport = URLSessionTransport(connectTimeout: 1, requestTimeout: 20)
        func post(_ body: [UInt8]) -> AWSHTTPRequest {
            AWSHTTPRequest(
                method: "POST", scheme: "http", host: "127.0.0.1", port: server.port, path: "/",
                headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.1")], body: body)
        }
        let first = try await transport.send(post(Array(#"{"first":true}"#.utf8)))
        XCTAssertEqual(first.bodyText, #"{"first":true}"#)

        // Large enough to take several reads of the body and to pass libcurl's Expect: 100-continue threshold.
        let body = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let started = ContinuousClock.now
        do {
            let answer = try await transport.send(post(body))
            XCTFail("the dropped request cannot have been answered: \(answer.status)")
        } catch let error as AWSClientError {
            guard case .networkFailure(_, _, let isTimeout) = error else { return XCTFail("\(error)") }
            XCTAssertFalse(isTimeout, "failed at once, not by the request timeout: \(error)")
            XCTAssertTrue(error.isRetryable)
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(10), "not after the 20 s request timeout")

        let again = try await transport.send(post(body))
        XCTAssertEqual(again.status, 200)
        XCTAssertTrue(again.body == body, "the next attempt carries the whole body (\(again.body.count) bytes came back)")
        let seen = server.seen
        XCTAssertEqual(seen.map(\.dropped), [false, true, false], "\(seen.map { "\($0.connection).\($0.index)" })")
        for request in seen {
            XCTAssertEqual(request.headers["content-length"], "\(request.body.count)", "framed by Content-Length")
            XCTAssertNil(request.headers["transfer-encoding"], "never chunked")
            XCTAssertNil(request.headers["expect"], "no 100-continue round trip")
        }
    }

    /// The same through the client: the dropped attempt is retried and answered, far inside the request timeout.
    func testAClientCallOnADroppedKeepAliveConnectionIsRetriedAndAnswered() async throws {
        let server = try KeepAliveHTTPServer(dropRequest: 2)
        defer { server.stop() }
        let events = Mutex<[AWSCallEvent]>([])
        let client = AWSClient(configuration: AWSClientConfiguration(
            region: "us-east-1", credentials: StaticCredentialProvider(Fixtures.credentials),
            endpoints: EndpointResolver(explicitURL: "http://127.0.0.1:\(server.port)"),
            transport: URLSessionTransport(connectTimeout: 1, requestTimeout: 20), clock: FixedClock(Fixtures.date),
            callLog: { event in events.withLock { $0.append(event) } }))
        // The server answers each request with its own body: a JSON request comes back as the JSON answer.
        let first = try await client.json(.ecs, "ListClusters", ["maxResults": 10])
        XCTAssertEqual(first["maxResults"]?.int, 10)
        let started = ContinuousClock.now
        let second = try await client.json(.ecs, "DescribeClusters", ["clusters": ["hydrous"]])
        XCTAssertEqual(second["clusters"]?[0]?.string, "hydrous")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(10), "not after the 20 s request timeout")
        XCTAssertEqual(events.withLock { $0.map(\.attempts) }, [1, 2], "the dropped attempt was retried once")
    }

    /// Foundation on Linux defaults to 6 connections per host; the collectors keep 8 calls in flight.
    ///
    /// 8 connections: answers wait until 8 requests are in flight (more than Foundation's 6 would
    /// allow). 3 connections: answers wait for a 4th that must never come, then flow (the cap holds).
    func testRequestsInFlightToOneHostFollowTheConfiguredConnectionLimit() async throws {
        let started = ContinuousClock.now
        let peak = try await peakInFlight(limit: 8, holdUntil: 8, holdSeconds: 5)
        XCTAssertEqual(peak, 8, "requests in flight at once with 8 connections per host")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(4), "the server's 5 s gate never had to give up")
        let capped = try await peakInFlight(limit: 3, holdUntil: 4, holdSeconds: 0.5)
        XCTAssertEqual(capped, 3, "requests in flight at once with 3 connections per host")
    }

    /// Sends 12 requests at once through a transport with `limit` connections; the server's peak in flight.
    private func peakInFlight(limit: Int, holdUntil: Int, holdSeconds: TimeInterval) async throws -> Int {
        let server = try KeepAliveHTTPServer(dropRequest: 0, holdUntilInFlight: holdUntil, holdSeconds: holdSeconds)
        defer { server.stop() }
        let transport = URLSessionTransport(connectTimeout: 1, requestTimeout: 20, maxConnectionsPerHost: limit)
        XCTAssertEqual(transport.maxConnectionsPerHost, limit)
        let request = AWSHTTPRequest(
            method: "POST", scheme: "http", host: "127.0.0.1", port: server.port, path: "/", body: Array("x".utf8))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<12 { group.addTask { try await transport.send(request).status } }
            for try await status in group { XCTAssertEqual(status, 200) }
        }
        XCTAssertEqual(server.seen.count, 12, "port \(server.port): \(server.seen.map { "(\($0.connection), \($0.index))" })")
        return server.peakInFlight
    }

    /// URLSession has no connect timeout of its own: the transport's probe
    /// gives a connection that never completes (a listener whose accept queue
    /// is full drops the SYNs) `connectTimeout`, not the longer request timeout,
    /// and the failure is a retryable timeout that names the place and the time.
    func testAConnectionThatNeverCompletesTimesOutAfterTheConnectTimeout() async throws {
        let listener = try FullBacklogListener()
        defer { listener.close() }
        let transport = URLSessionTransport(connectTimeout: 1, requestTimeout: 600)
        let request = AWSHTTPRequest(
            method: "POST", scheme: "http", host: "127.0.0.1", port: listener.port, path: "/", body: Array("{}".utf8))
        let started = ContinuousClock.now
        do {
            _ = try await transport.send(request)
            XCTFail("nothing accepts: expected a timeout")
        } catch let error as AWSClientError {
            guard case .networkFailure(_, let reason, let isTimeout) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(isTimeout, "\(error)")
            XCTAssertTrue(error.isRetryable)
            XCTAssertTrue(reason.contains("no connection to 127.0.0.1:\(listener.port) within 1 s"), reason)
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(300), "bounded by the 1 s connect timeout, not the 600 s request timeout")
    }

    func testRefusedConnectionIsARetryableNetworkFailure() async throws {
        let server = try StubHTTPServer { _ in .init() }
        let port = server.port
        server.stop()
        let request = AWSHTTPRequest(method: "GET", scheme: "http", host: "127.0.0.1", port: port)
        do {
            _ = try await URLSessionTransport(connectTimeout: 1, requestTimeout: 2).send(request)
            XCTFail("expected a network failure")
        } catch let error as AWSClientError {
            guard case .networkFailure = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.isRetryable)
        }
    }

    func testProxySettingsFromEnvironment() {
        let settings = ProxySettings(variables: [
            "HTTPS_PROXY": "http://proxy.corp:3128", "http_proxy": "proxy.corp:8080", "no_proxy": ".internal.corp, *.svc,10.0.0.1",
        ])
        XCTAssertEqual(settings.proxy(scheme: "https", host: "ecs.eu-west-1.amazonaws.com")?.port, 3128)
        XCTAssertEqual(settings.proxy(scheme: "http", host: "example.com")?.port, 8080)
        XCTAssertNil(settings.proxy(scheme: "https", host: "api.internal.corp"))
        XCTAssertNil(settings.proxy(scheme: "https", host: "internal.corp"))
        XCTAssertNil(settings.proxy(scheme: "https", host: "x.svc"))
        XCTAssertNil(settings.proxy(scheme: "https", host: "10.0.0.1"))
        for loopback in ["localhost", "127.0.0.1", "::1", "[::1]"] {
            XCTAssertNil(settings.proxy(scheme: "https", host: loopback), loopback)
        }
        XCTAssertNil(ProxySettings(variables: [:]).proxy(scheme: "https", host: "example.com"))
        XCTAssertNil(ProxySettings(variables: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"]).proxy(scheme: "https", host: "a.b"))
    }

    /// Runs `body` with process environment variables set (libcurl reads proxies there), then restores them.
    private func withProcessEnvironment<T>(_ values: [String: String], _ body: () async throws -> T) async rethrows -> T {
        let saved = values.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
        for (name, value) in values { setenv(name, value, 1) }
        defer {
            for (name, old) in saved {
                if let old { setenv(name, old, 1) } else { unsetenv(name) }
            }
        }
        return try await body()
    }

    func testLoopbackGoesDirectEvenWithAProxySet() async throws {
        let server = try StubHTTPServer { _ in .init(body: "direct") }
        defer { server.stop() }
        let transport = URLSessionTransport(connectTimeout: 1, requestTimeout: 5)
        // The proxy points at a closed port: using it would fail.
        let response = try await withProcessEnvironment(["http_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"]) {
            try await transport.send(AWSHTTPRequest(method: "GET", scheme: "http", host: "127.0.0.1", port: server.port, path: "/x"))
        }
        XCTAssertEqual(response.bodyText, "direct")
        XCTAssertEqual(server.requests.first?.target, "/x")
    }

    func testProxyFromTheEnvironmentIsUsedExceptForNoProxyHosts() async throws {
        let proxy = try StubHTTPServer { request in .init(body: "via proxy \(request.target)") }
        defer { proxy.stop() }
        let transport = URLSessionTransport(connectTimeout: 1, requestTimeout: 5)
        let proxied = try await withProcessEnvironment(["http_proxy": proxy.baseURL]) {
            try await transport.send(AWSHTTPRequest(method: "GET", scheme: "http", host: "service.example.invalid", path: "/ping"))
        }
        XCTAssertEqual(proxied.bodyText, "via proxy http://service.example.invalid/ping")
        let current = getenv("no_proxy").map { String(cString: $0) } ?? ""
        do {
            _ = try await withProcessEnvironment(["http_proxy": proxy.baseURL, "no_proxy": current + ",example.invalid"]) {
                try await transport.send(AWSHTTPRequest(method: "GET", scheme: "http", host: "direct.example.invalid", path: "/"))
            }
            XCTFail("a NO_PROXY host must be resolved directly (and .invalid does not resolve)")
        } catch AWSClientError.networkFailure {}
        XCTAssertEqual(proxy.requests.count, 1)
    }
}
