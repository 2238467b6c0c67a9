import Foundation
import Inventory

/// What fixing a finding does to the monthly bill.
public struct FixCost: Codable, Sendable, Equatable {
    /// USD per month; positive when the fix costs more, negative when it saves.
    public var monthlyDelta: Double
    /// How the figure was computed.
    public var basis: String
    /// What else the fix may bring with it (e.g. a NAT gateway), `nil` when nothing.
    public var caveat: String?

    /// Creates a fix cost.
    public init(monthlyDelta: Double, basis: String, caveat: String? = nil) {
        self.monthlyDelta = monthlyDelta
        self.basis = basis
        self.caveat = caveat
    }
}

/// Fix deltas for findings as they come, list by list (the rule engine
/// prices each rule's findings in that rule's task, on every core): the
/// lookups every delta reads are built once, for every rule with fix deltas
/// and every variable the inventory's containers set. A delta is what
/// `CostModel.fixDeltas` gives for the same finding.
public struct FixDeltaPricer: Sendable {
    private let inputs: FixDeltaInputs

    /// The lookups for `inventory`, priced by `model`.
    public init(model: CostModel, inventory: Inventory) {
        var variables = Set<String>()
        for definition in inventory.taskDefinitions {
            for container in definition.containers {
                for variable in container.environment { variables.insert(variable.name) }
            }
        }
        inputs = FixDeltaInputs(model: model, inventory: inventory, ruleIds: CostModel.rulesWithFixDeltas, secretVariables: variables)
    }

    /// The fix delta of each finding (`nil` when fixing it does not touch the bill).
    public func fixDeltas(_ findings: [(ruleId: String, resource: ResourceRef, variable: String?)]) -> [FixCost?] {
        var memo = FixDeltaMemo(inputs)
        return findings.map { memo.fix(ruleId: $0.ruleId, resource: $0.resource, variable: $0.variable) }
    }
}

extension CostModel {
    /// The monthly cost change of fixing finding `ruleId` on `resource` as its
    /// remediation says; `nil` for rules whose fix does not touch the bill,
    /// and when a price the figure needs is missing. `variable` is the
    /// environment variable a plaintext-secret finding names: one that holds
    /// an RDS master password costs nothing to move (see `databasePasswordFix`).
    public func fixDelta(ruleId: String, resource: ResourceRef, inventory: Inventory, variable: String? = nil) -> FixCost? {
        fixDeltas([(ruleId, resource, variable)], inventory: inventory)[0]
    }

    /// `fixDelta` for many findings at once, none naming a variable.
    public func fixDeltas(_ findings: [(ruleId: String, resource: ResourceRef)], inventory: Inventory) -> [FixCost?] {
        fixDeltas(findings.map { ($0.ruleId, $0.resource, nil) }, inventory: inventory)
    }

    /// `fixDelta` for many findings at once. Most findings of a report share
    /// a few shapes (one rule, the same task size, the same subnets), so each
    /// delta is worked out once per distinct input and looked up after that
    /// (`FixDeltaMemo`); the Fargate workloads are indexed once per report.
    public func fixDeltas(_ findings: [(ruleId: String, resource: ResourceRef, variable: String?)], inventory: Inventory) -> [FixCost?] {
        var ruleIds = Set<String>()
        var variables = Set<String>()
        // Read in place: iterating copied each (rule, resource, variable) tuple.
        findings.withUnsafeBufferPointer { findings in
            for index in findings.indices {
                ruleIds.insert(findings[index].ruleId)
                if findings[index].ruleId == "ecs_plaintext_secret_env", let variable = findings[index].variable { variables.insert(variable) }
            }
        }
        let shared = FixDeltaInputs(model: self, inventory: inventory, ruleIds: ruleIds, secretVariables: variables)
        // Split over the cores, each piece with its own memo (a delta depends on its finding alone).
        let chunks = Parallel.map(Parallel.width) { chunk -> [FixCost?] in
            var memo = FixDeltaMemo(shared)
            let range = Parallel.range(ofChunk: chunk, of: Parallel.width, count: findings.count)
            // Read in place: iterating copied each (rule, resource, variable) tuple.
            return findings.withUnsafeBufferPointer { findings in
                range.map { memo.fix(ruleId: findings[$0].ruleId, resource: findings[$0].resource, variable: findings[$0].variable) }
            }
        }
        return chunks.flatMap { $0 }
    }

    /// The rules whose findings may have a fix delta: `fixDelta` is `nil`
    /// for every other rule, so callers may leave their findings out.
    public static let rulesWithFixDeltas: Set<String> = resourceIndependentRules.union([
        "ecs_public_ip_on_task", "rds_single_az", "ecs_single_task",
    ])

    /// The rules whose fix delta is the same whatever the resource (see `fixDelta`).
    static let resourceIndependentRules: Set<String> = [
        "ecs_plaintext_secret_env", "rds_unmanaged_master_password", "logs_no_retention", "cache_backups_off", "rds_storage_unencrypted",
    ]

    /// `fixDelta` worked out from scratch, nothing remembered or shared: what
    /// `FixDeltaMemo` must agree with (the tests compare the two).
    func unsharedFixDelta(ruleId: String, resource: ResourceRef, inventory: Inventory, variable: String?) -> FixCost? {
        if ruleId == "ecs_plaintext_secret_env", let variable, !inventory.dbInstances.isEmpty {
            let context = DatabasePasswordContext(inventory: inventory, variables: [variable])
            if let fix = databasePasswordFix(variable: variable, resource: resource, inventory: inventory, context: context) {
                return fix
            }
        }
        return fixDelta(ruleId: ruleId, resource: resource, inventory: inventory) { WorkloadIndex(self.workloads(inventory)) }
    }

    /// The fix delta of one finding; `workloads` is asked only by the rules that read them.
    func fixDelta(
        ruleId: String, resource: ResourceRef, inventory: Inventory, workloads: () -> WorkloadIndex
    ) -> FixCost? {
        switch ruleId {
        case "ecs_plaintext_secret_env":
            return secretFix("1 secret moved to Secrets Manager", caveat:
                "an SSM Parameter Store standard SecureString parameter costs nothing; the delta is then 0")
        case "rds_unmanaged_master_password":
            return secretFix("1 RDS-managed master password secret", caveat: nil)
        case "ecs_public_ip_on_task":
            return publicIPFix(resource, inventory, workloads())
        case "rds_single_az":
            return multiAZFix(resource, inventory)
        case "ecs_single_task":
            return extraTaskFix(resource, workloads())
        case "logs_no_retention":
            return FixCost(
                monthlyDelta: 0,
                basis: "no change this month; a retention period stops stored logs from growing without bound "
                    + "(\(priceText(PriceKey.logsStorage)) on every GB kept)")
        case "cache_backups_off":
            return FixCost(
                monthlyDelta: 0, basis: "0: one day of snapshots per node is within the free snapshot storage",
                caveat: "longer retention is billed per GB-month of snapshot storage beyond the free amount")
        case "rds_storage_unencrypted":
            return FixCost(
                monthlyDelta: 0, basis: "0: RDS encryption at rest has no charge",
                caveat: "an existing instance is encrypted by restoring an encrypted copy of a snapshot (brief downtime)")
        default:
            return nil
        }
    }

    private func priceText(_ key: String) -> String {
        prices.price(key).map { "\(Money.format($0.usd)) \($0.perUnit)" } ?? "price unknown"
    }

    private func secretFix(_ what: String, caveat: String?) -> FixCost? {
        guard let price = prices.price(PriceKey.secret) else { return nil }
        return FixCost(monthlyDelta: Money.cents(price.usd), basis: "\(what) x \(Money.format(price.usd)) \(price.perUnit)", caveat: caveat)
    }

    /// The positions in `all` of the workloads `resource` names, in order.
    func workloadPositions(for resource: ResourceRef, in all: WorkloadIndex) -> [Int] {
        switch resource.type {
        case "ecs:task-definition":
            return all.byTaskDefinition[resource.id] ?? []
        default:
            let byName = all.byResource[resource.id] ?? []
            let byArn = resource.arn.flatMap { all.byServiceArn[$0] } ?? []
            if byArn.isEmpty { return byName }
            return Array(Set(byName + byArn)).sorted()
        }
    }

    /// The public IPv4 addresses fixing `ecs_public_ip_on_task` releases for the workloads at `positions`.
    static func releasedAddresses(_ positions: [Int], in all: WorkloadIndex) -> Int {
        // Fields read in place: copying a workload copies its task definition and service.
        max(1, positions.reduce(0) { total, position in
            let assigns = all.workloads[position].service?.assignsPublicIp == true
            return total + max(all.workloads[position].publicAddresses, assigns ? all.workloads[position].tasks : 0)
        })
    }

    /// The subnets the services of the workloads at `positions` run in.
    static func subnetIds(_ positions: [Int], in all: WorkloadIndex) -> Set<String> {
        if positions.count == 1 { return Set(all.workloads[positions[0]].service?.networkConfiguration?.subnets ?? []) }
        return Set(positions.flatMap { all.workloads[$0].service?.networkConfiguration?.subnets ?? [] })
    }

    private func publicIPFix(_ resource: ResourceRef, _ inventory: Inventory, _ all: WorkloadIndex) -> FixCost? {
        let positions = workloadPositions(for: resource, in: all)
        return publicIPFix(
            addresses: Self.releasedAddresses(positions, in: all), subnetIds: Self.subnetIds(positions, in: all), inventory)
    }

    /// The fix delta of releasing `addresses` public IPv4 addresses of tasks in `subnetIds`.
    func publicIPFix(addresses: Int, subnetIds: Set<String>, _ inventory: Inventory) -> FixCost? {
        guard let price = prices.price(PriceKey.publicIPv4) else { return nil }
        let delta = -Money.cents(Double(addresses) * price.usd * hours)
        let basis = "\(Self.count(addresses, "address")) released x \(Money.format(price.usd)) \(price.perUnit) x \(Money.format(hours)) h"
        return FixCost(monthlyDelta: delta, basis: basis, caveat: privateSubnetCaveat(subnetIds, inventory))
    }

    private func privateSubnetCaveat(_ subnetIds: Set<String>, _ inventory: Inventory) -> String {
        if !inventory.activeNATGateways().isEmpty {
            return "tasks in private subnets reach ECR, Logs and Secrets Manager through the existing NAT gateway"
        }
        let zones = Set(subnetIds.compactMap { id in inventory.subnets.first { $0.id == id }?.availabilityZone })
        let azCount = zones.isEmpty ? (subnetIds.isEmpty ? 2 : subnetIds.count) : zones.count
        let natHour = prices.price(PriceKey.natHour)?.usd ?? 0.045
        let natData = prices.price(PriceKey.natData)?.usd ?? 0.045
        let endpointHour = prices.price(PriceKey.endpointHour)?.usd ?? 0.01
        let perEndpoint = Money.cents(endpointHour * Double(azCount) * hours)
        return "private subnets then need outbound access: a NAT gateway (+\(Money.usd(natHour * hours))/month + "
            + "\(Money.format(natData)) USD/GB processed) or interface endpoints for ECR (api + dkr), CloudWatch Logs and "
            + "Secrets Manager (\(Money.format(endpointHour)) USD/h x \(Self.count(azCount, "AZ")) x \(Money.format(hours)) h = "
            + "+\(Money.usd(perEndpoint))/month each, +\(Money.usd(perEndpoint * 4)) for the four) with a free S3 gateway endpoint for image layers"
    }

    private func multiAZFix(_ resource: ResourceRef, _ inventory: Inventory) -> FixCost? {
        guard let db = inventory.dbInstances.first(where: { $0.identifier == resource.id || ($0.arn != nil && $0.arn == resource.arn) })
        else { return nil }
        var multi = db
        multi.multiAZ = true
        let now = databaseLines(for: db)
        let after = databaseLines(for: multi)
        guard let before = Self.knownSum(now), let then = Self.knownSum(after) else { return nil }
        let basis = after.map { "\($0.item): \($0.basis)" }.joined(separator: "; ") + " (\(Money.usd(then)) instead of \(Money.usd(before)))"
        return FixCost(monthlyDelta: Money.cents(then - before), basis: basis, caveat: nil)
    }

    private func extraTaskFix(_ resource: ResourceRef, _ all: WorkloadIndex) -> FixCost? {
        guard let position = workloadPositions(for: resource, in: all).first else { return nil }
        return extraTaskFix(all.workloads[position])
    }

    /// The fix delta of running one more task of `workload`.
    func extraTaskFix(_ workload: FargateWorkload) -> FixCost? {
        var lines = fargateLines(for: workload, tasks: 1)
        if workload.service?.assignsPublicIp == true || workload.publicAddresses > 0 {
            let subject = Subject(component: "public-ipv4", resource: workload.resource, item: "public IPv4", guideRow: nil, label: CostLabel.publicIPv4)
            lines.append(line(subject, key: PriceKey.publicIPv4, quantityText: "1 address", hourly: true))
        }
        guard let sum = Self.knownSum(lines) else { return nil }
        let basis = "one more task: " + lines.map { "\($0.item) \(Money.usd($0.monthly ?? 0)) (\($0.basis))" }.joined(separator: " + ")
        return FixCost(monthlyDelta: sum, basis: basis, caveat: nil)
    }

    /// The sum of lines' cents; `nil` when any is unknown.
    static func knownSum(_ lines: [CostLine]) -> Double? {
        let known = lines.compactMap(\.monthly)
        return known.count == lines.count ? Money.sum(known) : nil
    }
}

/// Fargate workloads with lookups by what a finding names (service name or
/// task id, service ARN, task definition `family:revision`).
struct WorkloadIndex: Sendable {
    let workloads: [FargateWorkload]
    var byResource: [String: [Int]] = [:]
    var byServiceArn: [String: [Int]] = [:]
    var byTaskDefinition: [String: [Int]] = [:]

    init(_ workloads: [FargateWorkload]) {
        self.workloads = workloads
        byResource.reserveCapacity(workloads.count)
        byServiceArn.reserveCapacity(workloads.count)
        byTaskDefinition.reserveCapacity(workloads.count)
        // By position, fields read in place: a copy of a workload copies its task definition and service.
        for position in workloads.indices {
            byResource[workloads[position].resource, default: []].append(position)
            if let arn = workloads[position].service?.arn { byServiceArn[arn, default: []].append(position) }
            if let familyRevision = workloads[position].taskDefinition?.familyRevision {
                byTaskDefinition[familyRevision, default: []].append(position)
            }
        }
    }
}
