import Foundation
import Inventory

/// `ecs_mutable_image_tag`: a container image is `:latest` or untagged, and not pinned by digest.
public struct ECSMutableImageTagRule: Rule {
    typealias F = ECSFixtures

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_mutable_image_tag",
        title: "Container image is not pinned (`latest` or no tag)",
        severity: .medium,
        rationale: """
            `latest` (or no tag, which means latest) names whatever was pushed last: a new task may start a different \
            build than the running ones, a rollback to the previous revision does not roll the code back, and nobody can \
            tell from the task definition which build runs.
            """,
        remediation: """
            Tag each build with its version or git SHA (docker tag … <REPO>:<GIT_SHA>), make the repository refuse \
            overwrites (aws ecr put-image-tag-mutability --repository-name <REPO> --image-tag-mutability IMMUTABLE), \
            or pin the digest: aws ecr describe-images --repository-name <REPO> --image-ids imageTag=<TAG> \
            --query 'imageDetails[0].imageDigest' and use <REPO>@sha256:…; then register the new revision.
            """,
        references: [],
        triggering: [
            RuleExample("the guide: :latest", F.guide, flagged: [F.taskDefinitionId], details: ["hydrous-backend"]),
            RuleExample("no tag at all", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition([F.container { $0.image = "nginx" }])]
            }, flagged: [F.taskDefinitionId]),
            RuleExample("registry with a port, no tag", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition([F.container { $0.image = "registry.local:5000/team/app" }])]
            }, flagged: [F.taskDefinitionId]),
        ],
        nonTriggering: [
            RuleExample("a version tag", F.inventory { inv in inv.taskDefinitions = [F.taskDefinition()] }),
            RuleExample("latest but pinned by digest", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition([F.container {
                    $0.image = F.repository + ":latest@sha256:" + String(repeating: "ab", count: 32)
                }])]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// The tag of `image` (`nil` when absent), ignoring a registry port.
    static func tag(of image: String) -> String? {
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return nil }
        return String(lastComponent[lastComponent.index(after: colon)...])
    }

    /// One finding per container whose image is `latest` or untagged and has no digest.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.taskDefinitions.flatMap { definition in
            definition.containers.compactMap { container -> Finding? in
                guard let image = container.image, !image.contains("@sha256:") else { return nil }
                let tag = Self.tag(of: image)
                guard tag == nil || tag == "latest" else { return nil }
                let shown = tag == nil ? "no tag (means latest)" : "`:latest`"
                return context.finding(
                    definition,
                    message: "Container `\(container.name)` runs `\(image)` with \(shown): the image can change under the same name.",
                    detail: container.name, field: LocationKey.container(container.name, "image")
                )
            }
        }
    }
}
