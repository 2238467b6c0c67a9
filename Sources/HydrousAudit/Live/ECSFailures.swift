import AWSClient
import Foundation
import Inventory

extension LiveCalls {
    /// Records what an ECS batch describe (`DescribeClusters`,
    /// `DescribeServices`, `DescribeTasks`) could not describe.
    ///
    /// ECS answers such a call with HTTP 200 even when some of the asked
    /// resources were not described: those come back in `failures`
    /// (`arn`, `reason`, `detail`). Each one is a resource missing from the
    /// audit, so it is recorded in coverage (the operation's status becomes
    /// `failed`, exit 3) — except `MISSING` for something the audit itself
    /// listed a moment before (`missingMeansGone`): that resource was deleted
    /// between the list and the describe, and there is nothing left to audit.
    /// An answer that accounts for fewer resources than were asked, in items
    /// and failures together, is recorded the same way.
    func ecsFailures(
        in answer: JSONValue?, _ operation: String, asked: [String], items: Int, kind: String, missingMeansGone: Bool
    ) {
        guard let answer else { return }
        let failures = answer.liveArray("failures")
        for failure in failures {
            let reason = failure.liveString("reason") ?? "no reason given"
            if reason == "MISSING" && missingMeansGone { continue }
            let arn = failure.liveString("arn") ?? "(no ARN given)"
            let detail = failure.liveString("detail").map { " (\($0))" } ?? ""
            let next = reason == "MISSING"
                ? "check the name (--cluster takes names or ARNs of this account and region)"
                : "rerun it, and if this persists check that the audit's role may describe it"
            coverage.unreadable(
                .ecs, operation,
                detail: "\(operation) could not describe \(kind) \(arn): \(reason)\(detail); that \(kind) is not in the audit: \(next)")
        }
        if items + failures.count < asked.count {
            coverage.unreadable(
                .ecs, operation,
                detail: "\(operation) was asked for \(asked.count) \(kind)s and answered for \(items + failures.count): "
                    + "the others are not in the audit; rerun it, and if this persists check that nothing between "
                    + "hydrous-audit and AWS (--endpoint-url, a proxy) alters the answers")
        }
    }
}
