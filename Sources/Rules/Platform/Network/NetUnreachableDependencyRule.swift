import Foundation
import Inventory

/// `net_unreachable_dependency`: a service's tasks cannot reach a database or cache it uses.
public struct NetUnreachableDependencyRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "net_unreachable_dependency",
        title: "Service cannot reach its database or cache",
        severity: .high,
        rationale: """
            The database's or cache's security groups must let the service's security group in on the data \
            store's port; otherwise every connection times out and the application fails at start or on first \
            use, however correct its configuration. A dependency is a database or cache whose endpoint or \
            identifier appears in the task definition's environment (or the only one of its kind when the \
            environment names a placeholder host). Only source-group rules and IPv4 ranges covering the \
            service's subnets count as admitting; egress is assumed open. The rule stays silent when a fact is \
            missing (an unknown group or subnet).
            """,
        remediation: """
            Admit the service's group on the store's port, e.g. \
            `aws ec2 authorize-security-group-ingress --group-id <DB_SG_ID> --protocol tcp --port 5432 \
            --source-group <APP_SG_ID>` \
            and for Redis `aws ec2 authorize-security-group-ingress --group-id <CACHE_SG_ID> --protocol tcp --port \
            6379 --source-group <APP_SG_ID>`.
            """,
        references: [],
        triggering: [
            RuleExample(
                "the guide: the shared data group admits nothing", PlatformFixtures.guide,
                flagged: ["hydrous-db", "hydrous-redis"]
            ),
            RuleExample("the database admits the app on the wrong port", PlatformFixtures.inventory { inv in
                inv.securityGroups = [
                    PlatformFixtures.securityGroup(PlatformFixtures.appSG),
                    PlatformFixtures.securityGroup("sg-0db", ingress: [PlatformFixtures.tcp(3306, from: [PlatformFixtures.appSG])]),
                ]
                inv.services = [PlatformFixtures.service()]
                inv.taskDefinitions = [PlatformFixtures.taskDefinition(environment: [
                    ("DATABASE_URL", "postgresql://hydrous-db.c9akciq32.us-east-1.rds.amazonaws.com:5432/app"),
                ])]
                inv.dbInstances = [PlatformFixtures.db { $0.vpcSecurityGroups = ["sg-0db"] }]
            }, flagged: ["hydrous-db"]),
        ],
        nonTriggering: [
            RuleExample("the data groups admit the app's group", PlatformFixtures.with(PlatformFixtures.guide) { inv in
                inv.securityGroups[2].ingress = [
                    PlatformFixtures.tcp(5432, from: [PlatformFixtures.appSG]),
                    PlatformFixtures.tcp(6379, from: [PlatformFixtures.appSG]),
                ]
            }),
            RuleExample("the data group is unknown: cannot tell", PlatformFixtures.with(PlatformFixtures.guide) { inv in
                inv.securityGroups.removeAll { $0.id == PlatformFixtures.dataSG }
            }),
            RuleExample("the environment names no data store", PlatformFixtures.with(PlatformFixtures.guide) { inv in
                inv.taskDefinitions = [PlatformFixtures.taskDefinition(environment: [("MODEL", "gpt-4o-mini")])]
            }),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// One finding per (database or cache, service) pair the security groups keep apart.
    public func check(_ context: RuleContext) -> [Finding] {
        let inventory = context.inventory
        var findings: [Finding] = []
        let definitions = context.taskDefinitions
        for service in inventory.services {
            let sources = service.networkConfiguration?.securityGroups ?? []
            let subnets = service.networkConfiguration?.subnets ?? []
            let dependencies = ServiceDependencies(of: service, in: inventory, definitions: definitions)
            for db in dependencies.databases {
                let port = db.effectivePort
                let verdict = Reachability.evaluate(from: sources, subnets: subnets, to: db.vpcSecurityGroups, port: port, in: inventory)
                guard verdict == .denied else { continue }
                findings.append(finding(
                    context, db, kind: "database", service: service, sources: sources, targets: db.vpcSecurityGroups, port: port,
                    field: "vpcSecurityGroups"
                ))
            }
            for cache in dependencies.caches {
                let port = cache.effectivePort
                let verdict = Reachability.evaluate(from: sources, subnets: subnets, to: cache.securityGroups, port: port, in: inventory)
                guard verdict == .denied else { continue }
                findings.append(finding(
                    context, cache, kind: "cache", service: service, sources: sources, targets: cache.securityGroups, port: port,
                    field: "securityGroups"
                ))
            }
        }
        return findings
    }

    private func finding<R: AuditedResource>(
        _ context: RuleContext, _ store: R, kind: String, service: ECSService, sources: [String], targets: [String], port: Int,
        field: String
    ) -> Finding {
        context.finding(
            store,
            message: "The service \(service.name) (\(sources.joined(separator: ", "))) cannot reach the \(kind) "
                + "\(store.ref.id) on port \(port): its security group\(targets.count == 1 ? "" : "s") "
                + "\(targets.joined(separator: ", ")) admit\(targets.count == 1 ? "s" : "") no traffic from the service.",
            detail: service.name,
            field: field
        )
    }
}
