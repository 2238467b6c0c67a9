import Inventory
@testable import Rules
import XCTest

/// Edge cases of the security group and reachability rules.
final class PlatformNetworkTests: XCTestCase {
    typealias F = PlatformFixtures

    // MARK: ec2_shared_security_group

    func testLoadBalancerAndTasksSharingAGroup() {
        let inventory = F.inventory { inv in
            inv.securityGroups = F.guideSecurityGroups
            inv.loadBalancers = [F.loadBalancer()]
            inv.services = [F.service(securityGroups: [F.albSG])]
        }
        let findings = runPlatformRule(EC2SharedSecurityGroupRule.self, inventory)
        XCTAssertEqual(
            findings.map(\.message),
            ["sg-0656c9b30db94ff8d is shared by the load balancer hydrous-alb and the service hydrous-backend-service (tiers: load-balancer, app)."]
        )
        XCTAssertEqual(findings.first?.resource.name, "hydrous-alb-sg")
    }

    func testSharedGroupUnknownToTheInventoryIsStillReportedAndLocated() {
        let inventory = F.inventory { inv in
            inv.dbInstances = [F.db { $0.locations = F.fileLocation(82) }]
            inv.cacheClusters = [F.cache { $0.locations = F.fileLocation(100) }]
        }
        let findings = runPlatformRule(EC2SharedSecurityGroupRule.self, inventory)
        XCTAssertEqual(flaggedIds(findings), [F.dataSG])
        XCTAssertEqual(findings.first?.location, SourceLocation(file: "docs/deploy.md", line: 82))
    }

    func testAttachmentsListEveryTier() {
        let inventory = F.inventory { inv in
            inv.loadBalancers = [F.loadBalancer(securityGroups: ["sg-all"])]
            inv.services = [F.service(securityGroups: ["sg-all"])]
            inv.dbInstances = [F.db { $0.vpcSecurityGroups = ["sg-all", "sg-all"] }]
            inv.cacheClusters = [F.cache { $0.securityGroups = ["sg-all"] }]
        }
        let attachments = SecurityGroupAttachments(inventory)
        XCTAssertEqual(attachments.tiers(of: "sg-all"), Set(SecurityGroupTier.allCases))
        XCTAssertEqual(attachments.attachments(of: "sg-all").map(\.phrase), [
            "the load balancer hydrous-alb", "the service hydrous-backend-service", "the database hydrous-db", "the cache hydrous-redis",
        ])
    }

    // MARK: ec2_world_open_data_port

    func testIPv6WorldOpenOnPostgres() {
        let inventory = F.inventory { inv in
            inv.securityGroups = [F.securityGroup(F.dataSG, ingress: [F.tcp(5432, ipv6: ["::/0"]), F.tcp(5432, cidrs: ["0.0.0.0/0"])])]
        }
        let findings = runPlatformRule(EC2WorldOpenDataPortRule.self, inventory)
        XCTAssertEqual(findings.map(\.message), ["\(F.dataSG) (\(F.dataSG)) lets the internet reach 5432 (PostgreSQL) from 0.0.0.0/0 and ::/0."])
        XCTAssertEqual(findings.first?.severity, .critical)
    }

    func testAllTrafficFromTheWorldExposesEveryDataPort() {
        let inventory = F.inventory { inv in
            inv.securityGroups = [F.securityGroup("sg-open", ingress: [
                IPPermission(ipProtocol: "-1", fromPort: nil, toPort: nil, ipv4Ranges: ["0.0.0.0/0"]),
            ])]
        }
        let message = runPlatformRule(EC2WorldOpenDataPortRule.self, inventory).first?.message ?? ""
        for port in ["5432 (PostgreSQL)", "6379 (Redis)", "3306 (MySQL)", "27017 (MongoDB)", "11211 (Memcached)"] {
            XCTAssertTrue(message.contains(port), "\(port) missing from: \(message)")
        }
    }

    func testWorldOpenRangeCoveringTheDatabasePortOnANonDefaultPort() {
        let inventory = F.inventory { inv in
            inv.securityGroups = [F.securityGroup("sg-db", ingress: [F.tcp(15000, to: 16000, cidrs: ["0.0.0.0/0"])])]
            inv.dbInstances = [F.db { $0.vpcSecurityGroups = ["sg-db"]; $0.endpoint?.port = 15432 }]
        }
        let findings = runPlatformRule(EC2WorldOpenDataPortRule.self, inventory)
        XCTAssertEqual(findings.map(\.message), ["sg-db (sg-db) lets the internet reach 15432 (data store) from 0.0.0.0/0."])
    }

    func testUDPAndALBWebPortsAreNotDataPorts() {
        let inventory = F.inventory { inv in
            inv.securityGroups = [
                F.securityGroup("sg-udp", ingress: [IPPermission(ipProtocol: "udp", fromPort: 6379, toPort: 6379, ipv4Ranges: ["0.0.0.0/0"])]),
                F.securityGroup(F.albSG, ingress: [F.tcp(80, cidrs: ["0.0.0.0/0"]), F.tcp(443, ipv6: ["::/0"])]),
            ]
            inv.loadBalancers = [F.loadBalancer()]
        }
        XCTAssertEqual(runPlatformRule(EC2WorldOpenDataPortRule.self, inventory), [])
    }

    func testPortsParameterReplacesTheDefaultList() {
        let inventory = F.inventory { inv in
            inv.securityGroups = [F.securityGroup("sg-x", ingress: [F.tcp(5432, cidrs: ["0.0.0.0/0"]), F.tcp(8443, cidrs: ["0.0.0.0/0"])])]
        }
        let settings = RuleSettings(parameters: ["ports": .list(["8443"])])
        let findings = runPlatformRule(EC2WorldOpenDataPortRule.self, inventory, settings: settings)
        XCTAssertEqual(findings.map(\.message), ["sg-x (sg-x) lets the internet reach 8443 (data store) from 0.0.0.0/0."])
    }

    // MARK: net_unreachable_dependency

    func testCIDRCoveringTheServiceSubnetsAdmits() {
        var inventory = F.guide
        inventory.subnets = F.subnets.enumerated().map { index, id in
            F.with(Subnet(id: id)) { $0.cidrBlock = "172.31.\(index * 16).0/20"; $0.vpcId = F.vpcId }
        }
        inventory.securityGroups[2].ingress = [F.tcp(5432, cidrs: ["172.31.0.0/16"]), F.tcp(6379, cidrs: ["172.31.16.0/20"])]
        let findings = runPlatformRule(NetUnreachableDependencyRule.self, inventory)
        XCTAssertEqual(flaggedIds(findings), ["hydrous-redis"], "6379 admits only one of the two subnets")
    }

    func testCIDRWithUnknownSubnetsStaysSilent() {
        var inventory = F.guide
        inventory.securityGroups[2].ingress = [F.tcp(5432, cidrs: ["10.0.0.0/16"]), F.tcp(6379, cidrs: ["10.0.0.0/16"])]
        XCTAssertEqual(runPlatformRule(NetUnreachableDependencyRule.self, inventory), [])
    }

    func testServiceWithoutSecurityGroupsOrTaskDefinitionStaysSilent() {
        var noGroups = F.guide
        noGroups.services[0].networkConfiguration = nil
        XCTAssertEqual(runPlatformRule(NetUnreachableDependencyRule.self, noGroups), [])
        var noDefinition = F.guide
        noDefinition.taskDefinitions = []
        XCTAssertEqual(runPlatformRule(NetUnreachableDependencyRule.self, noDefinition), [])
    }

    func testOnlyReferencedStoresAreDependencies() {
        var inventory = F.guide
        inventory.dbInstances.append(F.db("analytics-db"))
        inventory.cacheClusters.append(F.cache("other-redis"))
        let findings = runPlatformRule(NetUnreachableDependencyRule.self, inventory)
        XCTAssertEqual(flaggedIds(findings), ["hydrous-db", "hydrous-redis"])
    }

    func testDependencyMatching() {
        XCTAssertTrue(ServiceDependencies.mentions("hydrous-db.xxxxxxxx.us-east-1.rds.amazonaws.com", word: "hydrous-db"))
        XCTAssertTrue(ServiceDependencies.mentions("redis://:pw@HYDROUS-REDIS.x.cache.amazonaws.com:6379", word: "hydrous-redis"))
        XCTAssertFalse(ServiceDependencies.mentions("hydrous-db2.xxx.rds.amazonaws.com", word: "hydrous-db"))
        XCTAssertFalse(ServiceDependencies.mentions("hydrous_db", word: "db"))
        XCTAssertFalse(ServiceDependencies.mentions("my-hydrous-db.example", word: "hydrous-db"))
    }

    func testPlaceholderHostPicksTheOnlyStoreButARealExternalHostDoesNot() {
        func inventory(_ host: String, databases: Int = 1) -> Inventory {
            F.inventory { inv in
                inv.services = [F.service()]
                inv.taskDefinitions = [F.taskDefinition(environment: [("DB_HOST", host)])]
                inv.dbInstances = (0..<databases).map { F.db("main-\($0)") }
                inv.securityGroups = [F.securityGroup(F.appSG), F.securityGroup(F.dataSG)]
            }
        }
        XCTAssertEqual(flaggedIds(runPlatformRule(NetUnreachableDependencyRule.self, inventory("mydb.xxxx.us-east-1.rds.amazonaws.com"))), ["main-0"])
        XCTAssertEqual(flaggedIds(runPlatformRule(NetUnreachableDependencyRule.self, inventory("<your-db-endpoint>"))), [])
        XCTAssertEqual(flaggedIds(runPlatformRule(NetUnreachableDependencyRule.self, inventory("db.example.com"))), ["main-0"])
        XCTAssertEqual(runPlatformRule(NetUnreachableDependencyRule.self, inventory("pg.acme-corp.net")), [])
        XCTAssertEqual(runPlatformRule(NetUnreachableDependencyRule.self, inventory("db.example.com", databases: 2)), [])
    }

    func testIPv4CIDR() throws {
        let vpc = try XCTUnwrap(IPv4CIDR("10.0.0.0/16"))
        XCTAssertTrue(vpc.contains(try XCTUnwrap(IPv4CIDR("10.0.3.0/24"))))
        XCTAssertFalse(vpc.contains(try XCTUnwrap(IPv4CIDR("10.1.0.0/24"))))
        XCTAssertFalse(vpc.contains(try XCTUnwrap(IPv4CIDR("10.0.0.0/8"))))
        XCTAssertTrue(try XCTUnwrap(IPv4CIDR("0.0.0.0/0")).contains(vpc))
        XCTAssertEqual(IPv4CIDR("192.168.1.7")?.prefix, 32)
        XCTAssertNil(IPv4CIDR("10.0.0/16"))
        XCTAssertNil(IPv4CIDR("10.0.0.256/16"))
        XCTAssertNil(IPv4CIDR("10.0.0.0/33"))
    }

    // MARK: ec2_default_security_group_in_use

    func testDefaultGroupOnTheLoadBalancerIsLocatedAtItsDeclaration() {
        let inventory = F.inventory { inv in
            inv.securityGroups = [F.securityGroup("sg-0default", name: "default")]
            inv.loadBalancers = [F.loadBalancer(securityGroups: ["sg-0default", F.albSG]) { $0.locations = F.fileLocation(228) }]
        }
        let findings = runPlatformRule(EC2DefaultSecurityGroupInUseRule.self, inventory)
        XCTAssertEqual(findings.map(\.message), ["The load balancer hydrous-alb uses the VPC's default security group sg-0default."])
        XCTAssertEqual(findings.first?.location?.line, 228)
    }
}
