import Foundation
import Inventory

/// ECS commands: clusters, services (create and update, in order of
/// appearance) and task definition registration.
extension FileInventoryBuilder {
    /// The ARN a file-made resource gets when the file names no ARN.
    static func syntheticARN(_ kind: String, _ name: String) -> String { "file:\(kind)/\(name)" }

    /// The cluster ARN for a `--cluster` value (name or ARN; default `default`).
    func clusterARN(_ reference: String?) -> String {
        let reference = reference ?? "default"
        if let known = inventory.cluster(reference) { return known.arn }
        if reference.hasPrefix("arn:") {
            let name = arnSuffix(reference)
            if let known = inventory.cluster(name) { return known.arn }
            return reference
        }
        return Self.syntheticARN("ecs/cluster", reference)
    }

    mutating func createCluster(_ c: AWSCLICommand) -> String? {
        let name = c.value("cluster-name") ?? "default"
        var cluster = ECSCluster(arn: Self.syntheticARN("ecs/cluster", name), name: name)
        cluster.settings = clusterSettings(c) ?? [NameValue(name: "containerInsights", value: "disabled")]
        cluster.tags = tags(c)
        cluster.locations = locations(c, ["settings": "containerInsights"])
        inventory.clusters.removeAll { $0.name == name }
        inventory.clusters.append(cluster)
        return cluster.arn
    }

    mutating func updateClusterSettings(_ c: AWSCLICommand) -> String? {
        guard let reference = required("cluster", of: c), let settings = clusterSettings(c) else { return nil }
        guard let index = inventory.clusters.firstIndex(where: { $0.name == reference || $0.arn == reference || $0.name == arnSuffix(reference) }) else {
            notCreated(c, reference, by: "`aws ecs create-cluster`")
            return nil
        }
        for setting in settings {
            inventory.clusters[index].settings.removeAll { $0.name == setting.name }
            inventory.clusters[index].settings.append(setting)
        }
        if let line = c.line("settings") { inventory.clusters[index].locations["containerInsights"] = location(line) }
        return nil
    }

    private mutating func clusterSettings(_ c: AWSCLICommand) -> [NameValue]? {
        guard c.flag("settings") != nil else { return nil }
        let settings = structured(c, "settings").compactMap { item -> NameValue? in
            guard let name = item["name"]?.string else { return nil }
            return NameValue(name: name, value: item["value"]?.string)
        }
        return settings.isEmpty ? nil : settings
    }

    mutating func createOrUpdateService(_ c: AWSCLICommand) -> String? {
        let isCreate = c.operation == "create-service"
        guard let name = required(isCreate ? "service-name" : "service", of: c) else { return nil }
        let clusterArn = clusterARN(c.value("cluster"))
        let arn = Self.syntheticARN("ecs/service", "\(arnSuffix(clusterArn))/\(name)")
        let existing = inventory.services.firstIndex { $0.name == name && $0.clusterArn == clusterArn }
        var service = existing.map { inventory.services[$0] } ?? ECSService(arn: arn, name: name, clusterArn: clusterArn)
        if isCreate || existing == nil { service.locations[LocationKey.resource] = location(c.line) }
        if let value = c.value("task-definition") { service.taskDefinition = value }
        if let value = c.int("desired-count") { service.desiredCount = value }
        if let value = c.value("launch-type") { service.launchType = value }
        if let value = c.value("platform-version") { service.platformVersion = value }
        if let network = structured(c, "network-configuration").first {
            let vpc = network["awsvpcConfiguration"] ?? network
            service.networkConfiguration = AwsVpcConfiguration(
                subnets: vpc["subnets"]?.strings ?? [],
                securityGroups: (vpc["securityGroups"]?.strings ?? []).map(resolveGroup),
                assignPublicIp: vpc["assignPublicIp"]?.string
            )
        }
        if c.flag("load-balancers") != nil {
            service.loadBalancers = structured(c, "load-balancers").map { item in
                var binding = ServiceLoadBalancer(
                    targetGroupArn: item["targetGroupArn"]?.string,
                    containerName: item["containerName"]?.string, containerPort: item["containerPort"]?.int
                )
                binding.loadBalancerName = item["loadBalancerName"]?.string
                return binding
            }
        }
        if isCreate { service.tags = tags(c) }
        var fields = locations(c, [
            "task-definition": "taskDefinition", "desired-count": "desiredCount", "launch-type": "launchType",
            "platform-version": "platformVersion", "network-configuration": "networkConfiguration",
            "load-balancers": "loadBalancers",
        ])
        fields.removeValue(forKey: LocationKey.resource)
        if let line = c.line("network-configuration") {
            for key in ["assignPublicIp", "subnets", "securityGroups"] { fields[key] = location(line) }
        }
        service.locations.merge(fields) { $1 }
        if let existing { inventory.services[existing] = service } else { inventory.services.append(service) }
        return service.arn
    }

    mutating func registerTaskDefinition(_ c: AWSCLICommand) -> String? {
        if c.flag("cli-input-json") != nil {
            guard let json = structured(c, "cli-input-json").first else { return nil }
            let source = c.value("cli-input-json").map { $0.hasPrefix("file://") ? resolvedReference($0) : file } ?? file
            return registerTaskDefinition(json, file: source)
        }
        // Inline flags: build the same JSON object the API takes.
        var members: [LocatedJSON.Member] = []
        let scalars: KeyValuePairs<String, String> = [
            "family": "family", "task-role-arn": "taskRoleArn", "execution-role-arn": "executionRoleArn",
            "network-mode": "networkMode", "cpu": "cpu", "memory": "memory",
        ]
        for (flag, key) in scalars {
            guard let value = c.flag(flag)?.values.first else { continue }
            members.append(.init(key: key, keyLine: value.line, value: LocatedJSON(.string(value.text), line: value.line)))
        }
        if let flag = c.flag("requires-compatibilities") {
            let list = flag.values.map { LocatedJSON(.string($0.text), line: $0.line) }
            members.append(.init(key: "requiresCompatibilities", keyLine: flag.line, value: LocatedJSON(.array(list), line: flag.valueLine)))
        }
        if let flag = c.flag("container-definitions") {
            let containers = structured(c, "container-definitions")
            members.append(.init(key: "containerDefinitions", keyLine: flag.line, value: LocatedJSON(.array(containers), line: flag.valueLine)))
        }
        let root = LocatedJSON(.object(members), line: c.line)
        return registerTaskDefinition(root, file: file)
    }

    /// The path a `file://` reference resolves to (as used in locations).
    func resolvedReference(_ reference: String) -> String {
        let relative = String(reference.dropFirst("file://".count))
        let directory = (file as NSString).deletingLastPathComponent
        return relative.hasPrefix("/") || directory.isEmpty ? relative : (directory as NSString).appendingPathComponent(relative)
    }

    /// Adds the task definition in `json` (read from `file`), numbering its
    /// revision after the family's last one when it states none.
    @discardableResult
    mutating func registerTaskDefinition(_ json: LocatedJSON, file source: String) -> String? {
        var reader = TaskDefinitionReader(file: source)
        guard var definition = reader.read(json) else {
            problems += reader.problems
            return nil
        }
        problems += reader.problems
        if let same = inventory.taskDefinitions.first(where: { $0.locations[LocationKey.resource] == definition.locations[LocationKey.resource] }) {
            return same.arn
        }
        if reader.statedRevision == nil {
            let last = inventory.taskDefinitions.filter { $0.family == definition.family }.map(\.revision).max() ?? 0
            definition.revision = last + 1
            if reader.statedARN == nil {
                definition.arn = Self.syntheticARN("ecs/task-definition", definition.familyRevision)
            }
        }
        inventory.taskDefinitions.removeAll { $0.arn == definition.arn }
        inventory.taskDefinitions.append(definition)
        return definition.arn
    }
}
