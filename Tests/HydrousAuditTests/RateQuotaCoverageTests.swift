import AWSClient
import HydrousAudit
import XCTest

/// Every action the live audit may call is paced by a quota from AWS's own
/// pages wherever AWS publishes one (docs/rate-quotas.md).
final class RateQuotaCoverageTests: XCTestCase {
    /// Services whose pages give figures for every read action the audit calls.
    private let documented: Set<AWSService> = [.ecs, .ec2, .elbv2, .rds, .logs]

    func testEveryAuditActionHasAQuotaAndDocumentedServicesCiteTheirPage() throws {
        for action in LiveAuditActions.all {
            let parts = action.split(separator: ":", maxSplits: 1).map(String.init)
            let service = try XCTUnwrap(AWSService.allCases.first { LiveAuditActions.iamPrefix($0) == parts[0] }, action)
            let quota = RateQuotaTable.aws.quota(for: service, operation: parts[1])
            XCTAssertGreaterThanOrEqual(quota.capacity, 1, action)
            switch quota.source {
            case .documented(let url):
                XCTAssertTrue(url.hasPrefix("https://docs.aws.amazon.com/"), "\(action): \(url)")
            case .chosen(let reason):
                XCTAssertFalse(documented.contains(service), "\(action) should cite AWS's page, not: \(reason)")
            }
        }
    }
}
