import Foundation
import Inventory

extension Inventory {
    /// NAT gateways that are billed (not deleted or failed).
    func activeNATGateways() -> [NATGateway] {
        natGateways.filter { gateway in
            !["deleted", "deleting", "failed"].contains(gateway.state?.lowercased() ?? "available")
        }.sorted { $0.id < $1.id }
    }

    /// True when the inventory holds anything that sends traffic out.
    var hasBilledResources: Bool {
        !(dbInstances.isEmpty && cacheClusters.isEmpty && services.isEmpty && tasks.isEmpty
            && loadBalancers.isEmpty && natGateways.isEmpty)
    }
}

extension CostModel {
    /// NAT gateways: hours and data processed (usage, split evenly).
    func natLines(_ inventory: Inventory) -> [CostLine] {
        let gateways = inventory.activeNATGateways()
        guard !gateways.isEmpty, let processed = usage.figure(.natProcessed) else { return [] }
        let share = processed.value / Double(gateways.count)
        let note = Self.assumption("NAT", processed, "GB processed per month, split evenly between gateways")
        return gateways.flatMap { gateway -> [CostLine] in
            func subject(_ item: String) -> Subject {
                Subject(component: "nat", resource: gateway.id, item: item, guideRow: nil, label: CostLabel.nat)
            }
            return [
                line(subject("NAT gateway hours"), key: PriceKey.natHour, hourly: true),
                line(
                    subject("data processed \(Money.format(share, maxDecimals: 3)) GB"), key: PriceKey.natData, quantity: share,
                    quantityText: "\(Money.format(share, maxDecimals: 3)) GB", hourly: false, assumptions: [note]),
            ]
        }
    }

    /// Interface VPC endpoints: hours per AZ (data processed is not estimated).
    func endpointLines(_ inventory: Inventory) -> [CostLine] {
        let endpoints = inventory.vpcEndpoints.filter { ($0.endpointType ?? "Interface").lowercased() == "interface" }
        return endpoints.sorted { $0.id < $1.id }.map { endpoint in
            var zones = endpoint.subnetIds.count
            var notes = ["VPC endpoints: data processed not estimated (0.01 USD/GB)"]
            if zones == 0 {
                zones = 1
                notes.append("VPC endpoint \(endpoint.id): subnets not known; 1 AZ assumed")
            }
            let subject = Subject(
                component: "vpc-endpoint", resource: endpoint.id,
                item: "interface endpoint \(endpoint.serviceName ?? "?") (\(Self.count(zones, "AZ")))",
                guideRow: nil, label: CostLabel.endpoints)
            return line(
                subject, key: PriceKey.endpointHour, quantity: Double(zones), quantityText: Self.count(zones, "AZ"),
                hourly: true, assumptions: notes)
        }
    }

    /// Data transfer out to the internet beyond the free allowance.
    func dataTransferLines(_ inventory: Inventory) -> [CostLine] {
        guard inventory.hasBilledResources, let out = usage.figure(.dataTransferOut) else { return [] }
        let free = prices.allowance(PriceKey.freeDataTransferOut, fallback: 100)
        let billable = max(0, out.value - free)
        let subject = Subject(
            component: "data-transfer", resource: inventory.region ?? "region", item: "data transfer out to the internet",
            guideRow: GuideRow.dataTransfer, label: GuideRow.dataTransfer)
        return [line(
            subject, key: PriceKey.dataTransferOut, quantity: billable,
            quantityText: "\(Money.format(billable)) GB beyond \(Money.format(free)) GB free", hourly: false,
            assumptions: [Self.assumption("Data transfer out", out, "GB per month")])]
    }
}
