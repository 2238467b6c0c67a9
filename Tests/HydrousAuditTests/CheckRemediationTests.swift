import Foundation
import XCTest
@testable import HydrousAudit
import Rules

/// Our remediations, applied as written, pass our own gate: for every rule the
/// guide triggers under `check` whose remediation names an AWS CLI command, a
/// fix script running that command on the guide's resources is checked after
/// the guide (`check guide.md fix.sh`: files are read in order, into one
/// inventory, and shell variables carry across them). The rule's finding on
/// that resource must go, and nothing new may appear. A meta-test keeps every
/// remediation command either replayed by the gate or listed as not modelled.
final class CheckRemediationTests: XCTestCase {
    static let albARN = "arn:aws:elasticloadbalancing:us-east-1:882816896907:loadbalancer/app/hydrous-alb/f3b89d4ca2680661"
    static let targetGroupARN = "arn:aws:elasticloadbalancing:us-east-1:882816896907:targetgroup/hydrous-tg/5157a5bc2b9a3ba1"
    /// The guide's HTTP listener as AWS names it (its id is the one thing the guide does not show).
    static let httpListenerARN = "arn:aws:elasticloadbalancing:us-east-1:882816896907:listener/app/hydrous-alb/f3b89d4ca2680661/0a1b2c3d4e5f6a7b"
    static let httpsListener = """
        aws elbv2 create-listener --load-balancer-arn \(albARN) --protocol HTTPS --port 443 \\
            --certificates CertificateArn=arn:aws:acm:us-east-1:882816896907:certificate/5f0c2a1e-0000-4000-8000-000000000000 \\
            --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 \\
            --default-actions Type=forward,TargetGroupArn=\(targetGroupARN)

        """
    /// The cache recreated as a TLS replication group under the guide's id (the gate replaces the resource).
    static func tlsReplicationGroup(auth: Bool) -> String {
        """
        aws elasticache create-replication-group --replication-group-id hydrous-redis \\
            --replication-group-description "Hydrous Redis" --engine redis --cache-node-type cache.t3.micro \\
            --num-cache-clusters 1 --transit-encryption-enabled --at-rest-encryption-enabled \\
            \(auth ? "--auth-token \"$REDIS_AUTH_TOKEN\" " : "")--security-group-ids sg-0e9c31a4a958f802d

        """
    }

    /// Rule id → the fix script its remediation gives, on the guide's resources.
    static let fixes: [String: String] = [
        "elb_http_only_listener": """
            aws elbv2 modify-listener --listener-arn \(httpListenerARN) --default-actions \\
                'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'
            \(httpsListener)
            """,
        "elb_open_port_without_listener": """
            aws ec2 revoke-security-group-ingress --group-id sg-0656c9b30db94ff8d --protocol tcp --port 443 --cidr 0.0.0.0/0

            """,
        "elb_access_logs_off": """
            aws elbv2 modify-load-balancer-attributes --load-balancer-arn \(albARN) \\
                --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=hydrous-alb-logs

            """,
        "elb_deletion_protection_off": """
            aws elbv2 modify-load-balancer-attributes --load-balancer-arn \(albARN) --attributes Key=deletion_protection.enabled,Value=true

            """,
        "elb_invalid_headers_not_dropped": """
            aws elbv2 modify-load-balancer-attributes --load-balancer-arn \(albARN) \\
                --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true

            """,
        "ec2_shared_security_group": """
            REDIS_SG_ID=$(aws ec2 create-security-group --group-name hydrous-redis-sg --description "Redis" \\
                --vpc-id vpc-0400da935e367fc88 --query GroupId --output text)
            aws ec2 authorize-security-group-ingress --group-id "$REDIS_SG_ID" --protocol tcp --port 6379 --source-group sg-0f1371d35dec3c8e7
            aws elasticache modify-cache-cluster --cache-cluster-id hydrous-redis --security-group-ids "$REDIS_SG_ID" --apply-immediately

            """,
        "ecs_public_ip_on_task": """
            aws ecs update-service --cluster hydrous-cluster --service hydrous-backend-service --network-configuration \\
                "awsvpcConfiguration={subnets=[subnet-042d8410ae7404748,subnet-06c22eefcb8d896e8],securityGroups=[sg-0f1371d35dec3c8e7],assignPublicIp=DISABLED}" \\
                --force-new-deployment

            """,
        "ecs_container_insights_off": """
            aws ecs update-cluster-settings --cluster hydrous-cluster --settings name=containerInsights,value=enabled

            """,
        "cache_transit_encryption_off": tlsReplicationGroup(auth: true),
        "cache_at_rest_encryption_off": tlsReplicationGroup(auth: true),
        // AUTH needs TLS: recreate without a token, then set one as the remediation says.
        "cache_auth_off": tlsReplicationGroup(auth: false) + """
            aws elasticache modify-replication-group --replication-group-id hydrous-redis --auth-token "$REDIS_AUTH_TOKEN" \\
                --auth-token-update-strategy ROTATE --apply-immediately

            """,
        "cache_backups_off": """
            aws elasticache modify-cache-cluster --cache-cluster-id hydrous-redis --snapshot-retention-limit 7 \\
                --snapshot-window 03:00-04:00 --apply-immediately

            """,
        "ecr_mutable_tags": """
            aws ecr put-image-tag-mutability --repository-name hydrous-backend --image-tag-mutability IMMUTABLE

            """,
        "ecr_no_lifecycle_policy": """
            aws ecr put-lifecycle-policy --repository-name hydrous-backend --lifecycle-policy-text \\
                '{"rules":[{"rulePriority":1,"description":"keep last 20","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":20},"action":{"type":"expire"}}]}'

            """,
        // The other half (a dedicated execution role in the task definition) is an edit of the JSON.
        "iam_task_role_has_execution_policy": """
            aws iam detach-role-policy --role-name ecsTaskExecutionRole \\
                --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy

            """,
        "logs_no_retention": """
            aws logs put-retention-policy --log-group-name /ecs/hydrous-backend --retention-in-days 30

            """,
        "rds_single_az": """
            aws rds modify-db-instance --db-instance-identifier hydrous-db --multi-az --apply-immediately

            """,
        "rds_unmanaged_master_password": """
            aws rds modify-db-instance --db-instance-identifier hydrous-db --manage-master-user-password --apply-immediately

            """,
        "rds_deletion_protection_off": """
            aws rds modify-db-instance --db-instance-identifier hydrous-db --deletion-protection --apply-immediately

            """,
    ]

    /// Guide findings whose remediation names commands but whose fix is an
    /// edit of the files themselves, with why no appended command clears them.
    static let fixedByEditing: [String: String] = [
        "ecs_plaintext_secret_env": "the value is in the task definition JSON; every revision the files register is checked",
        "ecs_task_role_is_execution_role": "the roles are named in the task definition JSON",
        "ecs_writable_root_filesystem": "readonlyRootFilesystem is set in the task definition JSON",
        "ecs_mutable_image_tag": "the image tag is in the task definition JSON",
        "ecs_plaintext_transport_url": "the URL is in the task definition JSON",
        "ecs_unresolved_endpoint": "describe-* reads the endpoint to write into the task definition",
        "file_plaintext_secret": "the value is written in the file; rotating it does not remove it",
        "rds_storage_unencrypted": "snapshots and restores are not modelled, and the unencrypted instance stays until deleted",
    ]

    /// `(ruleId, resource id)` of each finding, the report's notices.
    struct Outcome {
        var findings: Set<String>
        var notices: [String]
        func has(_ rule: String) -> Bool { findings.contains { $0.hasPrefix(rule + " ") } }
    }

    /// `check guide.md [fix.sh]` on a copy of the guide.
    func check(fix: String?) throws -> Outcome {
        let dir = try CLI.temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: FilesFixtures.guidePath, toPath: dir.appendingPathComponent("guide.md").path)
        var files = ["guide.md"]
        if let fix {
            try fix.write(to: dir.appendingPathComponent("fix.sh"), atomically: true, encoding: .utf8)
            files.append("fix.sh")
        }
        let result = try CLI.run(["check"] + files + ["--format", "json"], in: dir.path)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
        let findings = (report["findings"] as? [[String: Any]] ?? []).map { finding -> String in
            let resource = (finding["resource"] as? [String: Any])?["id"] as? String ?? "?"
            return "\(finding["ruleId"] as? String ?? "?") \(resource)"
        }
        return Outcome(findings: Set(findings), notices: report["notices"] as? [String] ?? [])
    }

    /// Every `aws SERVICE OPERATION` in `text`.
    static func commands(in text: String) -> Set<CLIOperation> {
        let words = text.split(whereSeparator: { $0.isWhitespace || "`'(\"".contains($0) }).map(String.init)
        var out = Set<CLIOperation>()
        for index in words.indices.dropLast(2) where words[index] == "aws" {
            let service = words[index + 1], operation = words[index + 2]
            guard service.allSatisfy({ $0.isLowercase || $0.isNumber }),
                  operation.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), operation.contains("-") else { continue }
            out.insert(CLIOperation(service, operation))
        }
        return out
    }

    func testEveryRemediationCommandIsReplayedOrListedAsNotModelled() {
        let handled = Set(FileInventoryBuilder.handlers.keys)
        let notModelled = Set(CLICommandCoverage.notModelled.keys)
        XCTAssertTrue(handled.isDisjoint(with: notModelled), "both replayed and not modelled: \(handled.intersection(notModelled))")
        var named = Set<CLIOperation>()
        for rule in RuleRegistry.all {
            let commands = Self.commands(in: rule.description.remediation)
            named.formUnion(commands)
            for command in commands where !handled.contains(command) && !notModelled.contains(command) {
                XCTFail("\(rule.description.id)'s remediation tells users to run `\(command)`, which `check` neither replays "
                    + "(FileInventoryBuilder.handlers) nor lists in CLICommandCoverage.notModelled")
            }
        }
        XCTAssertTrue(named.contains(CLIOperation("elbv2", "modify-listener")), "the extraction reads the remediations: \(named)")
        for command in notModelled.subtracting(named).sorted(by: { $0.description < $1.description }) {
            XCTFail("`\(command)` is listed as not modelled but no remediation names it any more")
        }
    }

    func testEveryGuideFindingWithARemediationCommandHasAFixOrAReason() throws {
        let guide = try check(fix: nil)
        let triggered = Set(guide.findings.map { String($0.prefix { $0 != " " }) })
        for id in triggered.sorted() {
            guard let rule = RuleRegistry.rule(id: id), !Self.commands(in: rule.description.remediation).isEmpty else { continue }
            XCTAssertTrue(Self.fixes[id] != nil || Self.fixedByEditing[id] != nil,
                          "\(id): the guide triggers it and its remediation names a command; add its fix script here")
        }
        for id in Set(Self.fixes.keys).union(Self.fixedByEditing.keys).sorted() {
            XCTAssertTrue(triggered.contains(id), "\(id) no longer fires on the guide: move it out of the fix table")
        }
    }

    func testEachFixScriptClearsItsFindingAndAddsNone() throws {
        let guide = try check(fix: nil)
        for (id, script) in Self.fixes.sorted(by: { $0.key < $1.key }) {
            let fixed = try check(fix: script)
            let gone = guide.findings.filter { $0.hasPrefix(id + " ") }
            XCTAssertFalse(gone.isEmpty, "\(id): the guide's finding is expected")
            for finding in gone { XCTAssertFalse(fixed.findings.contains(finding), "\(id): \(finding) is still reported after the fix") }
            XCTAssertTrue(fixed.findings.isSubset(of: guide.findings), "\(id): the fix added \(fixed.findings.subtracting(guide.findings).sorted())")
            XCTAssertEqual(fixed.notices, guide.notices, "\(id): every command of the fix is understood")
        }
    }

    /// Remediations of rules the guide does not trigger: the problem is
    /// appended first (and must fire), then the fix (and it must go).
    func testFixesOfRulesTheGuideDoesNotTrigger() throws {
        let redirect = "'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'"
        let cases: [(rule: String, problem: String, fix: String)] = [
            // No --ssl-policy: AWS's default, ELBSecurityPolicy-2016-08, accepts TLS 1.0.
            ("elb_weak_tls_policy", """
                HTTPS_ARN=$(aws elbv2 create-listener --load-balancer-arn \(Self.albARN) --protocol HTTPS --port 443 \\
                    --certificates CertificateArn=arn:aws:acm:us-east-1:882816896907:certificate/5f0c2a1e-0000-4000-8000-000000000000 \\
                    --default-actions Type=forward,TargetGroupArn=\(Self.targetGroupARN) --query 'Listeners[0].ListenerArn' --output text)

                """,
             "aws elbv2 modify-listener --listener-arn \"$HTTPS_ARN\" --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06\n"),
            ("ec2_world_open_data_port",
             "aws ec2 authorize-security-group-ingress --group-id sg-0f1371d35dec3c8e7 --protocol tcp --port 8000 --cidr 0.0.0.0/0\n",
             "aws ec2 revoke-security-group-ingress --group-id sg-0f1371d35dec3c8e7 --ip-permissions "
                 + "'[{\"IpProtocol\":\"tcp\",\"FromPort\":8000,\"ToPort\":8000,\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\"}]}]'\n"),
            ("ecr_scan_on_push_off",
             "aws ecr put-image-scanning-configuration --repository-name hydrous-backend --image-scanning-configuration scanOnPush=false\n",
             "aws ecr put-image-scanning-configuration --repository-name hydrous-backend --image-scanning-configuration scanOnPush=true\n"),
            ("rds_public_access",
             "aws rds modify-db-instance --db-instance-identifier hydrous-db --publicly-accessible\n",
             "aws rds modify-db-instance --db-instance-identifier hydrous-db --no-publicly-accessible --apply-immediately\n"),
            ("rds_backup_retention_short",
             "aws rds modify-db-instance --db-instance-identifier hydrous-db --backup-retention-period 1\n",
             "aws rds modify-db-instance --db-instance-identifier hydrous-db --backup-retention-period 7 --apply-immediately\n"),
            ("elb_http_only_listener", """
                aws elbv2 modify-listener --listener-arn \(Self.httpListenerARN) --default-actions \(redirect)
                \(Self.httpsListener)RULE_ARN=$(aws elbv2 create-rule --listener-arn \(Self.httpListenerARN) --priority 10 \\
                    --conditions Field=path-pattern,Values='/api/*' --actions Type=forward,TargetGroupArn=\(Self.targetGroupARN) \\
                    --query 'Rules[0].RuleArn' --output text)

                """,
             "aws elbv2 modify-rule --rule-arn \"$RULE_ARN\" --actions \(redirect)\n"),
        ]
        let guide = try check(fix: nil)
        for (rule, problem, fix) in cases {
            let broken = try check(fix: problem)
            XCTAssertTrue(broken.has(rule), "\(rule) fires on the problem: \(broken.findings.sorted())")
            XCTAssertEqual(broken.notices, guide.notices, rule)
            let fixed = try check(fix: problem + fix)
            XCTAssertFalse(fixed.has(rule), "\(rule) is gone after the fix: \(fixed.findings.sorted())")
            XCTAssertTrue(fixed.findings.isSubset(of: broken.findings), "\(rule): the fix added \(fixed.findings.subtracting(broken.findings).sorted())")
            XCTAssertEqual(fixed.notices, guide.notices, rule)
        }
    }
}
