import AWSClient
import Foundation
import Inventory

/// Turns a `DescribeTaskDefinition` answer into the inventory's `TaskDefinition`.
enum ECSTaskDefinitionParser {
    /// The task definition `item`; throws naming the first identifying field
    /// it lacks (ARN, family, revision, any container). `containers` parses
    /// the container list (leaving out, and reporting, a container without a name).
    static func parse(
        _ item: JSONValue, tags: Tags, containers: ([JSONValue]) -> [ContainerDefinition]
    ) throws(LiveMissingField) -> TaskDefinition {
        var definition = TaskDefinition(
            arn: try item.liveRequired("taskDefinitionArn"), family: try item.liveRequired("family"),
            revision: try item.liveRequiredInt("revision"))
        // Every task definition has at least one container: none means the answer lost them.
        let containerItems = item.liveArray("containerDefinitions")
        guard !containerItems.isEmpty else { throw LiveMissingField(field: "containerDefinitions") }
        definition.status = item.liveString("status")
        definition.taskRoleArn = item.liveString("taskRoleArn")
        definition.executionRoleArn = item.liveString("executionRoleArn")
        definition.networkMode = item.liveString("networkMode")
        definition.requiresCompatibilities = item.liveStrings("requiresCompatibilities")
        definition.cpu = item.liveString("cpu") ?? item.liveInt("cpu").map(String.init)
        definition.memory = item.liveString("memory") ?? item.liveInt("memory").map(String.init)
        if let platform = item["runtimePlatform"], platform.object != nil {
            definition.runtimePlatform = RuntimePlatform(
                cpuArchitecture: platform.liveString("cpuArchitecture"),
                operatingSystemFamily: platform.liveString("operatingSystemFamily"))
        }
        definition.ephemeralStorageGiB = item["ephemeralStorage"]?.liveInt("sizeInGiB")
        definition.containers = containers(containerItems)
        definition.tags = tags
        return definition
    }

    /// One container definition; throws when it has no name.
    static func container(_ item: JSONValue) throws(LiveMissingField) -> ContainerDefinition {
        var container = ContainerDefinition(name: try item.liveRequired("name"), image: item.liveString("image"))
        container.essential = item.liveBool("essential")
        container.portMappings = item.liveArray("portMappings").map { mapping in
            PortMapping(
                containerPort: mapping.liveInt("containerPort"), hostPort: mapping.liveInt("hostPort"),
                protocol: mapping.liveString("protocol"))
        }
        container.environment = item.liveNameValues("environment")
        container.secrets = item.liveArray("secrets").compactMap { secret in
            guard let name = secret.liveString("name"), let from = secret.liveString("valueFrom") else { return nil }
            return ContainerSecret(name: name, valueFrom: from)
        }
        if let log = item["logConfiguration"], log.object != nil {
            var options: [String: String] = [:]
            for (key, value) in log["options"]?.object ?? [:] { options[key] = value.string }
            container.logConfiguration = LogConfiguration(logDriver: log.liveString("logDriver"), options: options)
        }
        if let check = item["healthCheck"], check.object != nil {
            var health = HealthCheck(command: check.liveStrings("command"))
            health.interval = check.liveInt("interval")
            health.timeout = check.liveInt("timeout")
            health.retries = check.liveInt("retries")
            health.startPeriod = check.liveInt("startPeriod")
            container.healthCheck = health
        }
        container.readonlyRootFilesystem = item.liveBool("readonlyRootFilesystem")
        return container
    }
}
