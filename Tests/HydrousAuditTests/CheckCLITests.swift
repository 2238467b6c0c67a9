import Foundation
import XCTest

/// The pre-merge gate end to end (issue 6's "Done when"), through the real
/// binary: `hydrous-audit check` on the deployment guide, baselines, the
/// corrected guide, SARIF, inline suppressions, a lone task definition,
/// malformed input, and the CI examples users copy.
final class CheckCLITests: XCTestCase {
    /// The guide, relative to the package root (as a user in this repo types it).
    let guide = "../shared/guide/aws-deployment-guide.md"
    let fixedGuide = "examples/guide/aws-deployment-guide.fixed.md"
    /// The guide's secret values: no output may carry them.
    let guideSecrets = ["hydrous_password", "temporalsecretkey123456789", "redis_password"]

    func guideText() throws -> String {
        let path = CLI.path(guide)
        guard FileManager.default.fileExists(atPath: path) else {
            XCTFail("the deployment guide is missing at \(path) (expected beside the repository in ../shared/guide)")
            throw XCTSkip("no guide")
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The 1-based line of the only line of `text` containing `needle`.
    func line(of needle: String, in text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let hits = text.components(separatedBy: "\n").enumerated().filter { $0.element.contains(needle) }
        XCTAssertEqual(hits.count, 1, "`\(needle)` should be on exactly one line", file: file, line: line)
        return try XCTUnwrap(hits.first).offset + 1
    }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object")
    }

    func findings(_ report: [String: Any], _ key: String = "findings") -> [[String: Any]] {
        (report[key] as? [[String: Any]] ?? []).map { $0["finding"] as? [String: Any] ?? $0 }
    }

    /// (rule, variable or nil, line) of every finding, for exact comparisons.
    func placed(_ list: [[String: Any]]) -> [String] {
        list.map { finding in
            let variable = (finding["evidence"] as? [String: Any])?["variable"] as? String
            let line = (finding["location"] as? [String: Any])?["line"] as? Int
            return "\(finding["ruleId"] as? String ?? "?") \(variable ?? "-") @\(line.map(String.init) ?? "nil")"
        }
    }

    func testGuideFindingsEachOnItsLineAndCostAgainstTheGuideTable() throws {
        let text = try guideText()
        let result = try CLI.run(["check", guide, "--format", "json"])
        XCTAssertEqual(result.status, 1, "critical and high findings must fail the default gate: \(result.stderr)")
        let report = try json(result.stdout)
        let all = placed(findings(report))
        let expected = [
            // The three secrets of the task definition: the line of each variable's value.
            "ecs_plaintext_secret_env POSTGRES_PASSWORD @\(try line(of: #""POSTGRES_PASSWORD", "value""#, in: text))",
            "ecs_plaintext_secret_env JWT_SECRET_KEY @\(try line(of: #""JWT_SECRET_KEY", "value""#, in: text))",
            "ecs_plaintext_secret_env REDIS_URL @\(try line(of: #""REDIS_URL", "value""#, in: text))",
            // The RDS password on the command line: the flag's own line inside the multi-line command.
            "file_plaintext_secret --master-user-password @\(try line(of: "--master-user-password", in: text))",
            // The public IP: the --network-configuration line that says assignPublicIp=ENABLED.
            "ecs_public_ip_on_task - @\(try line(of: "assignPublicIp=ENABLED", in: text))",
            // HTTP only: the listener's forward action, which must become a redirect.
            "elb_http_only_listener - @\(try line(of: "--default-actions Type=forward", in: text))",
            // Unencrypted RDS: no --storage-encrypted, so the create-db-instance line.
            "rds_storage_unencrypted - @\(try line(of: "aws rds create-db-instance", in: text))",
            // One group for database and cache: the database's --vpc-security-group-ids line.
            "ec2_shared_security_group - @\(try line(of: "--vpc-security-group-ids sg-0e9c31a4a958f802d", in: text))",
            // No retention: the create-log-group line (no put-retention-policy anywhere).
            "logs_no_retention - @\(try line(of: "aws logs create-log-group", in: text))",
        ]
        for item in expected {
            XCTAssertEqual(all.filter { $0 == item }.count, 1, "expected exactly one `\(item)`; got \(all)")
        }
        for rule in Set(expected.map { String($0.prefix { $0 != " " }) }) where rule != "file_plaintext_secret" {
            let count = all.filter { $0.hasPrefix(rule + " ") }.count
            XCTAssertEqual(count, rule == "ecs_plaintext_secret_env" ? 3 : 1, "\(rule) reported \(count) times")
        }
        // The text format names the same place, `file:line`, on the finding's own line.
        let textResult = try CLI.run(["check", guide, "--format", "text"])
        XCTAssertEqual(textResult.status, 1)
        let secretLine = try line(of: #""JWT_SECRET_KEY", "value""#, in: text)
        XCTAssertTrue(textResult.stdout.components(separatedBy: "\n").contains {
            $0.contains("JWT_SECRET_KEY") && $0.hasSuffix("(\(guide):\(secretLine))")
        }, textResult.stdout)
        for secret in guideSecrets {
            XCTAssertFalse((result.stdout + result.stderr + textResult.stdout).contains(secret), "secret leaked: \(secret)")
        }

        // The plan's cost against the guide's own table: each row carries the guide's range.
        let cost = try XCTUnwrap(report["cost"] as? [String: Any])
        let rows = try XCTUnwrap(cost["rows"] as? [[String: Any]])
        func row(_ name: String) throws -> [String: Any] {
            try XCTUnwrap(rows.first { $0["guideRow"] as? String == name }, "no cost row \(name)")
        }
        for (name, spanish, monthly, status) in [
            ("RDS PostgreSQL", "| RDS PostgreSQL | db.t3.micro | $15-25 |", 15.44, "within"),
            ("ElastiCache Redis", "| ElastiCache Redis | cache.t3.micro | $15-25 |", 12.41, "below"),
            // Two tasks: the reader applies the scaling section's `update-service --desired-count 2` in order.
            ("ECS Fargate", "| ECS Fargate | 256 CPU, 512 MB | $15-30 |", 18.02, "within"),
            ("Application Load Balancer", "| Application Load Balancer | - | $20 |", 22.27, "above"),
        ] {
            _ = try line(of: spanish, in: text)
            let range = spanish.split(separator: "$").last.map { $0.dropLast(2).split(separator: "-").compactMap { Double($0) } } ?? []
            XCTAssertEqual(try row(name)["guideMin"] as? Double, range.first, "\(name): guide minimum")
            XCTAssertEqual(try row(name)["guideMax"] as? Double, range.last, "\(name): guide maximum")
            XCTAssertEqual(try row(name)["monthly"] as? Double, monthly, name)
            XCTAssertEqual(try row(name)["status"] as? String, status, name)
        }
        _ = try line(of: "**$65-100**", in: text)
        XCTAssertEqual(cost["guideTotalMin"] as? Double, 65)
        XCTAssertEqual(cost["guideTotalMax"] as? Double, 100)
        XCTAssertEqual(cost["totalStatus"] as? String, "within")
    }

    func testBaselineSurvivesLineMovesAndCatchesANewSecret() throws {
        let text = try guideText()
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The baseline is made from the run on the real guide. The copy sits at the same
        // relative path from `work/`, because fingerprints of file values name the file.
        let base = dir.appendingPathComponent("base.json").path
        XCTAssertEqual(try CLI.run(["check", guide, "--format", "json", "--output", base]).status, 1)
        let work = dir.appendingPathComponent("work")
        let copy = dir.appendingPathComponent("shared/guide/aws-deployment-guide.md")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        func check(_ contents: String) throws -> (CLI.Result, [String: Any]) {
            try contents.write(to: copy, atomically: true, encoding: .utf8)
            let result = try CLI.run(["check", guide, "--baseline", base, "--format", "json"], in: work.path)
            return (result, try json(result.stdout))
        }
        let (same, sameReport) = try check(text)
        XCTAssertEqual(same.status, 0, "every finding is in the baseline: \(same.stderr)")
        XCTAssertEqual(findings(sameReport).count, 0)
        let accepted = findings(sameReport, "waived").count
        XCTAssertGreaterThan(accepted, 9)
        let dotted = try CLI.run(["check", "./" + guide, "--baseline", base], in: work.path)
        XCTAssertEqual(dotted.status, 0, "`./path` names the same file as `path`: \(dotted.stdout)")

        let moved = "# Copia\n\nCinco líneas nuevas\narriba del todo.\n\n" + text
        let (shifted, shiftedReport) = try check(moved)
        XCTAssertEqual(shifted.status, 0, "fingerprints must survive line moves: \(shifted.stdout)")
        XCTAssertEqual(findings(shiftedReport, "waived").count, accepted)
        let movedLine = try line(of: #""POSTGRES_PASSWORD", "value""#, in: moved)
        XCTAssertEqual(movedLine, try line(of: #""POSTGRES_PASSWORD", "value""#, in: text) + 5)
        XCTAssertTrue(placed(findings(shiftedReport, "waived")).contains("ecs_plaintext_secret_env POSTGRES_PASSWORD @\(movedLine)"))

        let jwt = #"        {"name": "JWT_SECRET_KEY", "value": "temporalsecretkey123456789"},"#
        XCTAssertTrue(moved.contains(jwt))
        let newSecret = jwt + "\n" + #"        {"name": "OPENAI_API_KEY", "value": "sk-Zt8qL2mN5vR7wX1yB4cD6eF9gH3jK0pQ"},"#
        let withSecret = moved.replacingOccurrences(of: jwt, with: newSecret)
        let (fresh, freshReport) = try check(withSecret)
        XCTAssertEqual(fresh.status, 1, "a new secret is not in the baseline")
        XCTAssertEqual(placed(findings(freshReport)),
                       ["ecs_plaintext_secret_env OPENAI_API_KEY @\(try line(of: "OPENAI_API_KEY", in: withSecret))"])
        XCTAssertFalse(fresh.stdout.contains("sk-Zt8qL2mN5vR7wX1yB4cD6eF9gH3jK0pQ"), "the new secret leaked")
    }

    func testFixedGuidePassesAndEachRegressionFailsAgain() throws {
        let result = try CLI.run(["check", fixedGuide, "--fail-on", "high", "--format", "json"])
        XCTAssertEqual(result.status, 0, "the corrected guide must pass --fail-on high: \(result.stdout)")
        XCTAssertEqual(placed(findings(try json(result.stdout))), [], "the corrected guide leaves no finding at all")
        // It passes for the right reasons: undoing one fix brings its rule back.
        let fixed = try String(contentsOfFile: CLI.path(fixedGuide), encoding: .utf8)
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (fix, undone, rule, status) in [
            ("assignPublicIp=DISABLED", "assignPublicIp=ENABLED", "ecs_public_ip_on_task", Int32(1)),
            ("    --storage-encrypted \\\n", "", "rds_storage_unencrypted", 1),
            ("--manage-master-user-password", "--master-user-password \"Sup3r-Secr3t-Pw9\"", "file_plaintext_secret", 1),
            ("'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'", "Type=forward,TargetGroupArn=\"$TG_ARN\"",
             "elb_http_only_listener", 1),
            ("--vpc-security-group-ids \"$DB_SG\"", "--vpc-security-group-ids \"$CACHE_SG\"", "ec2_shared_security_group", 1),
            ("    --transit-encryption-enabled \\\n", "", "cache_transit_encryption_off", 1),
            ("aws logs put-retention-policy --log-group-name /ecs/hydrous-backend --retention-in-days 30\n", "", "logs_no_retention", 0),
            ("\"rediss://", "\"redis://", "ecs_plaintext_transport_url", 0),
            // The execution role's grant narrowed to the database secret: the app's two secrets cannot be read.
            ("\"arn:aws:secretsmanager:us-east-1:882816896907:secret:hydrous/*\",", "", "ecs_secret_unreadable", 1),
        ] {
            XCTAssertEqual(fixed.components(separatedBy: fix).count, 2, "the corrected guide should contain `\(fix)` once")
            let file = dir.appendingPathComponent("guide.md")
            try fixed.replacingOccurrences(of: fix, with: undone).write(to: file, atomically: true, encoding: .utf8)
            let run = try CLI.run(["check", "guide.md", "--format", "json"], in: dir.path)
            XCTAssertEqual(run.status, status, "undoing `\(fix)`")
            XCTAssertTrue(placed(findings(try json(run.stdout))).contains { $0.hasPrefix(rule + " ") }, "undoing `\(fix)` should bring \(rule)")
        }
    }

    func testSARIFValidatesAndSharesLinesWithJSON() throws {
        _ = try guideText()
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sarif = dir.appendingPathComponent("guide.sarif").path
        XCTAssertEqual(try CLI.run(["check", guide, "--format", "sarif", "--output", sarif]).status, 1)
        let validation = try CheckShell.run("/usr/bin/env", ["python3", "scripts/validate-sarif.py", sarif])
        XCTAssertEqual(validation.status, 0, "SARIF schema errors: \(validation.stderr)")
        let report = try json(try CLI.run(["check", guide, "--format", "json"]).stdout)
        var lineByFingerprint: [String: Int] = [:]
        for finding in findings(report) {
            let location = try XCTUnwrap(finding["location"] as? [String: Any], "a file finding without location: \(finding)")
            lineByFingerprint[try XCTUnwrap(finding["fingerprint"] as? String)] = location["line"] as? Int
        }
        let document = try json(try String(contentsOfFile: sarif, encoding: .utf8))
        let results = try XCTUnwrap(((document["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, lineByFingerprint.count, "one SARIF result per finding")
        for result in results {
            let fingerprint = try XCTUnwrap((result["partialFingerprints"] as? [String: Any])?["hydrousAudit/v1"] as? String)
            let physical = ((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any]
            let startLine = (physical?["region"] as? [String: Any])?["startLine"] as? Int
            XCTAssertEqual(((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String), guide)
            XCTAssertEqual(startLine, lineByFingerprint[fingerprint], "SARIF and JSON disagree on \(result["ruleId"] ?? "?")")
        }
    }

    func testInlineSuppressionNeedsAReason() throws {
        let text = try guideText()
        // Section 15's create-service command, verbatim, with a suppression above the flagged
        // line (the tool reads a comment inside a continued command; bash would end the command
        // there), plus a log group without retention (medium).
        let lines = text.components(separatedBy: "\n")
        let start = try line(of: "aws ecs create-service", in: text) - 1
        let flag = try line(of: "--network-configuration", in: text) - 1
        let end = try line(of: "--load-balancers \"targetGroupArn", in: text)
        func script(_ comment: String) -> String {
            (["#!/bin/bash", "aws logs create-log-group --log-group-name /ecs/web"] + lines[start..<flag]
                + ["    " + comment] + lines[flag..<end]).joined(separator: "\n") + "\n"
        }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("deploy.sh")
        let reasoned = script("# hydrous-audit:ignore ecs_public_ip_on_task public subnets are intended here")
        let flagLine = try line(of: "--network-configuration", in: reasoned)
        try reasoned.write(to: path, atomically: true, encoding: .utf8)
        let honoured = try CLI.run(["check", "deploy.sh", "--format", "json"], in: dir.path)
        XCTAssertEqual(honoured.status, 0, "only a medium finding is left: \(honoured.stdout)")
        let report = try json(honoured.stdout)
        XCTAssertEqual(placed(findings(report, "waived")), ["ecs_public_ip_on_task - @\(flagLine)"])
        // What stays: mediums only (one task behind a load balancer, a log group kept forever).
        XCTAssertEqual(placed(findings(report)),
                       ["ecs_single_task - @\(try line(of: "--desired-count 1", in: reasoned))", "logs_no_retention - @2"])
        let waived = try XCTUnwrap((report["waived"] as? [[String: Any]])?.first)
        XCTAssertTrue((waived["reason"] as? String ?? "").contains("public subnets are intended here"), "\(waived)")
        XCTAssertEqual(try CLI.run(["check", "deploy.sh", "--fail-on", "medium"], in: dir.path).status, 1)

        try script("# hydrous-audit:ignore ecs_public_ip_on_task").write(to: path, atomically: true, encoding: .utf8)
        let bare = try CLI.run(["check", "deploy.sh", "--format", "json"], in: dir.path)
        XCTAssertEqual(bare.status, 1, "a suppression without a reason is not honoured")
        let bareReport = try json(bare.stdout)
        XCTAssertEqual(placed(findings(bareReport, "waived")), [])
        XCTAssertTrue(placed(findings(bareReport)).contains("ecs_public_ip_on_task - @\(flagLine)"))
        let notices = bareReport["notices"] as? [String] ?? []
        XCTAssertTrue(notices.contains { $0.hasPrefix("deploy.sh:\(flagLine - 1):") && $0.contains("no reason") }, "\(notices)")

        // Above the command instead of the flagged line: nothing waived, and a notice says why.
        let above = ["#!/bin/bash", "# hydrous-audit:ignore ecs_public_ip_on_task public subnets are intended here"] + lines[start..<end]
        try (above.joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)
        let stale = try CLI.run(["check", "deploy.sh", "--format", "json"], in: dir.path)
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue((try json(stale.stdout)["notices"] as? [String] ?? []).contains { $0.hasPrefix("deploy.sh:2:") && $0.contains("matches no finding") })
    }

    func testTaskDefinitionAloneReportsItsThreeSecrets() throws {
        let file = "Tests/HydrousAuditTests/Fixtures/files/task-definition.json"
        let text = try String(contentsOfFile: CLI.path(file), encoding: .utf8)
        let result = try CLI.run(["check", file, "--format", "json"])
        XCTAssertEqual(result.status, 1)
        let secrets = placed(findings(try json(result.stdout))).filter { $0.hasPrefix("ecs_plaintext_secret_env ") }
        XCTAssertEqual(secrets.sorted(), try ["JWT_SECRET_KEY", "POSTGRES_PASSWORD", "REDIS_URL"].map {
            "ecs_plaintext_secret_env \($0) @\(try line(of: "\"\($0)\", \"value\"", in: text))"
        })
        for secret in guideSecrets { XCTAssertFalse(result.stdout.contains(secret), "secret leaked: \(secret)") }
    }

    func testMalformedJSONExits2NamingFileAndLine() throws {
        let file = "Tests/HydrousAuditTests/Fixtures/check/not-json.json"
        let text = try String(contentsOfFile: CLI.path(file), encoding: .utf8)
        let result = try CLI.run(["check", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "", "no report for an input error")
        // The missing comma is noticed where the next member starts.
        XCTAssertTrue(result.stderr.contains("\(file):\(try line(of: "containerDefinitions", in: text)):"), result.stderr)
    }

    /// The configuration is loaded while the files are read; when both are
    /// bad, the configuration's error is the one reported (as when it was loaded first).
    func testAConfigurationErrorWinsOverAFileError() throws {
        let badJSON = "Tests/HydrousAuditTests/Fixtures/check/not-json.json"
        let missingPricing = "/nonexistent/pricing.json"
        let both = try CLI.run(["check", badJSON, "--pricing", missingPricing])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains(missingPricing), both.stderr)
        XCTAssertFalse(both.stderr.contains(badJSON), both.stderr)
        let fileOnly = try CLI.run(["check", badJSON])
        XCTAssertEqual(fileOnly.status, 2)
        XCTAssertTrue(fileOnly.stderr.contains(badJSON), fileOnly.stderr)
        let configurationOnly = try CLI.run(["check", fixedGuide, "--pricing", missingPricing])
        XCTAssertEqual(configurationOnly.status, 2)
        XCTAssertTrue(configurationOnly.stderr.contains(missingPricing), configurationOnly.stderr)
    }

    func testCIExamplesParseAndSayWhatTheyMust() throws {
        let check = """
        import sys, yaml
        pr, hook, weekly = (yaml.safe_load(open(p)) for p in sys.argv[1:4])
        steps = [s for job in pr["jobs"].values() for s in job["steps"]]
        runs = "\\n".join(s.get("run", "") for s in steps)
        assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps), "no SARIF upload"
        assert "git diff --name-only" in runs and "origin/main...HEAD" in runs and "'*.json'" in runs, "no changed-files diff"
        assert "--fail-on high" in runs and "--format sarif" in runs, "no gate"
        local = [r for r in hook["repos"] if r["repo"] == "local"]
        assert local and local[0]["hooks"][0]["entry"].startswith("hydrous-audit check"), "no local hook"
        assert weekly[True]["schedule"][0]["cron"], "no schedule"  # YAML 1.1 reads `on` as true
        wruns = "\\n".join(s.get("run", "") for job in weekly["jobs"].values() for s in job["steps"])
        assert "--compare previous.json" in wruns and "report.json" in wruns, "no week-over-week"
        wsteps = [s for job in weekly["jobs"].values() for s in job["steps"]]
        assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in wsteps), "the whole report is not kept"
        publish = "\\n".join(s.get("with", {}).get("script", "") for s in wsteps)
        assert "65000" in publish and "artifact" in publish, "the issue body is not cut to GitHub's limit"
        cron = [l for l in open(sys.argv[4]) if l.strip() and not l.startswith("#")]
        assert len(cron) == 1 and len(cron[0].split()) >= 6 and "weekly-report.sh" in cron[0], "bad cron line"
        print("ok")
        """
        let files = ["github-actions-check.yml", "pre-commit-config.yaml", "weekly-report.yml", "weekly.cron"].map { "examples/ci/" + $0 }
        let result = try CheckShell.run("/usr/bin/env", ["python3", "-c", check] + files)
        XCTAssertEqual(result.status, 0, result.stderr)
        let script = try CheckShell.run("/bin/bash", ["-n", "examples/ci/weekly-report.sh"])
        XCTAssertEqual(script.status, 0, "weekly-report.sh: \(script.stderr)")
        let diffCall = try String(contentsOfFile: CLI.path("examples/ci/weekly-report.sh"), encoding: .utf8)
        XCTAssertTrue(diffCall.contains("hydrous-audit diff latest.json"), "the cron script must diff against last week's JSON")
    }
}

/// Runs a helper program (python3, bash) from the package root.
enum CheckShell {
    static func run(_ executable: String, _ arguments: [String]) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = LockedData()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData.set(err.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData.get(), as: UTF8.self))
    }
}
