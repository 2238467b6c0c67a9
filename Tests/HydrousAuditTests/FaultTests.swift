import Foundation
import Synchronization
import XCTest
import TestSupport

/// The live audit under faults: throttling, server errors, dropped and slow
/// answers, a call failing past the retry budget, a denied service, an
/// unreachable endpoint and rejected credentials — all against the guide's
/// deployment replayed once into moto, through `scripts/fault-proxy.py`.
final class FaultTests: XCTestCase {
    /// What the class set up once: the emulator, the proxy, the clean report.
    struct Fixture: Sendable {
        let endpoint: String
        let proxy: FaultProxy
        /// `run --format json` straight against moto, no proxy.
        let cleanReport: String
    }

    /// Rules whose finding on a non-RDS resource needs the DB instances (a
    /// group is "shared" only when RDS is seen using it): absent RDS, they are
    /// rightly not reported.
    static let rdsDependentRules: Set<String> = ["ec2_shared_security_group"]

    private static let state = Mutex<Result<Fixture, FaultHarnessError>?>(nil)
    private static let auditor = Mutex<[String: String]?>(nil)

    override class func setUp() {
        super.setUp()
        let result: Result<Fixture, FaultHarnessError>
        do {
            result = .success(try makeFixture())
        } catch let error as FaultHarnessError {
            result = .failure(error)
        } catch {
            result = .failure(FaultHarnessError(description: "\(error)"))
        }
        state.withLock { $0 = result }
    }

    override class func tearDown() {
        if case .success(let fixture)? = state.withLock({ $0 }) {
            try? FaultHarness.enforceAuthentication(fixture.endpoint, false)
            fixture.proxy.stop()
        }
        super.tearDown()
    }

    override func tearDown() {
        // Other classes share the emulator: authentication is always left off.
        if case .success(let fixture)? = Self.state.withLock({ $0 }) {
            try? FaultHarness.enforceAuthentication(fixture.endpoint, false)
        }
        super.tearDown()
    }

    private static func makeFixture() throws -> Fixture {
        let endpoint = try FaultHarness.motoEndpoint()
        try FaultHarness.enforceAuthentication(endpoint, false)
        try FaultHarness.reset(endpoint)
        try FaultHarness.run(["scripts/replay-guide.sh", endpoint])
        let proxy = try FaultProxy(upstream: endpoint)
        let clean = try CLI.run(["run", "--region", "us-east-1", "--endpoint-url", endpoint, "--format", "json"],
                                environment: FaultHarness.dummyCredentials)
        guard clean.status == 1, clean.stdout.hasPrefix("{") else {
            proxy.stop()
            throw FaultHarnessError(description: "clean run exited \(clean.status): \(clean.stderr.suffix(1500))")
        }
        return Fixture(endpoint: endpoint, proxy: proxy, cleanReport: clean.stdout)
    }

    private func fixture(file: StaticString = #filePath, line: UInt = #line) throws -> Fixture {
        switch Self.state.withLock({ $0 }) {
        case .success(let fixture)?: return fixture
        case .failure(let error)?:
            XCTFail("fault harness unavailable: \(error)", file: file, line: line)
            throw error
        case nil:
            throw FaultHarnessError(description: "class setUp did not run")
        }
    }

    // MARK: transient faults: the report must not change

    func testCleanRunThroughTheProxyIsTheSameReport() throws {
        let fixture = try fixture()
        try fixture.proxy.configure([:])
        let (result, _, _) = try FaultAudit.run(endpoint: fixture.proxy.url)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout, fixture.cleanReport, "the proxy itself must be transparent")
        let stats = try fixture.proxy.stats()
        XCTAssertEqual(stats["requests"] as? Int, stats["distinctCalls"] as? Int, "no fault, no retry")
    }

    func testThrottlingOnTheFirstTwoAttemptsOfEveryCall() throws {
        try assertSameAudit(fault: "throttle", first: 2)
    }

    func testInternalErrorsOnTheFirstTwoAttemptsOfEveryCall() throws {
        try assertSameAudit(fault: "500", first: 2)
    }

    func testServiceUnavailableOnTheFirstTwoAttemptsOfEveryCall() throws {
        try assertSameAudit(fault: "503", first: 2)
    }

    func testDroppedConnectionsOnTheFirstTwoAttemptsOfEveryCall() throws {
        // Fresh connection per request: see the keep-alive variant below.
        try assertSameAudit(fault: "drop", first: 2, extra: ["closeConnections": true])
    }

    /// Keep-alive connections (the proxy's default) closed without an answer
    /// on the first attempt of every call. On a reused connection libcurl
    /// re-sends the request without its body (Foundation cannot rewind it);
    /// the transport's `ResendWatch` turns that into an immediate, retryable
    /// failure instead of a stall until the 30 s request timeout.
    func testDroppedKeepAliveConnectionsOnTheFirstAttemptOfEveryCall() throws {
        try assertSameAudit(fault: "drop", first: 1)
    }

    func testSlowAnswersOnTheFirstAttemptOfEveryCall() throws {
        try assertSameAudit(fault: "slow", first: 1, extra: ["slowSeconds": 0.5])
    }

    /// Faults on the first `first` attempts of every call: identical report, complete, exit 1.
    private func assertSameAudit(fault: String, first: Int, extra: [String: Any] = [:],
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = try fixture(file: file, line: line)
        try fixture.proxy.configure(extra.merging(["fault": fault, "first": first]) { a, _ in a })
        let (result, seconds, report) = try FaultAudit.run(endpoint: fixture.proxy.url, file: file, line: line)
        let clean = try AuditJSON(fixture.cleanReport)
        let faulted = try XCTUnwrap(report, "no JSON report under \(fault): \(result.stderr.suffix(800))", file: file, line: line)
        XCTAssertEqual(result.status, 1, "\(fault): \(result.stderr.suffix(800))", file: file, line: line)
        XCTAssertEqual(faulted.complete, true, "\(fault): \(faulted.coverage.filter { $0["status"] as? String != "ok" })",
                       file: file, line: line)
        XCTAssertEqual(faulted.fingerprints, clean.fingerprints, "\(fault): findings changed", file: file, line: line)
        XCTAssertFalse(clean.fingerprints.isEmpty, file: file, line: line)
        XCTAssertEqual(faulted.costText, clean.costText, "\(fault): cost changed", file: file, line: line)
        XCTAssertEqual(result.stdout, fixture.cleanReport, "\(fault): the whole report should be byte-identical", file: file, line: line)
        let stats = try fixture.proxy.stats()
        let injected = (stats["faults"] as? [String: Any])?[fault] as? Int ?? 0
        let distinct = stats["distinctCalls"] as? Int ?? 0
        XCTAssertGreaterThanOrEqual(injected, distinct * (fault == "slow" ? 1 : first),
                                    "\(fault): every call must have met the fault", file: file, line: line)
        XCTAssertGreaterThan(distinct, 30, "the guide's audit makes dozens of distinct calls", file: file, line: line)
        print("FaultTests: \(fault) x\(first): \(injected) faults over \(distinct) calls, \(String(format: "%.2f", seconds)) s")
    }

    // MARK: persistent faults: exit 3, coverage says what is missing, the rest is still there

    func testACallFailingPastTheRetryBudgetIsReportedAndTheRestStillAudited() throws {
        let fixture = try fixture()
        try fixture.proxy.configure(["always": ["DescribeDBInstances": "503"]])
        let (result, seconds, report) = try FaultAudit.run(endpoint: fixture.proxy.url)
        XCTAssertEqual(result.status, 3, result.stderr)
        let faulted = try XCTUnwrap(report)
        XCTAssertEqual(faulted.complete, false)
        let rds = try XCTUnwrap(faulted.coverage("rds", "DescribeDBInstances"))
        XCTAssertEqual(rds["status"] as? String, "failed")
        XCTAssertTrue(result.stderr.contains("rds:DescribeDBInstances failed"), result.stderr)
        XCTAssertEqual(faulted.coverage.filter { $0["status"] as? String != "ok" }.count, 1, "only RDS is missing")
        let clean = try AuditJSON(fixture.cleanReport)
        let expected = Set(clean.fingerprints(excludingResourceTypePrefix: "rds", rules: Self.rdsDependentRules))
        XCTAssertEqual(clean.describe(expected.subtracting(faulted.fingerprints)), [], "every non-RDS finding is still reported")
        XCTAssertTrue(faulted.findings.allSatisfy { ($0["resource"] as? [String: Any])?["type"] as? String != "rds:db-instance" })
        let attempts = try fixture.proxy.count("rds DescribeDBInstances")
        XCTAssertGreaterThan(attempts, 1, "a 503 is retried")
        XCTAssertLessThanOrEqual(attempts, 10, "within a bounded budget")
        print("FaultTests: DescribeDBInstances always 503: \(attempts) attempts, exit 3 in \(String(format: "%.2f", seconds)) s")
    }

    func testADeniedServiceIsReportedAsDeniedAndTheRestStillAudited() throws {
        let fixture = try fixture()
        let keys = try auditorKeys(fixture.endpoint)
        try FaultHarness.enforceAuthentication(fixture.endpoint, true)
        let environment = FaultHarness.credentials(accessKey: keys["AccessKeyId", default: ""], secretKey: keys["SecretAccessKey", default: ""])
        let (result, _, report) = try FaultAudit.run(endpoint: fixture.endpoint, environment: environment)
        try FaultHarness.enforceAuthentication(fixture.endpoint, false)
        XCTAssertEqual(result.status, 3, result.stderr)
        let audited = try XCTUnwrap(report, result.stderr)
        let rds = try XCTUnwrap(audited.coverage("rds", "DescribeDBInstances"))
        XCTAssertEqual(rds["status"] as? String, "denied", "\(rds)")
        let missing = audited.coverage.filter { $0["status"] as? String != "ok" }
        XCTAssertEqual(missing.count, 1, "only the withheld action is denied: \(missing)")
        let clean = try AuditJSON(fixture.cleanReport)
        let expected = Set(clean.fingerprints(excludingResourceTypePrefix: "rds", rules: Self.rdsDependentRules))
        XCTAssertEqual(clean.describe(expected.subtracting(audited.fingerprints)), [], "the other findings are still reported")
        let headline = clean.findings.filter { ["critical", "high"].contains($0["severity"] as? String ?? "") }
            .filter { (($0["resource"] as? [String: Any])?["type"] as? String)?.hasPrefix("rds") != true }
        XCTAssertFalse(headline.isEmpty)
        XCTAssertTrue(result.stderr.contains("iam-policy"), "the message says how to fix it: \(result.stderr)")
        assertNoSecret(keys["SecretAccessKey", default: ""], in: result)
    }

    func testUnreachableEndpointEndsIncompleteWithinABound() throws {
        let url = "http://127.0.0.1:\(FaultHarness.closedPort())"
        let (result, seconds, report) = try FaultAudit.run(endpoint: url)
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertLessThan(seconds, 120, "an unreachable endpoint must not hang the audit")
        let audited = try XCTUnwrap(report, result.stderr)
        XCTAssertEqual(audited.complete, false)
        XCTAssertTrue(audited.coverage.allSatisfy { $0["status"] as? String == "failed" }, "\(audited.coverage)")
        XCTAssertTrue(result.stderr.lowercased().contains("connection refused"), result.stderr)
        print("FaultTests: unreachable endpoint: exit 3 in \(String(format: "%.2f", seconds)) s")
    }

    /// An endpoint that drops packets (a silent firewall, a private endpoint
    /// out of reach): connections neither complete nor fail. URLSession has no
    /// connect timeout; the transport's 5 s connect probe bounds each attempt,
    /// so with the default retry policy the audit ends well under a minute.
    func testAnEndpointThatDropsPacketsEndsIncompleteWithinAMinute() throws {
        let listener = try FullBacklogListener()
        defer { listener.close() }
        let (result, seconds, report) = try FaultAudit.run(endpoint: "http://127.0.0.1:\(listener.port)")
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertLessThan(seconds, 60, "an endpoint that drops packets must end the audit within a minute")
        let audited = try XCTUnwrap(report, result.stderr)
        XCTAssertEqual(audited.complete, false)
        XCTAssertFalse(audited.coverage.isEmpty)
        XCTAssertTrue(audited.coverage.allSatisfy { $0["status"] as? String == "failed" }, "\(audited.coverage)")
        XCTAssertTrue(result.stderr.contains("no connection to 127.0.0.1:\(listener.port) within 5 s"), result.stderr)
        print("FaultTests: endpoint dropping packets: exit 3 in \(String(format: "%.2f", seconds)) s")
    }

    func testAWrongSecretKeyIsNamedAsASignatureProblem() throws {
        let fixture = try fixture()
        let keys = try auditorKeys(fixture.endpoint)
        let wrongSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET"
        try FaultHarness.enforceAuthentication(fixture.endpoint, true)
        let (result, _, report) = try FaultAudit.run(
            endpoint: fixture.endpoint,
            environment: FaultHarness.credentials(accessKey: keys["AccessKeyId", default: ""], secretKey: wrongSecret))
        try FaultHarness.enforceAuthentication(fixture.endpoint, false)
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertEqual(report?.complete, false)
        XCTAssertTrue(result.stderr.contains("SignatureDoesNotMatch"), result.stderr)
        XCTAssertTrue(result.stderr.contains("signature or key problems") || result.stderr.lowercased().contains("signature"),
                      result.stderr)
        assertNoSecret(wrongSecret, in: result)
    }

    func testAnExpiredSessionTokenIsNamedAsACredentialProblem() throws {
        let fixture = try fixture()
        let secret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
        let token = "FwoGZXIvYXdzEXPIREDTOKENu1Z3pl8sQ7cJx0kfakeSESSIONtoken"
        try FaultHarness.enforceAuthentication(fixture.endpoint, true)
        let (result, _, report) = try FaultAudit.run(
            endpoint: fixture.endpoint,
            environment: FaultHarness.credentials(accessKey: "ASIAQEXPIREDEXAMPLE1", secretKey: secret, sessionToken: token))
        try FaultHarness.enforceAuthentication(fixture.endpoint, false)
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertEqual(report?.complete, false)
        XCTAssertTrue(result.stderr.contains("InvalidClientTokenId") || result.stderr.contains("ExpiredToken")
                      || result.stderr.contains("security token"), result.stderr)
        assertNoSecret(secret, in: result)
        assertNoSecret(token, in: result)
    }

    // MARK: helpers

    /// An IAM user in moto whose policy is `hydrous-audit iam-policy` minus
    /// `rds:DescribeDBInstances`; created once (authentication off), keys cached.
    private func auditorKeys(_ endpoint: String) throws -> [String: String] {
        if let keys = Self.auditor.withLock({ $0 }) { return keys }
        let policyText = try CLI.run(["iam-policy"]).stdout
        var policy = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(policyText.utf8)) as? [String: Any])
        var statements = try XCTUnwrap(policy["Statement"] as? [[String: Any]])
        let actions = try XCTUnwrap(statements.first?["Action"] as? [String])
        XCTAssertTrue(actions.contains("rds:DescribeDBInstances"))
        statements[0]["Action"] = actions.filter { $0 != "rds:DescribeDBInstances" }
        policy["Statement"] = statements
        let document = String(decoding: try JSONSerialization.data(withJSONObject: policy, options: [.sortedKeys]), as: UTF8.self)
        let aws = ["aws", "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json", "iam"]
        try FaultHarness.run(aws + ["create-user", "--user-name", "hydrous-auditor"])
        try FaultHarness.run(aws + ["put-user-policy", "--user-name", "hydrous-auditor", "--policy-name", "audit-minus-rds",
                                    "--policy-document", document])
        let created = try FaultHarness.run(aws + ["create-access-key", "--user-name", "hydrous-auditor"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(created.utf8)) as? [String: Any])
        let key = try XCTUnwrap(object["AccessKey"] as? [String: Any])
        let keys = ["AccessKeyId": key["AccessKeyId"] as? String ?? "", "SecretAccessKey": key["SecretAccessKey"] as? String ?? ""]
        Self.auditor.withLock { $0 = keys }
        return keys
    }

    private func assertNoSecret(_ secret: String, in result: CLI.Result, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(secret.isEmpty, file: file, line: line)
        XCTAssertFalse(result.stdout.contains(secret), "secret in stdout", file: file, line: line)
        XCTAssertFalse(result.stderr.contains(secret), "secret in stderr", file: file, line: line)
    }
}
