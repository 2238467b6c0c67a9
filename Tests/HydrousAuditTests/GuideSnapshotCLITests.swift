import Foundation
import XCTest

/// The walking skeleton's promise, through the real binary: the guide's
/// deployment, audited from the example snapshot.
final class GuideSnapshotCLITests: XCTestCase {
    let snapshot = "examples/guide/snapshot.json"
    /// The guide's secret values: they must never appear in any output.
    let guideSecrets = ["hydrous_password", "temporalsecretkey123456789", "redis_password"]

    func json(_ result: CLI.Result) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try XCTUnwrap(object as? [String: Any], "JSON report is not an object")
    }

    func testMarkdownReportHasHeadlineFindingsAndCostTable() throws {
        let result = try CLI.run(["run", "--snapshot", snapshot])
        XCTAssertEqual(result.status, 1, "default --fail-on high must fail on the guide: \(result.stderr)")
        for rule in ["ecs_plaintext_secret_env", "elb_http_only_listener", "ecs_public_ip_on_task", "ec2_shared_security_group"] {
            XCTAssertTrue(result.stdout.contains(rule), "Markdown report lacks \(rule)")
        }
        for row in ["RDS PostgreSQL", "ElastiCache Redis", "ECS Fargate", "Application Load Balancer", "Public IPv4 addresses"] {
            XCTAssertTrue(result.stdout.contains(row), "cost table lacks \(row)")
        }
        XCTAssertTrue(result.stdout.contains("```mermaid"), "the cost chart is missing")
        let summary = try XCTUnwrap(result.stdout.range(of: "critical", options: .caseInsensitive))
        let firstFinding = try XCTUnwrap(result.stdout.range(of: "ecs_plaintext_secret_env"))
        XCTAssertLessThan(summary.lowerBound, firstFinding.lowerBound, "the summary must come before the findings")
        for secret in guideSecrets {
            XCTAssertFalse(result.stdout.contains(secret) || result.stderr.contains(secret), "a secret value leaked: \(secret)")
        }
    }

    func testJSONFiguresToTheCent() throws {
        let result = try CLI.run(["run", "--snapshot", snapshot, "--format", "json"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let report = try json(result)
        XCTAssertEqual(report["schemaVersion"] as? Int, 1)
        XCTAssertEqual(report["complete"] as? Bool, true)
        let cost = try XCTUnwrap(report["cost"] as? [String: Any])
        let rows = try XCTUnwrap(cost["rows"] as? [[String: Any]])
        func row(_ label: String) throws -> [String: Any] {
            try XCTUnwrap(rows.first { ($0["guideRow"] as? String ?? $0["label"] as? String) == label }, "no row \(label)")
        }
        XCTAssertEqual(try row("RDS PostgreSQL")["monthly"] as? Double, 15.44)
        XCTAssertEqual(try row("RDS PostgreSQL")["status"] as? String, "within")
        XCTAssertEqual(try row("ElastiCache Redis")["monthly"] as? Double, 12.41)
        XCTAssertEqual(try row("ElastiCache Redis")["status"] as? String, "below")
        XCTAssertEqual(try row("ECS Fargate")["monthly"] as? Double, 9.01)
        XCTAssertEqual(try row("ECS Fargate")["status"] as? String, "below")
        XCTAssertEqual(try row("Public IPv4 addresses")["monthly"] as? Double, 10.95)
        XCTAssertEqual(try row("Public IPv4 addresses")["status"] as? String, "not-in-guide")
        XCTAssertTrue(try row("Public IPv4 addresses")["guideRow"] is NSNull, "a row the guide lacks has guideRow null")
        let lines = try XCTUnwrap(cost["lines"] as? [[String: Any]])
        let monthly = Set(lines.compactMap { $0["monthly"] as? Double })
        for figure in [13.14, 2.30, 16.43] {
            XCTAssertTrue(monthly.contains(figure), "no cost line of \(figure)")
        }
        XCTAssertEqual(cost["guideTotalMin"] as? Double, 65)
        XCTAssertEqual(cost["guideTotalMax"] as? Double, 100)
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        let secretVariables = findings.filter { $0["ruleId"] as? String == "ecs_plaintext_secret_env" }
            .compactMap { ($0["evidence"] as? [String: Any])?["variable"] as? String }
        XCTAssertEqual(Set(secretVariables), ["POSTGRES_PASSWORD", "JWT_SECRET_KEY", "REDIS_URL"])
        XCTAssertEqual(secretVariables.count, 3, "one finding per variable")
        for rule in ["elb_http_only_listener", "ecs_public_ip_on_task", "ec2_shared_security_group"] {
            XCTAssertEqual(findings.filter { $0["ruleId"] as? String == rule }.count, 1, rule)
        }
        for secret in guideSecrets { XCTAssertFalse(result.stdout.contains(secret), "secret leaked: \(secret)") }
    }

    func testOutputIsByteIdenticalAcrossRunsAndFormats() throws {
        for format in ["markdown", "json", "sarif", "text"] {
            let first = try CLI.run(["run", "--snapshot", snapshot, "--format", format])
            let second = try CLI.run(["run", "--snapshot", snapshot, "--format", format])
            XCTAssertEqual(first.stdout, second.stdout, "\(format) output differs between runs")
            XCTAssertFalse(first.stdout.isEmpty, format)
            for secret in guideSecrets { XCTAssertFalse(first.stdout.contains(secret), "\(format) leaked \(secret)") }
        }
    }

    func testFailOnThresholds() throws {
        XCTAssertEqual(try CLI.run(["run", "--snapshot", snapshot, "--fail-on", "none"]).status, 0)
        XCTAssertEqual(try CLI.run(["run", "--snapshot", snapshot, "--fail-on", "critical"]).status, 1)
    }

    func testOutputFileOption() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("report.json").path
        let result = try CLI.run(["run", "--snapshot", snapshot, "--format", "json", "--output", file, "--fail-on", "none"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "", "with --output nothing goes to stdout")
        let written = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertTrue(written.contains("\"schemaVersion\""))
    }

    func testUsageErrorsExitTwoAndNameTheFile() throws {
        let bad = try CLI.run(["run", "--snapshot", snapshot, "--format", "pdf"])
        XCTAssertEqual(bad.status, 2, "a bad flag value is a usage error")
        let missing = try CLI.run(["run", "--snapshot", "does/not/exist.json"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("does/not/exist.json"), missing.stderr)
        let dir = try CLI.temporaryDirectory()
        let broken = dir.appendingPathComponent("broken.json")
        try Data("{\n  \"snapshotVersion\": 1,\n  \"services\": [\n    {\"arn\": 5\n".utf8).write(to: broken)
        let malformed = try CLI.run(["run", "--snapshot", broken.path])
        XCTAssertEqual(malformed.status, 2)
        XCTAssertTrue(malformed.stderr.contains("broken.json"), malformed.stderr)
        let badTag = try CLI.run(["run", "--snapshot", snapshot, "--tag", "Project"])
        XCTAssertEqual(badTag.status, 2)
        XCTAssertTrue(badTag.stderr.contains("KEY=VALUE"), badTag.stderr)
    }

    func testTagScopeLeavesOutUntaggedDeployments() throws {
        let result = try CLI.run(["run", "--snapshot", snapshot, "--format", "json", "--tag", "Project=SomethingElse", "--fail-on", "none"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let findings = try XCTUnwrap(try json(result)["findings"] as? [[String: Any]])
        XCTAssertTrue(findings.isEmpty, "nothing carries Project=SomethingElse")
        let scoped = try CLI.run(["run", "--snapshot", snapshot, "--format", "json", "--tag", "Project=HydrousBackend"])
        let scopedFindings = try XCTUnwrap(try json(scoped)["findings"] as? [[String: Any]])
        let all = try XCTUnwrap(try json(try CLI.run(["run", "--snapshot", snapshot, "--format", "json"]))["findings"] as? [[String: Any]])
        XCTAssertEqual(scopedFindings.count, all.count, "the whole guide deployment is reachable from its tagged resources")
    }

    func testRulesListAndExplain() throws {
        let list = try CLI.run(["rules", "list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("ecs_plaintext_secret_env"))
        let listJSON = try CLI.run(["rules", "list", "--format", "json"])
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(listJSON.stdout.utf8)))
        let explain = try CLI.run(["rules", "explain", "ecs_plaintext_secret_env"])
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertTrue(explain.stdout.contains("PASSWORD"), "explain shows the active name patterns")
        let unknown = try CLI.run(["rules", "explain", "no_such_rule"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no_such_rule"))
    }

    func testBudgetFromTheSpanishGuideAndFromAnEnglishGuide() throws {
        let spanish = try CLI.run(["run", "--snapshot", snapshot, "--format", "json", "--guide", "../shared/guide/aws-deployment-guide.md"])
        XCTAssertEqual(spanish.status, 1, spanish.stderr)
        let spanishCost = try XCTUnwrap(try json(spanish)["cost"] as? [String: Any])
        XCTAssertEqual(spanishCost["guideTotalMin"] as? Double, 65)
        XCTAssertEqual(spanishCost["guideTotalMax"] as? Double, 100)

        let english = """
        # Deploying Hydrous

        ## Estimated costs

        | Service | Instance type | Estimated cost (USD/month) |
        |---------|---------------|----------------------------|
        | RDS PostgreSQL | db.t3.micro | $12–13 |
        | ElastiCache Redis | cache.t3.micro | $20 - $25 |
        | ECS Fargate | 256 CPU, 512 MB | $9 |
        | Application Load Balancer | - | $20-25 |
        | Data transfer and others | - | Variable |
        | **Total** | | **$70-90** |
        """
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("guide-en.md")
        try Data(english.utf8).write(to: file)
        let result = try CLI.run(["run", "--snapshot", snapshot, "--format", "json", "--guide", file.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        let cost = try XCTUnwrap(try json(result)["cost"] as? [String: Any])
        XCTAssertEqual(cost["guideTotalMin"] as? Double, 70)
        XCTAssertEqual(cost["guideTotalMax"] as? Double, 90)
        let rows = try XCTUnwrap(cost["rows"] as? [[String: Any]])
        let rds = try XCTUnwrap(rows.first { $0["guideRow"] as? String == "RDS PostgreSQL" })
        XCTAssertEqual(rds["guideMin"] as? Double, 12)
        XCTAssertEqual(rds["guideMax"] as? Double, 13)
        XCTAssertEqual(rds["status"] as? String, "above", "15.44 is above the English guide's 12–13")
        let redis = try XCTUnwrap(rows.first { $0["guideRow"] as? String == "ElastiCache Redis" })
        XCTAssertEqual(redis["status"] as? String, "below")

        let noTable = dir.appendingPathComponent("no-table.md")
        try Data("# Nothing here\n".utf8).write(to: noTable)
        let bad = try CLI.run(["run", "--snapshot", snapshot, "--guide", noTable.path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("no-table.md"), bad.stderr)
    }

    /// The binary as it ships loads libcurl and libxml2 only when a command
    /// talks to AWS (Sources/LazyCurl, Sources/LazyXML): an offline audit's
    /// loader trace names neither. A build that links Foundation dynamically
    /// (the debug build) binds them through Foundation's own libraries: skipped.
    func testOfflineRunLoadsNeitherLibcurlNorLibxml2() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(
            ["run", "--snapshot", snapshot, "--format", "json"],
            environment: ["LD_DEBUG": "files", "LD_DEBUG_OUTPUT": dir.appendingPathComponent("loader").path]
        )
        XCTAssertEqual(result.status, 1, result.stderr)
        let traces = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("loader.") }
        let trace = try traces.map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }.joined()
        XCTAssertTrue(trace.contains("file=libc.so.6"), "no loader trace was written: \(traces)")
        if trace.contains("file=libFoundation") {
            throw XCTSkip("Foundation is linked dynamically: its libraries load libcurl and libxml2 themselves")
        }
        XCTAssertFalse(trace.contains("libxml2"), "an offline run loaded libxml2")
        XCTAssertFalse(trace.contains("libcurl"), "an offline run loaded libcurl")
    }
}
