import Foundation
import Inventory

/// Small inventories for the ECS, IAM and secret rules' examples: every
/// builder starts hardened (distinct roles, pinned image, read-only root,
/// two tasks, private IPs, Container Insights on) so an example changes
/// only what it shows.
enum ECSFixtures {
    static let account = "882816896907"
    static let clusterArn = "arn:aws:ecs:us-east-1:882816896907:cluster/hydrous-cluster"
    static let serviceArn = "arn:aws:ecs:us-east-1:882816896907:service/hydrous-cluster/hydrous-backend-service"
    static let executionRoleArn = "arn:aws:iam::882816896907:role/ecsTaskExecutionRole"
    static let taskRoleArn = "arn:aws:iam::882816896907:role/hydrous-task-role"
    static let executionPolicy = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    static let targetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:882816896907:targetgroup/hydrous-tg/5157a5bc2b9a3ba1"
    static let repository = "882816896907.dkr.ecr.us-east-1.amazonaws.com/hydrous-backend"
    static let dbEndpoint = "hydrous-db.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com"
    static let cacheEndpoint = "hydrous-redis.ab12cd.0001.use1.cache.amazonaws.com"
    /// The id findings on the default task definition carry.
    static let taskDefinitionId = "hydrous-backend-task:1"

    /// An inventory built by `build`.
    static func inventory(_ build: (inout Inventory) -> Void) -> Inventory {
        var inventory = Inventory(region: "us-east-1", account: account)
        build(&inventory)
        return inventory
    }

    /// A container with `environment` pairs, hardened otherwise.
    static func container(
        _ name: String = "hydrous-backend", env: [(String, String?)] = [], _ edit: (inout ContainerDefinition) -> Void = { _ in }
    ) -> ContainerDefinition {
        var container = ContainerDefinition(name: name, image: repository + ":1.4.2")
        container.essential = true
        container.readonlyRootFilesystem = true
        container.portMappings = [PortMapping(containerPort: 8000, hostPort: 8000, protocol: "tcp")]
        container.environment = env.map { NameValue(name: $0.0, value: $0.1) }
        edit(&container)
        return container
    }

    /// The `hydrous-backend-task:1` task definition with `containers`, hardened otherwise.
    static func taskDefinition(
        _ containers: [ContainerDefinition] = [container()], _ edit: (inout TaskDefinition) -> Void = { _ in }
    ) -> TaskDefinition {
        var definition = TaskDefinition(
            arn: "arn:aws:ecs:us-east-1:882816896907:task-definition/hydrous-backend-task:1",
            family: "hydrous-backend-task", revision: 1
        )
        definition.status = "ACTIVE"
        definition.executionRoleArn = executionRoleArn
        definition.taskRoleArn = taskRoleArn
        definition.networkMode = "awsvpc"
        definition.requiresCompatibilities = ["FARGATE"]
        definition.cpu = "256"
        definition.memory = "512"
        definition.containers = containers
        edit(&definition)
        return definition
    }

    /// An inventory holding one task definition whose container has `env`.
    static func withEnvironment(_ env: [(String, String?)], secrets: [String] = []) -> Inventory {
        inventory { inv in
            inv.taskDefinitions = [taskDefinition([container(env: env) { c in
                c.secrets = secrets.map { ContainerSecret(name: $0, valueFrom: "arn:aws:secretsmanager:us-east-1:882816896907:secret:\($0)") }
            }])]
        }
    }

    /// The `hydrous-backend-service`, behind the target group with two private tasks.
    static func service(_ edit: (inout ECSService) -> Void = { _ in }) -> ECSService {
        var service = ECSService(arn: serviceArn, name: "hydrous-backend-service", clusterArn: clusterArn)
        service.taskDefinition = "hydrous-backend-task:1"
        service.desiredCount = 2
        service.runningCount = 2
        service.launchType = "FARGATE"
        service.networkConfiguration = AwsVpcConfiguration(
            subnets: ["subnet-042d8410ae7404748", "subnet-06c22eefcb8d896e8"], securityGroups: ["sg-0f1371d35dec3c8e7"],
            assignPublicIp: "DISABLED"
        )
        service.loadBalancers = [ServiceLoadBalancer(targetGroupArn: targetGroupArn, containerName: "hydrous-backend", containerPort: 8000)]
        edit(&service)
        return service
    }

    /// A running task of the service (or of none when `group` is nil).
    static func task(_ id: String, group: String? = "service:hydrous-backend-service", publicIP: String? = nil) -> ECSTask {
        var task = ECSTask(arn: "arn:aws:ecs:us-east-1:882816896907:task/hydrous-cluster/\(id)", clusterArn: clusterArn)
        task.group = group
        task.lastStatus = "RUNNING"
        task.taskDefinitionArn = taskDefinition().arn
        task.privateIPv4 = "10.0.1.25"
        task.publicIPv4 = publicIP
        return task
    }

    /// The `hydrous-cluster` with Container Insights set to `insights` (`nil`: not stated).
    static func cluster(insights: String? = "enabled") -> ECSCluster {
        var cluster = ECSCluster(arn: clusterArn, name: "hydrous-cluster")
        if let insights { cluster.settings = [NameValue(name: "containerInsights", value: insights)] }
        return cluster
    }

    /// An IAM role with `policies` attached.
    static func role(_ arn: String, policies: [String] = []) -> IAMRole {
        var role = IAMRole(name: arnSuffix(arn), arn: arn)
        role.attachedPolicyArns = policies
        return role
    }

    /// The `hydrous-db` PostgreSQL instance, with its endpoint unless `endpoint` is nil.
    static func database(endpoint: String? = dbEndpoint) -> DBInstance {
        var db = DBInstance(identifier: "hydrous-db", arn: "arn:aws:rds:us-east-1:882816896907:db:hydrous-db")
        db.engine = "postgres"
        db.endpoint = endpoint.map { Endpoint(address: $0, port: 5432) }
        return db
    }

    /// The `hydrous-redis` cache cluster, with its node endpoint unless `endpoint` is nil.
    static func cache(endpoint: String? = cacheEndpoint) -> CacheCluster {
        var cache = CacheCluster(id: "hydrous-redis", arn: "arn:aws:elasticache:us-east-1:882816896907:cluster:hydrous-redis")
        cache.engine = "redis"
        cache.endpoints = endpoint.map { [Endpoint(address: $0, port: 6379)] } ?? []
        return cache
    }

    /// A value written in a reviewed file.
    static func fileValue(_ key: String, _ value: String, kind: FileValue.Kind = .cliArgument, line: Int = 87) -> FileValue {
        FileValue(file: "docs/deploy.md", line: line, key: key, value: value, kind: kind)
    }
}
