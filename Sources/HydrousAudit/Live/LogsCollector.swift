import AWSClient
import Foundation
import Inventory

/// Reads CloudWatch Logs log groups (retention, stored bytes).
struct LogsCollector: Sendable {
    let calls: LiveCalls

    func read() async -> [LogGroup] {
        let pages = await calls.jsonPages(.logs, "DescribeLogGroups", ["limit": 50]) ?? []
        return pages.flatMap { page in
            calls.items(page.liveArray("logGroups"), of: .logs, "DescribeLogGroups", list: "logGroups", kind: "log group") {
                item throws(LiveMissingField) in
                var group = LogGroup(name: try item.liveRequired("logGroupName"), arn: item.liveString("arn"))
                group.retentionInDays = item.liveInt("retentionInDays")
                group.storedBytes = item["storedBytes"]?.double.map { Int64($0) }
                return group
            }
        }
    }
}
