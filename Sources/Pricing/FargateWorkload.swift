import Foundation
import Inventory

/// Tasks billed on Fargate: a service's desired tasks, or one standalone task.
struct FargateWorkload: Sendable {
    /// The service name, or the task id for a standalone task.
    var resource: String
    /// The task definition as referenced.
    var taskDefinitionReference: String?
    /// The task definition, when the inventory holds it.
    var taskDefinition: TaskDefinition?
    /// How many tasks run.
    var tasks: Int
    /// How many of them hold a public IPv4 address.
    var publicAddresses: Int
    /// How the task count was found, when not from `desiredCount`.
    var countNote: String?
    /// The service, when the workload is one.
    var service: ECSService?

    /// True when the task definition asks for ARM64 (Graviton) Fargate.
    var isARM: Bool {
        taskDefinition?.runtimePlatform?.cpuArchitecture?.uppercased() == "ARM64"
    }
}

extension Inventory {
    /// Tasks that still run (or are about to).
    func liveTasks() -> [ECSTask] {
        tasks.filter { task in
            guard let status = task.lastStatus?.uppercased() else { return true }
            return ["RUNNING", "PENDING", "PROVISIONING", "ACTIVATING"].contains(status)
        }
    }

    /// True when `service` runs on Fargate (launch type, or a task definition
    /// that requires Fargate when a capacity provider strategy hides it).
    func runsOnFargate(_ service: ECSService, _ definition: TaskDefinition?) -> Bool {
        if let launchType = service.launchType?.uppercased() { return launchType == "FARGATE" }
        guard let compatibilities = definition?.requiresCompatibilities, !compatibilities.isEmpty else { return true }
        return compatibilities.contains { $0.uppercased() == "FARGATE" }
    }

    /// Every Fargate workload: services sorted by name, then standalone tasks by id.
    /// Lookups go through indexes, so a 1,000-service inventory costs linear time.
    func fargateWorkloads() -> [FargateWorkload] {
        let definitions = TaskDefinitionIndex(self)
        let running = liveTasks()
        var tasksByService: [String: [ECSTask]] = [:]
        for task in running {
            guard let name = task.serviceName else { continue }
            tasksByService["\(arnSuffix(task.clusterArn))/\(name)", default: []].append(task)
        }
        var workloads: [FargateWorkload] = []
        for service in services.sorted(by: { ($0.name, $0.arn) < ($1.name, $1.arn) }) {
            let definition = service.taskDefinition.flatMap { definitions.taskDefinition($0) }
            guard runsOnFargate(service, definition) else { continue }
            let observed = tasksByService["\(arnSuffix(service.clusterArn))/\(service.name)"] ?? []
            workloads.append(workload(of: service, definition, observed: observed))
        }
        let serviceKeys = Set(services.map { "\(arnSuffix($0.clusterArn))/\($0.name)" })
        let standalone = running.filter { task in
            guard let name = task.serviceName else { return true }
            return !serviceKeys.contains("\(arnSuffix(task.clusterArn))/\(name)")
        }
        for task in standalone.sorted(by: { $0.arn < $1.arn }) {
            let definition = task.taskDefinitionArn.flatMap { definitions.taskDefinition($0) }
            if let compatibilities = definition?.requiresCompatibilities, !compatibilities.isEmpty,
               !compatibilities.contains(where: { $0.uppercased() == "FARGATE" }) { continue }
            workloads.append(FargateWorkload(
                resource: task.ref.id, taskDefinitionReference: task.taskDefinitionArn, taskDefinition: definition,
                tasks: 1, publicAddresses: (task.publicIPv4?.isEmpty == false) ? 1 : 0, countNote: nil, service: nil))
        }
        return workloads
    }

    private func workload(of service: ECSService, _ definition: TaskDefinition?, observed: [ECSTask]) -> FargateWorkload {
        var note: String?
        let count: Int
        if let desired = service.desiredCount {
            count = desired
        } else if let running = service.runningCount {
            count = running
            note = "ECS \(service.name): desiredCount not known; runningCount \(running) used"
        } else if !observed.isEmpty {
            count = observed.count
            note = "ECS \(service.name): desiredCount not known; \(observed.count) observed tasks used"
        } else {
            count = 1
            note = "ECS \(service.name): task count not known; 1 task assumed"
        }
        let addresses: Int
        if !observed.isEmpty {
            addresses = observed.filter { $0.publicIPv4?.isEmpty == false }.count
        } else {
            addresses = service.assignsPublicIp ? count : 0
        }
        return FargateWorkload(
            resource: service.name, taskDefinitionReference: service.taskDefinition, taskDefinition: definition,
            tasks: count, publicAddresses: addresses, countNote: note, service: service)
    }
}
