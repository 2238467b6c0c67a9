import Foundation
import Pricing

/// One Price List filter (`{"Type": "TERM_MATCH", "Field": …, "Value": …}`).
public struct PriceFilter: Sendable, Equatable {
    /// `TERM_MATCH`, `CONTAINS`, …
    public var type: String
    /// The product attribute (`regionCode`, `instanceType`, `usagetype`).
    public var field: String
    /// The value to match.
    public var value: String

    /// Creates a filter.
    public init(_ field: String, _ value: String, type: String = "TERM_MATCH") {
        self.type = type
        self.field = field
        self.value = value
    }
}

/// How to find one price table key in the AWS Price List Query API.
public struct PriceQuery: Sendable, Equatable {
    /// The price table key.
    public var key: String
    /// `AmazonRDS`, `AmazonECS`, …
    public var serviceCode: String
    /// The filters sent to GetProducts.
    public var filters: [PriceFilter]
    /// When set, only products whose `usagetype` is this, or this after a
    /// region prefix (`USE1-Fargate-GB-Hours`), are kept (drops Spot and other look-alikes).
    public var usageType: String?
    /// The unit the table records.
    public var unit: String

    /// The source text the table keeps: the API and the filters.
    public var source: String {
        let terms = filters.map { filter in
            filter.type == "TERM_MATCH" ? "\(filter.field)=\(filter.value)" : "\(filter.field) \(filter.type) \(filter.value)"
        }
        let exact = usageType.map { " usagetype=*\($0)" } ?? ""
        return "AWS Price List Query API GetProducts \(serviceCode) " + terms.joined(separator: " ") + exact
    }
}

/// Maps price table keys to Price List queries.
public enum PriceQueryCatalogue {
    /// Every key the refresh prices by default: the keys the cost model uses
    /// for the t3/t4g families (RDS PostgreSQL and MySQL, ElastiCache Redis and
    /// Valkey) and every other component.
    public static let defaultKeys: [String] = {
        var keys: [String] = []
        for engine in ["postgres", "mysql"] {
            for family in ["t3", "t4g"] {
                for size in ["micro", "small", "medium", "large"] {
                    for multiAZ in [false, true] {
                        keys.append(PriceKey.rdsInstance(engine: engine, instanceClass: "db.\(family).\(size)", multiAZ: multiAZ))
                    }
                }
            }
        }
        for type in ["gp2", "gp3"] {
            keys += [PriceKey.rdsStorage(type: type, multiAZ: false), PriceKey.rdsStorage(type: type, multiAZ: true)]
        }
        keys.append(PriceKey.rdsBackup)
        for engine in ["redis", "valkey"] {
            for node in ["t3.micro", "t3.small", "t3.medium", "t4g.micro", "t4g.small", "t4g.medium"] {
                keys.append(PriceKey.cacheNode(engine: engine, nodeType: "cache.\(node)"))
            }
        }
        keys += [
            PriceKey.fargateVCPU(arm: false), PriceKey.fargateMemory(arm: false), PriceKey.fargateVCPU(arm: true),
            PriceKey.fargateMemory(arm: true), PriceKey.fargateEphemeral, PriceKey.albHour, PriceKey.albLCU,
            PriceKey.publicIPv4, PriceKey.logsIngestion, PriceKey.logsStorage, PriceKey.ecrStorage, PriceKey.secret,
            PriceKey.secretCalls, PriceKey.natHour, PriceKey.natData, PriceKey.endpointHour, PriceKey.endpointData,
            PriceKey.dataTransferOut,
        ]
        return keys.sorted()
    }()

    /// The query for `key` in `region`; `nil` for a key this catalogue cannot map.
    public static func query(for key: String, region: String) -> PriceQuery? {
        let parts = key.split(separator: ":").map(String.init)
        let inRegion = PriceFilter("regionCode", region)
        if parts.count == 4, parts[0] == "rds", parts[1] != "storage", let engine = rdsEngines[parts[1]] {
            return PriceQuery(key: key, serviceCode: "AmazonRDS", filters: [
                inRegion, PriceFilter("productFamily", "Database Instance"), PriceFilter("instanceType", parts[2]),
                PriceFilter("databaseEngine", engine), PriceFilter("deploymentOption", deployment(parts[3])),
            ], usageType: nil, unit: "hour")
        }
        if parts.count == 4, parts[0] == "rds", parts[1] == "storage", let volume = volumeTypes[parts[2]] {
            return PriceQuery(key: key, serviceCode: "AmazonRDS", filters: [
                inRegion, PriceFilter("productFamily", "Database Storage"), PriceFilter("volumeType", volume),
                PriceFilter("databaseEngine", "PostgreSQL"), PriceFilter("deploymentOption", deployment(parts[3])),
            ], usageType: nil, unit: "GB-month")
        }
        if parts.count == 3, parts[0] == "elasticache", let engine = cacheEngines[parts[1]] {
            return PriceQuery(key: key, serviceCode: "AmazonElastiCache", filters: [
                inRegion, PriceFilter("productFamily", "Cache Instance"), PriceFilter("instanceType", parts[2]),
                PriceFilter("cacheEngine", engine),
            ], usageType: nil, unit: "hour")
        }
        guard let (serviceCode, usageType, unit) = byUsageType[key] else { return nil }
        var filters = [serviceCode == "AWSDataTransfer" ? PriceFilter("fromRegionCode", region) : inRegion]
        if let family = productFamilies[key] { filters.append(PriceFilter("productFamily", family)) }
        filters.append(PriceFilter("usagetype", usageType, type: "CONTAINS"))
        return PriceQuery(key: key, serviceCode: serviceCode, filters: filters, usageType: usageType, unit: unit)
    }

    private static let rdsEngines = ["postgres": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB"]
    private static let volumeTypes = ["gp2": "General Purpose", "gp3": "General Purpose-GP3"]
    private static let cacheEngines = ["redis": "Redis", "valkey": "Valkey", "memcached": "Memcached"]

    private static func deployment(_ text: String) -> String { text == "multi-az" ? "Multi-AZ" : "Single-AZ" }

    /// Product families that tell look-alike usage types apart (Classic,
    /// Network and Application load balancers all bill `LoadBalancerUsage`).
    private static let productFamilies = [
        PriceKey.albHour: "Load Balancer-Application", PriceKey.albLCU: "Load Balancer-Application",
    ]

    /// Keys found by usage type: service code, usage type (without region prefix), table unit.
    private static let byUsageType: [String: (String, String, String)] = [
        PriceKey.rdsBackup: ("AmazonRDS", "RDS:ChargedBackupUsage", "GB-month"),
        PriceKey.fargateVCPU(arm: false): ("AmazonECS", "Fargate-vCPU-Hours:perCPU", "vCPU-hour"),
        PriceKey.fargateMemory(arm: false): ("AmazonECS", "Fargate-GB-Hours", "GB-hour"),
        PriceKey.fargateVCPU(arm: true): ("AmazonECS", "Fargate-ARM-vCPU-Hours:perCPU", "vCPU-hour"),
        PriceKey.fargateMemory(arm: true): ("AmazonECS", "Fargate-ARM-GB-Hours", "GB-hour"),
        PriceKey.fargateEphemeral: ("AmazonECS", "Fargate-EphemeralStorage-GB-Hours", "GB-hour"),
        PriceKey.albHour: ("AWSELB", "LoadBalancerUsage", "hour"),
        PriceKey.albLCU: ("AWSELB", "LCUUsage", "LCU-hour"),
        PriceKey.publicIPv4: ("AmazonVPC", "PublicIPv4:InUseAddress", "hour"),
        PriceKey.logsIngestion: ("AmazonCloudWatch", "DataProcessing-Bytes", "GB"),
        PriceKey.logsStorage: ("AmazonCloudWatch", "TimedStorage-ByteHrs", "GB-month"),
        PriceKey.ecrStorage: ("AmazonECR", "TimedStorage-ByteHrs", "GB-month"),
        PriceKey.secret: ("AWSSecretsManager", "AWSSecretsManager-Secrets", "secret-month"),
        PriceKey.secretCalls: ("AWSSecretsManager", "AWSSecretsManager-APIRequest", "10k-calls"),
        PriceKey.natHour: ("AmazonEC2", "NatGateway-Hours", "hour"),
        PriceKey.natData: ("AmazonEC2", "NatGateway-Bytes", "GB"),
        PriceKey.endpointHour: ("AmazonVPC", "VpcEndpoint-Hours", "AZ-hour"),
        PriceKey.endpointData: ("AmazonVPC", "VpcEndpoint-Bytes", "GB"),
        PriceKey.dataTransferOut: ("AWSDataTransfer", "DataTransfer-Out-Bytes", "GB"),
    ]
}
