import Foundation
import Synchronization
import XCTest
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Why the fault or pagination harness could not be set up.
struct FaultHarnessError: Error, CustomStringConvertible, Sendable {
    var description: String
}

/// The emulator, scripts and HTTP plumbing the fault and pagination tests share.
///
/// Uses `HYDROUS_MOTO_ENDPOINT` when set (scripts/test.sh starts one moto for
/// the whole run), else starts a private moto (own `MOTO_STATE_DIR`) once per
/// test process and stops it at exit. Each test class resets the server and
/// replays what it needs in its class `setUp`.
enum FaultHarness {
    static let repoRoot = RepoScript.root
    static let privateStateDir: String = NSTemporaryDirectory() + "hydrous-fault-moto-\(getpid())"

    /// The emulator's URL, started at first use when no shared one is given.
    static let endpoint: Result<String, FaultHarnessError> = {
        if let shared = ProcessInfo.processInfo.environment["HYDROUS_MOTO_ENDPOINT"], !shared.isEmpty {
            return .success(shared)
        }
        do {
            atexit { _ = try? FaultHarness.run(["scripts/moto.sh", "stop"]) }
            let url = try run(["scripts/moto.sh", "start"]).trimmingCharacters(in: .whitespacesAndNewlines)
            guard url.hasPrefix("http://127.0.0.1:") else {
                return .failure(FaultHarnessError(description: "scripts/moto.sh start printed \(url)"))
            }
            return .success(url)
        } catch let error as FaultHarnessError {
            return .failure(error)
        } catch {
            return .failure(FaultHarnessError(description: "\(error)"))
        }
    }()

    /// The emulator's URL or a thrown error naming why there is none.
    static func motoEndpoint() throws -> String {
        switch endpoint {
        case .success(let url): return url
        case .failure(let error): throw error
        }
    }

    /// Dummy credentials, isolated from the user's files and profile.
    static var dummyCredentials: [String: String] {
        credentials(accessKey: "testing", secretKey: "testing")
    }

    /// An environment carrying exactly these credentials (empty values count as unset).
    static func credentials(accessKey: String, secretKey: String, sessionToken: String = "") -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secretKey, "AWS_SESSION_TOKEN": sessionToken,
            "AWS_PROFILE": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": privateStateDir + "/no-config", "AWS_SHARED_CREDENTIALS_FILE": privateStateDir + "/no-credentials",
            "AWS_ENDPOINT_URL": "", "AWS_EC2_METADATA_DISABLED": "true",
        ]
    }

    /// The environment scripts run with: dummy credentials, the private state dir.
    static var scriptEnvironment: [String: String] { RepoScript.environment(stateDir: privateStateDir) }

    /// Runs a repo script (or a PATH command) to completion; throws with its stderr on a non-zero exit.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil) throws -> String {
        let process = RepoScript.process(arguments, environment: scriptEnvironment)
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hydrous-fault-\(UUID().uuidString)")
        let output = base.appendingPathExtension("out"), errors = base.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw FaultHarnessError(description: "cannot create temporary files in \(NSTemporaryDirectory())")
        }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        do {
            try process.run()
        } catch {
            throw FaultHarnessError(description: "cannot run \(arguments.joined(separator: " ")): \(error)")
        }
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        let out = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let err = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw FaultHarnessError(description: "`\(arguments.joined(separator: " "))` exited \(process.terminationStatus): "
                + err.suffix(1500))
        }
        return out
    }

    /// `KEY=VALUE` lines as a dictionary.
    static func keyValues(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    /// One HTTP exchange on loopback: (status, body).
    static func http(_ method: String, _ url: String, body: String? = nil, contentType: String = "application/json") throws -> (Int, Data) {
        guard let target = URL(string: url) else { throw FaultHarnessError(description: "bad URL \(url)") }
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 60)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let box = Mutex<(Int, Data, String?)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let session = URLSession(configuration: .ephemeral)
        session.dataTask(with: request) { data, response, error in
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            box.withLock { $0 = (status, data ?? Data(), error.map { "\($0)" }) }
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 90) == .success, let (status, data, error) = box.withLock({ $0 }) else {
            throw FaultHarnessError(description: "\(method) \(url): no answer within 90 s")
        }
        session.finishTasksAndInvalidate()
        if let error { throw FaultHarnessError(description: "\(method) \(url): \(error)") }
        return (status, data)
    }

    /// Clears the emulator (state only: authentication stays as it was).
    static func reset(_ endpoint: String) throws {
        let (status, _) = try http("POST", endpoint + "/moto-api/reset", body: "")
        guard status == 200 else { throw FaultHarnessError(description: "moto reset answered \(status)") }
    }

    /// Turns moto's SigV4 + IAM enforcement on (immediately) or off.
    static func enforceAuthentication(_ endpoint: String, _ on: Bool) throws {
        let (status, _) = try http("POST", endpoint + "/moto-api/reset-auth", body: on ? "0" : "1000000000", contentType: "text/plain")
        guard status == 200 else { throw FaultHarnessError(description: "moto reset-auth answered \(status)") }
    }

    /// A loopback port nothing listens on (bound, then closed).
    static func closedPort() -> Int { LoopbackSocket.closedPort() }
}

/// `scripts/fault-proxy.py` run by a test: started on a free port, configured over HTTP, stopped in tearDown.
final class FaultProxy: @unchecked Sendable { // immutable after init; Process is only touched in stop()
    let url: String
    private let process: Process
    private let output: URL

    /// Starts the proxy in front of `upstream`; `arguments` are extra flags.
    init(upstream: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = FaultHarness.repoRoot.appendingPathComponent("scripts/fault-proxy.py")
        process.arguments = ["--upstream", upstream, "--max-seconds", "900"] + arguments
        process.currentDirectoryURL = FaultHarness.repoRoot
        let output = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hydrous-fault-proxy-\(UUID().uuidString).out")
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
            throw FaultHarnessError(description: "cannot create \(output.path)")
        }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var first: String?
        for _ in 0..<300 where first == nil {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, text.contains("\n") { first = String(line) }
            if first == nil {
                guard process.isRunning else { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        guard let first, first.hasPrefix("http://127.0.0.1:") else {
            if process.isRunning { process.terminate() }
            throw FaultHarnessError(description: "fault-proxy.py printed no URL within 30 s")
        }
        self.url = first
        self.process = process
        self.output = output
    }

    /// Replaces the fault configuration (and clears counters), e.g. `{"fault": "throttle", "first": 2}`.
    func configure(_ settings: [String: Any]) throws {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: settings, options: [.sortedKeys]), as: UTF8.self)
        let (status, data) = try FaultHarness.http("POST", url + "/__proxy/config", body: body)
        guard status == 200 else {
            throw FaultHarnessError(description: "proxy config \(body) answered \(status): \(String(decoding: data, as: UTF8.self))")
        }
    }

    /// Requests seen since the last configuration: totals, by service, by `service Operation`, faults by kind.
    func stats() throws -> [String: Any] {
        let (_, data) = try FaultHarness.http("GET", url + "/__proxy/stats")
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// Requests of one `service Operation` since the last configuration.
    func count(_ serviceOperation: String) throws -> Int {
        ((try stats()["byAction"] as? [String: Any])?[serviceOperation] as? Int) ?? 0
    }

    /// Stops the proxy process this object started.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: output)
    }
}

/// One `hydrous-audit` JSON report, decoded loosely for comparisons.
struct AuditJSON {
    let object: [String: Any]

    init(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        object = try XCTUnwrap(parsed, "not a JSON report: \(text.prefix(300))", file: file, line: line)
    }

    var complete: Bool? { object["complete"] as? Bool }
    var findings: [[String: Any]] { object["findings"] as? [[String: Any]] ?? [] }
    var coverage: [[String: Any]] { object["coverage"] as? [[String: Any]] ?? [] }
    var fingerprints: [String] { findings.compactMap { $0["fingerprint"] as? String }.sorted() }

    /// Fingerprints of findings whose resource type does not start with `prefix`
    /// and whose rule is not in `rules`.
    func fingerprints(excludingResourceTypePrefix prefix: String, rules: Set<String> = []) -> [String] {
        findings.filter { (($0["resource"] as? [String: Any])?["type"] as? String)?.hasPrefix(prefix) != true }
            .filter { !rules.contains($0["ruleId"] as? String ?? "") }
            .compactMap { $0["fingerprint"] as? String }.sorted()
    }

    /// `ruleId resource-type/resource-id` of the findings with these fingerprints (for failure messages).
    func describe(_ fingerprints: Set<String>) -> [String] {
        findings.filter { fingerprints.contains($0["fingerprint"] as? String ?? "") }.map { finding in
            let resource = finding["resource"] as? [String: Any] ?? [:]
            return "\(finding["ruleId"] as? String ?? "?") \(resource["type"] as? String ?? "?")/\(resource["id"] as? String ?? "?")"
        }.sorted()
    }

    /// The cost section re-serialized with sorted keys (comparable byte for byte).
    var costText: String {
        guard let cost = object["cost"], let data = try? JSONSerialization.data(withJSONObject: cost, options: [.sortedKeys]) else {
            return ""
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The coverage entry of `service operation`.
    func coverage(_ service: String, _ operation: String) -> [String: Any]? {
        coverage.first { $0["service"] as? String == service && $0["operation"] as? String == operation }
    }
}

/// Runs `hydrous-audit run --format json` against an endpoint and times it.
enum FaultAudit {
    /// The CLI's result, its wall time in seconds and the decoded report (nil when stdout is not JSON).
    static func run(
        endpoint: String, environment: [String: String] = FaultHarness.dummyCredentials, extra: [String] = [],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> (result: CLI.Result, seconds: Double, report: AuditJSON?) {
        let started = Date()
        let result = try CLI.run(
            ["run", "--region", "us-east-1", "--endpoint-url", endpoint, "--format", "json"] + extra,
            environment: environment, file: file, line: line)
        let seconds = Date().timeIntervalSince(started)
        let report = result.stdout.hasPrefix("{") ? try AuditJSON(result.stdout, file: file, line: line) : nil
        return (result, seconds, report)
    }
}
