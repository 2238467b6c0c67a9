import Foundation
import Inventory

/// `ecr_mutable_tags`: image tags in the repository can be overwritten.
public struct ECRMutableTagsRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecr_mutable_tags",
        title: "Repository allows image tags to be overwritten",
        severity: .medium,
        rationale: """
            With mutable tags, pushing `:latest` (or any tag) silently replaces what a running service will pull \
            on its next scale-out or restart: two tasks of one revision can run different code, a rollback to a \
            tag may not bring back the old image, and a compromised push is hard to spot.
            """,
        remediation: """
            `aws ecr put-image-tag-mutability --repository-name <REPO> --image-tag-mutability IMMUTABLE`, \
            then push each build under a unique tag (commit SHA) and deploy that tag or the image digest.
            """,
        references: ["ECR.2", "prowler ecr_repositories_tag_immutability"],
        triggering: [
            RuleExample("the guide: created with the default MUTABLE", PlatformFixtures.guide, flagged: ["hydrous-backend"]),
        ],
        nonTriggering: [
            RuleExample("IMMUTABLE", PlatformFixtures.inventory { inv in
                inv.repositories = [PlatformFixtures.repository { $0.imageTagMutability = "IMMUTABLE" }]
            }),
            RuleExample("not stated: unknown", PlatformFixtures.inventory { inv in
                inv.repositories = [PlatformFixtures.repository { $0.imageTagMutability = nil }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per repository whose tag mutability is `MUTABLE`.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.repositories.compactMap { repository in
            guard repository.imageTagMutability?.uppercased() == "MUTABLE" else { return nil }
            return context.finding(
                repository, message: "The repository \(repository.name) lets a push overwrite an existing image tag.",
                field: "imageTagMutability"
            )
        }
    }
}
