import ArgumentParser
import Foundation
import HydrousAudit
import Inventory

extension ReportFormat: ExpressibleByArgument {}
extension FailThreshold: ExpressibleByArgument {}
extension DiffFormat: ExpressibleByArgument {}

/// Where live facts come from and what part of the account is audited.
struct LiveOptions: ParsableArguments {
    @Option(help: "AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(help: "Shared-config profile (else AWS_PROFILE, else default).")
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: "Send every AWS call to this endpoint (e.g. a local emulator).")
    var endpointURL: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("Audit resources carrying this tag (KEY=VALUE), and what they reach.", valueName: "KEY=VALUE"))
    var tags: [String] = []

    @Option(name: .customLong("cluster"), help: "Audit this ECS cluster (name or ARN) and what it reaches.")
    var clusters: [String] = []

    @Flag(help: "Log every AWS call with its duration and outcome to stderr (never credentials or secrets).")
    var verbose = false

    @Option(name: .customLong("max-in-flight"), help: ArgumentHelp("AWS calls kept in flight at most per fan-out (1 = one by one).", visibility: .hidden))
    var maxInFlight: Int = 8

    var scope: Scope { Scope(tags: tags, clusters: clusters) }

    func validate() throws {
        for tag in tags where Inventory.parseTagFilter(tag) == nil {
            throw ValidationError("--tag \(tag): expected KEY=VALUE, e.g. --tag Project=HydrousBackend")
        }
        if maxInFlight < 1 || maxInFlight > 64 {
            throw ValidationError("--max-in-flight \(maxInFlight): expected 1 to 64")
        }
        if let endpointURL, URL(string: endpointURL)?.scheme == nil {
            throw ValidationError("--endpoint-url \(endpointURL): expected a URL such as http://127.0.0.1:5000")
        }
    }

    var liveSettings: LiveSettings {
        LiveSettings(region: region, profile: profile, endpointURL: endpointURL, verbose: verbose, maxInFlight: maxInFlight)
    }
}

/// How the report is written and what fails the gate.
struct ReportOptions: ParsableArguments {
    @Option(help: "Report format: markdown, json, sarif or text.")
    var format: ReportFormat = .markdown

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above: critical, high, medium, low, none.")
    var failOn: FailThreshold = .high

    @Flag(name: .customLong("allow-incomplete"), help: "Exit 0/1 even when some data could not be read (else 3).")
    var allowIncomplete = false

    @Option(help: "A previous JSON report: only findings whose fingerprint it lacks fail the gate.")
    var baseline: String?
}

/// The data the audit reads: rule configuration, prices, usage, budget.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("rules-dir"), help: "Folder of rules/*.yml (default: rules/ beside the tool).")
    var rulesDir: String?

    @Option(name: .customLong("pricing"), help: "Price table JSON (default: pricing/<region>.json beside the tool).")
    var pricingFile: String?

    @Option(help: "A YAML budget to compare the estimate against.")
    var budget: String?

    @Option(help: "A deployment guide in Markdown whose cost table is the budget (default: the Hydrous guide's table).")
    var guide: String?

    @Option(help: "A YAML usage file for usage-based items (LCUs, log GB, data transfer).")
    var usage: String?

    @Option(help: ArgumentHelp("Today's date for waiver expiry, YYYY-MM-DD (default: the system date).", valueName: "YYYY-MM-DD"))
    var now: String?

    func validate() throws {
        if budget != nil && guide != nil {
            throw ValidationError("--budget and --guide both name a budget: pass one of them")
        }
        if let now, AuditSettings.parseDay(now) == nil {
            throw ValidationError("--now \(now): expected a date YYYY-MM-DD")
        }
    }

    func settings(region: String?) -> AuditSettings {
        AuditSettings(
            rulesDirectory: rulesDir, pricingFile: pricingFile, budgetFile: budget, guideFile: guide,
            usageFile: usage, today: now, region: region
        )
    }
}

/// Writes `text` to `path`, or standard output when `path` is nil.
func emit(_ text: String, to path: String?) throws {
    try emit(bytes: Array(text.utf8), to: path)
}

/// Writes UTF-8 `bytes` to `path`, or standard output when `path` is nil.
func emit(bytes: [UInt8], to path: String?) throws {
    let output = try OutputFile(path: path)
    output.write(bytes[...])
    try output.close()
}

/// Where a command's output goes, written in chunks as they come: a file
/// (created or truncated) or standard output. Write errors are kept and
/// reported by `close()`, naming the file.
final class OutputFile {
    private let path: String?
    private let descriptor: Int32
    private var failure: Int32 = 0

    /// Opens `path` for writing; `nil` is standard output.
    init(path: String?) throws {
        self.path = path
        guard let path else {
            descriptor = STDOUT_FILENO
            return
        }
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 { throw Self.error(path, errno) }
    }

    /// Writes `chunk` whole (retrying short writes); the first error is kept for `close()`.
    func write(_ chunk: ArraySlice<UInt8>) {
        guard failure == 0 else { return }
        chunk.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, base + offset, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    failure = written < 0 ? errno : EIO
                    return
                }
                offset += written
            }
        }
    }

    /// Closes a file; throws when any write failed.
    func close() throws {
        if let path {
            if systemClose(descriptor) != 0, failure == 0 { failure = errno }
            if failure != 0 { throw Self.error(path, failure) }
        } else if failure != 0, failure != EPIPE {
            throw ValidationError("standard output: cannot write (\(String(cString: strerror(failure))))")
        }
    }

    private static func error(_ path: String, _ code: Int32) -> ValidationError {
        ValidationError("--output \(path): cannot write (\(String(cString: strerror(code)))); check the folder exists and is writable")
    }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
