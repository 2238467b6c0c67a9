import Inventory
import XCTest
@testable import Pricing
import TestSupport

/// `fixDeltas` works each delta out once per distinct input (`FixDeltaMemo`):
/// on inventories whose services differ in every fact a delta reads (task
/// size, architecture, ephemeral storage, public IP, task and address counts,
/// subnets and their zones, a NAT gateway, a missing task definition) its
/// answers must be those worked out from scratch for each finding.
final class FixDeltaMemoTests: XCTestCase {
    func testRememberedDeltasEqualDeltasWorkedOutPerFinding() throws {
        let model = try Fixtures.model()
        var random = SeededRandom(seed: 0x3E3_0F1D)
        let rules = Fixtures.fixDeltaRules
        var distinctDeltas = Set<String>()
        for round in 0..<6 {
            let inventory = Self.inventory(services: 40, nat: round % 3 == 2, random: &random)
            let prepared = round.isMultiple(of: 2) ? model.preparing(for: inventory) : model
            var refs = inventory.dbInstances.map(\.ref) + inventory.logGroups.map(\.ref)
            refs += inventory.services.map { ResourceRef(type: "ecs:service", id: $0.name, arn: $0.arn, name: $0.name) }
            refs += inventory.services.map { ResourceRef(type: "ecs:service", id: $0.name) }
            refs += inventory.taskDefinitions.map { ResourceRef(type: "ecs:task-definition", id: $0.familyRevision, arn: $0.arn) }
            refs += [ResourceRef(type: "ecs:service", id: "missing"), ResourceRef(type: "ecs:task-definition", id: "missing:1")]
            let variables: [String?] = [nil, "POSTGRES_PASSWORD", "DB_PASS", "JWT_SECRET_KEY", "API_TOKEN"]
            let findings = (0..<600).map { _ in
                (ruleId: random.pick(rules), resource: random.pick(refs), variable: random.pick(variables))
            }
            let remembered = prepared.fixDeltas(findings, inventory: inventory)
            for (finding, fix) in zip(findings, remembered) {
                let fresh = model.unsharedFixDelta(
                    ruleId: finding.ruleId, resource: finding.resource, inventory: inventory, variable: finding.variable)
                XCTAssertEqual(fix, fresh, "\(finding.ruleId) on \(finding.resource.id)")
                if let fix { distinctDeltas.insert("\(fix.monthlyDelta) \(fix.basis) \(fix.caveat ?? "")") }
            }
        }
        // Rules outside `rulesWithFixDeltas` never have one (the audit leaves their findings out).
        let inventory = Fixtures.guideInventory()
        let refs = inventory.dbInstances.map(\.ref) + inventory.logGroups.map(\.ref) + inventory.services.map(\.ref)
            + inventory.taskDefinitions.map(\.ref) + inventory.cacheClusters.map(\.ref)
        for rule in rules + ["ecs_mutable_image_tag", "net_unreachable_dependency", "cache_auth_off"] {
            let fixes = refs.map { model.unsharedFixDelta(ruleId: rule, resource: $0, inventory: inventory, variable: "POSTGRES_PASSWORD") }
            XCTAssertEqual(fixes.contains { $0 != nil }, CostModel.rulesWithFixDeltas.contains(rule), rule)
        }
        // The inventories must give many distinct answers, or the comparison proves little.
        XCTAssertGreaterThan(distinctDeltas.count, 30)
    }

    /// `services` Fargate services of random shapes, their task definitions
    /// (one in ten missing), subnets in three zones (one without a zone), one database.
    static func inventory(services: Int, nat: Bool, random: inout SeededRandom) -> Inventory {
        var inventory = Fixtures.guideInventory()
        let zones: [String?] = ["us-east-1a", "us-east-1b", "us-east-1c", nil]
        inventory.subnets = (0..<6).map { index in
            var subnet = Subnet(id: "subnet-\(index)")
            subnet.availabilityZone = zones[index % zones.count]
            return subnet
        }
        if nat {
            var gateway = NATGateway(id: "nat-1")
            gateway.state = "available"
            inventory.natGateways = [gateway]
        }
        let template = inventory.taskDefinitions[0]
        inventory.taskDefinitions = []
        inventory.services = (0..<services).map { index in
            var definition = template
            definition.family = "task-\(index)"
            definition.arn = "arn:aws:ecs:us-east-1:\(Fixtures.account):task-definition/task-\(index):1"
            definition.cpu = random.pick(["256", "512", "1024", "x", nil])
            definition.memory = random.pick(["512", "1024", "2048", nil])
            definition.ephemeralStorageGiB = random.pick([nil, 20, 21, 50])
            definition.runtimePlatform = random.chance(30) ? RuntimePlatform(cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX") : nil
            definition.containers[0].environment.append(NameValue(name: "DB_PASS", value: "pw-\(index % 3)"))
            if !random.chance(10) { inventory.taskDefinitions.append(definition) }
            var service = inventory.services.first ?? ECSService(arn: "", name: "", clusterArn: Fixtures.clusterArn)
            service.name = "service-\(index)"
            service.arn = "arn:aws:ecs:us-east-1:\(Fixtures.account):service/hydrous-cluster/service-\(index)"
            service.taskDefinition = "task-\(index):1"
            service.desiredCount = random.pick([nil, 1, 2, 3])
            let subnets = (0..<random.int(in: 0...3)).map { _ in "subnet-\(random.below(7))" }
            service.networkConfiguration = AwsVpcConfiguration(
                subnets: subnets, securityGroups: ["sg-1"], assignPublicIp: random.chance(50) ? "ENABLED" : "DISABLED")
            return service
        }
        return inventory
    }
}
