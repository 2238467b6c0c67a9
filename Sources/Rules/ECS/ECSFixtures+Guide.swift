import Foundation
import Inventory

extension ECSFixtures {
    /// The environment of the guide's task definition (section 10), verbatim.
    static let guideEnvironment: [(String, String?)] = [
        ("DEBUG", "False"),
        ("POSTGRES_USER", "hydrous"),
        ("POSTGRES_PASSWORD", "example_db_pw_41k"),
        ("POSTGRES_SERVER", "hydrous-db.xxxxxxxx.us-east-1.rds.amazonaws.com"),
        ("POSTGRES_PORT", "5432"),
        ("POSTGRES_DB", "hydrous_db"),
        ("REDIS_URL", "redis://:example_redis_pw_7q@hydrous-redis.xxxxxx.0001.use1.cache.amazonaws.com:6379/0"),
        ("JWT_SECRET_KEY", "examplejwtsigningkey48213"),
        ("MODEL", "gpt-4o-mini"),
    ]

    /// The guide's task definition (section 10): one role for both, `:latest`, writable root.
    static let guideTaskDefinition: TaskDefinition = taskDefinition([
        container(env: guideEnvironment) { c in
            c.image = repository + ":latest"
            c.readonlyRootFilesystem = nil
            c.logConfiguration = LogConfiguration(logDriver: "awslogs", options: [
                "awslogs-group": "/ecs/hydrous-backend", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs",
            ])
        },
    ]) { def in
        def.taskRoleArn = executionRoleArn
    }

    /// The guide's deployment as the ECS rules see it: the task definition,
    /// one public task behind the load balancer, a cluster without Container
    /// Insights, the execution role, the database and the cache.
    static let guide: Inventory = inventory { inv in
        inv.clusters = [cluster(insights: nil)]
        inv.taskDefinitions = [guideTaskDefinition]
        inv.services = [service { s in
            s.desiredCount = 1
            s.runningCount = 1
            s.networkConfiguration?.assignPublicIp = "ENABLED"
        }]
        inv.tasks = [task("0a1b2c3d4e5f", publicIP: "54.210.10.20")]
        inv.roles = [role(executionRoleArn, policies: [executionPolicy])]
        inv.dbInstances = [database()]
        inv.cacheClusters = [cache()]
    }
}
