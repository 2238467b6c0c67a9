import XCTest

@testable import AWSClient

/// The default quota table carries AWS's published figures, and says where it had to choose.
final class RateQuotaTableTests: XCTestCase {
    private func quota(_ service: AWSService, _ operation: String) -> RateQuota {
        RateQuotaTable.aws.quota(for: service, operation: operation)
    }

    private func assertQuota(
        _ service: AWSService, _ operations: [String], bucket: String, _ capacity: Double, _ refill: Double,
        documented: Bool, file: StaticString = #filePath, line: UInt = #line
    ) {
        for operation in operations {
            let quota = quota(service, operation)
            XCTAssertEqual(quota.bucket, bucket, operation, file: file, line: line)
            XCTAssertEqual(quota.capacity, capacity, operation, file: file, line: line)
            XCTAssertEqual(quota.refillPerSecond, refill, operation, file: file, line: line)
            if case .documented = quota.source {
                XCTAssertTrue(documented, "\(operation) should be marked as chosen", file: file, line: line)
            } else {
                XCTAssertFalse(documented, "\(operation) should cite its page", file: file, line: line)
            }
        }
    }

    func testECSGroupsShareBucketsAsAWSDocuments() {
        assertQuota(.ecs, ["DescribeClusters", "ListClusters"], bucket: "ecs:cluster-read", 50, 20, documented: true)
        assertQuota(
            .ecs, ["DescribeTaskDefinition", "ListTaskDefinitions", "ListTaskDefinitionFamilies"],
            bucket: "ecs:task-definition-read", 50, 20, documented: true)
        assertQuota(.ecs, ["DescribeTasks", "ListTasks"], bucket: "ecs:cluster-resource-read", 100, 20, documented: true)
        assertQuota(.ecs, ["DescribeServices", "ListServices"], bucket: "ecs:service-read", 100, 20, documented: true)
    }

    func testEC2BucketsArePerActionWithTheSmallerOneForUnfilteredDescribes() {
        for operation in ["DescribeSubnets", "DescribeVpcs", "DescribeNatGateways", "DescribeVpcEndpoints"] {
            assertQuota(.ec2, [operation], bucket: "ec2:\(operation)", 100, 20, documented: true)
        }
        for operation in ["DescribeSecurityGroups", "DescribeNetworkInterfaces"] {
            assertQuota(.ec2, [operation], bucket: "ec2:\(operation)", 50, 10, documented: true)
        }
    }

    func testOtherDocumentedServices() {
        assertQuota(
            .elbv2, [
                "DescribeLoadBalancers", "DescribeListeners", "DescribeLoadBalancerAttributes", "DescribeTargetGroups", "DescribeTags",
                "DescribeRules",
            ],
            bucket: "elasticloadbalancing", 40, 10, documented: true)
        assertQuota(.rds, ["DescribeDBInstances"], bucket: "rds", 300, 12, documented: true)
        // 10 a second published, no burst: at most 10 in any one-second window.
        assertQuota(.logs, ["DescribeLogGroups"], bucket: "logs:DescribeLogGroups", 5, 5, documented: true)
        assertQuota(.pricing, ["GetProducts"], bucket: "pricing:GetProducts", 10, 5, documented: true)
    }

    func testServicesWithoutPublishedRatesGetTheConservativeChoice() {
        for operation in ["DescribeRepositories", "DescribeImages", "GetLifecyclePolicy", "ListTagsForResource"] {
            assertQuota(.ecr, [operation], bucket: "ecr:\(operation)", 20, 10, documented: false)
        }
        assertQuota(
            .elasticache, ["DescribeCacheClusters", "DescribeReplicationGroups", "ListTagsForResource"],
            bucket: "elasticache", 20, 10, documented: false)
        assertQuota(.iam, ["GetRole", "ListAttachedRolePolicies", "ListRolePolicies", "GetRolePolicy"], bucket: "iam", 20, 10, documented: false)
        assertQuota(.sts, ["GetCallerIdentity"], bucket: "sts:GetCallerIdentity", 20, 10, documented: false)
    }

    func testDocumentedSourcesAreAWSPagesAndEveryServiceHasAUsableQuota() {
        for service in AWSService.allCases {
            let quota = quota(service, "DescribeSomething")
            XCTAssertGreaterThanOrEqual(quota.capacity, 1, "\(service)")
            XCTAssertGreaterThan(quota.refillPerSecond, 0, "\(service)")
            XCTAssertFalse(quota.bucket.isEmpty, "\(service)")
            if case .documented(let url) = quota.source {
                XCTAssertTrue(url.hasPrefix("https://docs.aws.amazon.com/"), url)
            }
        }
    }
}
