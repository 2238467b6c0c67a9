import Foundation
import Inventory

/// One environment variable of one container of one task definition.
struct EnvironmentEntry: Sendable {
    /// The task definition, boxed once for all its variables: 9,000 entries
    /// each holding their own copy of the definition cost megabytes.
    private let box: DefinitionBox
    private let containerIndex: Int
    let name: String
    let value: String

    init(box: DefinitionBox, containerIndex: Int, name: String, value: String) {
        self.box = box
        self.containerIndex = containerIndex
        self.name = name
        self.value = value
    }

    /// The task definition holding the variable.
    var definition: TaskDefinition { box.definition }
    /// The name of the container holding the variable.
    var containerName: String { box.containerNames[containerIndex] }
    /// `container/NAME`: the finding detail (enters the fingerprint).
    var detail: String { "\(containerName)/\(name)" }
    /// The location key of the value when read from a file.
    var field: String { LocationKey.environment(containerName, name) }
    /// The task definition's reference (a finding's resource).
    var ref: ResourceRef { box.ref }
    /// Where the value was read (`definition.location(of: field)`); `nil`
    /// without building the key when the definition has no locations (AWS, snapshots).
    var location: SourceLocation? {
        box.hasLocations ? box.definition.location(of: field) : nil
    }
}

/// A task definition shared by reference among its environment entries,
/// with what their findings read of it worked out once: 9,000 entries
/// copying the definition (or a container) per finding cost megabytes and
/// a retain per string field.
final class DefinitionBox: Sendable {
    let definition: TaskDefinition
    let ref: ResourceRef
    let containerNames: [String]
    let hasLocations: Bool

    init(_ definition: TaskDefinition) {
        self.definition = definition
        ref = definition.ref
        containerNames = definition.containers.map(\.name)
        hasLocations = !definition.locations.isEmpty
    }
}

/// Shared readings of ECS resources for the ECS rules.
enum ECSFacts {
    /// Every environment variable with a value, except names the container
    /// also takes from its `secrets` list (those are never findings).
    static func environment(_ inventory: Inventory) -> [EnvironmentEntry] {
        inventory.taskDefinitions.flatMap { definition in
            let box = DefinitionBox(definition)
            return definition.containers.enumerated().flatMap { containerIndex, container in
                let fromSecrets = Set(container.secrets.map(\.name))
                return container.environment.compactMap { pair -> EnvironmentEntry? in
                    guard let value = pair.value, !fromSecrets.contains(pair.name) else { return nil }
                    return EnvironmentEntry(box: box, containerIndex: containerIndex, name: pair.name, value: value)
                }
            }
        }
    }

    static let hostOrPlaceholder = RegexCache.Pattern(#"^(<[^<>]+>|[A-Za-z0-9<>_-]+(\.[A-Za-z0-9<>_-]+)+)(:[0-9]+)?$"#)

    /// The host a value names: a URL's host, or the value itself when it is a
    /// host name (optionally with a port); `nil` otherwise.
    static func host(in value: String) -> String? {
        let trimmed = FastText.trimmed(value)
        return host(trimmed: trimmed, parts: URLParts(trimmed))
    }

    /// `host(in:)` of a value already trimmed, whose `URLParts` (`nil` when
    /// it is no URL) are at hand.
    static func host(trimmed: String, parts: URLParts?) -> String? {
        if URLCredentials.looksLikeURL(trimmed) {
            guard let parts, !parts.host.isEmpty else { return nil }
            return parts.host
        }
        guard hostOrPlaceholder.matches(trimmed) else { return nil }
        if let colon = trimmed.lastIndex(of: ":") { return trimmed[..<colon].lowercased() }
        return trimmed.lowercased()
    }

    /// True for loopback hosts (a sidecar on the same task).
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "[::1]" || host == "::1"
    }
}
