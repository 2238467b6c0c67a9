import Foundation
import Inventory

/// A tier of the deployment a security group can be attached to.
enum SecurityGroupTier: Int, Comparable, CaseIterable, Sendable {
    case loadBalancer, app, database, cache

    /// The tier's name in messages and rules.md (`load-balancer`, `app`, ...).
    var label: String {
        switch self {
        case .loadBalancer: return "load-balancer"
        case .app: return "app"
        case .database: return "database"
        case .cache: return "cache"
        }
    }

    /// How a message names a resource of the tier ("the database hydrous-db").
    var noun: String {
        switch self {
        case .loadBalancer: return "the load balancer"
        case .app: return "the service"
        case .database: return "the database"
        case .cache: return "the cache"
        }
    }

    static func < (lhs: SecurityGroupTier, rhs: SecurityGroupTier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One resource that uses a security group.
struct SecurityGroupAttachment: Equatable, Sendable {
    /// The tier the resource belongs to.
    let tier: SecurityGroupTier
    /// The resource's name (load balancer, service, DB identifier, cache id).
    let name: String
    /// Where the resource names the group (else where it is declared), when it came from a file.
    let location: SourceLocation?

    /// "the database hydrous-db".
    var phrase: String { "\(tier.noun) \(name)" }
}

/// Which resources of which tier use each security group of an inventory.
struct SecurityGroupAttachments: Sendable {
    /// Security group id to the resources using it, sorted by tier then name.
    let byGroup: [String: [SecurityGroupAttachment]]

    /// Collects the attachments of `inventory`'s load balancers, services, databases and caches.
    init(_ inventory: Inventory) {
        var map: [String: [SecurityGroupAttachment]] = [:]
        func add(_ groups: [String], _ tier: SecurityGroupTier, _ name: String, _ location: SourceLocation?) {
            for group in Set(groups) {
                map[group, default: []].append(SecurityGroupAttachment(tier: tier, name: name, location: location))
            }
        }
        for lb in inventory.loadBalancers { add(lb.securityGroups, .loadBalancer, lb.name, lb.location(of: "securityGroups")) }
        for service in inventory.services {
            add(service.networkConfiguration?.securityGroups ?? [], .app, service.name, service.location(of: "securityGroups"))
        }
        for db in inventory.dbInstances { add(db.vpcSecurityGroups, .database, db.identifier, db.location(of: "vpcSecurityGroups")) }
        for cache in inventory.cacheClusters { add(cache.securityGroups, .cache, cache.id, cache.location(of: "securityGroups")) }
        byGroup = map.mapValues { list in
            list.sorted { ($0.tier, $0.name) < ($1.tier, $1.name) }
        }
    }

    /// Every attached group id, sorted.
    var groupIds: [String] { byGroup.keys.sorted() }

    /// The resources using `group`.
    func attachments(of group: String) -> [SecurityGroupAttachment] { byGroup[group] ?? [] }

    /// The tiers `group` is attached to.
    func tiers(of group: String) -> Set<SecurityGroupTier> { Set(attachments(of: group).map(\.tier)) }
}

extension Inventory {
    /// The security group `id`, or a bare stand-in when the inventory only
    /// knows it by reference (a file names the id but never creates it).
    func securityGroupOrStub(_ id: String) -> SecurityGroup {
        securityGroup(id) ?? SecurityGroup(id: id)
    }
}

/// Joins phrases as English prose: "a", "a and b", "a, b and c".
func englishList(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}
