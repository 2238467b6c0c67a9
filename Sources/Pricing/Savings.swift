import Foundation
import Inventory

extension CostModel {
    /// Cheaper equivalents of what is deployed: Graviton (t3 → t4g) for RDS
    /// and ElastiCache, Fargate x86_64 → ARM64, Redis OSS → Valkey. Each is an
    /// alternative to the current setup, not cumulative with the others.
    public func savings(_ inventory: Inventory) -> [Saving] {
        var result: [Saving] = []
        for db in inventory.dbInstances.sorted(by: { $0.identifier < $1.identifier }) {
            guard let current = db.instanceClass, current.hasPrefix("db.t3.") else { continue }
            let target = "db.t4g." + current.dropFirst("db.t3.".count)
            let engine = PriceKey.rdsEngine(db.engine)
            let multiAZ = db.multiAZ ?? false
            result += swap(
                resource: db.identifier, change: "\(current) → \(target) (Graviton)", quantity: 1,
                from: PriceKey.rdsInstance(engine: engine, instanceClass: current, multiAZ: multiAZ),
                to: PriceKey.rdsInstance(engine: engine, instanceClass: target, multiAZ: multiAZ))
        }
        let caches = inventory.cacheClusters.sorted { $0.id < $1.id }
        for cache in caches {
            guard let nodeType = cache.nodeType, nodeType.hasPrefix("cache.t3.") else { continue }
            let engine = (cache.engine ?? "redis").lowercased()
            let target = "cache.t4g." + nodeType.dropFirst("cache.t3.".count)
            result += swap(
                resource: cache.id, change: "\(nodeType) → \(target) (Graviton)", quantity: Double(cache.numNodes ?? 1),
                from: PriceKey.cacheNode(engine: engine, nodeType: nodeType), to: PriceKey.cacheNode(engine: engine, nodeType: target))
        }
        var memo = FargateLineMemo()
        for workload in workloads(inventory) where workload.taskDefinition != nil && !workload.isARM {
            let now = memo.lines(for: workload, tasks: workload.tasks, in: self)
            let arm = memo.lines(for: workload, tasks: workload.tasks, arm: true, in: self)
            guard let before = Self.knownSum(now), let after = Self.knownSum(arm), after < before else { continue }
            result.append(Saving(
                resource: workload.resource,
                change: "Fargate x86_64 → ARM64 (image must be built for linux/arm64)",
                monthlyDelta: Money.cents(after - before),
                basis: arm.map(\.basis).joined(separator: " + ") + " = \(Money.usd(after)) instead of \(Money.usd(before))"))
        }
        for cache in caches where (cache.engine ?? "redis").lowercased() == "redis" {
            guard let nodeType = cache.nodeType else { continue }
            result += swap(
                resource: cache.id, change: "Redis OSS → Valkey (\(nodeType))", quantity: Double(cache.numNodes ?? 1),
                from: PriceKey.cacheNode(engine: "redis", nodeType: nodeType), to: PriceKey.cacheNode(engine: "valkey", nodeType: nodeType))
        }
        return result
    }

    /// One hourly price replaced by another; empty when a price is missing or nothing is saved.
    private func swap(resource: String, change: String, quantity: Double, from: String, to: String) -> [Saving] {
        guard let old = prices.price(from), let new = prices.price(to) else { return [] }
        let before = Money.cents(quantity * old.usd * hours)
        let after = Money.cents(quantity * new.usd * hours)
        guard after < before else { return [] }
        let units = quantity == 1 ? "" : "\(Money.format(quantity)) x "
        let basis = "\(units)\(Money.format(new.usd)) \(new.perUnit) x \(Money.format(hours)) h = \(Money.usd(after)) "
            + "instead of \(units)\(Money.format(old.usd)) \(old.perUnit) x \(Money.format(hours)) h = \(Money.usd(before))"
        return [Saving(resource: resource, change: change, monthlyDelta: Money.cents(after - before), basis: basis)]
    }
}
