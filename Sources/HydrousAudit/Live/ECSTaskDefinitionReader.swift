import AWSClient
import Foundation
import Inventory

/// Reads task definition revisions: every revision in use, plus the newest
/// ACTIVE revision of each family (every ACTIVE family when no `--cluster`
/// narrows the audit, else the families in use).
///
/// `DescribeTaskDefinition` given a bare family answers that family's newest
/// ACTIVE revision, so finding it costs no list call: the read makes one
/// describe per distinct revision (the least possible: the API takes one at a
/// time), plus, without `--cluster`, the pages of `ListTaskDefinitionFamilies`
/// (100 families a page, never more pages than an unfiltered
/// `ListTaskDefinitions`, which pages every ACTIVE revision of every family).
struct ECSTaskDefinitionReader: Sendable {
    let calls: LiveCalls

    /// The newest ACTIVE revision of every family that has one, in family order.
    ///
    /// Each page's families are described while the next page is read. The
    /// pages and the describes draw on one ECS rate bucket, so with hundreds
    /// of families the bucket, not the call order, decides when the last
    /// describe can leave; waiting for the last page first only added its
    /// round trip to the audit. A listing that fails after some pages still
    /// describes the families those pages named (coverage records the failure).
    func newestOfActiveFamilies() async -> [TaskDefinition] {
        let (families, feed) = AsyncStream.makeStream(of: String.self)
        async let described = calls.map(arriving: families) { family in
            (family, await describe(family, newestOfFamily: true))
        }
        var seen = Set<String>()
        _ = await calls.jsonPages(.ecs, "ListTaskDefinitionFamilies", ["status": "ACTIVE", "maxResults": 100]) { page in
            for family in page.liveStrings("families") where seen.insert(family).inserted { feed.yield(family) }
        }
        feed.finish()
        return await described.sorted { $0.0 < $1.0 }.compactMap(\.1)
    }

    /// The revisions `inUse` names, each described once, together with
    /// `newest` (from `newestOfActiveFamilies`); nil `newest` means "find the
    /// newest revision of the families in use" (the `--cluster` read).
    func read(inUse: [String], newest known: [TaskDefinition]?) async -> [TaskDefinition] {
        var newest = known ?? []
        let pinned = inUse.filter { ECSCollector.revision(of: $0) > 0 }
        // A bare family (no revision) names its newest ACTIVE revision.
        let bare = liveUnique(inUse.filter { ECSCollector.revision(of: $0) == 0 }.map(ECSCollector.family(of:)))
        let haveFamilies = Set(newest.map(\.family))
        let families = known == nil ? liveUnique(inUse.map(ECSCollector.family(of:))) : bare.filter { !haveFamilies.contains($0) }
        newest += await self.newest(of: families)

        let described = Set(newest.map(\.familyRevision))
        var wanted: [String: String] = [:]
        for reference in pinned {
            let key = ECSCollector.familyRevision(of: reference)
            guard !described.contains(key) else { continue }
            if wanted[key] == nil || reference.hasPrefix("arn:") { wanted[key] = reference }
        }
        let rest = await calls.map(wanted.keys.sorted().map { wanted[$0] ?? $0 }) { reference in
            await describe(reference, newestOfFamily: false)
        }
        var seen = Set<String>()
        return (newest + rest.compactMap { $0 }).filter { seen.insert($0.arn).inserted }
    }

    private func newest(of families: [String]) async -> [TaskDefinition] {
        await calls.map(families.sorted()) { family in await describe(family, newestOfFamily: true) }.compactMap { $0 }
    }

    private func describe(_ reference: String, newestOfFamily: Bool) async -> TaskDefinition? {
        let body: JSONValue = ["taskDefinition": .string(reference), "include": ["TAGS"]]
        // A family with no ACTIVE revision left (all deregistered, perhaps since
        // it was listed) answers ClientException: there is no newest revision to read.
        let answer = await calls.json(
            .ecs, "DescribeTaskDefinition", body, absentCodes: newestOfFamily ? ["ClientException"] : [])
        guard let value = answer.value else { return nil }
        let asked = ECSCollector.familyRevision(of: reference)
        guard let item = value["taskDefinition"], item.object != nil else {
            calls.unreadable(.ecs, "DescribeTaskDefinition", at: asked, field: "taskDefinition", lost: "that task definition")
            return nil
        }
        do {
            return try ECSTaskDefinitionParser.parse(item, tags: value.liveTags()) { containers in
                calls.items(containers, of: .ecs, "DescribeTaskDefinition", list: "containerDefinitions",
                            kind: "container of \(asked)", ECSTaskDefinitionParser.container)
            }
        } catch {
            calls.unreadable(.ecs, "DescribeTaskDefinition", at: asked, field: "taskDefinition.\(error.field)",
                             lost: "that task definition")
            return nil
        }
    }
}
