import Foundation
import Inventory
import Pricing
import XCTest

/// Paths and inventories the pricing tests share.
enum Fixtures {
    /// Rule ids for random findings in the fix-delta tests (rules with a delta, and one no rule has).
    static let fixDeltaRules = [
        "ecs_plaintext_secret_env", "rds_unmanaged_master_password", "ecs_public_ip_on_task", "rds_single_az",
        "ecs_single_task", "logs_no_retention", "cache_backups_off", "rds_storage_unencrypted", "ecs_other",
    ]

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `pricing/us-east-1.json` of this checkout.
    static var priceTablePath: String { packageRoot.appendingPathComponent("pricing/us-east-1.json").path }

    /// The shipped price table.
    static func prices() throws -> PriceTable { try PriceTable.load(path: priceTablePath) }

    /// A model over the shipped table with default usage.
    static func model(usage: Usage = .defaults) throws -> CostModel { CostModel(prices: try prices(), usage: usage) }

    static let account = "882816896907"
    static let clusterArn = "arn:aws:ecs:us-east-1:\(account):cluster/hydrous-cluster"
    static let albArn = "arn:aws:elasticloadbalancing:us-east-1:\(account):loadbalancer/app/hydrous-alb/50dc6c495c0c9188"

    /// The guide's deployment: db.t3.micro PostgreSQL Single-AZ 20 GB gp2,
    /// cache.t3.micro × 1, Fargate 256/512 × 1 x86 with a public IP,
    /// internet-facing ALB in 2 AZs, three secrets in plain environment variables.
    static func guideInventory() -> Inventory {
        var inventory = Inventory(region: "us-east-1", account: account)
        var db = DBInstance(identifier: "hydrous-db", arn: "arn:aws:rds:us-east-1:\(account):db:hydrous-db")
        db.instanceClass = "db.t3.micro"
        db.engine = "postgres"
        db.allocatedStorage = 20
        db.storageType = "gp2"
        db.multiAZ = false
        inventory.dbInstances = [db]

        var cache = CacheCluster(id: "hydrous-redis")
        cache.engine = "redis"
        cache.nodeType = "cache.t3.micro"
        cache.numNodes = 1
        inventory.cacheClusters = [cache]

        inventory.clusters = [ECSCluster(arn: clusterArn, name: "hydrous-cluster")]
        var definition = TaskDefinition(
            arn: "arn:aws:ecs:us-east-1:\(account):task-definition/hydrous-backend-task:1", family: "hydrous-backend-task", revision: 1)
        definition.cpu = "256"
        definition.memory = "512"
        definition.requiresCompatibilities = ["FARGATE"]
        var container = ContainerDefinition(name: "hydrous-backend", image: "\(account).dkr.ecr.us-east-1.amazonaws.com/hydrous-backend:latest")
        container.environment = [
            NameValue(name: "POSTGRES_PASSWORD", value: "hydrous_password"),
            NameValue(name: "JWT_SECRET_KEY", value: "temporalsecretkey123456789"),
        ]
        definition.containers = [container]
        inventory.taskDefinitions = [definition]

        var service = ECSService(
            arn: "arn:aws:ecs:us-east-1:\(account):service/hydrous-cluster/hydrous-backend-service",
            name: "hydrous-backend-service", clusterArn: clusterArn)
        service.taskDefinition = "hydrous-backend-task:1"
        service.desiredCount = 1
        service.launchType = "FARGATE"
        service.networkConfiguration = AwsVpcConfiguration(
            subnets: ["subnet-042d8410ae7404748", "subnet-06c22eefcb8d896e8"], securityGroups: ["sg-0f1371d35dec3c8e7"],
            assignPublicIp: "ENABLED")
        inventory.services = [service]

        var alb = LoadBalancer(arn: albArn, name: "hydrous-alb")
        alb.scheme = "internet-facing"
        alb.type = "application"
        alb.availabilityZones = [
            AvailabilityZone(zoneName: "us-east-1a", subnetId: "subnet-042d8410ae7404748"),
            AvailabilityZone(zoneName: "us-east-1b", subnetId: "subnet-06c22eefcb8d896e8"),
        ]
        inventory.loadBalancers = [alb]
        var subnetA = Subnet(id: "subnet-042d8410ae7404748")
        subnetA.availabilityZone = "us-east-1a"
        var subnetB = Subnet(id: "subnet-06c22eefcb8d896e8")
        subnetB.availabilityZone = "us-east-1b"
        inventory.subnets = [subnetA, subnetB]
        return inventory
    }

    /// The guide's deployment hardened: db.t4g.micro Multi-AZ gp3 with an
    /// RDS-managed secret, cache.t4g.micro, ARM Fargate × 2 in private subnets
    /// with three Secrets Manager secrets (and one SSM parameter), interface
    /// endpoints for ECR api/dkr, Logs and Secrets Manager, a log group with
    /// retention and an ECR repository.
    static func hardenedInventory() -> Inventory {
        var inventory = guideInventory()
        let secretPrefix = "arn:aws:secretsmanager:us-east-1:\(account):secret:"
        inventory.dbInstances[0].instanceClass = "db.t4g.micro"
        inventory.dbInstances[0].multiAZ = true
        inventory.dbInstances[0].storageType = "gp3"
        inventory.dbInstances[0].masterUserSecretArn = secretPrefix + "rds!db-3f1c2a9e-AbCdEf"
        inventory.cacheClusters[0].nodeType = "cache.t4g.micro"
        inventory.taskDefinitions[0].runtimePlatform = RuntimePlatform(cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX")
        inventory.taskDefinitions[0].containers[0].environment = [NameValue(name: "DEBUG", value: "False")]
        inventory.taskDefinitions[0].containers[0].secrets = [
            ContainerSecret(name: "POSTGRES_PASSWORD", valueFrom: secretPrefix + "hydrous/postgres-a1B2c3"),
            ContainerSecret(name: "POSTGRES_USER", valueFrom: secretPrefix + "hydrous/postgres-a1B2c3:username::"),
            ContainerSecret(name: "REDIS_URL", valueFrom: secretPrefix + "hydrous/redis-d4E5f6"),
            ContainerSecret(name: "JWT_SECRET_KEY", valueFrom: secretPrefix + "hydrous/jwt-g7H8i9"),
            ContainerSecret(name: "MODEL", valueFrom: "arn:aws:ssm:us-east-1:\(account):parameter/hydrous/model"),
        ]
        inventory.services[0].desiredCount = 2
        inventory.services[0].networkConfiguration?.assignPublicIp = "DISABLED"
        inventory.vpcEndpoints = ["ecr.api", "ecr.dkr", "logs", "secretsmanager"].enumerated().map { index, name in
            var endpoint = VPCEndpoint(id: "vpce-0\(index)")
            endpoint.endpointType = "Interface"
            endpoint.serviceName = "com.amazonaws.us-east-1.\(name)"
            endpoint.subnetIds = ["subnet-042d8410ae7404748", "subnet-06c22eefcb8d896e8"]
            return endpoint
        }
        var gateway = VPCEndpoint(id: "vpce-s3")
        gateway.endpointType = "Gateway"
        gateway.serviceName = "com.amazonaws.us-east-1.s3"
        inventory.vpcEndpoints.append(gateway)
        var logs = LogGroup(name: "/ecs/hydrous-backend")
        logs.retentionInDays = 30
        logs.storedBytes = 2 * 1_073_741_824
        inventory.logGroups = [logs]
        var repository = Repository(name: "hydrous-backend")
        repository.images = [
            ContainerImage(digest: "sha256:aa", tags: ["1.0.0"], sizeBytes: 536_870_912),
            ContainerImage(digest: "sha256:bb", tags: ["1.0.1"], sizeBytes: 536_870_912),
        ]
        inventory.repositories = [repository]
        return inventory
    }
}

/// The one line of `lines` for `component`, `resource` whose item starts with `item`.
func line(_ lines: [CostLine], _ component: String, _ item: String, file: StaticString = #filePath, line: UInt = #line) throws -> CostLine {
    let matched = lines.filter { $0.component == component && $0.item.hasPrefix(item) }
    XCTAssertEqual(matched.count, 1, "lines for \(component) '\(item)': \(matched.map(\.item))", file: file, line: line)
    return try XCTUnwrap(matched.first, file: file, line: line)
}

/// The row labelled `label`.
func row(_ report: CostReport, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws -> CostRow {
    try XCTUnwrap(report.rows.first { $0.label == label }, "no row \(label) in \(report.rows.map(\.label))", file: file, line: line)
}
