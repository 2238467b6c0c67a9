import Foundation
import Inventory

/// `ecr_no_lifecycle_policy`: old images are never expired.
public struct ECRNoLifecyclePolicyRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecr_no_lifecycle_policy",
        title: "Repository has no lifecycle policy",
        severity: .low,
        rationale: """
            Without a lifecycle policy every pushed image stays forever: storage is billed per GB-month and \
            grows with each deploy, and old images with known vulnerabilities remain pullable.
            """,
        remediation: """
            `aws ecr put-lifecycle-policy --repository-name <REPO> --lifecycle-policy-text \
            '{"rules":[{"rulePriority":1,"description":"keep last 20","selection":{"tagStatus":"any",\
            "countType":"imageCountMoreThan","countNumber":20},"action":{"type":"expire"}}]}'`.
            """,
        references: ["ECR.3", "prowler ecr_repositories_lifecycle_policy_enabled"],
        triggering: [
            RuleExample("the guide: no put-lifecycle-policy", PlatformFixtures.guide, flagged: ["hydrous-backend"]),
        ],
        nonTriggering: [
            RuleExample("a lifecycle policy exists", PlatformFixtures.inventory { inv in
                inv.repositories = [PlatformFixtures.repository { $0.hasLifecyclePolicy = true }]
            }),
            RuleExample("unknown", PlatformFixtures.inventory { inv in
                inv.repositories = [PlatformFixtures.repository { $0.hasLifecyclePolicy = nil }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per repository known to have no lifecycle policy.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.repositories.compactMap { repository in
            guard repository.hasLifecyclePolicy == false else { return nil }
            let images = repository.images.count
            let stored = images == 0 ? "" : " (\(images) image\(images == 1 ? "" : "s") stored)"
            return context.finding(
                repository,
                message: "The repository \(repository.name) has no lifecycle policy: old images are never expired\(stored).",
                field: "hasLifecyclePolicy"
            )
        }
    }
}
