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
    /// `true` when `image` has no tag, `false` when its tag is `latest`,
    /// `nil` for any other tag: `tag(of:)` worked out on the bytes of
    /// printable ASCII (one character a byte), else by `tag(of:)` itself.
    static func untaggedOrLatest(_ image: String) -> Bool? {
        switch image.utf8.withContiguousStorageIfAvailable(asciiTag) ?? .notPrintableASCII {
        case .untagged: return true
        case let .tagged(isLatest): return isLatest ? false : nil
        case .notPrintableASCII:
            let tag = tag(of: image)
            return tag == nil ? true : tag == "latest" ? false : nil
        }
    }

    private enum ASCIITag { case notPrintableASCII, untagged, tagged(isLatest: Bool) }

    /// `tag(of:)` on bytes, for printable ASCII.
    private static func asciiTag(_ bytes: UnsafeBufferPointer<UInt8>) -> ASCIITag {
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return .notPrintableASCII }
        let slash = UInt8(ascii: "/")
        // `split(separator: "/").last`: the last non-empty part, or the whole text when there is none.
        var end = bytes.count
        while end > 0, bytes[end - 1] == slash { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] != slash { start -= 1 }
        if end == 0 { (start, end) = (0, bytes.count) }
        guard let colon = bytes[start..<end].lastIndex(of: UInt8(ascii: ":")) else { return .untagged }
        return .tagged(isLatest: bytes[(colon + 1)..<end].elementsEqual("latest".utf8))
    }

    public func check(_ context: RuleContext) -> [Finding] {
        context.inventory.taskDefinitions.flatMap { definition in
            definition.containers.compactMap { container -> Finding? in
                guard let image = container.image, FastText.range(of: "@sha256:", in: image) == nil,
                      let untagged = Self.untaggedOrLatest(image) else { return nil }
                let shown = untagged ? "no tag (means latest)" : "`:latest`"
                return context.finding(
                    definition,
                    message: "Container `\(container.name)` runs `\(image)` with \(shown): the image can change under the same name.",
                    detail: container.name, field: LocationKey.container(container.name, "image")
                )
            }
        }
    }
}
