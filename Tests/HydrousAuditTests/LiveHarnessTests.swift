import AWSClient
import Foundation
import HydrousAudit
import Inventory
import Synchronization
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Why the emulator harness could not be set up (the tests then fail with it).
struct LiveHarnessError: Error, CustomStringConvertible, Sendable {
    var description: String

    /// `setUp`'s value, worked out once per process and kept in `state`; a
    /// failure is kept too (as a `LiveHarnessError`), so every later caller
    /// fails with the same reason instead of setting up again.
    static func once<T: Sendable>(_ state: borrowing Mutex<Result<T, LiveHarnessError>?>, _ setUp: () throws -> T) throws -> T {
        try state.withLock { cached -> Result<T, LiveHarnessError> in
            if let cached { return cached }
            let outcome: Result<T, LiveHarnessError>
            do {
                outcome = .success(try setUp())
            } catch let error as LiveHarnessError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(LiveHarnessError(description: "\(error)"))
            }
            cached = outcome
            return outcome
        }.get()
    }
}

/// An IAM user on the emulator holding one inline policy, with an access key:
/// the auditor whose calls moto's IAM enforcement checks. Create it while
/// authentication is still off.
struct EmulatorIAMUser {
    let key: String
    let secret: String

    /// `aws` runs one AWS CLI command against the emulator (text output);
    /// `policy` is the document itself or `file://PATH`.
    static func create(_ name: String, policy: String, aws: ([String]) throws -> String) throws -> EmulatorIAMUser {
        _ = try? aws(["iam", "create-user", "--user-name", name])
        _ = try aws(["iam", "put-user-policy", "--user-name", name, "--policy-name", "audit", "--policy-document", policy])
        let created = try aws(["iam", "create-access-key", "--user-name", name, "--query", "AccessKey.[AccessKeyId,SecretAccessKey]"])
        let parts = created.split(whereSeparator: { $0 == "\t" || $0 == "\n" }).map(String.init)
        guard parts.count == 2 else { throw LiveHarnessError(description: "create-access-key answered \(parts.count) fields: \(created)") }
        return EmulatorIAMUser(key: parts[0], secret: parts[1])
    }
}

/// One moto server for the whole test process, with the guide's deployment
/// (plus a running task) and the hardened variant replayed into it.
final class LiveMoto: Sendable {
    let endpoint: String
    let guide: [String: String]
    let hardened: [String: String]

    static let repoRoot = RepoScript.root
    static let stateDir: String = NSTemporaryDirectory() + "hydrous-live-moto-\(getpid())"
    static let shared: Result<LiveMoto, LiveHarnessError> = {
        do {
            return .success(try LiveMoto())
        } catch let error as LiveHarnessError {
            return .failure(error)
        } catch {
            return .failure(LiveHarnessError(description: "\(error)"))
        }
    }()

    /// The environment scripts run with: dummy credentials, a private state dir.
    static var scriptEnvironment: [String: String] { RepoScript.environment(stateDir: stateDir) }

    /// The fixture, or a test failure naming why it could not start.
    static func fixture(file: StaticString = #filePath, line: UInt = #line) throws -> LiveMoto {
        switch shared {
        case .success(let moto): return moto
        case .failure(let error):
            XCTFail("moto harness unavailable: \(error)", file: file, line: line)
            throw error
        }
    }

    private init() throws {
        atexit { LiveMoto.stopServer() }
        let start = try Self.run(["scripts/moto.sh", "start"])
        endpoint = start.trimmingCharacters(in: .whitespacesAndNewlines)
        guard endpoint.hasPrefix("http://127.0.0.1:") else {
            throw LiveHarnessError(description: "scripts/moto.sh start printed \(endpoint)")
        }
        // The two replays touch disjoint resources: run them side by side.
        let guideJob = try Self.launch(["scripts/replay-guide.sh", endpoint])
        let hardenedJob = try Self.launch(["scripts/replay-hardened.sh", endpoint])
        guide = Self.keyValues(try Self.finish(guideJob))
        hardened = Self.keyValues(try Self.finish(hardenedJob))
        guard let subnet = guide["SUBNET_A"], let group = guide["ECS_SG"] else {
            throw LiveHarnessError(description: "replay-guide.sh did not print SUBNET_A/ECS_SG")
        }
        // Fargate services never start tasks in moto: run the service's task by hand.
        _ = try Self.run([
            "aws", "--endpoint-url", endpoint, "--region", "us-east-1", "ecs", "run-task",
            "--cluster", "hydrous-cluster", "--task-definition", "hydrous-backend-task:1", "--launch-type", "FARGATE",
            "--group", "service:hydrous-backend-service", "--network-configuration",
            "awsvpcConfiguration={subnets=[\(subnet)],securityGroups=[\(group)],assignPublicIp=ENABLED}",
        ])
    }

    static func stopServer() {
        _ = try? run(["scripts/moto.sh", "stop"])
    }

    /// A client with dummy environment credentials against the emulator.
    func client(transport: (any HTTPTransport)? = nil) throws -> AWSClient {
        let environment = AWSEnvironment(
            variables: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"],
            homeDirectory: LiveMoto.stateDir)
        var configuration = try AWSClientConfiguration.standard(endpointURL: endpoint, environment: environment)
        if let transport { configuration.transport = transport }
        return AWSClient(configuration: configuration)
    }

    struct Job {
        let process: Process
        let output: URL
        let errors: URL
        let arguments: [String]
    }

    static func launch(_ arguments: [String]) throws -> Job {
        let process = RepoScript.process(arguments, environment: scriptEnvironment)
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hydrous-live-\(UUID().uuidString)")
        let output = base.appendingPathExtension("out"), errors = base.appendingPathExtension("err")
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw LiveHarnessError(description: "cannot create temporary files in \(NSTemporaryDirectory())")
        }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw LiveHarnessError(description: "cannot run \(arguments.joined(separator: " ")): \(error)")
        }
        return Job(process: process, output: output, errors: errors, arguments: arguments)
    }

    static func finish(_ job: Job) throws -> String {
        job.process.waitUntilExit()
        let output = (try? String(contentsOf: job.output, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: job.errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: job.output)
        try? FileManager.default.removeItem(at: job.errors)
        guard job.process.terminationStatus == 0 else {
            throw LiveHarnessError(description: "`\(job.arguments.joined(separator: " "))` exited \(job.process.terminationStatus): "
                + errors.suffix(1500))
        }
        return output
    }

    static func run(_ arguments: [String]) throws -> String { try finish(try launch(arguments)) }

    static func keyValues(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }
}

/// The harness scripts themselves: what the live tests stand on.
final class LiveHarnessTests: XCTestCase {
    func testStartIsIdempotentAndAnswers() throws {
        let moto = try LiveMoto.fixture()
        let again = try LiveMoto.run(["scripts/moto.sh", "start"]).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(again, moto.endpoint, "a second start must reuse the running server")
        let status = try LiveMoto.run(["scripts/moto.sh", "status"]).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(status, moto.endpoint)
        let port = try String(contentsOfFile: LiveMoto.stateDir + "/moto.port", encoding: .utf8)
        XCTAssertTrue(moto.endpoint.hasSuffix(":" + port.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    func testReplayPrintsEveryIdItCreated() throws {
        let moto = try LiveMoto.fixture()
        for key in ["ACCOUNT", "VPC_ID", "DATA_SG", "ALB_SG", "ECS_SG", "LB_ARN", "TG_ARN", "LISTENER_ARN", "SERVICE_ARN",
                    "TASK_DEFINITION_ARN", "CACHE_ENDPOINT", "DB_ENDPOINT", "OTHER_CLUSTER_ARN", "OTHER_SG"] {
            XCTAssertFalse(moto.guide[key, default: ""].isEmpty, "replay-guide.sh did not print \(key)")
        }
        XCTAssertEqual(moto.guide["ACCOUNT"], "882816896907", "MOTO_ACCOUNT_ID should line the guide's ARNs up")
        XCTAssertEqual(moto.guide["TASK_DEFINITION_ARN"],
                       "arn:aws:ecs:us-east-1:882816896907:task-definition/hydrous-backend-task:1")
        for key in ["APP_SG", "DB_SG", "CACHE_SG", "CERTIFICATE_ARN", "HTTPS_LISTENER_ARN", "HTTP_LISTENER_ARN",
                    "DB_SECRET_ARN", "CACHE_ENDPOINT", "TASK_ROLE_ARN", "EXECUTION_ROLE_ARN"] {
            XCTAssertFalse(moto.hardened[key, default: ""].isEmpty, "replay-hardened.sh did not print \(key)")
        }
    }

    func testScriptsFailLoudlyWithoutAnEmulator() throws {
        // A closed port: the replay must stop at the first command with a non-zero status.
        XCTAssertThrowsError(try LiveMoto.run(["scripts/mutate-guide.sh", "http://127.0.0.1:9"])) { error in
            XCTAssertTrue("\(error)".contains("exited"), "\(error)")
        }
    }
}
