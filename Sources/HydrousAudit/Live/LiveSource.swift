import AWSClient
import Foundation
import Inventory

/// Reads a deployment from the AWS APIs into an `Inventory`.
///
/// Only read-only calls are made (the client refuses anything else). API
/// failures never throw: each operation's outcome is recorded in
/// `inventory.coverage` (one entry per operation: `ok` with a call count, or
/// `denied`/`failed` with the AWS code and message, or `failed` naming an
/// answer item that lacked a field needed to identify its resource, which is
/// then left out) and everything else is still read. Independent calls run concurrently, at most `maxInFlight` at a
/// time per fan-out.
public struct LiveSource: Sendable {
    /// The client used for every call; its configuration gives the region.
    public let client: AWSClient
    /// Calls kept in flight at most by one collector's fan-out.
    public let maxInFlight: Int

    /// Creates a live source over `client` (any credentials, any endpoint).
    public init(client: AWSClient, maxInFlight: Int = 8) {
        self.client = client
        self.maxInFlight = max(1, maxInFlight)
    }

    /// Reads everything `scope` needs and returns the scoped inventory
    /// (`Inventory.scoped(to:)`) in canonical order. `--cluster` narrows the
    /// ECS reads to those clusters; tags are applied after reading.
    public func read(scope: Scope) async -> Inventory {
        let coverage = LiveCoverageRecorder()
        let calls = LiveCalls(client: client, coverage: coverage, limit: maxInFlight)

        let ecsCollector = ECSCollector(calls: calls, clusterFilter: scope.clusters)
        let newestTaskDefinitions = ecsCollector.startNewest()
        async let account = STSCollector(calls: calls).account()
        async let ecs = ecsCollector.read(newest: newestTaskDefinitions)
        async let elb = ELBv2Collector(calls: calls).read()
        async let network = EC2Collector(calls: calls).read()
        async let databases = RDSCollector(calls: calls).read()
        async let caches = ElastiCacheCollector(calls: calls).read()
        async let repositories = ECRCollector(calls: calls).read()
        async let logGroups = LogsCollector(calls: calls).read()

        // What depends on ECS: the roles task definitions use, the tasks' ENIs.
        let ecsReadout = await ecs
        let roleArns = ecsReadout.taskDefinitions.flatMap { [$0.taskRoleArn, $0.executionRoleArn].compactMap { $0 } }
        async let roles = IAMCollector(calls: calls).read(roles: roleArns)
        async let addresses = EC2Collector(calls: calls).interfaceAddresses(ecsReadout.tasks.compactMap(\.networkInterfaceId))

        var inventory = Inventory(region: client.configuration.region, account: await account)
        inventory.clusters = ecsReadout.clusters
        inventory.services = ecsReadout.services
        inventory.taskDefinitions = ecsReadout.taskDefinitions
        let interfaceAddresses = await addresses
        inventory.tasks = ecsReadout.tasks.map { task in
            var task = task
            if let eni = task.networkInterfaceId, let found = interfaceAddresses[eni] {
                task.privateIPv4 = task.privateIPv4 ?? found.privateIP
                task.publicIPv4 = found.publicIP
            }
            return task
        }
        let elbReadout = await elb
        inventory.loadBalancers = elbReadout.loadBalancers
        inventory.listeners = elbReadout.listeners
        inventory.targetGroups = elbReadout.targetGroups
        let networkReadout = await network
        inventory.securityGroups = networkReadout.securityGroups
        inventory.subnets = networkReadout.subnets
        inventory.vpcs = networkReadout.vpcs
        inventory.natGateways = networkReadout.natGateways
        inventory.vpcEndpoints = networkReadout.vpcEndpoints
        inventory.dbInstances = await databases
        inventory.cacheClusters = await caches
        inventory.repositories = await repositories
        inventory.logGroups = await logGroups
        inventory.roles = await roles
        inventory.coverage = coverage.entries()
        return inventory.scoped(to: scope).normalized()
    }
}
