import AWSClient
import Foundation
import Inventory
import struct Inventory.Endpoint

/// Reads ElastiCache: cache clusters with node endpoints, the replication
/// groups they belong to (encryption, AUTH and primary endpoint live there for
/// Redis groups), and each cluster's tags.
struct ElastiCacheCollector: Sendable {
    let calls: LiveCalls

    func read() async -> [CacheCluster] {
        async let clusterPages = calls.queryPages(
            .elasticache, "DescribeCacheClusters", [("ShowCacheNodeInfo", "true"), ("MaxRecords", "100")],
            tokenParam: "Marker", tokenPath: ["Marker"])
        async let groupPages = calls.queryPages(
            .elasticache, "DescribeReplicationGroups", [("MaxRecords", "100")], tokenParam: "Marker", tokenPath: ["Marker"])
        var clusters = (await clusterPages ?? []).flatMap {
            calls.items($0.liveItems("CacheClusters"), of: .elasticache, "DescribeCacheClusters", list: "CacheClusters",
                        kind: "cache cluster", Self.cluster)
        }
        let groups = (await groupPages ?? []).flatMap {
            calls.items($0.liveItems("ReplicationGroups"), of: .elasticache, "DescribeReplicationGroups",
                        list: "ReplicationGroups", kind: "replication group") { group throws(LiveMissingField) in
                (id: try group.liveRequired("ReplicationGroupId"), group: group)
            }
        }
        for (id, group) in groups {
            for index in clusters.indices where clusters[index].replicationGroupId == id {
                Self.merge(group, into: &clusters[index])
            }
        }
        let tags = await calls.map(clusters.map(\.arn)) { arn -> Tags in
            guard let arn else { return [:] }
            let answer = await calls.query(.elasticache, "ListTagsForResource", [("ResourceName", arn)])
            return answer.value?.liveTags("TagList") ?? [:]
        }
        for index in clusters.indices { clusters[index].tags = tags[index] }
        return clusters
    }

    static func cluster(_ item: AWSXMLNode) throws(LiveMissingField) -> CacheCluster {
        // The ARN is what ListTagsForResource needs: without it the tags (and so the scope) would be unknown.
        var cluster = CacheCluster(id: try item.liveRequired("CacheClusterId"), arn: try item.liveRequired("ARN"))
        cluster.engine = item.liveString("Engine")
        cluster.engineVersion = item.liveString("EngineVersion")
        cluster.nodeType = item.liveString("CacheNodeType")
        cluster.numNodes = item.liveInt("NumCacheNodes")
        var endpoints: [Endpoint] = []
        if let config = item.child("ConfigurationEndpoint"), let address = config.liveString("Address") {
            endpoints.append(Endpoint(address: address, port: config.liveInt("Port")))
        }
        for node in item.liveItems("CacheNodes") {
            if let endpoint = node.child("Endpoint"), let address = endpoint.liveString("Address") {
                endpoints.append(Endpoint(address: address, port: endpoint.liveInt("Port")))
            }
        }
        cluster.endpoints = endpoints
        cluster.port = endpoints.first?.port
        cluster.securityGroups = item.liveItems("SecurityGroups").compactMap { $0.liveString("SecurityGroupId") }
        // The API documents these as false by default: an answer that leaves
        // them out (older clusters, emulators) describes a cluster without them.
        cluster.transitEncryptionEnabled = item.liveBool("TransitEncryptionEnabled") ?? false
        cluster.atRestEncryptionEnabled = item.liveBool("AtRestEncryptionEnabled") ?? false
        cluster.authTokenEnabled = item.liveBool("AuthTokenEnabled") ?? false
        cluster.snapshotRetentionLimit = item.liveInt("SnapshotRetentionLimit")
        cluster.replicationGroupId = item.liveString("ReplicationGroupId")
        return cluster
    }

    /// The group's settings win where the group is the authority (at-rest
    /// encryption, RBAC user groups); its primary/configuration endpoint is
    /// what clients connect to, so it is listed first.
    static func merge(_ group: AWSXMLNode, into cluster: inout CacheCluster) {
        cluster.transitEncryptionEnabled = group.liveBool("TransitEncryptionEnabled") ?? cluster.transitEncryptionEnabled
        cluster.atRestEncryptionEnabled = group.liveBool("AtRestEncryptionEnabled") ?? cluster.atRestEncryptionEnabled
        cluster.authTokenEnabled = group.liveBool("AuthTokenEnabled") ?? cluster.authTokenEnabled
        if cluster.snapshotRetentionLimit == nil || cluster.snapshotRetentionLimit == 0 {
            cluster.snapshotRetentionLimit = group.liveInt("SnapshotRetentionLimit") ?? cluster.snapshotRetentionLimit
        }
        let users = group.liveItems("UserGroupIds").map(\.text)
        if !users.isEmpty { cluster.userGroupIds = users }
        var primary: [Endpoint] = []
        if let config = group.child("ConfigurationEndpoint"), let address = config.liveString("Address") {
            primary.append(Endpoint(address: address, port: config.liveInt("Port")))
        }
        for nodeGroup in group.liveItems("NodeGroups") {
            if let endpoint = nodeGroup.child("PrimaryEndpoint"), let address = endpoint.liveString("Address") {
                primary.append(Endpoint(address: address, port: endpoint.liveInt("Port")))
            }
        }
        let known = Set(cluster.endpoints.map(\.address))
        cluster.endpoints = primary.filter { !known.contains($0.address) } + cluster.endpoints
        cluster.port = cluster.port ?? cluster.endpoints.first?.port
    }
}
