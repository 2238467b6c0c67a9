import Foundation
import Inventory
import XCTest

final class InventoryTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func guide() throws -> Inventory {
        try Inventory.load(snapshot: Self.root.appendingPathComponent("examples/guide/snapshot.json").path)
    }

    func testExampleSnapshotCarriesTheGuideFacts() throws {
        let inventory = try guide()
        XCTAssertEqual(inventory.services.first?.networkConfiguration?.assignPublicIp, "ENABLED")
        XCTAssertEqual(inventory.listeners.map(\.protocol), ["HTTP"])
        XCTAssertEqual(inventory.listeners.first?.defaultActions.first?.type, "forward")
        XCTAssertEqual(inventory.dbInstances.first?.vpcSecurityGroups, inventory.cacheClusters.first?.securityGroups)
        let env = try XCTUnwrap(inventory.taskDefinitions.first?.containers.first?.environment)
        XCTAssertEqual(env.map(\.name), ["DEBUG", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_SERVER", "POSTGRES_PORT",
                                          "POSTGRES_DB", "REDIS_URL", "JWT_SECRET_KEY", "MODEL"])
        XCTAssertTrue(inventory.isComplete)
    }

    func testSnapshotRoundTripIsByteIdentical() throws {
        let inventory = try guide()
        let first = try inventory.encodedSnapshot()
        let again = try Inventory.decode(snapshot: first, file: "memory").encodedSnapshot()
        XCTAssertEqual(first, again)
        XCTAssertEqual(try Inventory.decode(snapshot: first, file: "memory"), inventory.normalized())
    }

    func testMissingCollectionsDecodeAsEmptyAndEmptyOnesAreNotWritten() throws {
        let inventory = try Inventory.decode(snapshot: Data(#"{"snapshotVersion":1,"services":[{"arn":"a","name":"s","clusterArn":"c"}]}"#.utf8), file: "x.json")
        XCTAssertEqual(inventory.services.first?.loadBalancers, [])
        XCTAssertEqual(inventory.clusters, [])
        let text = String(decoding: try inventory.encodedSnapshot(), as: UTF8.self)
        XCTAssertFalse(text.contains("loadBalancers"), "empty collections are left out of snapshots")
    }

    func testMalformedSnapshotNamesFileAndLine() {
        let data = Data("{\n  \"snapshotVersion\": 1,\n  \"services\": [\n    {\"arn\": \"a\", \"name\": \"s\",\n".utf8)
        XCTAssertThrowsError(try Inventory.decode(snapshot: data, file: "bad.json")) { error in
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            XCTAssertTrue(message.hasPrefix("bad.json"), message)
        }
        let wrongType = Data(#"{"snapshotVersion":1,"services":[{"arn":"a","name":"s","clusterArn":"c","desiredCount":"one"}]}"#.utf8)
        XCTAssertThrowsError(try Inventory.decode(snapshot: wrongType, file: "typed.json")) { error in
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            XCTAssertTrue(message.contains("services[0].desiredCount"), message)
        }
        XCTAssertThrowsError(try Inventory.decode(snapshot: Data(#"{"snapshotVersion":99}"#.utf8), file: "new.json")) { error in
            XCTAssertEqual(error as? SnapshotError, .unsupportedVersion(file: "new.json", version: 99))
        }
    }

    func testTagScopeFollowsReferencesFromTaggedResources() throws {
        var inventory = try guide()
        var stranger = DBInstance(identifier: "other-db")
        stranger.tags = ["Project": "Other"]
        stranger.vpcSecurityGroups = ["sg-other"]
        inventory.dbInstances.append(stranger)
        inventory.securityGroups.append(SecurityGroup(id: "sg-other"))
        let scoped = inventory.scoped(to: Scope(tags: ["Project=HydrousBackend"]))
        XCTAssertEqual(scoped.dbInstances.map(\.identifier), ["hydrous-db"])
        XCTAssertFalse(scoped.securityGroups.contains { $0.id == "sg-other" })
        // Untagged resources reached by reference stay in scope.
        XCTAssertEqual(scoped.services.count, 1, "the untagged service sits in the tagged cluster")
        XCTAssertEqual(scoped.taskDefinitions.count, 1)
        XCTAssertEqual(scoped.listeners.count, 1)
        XCTAssertEqual(scoped.targetGroups.count, 1)
        XCTAssertEqual(Set(scoped.securityGroups.map(\.id)), ["sg-0656c9b30db94ff8d", "sg-0f1371d35dec3c8e7", "sg-0e9c31a4a958f802d"])
        XCTAssertEqual(scoped.roles.count, 1)
        XCTAssertEqual(inventory.scoped(to: Scope(tags: ["Project=Nobody"])).services.count, 0)
    }

    func testClusterScope() throws {
        let inventory = try guide()
        let scoped = inventory.scoped(to: Scope(clusters: ["hydrous-cluster"]))
        XCTAssertEqual(scoped.services.count, 1)
        XCTAssertEqual(scoped.loadBalancers.count, 1, "service → target group → load balancer")
        XCTAssertEqual(scoped.dbInstances.count, 0, "the database is not reachable by reference from the cluster")
        XCTAssertEqual(inventory.scoped(to: Scope(clusters: ["nope"])).services.count, 0)
    }

    func testSecurityGroupAdmission() {
        var group = SecurityGroup(id: "sg-db")
        group.ingress = [IPPermission(ipProtocol: "tcp", fromPort: 5432, toPort: 5432, sourceGroups: ["sg-app"])]
        XCTAssertTrue(group.admits(sourceGroup: "sg-app", port: 5432))
        XCTAssertFalse(group.admits(sourceGroup: "sg-app", port: 6379))
        XCTAssertFalse(group.admits(sourceGroup: "sg-other", port: 5432))
        XCTAssertTrue(IPPermission(ipProtocol: "-1", fromPort: nil, toPort: nil).covers(port: 1))
    }

    func testTaskDefinitionLookupByEveryReferenceFormAndTheIndexAgree() {
        var inventory = Inventory()
        for revision in 1...3 {
            inventory.taskDefinitions.append(TaskDefinition(
                arn: "arn:aws:ecs:us-east-1:1:task-definition/app:\(revision)", family: "app", revision: revision))
        }
        let index = TaskDefinitionIndex(inventory)
        let cases: [(String, Int?)] = [
            ("arn:aws:ecs:us-east-1:1:task-definition/app:2", 2), ("app:1", 1), ("task-definition/app:3", 3),
            ("app", 3), ("app:9", nil), ("other", nil), ("1", nil),
        ]
        for (reference, revision) in cases {
            XCTAssertEqual(inventory.taskDefinition(reference)?.revision, revision, reference)
            XCTAssertEqual(index.taskDefinition(reference)?.revision, revision, "index: \(reference)")
        }
    }
}
