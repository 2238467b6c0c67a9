import Foundation
import Inventory

/// `ecs_plaintext_secret_env`: a container's `environment` holds a secret in clear text (one finding per variable).
public struct ECSPlaintextSecretEnvRule: Rule {
    typealias F = ECSFixtures
    static let guideSecrets = ["POSTGRES_PASSWORD", "REDIS_URL", "JWT_SECRET_KEY"]
    static let innocentNames: [(String, String?)] = [
        ("DATABASE", "postgres://app:s3cr3t-pw@db:5432/app"),
        ("UPSTREAM", "AKIAIOSFODNN7EXAMPLE"),
        ("CI_HELPER", "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"),
        ("BILLING", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"),
        ("INNOCENT", "q7Vx2LpK9mZr4TbW8nYc3HdF6sJa1GeU"),
    ]
    static let decoys: [(String, String?)] = [
        ("MIN_PASSWORD_LENGTH", "10"), ("SESSION_SECRET_FILE", "/run/secrets/session"),
        ("API_TOKEN_ARN", "arn:aws:secretsmanager:us-east-1:882816896907:secret:api-token-AbCdEf"),
        ("MYSQL_ALLOW_EMPTY_PASSWORD", "yes"), ("AUTH_ENABLED", "true"), ("REDIS_URL", "rediss://host:6379/0"),
        ("GIT_SHA", "3f786850e387550fdab836ed7e6dc881de23001b"),
        ("DB_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:882816896907:secret:db-AbCdEf"),
        ("TOKEN_TTL", "3600"), ("DB_PASSWORD", ""), ("API_KEY", "12345"), ("SECRET_TOKEN", "false"),
        ("PASSWORD", "ssm:/hydrous/db/password"), ("DB_PASSWORD", "${DB_PASSWORD}"),
        ("AUTH_URL", "https://auth.hydrous.io/login"),
    ]

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_plaintext_secret_env",
        title: "Secret in clear text in a container's environment",
        severity: .critical,
        rationale: """
            Environment values are part of the task definition: anyone who can call ecs:DescribeTaskDefinition, open the \
            console or read CloudTrail sees them, and every revision keeps them forever. Secrets belong in Secrets Manager \
            or SSM Parameter Store, referenced from the container's `secrets` list so ECS injects them at start.
            """,
        remediation: """
            aws secretsmanager create-secret --name hydrous/<VARIABLE> --secret-string file://<FILE_WITH_VALUE>; \
            then move the variable from `environment` to `secrets` as {"name": "<VARIABLE>", "valueFrom": "<SECRET_ARN>"}, \
            let the execution role read it (aws iam put-role-policy --role-name <EXECUTION_ROLE> --policy-name read-app-secrets \
            --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue",\
            "Resource":"<SECRET_ARN>"}]}'), register the new revision (aws ecs register-task-definition --cli-input-json \
            file://task-definition.json), and rotate the exposed value: old revisions still hold it.
            """,
        references: ["ECS.8", "prowler ecs_task_definitions_no_environment_secrets"],
        triggering: [
            RuleExample("the guide's task definition: exactly three secrets", F.guide,
                        flagged: Array(repeating: F.taskDefinitionId, count: 3), details: guideSecrets),
            RuleExample("secrets by value alone under innocent names", F.withEnvironment(innocentNames),
                        flagged: Array(repeating: F.taskDefinitionId, count: innocentNames.count),
                        details: innocentNames.map(\.0)),
            RuleExample("a short value under a secret name", F.withEnvironment([("DB_PASSWORD", "pw-1-2")]),
                        flagged: [F.taskDefinitionId], details: ["DB_PASSWORD"]),
            RuleExample("camelCase and word pairs", F.withEnvironment([("redisPassword", "hunter22"), ("STRIPE_API_KEY", "abc-123")]),
                        flagged: [F.taskDefinitionId, F.taskDefinitionId], details: ["redisPassword", "STRIPE_API_KEY"]),
        ],
        nonTriggering: [
            RuleExample("the guide's settings that are not secrets",
                        F.withEnvironment(F.guideEnvironment.filter { !guideSecrets.contains($0.0) })),
            RuleExample("variables taken from the secrets list",
                        F.withEnvironment([("POSTGRES_PASSWORD", "example_db_pw_41k")], secrets: ["POSTGRES_PASSWORD"])),
        ] + decoys.map { RuleExample("decoy \($0.0)=\($0.1 ?? "")", F.withEnvironment([$0])) }
    )

    /// Creates the rule.
    public init() {}

    /// One finding per environment variable the detector calls a secret.
    public func check(_ context: RuleContext) -> [Finding] {
        let (environment, verdicts) = (context.environment, context.environmentVerdicts)
        let hints = context.environmentOnlyURLCredentials
        return environment.indices.compactMap { index in
            let (entry, verdict) = (environment[index], verdicts[index])
            guard verdict.isSecret else { return nil }
            let signals = verdict.signals.joined(separator: ", ")
            return context.finding(
                ref: entry.ref, location: entry.location,
                message: "Container `\(entry.containerName)` sets `\(entry.name)` in clear text in its environment "
                    + "(\(signals)): anyone who can read the task definition sees it. Move it to Secrets Manager and "
                    + "reference it from `secrets`.",
                detail: entry.detail,
                evidence: context.secrets.evidence(name: entry.name, value: entry.value, onlyURLCredentials: hints[index])
            )
        }
    }
}
