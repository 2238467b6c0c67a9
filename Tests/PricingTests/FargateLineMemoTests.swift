import Inventory
@testable import Pricing
import XCTest

/// `FargateLineMemo` gives each workload exactly the lines worked out for it alone.
final class FargateLineMemoTests: XCTestCase {
    /// The guide's deployment with more services: two more of the guide's
    /// size, one larger, one on ARM64, one with 50 GB of ephemeral storage,
    /// one without task-level sizes, one with no count but running tasks, and
    /// one whose task definition is missing.
    private func inventory() throws -> Inventory {
        var inventory = Fixtures.guideInventory()
        let service = try XCTUnwrap(inventory.services.first)
        let definition = try XCTUnwrap(inventory.taskDefinitions.first)
        func add(_ name: String, cpu: String?, memory: String?, change: (inout TaskDefinition, inout ECSService) -> Void = { _, _ in }) {
            var copy = definition
            copy.family = "\(name)-task"
            copy.arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/\(name)-task:1"
            copy.cpu = cpu
            copy.memory = memory
            var user = service
            user.name = name
            user.arn = "arn:aws:ecs:us-east-1:123456789012:service/hydrous-cluster/\(name)"
            user.taskDefinition = copy.arn
            change(&copy, &user)
            inventory.taskDefinitions.append(copy)
            inventory.services.append(user)
        }
        add("twin-a", cpu: definition.cpu, memory: definition.memory)
        add("twin-b", cpu: definition.cpu, memory: definition.memory)
        add("large", cpu: "1024", memory: "4096") { _, service in service.desiredCount = 3 }
        add("graviton", cpu: definition.cpu, memory: definition.memory) { definition, _ in
            definition.runtimePlatform = RuntimePlatform(cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX")
        }
        add("scratch", cpu: definition.cpu, memory: definition.memory) { definition, _ in definition.ephemeralStorageGiB = 50 }
        add("unsized", cpu: nil, memory: nil)
        add("uncounted", cpu: definition.cpu, memory: definition.memory) { _, service in
            service.desiredCount = nil
            service.runningCount = 2
        }
        add("orphan", cpu: definition.cpu, memory: definition.memory) { _, service in service.taskDefinition = "gone:1" }
        return inventory
    }

    func testEveryWorkloadGetsTheLinesWorkedOutForItAlone() throws {
        let model = try Fixtures.model()
        let inventory = try inventory()
        let workloads = model.workloads(inventory)
        XCTAssertEqual(workloads.map(\.resource).sorted(), ["graviton", "hydrous-backend-service", "large", "orphan", "scratch", "twin-a", "twin-b", "uncounted", "unsized"].sorted())
        let alone = workloads.flatMap { model.fargateLines(for: $0, tasks: $0.tasks) }
        XCTAssertEqual(model.fargateLines(inventory), alone)
        var memo = FargateLineMemo()
        for workload in workloads {
            for arm in [nil, true, false] {
                XCTAssertEqual(
                    memo.lines(for: workload, tasks: workload.tasks, arm: arm, in: model),
                    model.fargateLines(for: workload, tasks: workload.tasks, arm: arm), "\(workload.resource), arm \(String(describing: arm))")
            }
        }
        // The twins share their size with the guide's service: only the resource differs.
        let twins = model.fargateLines(inventory).filter { $0.resource.hasPrefix("twin-") }
        XCTAssertEqual(twins.count, 4)
        XCTAssertEqual(Set(twins.map(\.resource)), ["twin-a", "twin-b"])
        XCTAssertTrue(model.fargateLines(inventory).contains { $0.resource == "unsized" && $0.monthly == nil })
    }

    func testSavingsAreTheSameWithTheMemo() throws {
        let model = try Fixtures.model()
        let inventory = try inventory()
        let savings = model.savings(inventory).filter { $0.change.hasPrefix("Fargate") }
        let expected = model.workloads(inventory).filter { $0.taskDefinition != nil && !$0.isARM }.compactMap { workload -> String? in
            let now = model.fargateLines(for: workload, tasks: workload.tasks)
            let arm = model.fargateLines(for: workload, tasks: workload.tasks, arm: true)
            guard now.allSatisfy({ $0.monthly != nil }), arm.allSatisfy({ $0.monthly != nil }) else { return nil }
            return workload.resource + ": " + arm.map(\.basis).joined(separator: " + ")
        }
        XCTAssertEqual(savings.map { $0.resource + ": " + $0.basis.components(separatedBy: " = ")[0] }, expected)
        XCTAssertFalse(savings.contains { $0.resource == "graviton" }, "already on ARM64")
    }
}
