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
    private let shared: FixDeltaInputs
    private var byRule: [String: FixCost?] = [:]
    private var byTask: [TaskShape: FixCost?] = [:]
    private var byAddresses: [AddressShape: FixCost?] = [:]

    /// A memo over `shared` (each piece of work running at once has its own).
    init(_ shared: FixDeltaInputs) {
        self.shared = shared
    }

    /// The fix delta of finding `ruleId` on `resource` (`CostModel.fixDelta`).
    mutating func fix(ruleId: String, resource: ResourceRef, variable: String?) -> FixCost? {
        let model = shared.model
        let inventory = shared.inventory
        // A plaintext secret that is a database's master password is the one exception (it needs the variable).
        if let passwords = shared.passwords, ruleId == "ecs_plaintext_secret_env", let variable,
           let fix = model.databasePasswordFix(variable: variable, resource: resource, inventory: inventory, context: passwords) {
            return fix
        }
        switch ruleId {
        case "ecs_single_task":
            let all = shared.workloads
            guard let position = model.workloadPositions(for: resource, in: all).first else { return nil }
            let shape = TaskShape(all.workloads, position)
            if let known = byTask[shape] { return known }
            let fix = model.extraTaskFix(all.workloads[position])
            byTask[shape] = fix
            return fix
        case "ecs_public_ip_on_task":
            let all = shared.workloads
            let positions = model.workloadPositions(for: resource, in: all)
            let addresses = CostModel.releasedAddresses(positions, in: all)
            let subnets = CostModel.subnetIds(positions, in: all)
            // With a NAT gateway the caveat names it and not the subnets.
            let shape = AddressShape(addresses: addresses, subnets: shared.hasNATGateway ? nil : subnets)
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
}

/// What every fix delta of one report may read, worked out once before the
/// findings are split over the cores: the workload index and the
/// database-password lookups only when some finding needs them.
struct FixDeltaInputs: Sendable {
    let model: CostModel
    let inventory: Inventory
    let passwords: DatabasePasswordContext?
    let workloads: WorkloadIndex
    let hasNATGateway: Bool

    /// The inputs for `findings`, of which the plaintext-secret ones name `secretVariables`.
    init(model: CostModel, inventory: Inventory, ruleIds: Set<String>, secretVariables: Set<String>) {
        self.model = model
        self.inventory = inventory
        let needsPasswords = !inventory.dbInstances.isEmpty && ruleIds.contains("ecs_plaintext_secret_env")
        let needsWorkloads = ruleIds.contains("ecs_single_task") || ruleIds.contains("ecs_public_ip_on_task")
        // The two lookups (a few thousand keys each) are built at once.
        (passwords, workloads) = Parallel.both({
            needsPasswords ? DatabasePasswordContext(inventory: inventory, variables: secretVariables) : nil
        }, {
            WorkloadIndex(needsWorkloads ? model.workloads(inventory) : [])
        })
        hasNATGateway = !inventory.activeNATGateways().isEmpty
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

    /// The shape of `workloads[position]`, its fields read in place (a copy
    /// of a workload copies its task definition and service).
    init(_ workloads: [FargateWorkload], _ position: Int) {
        hasDefinition = workloads[position].taskDefinition != nil
        cpu = workloads[position].taskDefinition?.cpu
        memory = workloads[position].taskDefinition?.memory
        ephemeralStorageGiB = workloads[position].taskDefinition?.ephemeralStorageGiB
        isARM = workloads[position].isARM
        publicIP = workloads[position].service?.assignsPublicIp == true || workloads[position].publicAddresses > 0
    }
}

/// What `CostModel.publicIPFix(addresses:subnetIds:_:)` reads: the address
/// count and, when no NAT gateway exists, the subnets (`nil` otherwise).
struct AddressShape: Hashable {
    let addresses: Int
    let subnets: Set<String>?
}
