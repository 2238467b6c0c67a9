import Foundation
import Inventory

extension PlatformFixtures {
    /// The guide's environment, as its task definition writes it.
    static let guideEnvironment: [(String, String)] = [
        ("DEBUG", "False"),
        ("POSTGRES_USER", "hydrous"),
        ("POSTGRES_SERVER", "hydrous-db.xxxxxxxx.us-east-1.rds.amazonaws.com"),
        ("POSTGRES_PORT", "5432"),
        ("POSTGRES_DB", "hydrous_db"),
        ("REDIS_URL", "redis://hydrous-redis.xxxxxx.0001.use1.cache.amazonaws.com:6379/0"),
        ("MODEL", "gpt-4o-mini"),
    ]

    /// The guide's security groups: the ALB's (80 and 443 from the world),
    /// the tasks' (8000 from the ALB) and the one the database and the cache
    /// share (no ingress at all).
    static let guideSecurityGroups: [SecurityGroup] = [
        securityGroup(albSG, name: "hydrous-alb-sg", ingress: [tcp(80, cidrs: ["0.0.0.0/0"]), tcp(443, cidrs: ["0.0.0.0/0"])]),
        securityGroup(appSG, name: "hydrous-ecs-sg", ingress: [tcp(8000, from: [albSG])]),
        securityGroup(dataSG, name: "hydrous-data-sg"),
    ]

    /// The guide's whole deployment as the live source would read it, AWS
    /// defaults spelled out where the guide leaves a flag out.
    static let guide: Inventory = inventory { inv in
        inv.securityGroups = guideSecurityGroups
        inv.loadBalancers = [loadBalancer()]
        inv.listeners = [listener(protocol: "HTTP", port: 80)]
        inv.targetGroups = [targetGroup()]
        inv.services = [service()]
        inv.taskDefinitions = [taskDefinition(environment: guideEnvironment)]
        inv.dbInstances = [db()]
        inv.cacheClusters = [cache()]
        inv.repositories = [repository()]
        inv.logGroups = [logGroup()]
    }
}
