import AWSClient
import Foundation
import Inventory

/// Reads CloudWatch Logs log groups (retention, stored bytes).
struct LogsCollector: Sendable {
    let calls: LiveCalls

    func read() async -> [LogGroup] {
        let pages = await calls.jsonPages(.logs, "DescribeLogGroups", ["limit": 50]) ?? []
        return pages.flatMap { $0.liveArray("logGroups") }.compactMap { item -> LogGroup? in
            guard let name = item.liveString("logGroupName") else { return nil }
            var group = LogGroup(name: name, arn: item.liveString("arn"))
            group.retentionInDays = item.liveInt("retentionInDays")
            group.storedBytes = item["storedBytes"]?.double.map { Int64($0) }
            return group
        }
    }
}
