import Foundation
import XCTest
@testable import HydrousAudit
import Inventory
import Rules

/// Task definition JSON files: as registered, as described, and the baseline filter.
final class FilesTaskDefinitionTests: XCTestCase {
    func testGuideTaskDefinitionFileWithLines() throws {
        let path = FilesFixtures.fixture("task-definition.json")
        let result = try FileSource().read(paths: [path])
        XCTAssertEqual(result.problems, [])
        let definition = try XCTUnwrap(result.inventory.taskDefinitions.first)
        XCTAssertEqual(definition.familyRevision, "hydrous-backend-task:1")
        XCTAssertEqual(definition.networkMode, "awsvpc")
        XCTAssertEqual(definition.requiresCompatibilities, ["FARGATE"])
        let container = try XCTUnwrap(definition.containers.first)
        XCTAssertEqual(container.environment.map(\.name), [
            "DEBUG", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_SERVER", "POSTGRES_PORT", "POSTGRES_DB",
            "REDIS_URL", "JWT_SECRET_KEY", "MODEL",
        ])
        let lines = container.environment.map { definition.location(of: LocationKey.environment(container.name, $0.name))?.line }
        XCTAssertEqual(lines, Array(22...30))
        XCTAssertEqual(definition.location(of: LocationKey.environment(container.name, "POSTGRES_PASSWORD")),
                       SourceLocation(file: path, line: 24))
        XCTAssertEqual(definition.location(of: LocationKey.container(container.name, "image"))?.line, 12)
        XCTAssertEqual(definition.location(of: "taskRoleArn")?.line, 5)
        XCTAssertEqual(definition.location()?.line, 1)
        XCTAssertNil(container.readonlyRootFilesystem)
        XCTAssertEqual(container.healthCheck?.retries, 3)
        XCTAssertTrue(result.inventory.fileValues.isEmpty, "environment values are not file values: \(result.inventory.fileValues.map(\.key))")
    }

    func testDescribeTaskDefinitionOutput() throws {
        let json = """
        {
          "taskDefinition": {
            "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7",
            "family": "api",
            "revision": 7,
            "status": "ACTIVE",
            "runtimePlatform": {"cpuArchitecture": "ARM64"},
            "ephemeralStorage": {"sizeInGiB": 30},
            "containerDefinitions": [{
              "name": "api",
              "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"}],
              "environment": []
            }]
          },
          "tags": [{"key": "Project", "value": "X"}]
        }
        """
        let result = try FileSource().read(text: json, kind: .json, file: "described.json")
        let definition = try XCTUnwrap(result.inventory.taskDefinitions.first)
        XCTAssertEqual(definition.arn, "arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7")
        XCTAssertEqual(definition.revision, 7)
        XCTAssertEqual(definition.status, "ACTIVE")
        XCTAssertEqual(definition.runtimePlatform?.cpuArchitecture, "ARM64")
        XCTAssertEqual(definition.ephemeralStorageGiB, 30)
        XCTAssertEqual(definition.tags, ["Project": "X"])
        XCTAssertEqual(definition.containers.first?.secrets.first?.name, "DB_PASSWORD")
        XCTAssertEqual(definition.location()?.line, 2)
        XCTAssertEqual(result.inventory.region, "eu-west-1")
        XCTAssertEqual(result.inventory.account, "123456789012")
    }

    func testOtherJSONIsScannedOnlyAndBrokenJSONThrows() throws {
        let policy = try FileSource().read(text: "{\"Statement\": [],\n \"password\": \"p4ss-w0rd\"}", kind: .json, file: "p.json")
        XCTAssertEqual(policy.inventory.fileValues.map { "\($0.line) \($0.key)" }, ["2 password"])
        XCTAssertEqual(policy.problems, ["p.json:1: no containerDefinitions: not a task definition; only scanned for secret values"])
        XCTAssertThrowsError(try FileSource().read(text: "{\n\"family\": \"x\",\n", kind: .json, file: "cut.json")) { error in
            XCTAssertEqual(error as? FileSourceError, .malformedJSON(file: "cut.json", line: 3, reason: "the object opened on line 1 is never closed (truncated?)"))
        }
    }

    func testTheSameFileTwiceRegistersOnce() throws {
        let path = FilesFixtures.fixture("task-definition.json")
        XCTAssertEqual(try FileSource().read(paths: [path, path]).inventory.taskDefinitions.count, 1)
    }

    func testBaselineFilterKeepsOnlyNewFindingsAcrossLineMoves() {
        func finding(_ id: String, line: Int) -> Finding {
            Finding(ruleId: "rds_single_az", severity: .medium, title: "t", resource: ResourceRef(type: "rds:db", id: id),
                    message: "m", remediation: "r", references: [], location: SourceLocation(file: "deploy.sh", line: line))
        }
        let old = finding("db1", line: 10)
        let moved = finding("db1", line: 42)
        let fresh = finding("db2", line: 42)
        XCTAssertEqual(old.fingerprint, moved.fingerprint, "fingerprints ignore the line")
        XCTAssertEqual(filterByBaseline(findings: [moved, fresh], baselineFingerprints: [old.fingerprint]), [fresh])
        XCTAssertEqual(filterByBaseline(findings: [moved, fresh], baselineFingerprints: []), [moved, fresh])
    }
}
