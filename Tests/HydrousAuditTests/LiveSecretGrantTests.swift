import AWSClient
import Foundation
import HydrousAudit
import Inventory
import Rules
import Synchronization
import XCTest

/// `ecs_secret_unreadable` live: a task definition revision whose container
/// takes a secret from Secrets Manager, its execution role read through
/// GetRole, the policy lists and GetRolePolicy, before and after the
/// `aws iam put-role-policy` grant our own remediation prescribes. In a
/// Region of its own on the shared emulator (the role is global but only
/// that Region's task definition refers to it).
final class LiveSecretGrantTests: XCTestCase {
    static let region = "ca-central-1"
    static let roleName = "hydrousSecretGrantExecutionRole"
    static let policyName = "read-app-secrets"
    private static let fixtureState = Mutex<Result<String, LiveHarnessError>?>(nil)

    /// Once per process: the secret, the execution role (with only the ECS
    /// execution policy) and the task definition. Returns the secret's ARN.
    static func fixture(_ moto: LiveMoto) throws -> String {
        try LiveHarnessError.once(fixtureState) {
            let secret = UUID().uuidString + UUID().uuidString
            let arn = try aws(moto, ["secretsmanager", "create-secret", "--name", "hydrous-grant/jwt-secret-key",
                                     "--secret-string", secret, "--query", "ARN"])
            let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
            let role = try aws(moto, ["iam", "create-role", "--role-name", roleName, "--assume-role-policy-document", trust,
                                      "--query", "Role.Arn"])
            _ = try aws(moto, ["iam", "attach-role-policy", "--role-name", roleName, "--policy-arn",
                               "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
            let containers = #"[{"name":"app","image":"nginx:1.27","essential":true,"secrets":[{"name":"JWT_SECRET_KEY","valueFrom":"\#(arn)"}]}]"#
            _ = try aws(moto, ["ecs", "register-task-definition", "--family", "hydrous-grant-task", "--execution-role-arn", role,
                               "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--cpu", "256",
                               "--memory", "512", "--container-definitions", containers])
            return arn
        }
    }

    /// One AWS CLI command in this test's Region; its text output, trimmed.
    @discardableResult
    static func aws(_ moto: LiveMoto, _ arguments: [String]) throws -> String {
        try LiveMoto.run(["aws", "--endpoint-url", moto.endpoint, "--region", region, "--output", "text"] + arguments)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The grant our remediation prescribes, on `arn` exactly.
    static func grant(_ moto: LiveMoto, _ arn: String) throws {
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"\#(arn)"}]}"#
        try aws(moto, ["iam", "put-role-policy", "--role-name", roleName, "--policy-name", policyName, "--policy-document", document])
    }

    static func revoke(_ moto: LiveMoto) {
        _ = try? aws(moto, ["iam", "delete-role-policy", "--role-name", roleName, "--policy-name", policyName])
    }

    private func read(_ moto: LiveMoto, transport: (any HTTPTransport)? = nil) async throws -> Inventory {
        let variables = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": Self.region]
        var configuration = try AWSClientConfiguration.standard(
            endpointURL: moto.endpoint, environment: AWSEnvironment(variables: variables, homeDirectory: LiveMoto.stateDir))
        if let transport { configuration.transport = transport }
        return await LiveSource(client: AWSClient(configuration: configuration)).read(scope: Scope())
    }

    private func findings(_ inventory: Inventory) -> [Finding] {
        let description = ECSSecretUnreadableRule.description
        let context = RuleContext(inventory: inventory, settings: RuleSettings(), secrets: SecretDetector(), rule: description)
        return ECSSecretUnreadableRule().check(context)
    }

    func testNoGrantIsAFindingAndTheGrantReadThroughGetRolePolicySilencesIt() async throws {
        let moto = try LiveMoto.fixture()
        let arn = try Self.fixture(moto)
        Self.revoke(moto)

        // (a) Only AmazonECSTaskExecutionRolePolicy: ECS could not fetch the secret.
        let before = try await read(moto)
        XCTAssertTrue(before.isComplete, "coverage: \(before.coverage.filter { $0.status != .ok })")
        let bare = try XCTUnwrap(before.role(Self.roleName))
        XCTAssertEqual(bare.inlinePolicyNames, [])
        XCTAssertNil(before.coverage.first { $0.operation == "GetRolePolicy" }, "no inline policy, no GetRolePolicy call")
        let found = findings(before)
        XCTAssertEqual(found.map(\.resource.id), ["hydrous-grant-task:1"])
        let message = try XCTUnwrap(found.first?.message)
        for part in ["`app`", "`JWT_SECRET_KEY`", arn, "`\(Self.roleName)`", "secretsmanager:GetSecretValue"] {
            XCTAssertTrue(message.contains(part), "the message should name \(part): \(message)")
        }

        // (b) The put-role-policy grant: read back through GetRolePolicy, the rule is quiet.
        try Self.grant(moto, arn)
        defer { Self.revoke(moto) }
        let after = try await read(moto)
        XCTAssertTrue(after.isComplete, "coverage: \(after.coverage.filter { $0.status != .ok })")
        XCTAssertEqual(after.coverage.first { $0.operation == "GetRolePolicy" }?.detail, "1 call")
        let granted = try XCTUnwrap(after.role(Self.roleName))
        XCTAssertEqual(granted.inlinePolicyNames, [Self.policyName])
        let document = try XCTUnwrap(granted.inlinePolicies[Self.policyName], "the inline document was read")
        XCTAssertFalse(document.contains("%22"), "decoded from IAM's URL encoding: \(document)")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        let statement = try XCTUnwrap((object["Statement"] as? [[String: Any]])?.first)
        XCTAssertEqual(statement["Resource"] as? String, arn)
        XCTAssertEqual(statement["Action"] as? String, "secretsmanager:GetSecretValue")
        XCTAssertEqual(findings(after).map(\.message), [])

        // (c) GetRolePolicy denied: the audit is incomplete, the policy named but unknown, and no guess either way.
        let transport = LiveDenyingTransport(inner: try moto.client().configuration.transport, denied: ["GetRolePolicy"])
        let denied = try await read(moto, transport: transport)
        XCTAssertFalse(denied.isComplete)
        XCTAssertEqual(denied.coverage.first { $0.operation == "GetRolePolicy" }?.status, .denied)
        let unknown = try XCTUnwrap(denied.role(Self.roleName))
        XCTAssertEqual(unknown.inlinePolicyNames, [Self.policyName])
        XCTAssertEqual(unknown.inlinePolicies, [:])
        XCTAssertEqual(findings(denied).map(\.message), [], "an unread policy may grant: no finding")
    }

    /// The least-privilege policy (`hydrous-audit iam-policy`) covers GetRolePolicy
    /// under moto's enforced authentication; without that action the audit ends incomplete (exit 3).
    func testTheIAMPolicyCoversGetRolePolicyAndWithoutItTheAuditIsIncomplete() throws {
        let moto = try LiveMoto.fixture()
        let arn = try Self.fixture(moto)
        try Self.grant(moto, arn)
        defer { Self.revoke(moto) }
        let policy = try CLI.run(["iam-policy"])
        XCTAssertEqual(policy.status, 0, policy.stderr)
        XCTAssertTrue(policy.stdout.contains("\"iam:GetRolePolicy\""))
        let withoutGet = policy.stdout.replacingOccurrences(of: "\"iam:GetRolePolicy\",\n", with: "")
        XCTAssertNotEqual(withoutGet, policy.stdout)
        let full = try Self.user(moto, "hydrous-grant-auditor", policy: policy.stdout)
        let partial = try Self.user(moto, "hydrous-grant-auditor-no-get", policy: withoutGet)

        try FaultHarness.enforceAuthentication(moto.endpoint, true)
        defer { try? FaultHarness.enforceAuthentication(moto.endpoint, false) }
        let complete = try audit(moto, full)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(complete.stdout.utf8)) as? [String: Any], complete.stderr)
        XCTAssertEqual(report["complete"] as? Bool, true, "coverage: \(report["coverage"] ?? "")")
        let rules = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
        XCTAssertFalse(rules.contains("ecs_secret_unreadable"), "the grant was read: \(rules)")

        let incomplete = try audit(moto, partial)
        XCTAssertEqual(incomplete.status, 3, incomplete.stderr)
        XCTAssertTrue(incomplete.stderr.contains("iam:GetRolePolicy denied"), incomplete.stderr)
        let partialReport = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(incomplete.stdout.utf8)) as? [String: Any])
        let coverage = partialReport["coverage"] as? [[String: Any]] ?? []
        XCTAssertEqual(coverage.first { $0["operation"] as? String == "GetRolePolicy" }?["status"] as? String, "denied")
        for result in [complete, incomplete] {
            XCTAssertFalse(result.stdout.contains(full.secret) || result.stderr.contains(full.secret), "leaked a secret key")
        }
    }

    /// An IAM user holding `policy`, with an access key (created with authentication off).
    static func user(_ moto: LiveMoto, _ name: String, policy: String) throws -> EmulatorIAMUser {
        try EmulatorIAMUser.create(name, policy: policy) { try aws(moto, $0) }
    }

    private func audit(_ moto: LiveMoto, _ keys: EmulatorIAMUser) throws -> CLI.Result {
        try CLI.run(
            ["run", "--region", Self.region, "--endpoint-url", moto.endpoint, "--format", "json", "--fail-on", "none"],
            environment: ["AWS_ACCESS_KEY_ID": keys.key, "AWS_SECRET_ACCESS_KEY": keys.secret, "AWS_SESSION_TOKEN": "",
                          "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"])
    }
}
