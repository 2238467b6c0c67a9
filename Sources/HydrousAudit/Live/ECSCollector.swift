import AWSClient
import Foundation
import Inventory

/// Reads ECS: clusters (settings, tags), their services and tasks, and every
/// task definition revision in use plus the newest ACTIVE revision of each family.
struct ECSCollector: Sendable {
    /// What ECS gave.
    struct Readout: Sendable {
        var clusters: [ECSCluster] = []
        var services: [ECSService] = []
        var tasks: [ECSTask] = []
        var taskDefinitions: [TaskDefinition] = []
    }

    let calls: LiveCalls
    /// Cluster names or ARNs from `--cluster`; empty means every cluster.
    let clusterFilter: [String]

    /// Reads clusters, services, tasks and task definitions. `newest` is what
    /// the caller got from `startNewest()`: every ACTIVE family's newest
    /// revision without `--cluster`, nil with it.
    func read(newest newestTask: Task<[TaskDefinition], Never>?) async -> Readout {
        var out = Readout()
        let definitions = ECSTaskDefinitionReader(calls: calls)
        let everyFamily = clusterFilter.isEmpty
        let clusterRefs: [String]
        if everyFamily {
            let pages = await calls.jsonPages(.ecs, "ListClusters", ["maxResults": 100])
            clusterRefs = (pages ?? []).flatMap { $0.liveStrings("clusterArns") }
        } else {
            clusterRefs = liveUnique(clusterFilter)
        }
        out.clusters = await describeClusters(clusterRefs)
        let perCluster = await calls.map(out.clusters.map(\.arn)) { arn in
            async let services = readServices(cluster: arn)
            async let tasks = readTasks(cluster: arn)
            return (await services, await tasks)
        }
        out.services = perCluster.flatMap(\.0)
        out.tasks = perCluster.flatMap(\.1)
        let inUse = out.services.compactMap(\.taskDefinition) + out.tasks.compactMap(\.taskDefinitionArn)
        out.taskDefinitions = await definitions.read(inUse: inUse, newest: await newestTask?.value)
        return out
    }

    /// Starts reading every ACTIVE family's newest revision (nil with
    /// `--cluster`, which reads only the families in use). It needs nothing
    /// from the clusters, and it is the audit's longest chain: ECS lets 50
    /// task-definition reads through, then 20 a second, and a deployment has
    /// one family per service. So the caller starts it before any other
    /// collector, and its first request does not queue behind theirs for a
    /// connection.
    func startNewest() -> Task<[TaskDefinition], Never>? {
        guard clusterFilter.isEmpty else { return nil }
        let definitions = ECSTaskDefinitionReader(calls: calls)
        return Task { await definitions.newestOfActiveFamilies() }
    }

    private func describeClusters(_ refs: [String]) async -> [ECSCluster] {
        let batches = await calls.map(liveChunks(refs, of: 100)) { batch in
            let body: JSONValue = ["clusters": .array(batch.map(JSONValue.string)), "include": ["SETTINGS", "TAGS"]]
            let answer = await calls.json(.ecs, "DescribeClusters", body).value
            let items = answer?.liveArray("clusters") ?? []
            calls.ecsFailures(
                in: answer, "DescribeClusters", asked: batch, items: items.count, kind: "cluster",
                missingMeansGone: clusterFilter.isEmpty)
            return calls.items(items, of: .ecs, "DescribeClusters", list: "clusters", kind: "cluster", Self.cluster)
        }
        return batches.flatMap { $0 }
    }

    private func readServices(cluster: String) async -> [ECSService] {
        let pages = await calls.jsonPages(.ecs, "ListServices", ["cluster": .string(cluster), "maxResults": 100])
        let arns = (pages ?? []).flatMap { $0.liveStrings("serviceArns") }
        let batches = await calls.map(liveChunks(arns, of: 10)) { batch in
            let body: JSONValue = [
                "cluster": .string(cluster), "services": .array(batch.map(JSONValue.string)), "include": ["TAGS"],
            ]
            let answer = await calls.json(.ecs, "DescribeServices", body).value
            let items = answer?.liveArray("services") ?? []
            calls.ecsFailures(
                in: answer, "DescribeServices", asked: batch, items: items.count, kind: "service", missingMeansGone: true)
            return calls.items(items, of: .ecs, "DescribeServices", list: "services", kind: "service") { item throws(LiveMissingField) in
                try Self.service(item, cluster: cluster)
            }
        }
        return batches.flatMap { $0 }
    }

    private func readTasks(cluster: String) async -> [ECSTask] {
        let pages = await calls.jsonPages(.ecs, "ListTasks", ["cluster": .string(cluster), "maxResults": 100])
        let arns = (pages ?? []).flatMap { $0.liveStrings("taskArns") }
        let batches = await calls.map(liveChunks(arns, of: 100)) { batch in
            let body: JSONValue = ["cluster": .string(cluster), "tasks": .array(batch.map(JSONValue.string)), "include": ["TAGS"]]
            let answer = await calls.json(.ecs, "DescribeTasks", body).value
            let items = answer?.liveArray("tasks") ?? []
            calls.ecsFailures(in: answer, "DescribeTasks", asked: batch, items: items.count, kind: "task", missingMeansGone: true)
            return calls.items(items, of: .ecs, "DescribeTasks", list: "tasks", kind: "task") { item throws(LiveMissingField) in
                try Self.task(item, cluster: cluster)
            }
        }
        return batches.flatMap { $0 }
    }

    /// `family` from an ARN or `family:revision`.
    static func family(of reference: String) -> String {
        let suffix = familyRevision(of: reference)
        guard let colon = suffix.lastIndex(of: ":"), Int(suffix[suffix.index(after: colon)...]) != nil else { return suffix }
        return String(suffix[..<colon])
    }

    /// `family:revision` (or bare `family`) from an ARN or a short reference.
    static func familyRevision(of reference: String) -> String {
        guard let slash = reference.lastIndex(of: "/") else { return reference }
        return String(reference[reference.index(after: slash)...])
    }

    /// The revision number of an ARN or `family:revision` (0 when absent).
    static func revision(of reference: String) -> Int {
        guard let colon = reference.lastIndex(of: ":") else { return 0 }
        return Int(reference[reference.index(after: colon)...]) ?? 0
    }
}
