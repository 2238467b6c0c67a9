import Foundation

/// Constant-time lookup of task definitions by every form a reference takes
/// (ARN, `family:revision`, bare family = latest revision): what
/// `Inventory.taskDefinition(_:)` answers by scanning, for code that looks up
/// one per service of a large inventory.
///
/// The maps hold positions in the inventory's list, not copies: a task
/// definition is some twenty reference-counted fields, and three copies of
/// each of 1,000 made building the index a visible part of a large run.
public struct TaskDefinitionIndex: Sendable {
    private let definitions: [TaskDefinition]
    private var byReference: [String: Int] = [:]
    private var latestByFamily: [String: Int] = [:]

    /// Indexes `inventory`'s task definitions.
    public init(_ inventory: Inventory) {
        definitions = inventory.taskDefinitions
        byReference.reserveCapacity(definitions.count * 2)
        for index in definitions.indices {
            // Field by field, not `let definition = definitions[index]`: that copy is what the positions avoid.
            let arn = definitions[index].arn
            let familyRevision = definitions[index].familyRevision
            let family = definitions[index].family
            let revision = definitions[index].revision
            if byReference[arn] == nil { byReference[arn] = index }
            if byReference[familyRevision] == nil { byReference[familyRevision] = index }
            if let current = latestByFamily[family], definitions[current].revision >= revision { continue }
            latestByFamily[family] = index
        }
    }

    /// The task definition `reference` names, as `Inventory.taskDefinition(_:)` finds it.
    public func taskDefinition(_ reference: String) -> TaskDefinition? {
        let suffix = textAfterLast(UInt8(ascii: "/"), inASCII: reference)
            ?? reference.lastIndex(of: "/").map { String(reference[reference.index(after: $0)...]) } ?? reference
        guard let index = byReference[reference] ?? byReference[suffix] ?? latestByFamily[reference] else { return nil }
        return definitions[index]
    }
}
