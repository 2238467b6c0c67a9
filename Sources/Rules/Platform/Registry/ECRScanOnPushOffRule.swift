import Foundation
import Inventory

/// `ecr_scan_on_push_off`: pushed images are not scanned for vulnerabilities.
public struct ECRScanOnPushOffRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecr_scan_on_push_off",
        title: "Repository does not scan images on push",
        severity: .medium,
        rationale: """
            Without scanning on push, images with known CVEs in the base image or dependencies reach \
            production unnoticed; basic scanning is free.
            """,
        remediation: """
            `aws ecr put-image-scanning-configuration --repository-name <REPO> --image-scanning-configuration \
            scanOnPush=true` \
            (or enable enhanced scanning for the registry with `aws ecr put-registry-scanning-configuration`).
            """,
        references: ["ECR.1", "prowler ecr_repositories_scan_images_on_push_enabled"],
        triggering: [
            RuleExample("scanOnPush=false", PlatformFixtures.inventory { inv in
                inv.repositories = [PlatformFixtures.repository { $0.scanOnPush = false }]
            }, flagged: ["hydrous-backend"]),
        ],
        nonTriggering: [
            RuleExample("the guide: scanOnPush=true", PlatformFixtures.guide),
            RuleExample("unknown", PlatformFixtures.inventory { inv in
                inv.repositories = [PlatformFixtures.repository { $0.scanOnPush = nil }]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per repository whose scan on push is stated off.
    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.repositories.compactMap { repository in
            guard repository.scanOnPush == false else { return nil }
            return context.finding(
                repository, message: "The repository \(repository.name) does not scan images on push.",
                field: "scanOnPush"
            )
        }
    }
}
