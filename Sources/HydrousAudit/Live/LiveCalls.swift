import AWSClient
import Foundation
import Inventory

/// What one audited API call gave: a value, "absent" (an error code that
/// means "none", e.g. no lifecycle policy), or nothing (denied or failed,
/// already recorded in coverage).
enum LiveAnswer<Value: Sendable>: Sendable {
    case ok(Value)
    case absent
    case failed

    /// The value when the call succeeded.
    var value: Value? {
        if case .ok(let value) = self { return value }
        return nil
    }
}

/// The collectors' view of the client: every call goes through here so its
/// outcome lands in coverage and no error escapes.
struct LiveCalls: Sendable {
    let client: AWSClient
    let coverage: LiveCoverageRecorder
    /// How many calls one collector keeps in flight at most.
    let limit: Int

    /// One query-protocol call.
    func query(
        _ service: AWSService, _ operation: String, _ parameters: [(String, String)] = [],
        absentCodes: Set<String> = []
    ) async -> LiveAnswer<AWSXMLNode> {
        await record(service, operation, absentCodes: absentCodes) {
            try await client.query(service, operation, parameters)
        }
    }

    /// Every page of a query-protocol list call (counted as one call per page).
    func queryPages(
        _ service: AWSService, _ operation: String, _ parameters: [(String, String)] = [],
        tokenParam: String, tokenPath: [String]
    ) async -> [AWSXMLNode]? {
        let answer: LiveAnswer<[AWSXMLNode]> = await record(service, operation, count: \.count) {
            try await client.paginateQuery(service, operation, parameters, tokenParam: tokenParam, tokenPath: tokenPath)
        }
        return answer.value
    }

    /// One JSON 1.1 call.
    func json(
        _ service: AWSService, _ operation: String, _ body: JSONValue = [:], absentCodes: Set<String> = []
    ) async -> LiveAnswer<JSONValue> {
        await record(service, operation, absentCodes: absentCodes) {
            try await client.json(service, operation, body)
        }
    }

    /// Every page of a JSON 1.1 list call (counted as one call per page).
    /// `onPage` sees each page as it arrives (a page read before a later one
    /// fails is seen too, though the call then answers nil).
    func jsonPages(
        _ service: AWSService, _ operation: String, _ body: JSONValue = [:], tokenKey: String = "nextToken",
        onPage: (JSONValue) -> Void = { _ in }
    ) async -> [JSONValue]? {
        let answer: LiveAnswer<[JSONValue]> = await record(service, operation, count: \.count) {
            try await client.paginateJSON(service, operation, body, tokenKey: tokenKey, onPage: onPage)
        }
        return answer.value
    }

    private func record<Value: Sendable>(
        _ service: AWSService, _ operation: String, absentCodes: Set<String> = [],
        count: (Value) -> Int = { _ in 1 }, _ call: () async throws -> Value
    ) async -> LiveAnswer<Value> {
        do {
            let value = try await call()
            coverage.ok(service, operation, count: max(1, count(value)))
            return .ok(value)
        } catch let error as AWSError {
            if absentCodes.contains(error.code) {
                coverage.ok(service, operation)
                return .absent
            }
            let detail = error.message.isEmpty ? error.code : "\(error.code): \(error.message)"
            coverage.failure(service, operation, denied: error.isAccessDenied, detail: detail)
            return .failed
        } catch {
            let detail = (error as? LocalizedError)?.errorDescription ?? String(describing: type(of: error))
            coverage.failure(service, operation, denied: false, detail: detail)
            return .failed
        }
    }

    /// Runs `body` over `items` with at most `limit` in flight; results keep the input order.
    func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        let (stream, feed) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .unbounded)
        for item in items { feed.yield(item) }
        feed.finish()
        return await map(arriving: stream, body)
    }

    /// Runs `body` over what `items` yields, starting each as it arrives, with
    /// at most `limit` in flight; results keep the order the items arrived in.
    func map<Item: Sendable, Result: Sendable>(
        arriving items: AsyncStream<Item>, _ body: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results: [Int: Result] = [:]
            var arrived = 0
            for await item in items {
                if arrived - results.count >= max(1, limit), let (index, result) = await group.next() {
                    results[index] = result
                }
                let index = arrived
                group.addTask { (index, await body(item)) }
                arrived += 1
            }
            while let (index, result) = await group.next() { results[index] = result }
            return (0..<arrived).compactMap { results[$0] }
        }
    }
}

/// Splits `items` into consecutive chunks of at most `size`.
func liveChunks<Item>(_ items: [Item], of size: Int) -> [[Item]] {
    stride(from: 0, to: items.count, by: max(1, size)).map { Array(items[$0..<min($0 + size, items.count)]) }
}

/// Removes duplicates, keeping the first occurrence.
func liveUnique(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
}
