import Foundation

/// The gate's cheap pre-filter for values that may be secrets. It only picks
/// candidates for `Inventory.fileValues`; the Rules module's detector decides.
enum SecretHints {
    /// Words that make a flag, key or prose label name a secret (English and Spanish).
    static let secretWords: Set<String> = [
        "password", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token", "auth", "key", "apikey",
        "credential", "credentials", "private", "contraseña", "contrasena", "clave", "secreto",
    ]

    /// Keys that contain a secret word but never hold one (tag keys, ids of keys).
    static let harmlessKeys: Set<String> = ["key", "tagkey", "keyname", "kmskeyid", "kms-key-id", "kms_key_id", "passrole"]

    /// Last words that make a name a reference or a setting, not a secret
    /// (`--secret-id`, `--kms-key-id`, `PASSWORD_FILE`, `TOKEN_TTL`).
    static let referenceSuffixes: Set<String> = [
        "id", "ids", "arn", "arns", "name", "names", "file", "path", "stdin", "length", "ttl", "seconds", "enabled",
        "version", "prefix", "type", "policy",
    ]

    /// The lowercased words of a name: split at `-`, `_`, `.`, spaces and camelCase humps.
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for char in name {
            if char.isLetter || char.isNumber {
                if char.isUppercase, previousWasLower, !current.isEmpty {
                    words.append(current.lowercased())
                    current = ""
                }
                current.append(char)
                previousWasLower = char.isLowercase || char.isNumber
            } else {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }

    /// True when `name` (flag without dashes, JSON key, prose label) names a secret.
    static func namesSecret(_ name: String) -> Bool {
        let compact = name.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        if harmlessKeys.contains(compact) || harmlessKeys.contains(compact.filter { $0.isLetter }) { return false }
        let parts = words(of: name)
        if let last = parts.last, referenceSuffixes.contains(last) { return false }
        return parts.contains { secretWords.contains($0) }
    }

    /// True when `text` holds a `scheme://user:pass@host` (or `scheme://:pass@host`) URL.
    static func hasURLCredentials(_ text: String) -> Bool {
        var rest = Substring(text)
        while let schemeEnd = rest.range(of: "://") {
            let afterScheme = rest[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == " " || $0 == "\"" || $0 == "'" || $0 == "?" } ?? afterScheme.endIndex
            let authority = afterScheme[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                if let colon = userInfo.firstIndex(of: ":"), userInfo.index(after: colon) < userInfo.endIndex {
                    return true
                }
            }
            rest = afterScheme
        }
        return false
    }
}
