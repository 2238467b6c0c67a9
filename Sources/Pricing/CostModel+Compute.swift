import Foundation
import Inventory

extension CostModel {
    /// Fargate vCPU and memory hours by CPU architecture × tasks, plus
    /// ephemeral storage above the included 20 GB.
    func fargateLines(_ inventory: Inventory) -> [CostLine] {
        var memo = FargateLineMemo()
        return workloads(inventory).flatMap { memo.lines(for: $0, tasks: $0.tasks, in: self) }
    }

    /// The Fargate lines of `tasks` tasks of `workload`.
    func fargateLines(for workload: FargateWorkload, tasks: Int, arm forcedARM: Bool? = nil) -> [CostLine] {
        let notes = workload.countNote.map { [$0] } ?? []
        func subject(_ item: String) -> Subject {
            Subject(component: "fargate", resource: workload.resource, item: item, guideRow: GuideRow.fargate, label: GuideRow.fargate)
        }
        guard let definition = workload.taskDefinition else {
            let name = workload.taskDefinitionReference ?? "none"
            return [unknownLine(subject("tasks"), reason: "task definition \(name) is not in the inventory")]
        }
        guard let cpuUnits = definition.cpu.flatMap({ Double($0) }), let memoryMiB = definition.memory.flatMap({ Double($0) }) else {
            return [unknownLine(subject("tasks"), reason: "task definition \(definition.familyRevision) states no task-level cpu and memory")]
        }
        let arm = forcedARM ?? workload.isARM
        let arch = arm ? "ARM64" : "x86_64"
        let vcpu = cpuUnits / 1024
        let memory = memoryMiB / 1024
        let taskText = Self.count(tasks, "task")
        var lines = [
            line(
                subject("\(Money.format(vcpu)) vCPU (\(arch))"), key: PriceKey.fargateVCPU(arm: arm),
                quantity: vcpu * Double(tasks), quantityText: "\(Money.format(vcpu)) vCPU x \(taskText)",
                hourly: true, assumptions: notes),
            line(
                subject("\(Money.format(memory)) GB memory (\(arch))"), key: PriceKey.fargateMemory(arm: arm),
                quantity: memory * Double(tasks), quantityText: "\(Money.format(memory)) GB x \(taskText)", hourly: true),
        ]
        let included = prices.allowance(PriceKey.includedEphemeral, fallback: 20)
        let storage = Double(definition.ephemeralStorageGiB ?? 20)
        if storage > included {
            let extra = storage - included
            lines.append(line(
                subject("ephemeral storage \(Money.format(storage)) GB (\(Money.format(included)) GB included)"),
                key: PriceKey.fargateEphemeral, quantity: extra * Double(tasks),
                quantityText: "\(Money.format(extra)) GB x \(taskText)", hourly: true))
        }
        return lines
    }

    /// Load balancer hours and capacity units.
    func loadBalancerLines(_ inventory: Inventory) -> [CostLine] {
        inventory.loadBalancers.sorted { $0.name < $1.name }.flatMap { balancer -> [CostLine] in
            let type = (balancer.type ?? "application").lowercased()
            let (prefix, guideRow, label): (String, String?, String) = switch type {
            case "application": ("alb", GuideRow.loadBalancer, GuideRow.loadBalancer)
            case "network": ("nlb", nil, "Network Load Balancer")
            default: ("gwlb", nil, "Gateway Load Balancer")
            }
            func subject(_ item: String) -> Subject {
                Subject(component: prefix, resource: balancer.name, item: item, guideRow: guideRow, label: label)
            }
            var lines = [line(subject("load balancer hours"), key: "\(prefix):hour", hourly: true)]
            if prefix == "alb", let lcu = usage.figure(.albLCU) {
                lines.append(line(
                    subject("load balancer capacity units"), key: PriceKey.albLCU, quantity: lcu.value,
                    quantityText: "\(Money.format(lcu.value)) LCU", hourly: true,
                    assumptions: [Self.assumption("ALB", lcu, "LCU average")]))
            }
            return lines
        }
    }

    /// Public IPv4 addresses: one per AZ of each internet-facing load
    /// balancer, one per task with a public IP, one per NAT gateway.
    func publicIPv4Lines(_ inventory: Inventory) -> [CostLine] {
        var lines: [CostLine] = []
        func subject(_ resource: String, _ item: String) -> Subject {
            Subject(component: "public-ipv4", resource: resource, item: item, guideRow: nil, label: CostLabel.publicIPv4)
        }
        for balancer in inventory.loadBalancers.sorted(by: { $0.name < $1.name }) where balancer.isInternetFacing {
            var zones = balancer.availabilityZones.count
            var notes: [String] = []
            if zones == 0 {
                zones = 2
                notes.append("Load balancer \(balancer.name): availability zones not known; 2 assumed (the minimum)")
            }
            lines.append(line(
                subject(balancer.name, "\(Self.count(zones, "address")) (one per AZ)"),
                key: PriceKey.publicIPv4, quantity: Double(zones), quantityText: Self.count(zones, "address"),
                hourly: true, assumptions: notes))
        }
        for workload in workloads(inventory) where workload.publicAddresses > 0 {
            let count = workload.publicAddresses
            lines.append(line(
                subject(workload.resource, "\(Self.count(count, "address")) (one per task)"),
                key: PriceKey.publicIPv4, quantity: Double(count), quantityText: Self.count(count, "address"), hourly: true))
        }
        for gateway in inventory.activeNATGateways() {
            lines.append(line(
                subject(gateway.id, "1 address (NAT gateway)"), key: PriceKey.publicIPv4,
                quantity: 1, quantityText: "1 address", hourly: true))
        }
        return lines
    }
}

/// Fargate lines of one size of task are the same but for the resource they
/// name: with 1,000 services of a handful of sizes, each size's lines (three
/// prices looked up, a dozen numbers formatted) are worked out once per run.
struct FargateLineMemo {
    private struct Key: Hashable {
        var cpu: String
        var memory: String
        var ephemeralStorageGiB: Int?
        var arm: Bool
        var tasks: Int
        var countNote: String?
    }

    private var known: [Key: [CostLine]] = [:]

    /// `model.fargateLines(for: workload, tasks: tasks, arm: arm)`, from the memo when that size was seen.
    mutating func lines(for workload: FargateWorkload, tasks: Int, arm: Bool? = nil, in model: CostModel) -> [CostLine] {
        // Lines without a price name the task definition in their reason: those are not shared.
        guard let definition = workload.taskDefinition, let cpu = definition.cpu, let memory = definition.memory,
              Double(cpu) != nil, Double(memory) != nil
        else { return model.fargateLines(for: workload, tasks: tasks, arm: arm) }
        let key = Key(
            cpu: cpu, memory: memory, ephemeralStorageGiB: definition.ephemeralStorageGiB, arm: arm ?? workload.isARM,
            tasks: tasks, countNote: workload.countNote)
        if let lines = known[key] {
            return lines.map { line in
                var line = line
                line.resource = workload.resource
                return line
            }
        }
        let lines = model.fargateLines(for: workload, tasks: tasks, arm: arm)
        known[key] = lines
        return lines
    }
}
