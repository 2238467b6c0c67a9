import AWSClient
import Foundation
import Inventory

/// Reads ECS: clusters (settings, tags), their services and tasks, and every
/// task definition revision in use plus the latest ACTIVE revision of each family.
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

    func read() async -> Readout {
        var out = Readout()
        let clusterRefs: [String]
        if clusterFilter.isEmpty {
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
        out.taskDefinitions = await readTaskDefinitions(
            inUse: out.services.compactMap(\.taskDefinition) + out.tasks.compactMap(\.taskDefinitionArn))
        return out
    }

    private func describeClusters(_ refs: [String]) async -> [ECSCluster] {
        let batches = await calls.map(liveChunks(refs, of: 100)) { batch in
            let body: JSONValue = ["clusters": .array(batch.map(JSONValue.string)), "include": ["SETTINGS", "TAGS"]]
            return await calls.json(.ecs, "DescribeClusters", body).value?.liveArray("clusters") ?? []
        }
        return batches.flatMap { $0 }.compactMap { item in
            guard let arn = item.liveString("clusterArn") else { return nil }
            var cluster = ECSCluster(arn: arn, name: item.liveString("clusterName") ?? arnSuffix(arn))
            cluster.settings = item.liveNameValues("settings")
            cluster.tags = item.liveTags()
            return cluster
        }
    }

    private func readServices(cluster: String) async -> [ECSService] {
        let pages = await calls.jsonPages(.ecs, "ListServices", ["cluster": .string(cluster), "maxResults": 100])
        let arns = (pages ?? []).flatMap { $0.liveStrings("serviceArns") }
        let batches = await calls.map(liveChunks(arns, of: 10)) { batch in
            let body: JSONValue = [
                "cluster": .string(cluster), "services": .array(batch.map(JSONValue.string)), "include": ["TAGS"],
            ]
            return await calls.json(.ecs, "DescribeServices", body).value?.liveArray("services") ?? []
        }
        return batches.flatMap { $0 }.compactMap { Self.service($0, cluster: cluster) }
    }

    static func service(_ item: JSONValue, cluster: String) -> ECSService? {
        guard let arn = item.liveString("serviceArn") else { return nil }
        var service = ECSService(
            arn: arn, name: item.liveString("serviceName") ?? arnSuffix(arn),
            clusterArn: item.liveString("clusterArn") ?? cluster)
        service.taskDefinition = item.liveString("taskDefinition")
        service.desiredCount = item.liveInt("desiredCount")
        service.runningCount = item.liveInt("runningCount")
        service.launchType = item.liveString("launchType")
        service.platformVersion = item.liveString("platformVersion")
        if let vpc = item["networkConfiguration"]?["awsvpcConfiguration"] {
            service.networkConfiguration = AwsVpcConfiguration(
                subnets: vpc.liveStrings("subnets"), securityGroups: vpc.liveStrings("securityGroups"),
                assignPublicIp: vpc.liveString("assignPublicIp"))
        }
        service.loadBalancers = item.liveArray("loadBalancers").map { binding in
            var lb = ServiceLoadBalancer(
                targetGroupArn: binding.liveString("targetGroupArn"), containerName: binding.liveString("containerName"),
                containerPort: binding.liveInt("containerPort"))
            lb.loadBalancerName = binding.liveString("loadBalancerName")
            return lb
        }
        service.tags = item.liveTags()
        return service
    }

    private func readTasks(cluster: String) async -> [ECSTask] {
        let pages = await calls.jsonPages(.ecs, "ListTasks", ["cluster": .string(cluster), "maxResults": 100])
        let arns = (pages ?? []).flatMap { $0.liveStrings("taskArns") }
        let batches = await calls.map(liveChunks(arns, of: 100)) { batch in
            let body: JSONValue = ["cluster": .string(cluster), "tasks": .array(batch.map(JSONValue.string)), "include": ["TAGS"]]
            return await calls.json(.ecs, "DescribeTasks", body).value?.liveArray("tasks") ?? []
        }
        return batches.flatMap { $0 }.compactMap { item in
            guard let arn = item.liveString("taskArn") else { return nil }
            var task = ECSTask(arn: arn, clusterArn: item.liveString("clusterArn") ?? cluster)
            task.taskDefinitionArn = item.liveString("taskDefinitionArn")
            task.group = item.liveString("group")
            task.lastStatus = item.liveString("lastStatus")
            task.tags = item.liveTags()
            for attachment in item.liveArray("attachments") where attachment.liveString("type") == "ElasticNetworkInterface" {
                let details = Dictionary(
                    attachment.liveNameValues("details").map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
                task.networkInterfaceId = details["networkInterfaceId"]
                task.privateIPv4 = details["privateIPv4Address"]
            }
            return task
        }
    }

    /// Describes each revision once: those in use, plus each family's latest
    /// ACTIVE revision (every ACTIVE family when no cluster narrows the audit).
    private func readTaskDefinitions(inUse: [String]) async -> [TaskDefinition] {
        var families = liveUnique(inUse.map(Self.family(of:)))
        if clusterFilter.isEmpty {
            let pages = await calls.jsonPages(.ecs, "ListTaskDefinitionFamilies", ["status": "ACTIVE", "maxResults": 100])
            families = liveUnique(families + (pages ?? []).flatMap { $0.liveStrings("families") })
        }
        let latest = await calls.map(families) { family in await latestRevision(of: family) }
        // In-use references may be `family:revision`; describe each distinct revision once.
        var wanted: [String: String] = [:]
        for reference in inUse + latest.compactMap({ $0 }) {
            let key = Self.familyRevision(of: reference)
            if wanted[key] == nil || reference.hasPrefix("arn:") { wanted[key] = reference }
        }
        let references = wanted.keys.sorted().map { wanted[$0] ?? $0 }
        let described = await calls.map(references) { reference -> TaskDefinition? in
            let body: JSONValue = ["taskDefinition": .string(reference), "include": ["TAGS"]]
            guard let answer = await calls.json(.ecs, "DescribeTaskDefinition", body).value,
                  let definition = answer["taskDefinition"] else { return nil }
            return ECSTaskDefinitionParser.parse(definition, tags: answer.liveTags())
        }
        var seen = Set<String>()
        return described.compactMap { $0 }.filter { seen.insert($0.arn).inserted }
    }

    /// The ARN of the newest ACTIVE revision of `family` (the first page, sorted
    /// newest first, holds it; revisions of other families are ignored).
    private func latestRevision(of family: String) async -> String? {
        let body: JSONValue = ["familyPrefix": .string(family), "status": "ACTIVE", "sort": "DESC", "maxResults": 10]
        let arns = await calls.json(.ecs, "ListTaskDefinitions", body).value?.liveStrings("taskDefinitionArns") ?? []
        return arns.filter { Self.family(of: $0) == family }
            .max { Self.revision(of: $0) < Self.revision(of: $1) }
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
