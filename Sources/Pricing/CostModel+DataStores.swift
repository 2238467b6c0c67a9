import Foundation
import Inventory

extension CostModel {
    /// RDS: instance hours by class, engine and deployment; storage by type
    /// and size; backup storage beyond the free amount when usage gives it.
    func databaseLines(_ inventory: Inventory) -> [CostLine] {
        inventory.dbInstances.sorted { $0.identifier < $1.identifier }.flatMap { databaseLines(for: $0) }
    }

    /// The lines of one DB instance.
    func databaseLines(for db: DBInstance) -> [CostLine] {
        let engine = PriceKey.rdsEngine(db.engine)
        let guideRow: String? = engine.contains("postgres") ? GuideRow.rds : nil
        let label = guideRow ?? "RDS \(engine)"
        let multiAZ = db.multiAZ ?? false
        let deployment = multiAZ ? "Multi-AZ" : "Single-AZ"
        func subject(_ item: String) -> Subject {
            Subject(component: "rds", resource: db.identifier, item: item, guideRow: guideRow, label: label)
        }
        var lines: [CostLine] = []
        if let instanceClass = db.instanceClass {
            let key = PriceKey.rdsInstance(engine: engine, instanceClass: instanceClass, multiAZ: multiAZ)
            let item = multiAZ ? "\(instanceClass) instance (Multi-AZ)" : "\(instanceClass) instance"
            lines.append(line(subject(item), key: key, hourly: true))
        } else {
            lines.append(unknownLine(subject("instance (\(deployment))"), reason: "the instance class is not known"))
        }
        guard let size = db.allocatedStorage else {
            lines.append(unknownLine(subject("storage"), reason: "the allocated storage is not known"))
            return lines
        }
        let type = db.storageType?.lowercased() ?? "gp2"
        var notes: [String] = []
        if db.storageType == nil {
            notes.append("RDS \(db.identifier): storage type not stated; gp2 assumed (same price as gp3)")
        }
        let storageItem = "\(type) storage \(size) GB" + (multiAZ ? " (Multi-AZ)" : "")
        lines.append(line(
            subject(storageItem), key: PriceKey.rdsStorage(type: type, multiAZ: multiAZ),
            quantity: Double(size), quantityText: "\(size) GB", hourly: false, assumptions: notes))
        if let backup = usage.figure(.rdsBackup) {
            let billable = max(0, backup.value - Double(size))
            let note = Self.assumption("RDS \(db.identifier) backup storage", backup, "GB")
            lines.append(line(
                subject("backup storage beyond \(size) GB free"), key: PriceKey.rdsBackup, quantity: billable,
                quantityText: "\(Money.format(billable)) GB", hourly: false, assumptions: [note]))
        }
        return lines
    }

    /// ElastiCache: node hours × nodes, by engine and node type.
    func cacheLines(_ inventory: Inventory) -> [CostLine] {
        inventory.cacheClusters.sorted { $0.id < $1.id }.map { cacheLine(for: $0) }
    }

    /// The line of one cache cluster.
    func cacheLine(for cache: CacheCluster) -> CostLine {
        let engine = (cache.engine ?? "redis").lowercased()
        let guideRow: String? = (engine == "redis" || engine == "valkey") ? GuideRow.elastiCache : nil
        let nodes = cache.numNodes ?? 1
        let label = guideRow ?? "ElastiCache \(engine)"
        guard let nodeType = cache.nodeType else {
            let subject = Subject(component: "elasticache", resource: cache.id, item: "\(engine) nodes", guideRow: guideRow, label: label)
            return unknownLine(subject, reason: "the node type is not known")
        }
        let item = "\(nodeType) \(engine) " + (nodes == 1 ? "node" : "nodes")
        let subject = Subject(component: "elasticache", resource: cache.id, item: item, guideRow: guideRow, label: label)
        return line(
            subject, key: PriceKey.cacheNode(engine: engine, nodeType: nodeType), quantity: Double(nodes),
            quantityText: Self.count(nodes, "node"), hourly: true)
    }
}
