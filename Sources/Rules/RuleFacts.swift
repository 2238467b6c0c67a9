import Foundation
import Inventory

/// Readings of one inventory that several rules share, computed once per
/// run: the ECS environment (three rules walk it) and the secret detector's
/// verdicts (two rules classify the same values). Rules run one at a time,
/// but the cache is locked so a context may be shared across threads.
final class RuleFacts: @unchecked Sendable {
    private let lock = NSLock()
    private var environmentEntries: [EnvironmentEntry]?
    private var verdicts: [VerdictKey: SecretVerdict] = [:]

    private struct VerdictKey: Hashable {
        let name: String
        let value: String?
    }

    /// Every container environment variable with a value (`ECSFacts.environment`).
    func environment(_ inventory: Inventory) -> [EnvironmentEntry] {
        lock.lock()
        defer { lock.unlock() }
        if let environmentEntries { return environmentEntries }
        let entries = ECSFacts.environment(inventory)
        environmentEntries = entries
        return entries
    }

    /// `detector.classify(name:value:)`, remembered per name and value.
    func verdict(_ detector: SecretDetector, name: String, value: String?) -> SecretVerdict {
        let key = VerdictKey(name: name, value: value)
        lock.lock()
        if let known = verdicts[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let verdict = detector.classify(name: name, value: value)
        lock.lock()
        verdicts[key] = verdict
        lock.unlock()
        return verdict
    }
}
