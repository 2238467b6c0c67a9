import Foundation

// Hand-written snapshot readers for a service and what it holds: each gives
// exactly what the type's synthesized `Codable` conformance gives (required
// keys must be there and not null; optional ones may be missing or null;
// `@Defaulted` lists and maps are empty when missing or null), or declines.

extension SourceLocation {
    private enum Field: String, CaseIterable { case file, line }
    private static let fields = SnapshotFields<Field>()

    /// Reads a location from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        var file: String?
        var line: Int?
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .file: file = try reader.readString()
            case .line: line = try reader.readInteger(Int.self)
            }
        }
        guard let file, let line else { throw SnapshotFastPathDeclined() }
        self.init(file: file, line: line)
    }
}

extension NameValue {
    private enum Field: String, CaseIterable { case name, value }
    private static let fields = SnapshotFields<Field>()

    /// Reads a name/value pair from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        var name: String?
        var value: String?
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .name: name = try reader.readString()
            case .value: value = try reader.readOptionalString()
            }
        }
        guard let name else { throw SnapshotFastPathDeclined() }
        self.init(name: name, value: value)
    }
}

extension AwsVpcConfiguration {
    private enum Field: String, CaseIterable { case subnets, securityGroups, assignPublicIp }
    private static let fields = SnapshotFields<Field>()

    /// Reads a network configuration from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        self.init()
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .subnets: subnets = try reader.readStrings()
            case .securityGroups: securityGroups = try reader.readStrings()
            case .assignPublicIp: assignPublicIp = try reader.readOptionalString()
            }
        }
    }
}

extension ServiceLoadBalancer {
    private enum Field: String, CaseIterable { case targetGroupArn, loadBalancerName, containerName, containerPort }
    private static let fields = SnapshotFields<Field>()

    /// Reads a target group binding from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        self.init(targetGroupArn: nil)
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .targetGroupArn: targetGroupArn = try reader.readOptionalString()
            case .loadBalancerName: loadBalancerName = try reader.readOptionalString()
            case .containerName: containerName = try reader.readOptionalString()
            case .containerPort: containerPort = try reader.readOptionalInt()
            }
        }
    }
}

extension ECSService {
    private enum Field: String, CaseIterable {
        case arn, name, clusterArn, taskDefinition, desiredCount, runningCount, launchType, platformVersion
        case networkConfiguration, loadBalancers, tags, locations
    }
    private static let fields = SnapshotFields<Field>()

    /// Reads a service from a snapshot, or declines.
    init(reading reader: inout SnapshotJSONParser) throws {
        var arn: String?
        var name: String?
        var clusterArn: String?
        var service = ECSService(arn: "", name: "", clusterArn: "")
        var state = try reader.beginObject()
        while let field = try reader.nextField(Self.fields, &state) {
            switch field {
            case .arn: arn = try reader.readString()
            case .name: name = try reader.readString()
            case .clusterArn: clusterArn = try reader.readString()
            case .taskDefinition: service.taskDefinition = try reader.readOptionalString()
            case .desiredCount: service.desiredCount = try reader.readOptionalInt()
            case .runningCount: service.runningCount = try reader.readOptionalInt()
            case .launchType: service.launchType = try reader.readOptionalString()
            case .platformVersion: service.platformVersion = try reader.readOptionalString()
            case .networkConfiguration:
                service.networkConfiguration = try reader.readNull() ? nil : AwsVpcConfiguration(reading: &reader)
            case .loadBalancers: service.loadBalancers = try reader.readList { try ServiceLoadBalancer(reading: &$0) }
            case .tags: service.tags = try reader.readStringMap()
            case .locations: service.locations = try reader.readLocations()
            }
        }
        guard let arn, let name, let clusterArn else { throw SnapshotFastPathDeclined() }
        service.arn = arn
        service.name = name
        service.clusterArn = clusterArn
        self = service
    }
}
