import Foundation

/// Facts about a value that make it clearly not a secret (rules.md "reasons not to fire").
enum ValueFacts {
    static let number = RegexCache.Pattern(#"^[+-]?[0-9]+(\.[0-9]+)?$"#)
    static let shellVariable = RegexCache.Pattern(#"^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-=?][^}]*)?\}?$"#)
    static let template = RegexCache.Pattern(#"^\{\{.*\}\}$"#)
    static let angleBracketed = RegexCache.Pattern(#"^<[^<>]+>$"#)
    static let commandSubstitution = RegexCache.Pattern(#"^\$\(.*\)$"#)
    static let path = RegexCache.Pattern(#"^(~|\.{1,2})?/[A-Za-z0-9._@%+=,~/-]*$"#)
    static let booleans: Set<String> = ["true", "false", "yes", "no", "on", "off", "enabled", "disabled", "none", "null"]

    /// Why `value` (trimmed, non-empty) is not a secret, or `nil`.
    static func reason(_ value: String) -> String? {
        // Whether the hand-written matchers apply, worked out once for the seven patterns.
        let printable = FastText.isPrintableASCII(value)
        if booleans.contains(value.lowercased()) { return "boolean value" }
        if number.matches(value, printableASCII: printable) { return "numeric value" }
        if value.hasPrefix("arn:aws") { return "an ARN (a reference, not the secret)" }
        if isSecretReference(value) { return "an SSM / Secrets Manager reference" }
        if isPlaceholder(value, printableASCII: printable) { return "a variable reference or placeholder" }
        if URLCredentials.urlScheme.matches(value, printableASCII: printable) { return "a URL without credentials" }
        if isPath(value, printableASCII: printable) { return "a file path" }
        return nil
    }

    /// `ssm:/x`, `{{resolve:secretsmanager:...}}`, `/aws/reference/secretsmanager/...`, `secretsmanager:...`.
    static func isSecretReference(_ value: String) -> Bool {
        let lower = value.lowercased()
        return lower.hasPrefix("{{resolve:ssm") || lower.hasPrefix("{{resolve:secretsmanager")
            || lower.hasPrefix("ssm:") || lower.hasPrefix("secretsmanager:")
            || lower.hasPrefix("/aws/reference/secretsmanager/")
    }

    /// `$VAR`, `${VAR}`, `{{ var }}`, `<your-password>`: a value still to be filled in.
    static func isPlaceholder(_ value: String) -> Bool {
        isPlaceholder(value, printableASCII: FastText.isPrintableASCII(value))
    }

    /// `isPlaceholder`, given `FastText.isPrintableASCII(value)`.
    static func isPlaceholder(_ value: String, printableASCII printable: Bool) -> Bool {
        shellVariable.matches(value, printableASCII: printable)
            || template.matches(value, printableASCII: printable)
            || angleBracketed.matches(value, printableASCII: printable)
            || commandSubstitution.matches(value, printableASCII: printable)
    }

    /// `/run/secrets/x`, `./x`, `../x`, `~/x`, `file://x`: a place, not a value.
    static func isPath(_ value: String) -> Bool {
        isPath(value, printableASCII: FastText.isPrintableASCII(value))
    }

    /// `isPath`, given `FastText.isPrintableASCII(value)`.
    static func isPath(_ value: String, printableASCII printable: Bool) -> Bool {
        path.matches(value, printableASCII: printable)
            && (value.dropFirst().contains("/") || value.contains("."))
    }

    /// Strips one pair of matching surrounding quotes (`'x'`, `"x"`).
    static func unquoted(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" else {
            return value
        }
        return String(value.dropFirst().dropLast())
    }
}
