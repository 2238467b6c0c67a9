import Foundation
import Inventory

/// Small builders for the platform rules' examples and tests: each returns a
/// resource shaped like the guide's deployment, which an example then bends
/// with a closure (`PlatformFixtures.db("hydrous-db") { $0.multiAZ = true }`).
enum PlatformFixtures {
    static let account = "882816896907"
    static let region = "us-east-1"
    static let vpcId = "vpc-0400da935e367fc88"
    static let albSG = "sg-0656c9b30db94ff8d"
    static let appSG = "sg-0f1371d35dec3c8e7"
    static let dataSG = "sg-0e9c31a4a958f802d"
    static let subnets = ["subnet-042d8410ae7404748", "subnet-06c22eefcb8d896e8"]
    static let clusterArn = "arn:aws:ecs:us-east-1:882816896907:cluster/hydrous-cluster"
    static let targetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:882816896907:targetgroup/hydrous-tg/5157a5bc2b9a3ba1"

    /// An inventory holding `build`'s resources.
    static func inventory(_ build: (inout Inventory) -> Void) -> Inventory {
        var inventory = Inventory(region: region, account: account)
        build(&inventory)
        return inventory
    }

    /// Applies `configure` to a copy of `value`.
    static func with<T>(_ value: T, _ configure: (inout T) -> Void) -> T {
        var copy = value
        configure(&copy)
        return copy
    }

    // MARK: Network

    /// A TCP ingress permission on `port` (or `port...to`) from CIDRs or source groups.
    static func tcp(
        _ port: Int, to: Int? = nil, cidrs: [String] = [], ipv6: [String] = [], from groups: [String] = []
    ) -> IPPermission {
        IPPermission(
            ipProtocol: "tcp", fromPort: port, toPort: to ?? port,
            ipv4Ranges: cidrs, ipv6Ranges: ipv6, sourceGroups: groups
        )
    }

    /// A security group in the guide's VPC.
    static func securityGroup(
        _ id: String, name: String? = nil, ingress: [IPPermission] = [], _ configure: (inout SecurityGroup) -> Void = { _ in }
    ) -> SecurityGroup {
        var group = SecurityGroup(id: id, name: name ?? id)
        group.vpcId = vpcId
        group.ingress = ingress
        group.egress = [IPPermission(ipProtocol: "-1", fromPort: nil, toPort: nil, ipv4Ranges: ["0.0.0.0/0"])]
        configure(&group)
        return group
    }

    // MARK: Load balancing

    /// The ARN of load balancer `name`.
    static func loadBalancerArn(_ name: String) -> String {
        "arn:aws:elasticloadbalancing:\(region):\(account):loadbalancer/app/\(name)/f3b89d4ca2680661"
    }

    /// An internet-facing application load balancer with AWS-default attributes spelled out.
    static func loadBalancer(
        _ name: String = "hydrous-alb", securityGroups: [String] = [albSG],
        _ configure: (inout LoadBalancer) -> Void = { _ in }
    ) -> LoadBalancer {
        var lb = LoadBalancer(arn: loadBalancerArn(name), name: name)
        lb.scheme = "internet-facing"
        lb.type = "application"
        lb.vpcId = vpcId
        lb.securityGroups = securityGroups
        lb.attributes = [
            "deletion_protection.enabled": "false",
            "access_logs.s3.enabled": "false",
            "routing.http.drop_invalid_header_fields.enabled": "false",
        ]
        configure(&lb)
        return lb
    }

    /// Attributes of a load balancer that follows ELB.4, ELB.5 and ELB.6.
    static let hardenedAttributes = [
        "deletion_protection.enabled": "true",
        "access_logs.s3.enabled": "true",
        "access_logs.s3.bucket": "hydrous-alb-logs",
        "routing.http.drop_invalid_header_fields.enabled": "true",
    ]

    /// A listener of load balancer `lb` on `port`.
    static func listener(
        _ lb: String = "hydrous-alb", protocol proto: String, port: Int, actions: [ListenerAction]? = nil,
        sslPolicy: String? = nil
    ) -> Listener {
        let lbArn = loadBalancerArn(lb)
        var listener = Listener(
            arn: "arn:aws:elasticloadbalancing:\(region):\(account):listener/app/\(lb)/f3b89d4ca2680661/\(port)0a1b2c3d",
            loadBalancerArn: lbArn
        )
        listener.protocol = proto
        listener.port = port
        listener.sslPolicy = sslPolicy ?? (proto == "HTTPS" ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : nil)
        if proto == "HTTPS" {
            listener.certificateArns = ["arn:aws:acm:\(region):\(account):certificate/0f0e0d0c-1111-2222-3333-444455556666"]
        }
        listener.defaultActions = actions ?? [forward]
        return listener
    }

    /// A forward action to the guide's target group.
    static let forward = ListenerAction(type: "forward", targetGroupArn: targetGroupArn)

    /// A permanent redirect to HTTPS on 443.
    static let redirectToHTTPS = ListenerAction(
        type: "redirect", redirect: RedirectConfig(protocol: "HTTPS", port: "443", statusCode: "HTTP_301")
    )

    /// A fixed response (a 404 page, a maintenance notice).
    static let fixedResponse = ListenerAction(type: "fixed-response")

    /// Rule `priority` of the HTTP:80 listener of `lb`, matching `conditions`.
    static func listenerRule(
        _ lb: String = "hydrous-alb", priority: Int, conditions: [String], actions: [ListenerAction]
    ) -> ListenerRule {
        ListenerRule(
            arn: "arn:aws:elasticloadbalancing:\(region):\(account):listener-rule/app/\(lb)/f3b89d4ca2680661/800a1b2c3d/\(priority)e5f6",
            priority: String(priority), conditions: conditions, actions: actions)
    }

    /// The guide's target group.
    static func targetGroup() -> TargetGroup {
        var group = TargetGroup(arn: targetGroupArn, name: "hydrous-tg")
        group.protocol = "HTTP"
        group.port = 8000
        group.vpcId = vpcId
        group.targetType = "ip"
        group.loadBalancerArns = [loadBalancerArn("hydrous-alb")]
        return group
    }

    // MARK: ECS

    /// A Fargate service in the guide's cluster using `securityGroups`.
    static func service(
        _ name: String = "hydrous-backend-service", taskDefinition: String = "hydrous-backend-task:1",
        securityGroups: [String] = [appSG], _ configure: (inout ECSService) -> Void = { _ in }
    ) -> ECSService {
        var service = ECSService(
            arn: "arn:aws:ecs:\(region):\(account):service/hydrous-cluster/\(name)", name: name, clusterArn: clusterArn
        )
        service.taskDefinition = taskDefinition
        service.desiredCount = 1
        service.launchType = "FARGATE"
        service.networkConfiguration = AwsVpcConfiguration(
            subnets: subnets, securityGroups: securityGroups, assignPublicIp: "ENABLED"
        )
        service.loadBalancers = [ServiceLoadBalancer(targetGroupArn: targetGroupArn, containerName: "hydrous-backend", containerPort: 8000)]
        configure(&service)
        return service
    }

    /// A task definition with one container listening on `port` with `environment`.
    static func taskDefinition(
        _ family: String = "hydrous-backend-task", revision: Int = 1, port: Int = 8000,
        environment: [(String, String)] = []
    ) -> TaskDefinition {
        var definition = TaskDefinition(
            arn: "arn:aws:ecs:\(region):\(account):task-definition/\(family):\(revision)", family: family, revision: revision
        )
        definition.networkMode = "awsvpc"
        definition.requiresCompatibilities = ["FARGATE"]
        let image = "\(account).dkr.ecr.\(region).amazonaws.com/hydrous-backend:latest"
        var container = ContainerDefinition(name: "hydrous-backend", image: image)
        container.portMappings = [PortMapping(containerPort: port, hostPort: port, protocol: "tcp")]
        container.environment = environment.map { NameValue(name: $0.0, value: $0.1) }
        definition.containers = [container]
        return definition
    }

    // MARK: Data stores

    /// A PostgreSQL instance as the guide creates it (AWS defaults spelled out).
    static func db(_ identifier: String = "hydrous-db", _ configure: (inout DBInstance) -> Void = { _ in }) -> DBInstance {
        var db = DBInstance(identifier: identifier, arn: "arn:aws:rds:\(region):\(account):db:\(identifier)")
        db.instanceClass = "db.t3.micro"
        db.engine = "postgres"
        db.allocatedStorage = 20
        db.storageEncrypted = false
        db.multiAZ = false
        db.publiclyAccessible = false
        db.deletionProtection = false
        db.backupRetentionPeriod = 7
        db.endpoint = Endpoint(address: "\(identifier).c9akciq32.\(region).rds.amazonaws.com", port: 5432)
        db.vpcSecurityGroups = [dataSG]
        configure(&db)
        return db
    }

    /// A single-node Redis cluster as the guide creates it (AWS defaults spelled out).
    static func cache(_ id: String = "hydrous-redis", _ configure: (inout CacheCluster) -> Void = { _ in }) -> CacheCluster {
        var cache = CacheCluster(id: id, arn: "arn:aws:elasticache:\(region):\(account):cluster:\(id)")
        cache.engine = "redis"
        cache.nodeType = "cache.t3.micro"
        cache.numNodes = 1
        cache.port = 6379
        cache.endpoints = [Endpoint(address: "\(id).abc123.0001.use1.cache.amazonaws.com", port: 6379)]
        cache.securityGroups = [dataSG]
        cache.transitEncryptionEnabled = false
        cache.atRestEncryptionEnabled = false
        cache.authTokenEnabled = false
        cache.snapshotRetentionLimit = 0
        configure(&cache)
        return cache
    }

    /// An ECR repository as the guide creates it.
    static func repository(_ name: String = "hydrous-backend", _ configure: (inout Repository) -> Void = { _ in }) -> Repository {
        var repository = Repository(name: name, arn: "arn:aws:ecr:\(region):\(account):repository/\(name)")
        repository.uri = "\(account).dkr.ecr.\(region).amazonaws.com/\(name)"
        repository.imageTagMutability = "MUTABLE"
        repository.scanOnPush = true
        repository.hasLifecyclePolicy = false
        configure(&repository)
        return repository
    }

    /// A log group; `retention` `nil` means never expire.
    static func logGroup(_ name: String = "/ecs/hydrous-backend", retention: Int? = nil) -> LogGroup {
        var group = LogGroup(name: name, arn: "arn:aws:logs:\(region):\(account):log-group:\(name)")
        group.retentionInDays = retention
        return group
    }

    /// A location in a reviewed file, for examples that came from files.
    static func fileLocation(_ line: Int, file: String = "docs/deploy.md") -> [String: SourceLocation] {
        [LocationKey.resource: SourceLocation(file: file, line: line)]
    }
}
