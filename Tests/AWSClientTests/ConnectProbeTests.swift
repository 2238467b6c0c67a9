import Foundation
import Synchronization
import XCTest

@testable import AWSClient
import TestSupport

final class ConnectProbeTests: XCTestCase {
    func testAListeningPortConnects() async throws {
        let server = try StubHTTPServer { _ in .init() }
        defer { server.stop() }
        let outcome = await ConnectProbe.probe(host: "127.0.0.1", port: server.port, timeout: 5)
        XCTAssertEqual(outcome, .connected)
        let named = await ConnectProbe.probe(host: "localhost", port: server.port, timeout: 5)
        XCTAssertEqual(named, .connected, "a name is resolved and each of its addresses tried")
    }

    func testAClosedPortIsRefused() async throws {
        let server = try StubHTTPServer { _ in .init() }
        let port = server.port
        server.stop()
        let outcome = await ConnectProbe.probe(host: "127.0.0.1", port: port, timeout: 5)
        XCTAssertEqual(outcome, .refused(reason: "connection refused"))
    }

    func testAPortThatDropsConnectionsTimesOut() async throws {
        let listener = try FullBacklogListener()
        defer { listener.close() }
        let outcome = await ConnectProbe.probe(host: "127.0.0.1", port: listener.port, timeout: 0.3)
        XCTAssertEqual(outcome, .timedOut, "port \(listener.port), \(listener.queued) connections queued")
    }

    /// A name with several addresses: one that drops packets gets its share of the deadline, not all of it.
    func testEachAddressGetsAShareOfTheTimeLeft() {
        var budgets: [TimeInterval] = []
        let deadline = Date().addingTimeInterval(6)
        let outcome = ConnectProbe.firstConnected(count: 3, deadline: deadline) { index, seconds in
            budgets.append(seconds)
            return index == 0 ? .timedOut : index == 1 ? .refused(reason: "connection refused") : .connected
        }
        XCTAssertEqual(outcome, .connected)
        XCTAssertEqual(budgets.count, 3)
        XCTAssertEqual(budgets[0], 2, accuracy: 0.5, "a third of 6 s: \(budgets)")
        XCTAssertEqual(budgets[1], 3, accuracy: 0.5, "half of what is left (no time was spent): \(budgets)")
        let none = ConnectProbe.firstConnected(count: 2, deadline: deadline) { index, _ in
            index == 0 ? .timedOut : .refused(reason: "connection refused")
        }
        XCTAssertEqual(none, .timedOut, "an address that dropped packets makes the outcome a timeout")
        let refused = ConnectProbe.firstConnected(count: 2, deadline: deadline) { _, _ in .refused(reason: "connection refused") }
        XCTAssertEqual(refused, .refused(reason: "connection refused"))
    }

    func testCallersArrivingDuringAProbeShareItAndAConnectedHostIsRemembered() async throws {
        let calls = Mutex(0)
        let hosts = ReachableHosts { _, _, _ in
            calls.withLock { $0 += 1 }
            try? await Task.sleep(nanoseconds: 50_000_000)
            return .connected
        }
        let outcomes = await withTaskGroup(of: ConnectProbe.Outcome.self) { group in
            for _ in 0..<20 { group.addTask { await hosts.check(host: "ECS.example", port: 443, timeout: 1) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(outcomes, Array(repeating: .connected, count: 20))
        XCTAssertEqual(calls.withLock { $0 }, 1, "one probe for twenty callers")
        _ = await hosts.check(host: "ecs.example", port: 443, timeout: 1)
        XCTAssertEqual(calls.withLock { $0 }, 1, "a connected host is not probed again (names compare case-insensitively)")
        _ = await hosts.check(host: "ecs.example", port: 8443, timeout: 1)
        XCTAssertEqual(calls.withLock { $0 }, 2, "another port is another place")
        await hosts.forget(host: "ecs.example", port: 443)
        _ = await hosts.check(host: "ecs.example", port: 443, timeout: 1)
        XCTAssertEqual(calls.withLock { $0 }, 3, "a forgotten host is probed again")
    }

    /// Callers go on in the order they arrived, the first (who started the
    /// probe) first. The callers' tasks run on one serial executor, so the
    /// order they record is the order the probe's end woke them in.
    func testCallersWaitingOnOneProbeGoOnInTheOrderTheyArrived() async {
        let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let hosts = ReachableHosts { _, _, _ in
            await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } }
            return .connected
        }
        let executor = SerialTaskExecutor()
        let order = Mutex<[Int]>([])
        var callers: [Task<Void, Never>] = []
        for caller in 0..<6 {
            callers.append(Task(executorPreference: executor) { @Sendable in
                _ = await hosts.check(host: "ecs.example", port: 443, timeout: 1)
                order.withLock { $0.append(caller) }
            })
            // The next caller arrives only once this one waits.
            while await hosts.queued(host: "ecs.example", port: 443) != caller + 1 { await Task.yield() }
        }
        while gate.withLock({ $0 == nil }) { await Task.yield() }
        gate.withLock { $0?.resume() }
        for caller in callers { await caller.value }
        XCTAssertEqual(order.withLock { $0 }, Array(0..<6))
        let queued = await hosts.queued(host: "ecs.example", port: 443)
        XCTAssertNil(queued, "no probe is left under way")
    }

    func testAFailedProbeIsNotRemembered() async {
        let calls = Mutex(0)
        let hosts = ReachableHosts { _, _, timeout in
            calls.withLock { $0 += 1 }
            XCTAssertEqual(timeout, 2)
            return .timedOut
        }
        for _ in 0..<3 {
            let outcome = await hosts.check(host: "rds.example", port: 443, timeout: 2)
            XCTAssertEqual(outcome, .timedOut)
        }
        XCTAssertEqual(calls.withLock { $0 }, 3)
    }

    /// The transport probes a host before its first exchange, not before each
    /// one, and again after an exchange that got no answer.
    func testTheTransportProbesOnceAndAgainAfterAnExchangeFailsWithoutAnAnswer() async throws {
        let probed = Mutex<[String]>([])
        let hosts = ReachableHosts { host, port, _ in
            probed.withLock { $0.append("\(host):\(port)") }
            return await ConnectProbe.probe(host: host, port: port, timeout: 5)
        }
        let server = try StubHTTPServer { _ in .init(body: "ok") }
        let transport = URLSessionTransport(
            connectTimeout: 5, requestTimeout: 5, maxConnectionsPerHost: 2, variables: [:], reachable: hosts)
        let request = AWSHTTPRequest(method: "POST", scheme: "http", host: "127.0.0.1", port: server.port, body: Array("{}".utf8))
        for _ in 0..<3 {
            let response = try await transport.send(request)
            XCTAssertEqual(response.bodyText, "ok")
        }
        XCTAssertEqual(probed.withLock { $0 }, ["127.0.0.1:\(server.port)"])
        server.stop()
        for _ in 0..<2 {
            do {
                _ = try await transport.send(request)
                XCTFail("the server is gone")
            } catch let error as AWSClientError {
                XCTAssertTrue(error.isRetryable, "\(error)")
            }
        }
        XCTAssertEqual(probed.withLock { $0.count }, 2, "the failed exchange made the next send probe again: \(probed.withLock { $0 })")
    }

    func testAProxyIsProbedInsteadOfTheHostItReaches() async throws {
        let probed = Mutex<[String]>([])
        let hosts = ReachableHosts { host, port, _ in
            probed.withLock { $0.append("\(host):\(port)") }
            return .timedOut
        }
        let transport = URLSessionTransport(
            connectTimeout: 2, requestTimeout: 5, maxConnectionsPerHost: 2, variables: [:], reachable: hosts)
        let previous = getenv("HTTPS_PROXY").map { String(cString: $0) }
        setenv("HTTPS_PROXY", "http://proxy.corp.example:3128", 1)
        defer { if let previous { setenv("HTTPS_PROXY", previous, 1) } else { unsetenv("HTTPS_PROXY") } }
        do {
            _ = try await transport.send(AWSHTTPRequest(method: "POST", host: "ecs.us-east-1.amazonaws.com", body: Array("{}".utf8)))
            XCTFail("the probe said the proxy drops packets")
        } catch let AWSClientError.networkFailure(host, reason, isTimeout) {
            XCTAssertEqual(host, "ecs.us-east-1.amazonaws.com")
            XCTAssertTrue(isTimeout)
            XCTAssertTrue(reason.contains("the proxy proxy.corp.example:3128 within 2 s"), reason)
        }
        XCTAssertEqual(probed.withLock { $0 }, ["proxy.corp.example:3128"])
    }
}

/// Runs every job on one dispatch queue, one after another, in the order enqueued.
final class SerialTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "SerialTaskExecutor")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
