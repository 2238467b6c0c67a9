import Foundation

/// Constant-time lookup of task definitions by every form a reference takes
/// (ARN, `family:revision`, bare family = latest revision): what
/// `Inventory.taskDefinition(_:)` answers by scanning, for code that looks up
/// one per service of a large inventory.
public struct TaskDefinitionIndex: Sendable {
    private var byReference: [String: TaskDefinition] = [:]
    private var latestByFamily: [String: TaskDefinition] = [:]

    /// Indexes `inventory`'s task definitions.
    public init(_ inventory: Inventory) {
        for definition in inventory.taskDefinitions {
            byReference[definition.arn] = byReference[definition.arn] ?? definition
            byReference[definition.familyRevision] = byReference[definition.familyRevision] ?? definition
            if let current = latestByFamily[definition.family], current.revision >= definition.revision { continue }
            latestByFamily[definition.family] = definition
        }
    }

    /// The task definition `reference` names, as `Inventory.taskDefinition(_:)` finds it.
    public func taskDefinition(_ reference: String) -> TaskDefinition? {
        let suffix = reference.lastIndex(of: "/").map { String(reference[reference.index(after: $0)...]) } ?? reference
        if let exact = byReference[reference] ?? byReference[suffix] { return exact }
        return latestByFamily[reference]
    }
}
