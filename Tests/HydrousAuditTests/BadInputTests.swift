import Foundation
import XCTest

/// Every file the tool reads, made bad every way (truncated, wrong-typed,
/// empty, binary, 100,000 `[`, 50 MB, a folder, missing): exit 2 with a message
/// naming the file, or, where the input is legitimately readable (an empty
/// usage file means "defaults"), a normal exit; never a crash, a Swift stack
/// trace or a hang (watchdog: 60 s per run).
final class BadInputTests: XCTestCase {
    typealias Mutation = BadInput.Mutation

    /// One kind of input file and how the command line takes it.
    struct Kind {
        /// For messages.
        let name: String
        /// Where the bad file goes inside the case's folder.
        let fileName: String
        /// A good file (cut in half for `.truncated`, the start of the 50 MB file).
        let valid: Data
        /// A well-formed file with values of the wrong type.
        let wrongTyped: String
        /// An explicit truncated text (YAML cut in half is often still valid YAML).
        var truncated: String?
        /// Mutations that leave a legitimately readable input (exit 0 or 1).
        var accepted: Set<Mutation> = []
        /// The invocations that read the file at `path` (`folder` holds it).
        let invocations: (_ path: String, _ folder: String) -> [[String]]
        /// What stderr must name: the file, or for a missing rules folder the folder.
        var named: (_ mutation: Mutation, _ path: String) -> String = { _, path in path }
        /// Mutations whose message must also give the position (`FILE:LINE`).
        var positioned: Set<Mutation> = []
    }

    /// The JSON files: text that is not JSON is reported with its line.
    static let syntaxErrors: Set<Mutation> = [.truncated, .empty, .binary]

    static var snapshot: String { CLI.path("examples/guide/snapshot.json") }

    static func contents(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: CLI.path(relative)))
    }

    /// The guide, or the example's README when the shared guide is not beside the package.
    static func guideText() throws -> Data {
        if let data = FileManager.default.contents(atPath: FilesFixtures.guidePath) { return data }
        return try contents("examples/guide/README.md")
    }

    /// A JSON report of the guide's snapshot, written once.
    static let goodReport: Result<String, Error> = Result {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hydrous-badinput-report-\(getpid()).json").path
        let result = try GuardedCLI.run(["run", "--snapshot", snapshot, "--format", "json", "--output", path, "--now", "2025-01-01"])
        guard FileManager.default.fileExists(atPath: path), result.status == 0 || result.status == 1 else {
            throw XCTSkip("could not write a report: \(result.stderr)")
        }
        return path
    }

    func report() throws -> (path: String, data: Data) {
        let path = try Self.goodReport.get()
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Runs every mutation of `kind` and checks the contract.
    func check(_ kind: Kind, file: StaticString = #filePath, line: UInt = #line) throws {
        for mutation in Mutation.allCases {
            let folder = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent(kind.fileName).path
            try BadInput.write(mutation, at: path, valid: kind.valid, wrongTyped: kind.wrongTyped, truncated: kind.truncated)
            for arguments in kind.invocations(path, folder.path) {
                let context = "\(kind.name) \(mutation.rawValue): hydrous-audit \(arguments.joined(separator: " "))"
                let result = try GuardedCLI.run(arguments)
                GuardedCLI.assertNoCrash(result, context, file: file, line: line)
                if kind.accepted.contains(mutation) {
                    XCTAssertTrue([0, 1].contains(result.status), "\(context): exit \(result.status)\n\(result.stderr)", file: file, line: line)
                    continue
                }
                XCTAssertEqual(result.status, 2, "\(context)\n\(result.stderr)", file: file, line: line)
                let named = kind.named(mutation, path)
                XCTAssertTrue(result.stderr.contains(named), "\(context): stderr does not name \(named)\n\(result.stderr)", file: file, line: line)
                if kind.positioned.contains(mutation) {
                    let position = result.stderr.range(of: NSRegularExpression.escapedPattern(for: named) + ":[0-9]+", options: .regularExpression)
                    XCTAssertNotNil(position, "\(context): stderr gives no line\n\(result.stderr)", file: file, line: line)
                }
                XCTAssertTrue(result.stdout.isEmpty, "\(context): a report was written despite the error", file: file, line: line)
                if mutation == .oversized {
                    XCTAssertTrue(result.stderr.contains("limit") || result.stderr.contains("more than"),
                                  "\(context): the size limit is not named\n\(result.stderr)", file: file, line: line)
                }
            }
        }
    }

    /// `run --snapshot S OPTION FILE` for the data files the audit reads.
    func runWith(_ option: String) -> (String, String) -> [[String]] {
        { path, _ in [["run", "--snapshot", Self.snapshot, "--now", "2025-01-01", option, path]] }
    }

    func testSnapshot() throws {
        try check(Kind(
            name: "snapshot", fileName: "snapshot.json", valid: try Self.contents("examples/guide/snapshot.json"),
            wrongTyped: #"{"snapshotVersion": "one", "clusters": {"name": 5}, "services": 7}"#,
            invocations: { path, _ in [["run", "--snapshot", path], ["run", "--snapshot", path, "--format", "json"]] },
            positioned: Self.syntaxErrors))
    }

    func testTaskDefinitionJSON() throws {
        // `check` reads what it understands of a task definition; wrong-typed fields are skipped, not fatal.
        try check(Kind(
            name: "task definition", fileName: "task-definition.json", valid: try Self.contents("examples/guide/task-definition.json"),
            wrongTyped: #"{"family": 5, "cpu": [], "containerDefinitions": [{"name": 7, "environment": "x", "secrets": [1]}]}"#,
            accepted: [.wrongTyped], invocations: { path, _ in [["check", path]] }))
    }

    func testMarkdownRunbook() throws {
        // Any UTF-8 text is a runbook: empty, cut or bracket-filled ones are read (problems become notices).
        try check(Kind(
            name: "runbook", fileName: "runbook.md", valid: try Self.guideText(),
            wrongTyped: "# Deploy\n\n```json\n{\"containerDefinitions\": 5}\n```\n\n```bash\naws ecs create-service --desired-count many\n```\n",
            accepted: [.truncated, .wrongTyped, .empty, .nested], invocations: { path, _ in [["check", path]] }))
    }

    func testShellScript() throws {
        let script = """
            #!/bin/bash
            aws ecs create-cluster --cluster-name hydrous-cluster
            aws ecs create-service --cluster hydrous-cluster --service-name hydrous-backend-service \\
              --task-definition hydrous-backend-task --desired-count 1 --launch-type FARGATE
            """
        try check(Kind(
            name: "shell script", fileName: "deploy.sh", valid: Data(script.utf8),
            wrongTyped: "aws ecs create-service --desired-count many --cli-input-json '{\"desiredCount\": [1]}'\n",
            accepted: [.truncated, .wrongTyped, .empty, .nested], invocations: { path, _ in [["check", path]] }))
    }

    func testRulesYAML() throws {
        // An empty rules file overrides nothing: the defaults apply.
        try check(Kind(
            name: "rules", fileName: "rules/rules.yml", valid: try Self.contents("rules/rules.yml"),
            wrongTyped: "rules:\n  ecs_single_task: {enabled: maybe, severity: 3, min_tasks: many}\n",
            truncated: "rules:\n  ecs_single_task: {enabled: true, severity: hi",
            accepted: [.empty],
            invocations: { _, folder in [["run", "--snapshot", Self.snapshot, "--rules-dir", folder + "/rules"]] },
            named: { mutation, path in mutation == .missing ? (path as NSString).deletingLastPathComponent : path }))
    }

    func testPricingJSON() throws {
        try check(Kind(
            name: "price table", fileName: "us-east-1.json", valid: try Self.contents("pricing/us-east-1.json"),
            wrongTyped: #"{"formatVersion": 1, "region": "us-east-1", "currency": "USD", "hoursPerMonth": "x", "prices": [], "allowances": 3}"#,
            invocations: runWith("--pricing"), positioned: Self.syntaxErrors))
    }

    func testUsageYAML() throws {
        // An empty usage file takes every default, as a file with no keys does.
        try check(Kind(
            name: "usage", fileName: "usage.yml", valid: try Self.contents("pricing/usage.example.yml"),
            wrongTyped: "alb:\n  lcu: many\nlogs: [1, 2]\n", truncated: "alb:\n  lcu: [1,",
            accepted: [.empty], invocations: runWith("--usage")))
    }

    func testBudgetYAML() throws {
        try check(Kind(
            name: "budget", fileName: "budget.yml", valid: try Self.contents("pricing/budget.example.yml"),
            wrongTyped: "rows: 5\ntotal: {min: cheap}\n", truncated: "version: 1\nrows:\n  - row: \"RDS Postg",
            invocations: runWith("--budget")))
    }

    func testGuideMarkdown() throws {
        try check(Kind(
            name: "guide", fileName: "guide.md", valid: try Self.guideText(),
            wrongTyped: "## Costos\n\n| Servicio | Costo Estimado (USD/mes) |\n|---|---|\n| RDS PostgreSQL | [[[ |\n",
            invocations: runWith("--guide")))
    }

    func testBaselineReport() throws {
        try check(Kind(
            name: "baseline", fileName: "baseline.json", valid: try report().data,
            wrongTyped: #"{"schemaVersion": 1, "tool": 5, "findings": "none", "coverage": {}}"#,
            invocations: runWith("--baseline"), positioned: Self.syntaxErrors))
    }

    func testPreviousReportForCompare() throws {
        try check(Kind(
            name: "previous report", fileName: "previous.json", valid: try report().data,
            wrongTyped: #"{"schemaVersion": 1, "tool": {"name": 1}, "findings": [{"ruleId": []}]}"#,
            invocations: runWith("--compare"), positioned: Self.syntaxErrors))
    }

    func testDiffReports() throws {
        let good = try report().path
        try check(Kind(
            name: "diff", fileName: "report.json", valid: try report().data,
            wrongTyped: #"{"schemaVersion": "1", "findings": 5}"#,
            invocations: { path, _ in [["diff", path, good], ["diff", good, path], ["diff", path, good, "--format", "json"]] },
            positioned: Self.syntaxErrors))
    }

    /// An endless device is refused at the size limit instead of read until memory runs out.
    func testEndlessDeviceIsRefused() throws {
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { throw XCTSkip("no /dev/zero") }
        for arguments in [["run", "--snapshot", "/dev/zero"], ["check", "/dev/zero"], ["diff", "/dev/zero", "/dev/zero"],
                          ["run", "--snapshot", Self.snapshot, "--usage", "/dev/zero"]] {
            let result = try GuardedCLI.run(arguments)
            GuardedCLI.assertNoCrash(result, arguments.joined(separator: " "))
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("/dev/zero"), result.stderr)
        }
    }
}
