import Foundation

extension Inventory {
    private enum Field: String, CaseIterable {
        case snapshotVersion, region, account, scope, coverage
        case clusters, services, taskDefinitions, tasks, loadBalancers, listeners, targetGroups
        case securityGroups, subnets, vpcs, natGateways, vpcEndpoints
        case dbInstances, cacheClusters, repositories, logGroups, roles, fileValues
    }
    private static let fields = SnapshotFields<Field>()

    /// Decodes snapshot bytes on the fast path: services and task definitions
    /// (all but a few kilobytes of a large snapshot) by the hand-written
    /// readers, the small lists through `SnapshotDecoder`. Gives exactly what
    /// `JSONDecoder` gives, or declines (`SnapshotFastPathDeclined`).
    /// Public only as SPI (`@_spi(Fuzzing)`): the fuzz package and the tests hold it to that.
    @_spi(Fuzzing) public static func readSnapshot(_ data: Data) throws -> Inventory {
        try data.withUnsafeBytes { raw in
            var reader = SnapshotJSONParser(bytes: raw.bindMemory(to: UInt8.self))
            if raw.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
            let inventory = try Inventory(reading: &reader)
            reader.skipWhitespace()
            guard reader.index == reader.bytes.count else { throw SnapshotFastPathDeclined() }
            return inventory
        }
    }

    /// Reads the top-level object. `snapshotVersion` is required (a stored
    /// property with a default value is still decoded by the synthesized
    /// conformance); every list is `@Defaulted`.
    private init(reading reader: inout SnapshotJSONParser) throws {
        self.init()
        var version: Int?
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .snapshotVersion: version = try reader.readInteger(Int.self)
            case .region: region = try reader.readOptionalString()
            case .account: account = try reader.readOptionalString()
            case .scope: scope = try reader.readThroughTree(Scope.self)
            case .coverage: coverage = try reader.readThroughTree([CoverageEntry].self) ?? []
            case .clusters: clusters = try reader.readThroughTree([ECSCluster].self) ?? []
            case .services: services = try reader.readList { try ECSService(reading: &$0) }
            case .taskDefinitions: taskDefinitions = try reader.readList { try TaskDefinition(reading: &$0) }
            case .tasks: tasks = try reader.readThroughTree([ECSTask].self) ?? []
            case .loadBalancers: loadBalancers = try reader.readThroughTree([LoadBalancer].self) ?? []
            case .listeners: listeners = try reader.readThroughTree([Listener].self) ?? []
            case .targetGroups: targetGroups = try reader.readThroughTree([TargetGroup].self) ?? []
            case .securityGroups: securityGroups = try reader.readThroughTree([SecurityGroup].self) ?? []
            case .subnets: subnets = try reader.readThroughTree([Subnet].self) ?? []
            case .vpcs: vpcs = try reader.readThroughTree([VPC].self) ?? []
            case .natGateways: natGateways = try reader.readThroughTree([NATGateway].self) ?? []
            case .vpcEndpoints: vpcEndpoints = try reader.readThroughTree([VPCEndpoint].self) ?? []
            case .dbInstances: dbInstances = try reader.readThroughTree([DBInstance].self) ?? []
            case .cacheClusters: cacheClusters = try reader.readThroughTree([CacheCluster].self) ?? []
            case .repositories: repositories = try reader.readThroughTree([Repository].self) ?? []
            case .logGroups: logGroups = try reader.readThroughTree([LogGroup].self) ?? []
            case .roles: roles = try reader.readThroughTree([IAMRole].self) ?? []
            case .fileValues: fileValues = try reader.readThroughTree([FileValue].self) ?? []
            }
        }
        guard let version else { throw SnapshotFastPathDeclined() }
        formatVersion = version
    }
}
