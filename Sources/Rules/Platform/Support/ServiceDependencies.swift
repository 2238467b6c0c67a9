import Foundation
import Inventory

/// The databases and caches an ECS service talks to, as far as its task
/// definition's environment tells:
/// - a DB or cache whose endpoint address, or whose identifier as a whole
///   word (`hydrous-db` in `hydrous-db.xxxx.rds.amazonaws.com`), appears in
///   any environment value;
/// - otherwise, when a `POSTGRES_*`/`DB_*`/`DATABASE_*`/`MYSQL_*` (or
///   `REDIS*`/`CACHE_*`/`VALKEY*`/`MEMCACHE*`) variable holds a host no
///   resource matches and that host is a placeholder (`xxxx`, `example`,
///   `changeme`, `<…>`) or an RDS (ElastiCache) endpoint name, the
///   inventory's only database (only cache), if it has exactly one. A real
///   host elsewhere (an external database) never picks a resource.
struct ServiceDependencies: Sendable {
    /// The databases the service uses, in inventory order.
    let databases: [DBInstance]
    /// The caches the service uses, in inventory order.
    let caches: [CacheCluster]

    static let databasePrefixes = ["POSTGRES", "PG", "DB_", "DATABASE", "MYSQL", "MARIADB", "RDS"]
    static let cachePrefixes = ["REDIS", "CACHE", "VALKEY", "MEMCACHE", "ELASTICACHE"]

    /// Resolves `service`'s dependencies in `inventory`; empty when its task
    /// definition is unknown. `definitions` indexes `inventory`'s task definitions.
    init(of service: ECSService, in inventory: Inventory, definitions: TaskDefinitionIndex? = nil) {
        let environment = service.taskDefinition
            .flatMap { definitions?.taskDefinition($0) ?? inventory.taskDefinition($0) }?
            .containers.flatMap(\.environment) ?? []
        let values = environment.compactMap(\.value)

        var databases = inventory.dbInstances.filter { db in
            values.contains { value in
                (db.endpoint.map { Self.contains(value, $0.address) } ?? false) || Self.mentions(value, word: db.identifier)
            }
        }
        if databases.isEmpty, inventory.dbInstances.count == 1,
           Self.namesHost(environment, prefixes: Self.databasePrefixes, domain: ".rds.amazonaws.com") {
            databases = inventory.dbInstances
        }
        var caches = inventory.cacheClusters.filter { cache in
            let words = [cache.id] + [cache.replicationGroupId].compactMap { $0 }
            return values.contains { value in
                cache.endpoints.contains { Self.contains(value, $0.address) } || words.contains { Self.mentions(value, word: $0) }
            }
        }
        if caches.isEmpty, inventory.cacheClusters.count == 1,
           Self.namesHost(environment, prefixes: Self.cachePrefixes, domain: ".cache.amazonaws.com") {
            caches = inventory.cacheClusters
        }
        self.databases = databases
        self.caches = caches
    }

    /// Case-insensitive substring test that ignores empty needles.
    static func contains(_ text: String, _ needle: String) -> Bool {
        !needle.isEmpty && FastText.rangeIgnoringCase(of: needle, in: text, from: text.startIndex) != nil
    }

    /// True when `word` appears in `text` not glued to other name characters
    /// (letters, digits, `-`, `_`) on either side.
    static func mentions(_ text: String, word: String) -> Bool {
        guard !word.isEmpty else { return false }
        if let answer = asciiMentions(text, word: word) { return answer }
        return characterMentions(text, word: word)
    }

    /// `mentions` on bytes, for ASCII text and word without carriage returns
    /// (there every character is one byte; `\r\n` would be one character of
    /// two); `nil` for other text.
    static func asciiMentions(_ text: String, word: String) -> Bool? {
        func isNameByte(_ byte: UInt8) -> Bool {
            let folded = FastText.foldASCII(byte)
            return (folded >= 0x61 && folded <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
        }
        return word.utf8.withContiguousStorageIfAvailable { needle -> Bool? in
            text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
                for byte in needle where byte >= 0x80 || byte == 0x0D { return nil }
                for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
                guard bytes.count >= needle.count else { return false }
                for start in 0...(bytes.count - needle.count) {
                    var matched = 0
                    while matched < needle.count,
                          FastText.foldASCII(bytes[start + matched]) == FastText.foldASCII(needle[matched]) {
                        matched += 1
                    }
                    guard matched == needle.count else { continue }
                    let end = start + needle.count
                    if (start == 0 || !isNameByte(bytes[start - 1])) && (end == bytes.count || !isNameByte(bytes[end])) { return true }
                }
                return false
            } ?? nil
        } ?? nil
    }

    /// `mentions` on characters (the general path, and what `asciiMentions` is tested against).
    static func characterMentions(_ text: String, word: String) -> Bool {
        guard !word.isEmpty else { return false }
        var searchStart = text.startIndex
        while let found = FastText.rangeIgnoringCase(of: word, in: text, from: searchStart) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !isNameCharacter(before), !isNameCharacter(after) { return true }
            searchStart = text.index(after: found.lowerBound)
        }
        return false
    }

    static func isNameCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "-" || character == "_"
    }

    /// Words that mark a host as a placeholder left for the reader to fill.
    static let placeholderMarkers = ["xxx", "example", "changeme", "change-me", "placeholder", "your-", "<", "{", "todo"]

    /// True when a variable whose name starts with one of `prefixes` holds a
    /// host name or URL that is a placeholder or lies in AWS `domain`.
    static func namesHost(_ environment: [NameValue], prefixes: [String], domain: String) -> Bool {
        environment.contains { variable in
            let name = variable.name.uppercased()
            guard prefixes.contains(where: { name.hasPrefix($0) }), let value = variable.value,
                  looksLikeHost(value) else { return false }
            let lower = value.lowercased()
            return lower.contains(domain) || placeholderMarkers.contains { lower.contains($0) }
        }
    }

    /// A URL, or a dotted name with at least one letter (not a number or version).
    static func looksLikeHost(_ value: String) -> Bool {
        if value.contains("://") { return true }
        let trimmed = FastText.trimmed(value)
        guard trimmed.contains("."), !trimmed.contains(" ") else { return false }
        return trimmed.contains { $0.isLetter }
    }
}
