import Foundation
import Inventory

/// Changes to ElastiCache clusters and ECR repositories the files created: the
/// `modify-*` and `put-*` commands the cache and registry rules tell users to
/// run. A resource the files do not create is a problem, and nothing changes.
extension FileInventoryBuilder {
    /// `modify-cache-cluster`: one cache cluster.
    mutating func modifyCacheCluster(_ c: AWSCLICommand) -> String? {
        guard let id = required("cache-cluster-id", of: c) else { return nil }
        guard let index = inventory.cacheClusters.firstIndex(where: { $0.id == id }) else {
            notCreated(c, id, by: "`aws elasticache create-cache-cluster` or `create-replication-group`")
            return nil
        }
        applyCacheChanges(c, to: index)
        return id
    }

    /// `modify-replication-group`: every cache of the group (the group itself,
    /// as `create-replication-group` records it, and member clusters).
    mutating func modifyReplicationGroup(_ c: AWSCLICommand) -> String? {
        guard let id = required("replication-group-id", of: c) else { return nil }
        let members = inventory.cacheClusters.indices.filter {
            inventory.cacheClusters[$0].id == id || inventory.cacheClusters[$0].replicationGroupId == id
        }
        guard !members.isEmpty else {
            notCreated(c, id, by: "`aws elasticache create-replication-group`")
            return nil
        }
        for index in members { applyCacheChanges(c, to: index) }
        return id
    }

    /// The flags both modify commands share, plus the replication group's own
    /// (in-transit encryption, RBAC user groups), each only when given.
    private mutating func applyCacheChanges(_ c: AWSCLICommand, to index: Int) {
        var cache = inventory.cacheClusters[index]
        if let value = c.int("snapshot-retention-limit") { cache.snapshotRetentionLimit = value }
        if c.flag("security-group-ids") != nil { cache.securityGroups = c.values("security-group-ids").map(resolveGroup) }
        if let value = c.value("cache-node-type") { cache.nodeType = value }
        if let value = c.value("engine-version") { cache.engineVersion = value }
        if let value = c.int("num-cache-nodes") { cache.numNodes = value }
        if let value = c.bool("transit-encryption-enabled") { cache.transitEncryptionEnabled = value }
        // ROTATE and SET (the default) leave a token in place; DELETE removes it.
        if c.value("auth-token-update-strategy")?.uppercased() == "DELETE" {
            cache.authTokenEnabled = false
        } else if c.value("auth-token") != nil {
            cache.authTokenEnabled = true
        }
        if c.bool("remove-user-groups") == true { cache.userGroupIds = [] }
        let removed = c.values("user-group-ids-to-remove")
        cache.userGroupIds.removeAll { removed.contains($0) }
        for group in c.values("user-group-ids-to-add") where !cache.userGroupIds.contains(group) { cache.userGroupIds.append(group) }
        var changed = locations(c, [
            "snapshot-retention-limit": "snapshotRetentionLimit", "security-group-ids": "securityGroups",
            "cache-node-type": "nodeType", "engine-version": "engineVersion", "num-cache-nodes": "numNodes",
            "transit-encryption-enabled": "transitEncryptionEnabled", "auth-token": "authTokenEnabled",
            "auth-token-update-strategy": "authTokenEnabled", "user-group-ids-to-add": "userGroupIds",
            "user-group-ids-to-remove": "userGroupIds", "remove-user-groups": "userGroupIds",
        ])
        changed.removeValue(forKey: LocationKey.resource)
        cache.locations.merge(changed) { $1 }
        inventory.cacheClusters[index] = cache
    }

    /// `put-image-tag-mutability`: `MUTABLE` or `IMMUTABLE` (or the
    /// `…_WITH_EXCLUSION` forms) for a repository the files create.
    mutating func putImageTagMutability(_ c: AWSCLICommand) -> String? {
        guard let value = required("image-tag-mutability", of: c) else { return nil }
        guard let index = repositoryIndex(c) else { return nil }
        inventory.repositories[index].imageTagMutability = value
        inventory.repositories[index].locations["imageTagMutability"] = location(c.line("image-tag-mutability") ?? c.line)
        return nil
    }

    /// `put-image-scanning-configuration --image-scanning-configuration scanOnPush=true|false`.
    mutating func putImageScanningConfiguration(_ c: AWSCLICommand) -> String? {
        guard let index = repositoryIndex(c) else { return nil }
        guard let scan = structured(c, "image-scanning-configuration").first?["scanOnPush"]?.bool else {
            problem(c.line, "`aws ecr put-image-scanning-configuration` without --image-scanning-configuration scanOnPush=… was skipped")
            return nil
        }
        inventory.repositories[index].scanOnPush = scan
        inventory.repositories[index].locations["scanOnPush"] = location(c.line("image-scanning-configuration") ?? c.line)
        return nil
    }

    /// The repository `--repository-name` names, among those the files create; else a problem.
    private mutating func repositoryIndex(_ c: AWSCLICommand) -> Int? {
        guard let name = required("repository-name", of: c) else { return nil }
        guard let index = inventory.repositories.firstIndex(where: { $0.name == name }) else {
            notCreated(c, "the repository \(name)", by: "`aws ecr create-repository`")
            return nil
        }
        return index
    }
}
