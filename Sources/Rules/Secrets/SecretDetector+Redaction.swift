import Digests
import Foundation
import Inventory

extension SecretDetector {
    /// What a finding shows of the secret in `value`: the password part of a
    /// URL with credentials, else the whole value. Understands redaction
    /// tokens: the evidence of a redacted value equals that of the original.
    public func evidence(name: String, value: String) -> SecretEvidence {
        evidenceIgnoringAllowList(name: name, value: value)
    }

    func evidenceIgnoringAllowList(name: String, value: String) -> SecretEvidence {
        evidence(name: name, value: value, onlyURLCredentials: nil)
    }

    /// `evidence(name:value:)` (allow-list aside), given
    /// `classification(name:value:nameFacts:).onlyURLCredentials` when the
    /// caller kept it: the value signals are then not worked out again.
    func evidence(name: String, value: String, onlyURLCredentials known: Bool?) -> SecretEvidence {
        if let token = RedactionToken.parseWhole(value, codebook: codebook) { return token.evidence(variable: name) }
        if let part = partialSecret(name: name, value: value, onlyURLCredentials: known) {
            if let token = RedactionToken.parse(part.password, codebook: codebook) { return token.evidence(variable: name) }
            return SecretEvidence(variable: name, value: part.password)
        }
        return SecretEvidence(variable: name, value: value)
    }

    /// The URL credentials when only the password part of `value` is the
    /// secret: the value signals are exactly `value:url-credentials`
    /// (`known`, when the caller has it from the classification).
    func partialSecret(name: String, value: String, onlyURLCredentials known: Bool? = nil) -> URLCredentials? {
        guard let creds = URLCredentials.find(in: value) else { return nil }
        if RedactionToken.parse(creds.password, codebook: codebook) != nil { return creds }
        if let known { return known ? creds : nil }
        let trimmed = FastText.trimmed(value, newlines: true)
        // Trimming only removes characters: the same length is the same string, whose credentials are known.
        let trimmedCreds = trimmed.utf8.count == value.utf8.count ? creds : URLCredentials.find(in: trimmed)
        return strongValueSignals(trimmed, credentials: trimmedCreds) == [SecretSignal.urlCredentials] ? creds : nil
    }

    /// `value` with its secret part replaced by a redaction token
    /// (`«redacted sha256:XXXXXXXX preview:P signals:…»`): the whole value, or
    /// only the password of a URL so scheme, user and host survive.
    /// Values that are not secrets come back unchanged; redacting twice changes nothing.
    public func redact(name: String, value: String) -> String {
        let verdict = classify(name: name, value: value)
        guard case let .secret(signals) = verdict, RedactionToken.parseWhole(value, codebook: codebook) == nil else { return value }
        if let part = partialSecret(name: name, value: value) {
            if RedactionToken.parse(part.password, codebook: codebook) != nil { return value }
            let token = RedactionToken(evidence: SecretEvidence(variable: name, value: part.password), signals: signals)
            return value.replacingCharacters(in: part.passwordRange, with: token.text)
        }
        return RedactionToken(evidence: SecretEvidence(variable: name, value: value), signals: signals).text
    }

    /// A copy of `inventory` safe to write to disk: every container
    /// environment value that classifies as a secret is redacted, and file
    /// values (from reviewed files) are dropped.
    public func redactInventory(_ inventory: Inventory) -> Inventory {
        var copy = inventory
        for defIndex in copy.taskDefinitions.indices {
            for containerIndex in copy.taskDefinitions[defIndex].containers.indices {
                var container = copy.taskDefinitions[defIndex].containers[containerIndex]
                container.environment = container.environment.map { pair in
                    guard let value = pair.value else { return pair }
                    return NameValue(name: pair.name, value: redact(name: pair.name, value: value))
                }
                copy.taskDefinitions[defIndex].containers[containerIndex] = container
            }
        }
        copy.fileValues = []
        return copy
    }

    /// The active patterns, one line each, for `hydrous-audit rules explain ecs_plaintext_secret_env`.
    public var explanation: [String] {
        let entropy = patterns.entropy
        var lines = [
            "Name signals (whole words of the name): " + patterns.nameSignals.joined(separator: ", "),
            "Name word pairs (KEY alone is too weak): " + patterns.nameSignalPairs.joined(separator: ", "),
            "Never fires on a name ending in: " + patterns.notSecretSuffixes.map { "_" + $0 }.joined(separator: ", "),
            "Never fires on a name starting with: " + patterns.notSecretPrefixes.map { $0 + "_" }.joined(separator: ", "),
            "Never fires on a name containing: " + patterns.notSecretContains.joined(separator: ", "),
            "Never fires on a value that is empty, a boolean, a number, an ARN, an SSM / Secrets Manager reference, "
                + "a placeholder ($VAR, {{x}}, <x>), a URL without credentials or a file path",
            "Fires whatever the name on url-credentials: scheme://user:password@host, redis://:password@host",
        ]
        lines += patterns.valueShapes.map { "Fires whatever the name on \($0.name): /\($0.pattern)/" }
        lines.append(
            "Fires on high entropy: at least \(entropy.minLength) characters of A-Z a-z 0-9 + / = _ -, not hex, "
                + "not word-like, ≥ \(entropy.minBitsThreeClasses) bits/char with lower+upper+digits "
                + "or ≥ \(entropy.minBitsTwoClasses) with two of them"
        )
        lines.append("Allow-list: " + (patterns.allow.isEmpty ? "(empty)" : patterns.allow.joined(separator: ", ")))
        lines.append("Variables in a container's `secrets` list are never findings")
        return lines
    }
}
