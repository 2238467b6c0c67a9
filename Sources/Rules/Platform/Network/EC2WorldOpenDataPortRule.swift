import Foundation
import Inventory

/// `ec2_world_open_data_port`: the internet may reach a database, cache or app port.
public struct EC2WorldOpenDataPortRule: Rule {
    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ec2_world_open_data_port",
        title: "Security group opens a data or app port to the internet",
        severity: .critical,
        rationale: """
            A database, cache or search port reachable from 0.0.0.0/0 or ::/0 is scanned within minutes and \
            brute-forced or exploited (Redis without AUTH hands out its data and often the host). The app's \
            own port open to the world bypasses the load balancer and everything in front of it. Only the \
            load balancer's 80/443 belong on the internet.
            """,
        remediation: """
            Replace the world-open rule with one that names the tier in front: \
            `aws ec2 revoke-security-group-ingress --group-id <SG_ID> --protocol tcp --port <PORT> --cidr 0.0.0.0/0` \
            then `aws ec2 authorize-security-group-ingress --group-id <SG_ID> --protocol tcp --port <PORT> \
            --source-group <CLIENT_SG_ID>`.
            """,
        references: [
            "EC2.19", "prowler ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432",
            "prowler ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379",
        ],
        triggering: [
            RuleExample("PostgreSQL open to 0.0.0.0/0", PlatformFixtures.inventory { inv in
                inv.securityGroups = [
                    PlatformFixtures.securityGroup(PlatformFixtures.dataSG, ingress: [PlatformFixtures.tcp(5432, cidrs: ["0.0.0.0/0"])]),
                ]
            }, flagged: [PlatformFixtures.dataSG]),
            RuleExample("Redis open to ::/0", PlatformFixtures.inventory { inv in
                inv.securityGroups = [
                    PlatformFixtures.securityGroup(PlatformFixtures.dataSG, ingress: [PlatformFixtures.tcp(6379, ipv6: ["::/0"])]),
                ]
            }, flagged: [PlatformFixtures.dataSG]),
            RuleExample("the app's container port open to the world", PlatformFixtures.with(PlatformFixtures.guide) { inv in
                inv.securityGroups[1].ingress.append(PlatformFixtures.tcp(8000, cidrs: ["0.0.0.0/0"]))
            }, flagged: [PlatformFixtures.appSG]),
        ],
        nonTriggering: [
            RuleExample("the guide: only the ALB's 80/443 are world-open", PlatformFixtures.guide),
            RuleExample("PostgreSQL open to the VPC only", PlatformFixtures.inventory { inv in
                inv.securityGroups = [
                    PlatformFixtures.securityGroup(PlatformFixtures.dataSG, ingress: [PlatformFixtures.tcp(5432, cidrs: ["10.0.0.0/16"])]),
                ]
            }),
            RuleExample("port 8000 world-open on a group no app uses", PlatformFixtures.inventory { inv in
                inv.securityGroups = [
                    PlatformFixtures.securityGroup("sg-0other", ingress: [PlatformFixtures.tcp(8000, cidrs: ["0.0.0.0/0"])]),
                ]
            }),
        ]
    )

    /// Ports of databases, caches and search engines, with their usual names.
    static let dataPorts: [Int: String] = [
        1433: "SQL Server", 1521: "Oracle", 2379: "etcd", 3306: "MySQL", 5432: "PostgreSQL", 5439: "Redshift",
        5984: "CouchDB", 6379: "Redis", 7000: "Cassandra", 9042: "Cassandra", 9200: "Elasticsearch",
        9300: "Elasticsearch", 11211: "Memcached", 27017: "MongoDB",
    ]

    /// Creates the rule.
    public init() {}

    /// One finding per group, listing every sensitive port the internet may reach:
    /// the data ports above (rule parameter `ports` replaces the list), the ports
    /// of databases and caches using the group, and the container ports of
    /// services using it.
    public func check(_ context: RuleContext) -> [Finding] {
        let inventory = context.inventory
        let configured = context.settings.list("ports", default: []).compactMap { Int($0) }
        let basePorts = configured.isEmpty ? Array(Self.dataPorts.keys) : configured
        let appPorts = Self.appPorts(inventory, definitions: context.taskDefinitions)
        var storePorts: [String: Set<Int>] = [:]
        for db in inventory.dbInstances { db.vpcSecurityGroups.forEach { storePorts[$0, default: []].insert(db.effectivePort) } }
        for cache in inventory.cacheClusters { cache.securityGroups.forEach { storePorts[$0, default: []].insert(cache.effectivePort) } }

        return inventory.securityGroups.compactMap { group in
            let candidates = Set(basePorts).union(appPorts[group.id] ?? []).union(storePorts[group.id] ?? [])
            var exposed: [Int: Set<String>] = [:]
            var firstIndex: Int?
            for (index, permission) in group.ingress.enumerated() where permission.isWorldOpen {
                let sources = (permission.ipv4Ranges + permission.ipv6Ranges).filter { $0 == "0.0.0.0/0" || $0 == "::/0" }
                for port in candidates where permission.covers(port: port) {
                    exposed[port, default: []].formUnion(sources)
                    firstIndex = firstIndex ?? index
                }
            }
            guard !exposed.isEmpty else { return nil }
            let phrases = exposed.keys.sorted().map { port in
                let name = Self.dataPorts[port] ?? (appPorts[group.id]?.contains(port) == true ? "app" : "data store")
                return "\(port) (\(name)) from \(exposed[port, default: []].sorted().joined(separator: " and "))"
            }
            return context.finding(
                group,
                message: "\(group.id)\(group.name.map { " (\($0))" } ?? "") lets the internet reach \(englishList(phrases)).",
                field: firstIndex.map { "ingress.\($0)" }
            )
        }
    }

    /// Security group id to the container ports of the services using it.
    static func appPorts(_ inventory: Inventory, definitions: TaskDefinitionIndex) -> [String: Set<Int>] {
        var ports: [String: Set<Int>] = [:]
        for service in inventory.services {
            var servicePorts = Set(service.loadBalancers.compactMap(\.containerPort))
            if let reference = service.taskDefinition, let definition = definitions.taskDefinition(reference) {
                for container in definition.containers {
                    servicePorts.formUnion(container.portMappings.compactMap(\.containerPort))
                }
            }
            for group in service.networkConfiguration?.securityGroups ?? [] {
                ports[group, default: []].formUnion(servicePorts)
            }
        }
        return ports
    }
}
