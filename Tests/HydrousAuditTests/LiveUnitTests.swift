import AWSClient
import Foundation
@testable import HydrousAudit
import Inventory
import Synchronization
import XCTest

/// The live source's pieces that need no emulator.
final class LiveUnitTests: XCTestCase {
    func testCoverageAggregatesOneEntryPerOperation() {
        let recorder = LiveCoverageRecorder()
        recorder.ok(.ecs, "DescribeServices", count: 3)
        recorder.ok(.ecs, "DescribeServices")
        recorder.failure(.rds, "DescribeDBInstances", denied: true, detail: "AccessDenied: no")
        recorder.ok(.rds, "DescribeDBInstances")
        recorder.failure(.ec2, "DescribeVpcs", denied: false, detail: "InternalError: later")
        recorder.failure(.ec2, "DescribeVpcs", denied: true, detail: "UnauthorizedOperation: no")
        XCTAssertEqual(recorder.entries(), [
            CoverageEntry(service: "ec2", operation: "DescribeVpcs", status: .denied,
                          detail: "UnauthorizedOperation: no (1 of 2 calls denied)"),
            CoverageEntry(service: "ecs", operation: "DescribeServices", status: .ok, detail: "4 calls"),
            CoverageEntry(service: "rds", operation: "DescribeDBInstances", status: .denied,
                          detail: "AccessDenied: no (1 of 2 calls denied)"),
        ])
    }

    func testUnreadableItemsMakeAnOperationFailedButFailedCallsComeFirst() {
        let recorder = LiveCoverageRecorder()
        recorder.ok(.ecs, "DescribeServices", count: 2)
        recorder.unreadable(.ecs, "DescribeServices", detail: "DescribeServices answered services[3] without serviceName")
        recorder.unreadable(.ecs, "DescribeServices", detail: "DescribeServices answered services[0] without serviceName")
        recorder.ok(.rds, "DescribeDBInstances")
        recorder.unreadable(.rds, "DescribeDBInstances", detail: "missing")
        recorder.failure(.rds, "DescribeDBInstances", denied: false, detail: "InternalError: later")
        XCTAssertEqual(recorder.entries(), [
            CoverageEntry(service: "ecs", operation: "DescribeServices", status: .failed,
                          detail: "DescribeServices answered services[0] without serviceName (2 items not read over 2 calls)"),
            CoverageEntry(service: "rds", operation: "DescribeDBInstances", status: .failed,
                          detail: "InternalError: later (1 of 2 calls failed)"),
        ])
    }

    func testBoundedMapKeepsOrderAndNeverExceedsTheLimit() async throws {
        let client = AWSClient(configuration: AWSClientConfiguration(
            region: "us-east-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "a", secretAccessKey: "b"))))
        let calls = LiveCalls(client: client, coverage: LiveCoverageRecorder(), limit: 3)
        let gauge = Mutex((current: 0, peak: 0))
        let results = await calls.map(Array(0..<40)) { item -> Int in
            gauge.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) }
            await Task.yield()
            gauge.withLock { $0.current -= 1 }
            return item * 2
        }
        XCTAssertEqual(results, (0..<40).map { $0 * 2 })
        XCTAssertLessThanOrEqual(gauge.withLock { $0.peak }, 3)
        XCTAssertEqual(gauge.withLock { $0.current }, 0)
    }

    func testChunksRespectBatchLimits() {
        XCTAssertEqual(liveChunks(Array(1...25), of: 10).map(\.count), [10, 10, 5])
        XCTAssertEqual(liveChunks([Int](), of: 10).count, 0)
        XCTAssertEqual(liveUnique(["a", "b", "a"]), ["a", "b"])
    }

    func testTaskDefinitionReferences() {
        let arn = "arn:aws:ecs:us-east-1:1:task-definition/hydrous-backend-task:12"
        XCTAssertEqual(ECSCollector.family(of: arn), "hydrous-backend-task")
        XCTAssertEqual(ECSCollector.family(of: "hydrous-backend-task:1"), "hydrous-backend-task")
        XCTAssertEqual(ECSCollector.family(of: "hydrous-backend-task"), "hydrous-backend-task")
        XCTAssertEqual(ECSCollector.revision(of: arn), 12)
        XCTAssertEqual(ECSCollector.familyRevision(of: arn), "hydrous-backend-task:12")
        XCTAssertEqual(ECSCollector.familyRevision(of: "fam:3"), "fam:3")
    }

    func testRoleNamesAndTrustPolicyDecoding() {
        XCTAssertEqual(IAMCollector.roleName("arn:aws:iam::1:role/service-role/ecsTaskExecutionRole"), "ecsTaskExecutionRole")
        XCTAssertEqual(IAMCollector.roleName("ecsTaskExecutionRole"), "ecsTaskExecutionRole")
        XCTAssertEqual(IAMCollector.decodeDocument("%7B%22Version%22%3A%222012-10-17%22%7D"), #"{"Version":"2012-10-17"}"#)
        XCTAssertEqual(IAMCollector.decodeDocument(#"{"a":"%41"}"#), #"{"a":"%41"}"#)
    }

    func testQueryParsersReadAWSShapes() throws {
        let rds = try AWSXMLNode.parse("""
            <DBInstance><DBInstanceIdentifier>db</DBInstanceIdentifier><MultiAZ>true</MultiAZ>
            <Endpoint><Address>db.x.rds.amazonaws.com</Address><Port>5432</Port></Endpoint>
            <VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-1</VpcSecurityGroupId></VpcSecurityGroupMembership></VpcSecurityGroups>
            <TagList><Tag><Key>Project</Key><Value>P</Value></Tag></TagList>
            <MasterUserSecret><SecretArn>arn:s</SecretArn></MasterUserSecret></DBInstance>
            """)
        let db = try RDSCollector.instance(rds)
        XCTAssertEqual(db.multiAZ, true)
        XCTAssertEqual(db.endpoint?.port, 5432)
        XCTAssertEqual(db.vpcSecurityGroups, ["sg-1"])
        XCTAssertEqual(db.tags, ["Project": "P"])
        XCTAssertEqual(db.masterUserSecretArn, "arn:s")
        let action = try AWSXMLNode.parse("""
            <member><Type>forward</Type><ForwardConfig><TargetGroups><member><TargetGroupArn>tg</TargetGroupArn></member></TargetGroups></ForwardConfig></member>
            """)
        XCTAssertEqual(ELBv2Collector.action(action).targetGroupArn, "tg", "weighted forward configs name their group too")
        let sg = try AWSXMLNode.parse("""
            <item><groupId>sg-1</groupId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>80</fromPort><toPort>80</toPort>
            <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><groups><item><groupId>sg-2</groupId></item></groups></item></ipPermissions></item>
            """)
        let group = try EC2Collector.securityGroup(sg)
        XCTAssertTrue(group.ingress.first?.isWorldOpen == true)
        XCTAssertTrue(group.admits(sourceGroup: "sg-2", port: 80))
    }
}
