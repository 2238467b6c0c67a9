import XCTest
@testable import Rules
import TestSupport

/// `URLParts` searches ASCII values on bytes (it searched characters): on
/// random URL-like values, ASCII or not, it must give what the character
/// searches gave, kept here as the reference.
final class URLPartsASCIITests: XCTestCase {
    /// The parse as it was: every search on `Character`s.
    private struct Reference: Equatable {
        var scheme: String
        var userinfo: String?
        var host: String
        var port: Int?
        var query: String
        var credentials: String?

        init?(_ value: String) {
            guard URLCredentials.looksLikeURL(value), let schemeEnd = FastText.range(of: "://", in: value) else { return nil }
            scheme = value[..<schemeEnd.lowerBound].lowercased()
            let rest = value[schemeEnd.upperBound...]
            var hostStart = rest.startIndex
            var range: Range<String.Index>?
            if let at = URLParts.userinfoEnd(rest) {
                range = rest.startIndex..<at
                hostStart = rest.index(after: at)
            }
            userinfo = range.map { String(value[$0]) }
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
            credentials = nil
            if let range, let colon = value[range].firstIndex(of: ":") {
                let password = String(value[value.index(after: colon)..<range.upperBound])
                if !password.isEmpty, !ValueFacts.isPlaceholder(password) {
                    credentials = String(value[range.lowerBound..<colon]) + "|" + password
                }
            }
        }

        init(_ parts: URLParts, in value: String) {
            scheme = parts.scheme
            userinfo = parts.userinfo.map { String(value[$0]) }
            host = parts.host
            port = parts.port
            query = parts.query
            credentials = URLCredentials.find(in: value).map { $0.user + "|" + $0.password }
        }
    }

    func testRandomValuesParseAsTheCharacterSearchesParsedThem() {
        var random = SeededRandom(seed: 0x0A11_5EED)
        let schemes = ["postgres://", "redis://", "HTTP://", "s3://", "x+y.z-w://", "http:/", ""]
        let pieces = ["a", "B", "z", "0", "9", ".", "-", ":", ":", "@", "@", "/", "?", "#", "[", "]", "=", "&", "%",
                      "db.internal", "cache.example.net", "6379", "${P}", "é", "\u{301}", "«", "»", "\r\n", " ", "ü"]
        var parsed = 0
        var withCredentials = 0
        var nonASCII = 0
        for _ in 0..<40_000 {
            var value = random.pick(schemes) + random.string(random.int(in: 0...24), from: pieces)
            if random.chance(50) { value = value.filter(\.isASCII) }
            let reference = Reference(value)
            let fast = URLParts(value).map { Reference($0, in: value) }
            XCTAssertEqual(fast, reference, value)
            if reference != nil { parsed += 1 }
            if reference?.credentials != nil { withCredentials += 1 }
            if reference != nil, !value.utf8.allSatisfy({ $0 < 0x80 }) { nonASCII += 1 }
        }
        XCTAssertGreaterThan(parsed, 10_000)
        XCTAssertGreaterThan(withCredentials, 1_000)
        XCTAssertGreaterThan(nonASCII, 2_000)
    }
}
