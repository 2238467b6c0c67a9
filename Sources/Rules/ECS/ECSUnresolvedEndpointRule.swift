import Foundation
import Inventory

/// `ecs_unresolved_endpoint`: an environment value names a placeholder host, or an RDS/ElastiCache endpoint no audited resource has.
public struct ECSUnresolvedEndpointRule: Rule {
    typealias F = ECSFixtures
    static let defaultPlaceholders = ["xxxx", "example", "changeme", "placeholder", "your-"]
    static let hostWords: Set<String> = ["HOST", "HOSTNAME", "SERVER", "ENDPOINT", "URL", "URI", "ADDR", "ADDRESS", "DSN"]

    /// Identity, documentation and examples.
    public static let description = RuleDescription(
        id: "ecs_unresolved_endpoint",
        title: "Environment names an endpoint that does not exist",
        severity: .high,
        rationale: """
            A host copied from documentation (`xxxxxxxx`, `example`, `<endpoint>`) or from another environment does not \
            resolve to the audited database or cache: the application cannot connect and the service never turns healthy.
            """,
        remediation: """
            Read the real endpoint (aws rds describe-db-instances --db-instance-identifier <DB> --query \
            'DBInstances[0].Endpoint.Address' --output text, or aws elasticache describe-cache-clusters --cache-cluster-id \
            <CACHE> --show-cache-node-info --query 'CacheClusters[0].CacheNodes[0].Endpoint.Address' --output text), put it \
            in the task definition and register the new revision.
            """,
        references: [],
        triggering: [
            RuleExample("the guide: xxxxxxxx hosts for the database and Redis", F.guide,
                        flagged: [F.taskDefinitionId, F.taskDefinitionId], details: ["POSTGRES_SERVER", "REDIS_URL"]),
            RuleExample("an RDS endpoint of another instance", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition([F.container(env: [("DB_HOST", "old-db.c9zz.us-east-1.rds.amazonaws.com")])])]
                inv.dbInstances = [F.database()]
            }, flagged: [F.taskDefinitionId], details: ["DB_HOST"]),
            RuleExample("an angle-bracket placeholder", F.withEnvironment([("API_ENDPOINT", "<api-endpoint>")]),
                        flagged: [F.taskDefinitionId], details: ["API_ENDPOINT"]),
        ],
        nonTriggering: [
            RuleExample("the audited endpoints", F.inventory { inv in
                inv.taskDefinitions = [F.taskDefinition([F.container(env: [
                    ("POSTGRES_SERVER", F.dbEndpoint), ("REDIS_URL", "rediss://\(F.cacheEndpoint):6379/0"),
                ])])]
                inv.dbInstances = [F.database()]
                inv.cacheClusters = [F.cache()]
            }),
            RuleExample("an RDS host when no database endpoint was audited (a lone task definition)",
                        F.withEnvironment([("POSTGRES_SERVER", F.dbEndpoint)])),
            RuleExample("ordinary hosts and values", F.withEnvironment([
                ("API_URL", "https://api.hydrous.io/v1"), ("MODEL", "gpt-4o-mini"), ("GREETING", "<b>hi</b> there"),
            ])),
        ],
        parameters: ["placeholders": .list(defaultPlaceholders)]
    )

    /// Creates the rule.
    public init() {}

    /// True when a word of variable `name` says it holds a host (`DB_HOST`, `API_URL`).
    static func namesHost(_ name: String) -> Bool {
        !hostWords.isDisjoint(with: NameWords.split(name))
    }

    /// One finding per variable whose host cannot be right.
    public func check(_ context: RuleContext) -> [Finding] {
        let placeholders = context.settings.list("placeholders", default: Self.defaultPlaceholders)
        var problems = EndpointProblems(matcher: EndpointMatcher(inventory: context.inventory), placeholders: placeholders)
        // A few names recur in every task definition: split each ASCII name once.
        var hostNames: [String: Bool] = [:]
        let (environment, verdicts, hosts) = (context.environment, context.environmentVerdicts, context.environmentHosts)
        return environment.indices.compactMap { index in
            let (entry, verdict) = (environment[index], verdicts[index])
            let value = FastText.trimmed(entry.value)
            // A secret that merely looks like a host name must not be echoed in a message.
            if !URLCredentials.looksLikeURL(value), verdict.isSecret { return nil }
            let namesHost: Bool
            if !FastText.isASCII(entry.name) {
                namesHost = Self.namesHost(entry.name)
            } else if let known = hostNames[entry.name] {
                namesHost = known
            } else {
                namesHost = Self.namesHost(entry.name)
                hostNames[entry.name] = namesHost
            }
            var host = hosts[index]
            if host == nil, namesHost, ValueFacts.angleBracketed.matches(value) { host = value }
            guard let host, let problem = problems.problem(with: host) else { return nil }
            return context.finding(
                ref: entry.ref, location: entry.location,
                message: "`\(entry.name)` in container `\(entry.containerName)` names host `\(host)`, which \(problem).",
                detail: entry.detail
            )
        }
    }
}
