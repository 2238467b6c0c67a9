import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// The live audit through the real binary against moto, with the guide's own
/// AWS CLI commands replayed: authentication enforced, the least-privilege
/// policy proven, snapshots round-tripped, and the weekly diff after fixes.
/// One private emulator for this class (auth is switched on and off here).
final class LiveGuideCLITests: XCTestCase {
    static let guideSecrets = ["hydrous_password", "temporalsecretkey123456789", "redis_password"]
    nonisolated(unsafe) static var endpoint: String?
    nonisolated(unsafe) static var setupError: String?
    static let stateDir = NSTemporaryDirectory() + "hydrous-cli-moto-\(getpid())"

    static var scriptEnvironment: [String: String] {
        ["MOTO_STATE_DIR": stateDir, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
         "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "AWS_PROFILE": "", "AWS_SESSION_TOKEN": ""]
    }

    override class func setUp() {
        super.setUp()
        do {
            let start = try shell(["scripts/moto.sh", "start"])
            let url = start.trimmingCharacters(in: .whitespacesAndNewlines)
            guard url.hasPrefix("http://127.0.0.1:") else { throw Failure("moto.sh start printed \(url)") }
            _ = try shell(["scripts/replay-guide.sh", url])
            endpoint = url
        } catch {
            setupError = "\(error)"
        }
    }

    override class func tearDown() {
        _ = try? shell(["scripts/moto.sh", "stop"])
        super.tearDown()
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ text: String) { description = text }
    }

    /// Runs a repository script or a PATH command with the emulator environment; throws on non-zero exit.
    @discardableResult
    static func shell(_ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        if arguments[0].contains("/") {
            process.executableURL = CLI.packageRoot.appendingPathComponent(arguments[0])
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        process.currentDirectoryURL = CLI.packageRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in scriptEnvironment { env[key] = value.isEmpty ? nil : value }
        process.environment = env
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("hydrous-shell-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure("`\(arguments.joined(separator: " "))` exited \(process.terminationStatus): \(text.suffix(1500))")
        }
        return text
    }

    func emulator() throws -> String {
        if let error = Self.setupError { XCTFail("emulator setup failed: \(error)") }
        return try XCTUnwrap(Self.endpoint, "no emulator")
    }

    func aws(_ endpoint: String, _ arguments: [String]) throws -> String {
        try Self.shell(["aws", "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "text"] + arguments)
    }

    func post(_ url: String, body: String) throws {
        var request = URLRequest(url: try XCTUnwrap(URL(string: url)))
        request.httpMethod = "POST"
        request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: Error?
        URLSession.shared.dataTask(with: request) { _, _, error in failure = error; done.signal() }.resume()
        done.wait()
        if let failure { throw failure }
    }

    func audit(_ endpoint: String, _ extra: [String], key: String = "testing", secret: String = "testing") throws -> CLI.Result {
        try CLI.run(
            ["run", "--region", "us-east-1", "--endpoint-url", endpoint, "--tag", "Project=HydrousBackend"] + extra,
            environment: ["AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": "",
                          "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
        )
    }

    func report(_ result: CLI.Result) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try XCTUnwrap(object as? [String: Any], "not a JSON object: \(result.stdout.prefix(300)) \(result.stderr.prefix(600))")
    }

    func findings(_ report: [String: Any]) -> [[String: Any]] { report["findings"] as? [[String: Any]] ?? [] }

    func fingerprints(_ report: [String: Any]) -> [String] {
        findings(report).compactMap { $0["fingerprint"] as? String }.sorted()
    }

    /// The least-privilege user: SigV4 verified and IAM enforced by moto.
    func test1_AuditorWithOnlyTheIAMPolicyRunsCompleteUnderEnforcedAuth() throws {
        let url = try emulator()
        let policy = try CLI.run(["iam-policy"])
        XCTAssertEqual(policy.status, 0, policy.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(policy.stdout.utf8)) as? [String: Any])
        let statements = try XCTUnwrap(document["Statement"] as? [[String: Any]])
        let actions = statements.flatMap { $0["Action"] as? [String] ?? [] }
        XCTAssertFalse(actions.isEmpty)
        XCTAssertTrue(actions.allSatisfy { !$0.contains("*") }, "no wildcard actions: \(actions)")
        XCTAssertTrue(actions.allSatisfy { action in
            let name = action.split(separator: ":").last.map(String.init) ?? ""
            return name.hasPrefix("Describe") || name.hasPrefix("List") || name.hasPrefix("Get")
        }, "read-only actions only: \(actions)")
        let policyFile = try CLI.temporaryDirectory().appendingPathComponent("policy.json")
        try Data(policy.stdout.utf8).write(to: policyFile)
        let user = try EmulatorIAMUser.create("hydrous-auditor", policy: "file://\(policyFile.path)") { try aws(url, $0) }
        let (key, secret) = (user.key, user.secret)

        try post(url + "/moto-api/reset-auth", body: "0")
        defer { try? post(url + "/moto-api/reset-auth", body: "1000000000") }

        let result = try audit(url, ["--format", "json"], key: key, secret: secret)
        XCTAssertEqual(result.status, 1, "complete audit with high findings: \(result.stderr)")
        let json = try report(result)
        XCTAssertEqual(json["complete"] as? Bool, true, "coverage: \(json["coverage"] ?? "")")
        let rules = findings(json).compactMap { $0["ruleId"] as? String }
        for rule in ["ecs_plaintext_secret_env", "elb_http_only_listener", "ecs_public_ip_on_task", "ec2_shared_security_group"] {
            XCTAssertTrue(rules.contains(rule), "live audit lacks \(rule)")
        }
        XCTAssertEqual(rules.filter { $0 == "ecs_plaintext_secret_env" }.count, 3)
        for outsider in ["other-cluster", "other-db", "other-redis", "other-repo", "/ecs/other", "otherTaskRole"] {
            XCTAssertFalse(result.stdout.contains(outsider), "\(outsider) is outside the tag's scope but appears in the report")
        }
        for leaked in Self.guideSecrets + [secret] {
            XCTAssertFalse(result.stdout.contains(leaked) || result.stderr.contains(leaked), "leaked a secret")
        }

        // The same user with a wrong secret key: every call is rejected.
        let wrong = try audit(url, ["--format", "json"], key: key, secret: String(secret.reversed()))
        XCTAssertEqual(wrong.status, 3, "a rejected signature makes the audit incomplete")
        let message = wrong.stderr.lowercased()
        XCTAssertTrue(message.contains("signature") || message.contains("credential") || message.contains("token"),
                      "the message should name the signature or credential problem: \(wrong.stderr.prefix(800))")
        XCTAssertFalse(wrong.stderr.contains(secret) || wrong.stdout.contains(secret), "leaked the secret key")
        XCTAssertEqual(try report(wrong)["complete"] as? Bool, false)
        // A user who accepts an incomplete audit gets 0/1 instead of 3: nothing could be read, nothing was found.
        let accepted = try audit(url, ["--format", "json", "--allow-incomplete"], key: key, secret: String(secret.reversed()))
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertEqual(try report(accepted)["complete"] as? Bool, false, "the report still says it is incomplete")
    }

    /// `snapshot` then `run --snapshot` gives the live run's findings, and the file holds no secret.
    func test2_SnapshotRoundTripGivesIdenticalFindings() throws {
        let url = try emulator()
        let live = try audit(url, ["--format", "json"])
        XCTAssertEqual(live.status, 1, live.stderr)
        let file = try CLI.temporaryDirectory().appendingPathComponent("guide-snapshot.json").path
        let saved = try CLI.run(
            ["snapshot", "--region", "us-east-1", "--endpoint-url", url, "--tag", "Project=HydrousBackend", "--output", file],
            environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"])
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        for secret in Self.guideSecrets { XCTAssertFalse(text.contains(secret), "the snapshot holds \(secret)") }
        let offline = try CLI.run(["run", "--snapshot", file, "--format", "json"])
        XCTAssertEqual(offline.status, 1, offline.stderr)
        XCTAssertEqual(fingerprints(try report(offline)), fingerprints(try report(live)))
        // Live and the example snapshot find the same things (rule by rule, 32 findings).
        let example = try CLI.run(["run", "--snapshot", "examples/guide/snapshot.json", "--format", "json"])
        let liveRules = findings(try report(live)).compactMap { $0["ruleId"] as? String }.sorted()
        let exampleRules = findings(try report(example)).compactMap { $0["ruleId"] as? String }.sorted()
        XCTAssertEqual(liveRules, exampleRules, "live and offline audits of the guide differ")
        XCTAssertEqual(liveRules.count, 32)
        // The cost rows read live are the guide's figures (issue 5), as offline.
        let rows = ((try report(live)["cost"] as? [String: Any])?["rows"] as? [[String: Any]]) ?? []
        func row(_ name: String) -> [String: Any]? { rows.first { ($0["guideRow"] as? String ?? $0["label"] as? String) == name } }
        XCTAssertEqual(row("RDS PostgreSQL")?["monthly"] as? Double, 15.44)
        XCTAssertEqual(row("RDS PostgreSQL")?["status"] as? String, "within")
        XCTAssertEqual(row("ElastiCache Redis")?["monthly"] as? Double, 12.41)
        XCTAssertEqual(row("ElastiCache Redis")?["status"] as? String, "below")
        XCTAssertEqual(row("ECS Fargate")?["monthly"] as? Double, 9.01)
        XCTAssertEqual(row("ECS Fargate")?["status"] as? String, "below")
        XCTAssertEqual(row("Public IPv4 addresses")?["monthly"] as? Double, 10.95)
        XCTAssertEqual(row("Public IPv4 addresses")?["status"] as? String, "not-in-guide")
        let liveCost = (try report(live)["cost"] as? [String: Any])?["total"] as? Double
        let offlineCost = (try report(offline)["cost"] as? [String: Any])?["total"] as? Double
        XCTAssertEqual(liveCost, offlineCost)
    }

    /// The weekly report: fix two things, diff last week's JSON against this week's.
    func test3_WeeklyDiffAfterRemovingThePublicIPAndSettingRetention() throws {
        let url = try emulator()
        let dir = try CLI.temporaryDirectory()
        let before = dir.appendingPathComponent("week1.json").path
        let after = dir.appendingPathComponent("week2.json").path
        XCTAssertEqual(try audit(url, ["--format", "json", "--output", before]).status, 1)
        try Self.shell(["scripts/mutate-guide.sh", url])
        XCTAssertEqual(try audit(url, ["--format", "json", "--output", after]).status, 1)
        let diff = try CLI.run(["diff", before, after, "--format", "json"])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        let json = try report(diff)
        let resolved = (json["resolved"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
        XCTAssertEqual(Set(resolved), ["ecs_public_ip_on_task", "logs_no_retention"])
        XCTAssertEqual((json["new"] as? [Any])?.count, 0, "nothing new")
        let cost = try XCTUnwrap(json["cost"] as? [String: Any])
        XCTAssertEqual(cost["delta"] as? Double, -3.65)
        let markdown = try CLI.run(["run", "--region", "us-east-1", "--endpoint-url", url, "--tag", "Project=HydrousBackend",
                                    "--compare", before, "--fail-on", "none"],
                                   environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        let changes = try XCTUnwrap(markdown.stdout.range(of: "What changed"), "run --compare starts with the changes")
        let findingsHeading = try XCTUnwrap(markdown.stdout.range(of: "## Findings"))
        XCTAssertLessThan(changes.lowerBound, findingsHeading.lowerBound)
    }
}
