import Foundation
import XCTest
@testable import Rules
import TestSupport

/// `URLParts.asciiUserinfoEnd` (bytes) against the Character loop every
/// value took before (copied below from `git show 1c5676f~1:Sources/Rules/Secrets/URLCredentials.swift`,
/// with `RegexCache.matches`, then regex-only, as `regexMatches`).
final class URLUserinfoTests: XCTestCase {
    static func previousUserinfoEnd(_ rest: Substring) -> String.Index? {
        var ats: [String.Index] = []
        var authorityEnd: String.Index?
        var index = rest.startIndex
        while index < rest.endIndex {
            let char = rest[index]
            if char == "«", let close = rest[index...].firstIndex(of: "»") {
                index = rest.index(after: close)
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
                if RegexCache.regexMatches(String(tail), URLParts.hostLike) { return at }
            }
        }
        return inAuthority
    }

    static let pieces = ["user", ":", "p", "@", "@", "/", "?", "#", "a.b", "db.internal", ":5432", "x", "%40", "-", ".", "..",
                         "=", "&", "1", "Z", " ", "\r\n", "\t", "@h.io/", ":pw@", "/x@a.b", "?q@c.d:1"]

    /// UTF-8 offset of `index` from the start of `rest`.
    static func offset(_ index: String.Index?, in rest: Substring) -> Int? {
        index.map { rest.utf8.distance(from: rest.startIndex, to: $0) }
    }

    func testASCIIBytesAgreeWithTheCharacterLoop() {
        var rng = SeededRandom(seed: 0x0A7)
        var found = 0
        let count = 15_000
        for _ in 0..<count {
            let scheme = rng.pick(["redis://", "postgres://", "x://", ""])
            let value = scheme + rng.string(rng.int(in: 0...14), from: Self.pieces)
            // A slice of a longer string, as `URLParts` passes it.
            let rest = value[value.index(value.startIndex, offsetBy: scheme.count)...]
            let fast = URLParts.asciiUserinfoEnd(rest)
            let previous = Self.previousUserinfoEnd(rest)
            XCTAssertEqual(Self.offset(fast, in: rest), Self.offset(previous, in: rest), value.debugDescription)
            XCTAssertEqual(Self.offset(URLParts.userinfoEnd(rest), in: rest), Self.offset(previous, in: rest), value.debugDescription)
            if previous != nil { found += 1 }
        }
        XCTAssertGreaterThan(found, count / 5, "too few values with a userinfo")
        XCTAssertLessThan(found, count - count / 5, "too few values without one")
    }

    /// Other text keeps the Character loop (redaction tokens are opaque there).
    func testOtherTextKeepsTheCharacterLoop() {
        var rng = SeededRandom(seed: 0x0A8)
        let pieces = Self.pieces + ["«", "»", "«redacted:ab12»", "é", "\u{301}", "😀"]
        for _ in 0..<3_000 {
            let value = "s://" + rng.string(rng.int(in: 0...12), from: pieces)
            let rest = value.dropFirst(4)
            XCTAssertEqual(Self.offset(URLParts.userinfoEnd(rest), in: rest), Self.offset(Self.previousUserinfoEnd(rest), in: rest),
                           value.debugDescription)
        }
        let value = "redis://:p«x@y/z»w@cache.internal:6379"
        let parts = URLParts(value)
        XCTAssertEqual(parts?.host, "cache.internal")
    }

    /// A redaction token in the password: the `@` right after it ends the userinfo, whatever the
    /// rest looks like (the original password's `/`, `?` and `@` are inside the token).
    func testTheAtAfterARedactionTokenEndsTheUserinfo() {
        let token = "«redacted sha256:3c5373c1 preview://…h@ signals:2808d7»"
        let value = "redis://u:\(token)@6384.9994?@uiii\u{FFFD}ch@@6384.99944893919P"
        let parts = URLParts(value)
        XCTAssertEqual(parts.flatMap { $0.userinfo.map { String(value[$0]) } }, "u:" + token)
        XCTAssertEqual(parts?.host, "6384.9994")
        let notAToken = "s://a:«x»@b.c/d@e.f".dropFirst(4)
        XCTAssertEqual(Self.offset(URLParts.userinfoEnd(notAToken), in: notAToken),
                       Self.offset(Self.previousUserinfoEnd(notAToken), in: notAToken), "other «…» text keeps the previous loop")
    }
}
