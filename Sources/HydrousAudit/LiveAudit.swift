import AWSClient
import Foundation
import Inventory

/// The live options of the command line.
public struct LiveSettings: Sendable {
    public var region: String?
    public var profile: String?
    public var endpointURL: String?
    public var verbose: Bool
    /// Calls in flight at most per fan-out (1 makes the calls one by one).
    public var maxInFlight: Int

    /// Creates settings.
    public init(region: String?, profile: String?, endpointURL: String?, verbose: Bool, maxInFlight: Int = 8) {
        self.region = region
        self.profile = profile
        self.endpointURL = endpointURL
        self.verbose = verbose
        self.maxInFlight = maxInFlight
    }

    /// The client configuration: region, credentials chain, endpoints, proxies,
    /// and as many connections per host as calls in flight.
    public func clientConfiguration(logger: StderrLogger) throws -> AWSClientConfiguration {
        let callLog: (@Sendable (AWSCallEvent) -> Void)?
        if logger.enabled {
            callLog = { event in logger.log(event) }
        } else {
            callLog = nil
        }
        return try AWSClientConfiguration.standard(
            region: region, profile: profile, endpointURL: endpointURL, maxConnectionsPerHost: maxInFlight, callLog: callLog
        )
    }
}

/// `--verbose`: one line per AWS call on stderr: service, operation,
/// duration, attempts, outcome. Never credentials, headers or bodies.
public struct StderrLogger: Sendable {
    /// False logs nothing.
    public let enabled: Bool

    /// Creates a logger.
    public init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Logs one finished call.
    public func log(_ event: AWSCallEvent) {
        guard enabled else { return }
        let millis = Int((event.duration * 1000).rounded())
        let paced = event.rateLimitWait > 0 ? " paced=\(Int((event.rateLimitWait * 1000).rounded())) ms" : ""
        line("call \(event.service.rawValue):\(event.operation) \(millis) ms attempts=\(event.attempts) \(event.outcome)\(paced)")
    }

    /// Runs `body` and, when enabled, logs how long phase `label` took
    /// (`phase rules 12 ms`): where the time of an audit goes, on stderr only.
    public func timed<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = start.duration(to: clock.now).components
        let millis = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
        line("phase \(label) \(String(format: "%.1f", millis)) ms" + Self.memoryNote())
        return result
    }

    /// `, peak 41 MB` from /proc/self/status (Linux), else empty.
    static func memoryNote() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return "" }
        return ", peak \(kilobytes / 1024) MB"
    }

    /// Logs a free-form line.
    public func line(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("hydrous-audit: \(text)\n".utf8))
    }
}

/// Reads the live account through our own AWS client.
public enum LiveAudit {
    /// The scoped inventory with its coverage. Throws only for what the user
    /// must fix before anything can be read (no region); API failures,
    /// missing or rejected credentials end up in coverage (exit 3).
    public static func read(settings: LiveSettings, scope: Scope, logger: StderrLogger) async throws -> Inventory {
        let configuration = try settings.clientConfiguration(logger: logger)
        let client = AWSClient(configuration: configuration)
        let started = Date()
        let inventory = await LiveSource(client: client, maxInFlight: settings.maxInFlight).read(scope: scope)
        let stats = client.counter.snapshot()
        logger.line("read \(stats.callsByService.values.reduce(0, +)) calls in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        reportProblems(inventory.coverage)
        return inventory
    }

    /// Tells the user on stderr what could not be read and what to do.
    static func reportProblems(_ coverage: [CoverageEntry]) {
        let failed = coverage.filter { $0.status != .ok }
        guard !failed.isEmpty else { return }
        var text = "hydrous-audit: the audit is incomplete: \(failed.count) of \(coverage.count) operations could not be read:\n"
        for entry in failed.prefix(12) {
            text += "  \(entry.service):\(entry.operation) \(entry.status.rawValue): \(entry.detail ?? "")\n"
        }
        if failed.count > 12 { text += "  … and \(failed.count - 12) more (see the report's coverage section)\n" }
        if failed.contains(where: { $0.status == .denied }) {
            text += "  Grant the actions of `hydrous-audit iam-policy`, or check the credentials (signature or key problems are named above).\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
