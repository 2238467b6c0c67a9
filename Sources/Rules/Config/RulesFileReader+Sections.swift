import Foundation
import Yams

extension RulesFileReader {
    // MARK: waivers

    mutating func readWaivers(_ node: Node) throws {
        guard case let .sequence(items) = node else {
            throw invalid(node, "waivers", "expected a list of waivers (`- rule: …`)")
        }
        for item in items {
            var fields: [String: (key: Node, value: Node)] = [:]
            for (key, value) in try mapping(item, "waiver") {
                let field = try name(key)
                guard ["rule", "resource", "reason", "expires", "fingerprint"].contains(field) else {
                    throw invalid(key, "waivers.\(field)", "unknown key; a waiver takes rule, resource, reason, expires, fingerprint")
                }
                fields[field] = (key, value)
            }
            func text(_ field: String) throws -> String? {
                guard let entry = fields[field] else { return nil }
                guard case .scalar = entry.value, let value = entry.value.string, !value.isEmpty else {
                    throw invalid(entry.value, "waivers.\(field)", "expected text")
                }
                return value
            }
            guard let rule = try text("rule") else { throw invalid(item, "waivers.rule", "missing; name the rule id the waiver is for") }
            guard RuleCatalog.knownIds.contains(rule), let ruleNode = fields["rule"]?.value else {
                throw RulesConfigError.unknownRule(
                    file: file, line: line(fields["rule"]?.value ?? item), id: rule, suggestion: RuleCatalog.suggestion(for: rule))
            }
            guard let resource = try text("resource") else {
                throw invalid(item, "waivers.resource", "missing; give the resource id or ARN (globs `*`, `?` allowed)")
            }
            guard let reason = try text("reason") else {
                throw invalid(item, "waivers.reason", "missing; say why the finding is accepted")
            }
            let expires = try text("expires")
            if let expires, let node = fields["expires"]?.value, !Self.isDate(expires) {
                throw invalid(node, "waivers.expires", "`\(expires)` is not a date; write YYYY-MM-DD, e.g. 2027-03-31")
            }
            configuration.waivers.append(Waiver(
                rule: rule, resource: resource, reason: reason, expires: expires, fingerprint: try text("fingerprint"),
                source: location(ruleNode)
            ))
        }
    }

    /// True for a real calendar date written `YYYY-MM-DD`.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    // MARK: secrets

    mutating func readSecrets(_ node: Node) throws {
        var patterns = configuration.secrets
        for (key, value) in try mapping(node, "secrets") {
            let field = try name(key)
            switch field {
            case "name_signals": patterns.nameSignals = try words(value, field)
            case "name_signal_pairs": patterns.nameSignalPairs = try words(value, field)
            case "not_secret_suffixes": patterns.notSecretSuffixes = try words(value, field).map(Self.trimUnderscores)
            case "not_secret_prefixes": patterns.notSecretPrefixes = try words(value, field).map(Self.trimUnderscores)
            case "not_secret_contains": patterns.notSecretContains = try words(value, field).map(Self.trimUnderscores)
            case "allow": patterns.allow += try words(value, field)
            case "value_shapes": patterns.valueShapes = try shapes(value)
            case "entropy": patterns.entropy = try entropy(value, patterns.entropy)
            default:
                throw invalid(key, "secrets.\(field)", "unknown key; use name_signals, name_signal_pairs, not_secret_suffixes, "
                    + "not_secret_prefixes, not_secret_contains, value_shapes, entropy or allow")
            }
        }
        configuration.secrets = patterns
    }

    func words(_ node: Node, _ field: String) throws -> [String] {
        guard case let .sequence(items) = node else { throw invalid(node, "secrets.\(field)", "expected a list") }
        return try items.map { item in
            guard case .scalar = item, let text = item.string, !text.isEmpty else {
                throw invalid(item, "secrets.\(field)", "expected plain text items")
            }
            return text
        }
    }

    static func trimUnderscores(_ text: String) -> String {
        // Foundation's trim costs ~13,000 instructions a call (50 a run); a
        // text whose first and last bytes are neither `_` nor `-` keeps every
        // scalar (no other UTF-8 byte equals either).
        func isEdge(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") }
        if let first = text.utf8.first, let last = text.utf8.last, !isEdge(first), !isEdge(last) {
            return text.uppercased()
        }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: "_-")).uppercased()
    }

    /// `name: 'regex'`, or `name: {pattern: 'regex', keywords: [literal, ...]}`: the
    /// regex is only tried on values holding one of the keywords (ASCII case ignored).
    func shapes(_ node: Node) throws -> [ValueShape] {
        try mapping(node, "secrets.value_shapes").map { key, value in
            let shapeName = try name(key).lowercased()
            let field = "secrets.value_shapes.\(shapeName)"
            var patternNode = value
            var keywords: [String] = []
            if case .mapping = value {
                var found: Node?
                for (member, memberValue) in try mapping(value, field) {
                    let memberName = try name(member)
                    switch memberName {
                    case "pattern": found = memberValue
                    case "keywords": keywords = try words(memberValue, "value_shapes.\(shapeName).keywords")
                    default: throw invalid(member, "\(field).\(memberName)", "unknown key; use pattern and keywords")
                    }
                }
                guard let found else { throw invalid(value, field, "missing pattern: add `pattern: '<regular expression>'`") }
                patternNode = found
            }
            guard case .scalar = patternNode, let pattern = patternNode.string, !pattern.isEmpty else {
                throw invalid(patternNode, field, "expected a regular expression in single quotes")
            }
            do {
                try ValueShape.validate(pattern)
            } catch {
                throw invalid(patternNode, field, "not a valid regular expression; check brackets and escapes")
            }
            return ValueShape(name: shapeName, pattern: pattern, keywords: keywords)
        }
    }

    func entropy(_ node: Node, _ current: EntropySettings) throws -> EntropySettings {
        var settings = current
        for (key, value) in try mapping(node, "secrets.entropy") {
            let field = try name(key)
            guard let number = value.float, number >= 0 else {
                throw invalid(value, "secrets.entropy.\(field)", "expected a non-negative number")
            }
            switch field {
            case "min_length": settings.minLength = Int(number)
            case "min_bits_three_classes": settings.minBitsThreeClasses = number
            case "min_bits_two_classes": settings.minBitsTwoClasses = number
            case "word_vowel_ratio": settings.wordVowelRatio = number
            case "word_transition_rate": settings.wordTransitionRate = number
            default:
                throw invalid(key, "secrets.entropy.\(field)", "unknown key; use min_length, min_bits_three_classes, "
                    + "min_bits_two_classes, word_vowel_ratio or word_transition_rate")
            }
        }
        return settings
    }
}
