import AWSClient
import Foundation
import Inventory

/// Reads ECR repositories with their lifecycle policy presence, image sizes and tags.
struct ECRCollector: Sendable {
    let calls: LiveCalls

    func read() async -> [Repository] {
        let pages = await calls.jsonPages(.ecr, "DescribeRepositories", ["maxResults": 1000]) ?? []
        let repositories = pages.flatMap { page in
            calls.items(page.liveArray("repositories"), of: .ecr, "DescribeRepositories", list: "repositories",
                        kind: "repository", Self.repository)
        }
        return await calls.map(repositories) { repository in await details(repository) }
    }

    /// One repository; its ARN is required too (its tags, and so the scope, are read by ARN).
    static func repository(_ item: JSONValue) throws(LiveMissingField) -> Repository {
        var repository = Repository(name: try item.liveRequired("repositoryName"), arn: try item.liveRequired("repositoryArn"))
        repository.uri = item.liveString("repositoryUri")
        repository.imageTagMutability = item.liveString("imageTagMutability")
        repository.scanOnPush = item["imageScanningConfiguration"]?.liveBool("scanOnPush")
        return repository
    }

    private func details(_ base: Repository) async -> Repository {
        var repository = base
        let name: JSONValue = .string(base.name)
        async let policy = calls.json(
            .ecr, "GetLifecyclePolicy", ["repositoryName": name], absentCodes: ["LifecyclePolicyNotFoundException"])
        async let images = calls.jsonPages(.ecr, "DescribeImages", ["repositoryName": name, "maxResults": 1000])
        async let tags = tagsOf(base.arn)
        switch await policy {
        case .ok: repository.hasLifecyclePolicy = true
        case .absent: repository.hasLifecyclePolicy = false
        case .failed: repository.hasLifecyclePolicy = nil
        }
        repository.images = (await images ?? []).flatMap { $0.liveArray("imageDetails") }.map { item in
            ContainerImage(
                digest: item.liveString("imageDigest"), tags: item.liveStrings("imageTags"),
                sizeBytes: item["imageSizeInBytes"]?.double.map { Int64($0) })
        }
        repository.tags = await tags
        return repository
    }

    private func tagsOf(_ arn: String?) async -> Tags {
        guard let arn else { return [:] }
        return await calls.json(.ecr, "ListTagsForResource", ["resourceArn": .string(arn)]).value?.liveTags() ?? [:]
    }
}
