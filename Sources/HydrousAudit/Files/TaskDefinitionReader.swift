import Foundation
import Inventory

/// Turns task definition JSON (as `register-task-definition` takes it, or as
/// `describe-task-definition` answers `{"taskDefinition": {...}}`) into a
/// `TaskDefinition` whose `locations` point at the line of each value.
struct TaskDefinitionReader {
    let file: String
    private(set) var problems: [String] = []
    private(set) var statedRevision: Int?
    private(set) var statedARN: String?

    init(file: String) {
        self.file = file
    }

    /// True when `json` is (or wraps) a task definition.
    static func isTaskDefinition(_ json: LocatedJSON) -> Bool {
        (json["taskDefinition"] ?? json)["containerDefinitions"]?.array != nil
    }

    private func at(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

    mutating func read(_ document: LocatedJSON) -> TaskDefinition? {
        let root = document["taskDefinition"]?.members != nil ? (document["taskDefinition"] ?? document) : document
        guard root.members != nil else {
            problems.append("\(file):\(root.line): a task definition must be a JSON object")
            return nil
        }
        guard let family = root["family"]?.string, !family.isEmpty else {
            problems.append("\(file):\(root.line): task definition without \"family\" was skipped")
            return nil
        }
        statedRevision = root["revision"]?.int
        statedARN = root["taskDefinitionArn"]?.string
        let revision = statedRevision ?? 0
        var definition = TaskDefinition(
            arn: statedARN ?? "file:ecs/task-definition/\(family):\(revision)", family: family, revision: revision
        )
        definition.locations[LocationKey.resource] = at(root.line)
        definition.status = root["status"]?.string
        definition.taskRoleArn = root["taskRoleArn"]?.string
        definition.executionRoleArn = root["executionRoleArn"]?.string
        definition.networkMode = root["networkMode"]?.string
        definition.requiresCompatibilities = root["requiresCompatibilities"]?.strings ?? []
        definition.cpu = root["cpu"]?.string
        definition.memory = root["memory"]?.string
        if let platform = root["runtimePlatform"] {
            definition.runtimePlatform = RuntimePlatform(
                cpuArchitecture: platform["cpuArchitecture"]?.string,
                operatingSystemFamily: platform["operatingSystemFamily"]?.string
            )
        }
        definition.ephemeralStorageGiB = root["ephemeralStorage"]?["sizeInGiB"]?.int
        for key in ["family", "taskRoleArn", "executionRoleArn", "networkMode", "cpu", "memory", "runtimePlatform", "requiresCompatibilities"] {
            if let value = root[key] { definition.locations[key] = at(value.line) }
        }
        for item in (document["tags"] ?? root["tags"])?.array ?? [] {
            if let key = item["key"]?.string { definition.tags[key] = item["value"]?.string ?? "" }
        }
        for container in root["containerDefinitions"]?.array ?? [] {
            guard let parsed = readContainer(container, into: &definition.locations) else { continue }
            definition.containers.append(parsed)
        }
        return definition
    }

    private mutating func readContainer(_ json: LocatedJSON, into locations: inout [String: SourceLocation]) -> ContainerDefinition? {
        guard let name = json["name"]?.string else {
            problems.append("\(file):\(json.line): container definition without \"name\" was skipped")
            return nil
        }
        var container = ContainerDefinition(name: name, image: json["image"]?.string)
        let nameLine = json["name"]?.line ?? json.line
        locations[LocationKey.container(name, "name")] = at(nameLine)
        // Where to add a missing field: the container's name line.
        locations[LocationKey.container(name, "readonlyRootFilesystem")] = at(json["readonlyRootFilesystem"]?.line ?? nameLine)
        for key in ["image", "essential", "portMappings", "logConfiguration", "healthCheck", "secrets", "environment"] {
            if let value = json[key] { locations[LocationKey.container(name, key)] = at(value.line) }
        }
        container.essential = json["essential"]?.bool
        container.readonlyRootFilesystem = json["readonlyRootFilesystem"]?.bool
        container.portMappings = (json["portMappings"]?.array ?? []).map {
            PortMapping(containerPort: $0["containerPort"]?.int, hostPort: $0["hostPort"]?.int, protocol: $0["protocol"]?.string)
        }
        for entry in json["environment"]?.array ?? [] {
            guard let variable = entry["name"]?.string else { continue }
            let value = entry["value"]
            container.environment.append(NameValue(name: variable, value: value?.string))
            locations[LocationKey.environment(name, variable)] = at(value?.line ?? entry.line)
        }
        for entry in json["secrets"]?.array ?? [] {
            guard let secret = entry["name"]?.string, let from = entry["valueFrom"]?.string else { continue }
            container.secrets.append(ContainerSecret(name: secret, valueFrom: from))
            locations[LocationKey.secret(name, secret)] = at(entry["valueFrom"]?.line ?? entry.line)
        }
        if let log = json["logConfiguration"] {
            var options: [String: String] = [:]
            for member in log["options"]?.members ?? [] { options[member.key] = member.value.string ?? "" }
            container.logConfiguration = LogConfiguration(logDriver: log["logDriver"]?.string, options: options)
        }
        if let check = json["healthCheck"] {
            var health = HealthCheck(command: check["command"]?.strings ?? [])
            health.interval = check["interval"]?.int
            health.timeout = check["timeout"]?.int
            health.retries = check["retries"]?.int
            health.startPeriod = check["startPeriod"]?.int
            container.healthCheck = health
        }
        return container
    }
}
