import Foundation
import Inventory

/// The fix deltas of one report, each worked out once per distinct input.
///
/// A 1,000-service report has 13,000 findings but only a handful of distinct
/// fix deltas: a delta depends on the rule and, for the two rules that read
/// the Fargate workloads, on a few facts of the workload (task size and
/// architecture, public IP; released addresses and subnets), never on its
/// name. Working each out per finding formatted the same Fargate lines
/// thousands of times. The keys hold every input the delta reads, so two
/// findings share an answer only when computing it twice would give the same.
struct FixDeltaMemo {
    private let model: CostModel
    private let inventory: Inventory
    private let passwords: DatabasePasswordContext?
    private var index: WorkloadIndex?
    private var natKnown: Bool?
    private var byRule: [String: FixCost?] = [:]
    private var byTask: [TaskShape: FixCost?] = [:]
    private var byAddresses: [AddressShape: FixCost?] = [:]

    /// A memo for `model` on `inventory`; `secretVariables` are the variables
    /// the report's plaintext-secret findings name (for the database-password exception).
    init(model: CostModel, inventory: Inventory, secretVariables: Set<String>) {
        self.model = model
        self.inventory = inventory
        self.passwords = inventory.dbInstances.isEmpty ? nil : DatabasePasswordContext(inventory: inventory, variables: secretVariables)
    }

    /// The fix delta of finding `ruleId` on `resource` (`CostModel.fixDelta`).
    mutating func fix(ruleId: String, resource: ResourceRef, variable: String?) -> FixCost? {
        // A plaintext secret that is a database's master password is the one exception (it needs the variable).
        if let passwords, ruleId == "ecs_plaintext_secret_env", let variable,
           let fix = model.databasePasswordFix(variable: variable, resource: resource, inventory: inventory, context: passwords) {
            return fix
        }
        switch ruleId {
        case "ecs_single_task":
            let all = workloads()
            guard let position = model.workloadPositions(for: resource, in: all).first else { return nil }
            let workload = all.workloads[position]
            let shape = TaskShape(workload)
            if let known = byTask[shape] { return known }
            let fix = model.extraTaskFix(workload)
            byTask[shape] = fix
            return fix
        case "ecs_public_ip_on_task":
            let all = workloads()
            let positions = model.workloadPositions(for: resource, in: all)
            let addresses = CostModel.releasedAddresses(positions, in: all)
            let subnets = CostModel.subnetIds(positions, in: all)
            // With a NAT gateway the caveat names it and not the subnets.
            let shape = AddressShape(addresses: addresses, subnets: hasNATGateway() ? nil : subnets)
            if let known = byAddresses[shape] { return known }
            let fix = model.publicIPFix(addresses: addresses, subnetIds: subnets, inventory)
            byAddresses[shape] = fix
            return fix
        default:
            guard CostModel.resourceIndependentRules.contains(ruleId) else {
                return model.fixDelta(ruleId: ruleId, resource: resource, inventory: inventory) { WorkloadIndex([]) }
            }
            if let known = byRule[ruleId] { return known }
            let fix = model.fixDelta(ruleId: ruleId, resource: resource, inventory: inventory) { WorkloadIndex([]) }
            byRule[ruleId] = fix
            return fix
        }
    }

    /// The Fargate workloads, indexed on first use.
    private mutating func workloads() -> WorkloadIndex {
        if let index { return index }
        let built = WorkloadIndex(model.workloads(inventory))
        index = built
        return built
    }

    private mutating func hasNATGateway() -> Bool {
        if let natKnown { return natKnown }
        let known = !inventory.activeNATGateways().isEmpty
        natKnown = known
        return known
    }
}

/// What `CostModel.extraTaskFix` reads of a workload: the task definition's
/// size and architecture and whether a task holds a public IPv4 address (not
/// the workload's name, its task count or how that count was found).
struct TaskShape: Hashable {
    let hasDefinition: Bool
    let cpu: String?
    let memory: String?
    let ephemeralStorageGiB: Int?
    let isARM: Bool
    let publicIP: Bool

    init(_ workload: FargateWorkload) {
        let definition = workload.taskDefinition
        hasDefinition = definition != nil
        cpu = definition?.cpu
        memory = definition?.memory
        ephemeralStorageGiB = definition?.ephemeralStorageGiB
        isARM = workload.isARM
        publicIP = workload.service?.assignsPublicIp == true || workload.publicAddresses > 0
    }
}

/// What `CostModel.publicIPFix(addresses:subnetIds:_:)` reads: the address
/// count and, when no NAT gateway exists, the subnets (`nil` otherwise).
struct AddressShape: Hashable {
    let addresses: Int
    let subnets: Set<String>?
}
