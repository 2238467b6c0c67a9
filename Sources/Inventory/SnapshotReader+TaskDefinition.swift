import Foundation

// Hand-written snapshot readers for a task definition and its containers,
// with the rules of `SnapshotReader+Service.swift`.

extension PortMapping {
    private enum Field: String, CaseIterable { case containerPort, hostPort, `protocol` }
    private static let fields = SnapshotFields<Field>()

    /// Reads a port mapping from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        self.init(containerPort: nil)
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .containerPort: containerPort = try reader.readOptionalInt()
            case .hostPort: hostPort = try reader.readOptionalInt()
            case .protocol: self.protocol = try reader.readOptionalString()
            }
        }
    }
}

extension ContainerSecret {
    private enum Field: String, CaseIterable { case name, valueFrom }
    private static let fields = SnapshotFields<Field>()

    /// Reads a secret reference from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        var name: String?
        var valueFrom: String?
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .name: name = try reader.readString()
            case .valueFrom: valueFrom = try reader.readString()
            }
        }
        guard let name, let valueFrom else { throw SnapshotFastPathDeclined() }
        self.init(name: name, valueFrom: valueFrom)
    }
}

extension LogConfiguration {
    private enum Field: String, CaseIterable { case logDriver, options }
    private static let fields = SnapshotFields<Field>()

    /// Reads a log configuration from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        self.init(logDriver: nil)
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .logDriver: logDriver = try reader.readOptionalString()
            case .options: options = try reader.readStringMap()
            }
        }
    }
}

extension HealthCheck {
    private enum Field: String, CaseIterable { case command, interval, timeout, retries, startPeriod }
    private static let fields = SnapshotFields<Field>()

    /// Reads a health check from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        self.init(command: [])
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .command: command = try reader.readStrings()
            case .interval: interval = try reader.readOptionalInt()
            case .timeout: timeout = try reader.readOptionalInt()
            case .retries: retries = try reader.readOptionalInt()
            case .startPeriod: startPeriod = try reader.readOptionalInt()
            }
        }
    }
}

extension RuntimePlatform {
    private enum Field: String, CaseIterable { case cpuArchitecture, operatingSystemFamily }
    private static let fields = SnapshotFields<Field>()

    /// Reads a runtime platform from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        self.init(cpuArchitecture: nil)
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .cpuArchitecture: cpuArchitecture = try reader.readOptionalString()
            case .operatingSystemFamily: operatingSystemFamily = try reader.readOptionalString()
            }
        }
    }
}

extension ContainerDefinition {
    private enum Field: String, CaseIterable {
        case name, image, essential, portMappings, environment, secrets, logConfiguration, healthCheck, readonlyRootFilesystem
    }
    private static let fields = SnapshotFields<Field>()

    /// Reads a container definition from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        var name: String?
        var container = ContainerDefinition(name: "")
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .name: name = try reader.readString()
            case .image: container.image = try reader.readOptionalString()
            case .essential: container.essential = try reader.readOptionalBool()
            case .portMappings: container.portMappings = try reader.readList { try PortMapping(reading: &$0) }
            case .environment: container.environment = try reader.readList { try NameValue(reading: &$0) }
            case .secrets: container.secrets = try reader.readList { try ContainerSecret(reading: &$0) }
            case .logConfiguration: container.logConfiguration = try reader.readNull() ? nil : LogConfiguration(reading: &reader)
            case .healthCheck: container.healthCheck = try reader.readNull() ? nil : HealthCheck(reading: &reader)
            case .readonlyRootFilesystem: container.readonlyRootFilesystem = try reader.readOptionalBool()
            }
        }
        guard let name else { throw SnapshotFastPathDeclined() }
        container.name = name
        self = container
    }
}

extension TaskDefinition {
    private enum Field: String, CaseIterable {
        case arn, family, revision, status, taskRoleArn, executionRoleArn, networkMode, requiresCompatibilities
        case cpu, memory, runtimePlatform, ephemeralStorageGiB, containers, tags, locations
    }
    private static let fields = SnapshotFields<Field>()

    /// Reads a task definition from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        var arn: String?
        var family: String?
        var revision: Int?
        var definition = TaskDefinition(arn: "", family: "", revision: 0)
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .arn: arn = try reader.readString()
            case .family: family = try reader.readString()
            case .revision: revision = try reader.readInteger(Int.self)
            case .status: definition.status = try reader.readOptionalString()
            case .taskRoleArn: definition.taskRoleArn = try reader.readOptionalString()
            case .executionRoleArn: definition.executionRoleArn = try reader.readOptionalString()
            case .networkMode: definition.networkMode = try reader.readOptionalString()
            case .requiresCompatibilities: definition.requiresCompatibilities = try reader.readStrings()
            case .cpu: definition.cpu = try reader.readOptionalString()
            case .memory: definition.memory = try reader.readOptionalString()
            case .runtimePlatform: definition.runtimePlatform = try reader.readNull() ? nil : RuntimePlatform(reading: &reader)
            case .ephemeralStorageGiB: definition.ephemeralStorageGiB = try reader.readOptionalInt()
            case .containers: definition.containers = try reader.readList { try ContainerDefinition(reading: &$0) }
            case .tags: definition.tags = try reader.readStringMap()
            case .locations: definition.locations = try reader.readLocations()
            }
        }
        guard let arn, let family, let revision else { throw SnapshotFastPathDeclined() }
        definition.arn = arn
        definition.family = family
        definition.revision = revision
        self = definition
    }
}
