import Foundation
import Inventory

/// The passes that run once every file is read: facts that depend on later
/// commands, real ARNs the files reveal, references between resources.
extension FileInventoryBuilder {
    mutating func finish() -> FileReadResult {
        for index in inventory.repositories.indices {
            if let seen = lifecyclePolicies[inventory.repositories[index].name] {
                inventory.repositories[index].hasLifecyclePolicy = true
                inventory.repositories[index].locations["hasLifecyclePolicy"] = seen
            }
        }
        adoptRealARNs()
        linkTargetGroups()
        resolveServiceTaskDefinitions()
        addReferencedSecurityGroups()
        inferRegionAndAccount()
        var seen = Set<String>()
        inventory.fileValues = inventory.fileValues
            .filter { seen.insert("\($0.file)\u{1F}\($0.line)\u{1F}\($0.key)\u{1F}\($0.value)").inserted }
            .sorted { ($0.file, $0.line, $0.key) < ($1.file, $1.line, $1.key) }
        let sortedSuppressions = Array(Set(suppressions)).sorted {
            ($0.file, $0.line, $0.ruleId, $0.commentLine) < ($1.file, $1.line, $1.ruleId, $1.commentLine)
        }
        return FileReadResult(inventory: inventory.normalized(), suppressions: sortedSuppressions, problems: problems)
    }

    /// A resource created with a synthetic ARN takes the real ARN a later
    /// command names for it (`--load-balancer-arn arn:…:loadbalancer/app/NAME/…`),
    /// and every reference follows.
    private mutating func adoptRealARNs() {
        var renames: [String: String] = [:]
        let lbRefs = inventory.listeners.map(\.loadBalancerArn)
        for index in inventory.loadBalancers.indices where inventory.loadBalancers[index].arn.hasPrefix("file:") {
            let name = inventory.loadBalancers[index].name
            if let real = lbRefs.first(where: { $0.hasPrefix("arn:") && Self.elbName($0) == name }) {
                renames[inventory.loadBalancers[index].arn] = real
                inventory.loadBalancers[index].arn = real
            }
        }
        let tgRefs = inventory.listeners.flatMap { $0.defaultActions.compactMap(\.targetGroupArn) }
            + inventory.services.flatMap { $0.loadBalancers.compactMap(\.targetGroupArn) }
        for index in inventory.targetGroups.indices where inventory.targetGroups[index].arn.hasPrefix("file:") {
            let name = inventory.targetGroups[index].name
            if let real = tgRefs.first(where: { $0.hasPrefix("arn:") && Self.elbName($0) == name }) {
                renames[inventory.targetGroups[index].arn] = real
                inventory.targetGroups[index].arn = real
            }
        }
        let roleRefs = inventory.taskDefinitions.flatMap { [$0.taskRoleArn, $0.executionRoleArn].compactMap { $0 } }
        for index in inventory.roles.indices where inventory.roles[index].arn.hasPrefix("file:") {
            let name = inventory.roles[index].name
            if let real = roleRefs.first(where: { $0.hasPrefix("arn:") && arnSuffix($0) == name }) {
                inventory.roles[index].arn = real
            }
        }
        guard !renames.isEmpty else { return }
        func rename(_ arn: String?) -> String? { arn.map { renames[$0] ?? $0 } }
        for index in inventory.listeners.indices {
            inventory.listeners[index].loadBalancerArn = renames[inventory.listeners[index].loadBalancerArn] ?? inventory.listeners[index].loadBalancerArn
            for action in inventory.listeners[index].defaultActions.indices {
                inventory.listeners[index].defaultActions[action].targetGroupArn = rename(inventory.listeners[index].defaultActions[action].targetGroupArn)
            }
        }
        for index in inventory.services.indices {
            for binding in inventory.services[index].loadBalancers.indices {
                inventory.services[index].loadBalancers[binding].targetGroupArn = rename(inventory.services[index].loadBalancers[binding].targetGroupArn)
            }
        }
    }

    /// A target group belongs to the load balancers whose listeners forward to it.
    private mutating func linkTargetGroups() {
        for index in inventory.targetGroups.indices {
            let arn = inventory.targetGroups[index].arn
            let balancers = inventory.listeners
                .filter { $0.defaultActions.contains { $0.targetGroupArn == arn } }
                .map(\.loadBalancerArn)
            for balancer in balancers where !inventory.targetGroups[index].loadBalancerArns.contains(balancer) {
                inventory.targetGroups[index].loadBalancerArns.append(balancer)
            }
        }
    }

    /// A service naming `family:N` that no file registered as revision N uses
    /// the family's latest revision the files do show (e.g. a JSON block that
    /// states no revision).
    private mutating func resolveServiceTaskDefinitions() {
        for index in inventory.services.indices {
            guard let reference = inventory.services[index].taskDefinition,
                  inventory.taskDefinition(reference) == nil else { continue }
            let tail = reference.split(separator: "/").last.map(String.init) ?? reference
            let family = String(tail.split(separator: ":").first ?? "")
            guard let latest = inventory.taskDefinitions.filter({ $0.family == family }).max(by: { $0.revision < $1.revision }) else { continue }
            inventory.services[index].taskDefinition = latest.familyRevision
        }
    }

    /// Security groups that resources are attached to but no command declares:
    /// they are listed (so sharing across tiers is still seen) with their rules
    /// marked unknown, since they were made outside the files.
    private mutating func addReferencedSecurityGroups() {
        var references: [(String, SourceLocation?)] = []
        for db in inventory.dbInstances { references += db.vpcSecurityGroups.map { ($0, db.location(of: "vpcSecurityGroups")) } }
        for cache in inventory.cacheClusters { references += cache.securityGroups.map { ($0, cache.location(of: "securityGroups")) } }
        for service in inventory.services {
            references += (service.networkConfiguration?.securityGroups ?? []).map { ($0, service.location(of: "securityGroups")) }
        }
        for balancer in inventory.loadBalancers { references += balancer.securityGroups.map { ($0, balancer.location(of: "securityGroups")) } }
        for (id, where_) in references where inventory.securityGroup(id) == nil {
            var group = SecurityGroup(id: id)
            group.rulesKnown = false
            if let where_ { group.locations[LocationKey.resource] = where_ }
            inventory.securityGroups.append(group)
        }
    }

    /// The region and account most ARNs in the files name.
    private mutating func inferRegionAndAccount() {
        var arns = inventory.loadBalancers.map(\.arn) + inventory.targetGroups.map(\.arn) + inventory.listeners.map(\.loadBalancerArn)
        arns += inventory.roles.map(\.arn) + inventory.taskDefinitions.flatMap { [$0.taskRoleArn, $0.executionRoleArn, $0.arn].compactMap { $0 } }
        var regions: [String: Int] = [:]
        var accounts: [String: Int] = [:]
        for arn in arns where arn.hasPrefix("arn:") {
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count > 4 else { continue }
            if !parts[3].isEmpty { regions[String(parts[3]), default: 0] += 1 }
            if !parts[4].isEmpty { accounts[String(parts[4]), default: 0] += 1 }
        }
        for definition in inventory.taskDefinitions {
            for container in definition.containers {
                if let region = container.logConfiguration?.options["awslogs-region"] { regions[region, default: 0] += 1 }
            }
        }
        func top(_ counts: [String: Int]) -> String? {
            counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        inventory.region = inventory.region ?? top(regions)
        inventory.account = inventory.account ?? top(accounts)
    }
}
