import Foundation

extension Inventory {
    /// The part of the inventory in `scope` (contract.md): resources carrying
    /// every given tag, everything in a named cluster, and everything reachable
    /// by reference from those (cluster → services and tasks → task definitions
    /// → roles, log groups, repositories; service → target groups → load
    /// balancers → listeners; any resource → its security groups and subnets).
    /// An empty scope keeps everything.
    public func scoped(to scope: Scope) -> Inventory {
        guard !scope.isEverything else {
            var copy = self
            copy.scope = scope
            return copy
        }
        var closure = ScopeWalk(inventory: self, scope: scope)
        closure.run()
        return closure.result()
    }

    /// Parses `KEY=VALUE` tag filters; returns `nil` for a malformed one.
    public static func parseTagFilter(_ text: String) -> (key: String, value: String)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }
}

/// The fixpoint walk behind `Inventory.scoped(to:)`, over ids/ARNs.
private struct ScopeWalk {
    let inventory: Inventory
    let tagFilters: [(key: String, value: String)]
    let clusterNames: Set<String>
    var keep = Set<String>()

    init(inventory: Inventory, scope: Scope) {
        self.inventory = inventory
        self.tagFilters = scope.tags.compactMap(Inventory.parseTagFilter)
        self.clusterNames = Set(scope.clusters)
    }

    func tagged(_ tags: Tags) -> Bool {
        !tagFilters.isEmpty && tagFilters.allSatisfy { tags[$0.key] == $0.value }
    }

    mutating func seed() {
        let inv = inventory
        for c in inv.clusters where tagged(c.tags) || clusterNames.contains(c.name) || clusterNames.contains(c.arn) {
            keep.insert(c.arn)
        }
        func add<R: AuditedResource>(_ list: [R], _ key: (R) -> String) {
            for r in list where tagged(r.tags) { keep.insert(key(r)) }
        }
        add(inv.services) { $0.arn }
        add(inv.taskDefinitions) { $0.arn }
        add(inv.loadBalancers) { $0.arn }
        add(inv.listeners) { $0.arn }
        add(inv.targetGroups) { $0.arn }
        add(inv.securityGroups) { $0.id }
        add(inv.subnets) { $0.id }
        add(inv.dbInstances) { $0.ref.id }
        add(inv.cacheClusters) { $0.id }
        add(inv.repositories) { $0.name }
        add(inv.logGroups) { $0.name }
        add(inv.roles) { $0.arn }
        add(inv.natGateways) { $0.id }
        add(inv.vpcEndpoints) { $0.id }
    }

    mutating func run() {
        seed()
        var size = -1
        while size != keep.count {
            size = keep.count
            step()
        }
    }

    // One round of following references from what is kept.
    mutating func step() {
        let inv = inventory
        for s in inv.services where keep.contains(s.arn) || keep.contains(s.clusterArn) {
            keep.insert(s.arn)
            if let td = s.taskDefinition, let def = inv.taskDefinition(td) {
                keep.insert(def.arn)
                // The latest ACTIVE revision of a family in use is in scope too.
                for other in inv.taskDefinitions where other.family == def.family { keep.insert(other.arn) }
            }
            s.networkConfiguration?.securityGroups.forEach { keep.insert($0) }
            s.networkConfiguration?.subnets.forEach { keep.insert($0) }
            for b in s.loadBalancers { if let tg = b.targetGroupArn { keep.insert(tg) } }
        }
        for t in inv.tasks where keep.contains(t.clusterArn) || keep.contains(t.arn) {
            keep.insert(t.arn)
            if let td = t.taskDefinitionArn { keep.insert(td) }
        }
        for d in inv.taskDefinitions where keep.contains(d.arn) {
            [d.taskRoleArn, d.executionRoleArn].compactMap { $0 }.forEach { keep.insert($0) }
            for c in d.containers {
                if let group = c.logConfiguration?.options["awslogs-group"] { keep.insert(group) }
                if let image = c.image, let repo = Self.repositoryName(ofImage: image) { keep.insert(repo) }
            }
        }
        for tg in inv.targetGroups where keep.contains(tg.arn) {
            tg.loadBalancerArns.forEach { keep.insert($0) }
            for l in inv.listeners where l.defaultActions.contains(where: { $0.targetGroupArn == tg.arn }) {
                keep.insert(l.loadBalancerArn)
            }
        }
        for l in inv.listeners where keep.contains(l.loadBalancerArn) { keep.insert(l.arn) }
        for l in inv.listeners where keep.contains(l.arn) {
            l.defaultActions.compactMap(\.targetGroupArn).forEach { keep.insert($0) }
        }
        for lb in inv.loadBalancers where keep.contains(lb.arn) {
            lb.securityGroups.forEach { keep.insert($0) }
            lb.availabilityZones.compactMap(\.subnetId).forEach { keep.insert($0) }
        }
        for db in inv.dbInstances where keep.contains(db.identifier) { db.vpcSecurityGroups.forEach { keep.insert($0) } }
        for cache in inv.cacheClusters where keep.contains(cache.id) { cache.securityGroups.forEach { keep.insert($0) } }
        for r in inv.roles where keep.contains(r.name) { keep.insert(r.arn) }
        for sn in inv.subnets where keep.contains(sn.id) { if let vpc = sn.vpcId { keep.insert(vpc) } }
        for nat in inv.natGateways where nat.vpcId.map(keep.contains) == true { keep.insert(nat.id) }
        for ep in inv.vpcEndpoints where ep.vpcId.map(keep.contains) == true { keep.insert(ep.id) }
    }

    /// `ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME[:tag|@digest]` → `NAME`.
    static func repositoryName(ofImage image: String) -> String? {
        guard let slash = image.firstIndex(of: "/"), image[..<slash].contains(".dkr.ecr.") else { return nil }
        var rest = String(image[image.index(after: slash)...])
        if let at = rest.firstIndex(of: "@") { rest = String(rest[..<at]) }
        if let colon = rest.lastIndex(of: ":") { rest = String(rest[..<colon]) }
        return rest
    }

    func result() -> Inventory {
        var out = inventory
        out.clusters = inventory.clusters.filter { keep.contains($0.arn) }
        out.services = inventory.services.filter { keep.contains($0.arn) }
        out.taskDefinitions = inventory.taskDefinitions.filter { keep.contains($0.arn) }
        out.tasks = inventory.tasks.filter { keep.contains($0.arn) }
        out.loadBalancers = inventory.loadBalancers.filter { keep.contains($0.arn) }
        out.listeners = inventory.listeners.filter { keep.contains($0.arn) }
        out.targetGroups = inventory.targetGroups.filter { keep.contains($0.arn) }
        out.securityGroups = inventory.securityGroups.filter { keep.contains($0.id) }
        out.subnets = inventory.subnets.filter { keep.contains($0.id) }
        out.vpcs = inventory.vpcs.filter { keep.contains($0.id) }
        out.natGateways = inventory.natGateways.filter { keep.contains($0.id) }
        out.vpcEndpoints = inventory.vpcEndpoints.filter { keep.contains($0.id) }
        out.dbInstances = inventory.dbInstances.filter { keep.contains($0.identifier) }
        out.cacheClusters = inventory.cacheClusters.filter { keep.contains($0.id) }
        out.repositories = inventory.repositories.filter { keep.contains($0.name) }
        out.logGroups = inventory.logGroups.filter { keep.contains($0.name) }
        out.roles = inventory.roles.filter { keep.contains($0.arn) }
        out.scope = Scope(tags: tagFilters.map { "\($0.key)=\($0.value)" }, clusters: clusterNames.sorted())
        return out
    }
}
