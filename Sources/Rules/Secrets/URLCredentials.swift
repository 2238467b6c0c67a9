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

    static let urlScheme = RegexCache.Pattern(#"^[A-Za-z][A-Za-z0-9+.-]*://"#)

    /// A quick test for `scheme://`.
    static func looksLikeURL(_ value: String) -> Bool {
        urlScheme.matches(value)
    }

    /// The credentials in `value`, when it is a URL with a non-empty password
    /// that is not itself a placeholder (`${REDIS_PASSWORD}`).
    static func find(in value: String) -> URLCredentials? {
        // Credentials end at an `@` (U+0040, which no other character sequence
        // equals): a value without that byte has none, and most values have
        // none. Parsing them as URLs was ~4,400 instructions each.
        guard FastText.containsByte(value, 0x40) else { return nil }
        guard let parts = URLParts(value), let userinfo = parts.userinfo,
              let colon = parts.isASCII ? value[userinfo].utf8.firstIndex(of: 0x3A) : value[userinfo].firstIndex(of: ":")
        else { return nil }
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
    /// True when `value` is ASCII: its characters are its bytes, and the
    /// searches for `/?#`, `:` and `?` run on bytes (the same indices).
    var isASCII: Bool

    /// Parses `value`; tolerates unencoded `/`, `@` and redaction tokens in the password.
    init?(_ value: String) {
        guard URLCredentials.looksLikeURL(value), let schemeEnd = FastText.range(of: "://", in: value) else { return nil }
        isASCII = FastText.isASCII(value)
        scheme = value[..<schemeEnd.lowerBound].lowercased()
        let rest = value[schemeEnd.upperBound...]
        // The host starts after the last `@` that is followed by something host-like.
        var hostStart = rest.startIndex
        userinfo = nil
        if let at = isASCII ? URLParts.asciiUserinfoEnd(rest) : URLParts.userinfoEnd(rest) {
            userinfo = rest.startIndex..<at
            hostStart = rest.index(after: at)
        }
        let hostAndRest = rest[hostStart...]
        let ascii = isASCII
        let authorityEnd = ascii
            ? hostAndRest.utf8.firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? hostAndRest.endIndex
            : hostAndRest.firstIndex { "/?#".contains($0) } ?? hostAndRest.endIndex
        let authority = hostAndRest[..<authorityEnd]
        if let colon = ascii ? authority.utf8.lastIndex(of: 0x3A) : authority.lastIndex(of: ":"),
           !authority.hasPrefix("[") || authority[..<colon].hasSuffix("]") {
            host = authority[..<colon].lowercased()
            port = Int(authority[authority.index(after: colon)...])
        } else {
            host = authority.lowercased()
            port = nil
        }
        if let question = ascii ? hostAndRest.utf8.firstIndex(of: 0x3F) : hostAndRest.firstIndex(of: "?") {
            query = String(hostAndRest[hostAndRest.index(after: question)...])
        } else {
            query = ""
        }
    }

    /// A dotted host name (with optional port) and optional path: what follows a userinfo `@`.
    static let hostLike = #"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?([/?#].*)?$"#

    /// The index of the `@` ending the userinfo, if any: the last `@` of the
    /// authority, or a later `@` followed by a host name when the password
    /// holds an unencoded `/`, `?` or `#`. Redaction tokens are opaque.
    static func userinfoEnd(_ rest: Substring) -> String.Index? {
        if rest.utf8.allSatisfy({ $0 < 0x80 }) { return asciiUserinfoEnd(rest) }
        var ats: [String.Index] = []
        var authorityEnd: String.Index?
        var index = rest.startIndex
        while index < rest.endIndex {
            let char = rest[index]
            let isToken = char == "«" && rest[index...].utf8.starts(with: RedactionToken.open.utf8)
            if char == "«", let close = (isToken ? RedactionToken.closeIndex(in: rest[index...]) : nil)
                ?? Self.plainGuillemetsEnd(rest[index...]) {
                index = rest.index(after: close)
                // A redaction token stands for the password: the `@` right after it ends the userinfo,
                // whatever the characters the password held (`/`, `?`, `@`) made of the original.
                if isToken, index < rest.endIndex, rest[index] == "@" { return index }
                continue
            }
            if char == "@" { ats.append(index) }
            if authorityEnd == nil, "/?#".contains(char) { authorityEnd = index }
            index = rest.index(after: index)
        }
        let end = authorityEnd ?? rest.endIndex
        let inAuthority = ats.last { $0 < end }
        if authorityEnd != nil, rest[..<end].contains(":") || inAuthority != nil {
            for at in ats where at > end {
                let tail = rest[rest.index(after: at)...]
                if RegexCache.matches(String(tail), URLParts.hostLike) { return at }
            }
        }
        return inAuthority
    }

    /// The `»` closing a `«` that does not open a redaction token, taken as
    /// opaque text like a token; nil when a token opens before it. A user
    /// name holding `«` (`redis://«x:pw@host`) once made the `»` of the token
    /// that redaction put after it close the user name's `«`: the token was
    /// then read as the middle of an opaque span, and the redacted URL gave
    /// other evidence than the original (found by FuzzSecrets).
    static func plainGuillemetsEnd(_ text: Substring) -> String.Index? {
        guard let close = text.firstIndex(of: "»") else { return nil }
        let inner = text[text.index(after: text.startIndex)..<close]
        return inner.range(of: RedactionToken.open) == nil ? close : nil
    }

    /// `userinfoEnd` for ASCII text (no redaction tokens there), on bytes.
    static func asciiUserinfoEnd(_ rest: Substring) -> String.Index? {
        let offset = rest.utf8.withContiguousStorageIfAvailable(userinfoEndOffset)
            ?? Array(rest.utf8).withUnsafeBufferPointer(userinfoEndOffset)
        return offset.map { rest.utf8.index(rest.utf8.startIndex, offsetBy: $0) }
    }

    /// `asciiUserinfoEnd` on the bytes, as an offset: one pass up to the
    /// authority's end (`/`, `?` or `#`) for its last `@` and whether a `:`
    /// comes before, then the `@`s after it, each tried as the end of a
    /// password holding one of those characters.
    private static func userinfoEndOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var authorityEnd: Int?
        var lastAt: Int?
        var colon = false
        for position in bytes.indices {
            let byte = bytes[position]
            if byte == 0x2F || byte == 0x3F || byte == 0x23 {
                authorityEnd = position
                break
            }
            if byte == 0x40 { lastAt = position }
            if byte == 0x3A { colon = true }
        }
        guard let end = authorityEnd, colon || lastAt != nil else { return lastAt }
        for position in (end + 1)..<bytes.count where bytes[position] == 0x40 {
            let tail = String(decoding: UnsafeBufferPointer(rebasing: bytes[(position + 1)...]), as: UTF8.self)
            if RegexCache.matches(tail, URLParts.hostLike) { return position }
        }
        return lastAt
    }
}
