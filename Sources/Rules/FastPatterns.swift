import Foundation

/// Hand-written matchers for the fixed regular expressions the detector and
/// the ECS rules test against every environment value. Each gives exactly
/// the answer `NSRegularExpression.firstMatch` gives for printable-ASCII
/// text (where `^`, `$` and `.` have their plain meaning); `RegexCache`
/// uses them only for such text and the regex for anything else.
/// `FastPatternsTests` checks every matcher against the regex.
enum FastPatterns {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The matcher for `pattern`, if there is one.
    static let matchers: [String: @Sendable (Bytes) -> Bool] = [
        #"^[+-]?[0-9]+(\.[0-9]+)?$"#: number,
        #"^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-=?][^}]*)?\}?$"#: shellVariable,
        #"^\{\{.*\}\}$"#: { b in b.count >= 4 && b[0] == 0x7B && b[1] == 0x7B && b[b.count - 2] == 0x7D && b[b.count - 1] == 0x7D },
        #"^<[^<>]+>$"#: angleBracketed,
        #"^\$\(.*\)$"#: { b in b.count >= 3 && b[0] == 0x24 && b[1] == 0x28 && b[b.count - 1] == 0x29 },
        #"^(~|\.{1,2})?/[A-Za-z0-9._@%+=,~/-]*$"#: path,
        #"^[A-Za-z0-9+/=_-]+$"#: { b in !b.isEmpty && b.allSatisfy { isAlnum($0) || "+/=_-".utf8.contains($0) } },
        #"^[0-9a-fA-F-]+$"#: { b in !b.isEmpty && b.allSatisfy { isHex($0) || $0 == 0x2D } },
        #"^[A-Za-z][A-Za-z0-9+.-]*://"#: urlScheme,
        #"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?([/?#].*)?$"#: hostLike,
        #"^(<[^<>]+>|[A-Za-z0-9<>_-]+(\.[A-Za-z0-9<>_-]+)+)(:[0-9]+)?$"#: hostOrPlaceholder,
    ]

    static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlnum(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) }
    static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }

    /// Index after the run of bytes satisfying `accept` starting at `from`.
    static func scan(_ b: Bytes, from: Int, _ accept: (UInt8) -> Bool) -> Int {
        var index = from
        while index < b.count, accept(b[index]) { index += 1 }
        return index
    }

    /// `^[+-]?[0-9]+(\.[0-9]+)?$`
    static func number(_ b: Bytes) -> Bool {
        var i = b.first == 0x2B || b.first == 0x2D ? 1 : 0
        let digits = scan(b, from: i, isDigit)
        guard digits > i else { return false }
        i = digits
        if i == b.count { return true }
        guard b[i] == 0x2E else { return false }
        let fraction = scan(b, from: i + 1, isDigit)
        return fraction > i + 1 && fraction == b.count
    }

    /// `^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-=?][^}]*)?\}?$`
    static func shellVariable(_ b: Bytes) -> Bool {
        guard b.first == 0x24 else { return false }
        var i = 1
        if i < b.count, b[i] == 0x7B { i += 1 }
        guard i < b.count, isAlpha(b[i]) || b[i] == 0x5F else { return false }
        i = scan(b, from: i + 1) { isAlnum($0) || $0 == 0x5F }
        // What remains: nothing or `}`, or the operator group then no `}` except one at the very end.
        func closesAtMostOnceAtEnd(_ from: Int) -> Bool {
            let end = b.count > from && b[b.count - 1] == 0x7D ? b.count - 1 : b.count
            return !(from < end && b[from..<end].contains(0x7D))
        }
        if i == b.count || (i == b.count - 1 && b[i] == 0x7D) { return true }
        if b[i] == 0x3A { i += 1 }
        guard i < b.count, b[i] == 0x2D || b[i] == 0x3D || b[i] == 0x3F else { return false }
        return closesAtMostOnceAtEnd(i + 1)
    }

    /// `^<[^<>]+>$`
    static func angleBracketed(_ b: Bytes) -> Bool {
        guard b.count >= 3, b[0] == 0x3C, b[b.count - 1] == 0x3E else { return false }
        return !b[1..<(b.count - 1)].contains { $0 == 0x3C || $0 == 0x3E }
    }

    /// `^(~|\.{1,2})?/[A-Za-z0-9._@%+=,~/-]*$`
    static func path(_ b: Bytes) -> Bool {
        var i = 0
        if b.first == 0x7E {
            i = 1
        } else if b.count >= 3, b[0] == 0x2E, b[1] == 0x2E, b[2] == 0x2F {
            i = 2
        } else if b.first == 0x2E {
            i = 1
        }
        guard i < b.count, b[i] == 0x2F else { return false }
        return scan(b, from: i + 1) { isAlnum($0) || "._@%+=,~/-".utf8.contains($0) } == b.count
    }

    /// `^[A-Za-z][A-Za-z0-9+.-]*://` (a prefix)
    static func urlScheme(_ b: Bytes) -> Bool {
        guard let first = b.first, isAlpha(first) else { return false }
        let i = scan(b, from: 1) { isAlnum($0) || $0 == 0x2B || $0 == 0x2E || $0 == 0x2D }
        return i + 3 <= b.count && b[i] == 0x3A && b[i + 1] == 0x2F && b[i + 2] == 0x2F
    }

    /// Index after `label(\.label)+` from `from`, or `nil` when fewer than two labels.
    static func dottedLabels(_ b: Bytes, from: Int, _ accept: (UInt8) -> Bool) -> Int? {
        var i = scan(b, from: from, accept)
        guard i > from else { return nil }
        var labels = 1
        while i < b.count, b[i] == 0x2E {
            let next = scan(b, from: i + 1, accept)
            guard next > i + 1 else { break }
            i = next
            labels += 1
        }
        return labels >= 2 ? i : nil
    }

    /// Index after an optional `:[0-9]+` at `from` (unchanged when absent).
    static func optionalPort(_ b: Bytes, from: Int) -> Int {
        guard from < b.count, b[from] == 0x3A else { return from }
        let end = scan(b, from: from + 1, isDigit)
        return end > from + 1 ? end : from
    }

    /// `^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?([/?#].*)?$`
    static func hostLike(_ b: Bytes) -> Bool {
        guard let labels = dottedLabels(b, from: 0, { isAlnum($0) || $0 == 0x2D }) else { return false }
        let i = optionalPort(b, from: labels)
        return i == b.count || b[i] == 0x2F || b[i] == 0x3F || b[i] == 0x23
    }

    /// `^(<[^<>]+>|[A-Za-z0-9<>_-]+(\.[A-Za-z0-9<>_-]+)+)(:[0-9]+)?$`
    static func hostOrPlaceholder(_ b: Bytes) -> Bool {
        if b.first == 0x3C {
            let close = scan(b, from: 1) { $0 != 0x3C && $0 != 0x3E }
            if close > 1, close < b.count, b[close] == 0x3E, optionalPort(b, from: close + 1) == b.count { return true }
        }
        guard let labels = dottedLabels(b, from: 0, { isAlnum($0) || $0 == 0x3C || $0 == 0x3E || $0 == 0x5F || $0 == 0x2D }) else {
            return false
        }
        return optionalPort(b, from: labels) == b.count
    }
}
