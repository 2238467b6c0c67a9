import AWSClient
import Foundation
import Inventory
import struct Inventory.Endpoint

/// Reads RDS DB instances (tags come inline in `TagList`).
struct RDSCollector: Sendable {
    let calls: LiveCalls

    func read() async -> [DBInstance] {
        let pages = await calls.queryPages(
            .rds, "DescribeDBInstances", [("MaxRecords", "100")], tokenParam: "Marker", tokenPath: ["Marker"]) ?? []
        return pages.flatMap {
            calls.items($0.liveItems("DBInstances"), of: .rds, "DescribeDBInstances", list: "DBInstances",
                        kind: "DB instance", Self.instance)
        }
    }

    static func instance(_ item: AWSXMLNode) throws(LiveMissingField) -> DBInstance {
        var db = DBInstance(identifier: try item.liveRequired("DBInstanceIdentifier"), arn: item.liveString("DBInstanceArn"))
        db.instanceClass = item.liveString("DBInstanceClass")
        db.engine = item.liveString("Engine")
        db.engineVersion = item.liveString("EngineVersion")
        db.dbName = item.liveString("DBName")
        db.masterUsername = item.liveString("MasterUsername")
        db.allocatedStorage = item.liveInt("AllocatedStorage")
        db.storageType = item.liveString("StorageType")
        db.storageEncrypted = item.liveBool("StorageEncrypted")
        db.multiAZ = item.liveBool("MultiAZ")
        db.publiclyAccessible = item.liveBool("PubliclyAccessible")
        db.deletionProtection = item.liveBool("DeletionProtection")
        db.backupRetentionPeriod = item.liveInt("BackupRetentionPeriod")
        db.availabilityZone = item.liveString("AvailabilityZone")
        if let endpoint = item.child("Endpoint"), let address = endpoint.liveString("Address") {
            db.endpoint = Endpoint(address: address, port: endpoint.liveInt("Port"))
        }
        db.port = item.liveInt("DbInstancePort").flatMap { $0 > 0 ? $0 : nil } ?? db.endpoint?.port
        db.vpcSecurityGroups = item.liveItems("VpcSecurityGroups").compactMap { $0.liveString("VpcSecurityGroupId") }
        db.masterUserSecretArn = item.child("MasterUserSecret")?.liveString("SecretArn")
        db.tags = item.liveTags("TagList")
        return db
    }
}
