import Foundation

/// Credentials written inside a URL: `scheme://user:password@host/...` or `redis://:password@host`.
struct URLCredentials {
    /// The URL scheme, lower-cased.
    var scheme: String
    /// The user part (may be empty).
    var user: String
    /// The password part (never empty).
    var password: String
    /// Where the password sits in the whole value.
    var passwordRange: Range<String.Index>
    /// The host (without port), lower-cased.
    var host: String

    /// A quick test for `scheme://`.
    static func looksLikeURL(_ value: String) -> Bool {
        value.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*://"#, options: .regularExpression) != nil
    }

    /// The credentials in `value`, when it is a URL with a non-empty password
    /// that is not itself a placeholder (`${REDIS_PASSWORD}`).
    static func find(in value: String) -> URLCredentials? {
        guard let parts = URLParts(value), let userinfo = parts.userinfo,
              let colon = value[userinfo].firstIndex(of: ":") else { return nil }
        let passwordRange = value.index(after: colon)..<userinfo.upperBound
        let password = String(value[passwordRange])
        guard !password.isEmpty, !ValueFacts.isPlaceholder(password) else { return nil }
        return URLCredentials(
            scheme: parts.scheme, user: String(value[userinfo.lowerBound..<colon]), password: password,
            passwordRange: passwordRange, host: parts.host
        )
    }
}

/// The pieces of a `scheme://[userinfo@]host[:port][/path][?query]` value.
struct URLParts {
    var scheme: String
    var userinfo: Range<String.Index>?
    var host: String
    var port: Int?
    var query: String

    /// Parses `value`; tolerates unencoded `/`, `@` and redaction tokens in the password.
    init?(_ value: String) {
        guard let schemeEnd = value.range(of: "://"), URLCredentials.looksLikeURL(value) else { return nil }
        scheme = value[..<schemeEnd.lowerBound].lowercased()
        let rest = value[schemeEnd.upperBound...]
        // The host starts after the last `@` that is followed by something host-like.
        var hostStart = rest.startIndex
        userinfo = nil
        if let at = URLParts.userinfoEnd(rest) {
            userinfo = rest.startIndex..<at
            hostStart = rest.index(after: at)
        }
        let hostAndRest = rest[hostStart...]
        let authorityEnd = hostAndRest.firstIndex(where: { "/?#".contains($0) }) ?? hostAndRest.endIndex
        let authority = hostAndRest[..<authorityEnd]
        if let colon = authority.lastIndex(of: ":"), !authority.hasPrefix("[") || authority[..<colon].hasSuffix("]") {
            host = authority[..<colon].lowercased()
            port = Int(authority[authority.index(after: colon)...])
        } else {
            host = authority.lowercased()
            port = nil
        }
        if let question = hostAndRest.firstIndex(of: "?") {
            query = String(hostAndRest[hostAndRest.index(after: question)...])
        } else {
            query = ""
        }
    }

    /// A dotted host name (with optional port) and optional path: what follows a userinfo `@`.
    static let hostLike = #"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?([/?#].*)?$"#

    /// The index of the `@` ending the userinfo, if any: the last `@` before
    /// the first `/`, `?` or `#` that follows it.
    static func userinfoEnd(_ rest: Substring) -> String.Index? {
        // A redaction token may hold any character: step over it whole.
        var index = rest.startIndex
        var candidate: String.Index?
        while index < rest.endIndex {
            let char = rest[index]
            if char == "«", let close = rest[index...].firstIndex(of: "»") {
                index = rest.index(after: close)
                continue
            }
            if char == "@" { candidate = index }
            if "/?#".contains(char) {
                if candidate != nil { break }
                // A `/` in an unencoded password: keep looking for an `@` whose tail is host-like.
                if let at = rest[index...].firstIndex(of: "@"), rest[..<index].contains(":") {
                    let tail = rest[rest.index(after: at)...]
                    if tail.range(of: URLParts.hostLike, options: .regularExpression) != nil {
                        candidate = at
                        index = rest.index(after: at)
                        continue
                    }
                }
                break
            }
            index = rest.index(after: index)
        }
        return candidate
    }
}
