import Foundation
import Inventory

extension CostModel {
    /// Fargate vCPU and memory hours by CPU architecture × tasks, plus
    /// ephemeral storage above the included 20 GB.
    func fargateLines(_ inventory: Inventory) -> [CostLine] {
        workloads(inventory).flatMap { fargateLines(for: $0, tasks: $0.tasks) }
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
