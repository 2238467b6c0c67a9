import AWSClient
import Foundation
import HydrousAudit
import Inventory
import XCTest

/// Reads the guide's deployment (replayed into moto) through `LiveSource` and
/// checks the inventory carries the guide's facts, and only what is in scope.
final class LiveSourceTests: XCTestCase {
    static let guideScope = Scope(tags: ["Project=HydrousBackend"])

    private func readGuide() async throws -> (LiveMoto, Inventory) {
        let moto = try LiveMoto.fixture()
        let inventory = await LiveSource(client: try moto.client()).read(scope: Self.guideScope)
        return (moto, inventory)
    }

    func testReadsTheGuideCompletelyWithAccountAndRegion() async throws {
        let (_, inventory) = try await readGuide()
        XCTAssertEqual(inventory.account, "882816896907")
        XCTAssertEqual(inventory.region, "us-east-1")
        XCTAssertEqual(inventory.scope, Self.guideScope)
        XCTAssertTrue(inventory.isComplete, "coverage: \(inventory.coverage.filter { $0.status != .ok })")
        let describeServices = inventory.coverage.first { $0.service == "ecs" && $0.operation == "DescribeServices" }
        XCTAssertEqual(describeServices?.status, .ok)
        XCTAssertEqual(Set(inventory.coverage.map { "\($0.service) \($0.operation)" }).count, inventory.coverage.count,
                       "one coverage entry per operation")
    }

    func testServiceHasPublicIpTheGuideAsksFor() async throws {
        let (moto, inventory) = try await readGuide()
        XCTAssertEqual(inventory.clusters.map(\.name), ["hydrous-cluster"])
        let service = try XCTUnwrap(inventory.services.first { $0.name == "hydrous-backend-service" })
        XCTAssertEqual(inventory.services.count, 1)
        XCTAssertTrue(service.assignsPublicIp)
        XCTAssertEqual(service.networkConfiguration?.assignPublicIp, "ENABLED")
        XCTAssertEqual(service.desiredCount, 1)
        XCTAssertEqual(service.launchType, "FARGATE")
        XCTAssertEqual(service.networkConfiguration?.securityGroups, [moto.guide["ECS_SG"] ?? "?"])
        XCTAssertEqual(service.taskDefinition, moto.guide["TASK_DEFINITION_ARN"])
        XCTAssertEqual(service.loadBalancers.first?.targetGroupArn, moto.guide["TG_ARN"])
        XCTAssertEqual(service.loadBalancers.first?.containerPort, 8000)
        // The task moto runs for it, with its ENI read back from EC2.
        let task = try XCTUnwrap(inventory.tasks.first)
        XCTAssertEqual(task.serviceName, "hydrous-backend-service")
        XCTAssertNotNil(task.networkInterfaceId)
        XCTAssertNotNil(task.privateIPv4)
        XCTAssertNotNil(task.publicIPv4, "assignPublicIp=ENABLED gives the task's ENI a public address")
    }

    func testHTTPListenerForwardsToTheTargetGroup() async throws {
        let (moto, inventory) = try await readGuide()
        let lb = try XCTUnwrap(inventory.loadBalancers.first)
        XCTAssertEqual(inventory.loadBalancers.map(\.name), ["hydrous-alb"])
        XCTAssertEqual(lb.securityGroups, [moto.guide["ALB_SG"] ?? "?"])
        XCTAssertEqual(lb.tags["Project"], "HydrousBackend")
        XCTAssertEqual(lb.attributes["deletion_protection.enabled"], "false")
        XCTAssertEqual(Set(lb.availabilityZones.compactMap(\.subnetId)),
                       Set([moto.guide["SUBNET_A"] ?? "?", moto.guide["SUBNET_B"] ?? "?"]))
        XCTAssertEqual(inventory.listeners.count, 1)
        let listener = try XCTUnwrap(inventory.listeners.first)
        XCTAssertEqual(listener.protocol, "HTTP")
        XCTAssertEqual(listener.port, 80)
        XCTAssertEqual(listener.defaultActions.map(\.type), ["forward"])
        XCTAssertEqual(listener.defaultActions.first?.targetGroupArn, moto.guide["TG_ARN"])
        XCTAssertEqual(listener.rules, [], "the guide creates no listener rule (DescribeRules gives only the default one)")
        XCTAssertEqual(inventory.coverage.first { $0.operation == "DescribeRules" }?.status, .ok)
        let group = try XCTUnwrap(inventory.targetGroups.first)
        XCTAssertEqual(group.port, 8000)
        XCTAssertEqual(group.targetType, "ip")
        XCTAssertEqual(group.healthCheckPath, "/api/health")
    }

    func testDatabaseAndCacheShareOneGroupTheAppCannotReach() async throws {
        let (moto, inventory) = try await readGuide()
        let dataGroup = try XCTUnwrap(moto.guide["DATA_SG"])
        let db = try XCTUnwrap(inventory.dbInstances.first)
        XCTAssertEqual(inventory.dbInstances.map(\.identifier), ["hydrous-db"])
        XCTAssertEqual(db.vpcSecurityGroups, [dataGroup])
        XCTAssertEqual(db.instanceClass, "db.t3.micro")
        XCTAssertEqual(db.allocatedStorage, 20)
        XCTAssertEqual(db.publiclyAccessible, false)
        XCTAssertEqual(db.backupRetentionPeriod, 7)
        XCTAssertEqual(db.endpoint?.address, moto.guide["DB_ENDPOINT"])
        let cache = try XCTUnwrap(inventory.cacheClusters.first)
        XCTAssertEqual(inventory.cacheClusters.map(\.id), ["hydrous-redis"])
        XCTAssertEqual(cache.securityGroups, [dataGroup], "moto_patch.py must expose SecurityGroups")
        XCTAssertEqual(cache.nodeType, "cache.t3.micro")
        XCTAssertEqual(cache.endpoints.first?.address, moto.guide["CACHE_ENDPOINT"])
        XCTAssertEqual(cache.tags["Project"], "HydrousBackend")
        let group = try XCTUnwrap(inventory.securityGroup(dataGroup))
        XCTAssertFalse(group.admits(sourceGroup: moto.guide["ECS_SG"] ?? "?", port: 5432))
        XCTAssertFalse(group.admits(sourceGroup: moto.guide["ECS_SG"] ?? "?", port: 6379))
        let alb = try XCTUnwrap(inventory.securityGroup(moto.guide["ALB_SG"] ?? "?"))
        XCTAssertTrue(alb.ingress.contains { $0.covers(port: 443) && $0.isWorldOpen })
        let ecs = try XCTUnwrap(inventory.securityGroup(moto.guide["ECS_SG"] ?? "?"))
        XCTAssertTrue(ecs.admits(sourceGroup: moto.guide["ALB_SG"] ?? "?", port: 8000))
    }

    func testTaskDefinitionRoleLogsAndRepositoryAsRegistered() async throws {
        let (_, inventory) = try await readGuide()
        let definition = try XCTUnwrap(inventory.taskDefinition("hydrous-backend-task:1"))
        XCTAssertEqual(definition.cpu, "256")
        XCTAssertEqual(definition.memory, "512")
        let container = try XCTUnwrap(definition.containers.first)
        let env = Dictionary(container.environment.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(env["POSTGRES_PASSWORD"], "hydrous_password")
        XCTAssertEqual(env["JWT_SECRET_KEY"], "temporalsecretkey123456789")
        XCTAssertEqual(env.count, 9)
        XCTAssertEqual(container.logConfiguration?.options["awslogs-group"], "/ecs/hydrous-backend")
        XCTAssertEqual(container.healthCheck?.retries, 3)
        XCTAssertEqual(container.portMappings.first?.containerPort, 8000)
        let role = try XCTUnwrap(inventory.role("ecsTaskExecutionRole"))
        XCTAssertEqual(inventory.roles.count, 1)
        XCTAssertEqual(role.attachedPolicyArns,
                       ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        XCTAssertTrue(role.assumeRolePolicyDocument?.contains("\"ecs-tasks.amazonaws.com\"") == true,
                      "trust policy must be URL-decoded: \(role.assumeRolePolicyDocument ?? "nil")")
        XCTAssertEqual(inventory.logGroups.map(\.name), ["/ecs/hydrous-backend"])
        XCTAssertNil(inventory.logGroups.first?.retentionInDays)
        let repository = try XCTUnwrap(inventory.repositories.first)
        XCTAssertEqual(inventory.repositories.map(\.name), ["hydrous-backend"])
        XCTAssertEqual(repository.scanOnPush, true)
        XCTAssertEqual(repository.hasLifecyclePolicy, false)
        XCTAssertEqual(repository.imageTagMutability, "MUTABLE")
        XCTAssertEqual(repository.images.first?.tags, ["latest"])
        XCTAssertGreaterThan(repository.storedBytes, 0)
    }

    func testOutOfScopeResourcesAreAbsent() async throws {
        let (moto, inventory) = try await readGuide()
        XCTAssertFalse(inventory.clusters.contains { $0.name == "other-cluster" })
        XCTAssertFalse(inventory.services.contains { $0.name == "other-service" })
        XCTAssertFalse(inventory.taskDefinitions.contains { $0.family != "hydrous-backend-task" })
        XCTAssertFalse(inventory.dbInstances.contains { $0.identifier != "hydrous-db" })
        XCTAssertFalse(inventory.cacheClusters.contains { $0.id != "hydrous-redis" })
        XCTAssertFalse(inventory.repositories.contains { $0.name != "hydrous-backend" })
        XCTAssertFalse(inventory.logGroups.contains { $0.name != "/ecs/hydrous-backend" })
        XCTAssertFalse(inventory.roles.contains { $0.name == "otherTaskRole" })
        XCTAssertNil(inventory.securityGroup(moto.guide["OTHER_SG"] ?? "?"))
        XCTAssertNil(inventory.securityGroup(moto.hardened["APP_SG"] ?? "?"))
        XCTAssertFalse(inventory.loadBalancers.contains { $0.name.contains("hardened") })
        XCTAssertEqual(Set(inventory.securityGroups.map(\.id)),
                       Set(["DATA_SG", "ALB_SG", "ECS_SG"].compactMap { moto.guide[$0] }))
    }

    func testClusterScopeReadsOnlyThatCluster() async throws {
        let moto = try LiveMoto.fixture()
        let client = try moto.client()
        let inventory = await LiveSource(client: client).read(scope: Scope(clusters: ["other-cluster"]))
        XCTAssertEqual(inventory.clusters.map(\.name), ["other-cluster"])
        XCTAssertEqual(inventory.services.map(\.name), ["other-service"])
        XCTAssertEqual(inventory.taskDefinitions.map(\.familyRevision), ["other-task:1"])
        XCTAssertEqual(inventory.roles.map(\.name), ["otherTaskRole"])
        XCTAssertEqual(inventory.logGroups.map(\.name), ["/ecs/other"])
        XCTAssertEqual(inventory.securityGroups.map(\.id), [moto.guide["OTHER_SG"] ?? "?"])
        XCTAssertTrue(inventory.dbInstances.isEmpty, "other-db is not referenced by other-cluster")
        let calls = client.counter.snapshot().callsByOperation
        XCTAssertNil(calls["ecs ListClusters"], "--cluster must not list every cluster")
        XCTAssertNil(calls["ecs ListTaskDefinitionFamilies"])
        XCTAssertEqual(calls["iam GetRole"], 1, "only the roles of the cluster's task definitions")
    }
}
