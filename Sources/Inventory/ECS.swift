import Foundation

/// An ECS cluster (`DescribeClusters` with SETTINGS and TAGS).
public struct ECSCluster: AuditedResource {
    public var arn: String
    public var name: String
    /// Cluster settings, e.g. `containerInsights` = `enabled|enhanced|disabled`.
    @Defaulted public var settings: [NameValue] = []
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a cluster.
    public init(arn: String, name: String) {
        self.arn = arn
        self.name = name
    }

    public var ref: ResourceRef { ResourceRef(type: "ecs:cluster", id: name, arn: arn, name: name) }

    /// The `containerInsights` setting, `nil` when not stated.
    public var containerInsights: String? {
        settings.first { $0.name == "containerInsights" }?.value
    }
}

/// `awsvpcConfiguration` of a service or task set.
public struct AwsVpcConfiguration: Codable, Sendable, Equatable {
    @Defaulted public var subnets: [String] = []
    @Defaulted public var securityGroups: [String] = []
    /// `ENABLED` or `DISABLED`; `nil` when not stated (AWS defaults to DISABLED).
    public var assignPublicIp: String?

    /// Creates a configuration.
    public init(subnets: [String] = [], securityGroups: [String] = [], assignPublicIp: String? = nil) {
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
    }
}

/// A service's binding to a target group.
public struct ServiceLoadBalancer: Codable, Sendable, Equatable {
    public var targetGroupArn: String?
    public var loadBalancerName: String?
    public var containerName: String?
    public var containerPort: Int?

    /// Creates a binding.
    public init(targetGroupArn: String?, containerName: String? = nil, containerPort: Int? = nil) {
        self.targetGroupArn = targetGroupArn
        self.containerName = containerName
        self.containerPort = containerPort
    }
}

/// An ECS service (`DescribeServices` with TAGS).
public struct ECSService: AuditedResource {
    public var arn: String
    public var name: String
    public var clusterArn: String
    /// The task definition ARN (or `family:revision` from a file).
    public var taskDefinition: String?
    public var desiredCount: Int?
    public var runningCount: Int?
    /// `FARGATE`, `EC2`, `EXTERNAL`; `nil` when a capacity provider strategy is used.
    public var launchType: String?
    public var platformVersion: String?
    public var networkConfiguration: AwsVpcConfiguration?
    @Defaulted public var loadBalancers: [ServiceLoadBalancer] = []
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a service.
    public init(arn: String, name: String, clusterArn: String) {
        self.arn = arn
        self.name = name
        self.clusterArn = clusterArn
    }

    public var ref: ResourceRef { ResourceRef(type: "ecs:service", id: name, arn: arn, name: name) }

    /// True when tasks get a public IP (`assignPublicIp=ENABLED`).
    public var assignsPublicIp: Bool {
        networkConfiguration?.assignPublicIp?.uppercased() == "ENABLED"
    }
}

/// A port mapping of a container.
public struct PortMapping: Codable, Sendable, Equatable {
    public var containerPort: Int?
    public var hostPort: Int?
    public var `protocol`: String?

    /// Creates a mapping.
    public init(containerPort: Int?, hostPort: Int? = nil, protocol: String? = nil) {
        self.containerPort = containerPort
        self.hostPort = hostPort
        self.protocol = `protocol`
    }
}

/// A container secret taken from Secrets Manager or SSM (`valueFrom`).
public struct ContainerSecret: Codable, Sendable, Equatable {
    public var name: String
    public var valueFrom: String

    /// Creates a secret reference.
    public init(name: String, valueFrom: String) {
        self.name = name
        self.valueFrom = valueFrom
    }
}

/// A container's log configuration.
public struct LogConfiguration: Codable, Sendable, Equatable {
    public var logDriver: String?
    @Defaulted public var options: [String: String] = [:]

    /// Creates a log configuration.
    public init(logDriver: String?, options: [String: String] = [:]) {
        self.logDriver = logDriver
        self.options = options
    }
}

/// A container health check.
public struct HealthCheck: Codable, Sendable, Equatable {
    @Defaulted public var command: [String] = []
    public var interval: Int?
    public var timeout: Int?
    public var retries: Int?
    public var startPeriod: Int?

    /// Creates a health check.
    public init(command: [String]) {
        self.command = command
    }
}

/// One container definition of a task definition.
public struct ContainerDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var image: String?
    public var essential: Bool?
    @Defaulted public var portMappings: [PortMapping] = []
    @Defaulted public var environment: [NameValue] = []
    @Defaulted public var secrets: [ContainerSecret] = []
    public var logConfiguration: LogConfiguration?
    public var healthCheck: HealthCheck?
    public var readonlyRootFilesystem: Bool?

    /// Creates a container.
    public init(name: String, image: String? = nil) {
        self.name = name
        self.image = image
    }
}

/// Task-level runtime platform.
public struct RuntimePlatform: Codable, Sendable, Equatable {
    /// `X86_64` or `ARM64`.
    public var cpuArchitecture: String?
    public var operatingSystemFamily: String?

    /// Creates a platform.
    public init(cpuArchitecture: String?, operatingSystemFamily: String? = nil) {
        self.cpuArchitecture = cpuArchitecture
        self.operatingSystemFamily = operatingSystemFamily
    }
}

/// An ECS task definition revision (`DescribeTaskDefinition` with TAGS).
public struct TaskDefinition: AuditedResource {
    public var arn: String
    public var family: String
    public var revision: Int
    /// `ACTIVE` or `INACTIVE`.
    public var status: String?
    public var taskRoleArn: String?
    public var executionRoleArn: String?
    public var networkMode: String?
    @Defaulted public var requiresCompatibilities: [String] = []
    /// CPU units as a string (`"256"` = 0.25 vCPU).
    public var cpu: String?
    /// Memory in MiB as a string (`"512"`).
    public var memory: String?
    public var runtimePlatform: RuntimePlatform?
    /// Ephemeral storage in GiB (Fargate default 20).
    public var ephemeralStorageGiB: Int?
    @Defaulted public var containers: [ContainerDefinition] = []
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a task definition.
    public init(arn: String, family: String, revision: Int) {
        self.arn = arn
        self.family = family
        self.revision = revision
    }

    /// `family:revision`.
    public var familyRevision: String { "\(family):\(revision)" }

    public var ref: ResourceRef {
        ResourceRef(type: "ecs:task-definition", id: familyRevision, arn: arn, name: family)
    }

    /// True when `reference` (an ARN, `family:revision` or bare family) names this revision.
    public func matches(_ reference: String) -> Bool {
        reference == arn || reference == familyRevision || arnSuffix(reference) == familyRevision
    }
}

/// A running (or stopped) task, with the public IP of its ENI when observed.
public struct ECSTask: AuditedResource {
    public var arn: String
    public var clusterArn: String
    public var taskDefinitionArn: String?
    /// `service:NAME` for tasks started by a service.
    public var group: String?
    public var lastStatus: String?
    public var networkInterfaceId: String?
    public var privateIPv4: String?
    public var publicIPv4: String?
    @Defaulted public var tags: Tags = [:]
    @Defaulted public var locations: [String: SourceLocation] = [:]

    /// Creates a task.
    public init(arn: String, clusterArn: String) {
        self.arn = arn
        self.clusterArn = clusterArn
    }

    public var ref: ResourceRef { ResourceRef(type: "ecs:task", id: arnSuffix(arn), arn: arn) }

    /// The service name from `group`, if a service started the task.
    public var serviceName: String? {
        guard let group, group.hasPrefix("service:") else { return nil }
        return String(group.dropFirst("service:".count))
    }
}
