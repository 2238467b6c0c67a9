import Digests
import Foundation

/// Decides whether a name/value pair holds a secret in clear text (rules.md,
/// "What a secret in clear text means"): name signals, value signals and
/// reasons not to fire, all read from `rules/secrets.yml`.
public struct SecretDetector: Sendable {
    /// The patterns in use.
    public let patterns: SecretPatterns
    /// Value shapes, their keywords ASCII-folded. The regular expressions are
    /// compiled when first needed (`RegexCache`): a value is matched only when
    /// it holds a keyword, and none of a typical deployment's values does.
    let shapes: [(name: String, pattern: String, keywords: [[UInt8]])]
    let signalWords: Set<String>
    /// `patterns.nameSignals` upper-cased, in order (upper-cased once, not per value).
    let upperSignals: [String]
    let signalPairs: [[String]]
    let suffixes: Set<String>
    let prefixes: [[String]]
    let containedSequences: [[String]]
    /// Redaction-token signal codes back to signal names.
    let codebook: [String: String]

    /// Creates a detector with the built-in patterns.
    public init() {
        self.init(validated: .default)
    }

    /// Creates a detector; throws when a value shape is not a valid regular expression.
    public init(patterns: SecretPatterns) throws {
        for shape in patterns.valueShapes {
            try ValueShape.validate(shape.pattern)
        }
        self.init(validated: patterns)
    }

    init(validated patterns: SecretPatterns) {
        self.patterns = patterns
        self.shapes = patterns.valueShapes.compactMap { shape in
            // ASCII letters only, as `containsIgnoringASCIICase` folds them
            // (`lowercased()` turned a keyword `É` into `é`, which no value matched).
            let keywords = shape.keywords.map { $0.utf8.map(FastText.foldASCII) }
            return (shape.name, shape.pattern, keywords)
        }
        self.signalWords = Set(patterns.nameSignals.map { $0.uppercased() })
        self.upperSignals = patterns.nameSignals.map { $0.uppercased() }
        self.signalPairs = patterns.nameSignalPairs.map(NameWords.sequence)
        self.suffixes = Set(patterns.notSecretSuffixes.flatMap(NameWords.sequence))
        self.prefixes = patterns.notSecretPrefixes.map(NameWords.sequence)
        self.containedSequences = patterns.notSecretContains.map(NameWords.sequence)
        let signals = patterns.nameSignals.map { SecretSignal.namePrefix + $0.uppercased() }
            + signalPairs.map { SecretSignal.namePrefix + $0.joined(separator: "_") }
            + patterns.valueShapes.map { SecretSignal.valuePrefix + $0.name }
            + [SecretSignal.urlCredentials, SecretSignal.highEntropy]
        self.codebook = Dictionary(signals.map { (RedactionToken.code($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The verdict for variable (flag, key) `name` holding `value`.
    public func classify(name: String, value: String?) -> SecretVerdict {
        classify(name: name, value: value, nameFacts: nil)
    }

    /// What `classify` reads of a name alone: why it marks a setting, or
    /// its signals. A caller classifying many values under a few names (a
    /// thousand services of one template) works it out once per name.
    struct NameFacts: Sendable {
        let reason: String?
        let signals: [String]
    }

    /// The facts of `name`.
    func nameFacts(_ name: String) -> NameFacts {
        let words = NameWords.split(name)
        let reason = nameReason(words)
        return NameFacts(reason: reason, signals: reason == nil ? nameSignals(words) : [])
    }

    /// `classify(name:value:)`, given `nameFacts(name)` when the caller has it.
    func classify(name: String, value: String?, nameFacts known: NameFacts?) -> SecretVerdict {
        classification(name: name, value: value, nameFacts: known).verdict
    }

    /// A verdict and what its evidence needs to know of the value signals.
    struct Classification: Sendable {
        /// `classify`'s answer.
        let verdict: SecretVerdict
        /// Whether the value signals (of the trimmed value) are exactly
        /// `value:url-credentials`, which makes the password alone the
        /// secret (`partialSecret`); `nil` when `classify` stopped before
        /// working them out (no value, allow-listed, a redaction token).
        let onlyURLCredentials: Bool?
    }

    /// `classify`, keeping what `evidence(name:value:onlyURLCredentials:)`
    /// would otherwise work out again (the value signals: regular
    /// expressions over the value).
    func classification(name: String, value: String?, nameFacts known: NameFacts?) -> Classification {
        func stop(_ verdict: SecretVerdict) -> Classification { Classification(verdict: verdict, onlyURLCredentials: nil) }
        guard let raw = value else { return stop(.notSecret(reason: "no value")) }
        let value = FastText.trimmed(raw, newlines: true)
        if value.isEmpty { return stop(.notSecret(reason: "empty value")) }
        if isAllowListed(name: name, value: raw) { return stop(.notSecret(reason: "allow-listed in rules/secrets.yml")) }
        if let token = RedactionToken.parseWhole(value, codebook: codebook) { return stop(.secret(signals: token.signals)) }
        let creds = URLCredentials.find(in: value)
        if let creds, let token = RedactionToken.parse(creds.password, codebook: codebook) {
            return stop(.secret(signals: token.signals))
        }
        let facts = known ?? nameFacts(name)
        let nameReason = facts.reason
        let nameSignals = facts.signals
        let valueSignals = strongValueSignals(value, credentials: creds)
        func answer(_ verdict: SecretVerdict) -> Classification {
            Classification(verdict: verdict, onlyURLCredentials: valueSignals == [SecretSignal.urlCredentials])
        }
        if !valueSignals.isEmpty { return answer(.secret(signals: nameSignals + valueSignals)) }
        if let nameReason { return answer(.notSecret(reason: nameReason)) }
        // A base64 key may start with `/`: randomness beats looking like a path.
        let random = Entropy.looksRandom(value, patterns.entropy)
        if let reason = ValueFacts.reason(value), !(random && ValueFacts.isPath(value)) {
            return answer(.notSecret(reason: reason))
        }
        if !nameSignals.isEmpty { return answer(.secret(signals: nameSignals)) }
        if random { return answer(.secret(signals: [SecretSignal.highEntropy])) }
        return answer(.notSecret(reason: "no name or value signal"))
    }

    /// Name signals present as whole words (or word pairs) of the name.
    func nameSignals(_ words: [String]) -> [String] {
        var found: [String] = []
        for signal in upperSignals where words.contains(signal) {
            found.append(SecretSignal.namePrefix + signal)
        }
        for pair in signalPairs where NameWords.contains(words, pair) {
            found.append(SecretSignal.namePrefix + pair.joined(separator: "_"))
        }
        return found
    }

    /// Why the name marks a reference or a setting, or `nil`.
    func nameReason(_ words: [String]) -> String? {
        if let last = words.last, suffixes.contains(last), words.count > 1 {
            return "name ends in _\(last): a reference or a setting, not the secret"
        }
        for prefix in prefixes where words.starts(with: prefix) {
            return "name starts with \(prefix.joined(separator: "_"))_: a setting"
        }
        for sequence in containedSequences where NameWords.contains(words, sequence) {
            return "name contains \(sequence.joined(separator: "_")): a setting"
        }
        return nil
    }

    /// Value signals that fire whatever the name: URL credentials and known token shapes.
    func strongValueSignals(_ value: String) -> [String] {
        strongValueSignals(value, credentials: URLCredentials.find(in: value))
    }

    /// `strongValueSignals` when the URL credentials of `value` are already known.
    func strongValueSignals(_ value: String, credentials: URLCredentials?) -> [String] {
        var found: [String] = []
        if credentials != nil { found.append(SecretSignal.urlCredentials) }
        let bytes = FastText.FoldedBytes(value)
        for shape in shapes where shape.keywords.isEmpty || shape.keywords.contains(where: {
            bytes.mayContain($0) && FastText.containsIgnoringASCIICase(value, $0)
        }) {
            if RegexCache.regexMatches(value, shape.pattern) { found.append(SecretSignal.valuePrefix + shape.name) }
        }
        return found
    }

    /// True when `name` (or `name=<sha256 prefix>`) is on the allow-list.
    func isAllowListed(name: String, value: String) -> Bool {
        guard !patterns.allow.isEmpty else { return false }
        let sha = evidenceIgnoringAllowList(name: name, value: value).sha256
        return patterns.allow.contains { entry in
            guard let equals = entry.firstIndex(of: "=") else { return entry == name }
            let prefix = entry[entry.index(after: equals)...].lowercased()
            return entry[..<equals] == name && !prefix.isEmpty && sha.hasPrefix(prefix.prefix(8))
        }
    }
}
