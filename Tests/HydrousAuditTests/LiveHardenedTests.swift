import AWSClient
import Foundation
import HydrousAudit
import Inventory
import XCTest

/// Reads the hardened variant (scripts/replay-hardened.sh) and checks each
/// good practice arrives in the inventory, so rules can be shown quiet on it.
final class LiveHardenedTests: XCTestCase {
    private func readHardened() async throws -> (LiveMoto, Inventory) {
        let moto = try LiveMoto.fixture()
        let inventory = await LiveSource(client: try moto.client()).read(scope: Scope(tags: ["Project=HydrousHardened"]))
        XCTAssertTrue(inventory.isComplete, "coverage: \(inventory.coverage.filter { $0.status != .ok })")
        return (moto, inventory)
    }

    func testEdgeIsHTTPSWithRedirectAndHardenedAttributes() async throws {
        let (moto, inventory) = try await readHardened()
        let lb = try XCTUnwrap(inventory.loadBalancers.first)
        XCTAssertEqual(inventory.loadBalancers.count, 1)
        XCTAssertEqual(lb.attributes["deletion_protection.enabled"], "true")
        XCTAssertEqual(lb.attributes["access_logs.s3.enabled"], "true")
        XCTAssertEqual(lb.attributes["routing.http.drop_invalid_header_fields.enabled"], "true")
        let https = try XCTUnwrap(inventory.listeners.first { $0.port == 443 })
        XCTAssertEqual(https.protocol, "HTTPS")
        XCTAssertEqual(https.certificateArns, [moto.hardened["CERTIFICATE_ARN"] ?? "?"])
        XCTAssertEqual(https.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06")
        XCTAssertEqual(https.defaultActions.first?.targetGroupArn, moto.hardened["TG_ARN"])
        let http = try XCTUnwrap(inventory.listeners.first { $0.port == 80 })
        XCTAssertTrue(http.defaultActions.first?.redirectsToHTTPS == true)
        XCTAssertEqual(http.defaultActions.first?.redirect?.statusCode, "HTTP_301")
        XCTAssertEqual(http.tags["Project"], "HydrousHardened")
    }

    func testServiceIsPrivateAndPinned() async throws {
        let (moto, inventory) = try await readHardened()
        let service = try XCTUnwrap(inventory.services.first)
        XCTAssertEqual(inventory.services.count, 1)
        XCTAssertFalse(service.assignsPublicIp)
        XCTAssertEqual(service.desiredCount, 2)
        XCTAssertEqual(service.tags["Project"], "HydrousHardened")
        let cluster = try XCTUnwrap(inventory.clusters.first)
        XCTAssertEqual(cluster.containerInsights, "enabled")
        let definition = try XCTUnwrap(inventory.taskDefinition(service.taskDefinition ?? "?"))
        XCTAssertEqual(definition.runtimePlatform?.cpuArchitecture, "ARM64")
        XCTAssertEqual(definition.tags["Project"], "HydrousHardened")
        XCTAssertNotEqual(definition.taskRoleArn, definition.executionRoleArn)
        let container = try XCTUnwrap(definition.containers.first)
        XCTAssertEqual(container.image, moto.hardened["IMAGE"])
        XCTAssertEqual(container.readonlyRootFilesystem, true)
        XCTAssertEqual(container.secrets.map(\.name).sorted(), ["JWT_SECRET_KEY", "POSTGRES_PASSWORD", "REDIS_AUTH_TOKEN"])
        let env = Dictionary(container.environment.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(env["POSTGRES_SERVER"], moto.hardened["DB_ENDPOINT"])
        XCTAssertEqual(env["REDIS_URL"], "rediss://\(moto.hardened["CACHE_ENDPOINT"] ?? "?"):6379/0")
        XCTAssertEqual(env["MYSQL_ALLOW_EMPTY_PASSWORD"], "yes")
        let taskRole = try XCTUnwrap(inventory.role(definition.taskRoleArn ?? "?"))
        XCTAssertTrue(taskRole.attachedPolicyArns.isEmpty)
        let executionRole = try XCTUnwrap(inventory.role(definition.executionRoleArn ?? "?"))
        XCTAssertEqual(executionRole.inlinePolicyNames, ["read-hydrous-secrets"])
        let grant = try XCTUnwrap(executionRole.inlinePolicies["read-hydrous-secrets"], "GetRolePolicy read the document")
        for arn in [moto.hardened["JWT_SECRET_ARN"], moto.hardened["DB_SECRET_ARN"], moto.hardened["REDIS_PARAMETER_ARN"]] {
            XCTAssertTrue(grant.contains(try XCTUnwrap(arn)), "the grant names \(arn ?? "?")")
        }
    }

    func testDataStoresAreEncryptedAndWiredByGroup() async throws {
        let (moto, inventory) = try await readHardened()
        let db = try XCTUnwrap(inventory.dbInstances.first)
        XCTAssertEqual(db.storageEncrypted, true)
        XCTAssertEqual(db.multiAZ, true)
        XCTAssertEqual(db.storageType, "gp3")
        XCTAssertEqual(db.instanceClass, "db.t4g.micro")
        XCTAssertEqual(db.deletionProtection, true)
        XCTAssertEqual(db.masterUserSecretArn, moto.hardened["DB_SECRET_ARN"])
        let cache = try XCTUnwrap(inventory.cacheClusters.first)
        XCTAssertEqual(cache.replicationGroupId, "hydrous-hardened-redis")
        XCTAssertEqual(cache.transitEncryptionEnabled, true)
        XCTAssertEqual(cache.atRestEncryptionEnabled, true)
        XCTAssertEqual(cache.authTokenEnabled, true)
        XCTAssertEqual(cache.snapshotRetentionLimit, 7)
        XCTAssertEqual(cache.nodeType, "cache.t4g.micro")
        XCTAssertEqual(cache.endpoints.first?.address, moto.hardened["CACHE_ENDPOINT"])
        let app = moto.hardened["APP_SG"] ?? "?"
        XCTAssertEqual(cache.securityGroups, [moto.hardened["CACHE_SG"] ?? "?"])
        XCTAssertTrue(try XCTUnwrap(inventory.securityGroup(db.vpcSecurityGroups.first ?? "?")).admits(sourceGroup: app, port: 5432))
        XCTAssertTrue(try XCTUnwrap(inventory.securityGroup(cache.securityGroups.first ?? "?")).admits(sourceGroup: app, port: 6379))
        let repository = try XCTUnwrap(inventory.repositories.first)
        XCTAssertEqual(repository.imageTagMutability, "IMMUTABLE")
        XCTAssertEqual(repository.hasLifecyclePolicy, true)
        XCTAssertEqual(inventory.logGroups.first?.retentionInDays, 30)
    }
}
