import Foundation
import Inventory

/// Readings of one inventory that several rules share, worked out once per
/// run before the rules start: the ECS environment (three rules walk it)
/// and the secret detector's verdict on each of its values (two rules need
/// them), classified on every core.
final class RuleFacts: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [EnvironmentEntry]?
    private var verdicts: [SecretVerdict]?
    private var index: TaskDefinitionIndex?

    /// Works out the environment and its verdicts now (the engine calls this
    /// before running rules at once, so they only read).
    func prepare(_ inventory: Inventory, _ detector: SecretDetector) {
        _ = environmentVerdicts(inventory, detector)
    }

    /// Every container environment variable with a value (`ECSFacts.environment`).
    func environment(_ inventory: Inventory) -> [EnvironmentEntry] {
        lock.lock()
        defer { lock.unlock() }
        return unlockedEnvironment(inventory)
    }

    /// `detector.classify(name:value:)` of each `environment` entry, in the same order.
    func environmentVerdicts(_ inventory: Inventory, _ detector: SecretDetector) -> [SecretVerdict] {
        lock.lock()
        defer { lock.unlock() }
        if let verdicts { return verdicts }
        let entries = unlockedEnvironment(inventory)
        let computed = Parallel.map(entries.count, minimumPerChunk: 256) { index in
            detector.classify(name: entries[index].name, value: entries[index].value)
        }
        verdicts = computed
        return computed
    }

    /// Task definitions by ARN, `family:revision` and family, built once per run
    /// (rules that look one up per service scanned the whole list each time).
    func taskDefinitions(_ inventory: Inventory) -> TaskDefinitionIndex {
        lock.lock()
        defer { lock.unlock() }
        if let index { return index }
        let built = TaskDefinitionIndex(inventory)
        index = built
        return built
    }

    private func unlockedEnvironment(_ inventory: Inventory) -> [EnvironmentEntry] {
        if let entries { return entries }
        let computed = ECSFacts.environment(inventory)
        entries = computed
        return computed
    }
}
