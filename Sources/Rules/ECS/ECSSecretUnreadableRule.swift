import Foundation
import Inventory

/// `ecs_secret_unreadable`: a container takes a value from Secrets Manager or
/// SSM Parameter Store that the task's execution role is not allowed to read
/// (one finding per task definition and secret reference).
///
/// The role counts as read when it is in the inventory with its trust policy
/// (what `GetRole` and `aws iam create-role` both carry: a role seen only
/// through a policy attachment in a file is not known) and its policy lists
/// were read (no failed `ListRolePolicies`/`ListAttachedRolePolicies`).
public struct ECSSecretUnreadableRule: Rule {
    typealias F = ECSFixtures
    static let admin = "arn:aws:iam::aws:policy/AdministratorAccess"
    static let listOperations: Set<String> = ["ListRolePolicies", "ListAttachedRolePolicies"]
    static let jwt = [("JWT_SECRET_KEY", F.jwtSecretArn)]
    static let partial = [("JWT_SECRET_KEY", F.secretPrefix + "hydrous/jwt-secret-key")]
    static let db = [("POSTGRES_PASSWORD", F.dbSecretArn + ":password::")]
    static let ssmName = [("REDIS_AUTH_TOKEN", "/hydrous/redis-auth-token")]
    static let flagged = [F.taskDefinitionId]

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_secret_unreadable",
        title: "The execution role cannot read a secret the task definition references",
        severity: .high,
        rationale: """
            ECS fetches every value of a container's `secrets` list with the task execution role before the container \
            starts: secretsmanager:GetSecretValue on the secret, ssm:GetParameters on a parameter. Without that grant \
            (forgotten, scoped to another ARN, or to the ARN with its JSON key suffix) or without an execution role at \
            all, every new task stops with ResourceInitializationError: moving a secret out of `environment` takes the \
            service down at its next deployment. The rule reads the role's inline policies and the AWS-managed policies \
            it knows (AmazonECSTaskExecutionRolePolicy grants neither action); another attached policy, a condition or \
            a document it could not read leaves the answer open and the rule quiet. It does not read the secret's own \
            resource policy; a secret encrypted with a customer managed KMS key also needs kms:Decrypt.
            """,
        remediation: """
            aws iam put-role-policy --role-name <EXECUTION_ROLE> --policy-name read-app-secrets --policy-document \
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue",\
            "Resource":"<SECRET_ARN>"}]}' (the secret's ARN without a JSON key suffix, or \
            arn:aws:secretsmanager:<REGION>:<ACCOUNT>:secret:<NAME>-* for a partial ARN; for SSM, "ssm:GetParameters" on \
            arn:aws:ssm:<REGION>:<ACCOUNT>:parameter/<NAME>). A task definition without an execution role needs one: set \
            "executionRoleArn" and register a new revision.
            """,
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html#task-execution-secrets",
        ],
        triggering: [
            RuleExample("a secret with only AmazonECSTaskExecutionRolePolicy", F.withSecrets(jwt), flagged: flagged,
                        details: ["JWT_SECRET_KEY", "ecsTaskExecutionRole", F.jwtSecretArn]),
            RuleExample("a grant scoped to another secret",
                        F.withSecrets(jwt, role: reading([F.secretPrefix + "hydrous/other-AbCdEf"])), flagged: flagged),
            RuleExample("a grant on the ARN with its JSON key suffix",
                        F.withSecrets(db, role: reading([F.dbSecretArn + ":password::"])),
                        flagged: flagged, details: ["POSTGRES_PASSWORD", F.dbSecretArn]),
            RuleExample("a grant of DescribeSecret, not GetSecretValue", F.withSecrets(jwt, role: F.executionRole(inline: [
                ("read", F.policy(["secretsmanager:DescribeSecret"], [F.jwtSecretArn])),
            ])), flagged: flagged),
            RuleExample("no execution role at all: two secrets",
                        F.withSecrets(jwt + [("REDIS_AUTH_TOKEN", F.redisParameterArn)], role: nil) { inv in
                            inv.taskDefinitions[0].executionRoleArn = nil
                        }, flagged: flagged + flagged, details: ["JWT_SECRET_KEY", "REDIS_AUTH_TOKEN"]),
            RuleExample("an explicit Deny wins over AdministratorAccess", F.withSecrets(jwt, role: F.executionRole(
                attached: [admin], inline: [("deny", F.policy(["secretsmanager:*"], ["*"], effect: "Deny"))])), flagged: flagged),
            RuleExample("an SSM parameter by name, only Secrets Manager granted",
                        F.withSecrets(ssmName, role: reading(["*"])), flagged: flagged, details: ["REDIS_AUTH_TOKEN", "ssm:GetParameters"]),
        ],
        nonTriggering: [
            RuleExample("the guide: no secrets", F.guide),
            RuleExample("a grant on the secret's ARN", F.withSecrets(jwt, role: reading([F.jwtSecretArn]))),
            RuleExample("a JSON key suffix in valueFrom, the secret's ARN granted", F.withSecrets(db, role: reading([F.dbSecretArn]))),
            RuleExample("a partial ARN under a `hydrous/*` grant", F.withSecrets(partial, role: reading([F.secretPrefix + "hydrous/*"]))),
            RuleExample("a partial ARN under a `NAME-??????` grant",
                        F.withSecrets(partial, role: reading([F.secretPrefix + "hydrous/jwt-secret-key-??????"]))),
            RuleExample("a partial ARN against one full ARN: cannot tell", F.withSecrets(partial, role: reading([F.jwtSecretArn]))),
            RuleExample("actions match case-insensitively", F.withSecrets(jwt, role: F.executionRole(inline: [
                ("read", F.policy(["SecretsManager:getsecret*"], [F.jwtSecretArn])),
            ]))),
            RuleExample("SecretsManagerReadWrite attached", F.withSecrets(jwt, role: F.executionRole(
                attached: [F.executionPolicy, "arn:aws:iam::aws:policy/SecretsManagerReadWrite"]))),
            RuleExample("AdministratorAccess attached", F.withSecrets(jwt, role: F.executionRole(attached: [admin]))),
            RuleExample("an SSM parameter by name under AmazonSSMReadOnlyAccess", F.withSecrets(ssmName, role: F.executionRole(
                attached: ["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"]))),
            RuleExample("an SSM parameter ARN granted inline", F.withSecrets([("REDIS_AUTH_TOKEN", F.redisParameterArn)],
                        role: F.executionRole(inline: [("read", F.policy(["ssm:GetParameters"], [F.redisParameterArn]))]))),
            RuleExample("a customer managed policy attached: cannot tell", F.withSecrets(jwt, role: F.executionRole(
                attached: [F.executionPolicy, "arn:aws:iam::882816896907:policy/read-secrets"]))),
            RuleExample("an inline policy whose document was not read", F.withSecrets(jwt, role: F.executionRole(inline: [("read", nil)]))),
            RuleExample("an inline document that is not a policy",
                        F.withSecrets(jwt, role: F.executionRole(inline: [("read", "{\"Statement\": 5")]))),
            RuleExample("an Allow under a condition", F.withSecrets(jwt, role: F.executionRole(inline: [("read", F.policy(
                ["secretsmanager:GetSecretValue"], ["*"], condition: #"{"StringEquals":{"aws:SourceVpc":"vpc-1"}}"#))]))),
            RuleExample("the execution role was not read", F.withSecrets(jwt, role: nil)),
            RuleExample("the role's policy list was denied", F.withSecrets(jwt) { inv in
                inv.coverage = [CoverageEntry(service: "iam", operation: "ListRolePolicies", status: .denied)]
            }),
            RuleExample("a role seen only through an attachment (no trust policy)", F.withSecrets(jwt) { inv in
                inv.roles = inv.roles.map { role in
                    var role = role
                    role.assumeRolePolicyDocument = nil
                    return role
                }
            }),
        ]
    )

    /// The execution role with an inline grant of GetSecretValue on `resources`.
    static func reading(_ resources: [String]) -> IAMRole {
        F.executionRole(inline: [("read", F.readSecrets(resources))])
    }

    /// Creates the rule.
    public init() {}

    /// One finding per secret reference the execution role is known not to be allowed to read.
    public func check(_ context: RuleContext) -> [Finding] {
        let inventory = context.inventory
        let listsRead = !inventory.coverage.contains { $0.service == "iam" && Self.listOperations.contains($0.operation) && $0.status != .ok }
        var permissions: [String: IAMPermissions] = [:]
        var findings: [Finding] = []
        for definition in inventory.taskDefinitions where definition.containers.contains(where: { !$0.secrets.isEmpty }) {
            var role: (IAMRole, IAMPermissions)?
            if let reference = definition.executionRoleArn, !reference.isEmpty {
                guard listsRead, let found = inventory.role(reference), found.assumeRolePolicyDocument != nil else { continue }
                let known = permissions[found.arn] ?? IAMPermissions(role: found)
                permissions[found.arn] = known
                role = (found, known)
            }
            let place = ECSSecretReference.arnContext(definition.arn)
            var seen = Set<String>()
            for container in definition.containers {
                for secret in container.secrets where seen.insert("\(container.name)/\(secret.name)").inserted {
                    let reference = ECSSecretReference(
                        valueFrom: secret.valueFrom, partition: place?.partition ?? "aws",
                        region: place?.region ?? inventory.region, account: place?.account ?? inventory.account)
                    let message: String
                    let source = "Container `\(container.name)` takes `\(secret.name)` from `\(reference?.display ?? secret.valueFrom)`"
                    if case let (found, known)? = role {
                        guard let reference, known.decide(reference.action, on: reference.resource) == .denied else { continue }
                        message = "\(source), but execution role `\(found.name)` is not allowed \(reference.action) on it (its "
                            + "inline and known AWS-managed policies): every new task fails to start with ResourceInitializationError."
                    } else {
                        message = "\(source), but the task definition has no execution role to fetch it with: every new task "
                            + "fails to start with ResourceInitializationError."
                    }
                    let field = LocationKey.secret(container.name, secret.name)
                    findings.append(context.finding(
                        definition, message: message, detail: "\(container.name)/\(secret.name)",
                        field: definition.locations[field] != nil ? field : LocationKey.container(container.name, "secrets")))
                }
            }
        }
        return findings
    }
}
