import Foundation
import Inventory

/// `file_plaintext_secret`: a secret written into a file under review (`hydrous-audit check`).
public struct FilePlaintextSecretRule: Rule {
    typealias F = ECSFixtures

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "file_plaintext_secret",
        title: "Secret written in a reviewed file",
        severity: .critical,
        rationale: """
            A password on a command line (`--master-user-password`, `--auth-token`), in a connection string, a JSON \
            value or a line of prose is copied into git history, shell history, CI logs and every clone of the repo; \
            it cannot be taken back, only rotated.
            """,
        remediation: """
            Remove the value and rotate it. Let RDS keep the master password (aws rds modify-db-instance \
            --db-instance-identifier <DB> --manage-master-user-password), keep other secrets in Secrets Manager \
            (aws secretsmanager create-secret --name <NAME> --secret-string file://<FILE>) and write only the reference \
            or a placeholder such as "$DB_PASSWORD" in documents and scripts.
            """,
        references: [],
        applicability: .files,
        triggering: [
            RuleExample("the guide's create-db-instance --master-user-password", F.inventory { inv in
                inv.fileValues = [F.fileValue("--master-user-password", "\"example_db_pw_41k\"")]
            }, flagged: ["docs/deploy.md:--master-user-password"], details: ["--master-user-password"]),
            RuleExample("an auth token, a connection string, a JSON key, a prose line", F.inventory { inv in
                inv.fileValues = [
                    F.fileValue("--auth-token", "s3cr3t-redis-token", line: 100),
                    F.fileValue("DATABASE", "postgres://app:s3cr3t-pw@db:5432/app", kind: .shellAssignment, line: 120),
                    F.fileValue("apiKey", "k-1234567890", kind: .jsonValue, line: 130),
                    F.fileValue("password", "example_db_pw_41k", kind: .prose, line: 140),
                    F.fileValue("Contraseña", "example_db_pw_41k", kind: .prose, line: 31),
                ]
            }, flagged: ["docs/deploy.md:--auth-token", "docs/deploy.md:DATABASE", "docs/deploy.md:apiKey", "docs/deploy.md:password",
                         "docs/deploy.md:Contraseña"]),
        ],
        nonTriggering: [
            RuleExample("references and placeholders", F.inventory { inv in
                inv.fileValues = [
                    F.fileValue("--master-user-password", "\"$DB_PASSWORD\""),
                    F.fileValue("--password-stdin", "", line: 90),
                    F.fileValue("--secret-string", "file://secret.json", line: 91),
                    F.fileValue("password", "<your-password>", kind: .prose, line: 92),
                    F.fileValue("POSTGRES_PASSWORD_FILE", "/run/secrets/db", kind: .shellAssignment, line: 93),
                ]
            }),
            RuleExample("a task definition environment value already reported by ecs_plaintext_secret_env", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition([F.container(env: [("POSTGRES_PASSWORD", "example_db_pw_41k")])]) { def in
                    def.locations = [LocationKey.environment("hydrous-backend", "POSTGRES_PASSWORD"): SourceLocation(file: "docs/deploy.md", line: 181)]
                }]
                inv.fileValues = [F.fileValue("POSTGRES_PASSWORD", "example_db_pw_41k", kind: .jsonValue, line: 181)]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per file value the detector calls a secret, unless a task
    /// definition environment variable at the same file and line already carries it.
    public func check(_ context: RuleContext) -> [Finding] {
        let covered = Set(context.inventory.taskDefinitions.flatMap { definition in
            definition.containers.flatMap { container in
                container.environment.compactMap { definition.locations[LocationKey.environment(container.name, $0.name)] }
            }
        })
        var occurrences: [String: Int] = [:]
        return context.inventory.fileValues.compactMap { value in
            guard !covered.contains(SourceLocation(file: value.file, line: value.line)) else { return nil }
            let text = ValueFacts.unquoted(value.value.trimmingCharacters(in: .whitespaces))
            let verdict = context.secrets.classify(name: value.key, value: text)
            guard verdict.isSecret else { return nil }
            let evidence = context.secrets.evidence(name: value.key, value: text)
            // The n-th secret under this key in this file: stable across line moves and rotation.
            let occurrence = occurrences[value.ref.id, default: 0]
            occurrences[value.ref.id] = occurrence + 1
            return context.finding(
                value,
                message: "\(value.file):\(value.line): `\(value.key)` holds a secret in clear text "
                    + "(\(verdict.signals.joined(separator: ", "))). Remove it from the file and rotate it.",
                detail: occurrence == 0 ? "" : String(occurrence), evidence: evidence
            )
        }
    }
}
