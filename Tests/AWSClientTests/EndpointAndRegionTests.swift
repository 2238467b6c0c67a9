import Foundation
import XCTest

@testable import AWSClient

final class EndpointAndRegionTests: XCTestCase {
    func testDefaultHostsFollowTheTable() throws {
        let resolver = EndpointResolver()
        let expected: [AWSService: String] = [
            .ecs: "ecs.eu-west-1.amazonaws.com", .elbv2: "elasticloadbalancing.eu-west-1.amazonaws.com",
            .ec2: "ec2.eu-west-1.amazonaws.com", .rds: "rds.eu-west-1.amazonaws.com",
            .elasticache: "elasticache.eu-west-1.amazonaws.com", .ecr: "api.ecr.eu-west-1.amazonaws.com",
            .logs: "logs.eu-west-1.amazonaws.com", .iam: "iam.amazonaws.com", .sts: "sts.eu-west-1.amazonaws.com",
            .pricing: "api.pricing.us-east-1.amazonaws.com",
        ]
        for service in AWSService.allCases {
            let endpoint = try resolver.endpoint(for: service, region: "eu-west-1")
            XCTAssertEqual(endpoint.host, expected[service], service.rawValue)
            XCTAssertEqual(endpoint.scheme, "https")
        }
        XCTAssertEqual(try resolver.endpoint(for: .iam, region: "eu-west-1").signingRegion, "us-east-1")
        XCTAssertEqual(try resolver.endpoint(for: .ecs, region: "eu-west-1").signingRegion, "eu-west-1")
        XCTAssertEqual(AWSService.elbv2.signingName, "elasticloadbalancing")
    }

    func testPrecedenceFlagThenServiceVariableThenGlobalVariable() throws {
        let variables = [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
            "AWS_ENDPOINT_URL_ECS": "http://localhost:6000/prefix",
            "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2": "http://localhost:7000",
            "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://localhost:8000",
        ]
        let fromEnvironment = EndpointResolver(variables: variables)
        let ecs = try fromEnvironment.endpoint(for: .ecs, region: "us-east-1")
        XCTAssertEqual([ecs.host, "\(ecs.port ?? 0)", ecs.path], ["localhost", "6000", "/prefix"])
        XCTAssertEqual(try fromEnvironment.endpoint(for: .elbv2, region: "us-east-1").port, 7000)
        XCTAssertEqual(try fromEnvironment.endpoint(for: .logs, region: "us-east-1").port, 8000)
        let rds = try fromEnvironment.endpoint(for: .rds, region: "us-east-1")
        XCTAssertEqual([rds.scheme, rds.host, "\(rds.port ?? 0)"], ["http", "127.0.0.1", "5000"])
        let flagged = EndpointResolver(explicitURL: "https://emulator.test:9443", variables: variables)
        for service in AWSService.allCases {
            XCTAssertEqual(try flagged.endpoint(for: service, region: "us-east-1").host, "emulator.test")
        }
        XCTAssertEqual(AWSService.logs.endpointEnvironmentId, "CLOUDWATCH_LOGS")
    }

    func testInvalidEndpointNamesItsSource() {
        XCTAssertThrowsError(try EndpointResolver(variables: ["AWS_ENDPOINT_URL_ECS": "not a url"])
            .endpoint(for: .ecs, region: "us-east-1")) {
            XCTAssertTrue($0.localizedDescription.contains("AWS_ENDPOINT_URL_ECS"))
        }
    }

    func testRegionPrecedence() throws {
        let home = try TemporaryHome()
        try home.write(".aws/config", "[default]\nregion = ap-south-1\n[profile other]\nregion = sa-east-1\n")
        let all = home.environment(["AWS_REGION": "eu-west-3", "AWS_DEFAULT_REGION": "eu-north-1"])
        XCTAssertEqual(try RegionResolver(explicitRegion: "us-west-2", environment: all).resolve(), "us-west-2")
        XCTAssertEqual(try RegionResolver(environment: all).resolve(), "eu-west-3")
        XCTAssertEqual(try RegionResolver(environment: home.environment(["AWS_DEFAULT_REGION": "eu-north-1"])).resolve(), "eu-north-1")
        XCTAssertEqual(try RegionResolver(environment: home.environment([:])).resolve(), "ap-south-1")
        XCTAssertEqual(try RegionResolver(environment: home.environment([:], profile: "other")).resolve(), "sa-east-1")
        let empty = try TemporaryHome()
        XCTAssertThrowsError(try RegionResolver(environment: empty.environment([:])).resolve()) {
            XCTAssertTrue($0.localizedDescription.contains("pass --region"))
        }
    }
}
