import Foundation
import Inventory

/// RDS, ElastiCache, ECR and CloudWatch Logs commands. Where a create command
/// leaves a flag out, the AWS default is set explicitly (so `nil` means unknown).
extension FileInventoryBuilder {
    static let dbFields: KeyValuePairs<String, String> = [
        "db-instance-class": "instanceClass", "engine": "engine", "engine-version": "engineVersion",
        "allocated-storage": "allocatedStorage", "storage-type": "storageType", "storage-encrypted": "storageEncrypted",
        "multi-az": "multiAZ", "publicly-accessible": "publiclyAccessible", "deletion-protection": "deletionProtection",
        "backup-retention-period": "backupRetentionPeriod", "vpc-security-group-ids": "vpcSecurityGroups",
        "master-user-password": "masterUserPassword", "manage-master-user-password": "masterUserSecretArn",
        "port": "port", "availability-zone": "availabilityZone", "db-name": "dbName", "master-username": "masterUsername",
    ]

    mutating func createDBInstance(_ c: AWSCLICommand) -> String? {
        guard let id = required("db-instance-identifier", of: c) else { return nil }
        var db = DBInstance(identifier: id)
        db.storageEncrypted = false
        db.multiAZ = false
        db.deletionProtection = false
        db.backupRetentionPeriod = 1
        db.locations = locations(c, Self.dbFields)
        applyDBFlags(c, to: &db)
        if db.storageType == nil, db.allocatedStorage != nil { db.storageType = c.value("iops") == nil ? "gp2" : "io1" }
        db.tags = tags(c)
        inventory.dbInstances.removeAll { $0.identifier == id }
        inventory.dbInstances.append(db)
        return id
    }

    mutating func modifyDBInstance(_ c: AWSCLICommand) -> String? {
        guard let id = required("db-instance-identifier", of: c) else { return nil }
        guard let index = inventory.dbInstances.firstIndex(where: { $0.identifier == id }) else {
            notCreated(c, id, by: "`aws rds create-db-instance`")
            return nil
        }
        var db = inventory.dbInstances[index]
        var changed = locations(c, Self.dbFields)
        changed.removeValue(forKey: LocationKey.resource)
        db.locations.merge(changed) { $1 }
        applyDBFlags(c, to: &db)
        inventory.dbInstances[index] = db
        return id
    }

    private func applyDBFlags(_ c: AWSCLICommand, to db: inout DBInstance) {
        if let value = c.value("db-instance-class") { db.instanceClass = value }
        if let value = c.value("engine") { db.engine = value }
        if let value = c.value("engine-version") { db.engineVersion = value }
        if let value = c.int("allocated-storage") { db.allocatedStorage = value }
        if let value = c.value("storage-type") { db.storageType = value }
        if let value = c.bool("storage-encrypted") { db.storageEncrypted = value }
        if let value = c.bool("multi-az") { db.multiAZ = value }
        if let value = c.bool("publicly-accessible") { db.publiclyAccessible = value }
        if let value = c.bool("deletion-protection") { db.deletionProtection = value }
        if let value = c.int("backup-retention-period") { db.backupRetentionPeriod = value }
        if c.flag("vpc-security-group-ids") != nil { db.vpcSecurityGroups = c.values("vpc-security-group-ids").map(resolveGroup) }
        if let value = c.value("availability-zone") { db.availabilityZone = value }
        if let value = c.value("db-name") { db.dbName = value }
        if let value = c.value("master-username") { db.masterUsername = value }
        if let value = c.int("port") { db.port = value }
        if let manage = c.bool("manage-master-user-password") {
            db.masterUserSecretArn = manage ? "file:secretsmanager/rds!db-\(db.identifier)" : nil
        }
    }

    mutating func createCache(_ c: AWSCLICommand, idFlag: String) -> String? {
        guard let id = required(idFlag, of: c) else { return nil }
        var cache = CacheCluster(id: id)
        cache.engine = c.value("engine")
        cache.engineVersion = c.value("engine-version")
        cache.nodeType = c.value("cache-node-type")
        cache.numNodes = c.int("num-cache-nodes") ?? c.int("num-cache-clusters")
            ?? c.int("num-node-groups").map { $0 * ((c.int("replicas-per-node-group") ?? 0) + 1) }
        cache.port = c.int("port")
        cache.securityGroups = c.values("security-group-ids").map(resolveGroup)
        cache.transitEncryptionEnabled = c.bool("transit-encryption-enabled") ?? false
        cache.atRestEncryptionEnabled = c.bool("at-rest-encryption-enabled") ?? false
        cache.authTokenEnabled = c.value("auth-token") != nil
        cache.userGroupIds = c.values("user-group-ids")
        cache.snapshotRetentionLimit = c.int("snapshot-retention-limit") ?? 0
        cache.replicationGroupId = idFlag == "replication-group-id" ? id : c.value("replication-group-id")
        cache.tags = tags(c)
        cache.locations = locations(c, [
            "cache-node-type": "nodeType", "engine": "engine", "engine-version": "engineVersion",
            "num-cache-nodes": "numNodes", "num-cache-clusters": "numNodes", "port": "port",
            "security-group-ids": "securityGroups", "transit-encryption-enabled": "transitEncryptionEnabled",
            "at-rest-encryption-enabled": "atRestEncryptionEnabled", "auth-token": "authTokenEnabled",
            "user-group-ids": "userGroupIds", "snapshot-retention-limit": "snapshotRetentionLimit",
        ])
        inventory.cacheClusters.removeAll { $0.id == id }
        inventory.cacheClusters.append(cache)
        return id
    }

    mutating func createRepository(_ c: AWSCLICommand) -> String? {
        guard let name = required("repository-name", of: c) else { return nil }
        var repository = Repository(name: name)
        repository.imageTagMutability = c.value("image-tag-mutability") ?? "MUTABLE"
        repository.scanOnPush = structured(c, "image-scanning-configuration").first?["scanOnPush"]?.bool ?? false
        repository.hasLifecyclePolicy = false
        repository.tags = tags(c)
        repository.locations = locations(c, [
            "image-tag-mutability": "imageTagMutability", "image-scanning-configuration": "scanOnPush",
        ])
        inventory.repositories.removeAll { $0.name == name }
        inventory.repositories.append(repository)
        return name
    }

    mutating func putLifecyclePolicy(_ c: AWSCLICommand) -> String? {
        guard let name = c.value("repository-name") else { return nil }
        lifecyclePolicies[name] = location(c.line)
        return nil
    }

    mutating func createLogGroup(_ c: AWSCLICommand) -> String? {
        guard let name = required("log-group-name", of: c) else { return nil }
        var group = inventory.logGroups.first { $0.name == name } ?? LogGroup(name: name)
        group.tags.merge(tags(c)) { $1 }
        group.locations[LocationKey.resource] = location(c.line)
        inventory.logGroups.removeAll { $0.name == name }
        inventory.logGroups.append(group)
        return name
    }

    mutating func putRetentionPolicy(_ c: AWSCLICommand) -> String? {
        guard let name = c.value("log-group-name") else { return nil }
        var group = inventory.logGroups.first { $0.name == name } ?? LogGroup(name: name)
        if group.locations[LocationKey.resource] == nil { group.locations[LocationKey.resource] = location(c.line) }
        group.retentionInDays = c.int("retention-in-days")
        if let line = c.line("retention-in-days") { group.locations["retentionInDays"] = location(line) }
        inventory.logGroups.removeAll { $0.name == name }
        inventory.logGroups.append(group)
        return nil
    }
}
