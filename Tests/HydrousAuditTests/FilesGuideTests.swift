import Foundation
import XCTest
@testable import HydrousAudit
import Inventory

/// The deployment guide read as a runbook: every resource it creates, with the
/// lines a reviewer must change.
final class FilesGuideTests: XCTestCase {
    private var result: FileReadResult!
    private var guide: String { FilesFixtures.guidePath }

    override func setUpWithError() throws {
        guard FileManager.default.fileExists(atPath: FilesFixtures.guidePath) else {
            XCTFail("the guide is missing at \(FilesFixtures.guidePath)")
            throw CocoaError(.fileNoSuchFile)
        }
        result = try FileSource().read(paths: [FilesFixtures.guidePath])
    }

    private func line(_ location: SourceLocation?) -> Int? {
        XCTAssertEqual(location?.file, guide)
        return location?.line
    }

    func testDatabaseWithAWSDefaultsAndCommandLine() throws {
        let db = try XCTUnwrap(result.inventory.dbInstances.first { $0.identifier == "hydrous-db" })
        XCTAssertEqual(db.storageEncrypted, false)
        XCTAssertEqual(db.multiAZ, false)
        XCTAssertEqual(db.deletionProtection, false)
        XCTAssertEqual(db.publiclyAccessible, false)
        XCTAssertEqual(db.backupRetentionPeriod, 7)
        XCTAssertEqual(db.storageType, "gp2")
        XCTAssertEqual(db.allocatedStorage, 20)
        XCTAssertEqual(db.instanceClass, "db.t3.micro")
        XCTAssertEqual(db.engine, "postgres")
        XCTAssertNil(db.masterUserSecretArn)
        XCTAssertEqual(db.vpcSecurityGroups, ["sg-0e9c31a4a958f802d"])
        XCTAssertEqual(db.tags, ["Project": "HydrousBackend"])
        XCTAssertEqual(line(db.location()), 82, "the line of `aws rds create-db-instance`")
        XCTAssertEqual(line(db.location(of: "storageEncrypted")), 82, "an absent flag points at the command")
        XCTAssertEqual(line(db.location(of: "publiclyAccessible")), 93)
        XCTAssertEqual(line(db.location(of: "backupRetentionPeriod")), 94)
    }

    func testCacheSharesTheDatabaseSecurityGroup() throws {
        let cache = try XCTUnwrap(result.inventory.cacheClusters.first { $0.id == "hydrous-redis" })
        XCTAssertEqual(cache.engine, "redis")
        XCTAssertEqual(cache.nodeType, "cache.t3.micro")
        XCTAssertEqual(cache.numNodes, 1)
        XCTAssertEqual(cache.transitEncryptionEnabled, false)
        XCTAssertEqual(cache.atRestEncryptionEnabled, false)
        XCTAssertEqual(cache.authTokenEnabled, false)
        XCTAssertEqual(cache.snapshotRetentionLimit, 0)
        XCTAssertEqual(cache.securityGroups, ["sg-0e9c31a4a958f802d"])
        XCTAssertEqual(line(cache.location()), 100)
        let shared = try XCTUnwrap(result.inventory.securityGroup("sg-0e9c31a4a958f802d"), "referenced group is listed")
        XCTAssertTrue(shared.ingress.isEmpty, "the files grant the data group nothing")
    }

    func testRepositoryClusterRoleAndLogGroup() throws {
        let repo = try XCTUnwrap(result.inventory.repositories.first { $0.name == "hydrous-backend" })
        XCTAssertEqual(repo.imageTagMutability, "MUTABLE")
        XCTAssertEqual(repo.scanOnPush, true)
        XCTAssertEqual(repo.hasLifecyclePolicy, false)
        XCTAssertEqual(line(repo.location()), 112)

        let cluster = try XCTUnwrap(result.inventory.cluster("hydrous-cluster"))
        XCTAssertEqual(cluster.containerInsights, "disabled")
        XCTAssertEqual(cluster.tags, ["Project": "HydrousBackend"], "ecs tags use lowercase key=/value=")

        let role = try XCTUnwrap(result.inventory.role("ecsTaskExecutionRole"))
        XCTAssertEqual(role.attachedPolicyArns, ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])
        XCTAssertEqual(role.arn, "arn:aws:iam::882816896907:role/ecsTaskExecutionRole", "the task definition reveals the real ARN")
        XCTAssertTrue(role.assumeRolePolicyDocument?.contains("ecs-tasks.amazonaws.com") == true)

        let logs = try XCTUnwrap(result.inventory.logGroups.first { $0.name == "/ecs/hydrous-backend" })
        XCTAssertNil(logs.retentionInDays, "never expires")
        XCTAssertEqual(logs.tags, ["Project": "HydrousBackend"])
        XCTAssertEqual(line(logs.location()), 151)
    }

    func testLoadBalancerListenerAndTargetGroup() throws {
        let inventory = result.inventory
        let alb = try XCTUnwrap(inventory.loadBalancers.first { $0.name == "hydrous-alb" })
        XCTAssertEqual(alb.arn, "arn:aws:elasticloadbalancing:us-east-1:882816896907:loadbalancer/app/hydrous-alb/f3b89d4ca2680661")
        XCTAssertEqual(alb.scheme, "internet-facing")
        XCTAssertEqual(alb.availabilityZones.compactMap(\.subnetId), ["subnet-042d8410ae7404748", "subnet-06c22eefcb8d896e8"])
        XCTAssertEqual(alb.securityGroups, ["sg-0656c9b30db94ff8d"])
        XCTAssertEqual(alb.attributes["deletion_protection.enabled"], "false")

        let listener = try XCTUnwrap(inventory.listeners(of: alb.arn).first)
        XCTAssertEqual(listener.protocol, "HTTP")
        XCTAssertEqual(listener.port, 80)
        XCTAssertEqual(listener.defaultActions.first?.type, "forward")
        XCTAssertEqual(line(listener.location()), 253)
        XCTAssertEqual(line(listener.location(of: "protocol")), 255)

        let group = try XCTUnwrap(inventory.targetGroup("hydrous-tg"))
        XCTAssertEqual(listener.defaultActions.first?.targetGroupArn, group.arn)
        XCTAssertEqual(group.loadBalancerArns, [alb.arn])
        XCTAssertEqual(group.port, 8000)
        XCTAssertEqual(group.targetType, "ip")
        XCTAssertEqual(group.healthCheckPath, "/api/health")

        let albGroup = try XCTUnwrap(inventory.securityGroup("sg-0656c9b30db94ff8d"))
        XCTAssertEqual(albGroup.ingress.map(\.fromPort), [80, 443])
        XCTAssertTrue(albGroup.ingress.allSatisfy(\.isWorldOpen))
        XCTAssertTrue(try XCTUnwrap(inventory.securityGroup("sg-0f1371d35dec3c8e7")).admits(sourceGroup: "sg-0656c9b30db94ff8d", port: 8000))
        XCTAssertEqual(inventory.securityGroups.first { $0.name == "hydrous-alb-sg" }?.id, "file:sg/hydrous-alb-sg")
    }

    func testServicePublicIPAndUpdates() throws {
        let service = try XCTUnwrap(result.inventory.services.first { $0.name == "hydrous-backend-service" })
        XCTAssertTrue(service.assignsPublicIp)
        XCTAssertEqual(line(service.location(of: "assignPublicIp")), 269, "the line of --network-configuration")
        XCTAssertEqual(service.networkConfiguration?.securityGroups, ["sg-0f1371d35dec3c8e7"])
        XCTAssertEqual(service.desiredCount, 2, "update-service --desired-count 2 comes later in the guide")
        XCTAssertEqual(line(service.location(of: "desiredCount")), 324)
        XCTAssertEqual(service.clusterArn, result.inventory.cluster("hydrous-cluster")?.arn)
        XCTAssertEqual(service.loadBalancers.first?.containerPort, 8000)
        XCTAssertEqual(service.loadBalancers.first?.targetGroupArn, result.inventory.targetGroup("hydrous-tg")?.arn)
        let definition = try XCTUnwrap(result.inventory.taskDefinition(try XCTUnwrap(service.taskDefinition)),
                                       "the family:revision reference resolves to the JSON block")
        XCTAssertEqual(definition.family, "hydrous-backend-task")
    }

    func testTaskDefinitionFromTheJSONBlock() throws {
        let definition = try XCTUnwrap(result.inventory.taskDefinition("hydrous-backend-task:1"))
        XCTAssertEqual(definition.cpu, "256")
        XCTAssertEqual(definition.memory, "512")
        XCTAssertEqual(definition.taskRoleArn, definition.executionRoleArn)
        let container = try XCTUnwrap(definition.containers.first)
        XCTAssertEqual(container.name, "hydrous-backend")
        XCTAssertEqual(container.environment.count, 9)
        XCTAssertEqual(container.environment.first { $0.name == "POSTGRES_PASSWORD" }?.value, "hydrous_password")
        XCTAssertEqual(line(definition.location(of: LocationKey.environment("hydrous-backend", "POSTGRES_PASSWORD"))), 181)
        XCTAssertEqual(line(definition.location(of: LocationKey.environment("hydrous-backend", "REDIS_URL"))), 185)
        XCTAssertEqual(line(definition.location(of: LocationKey.environment("hydrous-backend", "JWT_SECRET_KEY"))), 186)
        XCTAssertEqual(line(definition.location(of: LocationKey.container("hydrous-backend", "image"))), 169)
        XCTAssertEqual(line(definition.location()), 158)
        XCTAssertEqual(container.logConfiguration?.options["awslogs-group"], "/ecs/hydrous-backend")
        XCTAssertEqual(container.portMappings.first?.containerPort, 8000)
    }

    func testFileValuesForThePasswordFlagAndTheProseLine() {
        let values = result.inventory.fileValues.map { "\($0.kind.rawValue) \($0.line) \($0.key) \($0.value)" }
        XCTAssertTrue(values.contains("cli-argument 87 --master-user-password hydrous_password"), "\(values)")
        XCTAssertTrue(values.contains("prose 31 Contraseña hydrous_password"), "\(values)")
        XCTAssertFalse(result.inventory.fileValues.contains { (180...188).contains($0.line) },
                       "environment values are ecs_plaintext_secret_env's, not file values")
    }

    func testRegionAccountAndProblems() {
        XCTAssertEqual(result.inventory.region, "us-east-1")
        XCTAssertEqual(result.inventory.account, "882816896907")
        XCTAssertEqual(result.problems.count, 1, "\(result.problems)")
        XCTAssertTrue(result.problems.first?.hasPrefix("\(guide):332: file://task-definition.json was not found") == true)
        XCTAssertTrue(result.suppressions.isEmpty)
    }

    func testReadingTwiceGivesTheSameInventory() throws {
        XCTAssertEqual(try FileSource().read(paths: [guide]), result)
    }
}
