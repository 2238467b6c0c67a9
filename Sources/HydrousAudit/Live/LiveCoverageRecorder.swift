import AWSClient
import Foundation
import Inventory
import Synchronization

/// Aggregates the outcome of every call into one `CoverageEntry` per operation.
final class LiveCoverageRecorder: Sendable {
    private struct Tally {
        var ok = 0
        var denied: [String] = []
        var failed: [String] = []
        /// Items of successful answers that lacked a field needed to identify them.
        var unreadable: [String] = []
    }

    private let state = Mutex([String: Tally]())

    /// Records `count` successful calls of `service operation`.
    func ok(_ service: AWSService, _ operation: String, count: Int = 1) {
        state.withLock { $0[Self.key(service, operation), default: Tally()].ok += count }
    }

    /// Records a failed call with the reason shown to the user.
    func failure(_ service: AWSService, _ operation: String, denied: Bool, detail: String) {
        state.withLock { tallies in
            if denied {
                tallies[Self.key(service, operation), default: Tally()].denied.append(detail)
            } else {
                tallies[Self.key(service, operation), default: Tally()].failed.append(detail)
            }
        }
    }

    /// Records an item of a successful answer that could not be read (a
    /// required field is missing): the operation's data is incomplete.
    func unreadable(_ service: AWSService, _ operation: String, detail: String) {
        state.withLock { $0[Self.key(service, operation), default: Tally()].unreadable.append(detail) }
    }

    /// One entry per operation: `denied` when any call was denied, else
    /// `failed` when any failed or an answer held an unreadable item, else
    /// `ok` with the number of calls.
    func entries() -> [CoverageEntry] {
        let tallies = state.withLock { $0 }
        return tallies.keys.sorted().compactMap { key in
            guard let tally = tallies[key] else { return nil }
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            let (service, operation) = (parts.first ?? key, parts.count > 1 ? parts[1] : "")
            let total = tally.ok + tally.denied.count + tally.failed.count
            let calls = total == 1 ? "1 call" : "\(total) calls"
            if let first = tally.denied.sorted().first {
                return CoverageEntry(service: service, operation: operation, status: .denied,
                                     detail: "\(first) (\(tally.denied.count) of \(calls) denied)")
            }
            if let first = tally.failed.sorted().first {
                return CoverageEntry(service: service, operation: operation, status: .failed,
                                     detail: "\(first) (\(tally.failed.count) of \(calls) failed)")
            }
            if let first = tally.unreadable.sorted().first {
                let items = tally.unreadable.count == 1 ? "1 item" : "\(tally.unreadable.count) items"
                return CoverageEntry(service: service, operation: operation, status: .failed,
                                     detail: "\(first) (\(items) not read over \(calls))")
            }
            return CoverageEntry(service: service, operation: operation, status: .ok, detail: calls)
        }
    }

    private static func key(_ service: AWSService, _ operation: String) -> String {
        "\(service.rawValue) \(operation)"
    }
}
