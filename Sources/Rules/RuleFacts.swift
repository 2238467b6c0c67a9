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
    private var onlyURLCredentials: [Bool?]?
    private var index: TaskDefinitionIndex?
    private var urls: [URLParts?]?
    private var hosts: [String?]?

    /// Works out the environment and its verdicts now (the engine calls this
    /// before running rules at once, so they only read).
    /// The task definition index and the values' URLs and hosts are worked
    /// out meanwhile (the first rule to ask built them while others waited on
    /// the lock).
    func prepare(_ inventory: Inventory, _ detector: SecretDetector) {
        let entries = environment(inventory)
        let (_, (built, urls, hosts)) = Parallel.both({ self.environmentVerdicts(inventory, detector) }, {
            let urls = Self.urls(entries)
            return (TaskDefinitionIndex(inventory), urls, Self.hosts(entries, urls))
        })
        lock.lock()
        if index == nil { index = built }
        if self.urls == nil { self.urls = urls }
        if self.hosts == nil { self.hosts = hosts }
        lock.unlock()
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
        return unlockedClassify(inventory, detector).verdicts
    }

    /// `SecretDetector.Classification.onlyURLCredentials` of each
    /// `environment` entry, in the same order: what a secret's evidence
    /// needs of the value signals the verdict already worked out.
    func environmentOnlyURLCredentials(_ inventory: Inventory, _ detector: SecretDetector) -> [Bool?] {
        lock.lock()
        defer { lock.unlock() }
        return unlockedClassify(inventory, detector).onlyURLCredentials
    }

    private func unlockedClassify(_ inventory: Inventory, _ detector: SecretDetector)
        -> (verdicts: [SecretVerdict], onlyURLCredentials: [Bool?]) {
        if let verdicts, let onlyURLCredentials { return (verdicts, onlyURLCredentials) }
        let entries = unlockedEnvironment(inventory)
        let distinct = Self.distinctPairs(entries)
        let firsts = distinct.firsts
        // A name's facts once per ASCII name (nine names at 1,000 services);
        // only an ASCII name looks them up: a non-ASCII name may be `==` to an
        // ASCII one (U+212A KELVIN SIGN is canonically `K`) yet split otherwise.
        var namesFacts: [String: SecretDetector.NameFacts] = [:]
        for first in firsts where FastText.isASCII(entries[first].name) && namesFacts[entries[first].name] == nil {
            namesFacts[entries[first].name] = detector.nameFacts(entries[first].name)
        }
        let known = namesFacts
        let classified = Parallel.map(firsts.count, minimumPerChunk: 256) { slot in
            let name = entries[firsts[slot]].name
            return detector.classification(
                name: name, value: entries[firsts[slot]].value, nameFacts: FastText.isASCII(name) ? known[name] : nil)
        }
        let computed = (distinct.slots.map { classified[$0].verdict }, distinct.slots.map { classified[$0].onlyURLCredentials })
        (verdicts, onlyURLCredentials) = computed
        return computed
    }

    /// `URLParts` of each `environment` value, trimmed, in the same order:
    /// two rules read them, and each parsed every value itself.
    func environmentURLs(_ inventory: Inventory) -> [URLParts?] {
        lock.lock()
        defer { lock.unlock() }
        return unlockedURLs(inventory)
    }

    /// `ECSFacts.host(in:)` of each `environment` value, in the same order,
    /// from the URLs already parsed.
    func environmentHosts(_ inventory: Inventory) -> [String?] {
        lock.lock()
        defer { lock.unlock() }
        if let hosts { return hosts }
        let computed = Self.hosts(unlockedEnvironment(inventory), unlockedURLs(inventory))
        hosts = computed
        return computed
    }

    private func unlockedURLs(_ inventory: Inventory) -> [URLParts?] {
        if let urls { return urls }
        let computed = Self.urls(unlockedEnvironment(inventory))
        urls = computed
        return computed
    }

    static func urls(_ entries: [EnvironmentEntry]) -> [URLParts?] {
        entries.map { URLParts(FastText.trimmed($0.value)) }
    }

    static func hosts(_ entries: [EnvironmentEntry], _ urls: [URLParts?]) -> [String?] {
        zip(entries, urls).map { entry, parts in ECSFacts.host(trimmed: FastText.trimmed(entry.value), parts: parts) }
    }

    /// The entries' distinct (name, value) pairs: `firsts` holds the position
    /// of each pair's first entry, `slots` each entry's pair. Services copied
    /// from one template repeat most of their variables (`DEBUG=False` a
    /// thousand times), and a verdict depends on name and value alone. Only
    /// ASCII pairs are merged: there `==` means equal bytes, while two
    /// non-ASCII strings may be `==` (canonically equivalent) with different
    /// bytes, and so different fingerprints; those keep a slot each.
    static func distinctPairs(_ entries: [EnvironmentEntry]) -> (firsts: [Int], slots: [Int]) {
        var firsts: [Int] = []
        var slotOfPair: [NameValuePair: Int] = [:]
        slotOfPair.reserveCapacity(entries.count)
        var slots: [Int] = []
        slots.reserveCapacity(entries.count)
        entries.withUnsafeBufferPointer { entries in
            for index in entries.indices {
                let name = entries[index].name
                let value = entries[index].value
                guard FastText.isASCII(name), FastText.isASCII(value) else {
                    slots.append(firsts.count)
                    firsts.append(index)
                    continue
                }
                let pair = NameValuePair(name: name, value: value)
                if let slot = slotOfPair[pair] {
                    slots.append(slot)
                    continue
                }
                slotOfPair[pair] = firsts.count
                slots.append(firsts.count)
                firsts.append(index)
            }
        }
        return (firsts, slots)
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

/// An environment variable's name and value, as a dictionary key.
struct NameValuePair: Hashable {
    let name: String
    let value: String
}
